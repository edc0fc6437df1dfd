"""The Markdown format of ``journey measure``: ready to paste as a pull-request comment.

Tables for the funnel, the touchpoints, the main moves and the breakdown. User text (names from
the map, ``--by`` values from the data) is escaped as ``journey diff --format markdown`` does it:
no HTML, no links, no @mentions, and safe inside a table cell.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from journeykit.diff.format_markdown import code, escape
from journeykit.measure.present import duration, number, percent, plural, report

if TYPE_CHECKING:
    from journeykit.measure.result import MeasureResult, StageResult
    from journeykit.model import JourneyMap

BAR = 20


def _bar(part: int, whole: int) -> str:
    return "█" * round(part / whole * BAR) if whole > 0 and part > 0 else ""


def render(result: MeasureResult, journey: JourneyMap | None = None) -> str:
    rep = report(result, journey)
    r = result
    rows = r.rows
    out = [f"## Measured: {escape(rep.title)}", ""]
    facts = [
        f"**{plural(r.customers, 'customer')}** from {plural(rows.read, 'row')}",
        f"{rows.used:,} used, {rows.unmapped:,} unmapped, "
        f"{plural(rows.duplicates, 'duplicate')}, {rows.rejected:,} rejected",
        f"engine {code(r.engine)}",
        f"window {duration(r.window_s)}" if r.window_s is not None else "no window",
    ]
    if r.first_event is not None and r.last_event is not None:
        facts.append(f"events {r.first_event:%Y-%m-%d} to {r.last_event:%Y-%m-%d}")
    out += [" · ".join(facts), ""]
    names = [s.name for s in rep.stages]
    out += ["### Stage funnel", ""]
    out += _funnel([s.result for s in rep.stages], names)
    out += ["", "### Touchpoints", ""]
    out += [
        "| Stage | Touchpoint | Reach | Share | Events | Score (n) |",
        "|---|---|--:|--:|--:|--:|",
    ]
    for stage in rep.stages:
        for t in stage.touchpoints:
            res = t.result
            reach = res.reach if res else 0
            score = f"{number(res.score_mean)} ({res.score_n:,})" if res and res.score_n else "–"
            out.append(
                f"| {escape(stage.name)} | {escape(t.name)} | {reach:,} | "
                f"{percent(reach / r.customers) if r.customers else '–'} | "
                f"{res.events if res else 0:,} | {score} |"
            )
    out += ["", "### Main moves between touchpoints", ""]
    if rep.transitions:
        out += [
            "| From | To | Moves | Customers | Median gap | In the map |",
            "|---|---|--:|--:|--:|---|",
        ]
        for move in rep.transitions:
            out.append(
                f"| {escape(rep.name(move.source))} | {escape(rep.name(move.target))} | "
                f"{move.count:,} | {move.customers:,} | {duration(move.median_gap_s)} | "
                f"{'yes' if move.planned else '**no**'} |"
            )
        if rep.hidden_transitions:
            out += ["", f"… and {plural(rep.hidden_transitions, 'more move')}."]
    else:
        out.append("No customer has two used events.")
    if r.breakdown is not None:
        out += ["", f"### By {escape(r.breakdown.column)}", ""]
        out += [
            "| Group | Customers | "
            + " | ".join(escape(n) for n in names)
            + " | Overall conversion (95 % interval) |",
            "|---|--:|" + "--:|" * len(names) + "--:|",
        ]
        for g in r.breakdown.groups:
            value = "*(empty)*" if g.value is None else escape(g.value)
            last = g.stages[-1] if g.stages else None
            overall = "–"
            if last is not None:
                overall = percent(last.conversion_overall)
                ci = last.conversion_overall_ci
                if ci is not None:
                    overall += f" ({percent(ci[0])}–{percent(ci[1])})"
            out.append(
                f"| {value} | {g.customers:,} | "
                + " | ".join(f"{s.entered:,}" for s in g.stages)
                + f" | {overall} |"
            )
    if rep.metrics:
        out += [
            "",
            "### Metrics",
            "",
            "| Metric | Value | Sample | As of | At |",
            "|---|--:|--:|---|---|",
        ]
        for m in rep.metrics:
            as_of = m.result.as_of.isoformat() if m.result.as_of else "–"
            out.append(
                f"| {escape(m.name)} | {m.value} | {m.result.sample:,} | {as_of} | "
                f"{escape(rep.name(m.at))} |"
            )
    return "\n".join(out) + "\n"


def _funnel(stages: list[StageResult], names: list[str]) -> list[str]:
    out = [
        "| Stage | Entered | | Overall | From the stage before | Dropped | Median time (p25–p75) |",
        "|---|--:|---|--:|--:|--:|--:|",
    ]
    first = stages[0].entered if stages else 0
    for name, s in zip(names, stages, strict=True):
        q = s.time_from_previous_s
        spread = f"{duration(q.median)} ({duration(q.p25)}–{duration(q.p75)})"
        out.append(
            f"| {escape(name)} | {s.entered:,} | {_bar(s.entered, first)} | "
            f"{percent(s.conversion_overall)} | "
            f"{percent(s.conversion_from_previous) if s.previous is not None else '–'} | "
            f"{s.dropped:,} | {spread if s.previous is not None else '–'} |"
        )
    return out
