"""The HTML report of ``journey measure``: one self-contained page, in the look of the rendered
map (its stylesheet and page frame are reused from :mod:`journeykit.render`).

The same discipline as the map page: autoescaping on, the only markup that reaches the template
is the inline SVG made in :mod:`journeykit.measure.charts` (user text escaped there), and the
page's Content-Security-Policy forbids every request and every script.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jinja2

    from journeykit.measure.result import MeasureResult
    from journeykit.model import JourneyMap


def environment() -> jinja2.Environment:
    from journeykit.render.html import report_environment

    return report_environment("journeykit.measure")


def render(result: MeasureResult, journey: JourneyMap | None = None, tool_version: str = "") -> str:
    from journeykit.measure import charts
    from journeykit.measure.present import duration, number, percent, plural, report
    from journeykit.render.html import _csp

    rep = report(result, journey)
    rows = result.rows
    stats = [
        ("Customers", f"{result.customers:,}"),
        ("Rows read", f"{rows.read:,}"),
        ("Used", f"{rows.used:,}"),
        ("Unmapped", f"{rows.unmapped:,}"),
        ("Duplicates", f"{rows.duplicates:,}"),
        ("Rejected", f"{rows.rejected:,}"),
    ]
    histograms = [
        (s, charts.time_histogram(s.result.time_from_previous_s))
        for s in rep.stages
        if s.result.previous is not None
    ]
    return (
        environment()
        .get_template("report.html.j2")
        .render(
            rep=rep,
            result=result,
            stats=stats,
            funnel=charts.funnel(rep),
            sankey=charts.sankey(rep),
            histograms=histograms,
            percent=percent,
            duration=duration,
            number=number,
            plural=plural,
            tool_version=tool_version,
            csp=_csp(None),
        )
    )
