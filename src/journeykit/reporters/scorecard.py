"""Scorecards as text: ``stylish`` (fixed-width tables), ``markdown`` (for a pull request) and
``json``.

User text (titles, names, paths) is data: folded to one printable line on the terminal,
escaped Markdown in ``markdown``. ``json`` is stable: keys in a fixed order, floats rounded.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from journeykit.problems import Problem, one_line
from journeykit.reporters.text_table import Cell, Columns, TextTable, paint
from journeykit.score import (
    OVERALL,
    PART_TITLES,
    Criterion,
    ExperienceStats,
    KpiReading,
    Scorecard,
    ScoreSettings,
    Shortfall,
    shown,
)

JSON_FORMAT_VERSION = 1
_INVISIBLE = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class ScoredMap:
    """One input of ``journey score``: its scorecard, or why there is none."""

    path: str
    card: Scorecard | None = None
    problems: tuple[Problem, ...] = ()  # validation problems of an invalid map
    skipped: str | None = None  # e.g. the map has no such persona
    under: tuple[Shortfall, ...] = ()  # minimums not met
    unchecked: tuple[Shortfall, ...] = ()  # minimums on parts that do not apply

    @property
    def passed(self) -> bool:
        return self.card is not None and not self.under


@dataclass(frozen=True)
class ScoreContext:
    tool_version: str
    today: str
    persona: str | None
    settings: ScoreSettings = field(default_factory=ScoreSettings)
    color: bool = False
    width: int = 120


ScoreRenderer = Callable[[Sequence[ScoredMap], ScoreContext], str]


# --------------------------------------------------------------------------- shared wording


def _num(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "—"
    return f"{value:.{digits}f}"


def _score(value: float | None) -> str:
    return "n/a" if value is None else f"{shown(value):.1f}"


def _count(c: Criterion) -> str:
    if c.kind == "share":
        return f"{c.numerator:g}/{c.denominator}"
    digits = 2 if c.kind == "mean" else 3
    return f"{_num(c.value, digits)} (n={c.denominator})"


def _low(stats: ExperienceStats) -> str:
    if stats.low_share is None:
        return "—"
    return f"{stats.low}/{stats.scored} ({stats.low_share:.0%})"


def _mean(stats: ExperienceStats) -> str:
    return "—" if stats.mean is None else f"{stats.mean:.2f} ({stats.scored}/{stats.cells})"


def _moments(stats: ExperienceStats) -> str:
    return "—" if stats.moments_mean is None else f"{stats.moments_mean:.2f} ({stats.moments})"


def _lowest(stats: ExperienceStats, with_persona: bool = False) -> str:
    low = stats.lowest
    if low is None:
        return "—"
    who = f", {low.persona}" if with_persona else ""
    return f"{one_line(low.name)} ({low.score}{who})"


def _short(value: float) -> str:
    """A priority: at most two decimals, no trailing zeros (54, 13.5, 1.67)."""
    return f"{round(value, 2):g}"


def _gap(value: float) -> str:
    return f"{value:.1%}"


SCORE_COLUMNS: Columns = (
    ("Part", "Score", "Weight", "Criterion", "Count", "Criterion score"),
    "lrrlrr",
)
EXPERIENCE_COLUMNS: Columns = (
    ("Persona", "Stage", "Mean (scored/cells)", "Lowest", "Moments of truth", "Scored ≤ 2"),
    "llrlrr",
)
KPI_COLUMNS: Columns = (("Touchpoint", "Metric", "Actual", "Target", "Met", "Gap"), "llrrlr")


def _stats_cells(stats: ExperienceStats) -> list[Cell]:
    return [_mean(stats), _lowest(stats), _moments(stats), _low(stats)]


def _kpi_cells(k: KpiReading) -> list[Cell]:
    met = ("yes", "green") if k.met else ("no", "red")
    return [k.touchpoint, k.metric, f"{k.actual:g}", f"{k.target:g}", met, _gap(k.gap)]


def _heading(card: Scorecard) -> str:
    persona = f"persona {card.persona}" if card.persona else "all personas"
    return f"{one_line(card.title)} · {persona} · overall {_score(card.overall)}"


def _verdict(results: Sequence[ScoredMap]) -> tuple[bool, str]:
    scored = [r for r in results if r.card is not None]
    invalid = sum(1 for r in results if r.problems)
    under = sum(1 for r in results if r.under)
    words = [f"{len(scored)} of {len(results)} map{'s' if len(results) != 1 else ''} scored"]
    if invalid:
        words.append(f"{invalid} invalid")
    if under:
        words.append(f"{under} under a minimum")
    ok = not invalid and not under
    return ok, ("✔ " if ok else "✖ ") + ", ".join(words)


def shortfall_message(path: str, s: Shortfall) -> str:
    """The stderr line for a minimum not met (or not checked)."""
    name = PART_TITLES[s.part].lower()
    if s.score is None:
        return (
            f"{path}: {name} does not apply (nothing to score), so its minimum "
            f"{s.minimum:g} ({s.source}) was not checked"
        )
    return f"{path}: {name} {s.score:.1f} is under the minimum {s.minimum:g} ({s.source})"


# --------------------------------------------------------------------------- json


def render_json(results: Sequence[ScoredMap], ctx: ScoreContext) -> str:
    return "".join(iter_json(results, ctx))


def iter_json(results: Sequence[ScoredMap], ctx: ScoreContext) -> Iterator[str]:
    """The JSON document in pieces, one map at a time (the same text as one ``json.dumps`` of
    it all): written as it comes, a thousand scorecards never exist as one string."""
    document = {
        "format": "journeykit-score",
        "format_version": JSON_FORMAT_VERSION,
        "tool": {"name": "journey", "version": ctx.tool_version},
        "today": ctx.today,
        "persona": ctx.persona,
        "settings": ctx.settings.as_dict(),
        "passed": _verdict(results)[0],
        "maps": None,  # placeholder: the last value of the document
    }
    head, _, tail = _json_text(document, "").rpartition("null")
    if not results:
        yield f"{head}[]{tail}\n"
        return
    yield head + "[\n"
    for i, r in enumerate(results):
        yield (",\n" if i else "") + _json_text(_json_entry(r), "    ")
    yield f"\n  ]{tail}\n"


def _json_entry(r: ScoredMap) -> dict[str, Any]:
    entry: dict[str, Any] = {"path": r.path, "valid": not r.problems}
    if r.problems:
        entry["problems"] = [p.as_dict() for p in r.problems]
    if r.skipped:
        entry["skipped"] = r.skipped
    if r.card is not None:
        entry["passed"] = r.passed
        entry["under"] = [_shortfall(s) for s in r.under]
        entry["unchecked"] = [_shortfall(s) for s in r.unchecked]
        entry["scorecard"] = r.card.as_dict()
    return entry


def _json_text(value: Any, indent: str) -> str:
    """``value`` as indented JSON, each line after the first indented by ``indent`` more."""
    text = json.dumps(value, indent=2, ensure_ascii=False)
    # json.dumps escapes C0 controls only: keep C1, line separators and bidi overrides escaped
    # too, so that `cat scores.json` cannot reorder or hide text (as journey diff's JSON does)
    text = _INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return indent + text.replace("\n", "\n" + indent) if indent else text


def _shortfall(s: Shortfall) -> dict[str, Any]:
    return {"part": s.part, "score": s.score, "minimum": s.minimum, "source": s.source}


# --------------------------------------------------------------------------- markdown

_MD_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]|~#"})


def markdown_text(text: str) -> str:
    """User text safe inside Markdown (and a table cell): one line, no HTML, no markup, and no
    ``@mention`` (a zero-width space after ``@``) that would notify people from a PR comment."""
    text = one_line(text).translate(_MD_SPECIAL)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("@", "@&#8203;")


def _md_row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _md_table(columns: Columns, rows: list[list[str]]) -> list[str]:
    """A Markdown table; its headings are the stylish table's, in lower case."""
    headings, align = columns
    rule = ["---:" if a == "r" else "---" for a in align]
    return [_md_row([h.lower() for h in headings]), _md_row(rule), *map(_md_row, rows), ""]


def _md_cells(cells: Sequence[Cell]) -> list[str]:
    """Cells of a stylish row as Markdown text (escaped; a style, a colour, is not kept)."""
    return [markdown_text(c if isinstance(c, str) else c[0]) for c in cells]


def render_markdown(results: Sequence[ScoredMap], ctx: ScoreContext) -> str:
    out = ["# journey score", ""]
    for r in results:
        out += _markdown_map(r)
    out += [_verdict(results)[1], ""]
    return "\n".join(out)


def _markdown_map(r: ScoredMap) -> list[str]:
    md = markdown_text
    card = r.card
    if card is None:
        why = r.skipped or f"invalid map: {len(r.problems)} problem(s); run `journey validate`"
        return [f"## {md(r.path)}", "", f"Not scored: {md(why)}", ""]
    out = [f"## {md(card.title)}", ""]
    persona = f"persona `{card.persona}`" if card.persona else "all personas"
    overall = _score(card.overall)
    out += [f"{md(r.path)} · {persona} · today {card.today.isoformat()} · **overall {overall}**"]
    out += [""]
    for s in r.under:
        out += [f"> **Under the minimum:** {md(shortfall_message(r.path, s))}", ""]
    rows = []
    for part in card.parts:
        for i, c in enumerate(part.criteria):
            head = [f"**{part.title}**", _score(part.score), f"{part.weight:g}"] if i == 0 else []
            rows.append([*(head or ["", "", ""]), md(c.label), _count(c), _score(c.score)])
    rows.append([f"**{PART_TITLES[OVERALL]}**", f"**{overall}**", "", "", "", ""])
    out += _md_table(SCORE_COLUMNS, rows)
    out += ["### Experience", ""]
    rows = []
    for p in card.by_persona:
        rows.append([f"**{md(p.name)}**", "all stages", *_md_cells(_stats_cells(p.overall))])
        rows += [["", md(s.name), *_md_cells(_stats_cells(s.stats))] for s in p.stages]
    out += _md_table(EXPERIENCE_COLUMNS, rows)
    out += ["### KPIs", ""]
    if card.kpis:
        out += _md_table(KPI_COLUMNS, [_md_cells(_kpi_cells(k)) for k in card.kpis])
    else:
        out += ["No measurements with both actual and target.", ""]
    out += ["### Priorities", ""]
    if card.priorities:
        rows = [
            [str(p.rank), md(p.opportunity), md(p.description), _short(p.priority), md(p.reason)]
            for p in card.priorities
        ]
        headings = ("#", "Opportunity", "Description", "Priority", "Why")
        out += _md_table((headings, "rllrl"), rows)
    else:
        out += ["No open opportunities.", ""]
    return out


# --------------------------------------------------------------------------- stylish
# Plain fixed-width tables (journeykit.reporters.text_table).


def render_stylish(results: Sequence[ScoredMap], ctx: ScoreContext) -> str:
    color, width = ctx.color, ctx.width
    out: list[str] = []
    for r in results:
        out.append(paint(one_line(r.path), "bold underline", color))
        if r.card is None:
            why = r.skipped or f"invalid map: {len(r.problems)} problem(s), shown on stderr"
            out += [paint(f"  not scored: {one_line(why)}", "yellow", color), ""]
            continue
        out += [paint(line, "bold", color) for line in textwrap.wrap(_heading(r.card), width)]
        for table in _stylish_tables(r.card):
            out += table.render(width, color)
        out.append("")
    ok, verdict = _verdict(results)
    out.append(paint(verdict, "bold green" if ok else "bold red", color))
    return "".join(line.rstrip() + "\n" for line in out)


def _stylish_tables(card: Scorecard) -> list[TextTable]:
    parts = TextTable("Scores", SCORE_COLUMNS)
    for part in card.parts:
        for i, c in enumerate(part.criteria):
            head: list[Cell] = ["", "", ""]
            if i == 0:
                head = [(part.title, "bold"), (_score(part.score), "bold"), f"{part.weight:g}"]
            last = i == len(part.criteria) - 1
            parts.add(*head, c.label, _count(c), _score(c.score), end_section=last)
    parts.add(("Overall", "bold"), (_score(card.overall), "bold"), "", "", "", "")

    feel = TextTable("Experience", EXPERIENCE_COLUMNS)
    for p in card.by_persona:
        persona: list[Cell] = [(p.name, "bold"), ("all stages", "bold")]
        feel.add(*persona, *_stats_cells(p.overall), end_section=not p.stages)
        for i, s in enumerate(p.stages):
            feel.add("", s.name, *_stats_cells(s.stats), end_section=i == len(p.stages) - 1)

    tables = [parts, feel]
    if card.kpis:
        kpis = TextTable("KPIs", KPI_COLUMNS)
        for k in card.kpis:
            kpis.add(*_kpi_cells(k))
        tables.append(kpis)
    if card.priorities:
        prio = TextTable("Priorities", (("#", "Opportunity", "Priority", "Why"), "rlrl"))
        for item in card.priorities:
            prio.add(str(item.rank), (item.opportunity, "bold"), _short(item.priority), item.reason)
        tables.append(prio)
    return tables


SCORE_FORMATS: dict[str, ScoreRenderer] = {
    "stylish": render_stylish,
    "json": render_json,
    "markdown": render_markdown,
}

__all__ = [
    "SCORE_FORMATS",
    "ScoreContext",
    "ScoreRenderer",
    "ScoredMap",
    "iter_json",
    "markdown_text",
    "render_json",
    "render_markdown",
    "render_stylish",
    "shortfall_message",
]
