"""Writing output files: atomically (a temp file beside the target, then ``os.replace``), and only
inside the output path the user gave.

An interrupted render leaves the old file (or none), never half a file: the temp file is removed
on any error, and a crash between write and rename leaves only a hidden ``.NAME.*.tmp`` file.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from pathlib import Path

# What a file written into an output folder may be called: a map id (a slug) and its suffixes
# (`.html`, `.journey.yaml`).
_SAFE_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*(?:\.[a-z]+)+$")


class OutputError(Exception):
    """The output cannot be written where asked (the CLI exits 2)."""


def write_atomic(target: Path, data: bytes) -> None:
    """Replace ``target`` with ``data`` in one step; the folder must exist."""
    folder = target.parent
    try:
        mode = target.stat().st_mode & 0o777
    except OSError:
        mode = _default_mode()
    handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


class OutputFolder:
    """A folder that renderings are written into; every name is checked to stay inside it."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def prepare(self) -> None:
        if self.root.exists() and not self.root.is_dir():
            raise OutputError(f"{self.root} is a file, not a folder")
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create the folder {self.root}: {exc.strerror}") from None

    def path_for(self, name: str) -> Path:
        """``root/name``, refusing any name that could leave the folder."""
        if not _SAFE_NAME.match(name):
            raise OutputError(f"refusing to write {name!r}: not a plain file name")
        base = self.root.resolve()
        target = base / name
        if target.parent != base or not target.resolve().is_relative_to(base):
            raise OutputError(f"refusing to write {name!r} outside {self.root}")
        return target

    def write(self, name: str, data: bytes) -> Path:
        target = self.path_for(name)
        write_file(target, data)
        return target


def write_file(target: Path, data: bytes) -> None:
    """Write one output file atomically, creating its folder; errors become :class:`OutputError`.

    A symbolic link is written through (the file it points to is replaced, the link stays), and
    a device, pipe or socket (``/dev/stdout``, ``/dev/null``, a FIFO) is written into directly:
    renaming a temp file over them would replace ``/dev/null`` itself when run as root.
    """
    if target.is_dir():
        raise OutputError(f"{target} is a folder; name a file to write")
    try:
        if _is_special(target):
            with open(target, "wb") as stream:
                stream.write(data)
            return
        real = Path(os.path.realpath(target))
        real.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(real, data)
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None


def _is_special(target: Path) -> bool:
    """``target`` exists (through links) and is neither a regular file nor a folder."""
    try:
        mode = target.stat().st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))
