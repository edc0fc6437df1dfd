"""A progress bar on stderr while ``journey measure`` reads a large log.

The engine runs its queries as one batch and reports nothing on the way, so the bar is an
indeterminate one (a pulse, the size being read, the time elapsed), shown only on a terminal and
only when the logs are large enough for a wait to be noticed. It never touches stdout.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator, Sequence
from typing import Any

LARGE = 32 * 1024 * 1024  # bytes of logs from which a bar is worth showing


def _size(sources: Sequence[Any]) -> int:
    total = 0
    for source in sources:
        for path in getattr(source, "files", ()):
            with contextlib.suppress(OSError):
                total += os.path.getsize(path)
    return total


@contextlib.contextmanager
def reading(sources: Sequence[Any], stream: Any = None) -> Iterator[None]:
    """Show the bar around the block when ``stream`` (stderr) is a terminal and the logs are
    large; otherwise do nothing."""
    target = stream if stream is not None else sys.stderr
    size = _size(sources)
    isatty = getattr(target, "isatty", None)
    if size < LARGE or not (isatty and isatty()) or "NO_COLOR" in os.environ:
        yield
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    files = sum(len(getattr(s, "files", ())) for s in sources)
    label = f"measuring {files} file{'' if files == 1 else 's'} ({size / 1e6:,.0f} MB)"
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=Console(file=target),
        transient=True,
    )
    with bar:
        bar.add_task(label, total=None)
        yield
