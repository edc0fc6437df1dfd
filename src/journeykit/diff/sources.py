"""The two sides of a diff: a file, a folder, ``-`` (stdin), ``REF:PATH`` read with ``git show``,
or every map changed between two revisions (``--git BASE [HEAD]``).

A map read from a revision has its ``include:`` files read from the same revision: the map and
everything it includes are written into a temporary folder that mirrors the repository's layout
(with a ``.git`` marker and the revision's ``journeykit.yaml`` files, so that the workspace root,
which includes may not leave, is where it would be in a checkout; see :mod:`.mirror`), and
loaded from there.
Git runs as a subprocess with a timeout and an argument list, never through a shell.
"""

from __future__ import annotations

import os
import posixpath
import subprocess
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from journeykit.config import Config
from journeykit.diff.mirror import (
    Mirror,
    Reader,
    contained,
    include_closure,
    includes_of,
    worktree_reader,
)
from journeykit.discovery import UsageError, expand, read_stdin
from journeykit.validate import load
from journeykit.workspace import LoadedMap

GIT_TIMEOUT = 60.0
WORKTREE = "working tree"


class SourceError(UsageError):
    """A side cannot be read: not a git repository, unknown revision, missing path (exit 2)."""


@dataclass
class Side:
    """The maps of one side. ``single``: one file was named, so it pairs with the other side's
    one map whatever their ids; otherwise maps pair by id. ``keys`` says where each map sits
    within its side (its path relative to the folder or repository), which pairs the maps whose
    id is not unique."""

    label: str
    maps: list[LoadedMap] = field(default_factory=list)
    single: bool = True
    keys: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, label: str, found: list[tuple[str, LoadedMap]], base: str = "") -> Side:
        """A side of several maps, each given with its path (relative to ``base``)."""
        keys = [posixpath.relpath(path, base) if base else path for path, _ in found]
        return cls(label, [loaded for _, loaded in found], single=False, keys=keys)

    def key(self, index: int) -> str:
        return self.keys[index] if index < len(self.keys) else self.maps[index].path


class _GitFailed(SourceError):
    """Git ran and said no (a missing path, an unknown revision)."""


# ---------------------------------------------------------------------------------------------
# Git


class Git:
    """The repository around ``cwd``: top-level folder and the prefix of ``cwd`` inside it."""

    def __init__(self, cwd: Path | None = None) -> None:
        self.cwd = (cwd or Path.cwd()).resolve()
        try:
            out = self._run(["rev-parse", "--show-toplevel", "--show-prefix"], cwd=self.cwd)
        except _GitFailed as exc:
            raise SourceError(f"not inside a git repository ({self.cwd}): {exc}") from None
        lines = out.decode("utf-8", "replace").splitlines()
        self.top = Path(lines[0]) if lines else self.cwd
        self.prefix = lines[1] if len(lines) > 1 else ""
        self._cache: dict[tuple[str, str], bytes | None] = {}

    def _try(self, args: list[str]) -> bytes | None:
        """The output of a git command that may fail (a missing path): None when it does."""
        try:
            return self._run(args, cwd=self.top)
        except _GitFailed:
            return None

    @staticmethod
    def _run(args: list[str], cwd: Path, check: bool = True) -> bytes:
        try:
            done = subprocess.run(
                ["git", "--no-pager", *args],
                cwd=cwd,
                capture_output=True,
                timeout=GIT_TIMEOUT,
                check=False,
                env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"},
            )
        except FileNotFoundError:
            raise SourceError("git is not installed (needed for REF:PATH and --git)") from None
        except subprocess.TimeoutExpired:
            raise SourceError(f"git {args[0]} took longer than {GIT_TIMEOUT:g} s") from None
        except OSError as exc:
            raise SourceError(f"cannot run git: {exc.strerror or exc}") from None
        if check and done.returncode != 0:
            message = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise _GitFailed(message[0] if message else f"git {args[0]} failed")
        return done.stdout

    def run(self, *args: str) -> bytes:
        return self._run(list(args), cwd=self.top)

    def verify(self, ref: str) -> None:
        if not ref or ref.startswith("-"):
            raise SourceError(f"{ref!r} is not a revision")
        out = self._run(
            ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"],
            cwd=self.top,
            check=False,
        )
        if not out.strip():
            hint = ""
            if self._try(["rev-parse", "--is-shallow-repository"]) == b"true\n":
                # CI checkouts are shallow by default: the base branch is simply not there
                hint = (
                    "; this clone is shallow: fetch more history (actions/checkout: fetch-depth: 0)"
                )
            raise SourceError(f"unknown revision {ref!r} (not a branch, tag or commit here){hint}")

    def submodule(self, ref: str, path: str) -> str | None:
        """The submodule (a gitlink) at or above ``path`` in ``ref``, or None."""
        parts = path.strip("/").split("/")
        for end in range(1, len(parts) + 1):
            folder = "/".join(parts[:end])
            out = self._try(["ls-tree", "-z", "--full-tree", ref, "--", folder]) or b""
            for entry in out.split(b"\0"):
                mode, _, rest = entry.partition(b" ")
                if (
                    mode == b"160000"
                    and rest.split(b"\t", 1)[-1].decode("utf-8", "replace") == folder
                ):
                    return folder
        return None

    def merge_base(self, one: str, other: str) -> str:
        out = self._try(["merge-base", one, other])
        if not out or not out.strip():
            raise SourceError(
                f"{one} and {other} have no common ancestor, so {one}...{other} has no base"
            )
        short = self._try(["rev-parse", "--short", out.decode().strip()]) or out
        return short.decode().strip()

    def kind(self, ref: str, path: str) -> str | None:
        """``blob``, ``tree`` or None when ``path`` does not exist in ``ref``."""
        out = self._run(["cat-file", "-t", f"{ref}:{path}"], cwd=self.top, check=False)
        return out.decode().strip() or None

    def show(self, ref: str, path: str) -> bytes | None:
        """The content of ``path`` (repository-relative) at ``ref``, or None when absent."""
        key = (ref, path)
        if key not in self._cache:
            self._cache[key] = self._try(["cat-file", "blob", f"{ref}:{path}"])
        return self._cache[key]

    def files(self, ref: str | None, under: str = "") -> list[str]:
        """Repository-relative paths of the files in ``ref`` (None: tracked and untracked files
        of the working tree), optionally only those under a folder."""
        spec = [under] if under else []
        if ref is None:
            out = self.run(
                "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", *spec
            )
        else:
            out = self.run("ls-tree", "-r", "-z", "--name-only", "--full-tree", ref, "--", *spec)
        return sorted({p for p in out.decode("utf-8", "replace").split("\0") if p})

    def changed(self, base: str, head: str | None) -> list[str]:
        revs = [base] if head is None else [base, head]
        out = self.run("diff", "--name-only", "-z", "--no-renames", "--no-relative", *revs, "--")
        paths = {p for p in out.decode("utf-8", "replace").split("\0") if p}
        if head is None:
            untracked = self.run("ls-files", "-z", "--others", "--exclude-standard")
            paths.update(p for p in untracked.decode("utf-8", "replace").split("\0") if p)
        return sorted(paths)

    def repo_path(self, path: str) -> str:
        """git's ``REF:PATH`` rule: relative to the top-level, unless it starts with ./ or ../."""
        if path.startswith(("./", "../")) or path in (".", ".."):
            joined = posixpath.normpath(posixpath.join(self.prefix, path))
            return "" if joined == "." else joined
        return path.strip("/")


def load_from(
    reader: Reader, paths: Iterable[str], display: Callable[[str], str]
) -> list[tuple[str, LoadedMap]]:
    """Load maps (repository-relative ``paths``) with includes read through the same ``reader``;
    each with its path. A path the reader does not find is left out."""
    maps = []
    with tempfile.TemporaryDirectory(prefix="journey-diff-") as tmp:
        mirror = Mirror(Path(tmp), reader)
        for path in paths:
            local = mirror.place(path)
            if local is not None:
                maps.append((path, load(local, display=display(path))))
    return maps


# ---------------------------------------------------------------------------------------------
# Sides


def read_side(arg: str, config: Config, stdin: Callable[[], bytes] = read_stdin) -> Side:
    """A file, a folder, ``-``, or ``REF:PATH``; raises ``SourceError``/``UsageError`` (exit 2)."""
    if arg == "-":
        return Side(arg, [load("-", data=stdin())])
    if os.path.isdir(arg):
        files = expand([arg], config)
        return Side.of(arg, [(_posix(os.path.relpath(p, arg)), load(p)) for p in files])
    if os.path.exists(arg):
        return Side(arg, [load(arg)])
    if ":" not in arg:
        raise SourceError(
            f"no such file or folder: {arg} (for a file in a git revision, write REF:PATH)"
        )
    ref, _, path = arg.partition(":")
    git = Git()
    if not ref:
        raise SourceError(f"{arg}: REF:PATH needs a revision before the colon, e.g. HEAD:{path}")
    git.verify(ref)
    repo_path = git.repo_path(path)
    kind = git.kind(ref, repo_path) if repo_path else "tree"
    if kind is None or kind == "commit":
        submodule = git.submodule(ref, repo_path)
        if submodule is not None:
            raise SourceError(
                f"{submodule!r} is a git submodule in revision {ref!r}; journey diff does not "
                f"read into submodules: run it inside the submodule (cd {submodule})"
            )
    if kind is None:
        hint = ""
        if git.prefix and git.kind(ref, posixpath.join(git.prefix, repo_path)):
            hint = f" (paths are relative to the repository's top; did you mean {ref}:./{path}?)"
        raise SourceError(f"{path!r} does not exist in revision {ref!r}{hint}")

    def read(p: str) -> bytes | None:
        return git.show(ref, p)

    def shown(p: str) -> str:
        return f"{ref}:{p}"

    if kind == "blob":
        return Side(arg, [loaded for _, loaded in load_from(read, [repo_path], shown)])
    maps = [p for p in git.files(ref, repo_path) if _wanted(p, git.top, config)]
    if not maps:
        patterns = ", ".join(config.settings.files)
        raise SourceError(f"no journey maps under {arg} (looking for {patterns})")
    return Side.of(arg, load_from(read, maps, shown), base=repo_path)


def _wanted(path: str, top: Path, config: Config) -> bool:
    return config.wanted(posixpath.basename(path)) and not config.ignored(str(top / path))


def changed_sides(base: str, head: str | None, config: Config) -> tuple[Side, Side]:
    """Every map changed between ``base`` and ``head`` (None: the working tree), both sides.

    A map counts as changed when its file changed or a file it includes (a persona library) did.
    """
    git = Git()
    base, head = revision_range(git, base, head)
    git.verify(base)
    if head is not None:
        git.verify(head)
    changed = git.changed(base, head)
    candidates = {p for p in changed if _wanted(p, git.top, config)}

    def old_read(p: str) -> bytes | None:
        return git.show(base, p)

    new_read: Reader = worktree_reader(git.top)
    if head is not None:
        head_ref = head

        def new_read(p: str) -> bytes | None:
            return git.show(head_ref, p)

    others = {p for p in changed if p not in candidates and p.endswith((".yaml", ".yml"))}
    if others:  # a library changed: find the maps that include it, on either side
        for ref, reader in ((base, old_read), (head, new_read)):
            for path in git.files(ref):
                if (
                    path not in candidates
                    and _wanted(path, git.top, config)
                    and include_closure(path, reader) & others
                ):
                    candidates.add(path)
    ordered = sorted(candidates)
    old = Side.of(base, load_from(old_read, ordered, lambda p: f"{base}:{p}"))
    if head is not None:
        return old, Side.of(head, load_from(new_read, ordered, lambda p: f"{head}:{p}"))
    found = [
        (p, load(git.top / p, display=_relative(git.top / p)))
        for p in ordered
        if (git.top / p).is_file()
    ]
    return old, Side.of(WORKTREE, found)


def revision_range(git: Git, base: str, head: str | None) -> tuple[str, str | None]:
    """git's range syntax, as ``git diff`` reads it: ``A..B`` compares A with B, ``A...B`` the
    merge base of A and B with B; a side left out is ``HEAD``. A plain revision is returned as
    it is (its ``head`` is the one given, or None: the working tree)."""
    if ".." not in base:  # a ref name never holds "..": git check-ref-format forbids it
        return base, head
    three = "..." in base
    old, _, new = base.partition("..." if three else "..")
    if head is not None:
        raise SourceError(f"give a range ({base}) or two revisions, not both")
    if ".." in new or not (old or new):
        raise SourceError(f"{base!r} is not a range: write BASE..HEAD or BASE...HEAD")
    old, new = old or "HEAD", new or "HEAD"
    if not three:
        return old, new
    git.verify(old)
    git.verify(new)
    return git.merge_base(old, new), new


def _posix(path: str) -> str:
    return path.replace(os.sep, "/")


def _relative(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


__all__ = [
    "WORKTREE",
    "Git",
    "Mirror",
    "Side",
    "SourceError",
    "changed_sides",
    "contained",
    "include_closure",
    "includes_of",
    "load_from",
    "read_side",
    "worktree_reader",
]
