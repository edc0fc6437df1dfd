"""Print problems in the chosen format; under GitHub Actions also fill the job's step summary."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from journeykit.cli.common import Color, default_format, fail, use_color, write_stdout
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
    chosen = name or default_format()
    if chosen not in REPORTERS:
        fail(f"unknown format {chosen!r}; choose one of {', '.join(REPORTERS)}")
    return chosen


def emit(problems: Sequence[Problem], ctx: ReportContext, fmt: str, color: Color) -> None:
    ordered = sorted(problems)
    if fmt == "stylish":
        from dataclasses import replace

        ctx = replace(ctx, color=use_color(color))
    write_stdout(REPORTERS[fmt](ordered, ctx))
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if fmt == "github" and summary:
        try:
            with open(summary, "a", encoding="utf-8") as handle:
                handle.write(github.step_summary(ordered, ctx))
        except OSError as exc:
            fail(f"cannot write the step summary {summary}: {exc.strerror}")


def report_invalid(maps: Sequence[LoadedMap | Checked], command: str, color: Color) -> None:
    """The validation report of the invalid maps among ``maps`` on stderr, in the stylish format,
    for commands whose stdout carries something else (a scorecard, a rendering)."""
    import contextlib
    import sys

    from journeykit import __version__

    invalid = [m for m in maps if not m.valid]
    if not invalid:
        return
    problems = [p for m in invalid for p in m.problems]
    ctx = ReportContext(__version__, command, tuple(m.path for m in invalid))
    with contextlib.redirect_stdout(sys.stderr):
        emit(problems, ctx, "stylish", Color.never if color is Color.auto else color)
