"""The human formats of ``journey conform``: the terminal (stylish) and Markdown for a pull request.

Both show, in this order: how well real journeys fit the plan, the most common actual paths with
what deviated, which planned steps customers skip, which unplanned moves they make, and which
planned edges nobody takes. Touchpoint names come from the map; user text is escaped for the
medium as ``journey diff`` does it (terminal: ``safe``; Markdown: ``escape``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from journeykit.diff.format_markdown import code, escape
from journeykit.diff.format_text import safe
from journeykit.measure.present import number, percent, plural

if TYPE_CHECKING:
    from journeykit.conform.result import ConformResult, Deviation, EdgeResult

SHOWN = 10  # rows per section in the human formats; JSON has them all


def _share(part: int, whole: int) -> str:
    return percent(part / whole) if whole else "–"


def headline(result: ConformResult) -> str:
    """One line: fitness, perfect customers, and what the variant cap left out."""
    fitness = "–" if result.fitness is None else number(result.fitness)
    text = (
        f"fitness {fitness} over {plural(result.aligned_customers, 'customer')}; "
        f"{result.perfect:,} ({_share(result.perfect, result.aligned_customers)}) "
        "followed the plan exactly"
    )
    if result.left_out_customers:
        text += (
            f"; {plural(result.left_out_customers, 'customer')} in "
            f"{plural(result.left_out_variants, 'rarer variant')} not aligned (--variants)"
        )
    return text


def stylish(result: ConformResult, names: Mapping[str, str]) -> str:
    def name(ident: str) -> str:
        return safe(names.get(ident, ident))

    def path(trace: tuple[str, ...]) -> str:
        return " → ".join(name(t) for t in trace)

    out = [f"{safe(result.map)}: {headline(result)}", ""]
    out.append("Most common paths")
    for v in result.variants[:SHOWN]:
        notes = _notes(v.ad_hoc, v.missing, name)
        out.append(
            f"  {v.customers:>8,}  cost {v.cost}  {path(v.trace)}"
            + (f"  ({notes})" if notes else "")
        )
    if len(result.variants) > SHOWN:
        out.append(f"  … {plural(len(result.variants) - SHOWN, 'more variant')} in --format json")
    out += _stylish_deviations("Planned steps skipped (missing)", result.missing, result, name)
    out += _stylish_deviations("Touchpoints off the plan (ad-hoc)", result.ad_hoc, result, name)
    unplanned = [e for e in result.edges if not e.planned]
    out += ["", "Unplanned moves"]
    out += [
        f"  {e.customers:>8,}  {_share(e.customers, result.customers):>6}  "
        f"{name(e.source)} → {name(e.target)}  ({plural(e.count, 'time')})"
        for e in unplanned[:SHOWN]
    ] or ["  none"]
    out += ["", "Planned moves nobody took"]
    out += [f"  {name(a)} → {name(b)}" for a, b in result.unused_planned_edges] or ["  none"]
    return "\n".join(out) + "\n"


def _notes(ad_hoc: tuple[str, ...], missing: tuple[str, ...], name: Callable[[str], str]) -> str:
    parts = [f"skipped {name(t)}" for t in missing] + [f"off-plan {name(t)}" for t in ad_hoc]
    return ", ".join(parts)


def _stylish_deviations(
    title: str,
    rows: tuple[Deviation, ...],
    result: ConformResult,
    name: Callable[[str], str],
) -> list[str]:
    out = ["", title]
    out += [
        f"  {d.customers:>8,}  {_share(d.customers, result.aligned_customers):>6}  {name(d.id)}"
        for d in rows[:SHOWN]
    ] or ["  none"]
    return out


def markdown(result: ConformResult, names: Mapping[str, str]) -> str:
    def name(ident: str) -> str:
        return escape(names.get(ident, ident))

    out = [f"## Conformance: {code(result.map)}", "", headline(result), ""]
    out += [
        "### Most common paths",
        "",
        "| Customers | Cost | Path | Deviations |",
        "|--:|--:|---|---|",
    ]
    for v in result.variants[:SHOWN]:
        out.append(
            f"| {v.customers:,} | {v.cost} | {' → '.join(name(t) for t in v.trace)} | "
            f"{_notes(v.ad_hoc, v.missing, name) or '–'} |"
        )
    for title, rows in (
        ("Planned steps skipped", result.missing),
        ("Touchpoints off the plan", result.ad_hoc),
    ):
        out += ["", f"### {title}", ""]
        if rows:
            out += ["| Touchpoint | Customers | Share |", "|---|--:|--:|"]
            out += [
                f"| {name(d.id)} | {d.customers:,} | "
                f"{_share(d.customers, result.aligned_customers)} |"
                for d in rows[:SHOWN]
            ]
        else:
            out.append("None.")
    out += ["", "### Moves customers made", ""]
    out += _markdown_edges(result, name)
    out += ["", "### Planned moves nobody took", ""]
    out += [f"- {name(a)} → {name(b)}" for a, b in result.unused_planned_edges] or ["None."]
    return "\n".join(out) + "\n"


def _markdown_edges(result: ConformResult, name: Callable[[str], str]) -> list[str]:
    edges: list[EdgeResult] = list(result.edges[:SHOWN])
    if not edges:
        return ["None."]
    out = ["| From | To | Customers | Times | In the plan |", "|---|---|--:|--:|---|"]
    out += [
        f"| {name(e.source)} | {name(e.target)} | {e.customers:,} | {e.count:,} | "
        f"{'yes' if e.planned else '**no**'} |"
        for e in edges
    ]
    return out
