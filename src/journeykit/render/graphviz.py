"""The journey flow as a Graphviz graph: stages as clusters left to right, touchpoints as nodes
filled by mean score (printed too), moments of truth emphasised, pain points as notes.

The DOT text is built here, not with a library: every piece of user text goes into an HTML-like
label after full XML escaping (``&``, ``<``, ``>``, quotes), with line breaks as ``<BR/>``, so a
name holding ``"];``, ``<b>`` or a newline is drawn literally. Node names are slugs, quoted.
``dot`` runs as a subprocess with a timeout.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Sequence
from html import escape

from journeykit.model import JourneyMap, PainPoint, Touchpoint
from journeykit.render import GraphvizMissing, RenderError, RenderOptions
from journeykit.render.colors import INK, SEVERITY_COLORS, SEVERITY_FILLS, score_color, text_on
from journeykit.render.text import clean, wrap
from journeykit.render.view import MapView

DOT_TIMEOUT = 60.0  # seconds
FONT = "Helvetica"
_BR = '<BR ALIGN="LEFT"/>'


def _xml(text: str) -> str:
    return escape(clean(text), quote=True)


def _lines(text: str, width: int, limit: int | None = None) -> str:
    """Wrapped, escaped lines joined by left-aligned breaks."""
    return _BR.join(_xml(line) for line in wrap(text, width, limit))


def _or_id(text: str, slug: str) -> str:
    """``text``, or the id when the text shows nothing: Graphviz refuses an empty ``<B></B>``."""
    return text if clean(text).strip() else slug


def _id(kind: str, slug: str) -> str:
    return f'"{kind}:{slug}"'  # slugs are [a-z0-9-]: nothing to escape


def _touchpoint(view: MapView, tp: Touchpoint) -> str:
    mean = view.mean_score(tp)
    fill = score_color(mean)
    ink = text_on(fill)
    score = f"{mean:.1f}" if mean is not None else "–"
    caption = "mean score" if len(view.experiences(tp)) > 1 else "score"
    details = " · ".join(x for x in (tp.channel, tp.owner) if x)
    rows = [
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><B>{_lines(_or_id(tp.name, tp.id), 26)}</B></TD>'
        f'<TD ROWSPAN="2" VALIGN="TOP"><FONT POINT-SIZE="18"><B>{score}</B></FONT><BR/>'
        f'<FONT POINT-SIZE="8">{caption if mean is not None else "no score"}</FONT></TD></TR>',
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="10">'
        f"{_lines(details, 34) if details else ' '}</FONT></TD></TR>",
    ]
    if tp.moment_of_truth:
        rows.append('<TR><TD ALIGN="LEFT" COLSPAN="2"><FONT POINT-SIZE="10"><B>'
                    "★ MOMENT OF TRUTH</B></FONT></TD></TR>")  # fmt: skip
    label = (
        '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3">'
        f"{''.join(rows)}</TABLE>>"
    )
    attrs = [
        f"label={label}",
        f'fillcolor="{fill}"',
        f'fontcolor="{ink}"',
    ]
    if tp.moment_of_truth:
        attrs += ["penwidth=3.5", f'color="{INK}"', 'style="rounded,filled,bold"']
    return f"    {_id('tp', tp.id)} [{', '.join(attrs)}];"


def _pain(pain: PainPoint) -> str:
    head = pain.severity.upper() + (f" · {pain.frequency}" if pain.frequency else "")
    text = _lines(_or_id(pain.description, pain.id), 30, 150)
    label = (
        f'<<FONT POINT-SIZE="9" COLOR="{SEVERITY_COLORS[pain.severity]}"><B>⚠ {_xml(head)}</B>'
        f'</FONT><BR ALIGN="LEFT"/><FONT POINT-SIZE="10">{text}'
        f"</FONT>{_BR}>"
    )
    return (
        f"    {_id('pain', pain.id)} [shape=note, style=filled, "
        f'fillcolor="{SEVERITY_FILLS[pain.severity]}", color="{SEVERITY_COLORS[pain.severity]}", '
        f"penwidth={2 if pain.severity in ('high', 'critical') else 1}, label={label}];"
    )


def build_dot(
    journey: JourneyMap,
    options: RenderOptions,
    *,
    title: bool = True,
    edge_style: Callable[[str, str], str] | None = None,
    extra_edges: Sequence[tuple[str, str, str]] = (),
) -> str:
    """The DOT source of the flow diagram (deterministic for the same map and options);
    ``title=False`` leaves out the map's title (the HTML page shows it already).

    The optional hook overlays data on the flow (``journey conform``): ``edge_style(source,
    target)`` gives the DOT attributes (``a=b, c=d``) of a planned edge, and ``extra_edges``
    adds ``(source, target, attributes)`` edges between touchpoints. The caller escapes any
    text it puts in those attributes.
    """
    view = MapView(journey, options.persona)
    heading = _or_id(journey.title, journey.id)
    if options.persona is not None:
        heading += f" — {view.personas[0].name}"
    label = f", label=<<B>{_lines(heading, 90)}</B>>" if title else ""
    out = [
        "digraph journey {",
        "  graph [rankdir=LR, compound=true, newrank=true, nodesep=0.35, ranksep=0.55, "
        f'fontname="{FONT}", fontsize=20, labelloc=t, labeljust=l, pad=0.3, '
        f'bgcolor="white"{label}];',
        f'  node [shape=box, style="rounded,filled", fontname="{FONT}", fontsize=12, '
        f'color="#6b7280", penwidth=1.2, margin="0.08,0.05"];',
        f'  edge [color="#4b5563", arrowsize=0.8, fontname="{FONT}"];',
    ]
    previous_last: str | None = None
    for position, (stage, touchpoints) in enumerate(view.stages):
        if not touchpoints:
            continue
        out.append(f"  subgraph cluster_{position} {{")
        name = _lines(_or_id(stage.name, stage.id), 40)
        out.append(
            f"    graph [label=<<B>{position + 1}. {name}</B>>, "
            'style="rounded,filled", fillcolor="#f8fafc", color="#cbd5e1", fontsize=15, margin=14];'
        )
        for tp in touchpoints:
            out.append(_touchpoint(view, tp))
            pains = view.pains(tp)
            for pain in pains:
                out.append(_pain(pain))
                out.append(
                    f"    {_id('tp', tp.id)} -> {_id('pain', pain.id)} [style=dashed, "
                    f'arrowhead=none, color="{SEVERITY_COLORS[pain.severity]}"];'
                )
            if pains:  # notes hang under their touchpoint, in its column
                same = "; ".join(
                    _id(k, i) for k, i in [("tp", tp.id)] + [("pain", p.id) for p in pains]
                )
                out.append(f"    {{rank=same; {same};}}")
        out.append("  }")
        if previous_last is not None:  # keep the stages in order, left to right
            out.append(f"  {previous_last} -> {_id('tp', touchpoints[0].id)} [style=invis];")
        previous_last = _id("tp", touchpoints[-1].id)
    for source, target in view.edges:
        style = f" [{edge_style(source, target)}]" if edge_style is not None else ""
        out.append(f"  {_id('tp', source)} -> {_id('tp', target)}{style};")
    for source, target, attributes in extra_edges:
        out.append(f"  {_id('tp', source)} -> {_id('tp', target)} [{attributes}];")
    out.append("}")
    return "\n".join(out) + "\n"


def run_dot(source: str, output_format: str, timeout: float = DOT_TIMEOUT) -> bytes:
    """Lay out ``source`` with Graphviz ``dot``; raise :class:`GraphvizMissing` or
    :class:`RenderError` (with dot's own message) when it cannot."""
    program = shutil.which("dot")
    if program is None:
        raise GraphvizMissing()
    try:
        done = subprocess.run(
            [program, f"-T{output_format}"],
            input=source.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise RenderError(
            f"Graphviz `dot` took longer than {timeout:g} s and was stopped"
        ) from None
    except OSError as exc:
        raise RenderError(f"cannot run Graphviz `dot`: {exc.strerror}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RenderError("Graphviz `dot` failed: " + (message[-1] if message else "no message"))
    return done.stdout


def render_dot(journey: JourneyMap, options: RenderOptions) -> bytes:
    return build_dot(journey, options).encode("utf-8")


def render_svg(journey: JourneyMap, options: RenderOptions) -> bytes:
    return run_dot(build_dot(journey, options), "svg")


def render_png(journey: JourneyMap, options: RenderOptions) -> bytes:
    return run_dot(build_dot(journey, options), "png")


def render_pdf(journey: JourneyMap, options: RenderOptions) -> bytes:
    return run_dot(build_dot(journey, options), "pdf")
