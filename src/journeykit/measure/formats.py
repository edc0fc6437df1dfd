"""Output formats of ``journey measure`` by name: the registry the CLI takes its choices from.

A format is a function ``(result, stream) -> None`` writing the whole report to a text stream.
Keep this module light at import (the CLI imports it to list the choices): a heavy format
imports what it needs inside its function.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from journeykit.measure.result import MeasureResult
from journeykit.problems import one_line

Formatter = Callable[[MeasureResult, TextIO], None]


def write_json(result: MeasureResult, stream: TextIO) -> None:
    """The JSON contract (see :mod:`journeykit.measure.result` and docs/measure.md)."""
    stream.write(result.dumps())


def _number(value: float | None, percent: bool = False) -> str:
    if value is None:
        return "-"
    return f"{value * 100:.1f}%" if percent else f"{value:g}"


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            return f"{seconds / size:.1f}{unit}"
    return f"{seconds:g}s"


def write_plain(result: MeasureResult, stream: TextIO) -> None:
    """The figures as plain text tables, for a terminal or a log."""
    rows = result.rows
    lines = [
        f"{result.map}: {result.customers} customers, {rows.used} events used "
        f"({rows.read} read, {rows.rejected} rejected, {rows.duplicates} duplicates, "
        f"{rows.unmapped} unmapped, {rows.outside} outside the range) on {result.engine}",
        "",
        f"{'touchpoint':<24} {'reach':>8} {'events':>8} {'score':>8} {'n':>6}",
    ]
    for tp in result.touchpoints:
        lines.append(
            f"{tp.id:<24} {tp.reach:>8} {tp.events:>8} {_number(tp.score_mean):>8} {tp.score_n:>6}"
        )
    lines += ["", f"{'stage':<24} {'entered':>8} {'dropped':>8} {'from prev':>10} "
              f"{'overall':>8} {'median time':>12}"]  # fmt: skip
    for stage in result.stages:
        lines.append(
            f"{stage.id:<24} {stage.entered:>8} {stage.dropped:>8} "
            f"{_number(stage.conversion_from_previous, True):>10} "
            f"{_number(stage.conversion_overall, True):>8} "
            f"{_duration(stage.time_from_previous_s.median):>12}"
        )
    if result.breakdown is not None:
        lines += ["", f"by {one_line(result.breakdown.column)}:"]
        for group in result.breakdown.groups:
            shown = "(empty)" if group.value is None else one_line(group.value)
            entered = ", ".join(f"{s.id} {s.entered}" for s in group.stages)
            lines.append(f"  {shown}: {group.customers} customers; {entered}")
    if result.transitions:
        lines += ["", f"{'transition':<40} {'count':>8} {'customers':>10} {'planned':>8}"]
        for move in result.transitions:
            edge = f"{move.source} -> {move.target}"
            planned = "yes" if move.planned else "no"
            lines.append(f"{edge:<40} {move.count:>8} {move.customers:>10} {planned:>8}")
    stream.write("\n".join(lines) + "\n")


# h14b replaces `stylish` with the terminal report (bars, colour) and adds markdown and html.
FORMATS: dict[str, Formatter] = {
    "stylish": write_plain,
    "json": write_json,
}

__all__ = ["FORMATS", "Formatter", "write_json", "write_plain"]
