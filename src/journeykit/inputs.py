"""Reading what users hand over: every map, include, config, sheet and diagram goes through here.

Only regular files are read (a FIFO would block forever, ``/dev/zero`` never ends), and at most
``MAX_INPUT_BYTES`` from a file or from stdin, so no input can hang a command or exhaust memory.
A journey map is a few hundred kilobytes; the cap leaves room for generated maps of tens of MB.
"""

from __future__ import annotations

import os
import stat
from typing import BinaryIO

from journeykit.errors import JourneyError

MAX_INPUT_BYTES = 64 * 1024 * 1024
MAX_INPUT_TEXT = "64 MiB"
_CHUNK = 1 << 20

_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)
# Opening never waits for a FIFO's writer, never makes a terminal ours; binary on Windows.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_BINARY", 0)
)


class InputError(JourneyError):
    """An input that is not read: not a regular file, larger than the cap, or unreadable.

    The message says why without naming the file: the caller knows how to show it.
    """


def read_file(path: str | os.PathLike[str]) -> bytes:
    """The bytes of the regular file at ``path`` (symbolic links followed)."""
    try:
        _check(os.stat(path))
        fd = os.open(path, _OPEN_FLAGS)
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
        raise InputError(_why(exc)) from None
    with os.fdopen(fd, "rb") as stream:
        _check(os.fstat(fd))  # what was opened, should the path have changed meanwhile
        return read_stream(stream)


def read_stream(stream: BinaryIO) -> bytes:
    """All of ``stream`` (stdin, an open file), refused past ``MAX_INPUT_BYTES``."""
    chunks: list[bytes] = []
    left = MAX_INPUT_BYTES + 1
    while left > 0:
        try:
            chunk = stream.read(min(_CHUNK, left))
        except OSError as exc:
            raise InputError(_why(exc)) from None
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        left -= len(chunk)
    raise InputError(too_large())


def too_large() -> str:
    return (
        f"the input is larger than {MAX_INPUT_TEXT}, the most journeykit reads; "
        "a journey map is far smaller: split it or check that this is the right file"
    )


def _check(info: os.stat_result) -> None:
    mode = info.st_mode
    if stat.S_ISREG(mode):
        if info.st_size > MAX_INPUT_BYTES:
            raise InputError(too_large())
        return
    raise InputError(describe(mode))


def describe(mode: int) -> str:
    """Why a file of this ``st_mode`` (not a regular file) is not read."""
    if stat.S_ISDIR(mode):
        return "this is a folder, not a file"
    kind = next((name for test, name in _KINDS if test(mode)), "an unknown kind of file")
    return f"not a regular file ({kind}); journeykit reads only regular files"


def _why(exc: OSError | ValueError) -> str:
    if isinstance(exc, ValueError):
        return f"cannot read the file: {exc}"
    return f"cannot read the file: {exc.strerror or exc}"


__all__ = [
    "MAX_INPUT_BYTES",
    "MAX_INPUT_TEXT",
    "InputError",
    "describe",
    "read_file",
    "read_stream",
]
