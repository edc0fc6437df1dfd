"""Running the external programs of rendering (Graphviz ``dot``, librsvg's ``rsvg-convert``):
text in on stdin, bytes out, with a timeout and an argument list, never through a shell. Any
failure becomes a :class:`~journeykit.render.RenderError` with the program's own last line."""

from __future__ import annotations

import shutil
import subprocess

from journeykit.render import RenderError
from journeykit.render.text import clean


def run_program(
    program: str, args: list[str], source: str, *, label: str, timeout: float, missing: RenderError
) -> bytes:
    """``program args`` with ``source`` on stdin; its stdout. ``missing`` is raised when the
    program is not on PATH; ``label`` names it in the other messages."""
    found = shutil.which(program)
    if found is None:
        raise missing
    try:
        done = subprocess.run(
            [found, *args],
            input=source.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise RenderError(f"{label} took longer than {timeout:g} s and was stopped") from None
    except OSError as exc:
        raise RenderError(f"cannot run {label}: {exc.strerror}") from None
    if done.returncode != 0:
        message = clean(done.stderr.decode("utf-8", "replace")).strip().splitlines()
        raise RenderError(f"{label} failed: " + (message[-1] if message else "no message"))
    return done.stdout


__all__ = ["run_program"]
