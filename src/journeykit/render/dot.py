"""The journey flow as Graphviz DOT text: stages as clusters left to right, touchpoints as nodes
filled by mean score (printed too), moments of truth emphasised, pain points as notes.

Every piece of user text goes into an HTML-like label after full XML escaping (``&``, ``<``,
``>``, quotes), with line breaks as ``<BR/>``, so a name holding ``"];``, ``<b>`` or a newline is
drawn literally. Node names are slugs, quoted. Running ``dot`` and choosing a layout are
:mod:`journeykit.render.graphviz`'s part.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape
from itertools import pairwise

from journeykit.model import JourneyMap, MapView, PainPoint, Stage, Touchpoint
from journeykit.render import RenderOptions
from journeykit.render.colors import INK, SEVERITY_COLORS, SEVERITY_FILLS, score_color, text_on
from journeykit.render.text import clean, wrap

# Past this many boxes (touchpoints and pain notes) dot needs minutes and the drawing is no longer
# readable: the flow then shows one box per stage, and says so.
MAX_FLOW_BOXES = 400
RESOLVED_INK, RESOLVED_FILL = "#4b5563", "#f3f4f6"  # a fixed pain point: grey (7:1 contrast)
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
        rows.append(
            '<TR><TD ALIGN="LEFT" COLSPAN="2"><FONT POINT-SIZE="10"><B>'
            "★ MOMENT OF TRUTH</B></FONT></TD></TR>"
        )
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
    """A note under its touchpoint; a resolved one grey and struck through, with its date."""
    resolved = pain.status == "resolved"
    head = pain.severity.upper() + (f" · {pain.frequency}" if pain.frequency else "")
    ink, fill = SEVERITY_COLORS[pain.severity], SEVERITY_FILLS[pain.severity]
    if resolved:
        head = "✓ RESOLVED" + (f" {pain.resolved}" if pain.resolved else "") + f" · {head}"
        ink, fill = RESOLVED_INK, RESOLVED_FILL
    text = _lines(_or_id(pain.description, pain.id), 30, 150)
    if resolved:
        text = f"<S>{text}</S>"
    label = (
        f'<<FONT POINT-SIZE="9" COLOR="{ink}"><B>{"" if resolved else "⚠ "}{_xml(head)}</B>'
        f'</FONT><BR ALIGN="LEFT"/><FONT POINT-SIZE="10">{text}'
        f"</FONT>{_BR}>"
    )
    heavy = pain.severity in ("high", "critical") and not resolved
    style = '"filled,dashed"' if resolved else "filled"
    return (
        f"    {_id('pain', pain.id)} [shape=note, style={style}, "
        f'fillcolor="{fill}", color="{ink}", '
        f"penwidth={2 if heavy else 1}, label={label}];"
    )


def flow_boxes(view: MapView) -> int:
    """How many boxes the full flow draws: touchpoints and their pain notes."""
    return sum(1 + len(view.pains(tp)) for tp in view.touchpoints)


def too_large(view: MapView) -> str | None:
    """Why the flow shows stages instead of touchpoints, or ``None`` when it shows them all."""
    boxes = flow_boxes(view)
    if boxes <= MAX_FLOW_BOXES:
        return None
    return (
        f"{len(view.touchpoints):,} touchpoints and their pain points make {boxes:,} boxes, more "
        f"than a readable flow holds ({MAX_FLOW_BOXES}): the flow shows each stage instead; "
        "render one persona (--persona) or split the map to see every touchpoint"
    )


@dataclass(frozen=True)
class Layout:
    """How the flow is laid out: ``lr`` (stages left to right, one strip), ``tb`` (top to
    bottom), or ``wrap`` with ``rows`` rows of whole stages, each row left to right."""

    name: str
    rows: int = 1


LR = Layout("lr")


def build_dot(
    journey: JourneyMap,
    options: RenderOptions,
    *,
    title: bool = True,
    layout: Layout = LR,
    edge_style: Callable[[str, str], str] | None = None,
    extra_edges: Sequence[tuple[str, str, str]] = (),
) -> str:
    """The DOT source of the flow diagram (deterministic for the same map and options);
    ``title=False`` leaves out the map's title (the HTML page shows it already). A map too large
    for a readable flow (see :func:`too_large`) is drawn stage by stage, with a note saying so.

    The optional hook overlays data on the flow (``journey conform``): ``edge_style(source,
    target)`` gives the DOT attributes (``a=b, c=d``) of a planned edge, and ``extra_edges``
    adds ``(source, target, attributes)`` edges between touchpoints. The caller escapes any
    text it puts in those attributes.
    """
    view = MapView(journey, options.persona)
    reason = too_large(view)
    out = _head(view, journey, options, title=title, layout=layout, reason=reason)
    if reason is not None:
        return "\n".join([*out, *_stage_flow(view), "}"]) + "\n"
    wrapped = layout.name == "wrap"
    flow = {(_id("tp", a), _id("tp", b)) for a, b in view.edges}
    shown = [(position, stage, tps) for position, (stage, tps) in enumerate(view.stages) if tps]
    counts = split_rows([len(tps) for _, _, tps in shown], layout.rows) if wrapped else [len(shown)]
    previous_last: str | None = None
    first = 0
    row_heads: list[tuple[str, int]] = []  # wrapped: each row's first touchpoint and its depth
    row_of: dict[str, int] = {}
    for count in counts:
        row = shown[first : first + count]
        depth = 0  # how many pain notes hang under a touchpoint of this row
        for position, stage, touchpoints in row:
            lines, notes = _cluster(view, position, stage, touchpoints, wrapped=wrapped)
            out += lines
            depth = max(depth, notes)
            if previous_last is not None and not wrapped:  # keep the stages in order
                out.append(f"  {previous_last} -> {_id('tp', touchpoints[0].id)} [style=invis];")
            previous_last = _id("tp", touchpoints[-1].id)
        if wrapped:
            ids = [_id("tp", tp.id) for _, _, tps in row for tp in tps]  # one rank, in order
            out.append(f"  {{rank=same; {'; '.join(ids)};}}")
            out += [  # a duplicate edge crashes dot
                f"  {a} -> {b} [style=invis, weight=10];"
                for a, b in pairwise(ids)
                if (a, b) not in flow
            ]
            row_heads.append((ids[0], depth))
            row_of.update((tp.id, len(row_heads)) for _, _, tps in row for tp in tps)
        first += count
    for (head, depth), (below, _) in pairwise(row_heads):  # each row under the last one's notes
        out.append(f"  {head} -> {below} [style=invis, weight=100, minlen={depth + 1}];")
    for source, target in view.edges:
        parts = []
        if wrapped and row_of[source] != row_of[target]:  # rows are placed by their own edges
            parts.append("constraint=false, weight=0")
        if edge_style is not None:
            parts.append(edge_style(source, target))
        attrs = f" [{', '.join(parts)}]" if parts else ""
        out.append(f"  {_id('tp', source)} -> {_id('tp', target)}{attrs};")
    for source, target, attributes in extra_edges:
        out.append(f"  {_id('tp', source)} -> {_id('tp', target)} [{attributes}];")
    out.append("}")
    return "\n".join(out) + "\n"


def _head(
    view: MapView,
    journey: JourneyMap,
    options: RenderOptions,
    *,
    title: bool,
    layout: Layout,
    reason: str | None,
) -> list[str]:
    """The opening line and the graph, node and edge defaults; the title (with the persona) and
    the reason the flow is simplified, if it is, as the graph's label."""
    heading = _or_id(journey.title, journey.id)
    if options.persona is not None:
        heading += f" — {view.personas[0].name}"
    label = f"<B>{_lines(heading, 90)}</B>" if title else ""
    if reason is not None:
        label += (_BR if label else "") + f'<FONT POINT-SIZE="12">{_lines(reason, 90)}</FONT>'
    label = f", label=<{label}>" if label else ""
    rankdir = "LR" if layout.name == "lr" else "TB"
    # wrap: the rows' order is ours; dot's second crossing pass would shuffle a row
    keep = "remincross=false, " if layout.name == "wrap" else ""
    return [
        "digraph journey {",
        f"  graph [rankdir={rankdir}, {keep}compound=true, newrank=true, nodesep=0.35, "
        f'ranksep=0.55, fontname="{FONT}", fontsize=20, labelloc=t, labeljust=l, pad=0.3, '
        f'bgcolor="white"{label}];',
        f'  node [shape=box, style="rounded,filled", fontname="{FONT}", fontsize=12, '
        f'color="#6b7280", penwidth=1.2, margin="0.08,0.05"];',
        f'  edge [color="#4b5563", arrowsize=0.8, fontname="{FONT}"];',
    ]


def _cluster(
    view: MapView, position: int, stage: Stage, touchpoints: list[Touchpoint], *, wrapped: bool
) -> tuple[list[str], int]:
    """One stage as a cluster of its touchpoints with their pain notes, and how many notes hang
    under the touchpoint with the most."""
    name = _lines(_or_id(stage.name, stage.id), 40)
    out = [
        f"  subgraph cluster_{position} {{",
        f'    graph [label=<<B>{position + 1}. {name}</B>>, style="rounded,filled", '
        'fillcolor="#f8fafc", color="#cbd5e1", fontsize=15, margin=14];',
    ]
    depth = 0
    for tp in touchpoints:
        out.append(_touchpoint(view, tp))
        pains = view.pains(tp)
        depth = max(depth, len(pains))
        above = _id("tp", tp.id)
        for pain in pains:
            out.append(_pain(pain))
            out.append(  # wrapped: the notes stack under their touchpoint, a rank each
                f"    {above} -> {_id('pain', pain.id)} [style=dashed, "
                f'arrowhead=none, color="{SEVERITY_COLORS[pain.severity]}"];'
            )
            above = _id("pain", pain.id) if wrapped else above
        if pains and not wrapped:  # notes hang under their touchpoint, in its column
            same = "; ".join(
                _id(k, i) for k, i in [("tp", tp.id)] + [("pain", p.id) for p in pains]
            )
            out.append(f"    {{rank=same; {same};}}")
    out.append("  }")
    return out, depth


def _stage_flow(view: MapView) -> list[str]:
    """One box per stage (its touchpoints, mean score and pain points), in order."""
    out = []
    previous: str | None = None
    for position, (stage, touchpoints) in enumerate(view.stages):
        if not touchpoints:
            continue
        means = [m for m in (view.mean_score(tp) for tp in touchpoints) if m is not None]
        mean = sum(means) / len(means) if means else None
        fill = score_color(mean)
        pains = sum(len(view.pains(tp)) for tp in touchpoints)
        score = f"{mean:.1f}" if mean is not None else "–"
        counts = f"{len(touchpoints):,} touchpoints · {pains:,} pain points"
        label = (
            f"<<B>{position + 1}. {_lines(_or_id(stage.name, stage.id), 30)}</B><BR/>"
            f'<FONT POINT-SIZE="18"><B>{score}</B></FONT><BR/>'
            f'<FONT POINT-SIZE="10">{_xml(counts)}</FONT>>'
        )
        node = _id("stage", stage.id)
        out.append(f'  {node} [label={label}, fillcolor="{fill}", fontcolor="{text_on(fill)}"];')
        if previous is not None:
            out.append(f"  {previous} -> {node};")
        previous = node
    return out


def split_rows(sizes: list[int], rows: int) -> list[int]:
    """Split stages (with ``sizes`` touchpoints each) into at most ``rows`` consecutive rows of
    about equal width: the split that makes the widest row narrowest, never splitting a stage."""
    rows = max(1, min(rows, len(sizes)))
    best: dict[tuple[int, int], tuple[int, list[int]]] = {}

    def split(start: int, left: int) -> tuple[int, list[int]]:
        if (start, left) in best:
            return best[(start, left)]
        if left == 1:
            found = (sum(sizes[start:]), [len(sizes) - start])
        else:
            found = (sum(sizes[start:]) + 1, [])
            for end in range(start + 1, len(sizes) - left + 2):
                width, rest = split(end, left - 1)
                width = max(width, sum(sizes[start:end]))
                if width < found[0]:
                    found = (width, [end - start, *rest])
        best[(start, left)] = found
        return found

    return split(0, rows)[1]
