"""The terminal format of ``journey measure``: the funnel as bars, then the map's stages and
touchpoints with their reach and scores, the main moves between touchpoints, the breakdown and
the metrics.

Coloured only when asked (the CLI decides: a terminal, ``--color``, ``NO_COLOR``). User text (names
from the map, ``--by`` values from the data) is escaped for the terminal as ``journey diff`` does
it, so neither a map nor an event log can move the cursor or recolour the screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from journeykit.diff.format_text import safe
from journeykit.measure.present import (
    Report,
    duration,
    number,
    percent,
    plural,
    report,
)

if TYPE_CHECKING:
    from journeykit.measure.result import MeasureResult, StageResult
    from journeykit.model import JourneyMap

BAR = 32  # characters of the widest bar
_EIGHTHS = " ▏▎▍▌▋▊▉"
RESET = "\x1b[0m"
BOLD, DIM, GREEN, YELLOW, CYAN = "\x1b[1m", "\x1b[2m", "\x1b[32m", "\x1b[33m", "\x1b[36m"


def bar(value: int, largest: int, width: int = BAR) -> str:
    """A bar of ``value / largest`` of ``width`` characters, to an eighth of a character."""
    if largest <= 0 or value <= 0:
        return ""
    eighths = max(1, round(value / largest * width * 8))
    full, part = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[part] if part else "")


class _Paint:
    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, text: str, style: str) -> str:
        return f"{style}{text}{RESET}" if self.color and text else text


def render(result: MeasureResult, journey: JourneyMap | None = None, color: bool = False) -> str:
    rep = report(result, journey)
    paint = _Paint(color)
    r = result
    out = [
        paint(f"journey measure {safe(rep.title)}", BOLD)
        + paint(f"  ({safe(r.map)}, on {safe(r.engine)})", DIM),
        _rows_line(rep),
    ]
    when = []
    if r.first_event is not None and r.last_event is not None:
        when.append(f"events {r.first_event:%Y-%m-%d %H:%M} → {r.last_event:%Y-%m-%d %H:%M} UTC")
    when.append(f"window {duration(r.window_s)}" if r.window_s is not None else "no window")
    out.append(paint(" · ".join(when), DIM))
    out += ["", paint("Stage funnel", BOLD)]
    out += _funnel([s.result for s in rep.stages], [s.name for s in rep.stages], paint)
    out += ["", paint("Touchpoints", BOLD)]
    width = max((len(safe(t.name)) for s in rep.stages for t in s.touchpoints), default=0)
    for stage in rep.stages:
        out.append(f"  {safe(stage.name)}")
        if not stage.touchpoints:
            out.append(paint("    (no touchpoints)", DIM))
        for t in stage.touchpoints:
            res = t.result
            reach = res.reach if res else 0
            share = percent(reach / r.customers) if r.customers else "–"
            figures = f"reach {reach:>6,} ({share:>6})"
            if res is not None and res.score_n:
                figures += f"  score {number(res.score_mean)} (n={res.score_n:,})"
            out.append(f"    {safe(t.name).ljust(width)}  {figures}")
    out += ["", paint("Moves between touchpoints", BOLD) + paint("  (most frequent)", DIM)]
    if not rep.transitions:
        out.append(paint("  none: no customer has two used events", DIM))
    width = max((len(safe(rep.name(m.source))) for m in rep.transitions), default=0)
    to_width = max((len(safe(rep.name(m.target))) for m in rep.transitions), default=0)
    for move in rep.transitions:
        plan = paint("planned", GREEN) if move.planned else paint("not in the map", YELLOW)
        out.append(
            f"  {safe(rep.name(move.source)).ljust(width)} → "
            f"{safe(rep.name(move.target)).ljust(to_width)}"
            f"  {move.count:>6,}× by {plural(move.customers, 'customer')}, median gap "
            f"{duration(move.median_gap_s)}  {plan}"
        )
    if rep.hidden_transitions:
        out.append(paint(f"  … and {plural(rep.hidden_transitions, 'more move')}", DIM))
    if r.breakdown is not None:
        out += ["", paint(f"By {safe(r.breakdown.column)}", BOLD)]
        for g in r.breakdown.groups:
            value = "(empty)" if g.value is None else safe(g.value)
            out.append(f"  {value}: {plural(g.customers, 'customer')}")
            names = [s.name for s in rep.stages]
            out += ["  " + line for line in _funnel(list(g.stages), names, paint, interval=True)]
    if rep.metrics:
        out += ["", paint("Metrics", BOLD) + paint("  (--write records them in the map)", DIM)]
        for m in rep.metrics:
            as_of = f", as of {m.result.as_of.isoformat()}" if m.result.as_of else ""
            out.append(
                f"  {safe(m.name)}: {m.value}  (n={m.result.sample:,}{as_of}, "
                f"at {safe(rep.name(m.at))})"
            )
    return "\n".join(out) + "\n"


def _rows_line(rep: Report) -> str:
    rows = rep.result.rows
    parts = [
        plural(rows.read, "row") + " read",
        f"{rows.used:,} used",
        f"{rows.unmapped:,} unmapped",
        plural(rows.duplicates, "duplicate"),
        f"{rows.rejected:,} rejected",
    ]
    return ", ".join(parts) + f"; {plural(rep.result.customers, 'customer')}"


def _funnel(
    stages: list[StageResult], names: list[str], paint: _Paint, interval: bool = False
) -> list[str]:
    """One line per stage: entered, a bar, the overall conversion (with its 95 % Wilson
    interval when ``interval``, to compare groups), then the step from the stage before."""
    if not stages:
        return []
    largest = max(s.entered for s in stages)
    width = max(len(safe(n)) for n in names)
    digits = max(len(f"{s.entered:,}") for s in stages)
    out = []
    for name, s in zip(names, stages, strict=True):
        line = f"  {safe(name).ljust(width)}  {s.entered:>{digits},}  "
        line += paint(bar(s.entered, largest).ljust(BAR + 1), CYAN)
        line += f" {percent(s.conversion_overall):>6}"
        ci = s.conversion_overall_ci
        if interval and ci is not None and s.previous is not None:
            line += paint(f" [{percent(ci[0])}–{percent(ci[1])}]", DIM)
        if s.previous is not None:
            line += paint(
                f"  {percent(s.conversion_from_previous)} of the stage before, "
                f"{s.dropped:,} dropped, median {duration(s.time_from_previous_s.median)}",
                DIM,
            )
        out.append(line.rstrip())
    return out
