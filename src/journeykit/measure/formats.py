"""Output formats of ``journey measure`` by name: the registry the CLI takes its choices from.

A format is a function ``(result, stream, context) -> None`` writing the whole report to a text
stream; the context carries the map (for its names and order), whether to colour, and the tool's
version. Keep this module light at import (the CLI imports it to list the choices): a heavy
format imports what it needs inside its function.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from journeykit.measure.result import MeasureResult

if TYPE_CHECKING:
    from journeykit.model import JourneyMap


@dataclass(frozen=True)
class FormatContext:
    journey: JourneyMap | None = None
    """The measured map: its stage and touchpoint names and order (ids stand in without it)."""
    color: bool = False
    """Colour for a terminal (the CLI decides: --color, NO_COLOR, a terminal)."""
    tool_version: str = ""


Formatter = Callable[[MeasureResult, TextIO, FormatContext], None]


def write_json(result: MeasureResult, stream: TextIO, context: FormatContext) -> None:
    """The JSON contract (see :mod:`journeykit.measure.result` and docs/measure.md)."""
    stream.write(result.dumps())


def write_stylish(result: MeasureResult, stream: TextIO, context: FormatContext) -> None:
    """The terminal report: the funnel as bars, the map's stages and touchpoints, the main moves."""
    from journeykit.measure.format_stylish import render

    stream.write(render(result, context.journey, color=context.color))


def write_markdown(result: MeasureResult, stream: TextIO, context: FormatContext) -> None:
    """Tables ready to paste as a pull-request comment."""
    from journeykit.measure.format_markdown import render

    stream.write(render(result, context.journey))


def write_html(result: MeasureResult, stream: TextIO, context: FormatContext) -> None:
    """One self-contained page: the funnel, a Sankey of the main paths, time histograms."""
    from journeykit.measure.format_html import render

    stream.write(render(result, context.journey, tool_version=context.tool_version))


FORMATS: dict[str, Formatter] = {
    "stylish": write_stylish,
    "json": write_json,
    "markdown": write_markdown,
    "html": write_html,
}

__all__ = ["FORMATS", "FormatContext", "Formatter", "write_json"]
