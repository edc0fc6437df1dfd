"""The HTML report of ``journey conform``: one self-contained page in the look of the rendered map.

The map's flow diagram (Graphviz, through :func:`journeykit.render.graphviz.build_dot`'s edge
hook) carries what happened: planned edges drawn as thick as the share of customers who took
them, unplanned moves dashed in a warning colour with their customer counts, planned edges
nobody took greyed. Beside it, the most common variants as rows. Autoescaping is on; the only
markup reaching the template is the sanitised SVG of the diagram, whose labels are numbers.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jinja2
    from markupsafe import Markup

    from journeykit.conform.result import ConformResult
    from journeykit.model import JourneyMap

WARNING = "#b45309"
UNUSED = "#cbd5e1"
PLANNED = "#1d4ed8"
SHOWN = 15  # variants and moves listed


def environment() -> jinja2.Environment:
    from journeykit.render.html import report_environment

    return report_environment("journeykit.conform")


def pen_width(customers: int, most: int) -> float:
    """From 1 (one customer) to 7 (the most customers on any move), by the square root."""
    if most <= 0 or customers <= 0:
        return 1.0
    width: float = 1.0 + 6.0 * (customers / most) ** 0.5
    return round(width, 2)


def overlay_dot(result: ConformResult, journey: JourneyMap) -> str:
    """The map's flow diagram in DOT with the customers' moves laid over it; a map too large
    for a readable touchpoint flow gets its moves summed stage to stage (:func:`stage_dot`)."""
    from journeykit.model import MapView
    from journeykit.render import RenderOptions
    from journeykit.render.dot import build_dot, too_large

    if too_large(MapView(journey, None)) is not None:
        return stage_dot(result, journey)

    taken = {(e.source, e.target): e for e in result.edges}
    most = max((e.customers for e in result.edges), default=0)
    known = {t.id for t in journey.touchpoints}

    def planned(source: str, target: str) -> str:
        edge = taken.get((source, target))
        if edge is None:
            return f'color="{UNUSED}", fontcolor="{UNUSED}", penwidth=1, label="0"'
        width = pen_width(edge.customers, most)
        return f'color="{PLANNED}", penwidth={width}, label="{edge.customers:,}"'

    drawn: set[tuple[str, str]] = set()
    extra: list[tuple[str, str, str]] = []
    for edge in result.edges:
        if edge.planned or edge.source not in known or edge.target not in known:
            continue
        drawn.add((edge.source, edge.target))
        width = pen_width(edge.customers, most)
        extra.append(
            (
                edge.source,
                edge.target,
                f'style=dashed, color="{WARNING}", fontcolor="{WARNING}", penwidth={width}, '
                f'label="{edge.customers:,}", constraint=false',
            )
        )
    return build_dot(journey, RenderOptions(), title=False, edge_style=planned, extra_edges=extra)


def stage_dot(result: ConformResult, journey: JourneyMap) -> str:
    """The overlay of a map too large for the touchpoint flow: one box per stage, and the moves
    between touchpoints summed into moves between their stages (planned ones as thick as their
    count, unplanned ones dashed in the warning colour, planned stage-to-stage steps nobody took
    greyed). Moves within one stage are left out, and the diagram says so."""
    from html import escape

    from journeykit.render.dot import FONT

    stage_of = {t.id: t.stage for t in journey.touchpoints}
    stages = [s for s in journey.stages if any(t.stage == s.id for t in journey.touchpoints)]
    node = {s.id: f"s{i}" for i, s in enumerate(stages)}
    rank = {s.id: i for i, s in enumerate(stages)}
    planned: dict[tuple[str, str], int] = {}
    unplanned: dict[tuple[str, str], int] = {}
    for edge in result.edges:
        pair = (stage_of.get(edge.source, ""), stage_of.get(edge.target, ""))
        if pair[0] == pair[1] or pair[0] not in node or pair[1] not in node:
            continue
        into = planned if edge.planned else unplanned
        into[pair] = into.get(pair, 0) + edge.count
    for source, target in result.unused_planned_edges:
        pair = (stage_of.get(source, ""), stage_of.get(target, ""))
        if pair[0] != pair[1] and pair[0] in node and pair[1] in node:
            planned.setdefault(pair, 0)
    most = max([*planned.values(), *unplanned.values(), 0])
    note = (
        f"{len(journey.touchpoints):,} touchpoints are too many for a readable flow: customers' "
        "moves are summed from stage to stage (labels count moves; moves within a stage are "
        "not drawn). The tables below list them touchpoint by touchpoint."
    )
    out = [
        "digraph conform {",
        f'  graph [rankdir=LR, nodesep=0.4, ranksep=0.9, fontname="{FONT}", fontsize=12, '
        f'labelloc=t, labeljust=l, pad=0.3, bgcolor="white", label="{_dot_lines(note)}"];',
        f'  node [shape=box, style="rounded,filled", fillcolor="#f8fafc", color="#6b7280", '
        f'fontname="{FONT}", fontsize=13, margin="0.15,0.1"];',
        f'  edge [arrowsize=0.8, fontname="{FONT}", fontsize=11];',
    ]
    for position, stage in enumerate(stages):
        count = sum(1 for t in journey.touchpoints if t.stage == stage.id)
        name = escape(stage.name or stage.id)
        out.append(
            f"  {node[stage.id]} [label=<<B>{position + 1}. {name}</B><BR/>"
            f'<FONT POINT-SIZE="10">{count:,} touchpoints</FONT>>];'
        )
    for before, after in pairwise(stages):  # keep the stages in order
        out.append(f"  {node[before.id]} -> {node[after.id]} [style=invis, weight=10];")
    for (a, b), moves in sorted(planned.items(), key=lambda item: (rank[item[0][0]], item[0])):
        style = (
            f'color="{PLANNED}", penwidth={pen_width(moves, most)}, label="{moves:,}"'
            if moves
            else f'color="{UNUSED}", fontcolor="{UNUSED}", penwidth=1, label="0"'
        )
        out.append(f"  {node[a]} -> {node[b]} [{style}];")
    for (a, b), moves in sorted(unplanned.items()):
        out.append(
            f'  {node[a]} -> {node[b]} [style=dashed, color="{WARNING}", fontcolor="{WARNING}", '
            f'penwidth={pen_width(moves, most)}, label="{moves:,}", constraint=false];'
        )
    out.append("}")
    return "\n".join(out) + "\n"


def _dot_lines(text: str, width: int = 100) -> str:
    """``text`` inside a double-quoted DOT string, in left-justified lines of ``width``."""
    import textwrap

    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return "".join(f"{line}\\l" for line in textwrap.wrap(escaped, width))


def _diagram(result: ConformResult, journey: JourneyMap) -> tuple[Markup | None, str | None]:
    from journeykit.render import GraphvizMissing, RenderError
    from journeykit.render.graphviz import run_dot
    from journeykit.render.html import sanitize_svg

    try:
        return sanitize_svg(run_dot(overlay_dot(result, journey), "svg")), None
    except GraphvizMissing:
        return None, "The flow diagram needs Graphviz (the dot program), not installed here."
    except RenderError as exc:
        return None, f"The flow diagram could not be drawn: {exc}"


def render(result: ConformResult, journey: JourneyMap | None = None, tool_version: str = "") -> str:
    from journeykit.conform.formats import headline
    from journeykit.conform.report import names_of
    from journeykit.measure.present import number, percent
    from journeykit.render.html import _csp

    names = names_of(journey)
    diagram, missing = (None, None) if journey is None else _diagram(result, journey)
    stats = [
        ("Fitness", "–" if result.fitness is None else number(result.fitness)),
        ("Customers", f"{result.customers:,}"),
        ("Followed the plan", f"{result.perfect:,}"),
        ("Variants aligned", f"{result.aligned_variants:,}"),
        ("Left out", f"{result.left_out_customers:,}"),
    ]

    def share(part: int) -> str:
        return percent(part / result.aligned_customers) if result.aligned_customers else "–"

    return (
        environment()
        .get_template("conform.html.j2")
        .render(
            result=result,
            title=(journey.title if journey is not None and journey.title else result.map),
            headline=headline(result),
            stats=stats,
            diagram=diagram,
            missing=missing,
            variants=result.variants[:SHOWN],
            unplanned=[e for e in result.edges if not e.planned][:SHOWN],
            name=lambda ident: names.get(ident, ident),
            share=share,
            number=number,
            tool_version=tool_version,
            csp=_csp(None),
        )
    )


__all__ = ["overlay_dot", "pen_width", "render", "stage_dot"]
