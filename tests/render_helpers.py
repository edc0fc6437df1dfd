"""Helpers shared by the render tests: load a golden map, outline HTML, collect visible text."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser
from pathlib import Path

from journeykit.model import JourneyMap
from journeykit.render import RenderOptions
from journeykit.validate import load

GOLDEN = Path(__file__).resolve().parent / "golden" / "render"
TODAY = dt.date(2026, 11, 22)
# attributes that say what an element is (coordinates and styles are left out of outlines)
_KEPT = ("id", "class", "scope", "colspan", "role", "data-persona", "data-show", "aria-label",
         "aria-labelledby", "aria-pressed", "hidden", "lang", "href", "http-equiv")  # fmt: skip


def journey(name: str):  # type: ignore[no-untyped-def]
    loaded = load(GOLDEN / name)
    assert loaded.valid, loaded.problems
    return loaded.journey


def journey_of(text: str) -> JourneyMap:
    """A valid map from YAML text (read as if from stdin)."""
    loaded = load("-", data=text.encode("utf-8"))
    assert loaded.valid, [p.message for p in loaded.problems]
    assert isinstance(loaded.journey, JourneyMap)
    return loaded.journey


def options(persona: str | None = None) -> RenderOptions:
    return RenderOptions(persona=persona, today=TODAY, tool_version="test")


class Outline(HTMLParser):
    """An indented outline of the element tree; the flow SVG (drawn by Graphviz, whose layout
    differs between versions) becomes one line."""

    VOID = frozenset({"meta", "link", "br", "col", "img", "input", "hr", "circle", "rect", "line",
                      "polyline", "polygon", "path", "ellipse", "text"})  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.depth = 0
        self.skip = 0  # inside the flow svg

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip:
            self.skip += tag not in self.VOID
            return
        attrs_d = dict(attrs)
        shown = " ".join(f'{k}="{attrs_d[k]}"' if attrs_d[k] is not None else k
                         for k in _KEPT if k in attrs_d)  # fmt: skip
        self.lines.append("  " * self.depth + tag + (f" {shown}" if shown else ""))
        if tag == "svg" and "flow-svg" in (attrs_d.get("class") or ""):
            self.skip = 1
            return
        if tag not in self.VOID:
            self.depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.skip:
            self.handle_starttag(tag, attrs)
            if tag not in self.VOID:
                self.depth -= 1

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            self.skip -= tag not in self.VOID
            return
        if tag not in self.VOID:
            self.depth -= 1


def outline(html: str) -> str:
    parser = Outline()
    parser.feed(html)
    return "\n".join(parser.lines) + "\n"


class VisibleText(HTMLParser):
    """The text a reader sees (not inside script or style), and every element's attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.stack: list[str] = []
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag not in Outline.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if not any(t in ("script", "style") for t in self.stack):
            self.parts.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())


def visible(html: str) -> VisibleText:
    parser = VisibleText()
    parser.feed(html)
    return parser
