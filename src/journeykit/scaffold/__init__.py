"""``journey init``: the files of a working journeykit repository, from a template.

The work comes in three steps, so that nothing is written unless everything can be:

1. :func:`render_files` fills a template's files (dates relative to today, the version);
2. :func:`plan` compares them with what is on disk: a file to create, one that is already
   identical, one that differs (a conflict unless ``force``), ``.gitattributes`` lines to add;
   a target that cannot be written at all raises :class:`ScaffoldError`;
3. :func:`apply` writes the plan, each file atomically; when a write fails, the files and
   folders this run created are removed again.

Templates live in ``templates/<name>/`` (a map ``*.journey.yaml`` and its ``personas.yaml``)
beside ``templates/common/`` (config, pre-commit, workflow). Their text may hold ``{{today}}``,
``{{today+N}}``, ``{{today-N}}`` (days), ``{{version}}`` and ``{{schema}}``; nothing else is
substituted, so a template stays valid-looking YAML and GitHub's ``${{ ... }}`` is left alone.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from journeykit.errors import JourneyError

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from journeykit.output import Inputs

MAPS_FOLDER = "journeys"
CONFIG_FILE = "journeykit.yaml"
OTHER_CONFIG = ".journeykit.yaml"  # found by the commands too: ours would shadow it
GITATTRIBUTES = ".gitattributes"
PRE_COMMIT_CONFIG = ".pre-commit-config.yaml"  # both read only at the top of a repository
WORKFLOW = ".github/workflows/journeys.yml"
GITATTRIBUTES_LINES = ("*.journey.yaml diff=journey", "*.journey.yml diff=journey")
SCHEMA_URL = (
    "https://raw.githubusercontent.com/journeykit/journeykit/v{version}"
    "/schemas/journey-map.v1.schema.json"
)
# Files of templates/common/ and where they go (package data cannot hold dot-files reliably);
# the template's own files go to MAPS_FOLDER, after the config.
COMMON = {
    "journeykit.yaml": CONFIG_FILE,
    "pre-commit-config.yaml": PRE_COMMIT_CONFIG,
    "journeys.yml": WORKFLOW,
}


class Template(StrEnum):
    """The starter maps: one folder each under ``templates/``."""

    shop = "shop"  # retail: a first online purchase
    saas = "saas"  # software: trial to paid plan
    service = "service"  # a public service: registering a new address after moving home


class ScaffoldError(JourneyError):
    """The repository cannot be set up where asked (the CLI exits 2)."""


_BROKEN_LINK = "a symbolic link to nothing (or a loop)"
_TOKEN = re.compile(r"(?<!\$)\{\{(\w+)(?:([+-])(\d+))?\}\}")


def fill(text: str, today: dt.date, version: str) -> str:
    """Substitute the template tokens; an unknown one is a bug in the template (ValueError), a
    date out of the calendar a ScaffoldError."""
    values = {"version": version, "schema": SCHEMA_URL.format(version=version)}

    def substitute(match: re.Match[str]) -> str:
        name, sign, days = match.groups()
        if name == "today":
            offset = int(days or 0) * (-1 if sign == "-" else 1)
            try:
                return (today + dt.timedelta(days=offset)).isoformat()
            except OverflowError:  # JOURNEYKIT_TODAY=9999-12-30, say
                raise ScaffoldError(
                    f"the template's dates ({offset:+d} days from {today}) fall outside the "
                    "calendar: set JOURNEYKIT_TODAY to another day"
                ) from None
        if name in values and sign is None:
            return values[name]
        raise ValueError(f"unknown template token {match.group()}")

    return _TOKEN.sub(substitute, text)


def _sources(template: Template) -> list[tuple[Traversable, str]]:
    """The template's files in the package, each with where it goes in the new repository."""
    from importlib import resources  # here, not at the top: `journey --help` imports this module

    root = resources.files(__name__).joinpath("templates")
    sources = [(root.joinpath("common", name), target) for name, target in COMMON.items()]
    maps = sorted(root.joinpath(template.value).iterdir(), key=lambda t: t.name)
    sources[1:1] = [(item, f"{MAPS_FOLDER}/{item.name}") for item in maps if _is_yaml(item.name)]
    return sources


def template_inputs(template: Template) -> Inputs:
    """The template's own files, which ``journey init`` must never replace (run in the
    package's template folder, it would write the filled copy over the template)."""
    from journeykit.output import Inputs

    return Inputs(
        (source, f"the template file {os.fspath(source)}")
        for source, _ in _sources(template)
        if isinstance(source, os.PathLike)
    )


def render_files(template: Template, today: dt.date, version: str) -> dict[str, bytes]:
    """Every file of ``template`` (posix path relative to the new repository -> content)."""
    files = {
        target: fill(source.read_text(encoding="utf-8"), today, version).encode("utf-8")
        for source, target in _sources(template)
    }
    files[GITATTRIBUTES] = "".join(line + "\n" for line in GITATTRIBUTES_LINES).encode("utf-8")
    return files


def _is_yaml(name: str) -> bool:
    return name.endswith((".yaml", ".yml"))


def map_file(files: dict[str, bytes]) -> str:
    """The journey map among ``files``."""
    return next(name for name in files if name.endswith(".journey.yaml"))


@dataclass(frozen=True)
class Step:
    """One file of the plan.

    ``action``: create, overwrite, append (``.gitattributes``), unchanged, conflict (it exists
    and differs: nothing is written), or shadowed (a ``.journeykit.yaml`` that the new
    ``journeykit.yaml`` replaces under ``--force``; it is left on disk).
    """

    path: str
    action: str
    data: bytes = b""
    note: str = ""
    replace_link: bool = False  # the file is a link out of the folder: replace the link itself


@dataclass
class Plan:
    root: Path
    steps: list[Step] = field(default_factory=list)

    @property
    def conflicts(self) -> list[Step]:
        return [step for step in self.steps if step.action == "conflict"]

    @property
    def writes(self) -> list[Step]:
        return [step for step in self.steps if step.action in ("create", "overwrite", "append")]


def plan(root: Path, files: dict[str, bytes], *, force: bool = False) -> Plan:
    """Compare ``files`` with what is under ``root``; raise ScaffoldError where nothing can go."""
    try:
        return _plan(root, files, force)
    except OSError as exc:  # a name too long, a loop of symbolic links, ...
        raise ScaffoldError(f"cannot use {root}: {exc.strerror or exc}") from None


def _plan(root: Path, files: dict[str, bytes], force: bool) -> Plan:
    from journeykit.output import kind_of

    if root.exists() and not root.is_dir():
        what = kind_of(root)
        raise ScaffoldError(f"{root} is {what}, not a folder: journey init sets up a folder "
                            "(give a folder to create or to fill)")  # fmt: skip
    result = Plan(root)
    real_root = Path(os.path.realpath(root))
    for relative, data in files.items():
        target = root / relative
        _check_inside(target.parent, root, real_root)
        _check_writable(target)
        if not target.exists() and not target.is_symlink():
            result.steps.append(Step(relative, "create", data))
        elif target.is_symlink() and not _is_inside(target, real_root) and target.exists():
            result.steps.append(_link_out(relative, target, data, force))
        elif relative == GITATTRIBUTES:
            result.steps.append(_merge_lines(relative, _read(target), force))
        elif _read(target) == data:
            result.steps.append(Step(relative, "unchanged"))
        else:
            result.steps.append(Step(relative, "overwrite" if force else "conflict", data))
    if (root / OTHER_CONFIG).is_file():  # the commands would read ours and ignore it
        if force:
            note = f"the commands now read {CONFIG_FILE} instead: merge the two and delete it"
            result.steps.append(Step(OTHER_CONFIG, "shadowed", note=note))
        else:
            note = f"the commands would read {CONFIG_FILE} instead of it: use --force to go on"
            result.steps.append(Step(OTHER_CONFIG, "conflict", note=note))
    return result


def _is_inside(path: Path, real_root: Path) -> bool:
    return Path(os.path.realpath(path)).is_relative_to(real_root)


def _check_inside(folder: Path, root: Path, real_root: Path) -> None:
    """A folder on the way that is a symbolic link out of ``root`` is refused: init writes only
    inside the folder it sets up."""
    if not _is_inside(folder, real_root):
        where = os.path.realpath(folder)
        raise ScaffoldError(
            f"{folder} is a symbolic link to {where}, outside {root}; journey init writes only "
            "inside the folder it sets up: remove the link or make it a folder"
        )


def _link_out(relative: str, target: Path, data: bytes, force: bool) -> Step:
    """A file that is a symbolic link out of the folder: never written through (the file it
    points to belongs to someone else); ``force`` replaces the link itself by a file."""
    where = os.path.realpath(target)
    old = _read(target)
    if relative == GITATTRIBUTES:
        merged = _merge_lines(relative, old, force)
        if merged.action == "unchanged":
            return merged
        data = merged.data
    elif old == data:
        return Step(relative, "unchanged")
    if not force:
        note = (f"it is a symbolic link to {where}, outside the folder: use --force to replace "
                "the link by a file (the file it points to is left alone)")  # fmt: skip
        return Step(relative, "conflict", note=note)
    note = f"it was a symbolic link to {where}, which is left alone"
    return Step(relative, "overwrite", data, note=note, replace_link=True)


def _read(target: Path) -> bytes:
    if target.is_dir():
        raise ScaffoldError(f"{target} is a folder; journey init needs a file there")
    if not target.is_file():  # a pipe or a device: never read (it could block) nor replace
        what = _BROKEN_LINK if target.is_symlink() and not target.exists() else "not a file"
        raise ScaffoldError(f"{target} is {what}; journey init needs a file there")
    try:
        return target.read_bytes()
    except OSError as exc:
        raise ScaffoldError(f"cannot read {target}: {exc.strerror or exc}") from None


def _merge_lines(relative: str, old: bytes, force: bool) -> Step:
    """``.gitattributes`` is line-based: add the missing lines, never rewrite the others.

    A pattern the file already gives another diff setting (``-diff``, ``diff=yaml``, ``binary``)
    keeps it, as a diff driver already in git's config does, unless ``force`` adds ours after it
    (the last line wins).
    """
    theirs: dict[str, str] = {}  # pattern -> its last diff setting in the file
    for line in old.decode("utf-8", "replace").splitlines():
        pattern, *attributes = line.split() or ["#"]
        for attribute in attributes if not pattern.startswith("#") else []:
            if attribute.lstrip("-!").split("=", 1)[0] in ("diff", "binary"):
                theirs[pattern] = attribute
    missing, notes = [], []
    for line in GITATTRIBUTES_LINES:
        pattern, ours = line.split()
        if theirs.get(pattern, ours) != ours and not force:
            notes.append(f"left {pattern} {theirs[pattern]} as it is: --force adds {line} after it")
        elif theirs.get(pattern) != ours:
            missing.append(line)
    if missing:
        notes.insert(0, "added " + ", ".join(missing))
    note = "; ".join(notes)
    if not missing:
        return Step(relative, "unchanged", note=note)
    separator = b"\n" if old and not old.endswith(b"\n") else b""
    added = "".join(line + "\n" for line in missing).encode("utf-8")
    return Step(relative, "append", old + separator + added, note=note)


def _check_writable(target: Path) -> None:
    """The first existing folder on the way to ``target`` must be a writable folder."""
    folder = target.parent
    while not folder.exists() and not folder.is_symlink():
        folder = folder.parent
    if not folder.is_dir():
        what = _BROKEN_LINK if folder.is_symlink() and not folder.exists() else "a file"
        raise ScaffoldError(f"{folder} is {what}, so {target} cannot be created")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ScaffoldError(f"cannot write in {folder}: permission denied")


def apply(steps: list[Step], root: Path) -> None:
    """Write the steps; on a failure remove what this run created, then raise ScaffoldError."""
    from journeykit.output import OutputError, write_file

    created_files: list[Path] = []
    created_folders: list[Path] = []
    try:
        for step in steps:
            target = root / step.path
            created_folders.extend(_missing_folders(target.parent))
            fresh = not target.exists()
            write_file(target, step.data, follow_links=not step.replace_link)
            if fresh:
                created_files.append(target)
    except (OutputError, OSError) as exc:
        _undo(created_files, created_folders)
        message = str(exc) if isinstance(exc, OutputError) else (exc.strerror or str(exc))
        raise ScaffoldError(message) from None


def _undo(files: list[Path], folders: list[Path]) -> None:
    """Remove the files, then the folders (innermost first) while they are empty."""
    for path in files:
        with contextlib.suppress(OSError):
            path.unlink()
    for folder in reversed(folders):
        try:
            folder.rmdir()
        except OSError:
            break


def _missing_folders(folder: Path) -> list[Path]:
    """The folders on the way to ``folder`` that do not exist yet, outermost first."""
    missing: list[Path] = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    return missing[::-1]


__all__ = [
    "GITATTRIBUTES_LINES",
    "MAPS_FOLDER",
    "Plan",
    "ScaffoldError",
    "Step",
    "Template",
    "apply",
    "fill",
    "map_file",
    "plan",
    "render_files",
]
