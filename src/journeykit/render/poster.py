"""The journey map itself as one picture for a slide deck or an A3 page (``--view map``).

Stages are column groups, a column per touchpoint, and lanes below: the touchpoint (score,
channel, moment of truth), the emotion curve of each persona, the experiences, the pain points,
the opportunities with their actions, and the KPIs. Drawn as SVG here, text as ``<text>`` (so it
stays selectable and searchable in the PDF); PDF and PNG come from librsvg's ``rsvg-convert``,
run like Graphviz's ``dot``: no browser.

Every piece of user text is cleaned of control characters and XML-escaped (``&<>"'``) before it
enters the markup. The page is A3 landscape (1190.55 × 841.89 pt, a √2 ratio that also sits
well on a 16:9 slide); a map with more columns or taller lanes than fit at 6 pt text gets a
larger page of the same width-to-text scale, never smaller text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from journeykit.model import OPEN_STATUSES, JourneyMap, MapView
from journeykit.render import RenderError, RenderOptions
from journeykit.render.colors import INK, SEVERITY_COLORS, score_color, text_on
from journeykit.render.programs import run_program
from journeykit.render.svg import PersonaLook, looks, marker
from journeykit.render.text import one_line, wrap

PAGE_W, PAGE_H = 1190.55, 841.89  # pt: A3 landscape
MARGIN = 24.0
LANE_HEAD = 78.0  # the lane labels' column
MIN_COLUMN = 66.0  # narrowest touchpoint column: ~20 characters a line at 6 pt
FONT = 6.5  # pt: cell text (never under 6)
SMALL = 6.0
LINE = 1.22  # line height, in em
CHAR = 0.58  # mean character width of a sans font, in em (DejaVu Sans is ~0.55-0.6)
BOLD_CHAR = 0.62
PAD = 4.0
CURVE_H = 70.0
STAGE_H = 24.0
FAMILY = "DejaVu Sans, Helvetica, Arial, sans-serif"
MUTED = "#4b5563"
RSVG_TIMEOUT = 60.0


def _x(text: str) -> str:
    return escape(one_line(text), quote=True)


@dataclass
class Cell:
    """Lines of text in one column of one lane; each line (text, size, weight, colour, strike)."""

    lines: list[tuple[str, float, str, str, bool]] = field(default_factory=list)
    fill: str | None = None

    def add(
        self,
        text: str,
        width: float,
        *,
        size: float = FONT,
        bold: bool = False,
        color: str = INK,
        strike: bool = False,
        limit: int | None = None,
    ) -> None:
        def room(size: float) -> int:
            return max(8, int((width - 2 * PAD) / (size * (BOLD_CHAR if bold else CHAR))))

        longest = max((len(word) for word in text.split()), default=0)
        while size > SMALL and longest > room(size):  # a long word: smaller, down to 6 pt
            size = max(SMALL, size - 0.5)
        chars = room(size)  # a word longer still is broken across lines
        for line in wrap(text, chars, limit):
            self.lines.append((line, size, "700" if bold else "400", color, strike))

    def gap(self) -> None:
        self.lines.append(("", SMALL / 2, "400", INK, False))

    @property
    def height(self) -> float:
        return sum(size * LINE for _, size, _, _, _ in self.lines) + 2 * PAD if self.lines else 0


def _cells(view: MapView, width: float) -> dict[str, list[Cell]]:
    """The text lanes, one cell per touchpoint in view."""
    from journeykit.render.readings import kpis

    names = {p.id: p.name for p in view.personas}
    lanes: dict[str, list[Cell]] = {
        k: [] for k in ("Touchpoint", "Experiences", "Pain points", "Opportunities", "KPIs")
    }
    for tp in view.touchpoints:
        mean = view.mean_score(tp)
        head = Cell(fill=score_color(mean))
        ink = text_on(head.fill or "#ffffff")  # black or white, whichever reads on the fill
        head.add(tp.name or tp.id, width, size=7.0, bold=True, color=ink)
        details = " · ".join(x for x in (tp.channel, tp.owner) if x)
        if details:
            head.add(details, width, size=SMALL, color=ink)
        if tp.moment_of_truth:
            head.add("★ Moment of truth", width, size=SMALL, bold=True, color=ink)
        head.add(
            f"mean score {mean:.1f}" if mean is not None else "no score",
            width,
            size=SMALL,
            bold=True,
            color=ink,
        )
        lanes["Touchpoint"].append(head)

        exp = Cell()
        for persona, e in view.experiences(tp):
            exp.add(f"{names[persona.id]}: {e.score}/5 {e.emotion or ''}", width, bold=True)
            if e.quote:
                exp.add(f"“{one_line(e.quote)}”", width, size=SMALL, color=MUTED, limit=120)
        lanes["Experiences"].append(exp)

        pains = Cell()
        for pain in view.pains(tp):
            done = pain.status == "resolved"
            head_text = pain.severity.upper() + (f" · {pain.frequency}" if pain.frequency else "")
            if done:
                when = f" {pain.resolved}" if pain.resolved else ""
                pains.add(
                    f"✓ RESOLVED{when} · {head_text}", width, size=SMALL, bold=True, color=MUTED
                )
            else:
                pains.add(
                    f"⚠ {head_text}",
                    width,
                    size=SMALL,
                    bold=True,
                    color=SEVERITY_COLORS[pain.severity],
                )
            pains.add(pain.description, width, color=MUTED if done else INK, strike=done, limit=160)
            pains.gap()
        lanes["Pain points"].append(pains)

        opps = Cell()
        for opp in view.opportunities(tp):
            opps.add(opp.description, width, limit=140)
            sizes = ", ".join(
                f"{k} {v}" for k, v in (("impact", opp.impact), ("effort", opp.effort)) if v
            )
            if sizes:
                opps.add(sizes, width, size=SMALL, color=MUTED)
            for action in view.actions(opp):
                done = action.status == "done"
                due = f" · due {action.due}" if action.due else ""
                mark = "✓ " if done else "→ "
                opps.add(
                    f"{mark}{action.description} [{action.status}{due}]",
                    width,
                    size=SMALL,
                    color=MUTED if done or action.status not in OPEN_STATUSES else INK,
                    strike=done,
                    limit=140,
                )
            opps.gap()
        lanes["Opportunities"].append(opps)

        kpi = Cell()
        for k in kpis(view, view.index.current_measurements(tp)):
            kpi.add(k.name, width, size=SMALL, color=MUTED)
            target = f" (target {'≤' if k.lower_is_better else '≥'} {k.target})" if k.target else ""
            verdict = {True: " ✓", False: " ✗", None: ""}[k.met]
            kpi.add(f"{k.actual or 'no reading'}{target}{verdict}", width, bold=True)
        lanes["KPIs"].append(kpi)
    return lanes


def _text(x: float, y: float, cell: Cell) -> list[str]:
    out = []
    for line, size, weight, color, strike in cell.lines:
        y += size * LINE
        if not line:
            continue
        deco = ' text-decoration="line-through"' if strike else ""
        out.append(
            f'<text x="{x:.1f}" y="{y - size * 0.25:.1f}" font-size="{size}" '
            f'font-weight="{weight}" fill="{color}"{deco}>{escape(line, quote=True)}'
            "</text>"
        )
    return out


def _title(view: MapView, journey: JourneyMap, options: RenderOptions) -> str:
    title = journey.title or journey.id
    if options.persona is not None:
        title += f" — {view.personas[0].name}"
    return title


def _heading(
    view: MapView, journey: JourneyMap, options: RenderOptions, persona_looks: list[PersonaLook]
) -> list[str]:
    """The title, the key figures and the legend of personas: the poster's top 56 points."""
    out: list[str] = []
    y = MARGIN
    tps = view.touchpoints
    title = _title(view, journey, options)
    out.append(
        f'<text x="{MARGIN}" y="{y + 16:.1f}" font-size="18" font-weight="700" '
        f'fill="{INK}">{_x(title)}</text>'
    )
    mean = view.map_mean()
    pains = [p for t in tps for p in view.pains(t)]
    facts = [
        f"{len(tps)} touchpoints",
        f"{sum(p.status != 'resolved' for p in pains)} open pain points",
        f"{len(view.open_actions)} open actions",
    ]
    if mean is not None:
        facts.insert(0, f"mean score {mean:.1f}/5")
    meta = [journey.owner or "", f"reviewed {journey.updated}" if journey.updated else ""]
    line = " · ".join(x for x in [*meta, *facts] if x)
    out.append(
        f'<text x="{MARGIN}" y="{y + 30:.1f}" font-size="8" fill="{MUTED}">{_x(line)}</text>'
    )
    # legend: personas
    lx = MARGIN
    ly = y + 44
    for look in persona_looks:
        dash = f' stroke-dasharray="{look.dash}"' if look.dash else ""
        out.append(
            f'<line x1="{lx:.1f}" y1="{ly:.1f}" x2="{lx + 22:.1f}" y2="{ly:.1f}" '
            f'stroke="{look.color}" stroke-width="2"{dash}/>'
        )
        out.append(marker(look.marker, lx + 11, ly, look.color, 3.5))
        name = one_line(look.name)
        out.append(
            f'<text x="{lx + 26:.1f}" y="{ly + 2.5:.1f}" font-size="7" fill="{INK}">'
            f"{escape(name, quote=True)}</text>"
        )
        lx += 40 + len(name) * 7 * CHAR
    return out


def _stage_band(view: MapView, col_x: list[float], column: float, y: float) -> list[str]:
    """The stages over their touchpoints' columns, numbered, each name on up to two lines."""
    out: list[str] = []
    first = 0
    for number, (stage, members) in enumerate((s, m) for s, m in view.stages if m):
        x0 = col_x[first]
        w = column * len(members)
        out.append(
            f'<rect x="{x0 + 1:.1f}" y="{y:.1f}" width="{w - 2:.1f}" height="{STAGE_H}" '
            'rx="3" fill="#eef0ff"/>'
        )
        label = f"{number + 1}. {one_line(stage.name or stage.id)}"
        size = 8.0 if len(label) * 8 * BOLD_CHAR <= w - 8 else SMALL + 0.5  # two lines if need be
        lines = wrap(label, max(6, int((w - 8) / (size * BOLD_CHAR))))[:2]
        for i, text in enumerate(lines):
            base = y + (14.5 if len(lines) == 1 else 9.5 + i * size * LINE)
            out.append(
                f'<text x="{x0 + 5:.1f}" y="{base:.1f}" font-size="{size}" '
                f'font-weight="700" fill="#1e1b4b">'
                f"{escape(text, quote=True)}</text>"
            )
        first += len(members)
    return out


def build_svg(journey: JourneyMap, options: RenderOptions) -> str:
    """The poster as SVG text (deterministic for the same map and options)."""
    view = MapView(journey, options.persona)
    tps = view.touchpoints
    count = max(len(tps), 1)
    column = max(MIN_COLUMN, (PAGE_W - 2 * MARGIN - LANE_HEAD) / count)
    width = max(PAGE_W, 2 * MARGIN + LANE_HEAD + column * count)
    lanes = _cells(view, column)
    persona_looks = looks(view)

    out = _heading(view, journey, options, persona_looks)
    y = MARGIN + 56
    left = MARGIN + LANE_HEAD
    col_x = [left + i * column for i in range(len(tps))]
    out += _stage_band(view, col_x, column, y)
    y += STAGE_H + 4

    def lane_label(name: str, top: float, height: float, hint: str = "") -> None:
        out.append(
            f'<rect x="{MARGIN:.1f}" y="{top:.1f}" width="{width - 2 * MARGIN:.1f}" '
            f'height="{height:.1f}" fill="none" stroke="#e5e7eb"/>'
        )
        out.append(
            f'<text x="{MARGIN + 4:.1f}" y="{top + 11:.1f}" font-size="7.5" '
            f'font-weight="700" fill="{INK}">{name}</text>'
        )
        if hint:
            out.append(
                f'<text x="{MARGIN + 4:.1f}" y="{top + 20:.1f}" font-size="{SMALL}" '
                f'fill="{MUTED}">{hint}</text>'
            )

    def text_lane(name: str, hint: str = "") -> None:
        nonlocal y
        cells = lanes[name]
        height = max([c.height for c in cells] + [24.0])
        lane_label(name, y, height, hint)
        for x, cell in zip(col_x, cells, strict=True):
            if cell.fill:
                out.append(
                    f'<rect x="{x + 1:.1f}" y="{y + 1:.1f}" width="{column - 2:.1f}" '
                    f'height="{height - 2:.1f}" rx="3" fill="{cell.fill}"/>'
                )
            out.extend(_text(x + PAD, y + PAD, cell))
            out.append(
                f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{x:.1f}" y2="{y + height:.1f}" '
                'stroke="#e5e7eb"/>'
            )
        y += height

    text_lane("Touchpoint")
    # the emotion curve
    top = y
    lane_label("Feeling", top, CURVE_H + 12, "emotion, 1–5")

    def cy(score: float) -> float:
        return top + 6 + (5 - score) * CURVE_H / 4

    for score in range(1, 6):
        dash = ' stroke-dasharray="4 3"' if score == 3 else ""
        out.append(
            f'<line x1="{left:.1f}" y1="{cy(score):.1f}" x2="{width - MARGIN:.1f}" '
            f'y2="{cy(score):.1f}" stroke="{"#9ca3af" if score == 3 else "#eef0f3"}"'
            f"{dash}/>"
        )
        out.append(
            f'<text x="{left - 8:.1f}" y="{cy(score) + 2:.1f}" font-size="{SMALL}" '
            f'fill="{MUTED}" text-anchor="end">{score}</text>'
        )
    step = min(4.0, 16 / max(len(persona_looks) - 1, 1))
    for k, look in enumerate(persona_looks):
        offset = (k - (len(persona_looks) - 1) / 2) * step
        points = []
        for i, tp in enumerate(tps):
            e = view.index.experience(tp, look.id)
            if e is not None:
                points.append((col_x[i] + column / 2 + offset, cy(e.score)))
        if len(points) > 1:
            dash = f' stroke-dasharray="{look.dash}"' if look.dash else ""
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
            out.append(
                f'<polyline points="{path}" fill="none" stroke="{look.color}" '
                f'stroke-width="1.8" stroke-linejoin="round"{dash}/>'
            )
        out.extend(marker(look.marker, px, py, look.color, 3.2) for px, py in points)
    y += CURVE_H + 12

    text_lane("Experiences", "score, emotion")
    text_lane("Pain points", "severity")
    text_lane("Opportunities", "and actions")
    text_lane("KPIs", "actual (target)")
    height = max(PAGE_H, y + MARGIN)
    footer = f"Made with journeykit {options.tool_version} from the map {journey.id}".strip()
    out.append(
        f'<text x="{MARGIN}" y="{height - 10:.1f}" font-size="{SMALL}" fill="{MUTED}">'
        f"{_x(footer)}</text>"
    )
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.2f}pt" height="{height:.2f}pt" '
        f'viewBox="0 0 {width:.2f} {height:.2f}" font-family="{FAMILY}">'
        f"<title>{_x(_title(view, journey, options))}</title>"
        f'<rect width="{width:.2f}" height="{height:.2f}" fill="#ffffff"/>'
    )
    return head + "\n".join(out) + "</svg>\n"


def _convert(svg: str, kind: str) -> bytes:
    """PDF or PNG through librsvg's ``rsvg-convert`` (text stays text in the PDF)."""
    missing = RenderError(
        "the program `rsvg-convert` (librsvg) was not found on PATH; it turns the poster "
        "into pdf and png. Install it (Debian/Ubuntu: `sudo apt-get install librsvg2-bin`, "
        "macOS: `brew install librsvg`) or write the poster as .svg"
    )
    args = ["-f", kind] + (["--zoom", "2"] if kind == "png" else [])
    return run_program(
        "rsvg-convert", args, svg, label="rsvg-convert", timeout=RSVG_TIMEOUT, missing=missing
    )


def render_svg(journey: JourneyMap, options: RenderOptions) -> bytes:
    return build_svg(journey, options).encode("utf-8")


def render_pdf(journey: JourneyMap, options: RenderOptions) -> bytes:
    return _convert(build_svg(journey, options), "pdf")


def render_png(journey: JourneyMap, options: RenderOptions) -> bytes:
    return _convert(build_svg(journey, options), "png")


__all__ = ["build_svg", "render_pdf", "render_png", "render_svg"]
