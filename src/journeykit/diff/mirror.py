"""A temporary mirror of a repository, for maps whose ``include:`` files come from the same
source (a revision, the working tree): the map and everything it includes are written under a
temporary folder in the repository's layout, with a ``.git`` marker and the ``journeykit.yaml``
files on the way, so that the workspace root (which includes may not leave) is where it would be
in a checkout. Files are read through a :data:`Reader`, so git and the disk look alike.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable
from pathlib import Path

from journeykit.loader import parse_bytes
from journeykit.workspace import CONFIG_NAMES

Reader = Callable[[str], bytes | None]
"""Reads a repository-relative path; ``None`` when it is not there."""


def worktree_reader(top: Path) -> Reader:
    def read(path: str) -> bytes | None:
        try:
            return (top / path).read_bytes()
        except OSError:
            return None

    return read


class Mirror:
    """Write a map and everything it includes (read through ``reader``) under ``root``."""

    def __init__(self, root: Path, reader: Reader) -> None:
        self.root = root
        self.reader = reader
        (root / ".git").mkdir(exist_ok=True)  # the workspace root, as in a checkout
        self._written: set[str] = set()

    def place(self, path: str, data: bytes | None = None) -> Path | None:
        """Write ``path`` (repository-relative) and its includes; None when ``path`` is absent."""
        path = contained(path)
        if data is None:
            data = self.reader(path)
            if data is None:
                return None
        self._write(path, data)
        self._configs(path)
        for include in includes_of(path, data):
            if include not in self._written:
                content = self.reader(include)
                if content is not None:
                    self.place(include, content)
        return self.root / path

    def _write(self, path: str, data: bytes) -> None:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        self._written.add(path)

    def _configs(self, path: str) -> None:
        folder = posixpath.dirname(path)
        while True:
            for name in CONFIG_NAMES:
                candidate = posixpath.join(folder, name) if folder else name
                if candidate not in self._written:
                    content = self.reader(candidate)
                    if content is not None:
                        self._write(candidate, content)
            if not folder:
                return
            folder = posixpath.dirname(folder)


def contained(path: str) -> str:
    """``path`` made relative and kept inside the mirror: no leading ``/``, no ``..`` above it."""
    parts = [p for p in posixpath.normpath(path.replace("\\", "/")).split("/") if p]
    while parts and parts[0] in ("..", "."):
        parts.pop(0)
    return "/".join(parts) or "map.journey.yaml"


def includes_of(path: str, data: bytes) -> list[str]:
    """Repository-relative paths named by ``include:`` in ``data`` (those inside the repository)."""
    parsed = parse_bytes(data, path)
    includes = parsed.data.get("include") if isinstance(parsed.data, dict) else None
    found = []
    for entry in includes if isinstance(includes, list) else []:
        if not isinstance(entry, str) or not entry or os.path.isabs(entry) or ":" in entry[:3]:
            continue
        target = posixpath.normpath(posixpath.join(posixpath.dirname(path), entry))
        if target != ".." and not target.startswith("../") and not target.startswith("/"):
            found.append(target)
    return found


def include_closure(path: str, reader: Reader) -> set[str]:
    """Every file ``path`` includes, directly or not."""
    seen: set[str] = set()
    todo = [path]
    while todo:
        current = todo.pop()
        data = reader(current)
        if data is None:
            continue
        for include in includes_of(current, data):
            if include not in seen:
                seen.add(include)
                todo.append(include)
    return seen


__all__ = ["Mirror", "Reader", "contained", "include_closure", "includes_of", "worktree_reader"]
