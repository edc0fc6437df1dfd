"""Writing output files: atomically (a temp file beside the target, then ``os.replace``), and only
inside the output path the user gave.

An interrupted render leaves the old file (or none), never half a file: the temp file is removed
on any error, and a crash between write and rename leaves only a hidden ``.NAME.*.tmp`` file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from journeykit.errors import JourneyError

# What a file written into an output folder may be called: a map id (a slug) and its suffixes
# (`.html`, `.journey.yaml`).
_SAFE_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*(?:\.[a-z]+)+$")


class OutputError(JourneyError):
    """The output cannot be written where asked (the CLI exits 2)."""


class Inputs:
    """The files a command reads, which no output of it may replace.

    ``journey render MAP -o MAP`` would turn the map into HTML: every command that writes checks
    all its targets with :meth:`check` before it writes anything. A target is matched to an
    input by device and inode (another spelling of the path, a symbolic or a hard link to the
    file) and by its real path.
    """

    def __init__(self, files: Iterable[tuple[str | os.PathLike[str], str]] = ()) -> None:
        """``files``: ``(path, what)`` pairs to :meth:`add`."""
        self._by_inode: dict[tuple[int, int], str] = {}
        self._by_real: dict[str, str] = {}
        for path, what in files:
            self.add(path, what)

    def add(self, path: str | os.PathLike[str], what: str) -> None:
        """Protect ``path`` (named as ``what`` in messages: "the map m.yaml"); a path that
        is no regular file (stdin, a device, nothing) has nothing to lose and is skipped."""
        try:
            status = os.stat(path)
            real = os.path.realpath(path)
        except (OSError, ValueError):
            return
        if stat.S_ISREG(status.st_mode):
            self._by_inode.setdefault((status.st_dev, status.st_ino), what)
            self._by_real.setdefault(real, what)

    def clash(self, target: str | os.PathLike[str]) -> str | None:
        """What ``target`` would replace, or None."""
        try:
            real = os.path.realpath(target)
            found = self._by_real.get(real)
            if found is None:
                status = os.stat(target)
                found = self._by_inode.get((status.st_dev, status.st_ino))
        except (OSError, ValueError):
            return None
        return found

    def check(self, targets: Iterable[str | os.PathLike[str]]) -> None:
        """Raise :class:`OutputError` when any of ``targets`` is an input, or no file can have
        its name (too long for the file system, a loop of links): before anything is written."""
        for target in targets:
            _check_name(target)
            what = self.clash(target)
            if what is not None:
                raise OutputError(
                    f"refusing to write {os.fspath(target)}: it would replace {what}, an "
                    "input of this command; write the output to another file"
                )


def names_folder(name: str) -> bool:
    """``name`` is an existing folder, or ends with a separator (``new/``: a folder to be)."""
    return name.endswith(("/", os.sep)) or os.path.isdir(name)


def kind_of(path: str | os.PathLike[str]) -> str:
    """What is at ``path``, in words: "a file", "a folder", "a device", "a pipe (FIFO)"…"""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return "nothing (it does not exist)"
    kinds = ((stat.S_ISREG, "a file"), (stat.S_ISDIR, "a folder"), (stat.S_ISCHR, "a device"),
             (stat.S_ISBLK, "a device"), (stat.S_ISFIFO, "a pipe (FIFO)"),
             (stat.S_ISSOCK, "a socket"))  # fmt: skip
    return next((words for test, words in kinds if test(mode)), "not a file")


def write_atomic(target: Path, data: bytes) -> None:
    """Replace ``target`` with ``data`` in one step; the folder must exist."""
    folder = target.parent
    try:
        status = target.lstat()
        # a link replaced by a file (init --force) gets a new file's mode, not the link's
        mode = _default_mode() if stat.S_ISLNK(status.st_mode) else status.st_mode & 0o777
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


def _check_name(target: str | os.PathLike[str]) -> None:
    """A path the file system rejects as such (a name too long, a loop of links) is an
    :class:`OutputError`; one that merely does not exist yet is fine."""
    try:
        os.lstat(target)
    except (FileNotFoundError, NotADirectoryError):
        _check_missing(Path(target))
    except ValueError:  # an embedded null byte
        raise OutputError(f"cannot write {os.fspath(target)!r}: not a valid file name") from None
    except OSError as exc:
        raise OutputError(f"cannot write {os.fspath(target)}: {exc.strerror or exc}") from None


def _check_missing(target: Path) -> None:
    """The folders that would be created on the way, and the file, need names the file system
    takes (so that a name too long fails before a folder is made for it)."""
    existing = target.parent
    while not os.path.lexists(existing) and existing != existing.parent:
        existing = existing.parent
    try:
        limit = os.pathconf(existing, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):  # no pathconf (Windows), or no such name
        limit = 255
    for part in target.parts:
        if len(os.fsencode(part)) > limit:
            raise OutputError(f"cannot write {target}: {os.strerror(errno.ENAMETOOLONG)}")


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


def write_file(target: Path, data: bytes, *, follow_links: bool = True) -> None:
    """Write one output file atomically, creating its folder; errors become :class:`OutputError`.

    A symbolic link is written through (the file it points to is replaced, the link stays)
    unless ``follow_links`` is false (then the link itself is replaced by the file), and a
    device, pipe or socket (``/dev/stdout``, ``/dev/null``, a FIFO) is written into directly:
    renaming a temp file over them would replace ``/dev/null`` itself when run as root.
    """
    try:
        if target.is_dir():
            raise OutputError(f"{target} is a folder; name a file to write")
        if not follow_links and target.is_symlink():
            write_atomic(target, data)
            return
        if _is_special(target):
            with open(target, "wb") as stream:
                stream.write(data)
            return
        real = Path(os.path.realpath(target))
        real.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(real, data)
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise OutputError(f"cannot write {target}: {reason}") from None


def _is_special(target: Path) -> bool:
    """``target`` exists (through links) and is neither a regular file nor a folder."""
    try:
        mode = target.stat().st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))
