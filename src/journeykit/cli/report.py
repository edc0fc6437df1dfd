"""Print problems in the chosen format; under GitHub Actions also fill the job's step summary.

:func:`emit` is the one way problems are written, to stdout or stderr; :func:`report` is a
command's report of its findings on stdout.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TextIO

from journeykit.cli import common
from journeykit.problems import Problem
from journeykit.reporters import REPORTERS, ReportContext, github

if TYPE_CHECKING:
    from journeykit.runner import Checked
    from journeykit.workspace import LoadedMap

REPORTER_NAMES = tuple(REPORTERS)
FORMAT_HELP = (
    f"Output format: {', '.join(REPORTERS)} (default: stylish; github under GitHub Actions)."
)


def check_format(name: str | None) -> str:
    chosen = name or common.default_format()
    if chosen not in REPORTERS:
        common.fail(f"unknown format {chosen!r}; choose one of {', '.join(REPORTERS)}")
    return chosen


def emit(
    problems: Sequence[Problem], fmt: str, stream: TextIO, ctx: ReportContext | None = None
) -> None:
    """Write ``problems``, sorted, in the format ``fmt`` (a name in ``REPORTERS``) to ``stream``:
    a report on stdout, or ``FILE:LINE:COL: severity [code] message`` lines (``parsable``) on
    stderr beside a command's own output."""
    from journeykit import __version__

    text = REPORTERS[fmt](sorted(problems), ctx or ReportContext(__version__))
    if stream is sys.stdout:
        common.write_stdout(text)
    else:
        stream.write(text)


def report(problems: Sequence[Problem], ctx: ReportContext, fmt: str, color: common.Color) -> None:
    """A command's findings on stdout; in the github format, also the job's step summary."""
    from dataclasses import replace

    if fmt == "stylish":
        ctx = replace(ctx, color=common.use_color(color))
    emit(problems, fmt, sys.stdout, ctx)
    if fmt == "github":
        write_step_summary(lambda: github.step_summary(sorted(problems), ctx))


def write_step_summary(text: Callable[[], str]) -> None:
    """Append ``text()`` to the job's step summary when running under GitHub Actions (the one
    condition for every command); an unwritable summary exits 2."""
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if not summary or os.environ.get("GITHUB_ACTIONS") != "true":
        return
    try:
        with open(summary, "a", encoding="utf-8") as handle:
            handle.write(text())
    except OSError as exc:
        common.fail(f"cannot write the step summary {summary}: {exc.strerror}")


def report_invalid(
    maps: Sequence[LoadedMap | Checked],
    command: str,
    color: common.Color,
    *,
    unusable: bool = False,
) -> int:
    """The validation report of the invalid maps among ``maps`` on stderr, in the stylish format,
    for commands whose stdout carries something else (a scorecard, a rendering). Returns the exit
    code for invalid maps: 2 when the one input given is no journey map at all (``unusable``),
    else 1."""
    from journeykit import __version__

    invalid = [m for m in maps if not m.valid]
    if not invalid:
        return 0
    problems = [p for m in invalid for p in m.problems]
    paint = common.use_color(
        common.Color.never if color is common.Color.auto else color, sys.stderr
    )
    ctx = ReportContext(__version__, command, tuple(m.path for m in invalid), color=paint)
    emit(problems, "stylish", sys.stderr, ctx)
    return common.EXIT_USAGE if unusable else common.EXIT_FINDINGS


def valid_map(path: str, command: str, color: common.Color) -> LoadedMap | int:
    """The one map ``path`` (``-``: stdin), loaded and valid; or, when it is invalid, the exit
    code once its validation report is on stderr (2 when it is no journey map at all, else 1)."""
    from journeykit.runner import load_one, unusable

    loaded = load_one(path)
    if loaded.valid:
        return loaded
    return report_invalid([loaded], command, color, unusable=unusable([loaded]))
