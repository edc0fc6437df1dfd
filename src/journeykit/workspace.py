"""Reading a map from disk with its ``include:`` files merged in, every value still locatable.

The workspace root, which no include may leave, is the folder holding ``journeykit.yaml`` (or
``.journeykit.yaml``), else the git top-level, else the map's own folder.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from journeykit.inputs import InputError, read_file
from journeykit.loader import Parsed, SourceMap, parse_bytes
from journeykit.model.map import INCLUDABLE, JourneyMap
from journeykit.problems import Problem, Severity, quote

CONFIG_NAMES = ("journeykit.yaml", ".journeykit.yaml")
STDIN = "<stdin>"
_LIBRARY_KEYS = frozenset({"journeykit", "include", *INCLUDABLE})
# Texts that stand in for files on disk (resolved path -> bytes): the language server's unsaved
# editor buffers, so an included file being edited is read as the user sees it.
OVERLAY: ContextVar[Mapping[str, bytes]] = ContextVar("OVERLAY", default=MappingProxyType({}))


_roots: dict[str, Path] | None = None  # folder -> its workspace root, while a run caches them


@contextmanager
def cached_roots() -> Iterator[None]:
    """Remember each folder's workspace root meanwhile: the maps of one folder share it, and
    finding it takes a dozen or two ``stat`` calls. Outside, nothing is cached (files change)."""
    global _roots
    saved, _roots = _roots, {}
    try:
        yield
    finally:
        _roots = saved


def workspace_root(start: Path) -> Path:
    """The folder holding ``journeykit.yaml`` above ``start``, else the git top, else start."""
    if _roots is None:
        return _find_root(start)
    key = os.path.abspath(start)
    root = _roots.get(key)
    if root is None:
        root = _roots[key] = _find_root(start)
    return root


def _find_root(start: Path) -> Path:
    start = start.resolve()
    git_top: Path | None = None
    for folder in (start, *start.parents):
        if any((folder / name).is_file() for name in CONFIG_NAMES):
            return folder
        if git_top is None and (folder / ".git").exists():
            git_top = folder
    return git_top or start


@dataclass
class LoadedMap:
    """A map as read: its own file, the files it includes, the merged data and what went wrong."""

    path: str
    main: Parsed
    raw: dict[str, Any] | None = None
    sources: list[Parsed] = field(default_factory=list)
    # (list key, index in the merged list) -> (file it came from, index in that file's list)
    origins: dict[tuple[str, int], tuple[Parsed, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    journey: JourneyMap | None = None  # the map once it has no error

    @property
    def model(self) -> JourneyMap:
        """The map's model, for a map the caller knows is valid (``journey`` is None otherwise)."""
        if self.journey is None:
            raise ValueError(f"{self.path} has errors; check `valid` before asking for its model")
        return self.journey

    def locate(self, path: tuple[str | int, ...], *, key: bool = False) -> tuple[str, int, int]:
        """``(file, line, column)`` of the merged value at ``path``, in the file it came from."""
        source, local = self.main, path
        if len(path) >= 2 and isinstance(path[1], int):
            origin = self.origins.get((str(path[0]), path[1]))
            if origin is not None:
                source = origin[0]
                local = (path[0], origin[1], *path[2:])
        line, column = source.smap.locate(local, key=key)
        return source.path, line, column

    def problem(
        self,
        path: tuple[str | int, ...],
        code: str,
        message: str,
        severity: Severity = Severity.ERROR,
        *,
        key: bool = False,
    ) -> Problem:
        file, line, column = self.locate(path, key=key)
        return Problem(file, line, column, code, message, severity)

    @property
    def valid(self) -> bool:
        return self.journey is not None


def read_source(path: str, real: Path | None, data: bytes | None = None) -> Parsed:
    """Read and parse one file; an unreadable file becomes an ``unreadable`` problem."""
    if data is None and real is not None:
        data = OVERLAY.get().get(str(real))
    if data is None:
        assert real is not None
        try:
            data = read_file(real)
        except InputError as exc:
            return _fail(path, "unreadable", str(exc))
    return parse_bytes(data, path)


def _fail(path: str, code: str, message: str) -> Parsed:
    return Parsed(path, None, SourceMap(path), [Problem(path, 1, 1, code, message)])


def _unusable(entry: str, exc: OSError | ValueError) -> str:
    why = "it contains a NUL character" if "\0" in entry else str(exc)
    if isinstance(exc, OSError):
        why = exc.strerror or why
    return f"include {quote(entry)} is not a usable file name: {why}"


def _missing(entry: str, target: Path, shown: str) -> str | None:
    """Why ``target`` cannot be included, or None when there is something there to read."""
    try:
        if target.is_dir():
            return f"include {quote(entry)} is a folder, not a file; name a file in it"
        if target.exists():
            return None  # reading it reports anything else: a FIFO, a device, a huge file
    except OSError as exc:  # a name longer than the file system allows
        return _unusable(entry, exc)
    return f"included file {quote(entry)} does not exist (looked for {quote(shown)})"


def merge_includes(loaded: LoadedMap, real: Path | None) -> None:
    """Resolve ``include:`` of the main file (recursively) and merge what they contribute."""
    data = loaded.main.data
    assert isinstance(data, dict)
    if not data.get("include"):
        return  # nothing to merge: no need to find the workspace root
    base_dir = real.parent if real is not None else Path.cwd()
    root = workspace_root(base_dir)
    display_dir = os.path.dirname(loaded.path) if real is not None else ""
    contributed: dict[str, list[tuple[Parsed, int, Any]]] = {k: [] for k in INCLUDABLE}
    chain = [real.resolve()] if real is not None else []
    _follow(loaded, loaded.main, base_dir, display_dir, root, chain, set(), contributed)
    if not any(contributed.values()):
        return
    merged = dict(data)
    for key in INCLUDABLE:
        own = data.get(key)
        items = contributed[key]
        if not items or (own is not None and not isinstance(own, list)):
            continue
        own_items = [(loaded.main, j, item) for j, item in enumerate(own or [])]
        merged[key] = [item for _, _, item in items] + [item for _, _, item in own_items]
        for i, (source, j, _) in enumerate(items + own_items):
            loaded.origins[(key, i)] = (source, j)
    loaded.raw = merged


def _follow(
    loaded: LoadedMap,
    parsed: Parsed,
    base_dir: Path,
    display_dir: str,
    root: Path,
    chain: list[Path],
    seen: set[Path],
    contributed: dict[str, list[tuple[Parsed, int, Any]]],
) -> None:
    includes = parsed.data.get("include") if isinstance(parsed.data, dict) else None
    if not isinstance(includes, list):
        return  # a wrong type is reported by the schema check
    for index, entry in enumerate(includes):
        if not isinstance(entry, str):
            continue
        line, column = parsed.smap.locate(("include", index))

        def report(code: str, message: str, line: int = line, column: int = column) -> None:
            loaded.problems.append(Problem(parsed.path, line, column, code, message))

        if os.path.isabs(entry) or entry.startswith(("~", "\\")) or ":" in entry[:3]:
            report(
                "include-outside-root",
                f"include {quote(entry)} is an absolute path; write it relative to this file",
            )
            continue
        try:
            target = (base_dir / entry).resolve()
        except (OSError, ValueError) as exc:  # a NUL in the name; a link loop
            report("include-not-found", _unusable(entry, exc))
            continue
        try:
            target.relative_to(root)
        except ValueError:
            report(
                "include-outside-root",
                f"include {quote(entry)} leads outside the workspace root {quote(str(root))}; "
                "shared files must live inside it (the folder holding journeykit.yaml, else "
                "the git top-level)",
            )
            continue
        shown = os.path.normpath(os.path.join(display_dir, entry))
        if target in chain:
            names = [os.path.basename(str(p)) for p in chain[chain.index(target) :]]
            cycle = " → ".join([*names, os.path.basename(str(target))])
            report("include-cycle", f"include cycle: {cycle}; remove one of these includes")
            continue
        if target in seen:
            continue  # included twice through different files: contribute once
        missing = _missing(entry, target, shown)
        if missing is not None:
            report("include-not-found", missing)
            continue
        seen.add(target)
        child = read_source(shown, target)
        loaded.sources.append(child)
        loaded.problems.extend(child.problems)
        if child.data is None and not child.problems:
            report("include-invalid", f"included file {quote(entry)} is empty")
            continue
        if not isinstance(child.data, dict):
            if child.data is not None:
                report(
                    "include-invalid",
                    f"included file {quote(entry)} must be a mapping with "
                    "`personas`, `metrics` or `stages`",
                )
            continue
        for key in child.data:
            if key in _LIBRARY_KEYS or key.startswith("x-"):
                continue
            k_line, k_col = child.smap.locate((key,), key=True)
            loaded.problems.append(
                Problem(
                    child.path,
                    k_line,
                    k_col,
                    "include-invalid",
                    f"an included file may only contribute `personas`, `metrics` and `stages`; "
                    f"move {quote(key)} into the map that includes this file",
                )
            )
        _follow(
            loaded,
            child,
            target.parent,
            os.path.dirname(shown),
            root,
            [*chain, target],
            seen,
            contributed,
        )
        for key in INCLUDABLE:
            items = child.data.get(key)
            if isinstance(items, list):
                contributed[key].extend((child, j, item) for j, item in enumerate(items))
            elif items is not None:
                v_line, v_col = child.smap.locate((key,))
                loaded.problems.append(
                    Problem(child.path, v_line, v_col, "wrong-type", f"`{key}` must be a list")
                )
