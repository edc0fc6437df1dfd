"""Inline SVG charts of the HTML report: the funnel, a Sankey of the main paths, and the time to
convert between stages.

User text (stage and touchpoint names) is passed through :func:`journeykit.render.text.one_line`
and :func:`markupsafe.escape` before it enters the markup; everything else is numbers and fixed
strings. Output is deterministic.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from journeykit.measure.present import Report, duration, percent
from journeykit.render.text import one_line

if TYPE_CHECKING:
    from journeykit.measure.result import Quantiles

INK, MUTED, ACCENT, SOFT, LINE = "#1f2937", "#4b5563", "#4338ca", "#c7d2fe", "#e5e7eb"
PLANNED, UNPLANNED = "#4338ca", "#d97706"
FONT = 'font-family="system-ui, sans-serif"'


def _text(value: str, limit: int = 28) -> str:
    text = one_line(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return str(escape(text))


def _svg(width: float, height: float, label: str, body: list[str]) -> Markup:
    head = (
        f'<svg class="chart" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-label="{escape(label)}" '
        f'xmlns="http://www.w3.org/2000/svg" {FONT} font-size="13">'
    )
    return Markup(head + "".join(body) + "</svg>")


def funnel(rep: Report) -> Markup:
    """One horizontal bar per stage, as wide as the customers who entered it, with the
    conversion from the stage before between the bars."""
    stages = rep.stages
    label_w, bar_w, row = 170, 520, 46
    width, height = label_w + bar_w + 150, max(len(stages), 1) * row + 10
    largest = max((s.result.entered for s in stages), default=0)
    body = []
    for i, s in enumerate(stages):
        y = 8 + i * row
        w = bar_w * s.result.entered / largest if largest else 0
        body.append(
            f'<text x="{label_w - 10}" y="{y + 19}" text-anchor="end" fill="{INK}">'
            f"{_text(s.name, 24)}</text>"
        )
        body.append(f'<rect x="{label_w}" y="{y + 4}" width="{bar_w}" height="22" fill="{LINE}"/>')
        body.append(
            f'<rect x="{label_w}" y="{y + 4}" width="{w:.1f}" height="22" fill="{ACCENT}" rx="2"/>'
        )
        body.append(
            f'<text x="{label_w + bar_w + 10}" y="{y + 19}" fill="{INK}" font-weight="700">'
            f"{s.result.entered:,}</text>"
        )
        body.append(
            f'<text x="{label_w + bar_w + 70}" y="{y + 19}" fill="{MUTED}">'
            f"{percent(s.result.conversion_overall)}</text>"
        )
        if s.result.previous is not None:
            body.append(
                f'<text x="{label_w + 4}" y="{y + 40}" fill="{MUTED}" font-size="11">'
                f"↓ {percent(s.result.conversion_from_previous)} of the stage before · "
                f"{s.result.dropped:,} dropped</text>"
            )
    return _svg(width, height, "Stage funnel: customers who entered each stage", body)


def sankey(rep: Report) -> Markup | None:
    """The main moves between touchpoints as bands between columns (one column per stage),
    each as thick as its count; moves the map does not plan in amber. None without moves."""
    moves = [m for m in rep.transitions if m.source != m.target]
    if not moves:
        return None
    column_of = {t.id: i for i, s in enumerate(rep.stages) for t in s.touchpoints}
    names = rep.touchpoint_names
    shown = sorted(
        {m.source for m in moves} | {m.target for m in moves},
        key=lambda t: (
            column_of.get(t, len(rep.stages)),
            list(names).index(t) if t in names else 0,
        ),
    )
    out_sum = {t: sum(m.count for m in moves if m.source == t) for t in shown}
    in_sum = {t: sum(m.count for m in moves if m.target == t) for t in shown}
    size = {t: max(out_sum[t], in_sum[t], 1) for t in shown}
    columns: dict[int, list[str]] = {}
    for t in shown:
        columns.setdefault(column_of.get(t, len(rep.stages)), []).append(t)
    col_w, node_w, gap, top, inner_h, left = 190, 12, 14, 24, 300, 70
    busiest = max(sum(size[t] for t in ts) for ts in columns.values())
    most_nodes = max(len(ts) for ts in columns.values())
    scale = (inner_h - gap * (most_nodes - 1)) / busiest
    height = top + inner_h + 16
    width = left + col_w * (max(columns) + 1) + 90
    place: dict[str, tuple[float, float]] = {}
    for col, ts in columns.items():
        y: float = top
        for t in ts:
            place[t] = (left + col * col_w, y)
            y += size[t] * scale + gap
    body = []
    for col in sorted(columns):
        if col < len(rep.stages):
            body.append(
                f'<text x="{left + col * col_w}" y="14" fill="{MUTED}" font-size="12">'
                f"{_text(rep.stages[col].name, 22)}</text>"
            )
    out_used = dict.fromkeys(shown, 0.0)
    in_used = dict.fromkeys(shown, 0.0)
    for m in sorted(moves, key=lambda m: (place[m.source][1], place[m.target][1])):
        thick = max(m.count * scale, 1.0)
        sx, sy = place[m.source]
        tx, ty = place[m.target]
        y0 = sy + out_used[m.source] + thick / 2
        y1 = ty + in_used[m.target] + thick / 2
        out_used[m.source] += thick
        in_used[m.target] += thick
        x0, x1 = sx + node_w, tx
        if x1 <= x0:  # back to the same or an earlier column: loop around below
            bend = min(left - 8, max(40.0, (x0 - x1) * 0.3))
            c0, c1 = x0 + bend, x1 - bend
            path = f"M{x0:.1f},{y0:.1f} C{c0:.1f},{y0:.1f} {c1:.1f},{y1:.1f} {x1:.1f},{y1:.1f}"
        else:
            mid = (x0 + x1) / 2
            path = f"M{x0:.1f},{y0:.1f} C{mid:.1f},{y0:.1f} {mid:.1f},{y1:.1f} {x1:.1f},{y1:.1f}"
        color = PLANNED if m.planned else UNPLANNED
        title = (
            f"{_text(rep.name(m.source), 60)} → {_text(rep.name(m.target), 60)}: "
            f"{m.count:,} moves{'' if m.planned else ', not in the map'}"
        )
        body.append(
            f'<path d="{path}" fill="none" stroke="{color}" stroke-opacity="0.35" '
            f'stroke-width="{thick:.1f}"><title>{title}</title></path>'
        )
    for t in shown:
        x, y_top = place[t]
        h = size[t] * scale
        body.append(
            f'<rect x="{x}" y="{y_top:.1f}" width="{node_w}" height="{h:.1f}" fill="{INK}"/>'
        )
        body.append(
            f'<text x="{x + node_w + 4}" y="{y_top + min(h, 20) / 2 + 4:.1f}" fill="{INK}" '
            f'font-size="12">{_text(rep.name(t), 24)}</text>'
        )
    legend_y = height - 4
    body.append(
        f'<text x="{left}" y="{legend_y}" font-size="11" fill="{MUTED}">'
        f'<tspan fill="{PLANNED}">■</tspan> planned in the map  '
        f'<tspan fill="{UNPLANNED}">■</tspan> not in the map</text>'
    )
    label = "Sankey diagram of the most frequent moves between touchpoints"
    return _svg(width, height + 14, label, body)


def time_histogram(q: Quantiles) -> Markup | None:
    """The time from the stage before as a histogram with quantile bins on a log time axis:
    each bar covers p25–median, median–p75 or p75–p90 (25 %, 25 % and 15 % of the customers) and
    its height is their density per decade of time, so a narrow, tall bar is a crowd."""
    if q.median is None or q.p25 is None or q.p75 is None or q.p90 is None:
        return None
    edges = [max(v, 1.0) for v in (q.p25, q.median, q.p75, q.p90)]
    shares = [0.25, 0.25, 0.15]
    low, high = math.log10(edges[0]) - 0.3, math.log10(edges[-1]) + 0.3
    width, height, left, base = 300, 120, 10, 92

    def x(seconds: float) -> float:
        return left + (math.log10(seconds) - low) / (high - low) * (width - 2 * left)

    densities = [
        share / max(math.log10(b) - math.log10(a), 0.05)
        for share, a, b in zip(shares, edges, edges[1:], strict=False)
    ]
    top = max(densities)
    body = [f'<line x1="{left}" y1="{base}" x2="{width - left}" y2="{base}" stroke="{MUTED}"/>']
    for share, a, b, d in zip(shares, edges, edges[1:], densities, strict=False):
        x0, x1 = x(a), max(x(b), x(a) + 3)
        h = d / top * 70
        body.append(
            f'<rect x="{x0:.1f}" y="{base - h:.1f}" width="{x1 - x0:.1f}" height="{h:.1f}" '
            f'fill="{ACCENT}" fill-opacity="0.8"><title>{duration(a)} to {duration(b)}: '
            f"{share:.0%} of the customers</title></rect>"
        )
    for name, value, seconds in zip(
        ("p25", "median", "p75", "p90"), (q.p25, q.median, q.p75, q.p90), edges, strict=True
    ):
        body.append(
            f'<line x1="{x(seconds):.1f}" y1="{base}" x2="{x(seconds):.1f}" y2="{base + 4}" '
            f'stroke="{MUTED}"/>'
        )
        dy = 104 if name in ("p25", "p75") else 116
        body.append(
            f'<text x="{x(seconds):.1f}" y="{dy}" font-size="10" text-anchor="middle" '
            f'fill="{MUTED}">{name} {duration(value)}</text>'
        )
    body.append(
        f'<text x="{left}" y="12" font-size="10" fill="{MUTED}">25 % faster than p25 · '
        "10 % slower than p90</text>"
    )
    label = (
        f"Time from the stage before: median {duration(q.median)}, middle half "
        f"{duration(q.p25)} to {duration(q.p75)}, 90 % within {duration(q.p90)}"
    )
    return _svg(width, height + 4, label, body)
