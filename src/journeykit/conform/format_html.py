"""The HTML report of ``journey conform``: one self-contained page in the look of the rendered map.

The map's flow diagram (Graphviz, through :func:`journeykit.render.graphviz.build_dot`'s edge
hook) carries what happened: planned edges drawn as thick as the share of customers who took
them, unplanned moves dashed in a warning colour with their customer counts, planned edges
nobody took greyed. Beside it, the most common variants as rows. Autoescaping is on; the only
markup reaching the template is the sanitised SVG of the diagram, whose labels are numbers.
"""

from __future__ import annotations

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
    """The map's flow diagram in DOT with the customers' moves laid over it."""
    from journeykit.render import RenderOptions
    from journeykit.render.graphviz import build_dot

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


__all__ = ["overlay_dot", "pen_width", "render"]
