"""The journey map as one self-contained HTML page, through the jinja2 templates of the
top-level ``templates/`` folder, shipped in the wheel as the package ``journeykit.templates``.

Autoescaping is on. The only markup that reaches a template unescaped is made here: the emotion
curve and markers (user text escaped with markupsafe), the Markdown subset (escaped first), the
Graphviz flow (sanitised: parsed as XML, scripts, event handlers and outside links removed) and
the switcher script (a file of ours, allowed by its hash in the page's Content-Security-Policy,
which also forbids every request). Output is byte-identical for the same input and options.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup

from journeykit.model import OPEN_STATUSES, JourneyMap, MapView, Stage, Touchpoint
from journeykit.render import GraphvizMissing, RenderError, RenderOptions
from journeykit.render.colors import SCORE_SCALE, score_color, text_on
from journeykit.render.markdown import markdown
from journeykit.render.readings import format_value, kpis, number
from journeykit.render.svg import COLUMN, emotion_curve, looks, swatch
from journeykit.render.text import clean

if TYPE_CHECKING:
    from journeykit.score import Scorecard

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
LANE_HEAD = 168  # px, the first column of the grid
# Printed, the grid is cut into pages of whole stages (a stage wider than a page continues on
# the next), each with the lane labels: as many columns as fit an A3 landscape page at 100 %.
PAGE_WIDTH = round((420 - 2 * 10) / 25.4 * 96)  # px: A3 landscape less the 10 mm margins
PAGE_COLUMNS = max(1, (PAGE_WIDTH - LANE_HEAD) // COLUMN)


Piece = tuple[Stage, list[Touchpoint], bool]


@dataclass(frozen=True)
class PrintPage:
    """The columns of the grid on one printed page."""

    stages: list[Piece]  # (stage, its touchpoints on this page, continued from the last)
    rows: list[dict[str, Any]]
    curve: Markup
    width: int


def print_pages(view: MapView, rows: list[dict[str, Any]]) -> list[PrintPage]:
    """Stages packed onto pages of PAGE_COLUMNS columns, whole where they fit."""
    pieces: list[Piece] = []
    for stage, tps in view.stages:
        for start in range(0, len(tps), PAGE_COLUMNS):
            pieces.append((stage, tps[start : start + PAGE_COLUMNS], start > 0))
    pages: list[list[Piece]] = []
    used = PAGE_COLUMNS
    for piece in pieces:
        if used + len(piece[1]) > PAGE_COLUMNS:
            pages.append([])
            used = 0
        pages[-1].append(piece)
        used += len(piece[1])
    found, first = [], 0
    for page in pages:
        count = sum(len(tps) for _, tps, _ in page)
        curve = emotion_curve(view, (first, first + count))
        found.append(
            PrintPage(page, rows[first : first + count], curve, LANE_HEAD + COLUMN * count)
        )
        first += count
    return found


@cache
def environment(templates: str | None = None) -> jinja2.Environment:
    """The jinja2 environment; ``templates`` is a team's folder whose files win over ours of the
    same name (a logo in ``_base.html.j2``, colours and fonts in ``style.css``); every file it
    does not have comes from ours."""
    ours = jinja2.PackageLoader("journeykit.templates", ".")
    loader: jinja2.BaseLoader = ours
    if templates is not None:
        loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(templates), ours])
    env = jinja2.Environment(
        loader=loader,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_plain_text,
    )
    env.filters["md"] = markdown
    env.filters["number"] = number
    env.globals["format_value"] = format_value
    return env


@cache
def report_environment(package: str) -> jinja2.Environment:
    """The map's environment with the templates of ``package`` (a command's own report pages,
    e.g. ``journeykit.measure``) in front, so reports share the map's base page and look."""
    base = environment()
    assert base.loader is not None
    loader = jinja2.ChoiceLoader([jinja2.PackageLoader(package, "templates"), base.loader])
    return base.overlay(loader=loader)


def _plain_text(value: Any) -> Any:
    """Every ``{{ value }}`` of user text loses control characters and bidi overrides (as in the
    other formats) before autoescaping: an escape sequence or a right-to-left override in a name
    would otherwise reach the page, where U+202E shows "evil" as "live"."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return clean(value)
    return value


@cache
def _script(templates: str | None = None) -> tuple[Markup, str]:
    """The switcher script (ours, or the team's copy) and its CSP hash."""
    env = environment(templates)
    assert env.loader is not None
    source, _, _ = env.loader.get_source(env, "switcher.js")
    digest = base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii")
    return Markup(source), f"sha256-{digest}"


def sanitize_svg(svg: bytes) -> Markup:
    """Graphviz SVG made fit to inline: parsed as XML (so it must be well-formed), with comments,
    scripts, foreign content, event handlers and links to anything but ``#fragments`` removed."""
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    try:
        root = ET.fromstring(svg)
    except ET.ParseError as exc:
        raise RenderError(f"Graphviz produced SVG that does not parse: {exc}") from None
    banned = {f"{{{SVG_NS}}}script", f"{{{SVG_NS}}}foreignObject"}
    for parent in root.iter():
        for child in list(parent):
            if child.tag in banned or not isinstance(child.tag, str):
                parent.remove(child)
        for name in list(parent.attrib):
            local = name.rsplit("}", 1)[-1].lower()
            value = parent.attrib[name].strip()
            if local.startswith("on") or (local == "href" and not value.startswith("#")):
                del parent.attrib[name]
    for side in ("width", "height"):  # Graphviz sizes in pt; 1 px per pt reads better on screen
        size = root.get(side, "")
        if size.endswith("pt"):
            root.set(side, size.removesuffix("pt"))
    root.set("class", "flow-svg")
    root.set("role", "img")
    root.set("aria-labelledby", "jk-flow-caption")
    return Markup(ET.tostring(root, encoding="unicode"))


def _flow(journey: JourneyMap, options: RenderOptions) -> tuple[Markup | None, str | None]:
    """The flow diagram as inline SVG, or ``None`` and the reason it is missing."""
    from journeykit.render.graphviz import flow_dot, run_dot

    try:  # a map too large for a readable flow gets its stages, with a note saying so
        return sanitize_svg(run_dot(flow_dot(journey, options, title=False), "svg")), None
    except GraphvizMissing:
        return None, (
            "The flow diagram needs Graphviz, which was not installed where this page was made. "
            "Install Graphviz (it provides the dot program) and render again to include it."
        )
    except RenderError as exc:
        return None, f"The flow diagram could not be drawn: {exc}"


def _scorecard(journey: JourneyMap, options: RenderOptions) -> Scorecard | None:
    if options.today is None:
        return None
    from journeykit.score import score_map

    return score_map(
        journey, today=options.today, persona=options.persona, settings=options.score_settings
    )


def _touchpoint_rows(view: MapView) -> list[dict[str, Any]]:
    rows = []
    for tp in view.touchpoints:
        mean = view.mean_score(tp)
        fill = score_color(mean)
        opportunities = view.opportunities(tp)
        rows.append(
            {
                "tp": tp,
                "mean": mean,
                "fill": fill,
                "ink": text_on(fill),
                "experiences": view.experiences(tp),
                "pains": view.pains(tp),
                "opportunities": [(o, view.actions(o)) for o in opportunities],
                "kpis": kpis(view, view.index.current_measurements(tp), tp.measurements),
                "personas": view.personas_at(tp),
            }
        )
    return rows


def context(journey: JourneyMap, options: RenderOptions) -> dict[str, Any]:
    view = MapView(journey, options.persona)
    persona_looks = looks(view)
    rows = _touchpoint_rows(view)
    flow, flow_note = _flow(journey, options)
    script, script_hash = _script(options.templates)
    figures = view.figures
    stats = [
        ("Personas", figures.personas),
        ("Stages", figures.stages),
        ("Touchpoints", figures.touchpoints),
        ("Moments of truth", figures.moments_of_truth),
        ("Open pain points", figures.open_pains),
        *([("Resolved pain points", figures.resolved_pains)] if figures.resolved_pains else []),
        ("Open actions", figures.open_actions),
    ]
    return {
        "map": journey,
        "view": view,
        "persona": view.personas[0] if options.persona else None,
        "looks": persona_looks,
        "look_of": {look.id: look for look in persona_looks},
        "swatch": swatch,
        "stages": [(s, tps) for s, tps in view.stages if tps],
        "grid_stages": [(s, tps, False) for s, tps in view.stages if tps],
        "stage_number": {s.id: i + 1 for i, s in enumerate(s for s, tps in view.stages if tps)},
        "rows": rows,
        "curve": emotion_curve(view),
        "print_pages": print_pages(view, rows),
        "flow": flow,
        "flow_note": flow_note,
        "stats": stats,
        "mean": figures.mean,
        "scorecard": _scorecard(journey, options),
        "metrics": view.index.metrics,
        "opportunities": view.index.opportunities,
        "overdue": _overdue(view, options.today),
        "score_scale": [(i + 1, c, text_on(c)) for i, c in enumerate(SCORE_SCALE)],
        "grid_width": LANE_HEAD + COLUMN * max(len(rows), 1),
        "column": COLUMN,
        "lane_head": LANE_HEAD,
        "tool_version": options.tool_version,
        "script": script,
        "csp": _csp(script_hash),
    }


def _overdue(view: MapView, today: dt.date | None) -> dict[str, str]:
    """How late each open action is ("18 days"), by id: the count lint's ``action-overdue`` gives
    for the same ``--today`` (the CLI resolves it the same way for both)."""
    if today is None:
        return {}
    late = {
        a.id: (today - a.due).days
        for a in view.plan
        if a.status in OPEN_STATUSES and a.due is not None and a.due < today
    }
    return {key: f"{n} day{'' if n == 1 else 's'}" for key, n in late.items()}


def _csp(script_hash: str | None) -> str:
    """Nothing may load; only our own script (by its hash) may run."""
    script = f"'{script_hash}'" if script_hash else "'none'"
    return (
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
        f"script-src {script}; base-uri 'none'; form-action 'none'"
    )


def _page(name: str, templates: str | None, values: dict[str, Any]) -> bytes:
    """Render one page; a broken template of the team's is a RenderError naming the file."""
    try:
        return environment(templates).get_template(name).render(values).encode("utf-8")
    except jinja2.TemplateSyntaxError as exc:
        where = f"{exc.filename or exc.name}:{exc.lineno}"
        raise RenderError(f"template {where}: {exc.message}") from None
    except jinja2.TemplateError as exc:
        raise RenderError(f"template {name} (or a file it includes): {exc}") from None


def render_html(journey: JourneyMap, options: RenderOptions) -> bytes:
    return _page("map.html.j2", options.templates, context(journey, options))


@dataclass(frozen=True)
class IndexEntry:
    """One map on the index page of a folder render."""

    href: str
    title: str
    map_id: str
    owner: str | None
    updated: dt.date | None
    stages: int
    touchpoints: int
    pains: int
    open_actions: int
    mean: float | None

    @classmethod
    def of(cls, journey: JourneyMap, href: str, persona: str | None = None) -> IndexEntry:
        """The map's key figures as its own page shows them (for ``persona`` when given)."""
        figures = MapView(journey, persona).figures
        return cls(
            href=href,
            title=journey.title,
            map_id=journey.id,
            owner=journey.owner,
            updated=journey.updated,
            stages=figures.stages,
            touchpoints=figures.touchpoints,
            pains=figures.open_pains,
            open_actions=figures.open_actions,
            mean=figures.mean,
        )


def render_index(
    entries: list[IndexEntry], tool_version: str = "", templates: str | None = None
) -> bytes:
    """The portfolio page of a folder render: one row per map, linked to its file."""
    values = {
        "entries": sorted(entries, key=lambda e: (e.title.casefold(), e.map_id)),
        "tool_version": tool_version,
        "csp": _csp(None),
        "score_color": score_color,
        "text_on": text_on,
    }
    return _page("index.html.j2", templates, values)
