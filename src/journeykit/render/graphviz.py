"""The flow through Graphviz: ``dot`` run with a timeout (:mod:`.programs`), the layout chosen by
measuring one drawing, and the ``svg``/``png``/``pdf``/``dot`` formats of ``journey render``.

The DOT text itself is :mod:`journeykit.render.dot`'s. The ``graphviz`` package is not used: its
``pipe()`` has no timeout (0.21), and its quoting covers double-quoted strings, while every user
text here is in HTML-like labels, escaped as XML by :mod:`journeykit.render.dot`.
"""

from __future__ import annotations

import math

from journeykit.model import JourneyMap, MapView, Touchpoint
from journeykit.render import LAYOUTS, GraphvizMissing, RenderError, RenderOptions
from journeykit.render.dot import LR, MAX_FLOW_BOXES, Layout, build_dot, split_rows, too_large
from journeykit.render.programs import run_program

__all__ = [
    "DOT_TIMEOUT",
    "LR",
    "MAX_FLOW_BOXES",
    "Layout",
    "build_dot",
    "choose_layout",
    "flow_dot",
    "run_dot",
]

DOT_TIMEOUT = 60.0  # seconds


def run_dot(source: str, output_format: str, timeout: float = DOT_TIMEOUT) -> bytes:
    """Lay out ``source`` with Graphviz ``dot``; raise :class:`GraphvizMissing` or
    :class:`RenderError` (with dot's own message) when it cannot."""
    return run_program(
        "dot",
        [f"-T{output_format}"],
        source,
        label="Graphviz `dot`",
        timeout=timeout,
        missing=GraphvizMissing(),
    )


PAGES = (16 / 9, math.sqrt(2), 1 / math.sqrt(2))  # a slide, A4/A3 landscape, A4/A3 portrait
MAX_RATIO = 2.5  # auto never picks a strip longer than this, when any layout is shorter
MAX_ROWS = 6


def fit(width: float, height: float) -> float:
    """How far a drawing's aspect ratio is from the nearest page or slide (0: a perfect fit)."""
    ratio = width / height if width > 0 and height > 0 else 1e9
    return min(abs(math.log(ratio / page)) for page in PAGES)


def aspect(width: float, height: float) -> float:
    """The long side over the short side."""
    return max(width, height) / max(min(width, height), 1e-9)


def _measure(source: str) -> tuple[tuple[float, float], dict[str, tuple[float, float]]]:
    """The drawing's width and height and every node's, in inches, from ``dot -Tplain``."""
    size = (0.0, 0.0)
    nodes: dict[str, tuple[float, float]] = {}
    for line in run_dot(source, "plain").decode("utf-8", "replace").splitlines():
        parts = line.split(" ", 6)  # node NAME X Y WIDTH HEIGHT ...; names are quoted slugs
        if parts[0] == "graph":
            size = (float(parts[2]), float(parts[3]))
        elif parts[0] == "node":
            nodes[parts[1].strip('"')] = (float(parts[4]), float(parts[5]))
    return size, nodes


# the spacing build_dot asks dot for, in inches: between nodes, ranks, and inside a cluster
_NODESEP, _RANKSEP, _MARGIN, _LABEL, _TITLE = 0.35, 0.55, 14 / 72, 0.35, 0.5


def _estimate(
    view: MapView, nodes: dict[str, tuple[float, float]], layout: Layout, title: bool
) -> tuple[float, float]:
    """The size ``layout`` will have, from the node sizes of one left-to-right layout: laying
    out every candidate would cost a dot run each."""
    shown = [tps for _, tps in view.stages if tps]

    def box(tp: Touchpoint) -> tuple[float, float]:
        return nodes.get(f"tp:{tp.id}", (2.0, 0.6))

    def notes(tp: Touchpoint) -> list[tuple[float, float]]:
        return [nodes.get(f"pain:{p.id}", (2.0, 0.7)) for p in view.pains(tp)]

    head = _TITLE if title else 0.0
    if layout.name == "tb":
        every = [tp for tps in shown for tp in tps]
        width = max(box(tp)[0] + sum(w + _NODESEP for w, _ in notes(tp)) for tp in every)
        height = sum(max([box(tp)[1], *(h for _, h in notes(tp))]) + _RANKSEP for tp in every)
        return width + 2 * _MARGIN, height + len(shown) * (2 * _MARGIN + _LABEL) + head
    widths, heights = [], []
    for count, first in _row_starts(shown, layout.rows):
        row = shown[first : first + count]
        tps = [tp for tps in row for tp in tps]
        boxes = sum(box(tp)[0] for tp in tps) + _NODESEP * (len(tps) - 1)
        widths.append(boxes + len(row) * 2 * _MARGIN + _NODESEP * (len(row) - 1))
        tallest = max(box(tp)[1] + sum(h + _RANKSEP for _, h in notes(tp)) for tp in tps)
        heights.append(tallest + 2 * _MARGIN + _LABEL)
    return max(widths), sum(heights) + _RANKSEP * (len(heights) - 1) + head


def _row_starts(shown: list[list[Touchpoint]], rows: int) -> list[tuple[int, int]]:
    """(stages in the row, index of its first stage) for each row of a wrap."""
    counts = split_rows([len(tps) for tps in shown], rows)
    starts = [sum(counts[:i]) for i in range(len(counts))]
    return list(zip(counts, starts, strict=True))


def choose_layout(journey: JourneyMap, options: RenderOptions, *, title: bool = True) -> Layout:
    """The layout asked for, with ``auto`` (and the row count of ``wrap``) settled: one
    left-to-right layout gives every box's size, from which the size of each candidate is
    estimated; the one whose shape fits a slide or an A4/A3 page best wins. ``auto`` takes a
    strip longer than 2.5:1 only when nothing else is shorter."""
    name = options.layout
    if name not in LAYOUTS:
        raise RenderError(f"unknown layout {name!r}; choose one of {', '.join(LAYOUTS)}")
    if name in ("lr", "tb"):
        return Layout(name)
    view = MapView(journey, options.persona)
    if too_large(view) is not None:  # drawn stage by stage: nothing to measure
        return LR
    stages = sum(1 for _, tps in view.stages if tps)
    candidates = [Layout("wrap", rows) for rows in range(2, min(stages, MAX_ROWS) + 1)]
    if name == "auto":
        candidates = [LR, *candidates, Layout("tb")]
    elif not candidates:
        return Layout("wrap", 1)
    strip, nodes = _measure(build_dot(journey, options, title=title))
    sizes = [strip if c == LR else _estimate(view, nodes, c, title) for c in candidates]
    short = [i for i, size in enumerate(sizes) if aspect(*size) <= MAX_RATIO]
    pool = short or [min(range(len(sizes)), key=lambda i: aspect(*sizes[i]))]
    return candidates[min(pool, key=lambda i: (fit(*sizes[i]), i))]


def flow_dot(journey: JourneyMap, options: RenderOptions, *, title: bool = True) -> str:
    """The DOT source in the layout ``options`` ask for (``auto`` measured with dot)."""
    return build_dot(
        journey, options, title=title, layout=choose_layout(journey, options, title=title)
    )


def render_dot(journey: JourneyMap, options: RenderOptions) -> bytes:
    """DOT source is for people to lay out themselves: ``auto`` gives today's left-to-right
    drawing here (no layout is measured); ``lr``, ``tb`` and ``wrap`` are honoured."""
    if options.layout == "auto":
        return build_dot(journey, options).encode("utf-8")
    return flow_dot(journey, options).encode("utf-8")


def render_svg(journey: JourneyMap, options: RenderOptions) -> bytes:
    return run_dot(flow_dot(journey, options), "svg")


def render_png(journey: JourneyMap, options: RenderOptions) -> bytes:
    return run_dot(flow_dot(journey, options), "png")


def render_pdf(journey: JourneyMap, options: RenderOptions) -> bytes:
    return run_dot(flow_dot(journey, options), "pdf")
