"""Output formats of ``journey diff`` by name: the registry the CLI takes its choices from."""

from __future__ import annotations

from collections.abc import Callable

from journeykit.diff import format_json, format_markdown, format_text
from journeykit.diff.model import DiffResult

Formatter = Callable[[DiffResult, bool], str]  # (result, colour) -> text

FORMATS: dict[str, Formatter] = {
    "text": format_text.render,
    "markdown": lambda result, _color: format_markdown.render(result),
    "json": lambda result, _color: format_json.render(result),
}

__all__ = ["FORMATS", "Formatter"]
