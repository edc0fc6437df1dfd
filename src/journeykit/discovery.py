"""Turn the PATH arguments of a command into the list of map files to read."""

from __future__ import annotations

import glob
import os
import stat

from journeykit.config import Config
from journeykit.errors import JourneyError
from journeykit.inputs import InputError, describe, read_stream


class UsageError(JourneyError):
    """The command cannot do its job with these arguments (exit 2)."""


_GLOB_CHARS = frozenset("*?[")


def expand(paths: list[str], config: Config) -> list[str]:
    """Files, folders (searched for ``config.settings.files``), globs and ``-`` (stdin), in order.

    Each file appears once; ignored paths are skipped; a path that names nothing is an error.
    """
    found: list[str] = []
    seen: set[str] = set()

    def add(path: str) -> None:
        key = os.path.normpath(os.path.abspath(path)) if path != "-" else "-"
        if key not in seen and (path == "-" or not config.ignored(path)):
            seen.add(key)
            found.append(path)

    for arg in paths or ["."]:
        if arg == "-":
            add(arg)
        elif os.path.isdir(arg):
            files = _walk(arg, config)
            if not files:
                patterns = ", ".join(config.settings.files)
                raise UsageError(f"no journey maps under {arg} (looking for {patterns})")
            for file in files:
                add(file)
        elif os.path.exists(arg):
            _check_named(arg)
            add(arg)
        elif _GLOB_CHARS & set(arg):
            matched = sorted(glob.glob(arg, recursive=True))
            if not matched:
                raise UsageError(f"no file matches {arg}")
            for file in matched:
                if os.path.isdir(file):
                    for inner in _walk(file, config):
                        add(inner)
                else:
                    add(file)
        else:
            raise UsageError(f"no such file or folder: {arg}")
    return found


def _walk(folder: str, config: Config) -> list[str]:
    files: list[str] = []
    for current, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in ("node_modules",))
        for name in sorted(names):
            path = os.path.join(current, name)
            if config.wanted(name) and not config.ignored(path):
                files.append(os.path.normpath(path) if folder != "." else os.path.relpath(path))
    return files


def _check_named(arg: str) -> None:
    """A path named on the command line must be a regular file (``/dev/zero`` never ends)."""
    mode = os.stat(arg).st_mode
    if not stat.S_ISREG(mode):
        raise UsageError(f"{arg}: {describe(mode)}")


def read_stdin() -> bytes:
    """What stdin holds, up to the input cap; past it, a ``UsageError`` (exit 2)."""
    import sys

    try:
        return read_stream(sys.stdin.buffer)
    except InputError as exc:
        raise UsageError(f"<stdin>: {exc}") from None


__all__ = ["UsageError", "expand", "read_stdin"]
