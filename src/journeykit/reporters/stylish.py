"""Problems grouped by file, aligned, coloured on a terminal, with a summary (eslint stylish)."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from journeykit.problems import Problem, Severity, count_by_severity, one_line
from journeykit.reporters.base import ReportContext

_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _paint(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color else text


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def render(problems: Sequence[Problem], ctx: ReportContext) -> str:
    out: list[str] = []
    color = ctx.color
    ordered = sorted(problems)
    for path, group in groupby(ordered, key=lambda p: p.path):
        items = list(group)
        out.append(_paint(one_line(path), "4", color))
        width = max(len(f"{p.line}:{p.column}") for p in items)
        for p in items:
            where = f"{p.line}:{p.column}".ljust(width)
            level = _paint(str(p.severity).ljust(7), _COLOURS[p.severity], color)
            out.append(
                f"  {_paint(where, '2', color)}  {level}  {one_line(p.message)}  "
                f"{_paint(p.code, '2', color)}"
            )
        out.append("")
    counts = count_by_severity(ordered)
    files = len(ctx.files)
    if ordered:
        mark = "✖" if counts[Severity.ERROR] else "⚠"
        summary = (
            f"{mark} {_plural(len(ordered), 'problem')} "
            f"({_plural(counts[Severity.ERROR], 'error')}, "
            f"{_plural(counts[Severity.WARNING], 'warning')}, "
            f"{_plural(counts[Severity.INFO], 'info')})"
            f" in {_plural(files, 'file')} checked"
        )
        code = "1;31" if counts[Severity.ERROR] else "1;33"
    else:
        summary = f"✔ no problems in {_plural(files, 'file')} checked"
        code = "1;32"
    out.append(_paint(summary, code, color))
    return "\n".join(out) + "\n"
