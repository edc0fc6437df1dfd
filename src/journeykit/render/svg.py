"""SVG drawn here for the HTML page: the emotion curve and persona markers.

User text (emotion words, names) is escaped with :func:`markupsafe.escape` before it enters the
markup; everything else is numbers and fixed strings. Output is deterministic.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup, escape

from journeykit.model import MapView
from journeykit.render.colors import persona_style
from journeykit.render.text import one_line

COLUMN = 200  # px per touchpoint column, the same as the grid's columns
HEIGHT = 250
TOP, BOTTOM = 28, 30  # room for labels above 5 and below 1
LABEL_GAP = 14
PERSONA_STEP = 9.0  # px between the points of neighbouring personas in a column
SPREAD = 40.0  # px: the most the points of one column spread, so that they stay in it


@dataclass(frozen=True)
class PersonaLook:
    id: str
    name: str
    color: str
    marker: str
    dash: str


def looks(view: MapView) -> list[PersonaLook]:
    """Colour, marker and dash of each persona in view (fixed by its place in the whole map)."""
    place = {p.id: i for i, p in enumerate(view.map.personas)}
    return [PersonaLook(p.id, p.name, *persona_style(place[p.id])) for p in view.personas]


def _y(score: float) -> float:
    return TOP + (5 - score) * (HEIGHT - TOP - BOTTOM) / 4


def marker(shape: str, x: float, y: float, color: str, size: float = 6.0) -> str:
    """One marker shape, filled with ``color`` and outlined in white for contrast on lines."""
    s = size
    common = f'fill="{color}" stroke="#ffffff" stroke-width="1.5"'
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{s:.1f}" {common}/>'
    if shape == "square":
        box = f'width="{2 * s:.1f}" height="{2 * s:.1f}"'
        return f'<rect x="{x - s:.1f}" y="{y - s:.1f}" {box} {common}/>'
    points = {
        "triangle": [(0, -1.25), (1.15, 0.9), (-1.15, 0.9)],
        "triangle-down": [(0, 1.25), (1.15, -0.9), (-1.15, -0.9)],
        "diamond": [(0, -1.35), (1.1, 0), (0, 1.35), (-1.1, 0)],
        # point tables: the twelve corners of each outline, six to a line
        "plus": [(-0.4, -1.2), (0.4, -1.2), (0.4, -0.4), (1.2, -0.4), (1.2, 0.4), (0.4, 0.4),
                 (0.4, 1.2), (-0.4, 1.2), (-0.4, 0.4), (-1.2, 0.4), (-1.2, -0.4), (-0.4, -0.4)],
        "cross": [(-0.85, -1.2), (0, -0.35), (0.85, -1.2), (1.2, -0.85), (0.35, 0), (1.2, 0.85),
                  (0.85, 1.2), (0, 0.35), (-0.85, 1.2), (-1.2, 0.85), (-0.35, 0), (-1.2, -0.85)],
    }[shape]  # fmt: skip
    path = " ".join(f"{x + px * s:.1f},{y + py * s:.1f}" for px, py in points)
    return f'<polygon points="{path}" {common}/>'


def swatch(look: PersonaLook) -> Markup:
    """A small legend picture: the persona's line style with its marker in the middle."""
    dash = f' stroke-dasharray="{look.dash}"' if look.dash else ""
    return Markup(
        '<svg class="swatch" width="36" height="16" viewBox="0 0 36 16" aria-hidden="true">'
        f'<line x1="1" y1="8" x2="35" y2="8" stroke="{look.color}" stroke-width="2.5"{dash}/>'
        f"{marker(look.marker, 18, 8, look.color, 5)}</svg>"
    )


def emotion_curve(view: MapView, columns: tuple[int, int] | None = None) -> Markup:
    """The curve of every persona in view across the touchpoints in view, one column each;
    ``columns`` (first, end) cuts out the columns of one printed page (no ids, so that the
    page's copy does not repeat the screen's)."""
    touchpoints = view.touchpoints
    width = max(len(touchpoints), 1) * COLUMN
    first, end = columns or (0, max(len(touchpoints), 1))
    origin, shown = first * COLUMN, (end - first) * COLUMN
    ids = columns is None
    title_id, desc_id = (' id="jk-curve-title"', ' id="jk-curve-desc"') if ids else ("", "")
    out = [
        f'<svg class="curve" width="{shown}" height="{HEIGHT}" '
        f'viewBox="{origin} 0 {shown} {HEIGHT}" role="img" '
        + (
            'aria-labelledby="jk-curve-title jk-curve-desc" '
            if ids
            else 'aria-label="Emotion curve" '
        )
        + 'xmlns="http://www.w3.org/2000/svg">',
        f"<title{title_id}>Emotion curve</title>",
        f"<desc{desc_id}>Score of each persona at each touchpoint, "
        "from 1 (very negative) to 5 (very positive); 3 is neutral. The scores are also listed "
        "in the Experiences lane.</desc>",
    ]
    # bands and grid: 5 at the top, 1 at the bottom, the neutral line at 3 stronger
    out.append(f'<rect x="0" y="{TOP}" width="{width}" height="{_y(3) - TOP:.1f}" fill="#f1f7fb"/>')
    out.append(
        f'<rect x="0" y="{_y(3):.1f}" width="{width}" height="{_y(1) - _y(3):.1f}" fill="#fdf5f0"/>'
    )
    for score in range(1, 6):
        y = _y(score)
        if score == 3:
            out.append(
                f'<line x1="0" y1="{y:.1f}" x2="{width}" y2="{y:.1f}" stroke="#6b7280" '
                'stroke-width="1.2" stroke-dasharray="6 4"/>'
            )
        else:
            out.append(f'<line x1="0" y1="{y:.1f}" x2="{width}" y2="{y:.1f}" stroke="#e5e7eb"/>')
    for i in range(1, len(touchpoints)):
        out.append(
            f'<line x1="{i * COLUMN}" y1="{TOP - 8}" x2="{i * COLUMN}" '
            f'y2="{HEIGHT - BOTTOM + 8}" stroke="#eef0f3"/>'
        )
    ax = origin + 6
    out.append(f'<text class="axis" x="{ax}" y="{TOP - 10}">5 very positive</text>')
    out.append(f'<text class="axis" x="{ax}" y="{_y(3) - 6:.1f}">3 neutral</text>')
    out.append(f'<text class="axis" x="{ax}" y="{HEIGHT - BOTTOM + 20}">1 very negative</text>')
    for score in (2, 4):
        out.append(f'<text class="axis" x="{ax}" y="{_y(score) + 4:.1f}">{score}</text>')

    persona_looks = looks(view)
    # a small x offset per persona keeps equal scores apart; the spread stays within SPREAD px
    # so that every point stays in its own column however many personas there are
    step = min(PERSONA_STEP, SPREAD / max(len(persona_looks) - 1, 1))
    # points per persona (x, y, score, emotion), and per column (y, persona, index of the point)
    points: dict[str, list[tuple[float, float, int, str]]] = {}
    in_column: list[list[tuple[float, str, int]]] = [[] for _ in touchpoints]
    for k, look in enumerate(persona_looks):
        offset = (k - (len(persona_looks) - 1) / 2) * step
        for col, t in enumerate(touchpoints):
            exp = view.index.experience(t, look.id)
            if exp is None:
                continue
            pts = points.setdefault(look.id, [])
            in_column[col].append((_y(exp.score), look.id, len(pts)))
            x = col * COLUMN + COLUMN / 2 + offset
            pts.append((x, _y(exp.score), exp.score, exp.emotion or ""))

    # labels: in each column, stacked so that they do not overlap
    labels: dict[str, list[tuple[float, int]]] = {}
    for here in in_column:
        last = -1e9
        for y, pid, i in sorted(here):
            ly = max(y, last + LABEL_GAP)
            last = ly
            labels.setdefault(pid, []).append((ly, i))
    label_x = COLUMN / 2 + (len(persona_looks) - 1) / 2 * step + 12  # right of every marker

    for look in persona_looks:
        pts = points.get(look.id, [])
        name = escape(one_line(look.name))
        out.append(f'<g class="persona-line" data-persona="{look.id}">')
        out.append(f"<title>{name}</title>")
        if len(pts) > 1:
            dash = f' stroke-dasharray="{look.dash}"' if look.dash else ""
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _, _ in pts)
            out.append(
                f'<polyline points="{path}" fill="none" stroke="{look.color}" '
                f'stroke-width="2.5" stroke-linejoin="round"{dash}/>'
            )
        for x, y, _, _ in pts:
            out.append(marker(look.marker, x, y, look.color))
        for ly, i in labels.get(look.id, []):
            px, _, value, emotion = pts[i]
            left = (px // COLUMN) * COLUMN + label_x
            word = escape(one_line(emotion)) if emotion else str(value)
            # a small copy of the marker before the word says whose it is without colour
            out.append(marker(look.marker, left + 4, ly, look.color, 3.6))
            out.append(f'<text class="label" x="{left + 11:.1f}" y="{ly + 4:.1f}">{word}</text>')
        out.append("</g>")
    out.append("</svg>")
    return Markup("".join(out))


TREND_W, TREND_H, TREND_PAD = 132, 36, 4


def trend_line(
    readings: list[tuple[dt.date, float]], target: float | None, higher_is_better: bool
) -> Markup | None:
    """A KPI's dated readings as a small line against its target (dashed), or None when there
    are fewer than two. x is the date, y the value; the last point is green on target, red off
    it. Only numbers and dates reach the markup."""
    if len(readings) < 2:
        return None
    readings = sorted(readings)
    values = [v for _, v in readings] + ([target] if target is not None else [])
    low, high = min(values), max(values)
    if high == low:
        low, high = low - 1, high + 1
    first, last = readings[0][0], readings[-1][0]
    days = max((last - first).days, 1)

    def x(day: dt.date) -> float:
        return TREND_PAD + (day - first).days / days * (TREND_W - 2 * TREND_PAD)

    def y(value: float) -> float:
        return TREND_PAD + (high - value) / (high - low) * (TREND_H - 2 * TREND_PAD)

    label = f"{len(readings)} readings from {first.isoformat()} to {last.isoformat()}" + (
        ", dashed line: target" if target is not None else ""
    )
    out = [
        f'<svg class="trend" width="{TREND_W}" height="{TREND_H}" '
        f'viewBox="0 0 {TREND_W} {TREND_H}" role="img" aria-label="{label}" '
        'xmlns="http://www.w3.org/2000/svg">'
    ]
    if target is not None:
        ty = y(target)
        out.append(
            f'<line class="target" x1="0" y1="{ty:.1f}" x2="{TREND_W}" y2="{ty:.1f}" '
            'stroke="#6b7280" stroke-width="1" stroke-dasharray="4 3"/>'
        )
    path = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in readings)
    out.append(
        f'<polyline points="{path}" fill="none" stroke="#4338ca" stroke-width="1.8" '
        'stroke-linejoin="round"/>'
    )
    for d, v in readings[:-1]:
        out.append(f'<circle cx="{x(d):.1f}" cy="{y(v):.1f}" r="1.8" fill="#4338ca"/>')
    day, value = readings[-1]
    color = "#4338ca"
    if target is not None:
        met = value >= target if higher_is_better else value <= target
        color = "#047857" if met else "#b91c1c"
    out.append(f'<circle cx="{x(day):.1f}" cy="{y(value):.1f}" r="3" fill="{color}"/>')
    out.append("</svg>")
    return Markup("".join(out))
