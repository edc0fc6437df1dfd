"""Renderings of a valid journey map: a registry of output formats, kept as data.

Each :class:`Format` names the module and function that renders it; the module is imported only
when that format is used, so ``journey render --format mermaid`` never loads jinja2.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING

from journeykit.errors import JourneyError

if TYPE_CHECKING:
    from journeykit.model import JourneyMap
    from journeykit.score import ScoreSettings


class RenderError(JourneyError):
    """A rendering could not be produced (the CLI exits 2 with this message)."""


class GraphvizMissing(RenderError):
    """The ``dot`` program of Graphviz is not installed (or not on PATH)."""

    def __init__(self, program: str = "dot") -> None:
        super().__init__(
            f"the Graphviz program `{program}` was not found on PATH; it draws svg, png and pdf. "
            "Install Graphviz (Debian/Ubuntu: `sudo apt-get install graphviz`, macOS: "
            "`brew install graphviz`, Windows: `winget install graphviz`) or choose "
            "--format html, dot or mermaid"
        )


@dataclass(frozen=True)
class RenderOptions:
    """What every renderer may be asked for. ``persona`` limits the rendering to one persona."""

    persona: str | None = None
    today: dt.date | None = None  # the HTML score panel needs it; without it there is no panel
    tool_version: str = ""
    score_settings: ScoreSettings | None = None  # None: the defaults
    templates: str | None = None  # HTML: a folder whose files replace ours of the same name
    layout: str = "auto"  # the flow: one of LAYOUTS (see render.graphviz.choose_layout)
    view: str = "flow"  # svg, png, pdf: one of VIEWS


Renderer = Callable[["JourneyMap", RenderOptions], bytes]

# The flow's layouts (svg, png, pdf, and the HTML's flow): auto picks the one that fits a slide or
# a page best; lr is one strip left to right; tb top to bottom; wrap rows of stages.
LAYOUTS = ("auto", "lr", "tb", "wrap")
# What svg, png and pdf draw: the flow diagram, or the journey map itself as a poster.
VIEWS = ("flow", "map")


@dataclass(frozen=True)
class Format:
    name: str
    suffixes: tuple[str, ...]
    entry: str  # "module:function" under journeykit.render
    binary: bool
    needs_dot: bool
    summary: str
    poster: str | None = None  # "module:function" drawing the map itself (--view map)

    @property
    def suffix(self) -> str:
        return self.suffixes[0]

    def renderer(self, view: str = "flow") -> Renderer:
        entry = self.poster if view == "map" and self.poster else self.entry
        module, function = entry.split(":")
        found: Renderer = getattr(importlib.import_module(f"journeykit.render.{module}"), function)
        return found

    def render(self, journey: JourneyMap, options: RenderOptions) -> bytes:
        return self.renderer(options.view)(journey, options)


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("html", (".html", ".htm"), "html:render_html", False, False,
               "one self-contained page: personas, the journey grid, emotion curve, flow"),
        Format("svg", (".svg",), "graphviz:render_svg", False, True,
               "the flow diagram (or with --view map the journey map) as SVG",
               "poster:render_svg"),
        Format("png", (".png",), "graphviz:render_png", True, True,
               "the flow diagram (or with --view map the journey map) as PNG",
               "poster:render_png"),
        Format("pdf", (".pdf",), "graphviz:render_pdf", True, True,
               "the flow diagram (or with --view map the journey map) as PDF",
               "poster:render_pdf"),
        Format("dot", (".dot", ".gv"), "graphviz:render_dot", False, False,
               "the flow diagram as Graphviz DOT source"),
        Format("mermaid", (".mmd", ".mermaid"), "mermaid:render_mermaid", False, False,
               "a Mermaid `journey` diagram (GitHub renders it in Markdown)"),
    )
}  # fmt: skip


def format_for_path(path: str) -> Format | None:
    """The format whose suffix ``path`` ends with (case-insensitive), if any."""
    suffix = PurePath(path).suffix.lower()
    for fmt in FORMATS.values():
        if suffix in fmt.suffixes:
            return fmt
    return None


__all__ = [
    "FORMATS",
    "LAYOUTS",
    "VIEWS",
    "Format",
    "GraphvizMissing",
    "RenderError",
    "RenderOptions",
    "format_for_path",
]
