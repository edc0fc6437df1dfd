"""Plain fixed-width tables for the terminal (the layout rich drew, which cost over three times
the JSON). User text goes through ``one_line``, which drops control characters, so it cannot steer
the terminal; colour is ANSI SGR, only when asked for."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from journeykit.problems import one_line

Cell = str | tuple[str, str]  # text, or (text, style such as "bold" or "bold green")
Columns = tuple[tuple[str, ...], str]  # the headings, and "l" or "r" for each column's alignment

STYLES = {"bold": "1", "underline": "4", "green": "32", "red": "31", "yellow": "33"}


def paint(text: str, style: str, color: bool) -> str:
    if not color or not style or not text:
        return text
    codes = ";".join(STYLES[word] for word in style.split())
    return f"\x1b[{codes}m{text}\x1b[0m"


def _paint_in(padded: str, text: str, style: str, color: bool) -> str:
    """``padded`` with its ``text`` (not the padding) in ``style``."""
    return padded.replace(text, paint(text, style, color), 1) if text else padded


@dataclass
class TextTable:
    """A titled table of fixed-width columns, text columns wrapped to fit a width."""

    title: str
    spec: Columns
    rows: list[tuple[list[Cell], bool]] = field(default_factory=list)  # (cells, ends a section)

    @property
    def columns(self) -> tuple[tuple[str, str], ...]:
        """(heading, "l" or "r") of each column."""
        headings, align = self.spec
        return tuple(zip(headings, align, strict=True))

    def add(self, *cells: Cell, end_section: bool = False) -> None:
        texts = [one_line(c) if isinstance(c, str) else (one_line(c[0]), c[1]) for c in cells]
        self.rows.append((texts, end_section))

    def render(self, width: int, color: bool) -> list[str]:
        texts = [[c if isinstance(c, str) else c[0] for c in cells] for cells, _ in self.rows]
        widths = [
            max([len(name), *(len(row[i]) for row in texts)])
            for i, (name, _) in enumerate(self.columns)
        ]
        room = width - 2 - 3 * (len(widths) - 1)
        left = [i for i, (_, j) in enumerate(self.columns) if j == "l"]
        while left and sum(widths) > room:  # narrow the widest text column, one at a time
            widest = max(left, key=lambda i: widths[i])
            if widths[widest] <= 8:
                break
            widths[widest] -= 1
        out = [self.title, ""]
        out.append(self._line([name for name, _ in self.columns], widths, color, bold=True))
        out.append(" " + "─" * (sum(widths) + 3 * (len(widths) - 1)))
        for n, (cells, end_section) in enumerate(self.rows):
            out.extend(self._cells(cells, widths, color))
            if end_section and n < len(self.rows) - 1:
                out.append("")
        out.append("")
        return out

    def _line(self, cells: list[str], widths: list[int], color: bool, bold: bool) -> str:
        parts = []
        for (_, justify), text, w in zip(self.columns, cells, widths, strict=True):
            padded = text.rjust(w) if justify == "r" else text.ljust(w)
            parts.append(_paint_in(padded, text, "bold" if bold else "", color))
        return (" " + "   ".join(parts)).rstrip()

    def _cells(self, cells: list[Cell], widths: list[int], color: bool) -> list[str]:
        wrapped = []
        for cell, w in zip(cells, widths, strict=True):
            text, style = (cell, "") if isinstance(cell, str) else cell
            lines = textwrap.wrap(text, w) if len(text) > w else [text]
            wrapped.append((lines or [""], style))
        lines = []
        for k in range(max(len(parts) for parts, _ in wrapped)):
            parts = []
            for (_, justify), (texts, style), w in zip(self.columns, wrapped, widths, strict=True):
                text = texts[k] if k < len(texts) else ""
                padded = text.rjust(w) if justify == "r" else text.ljust(w)
                parts.append(_paint_in(padded, text, style, color))
            lines.append((" " + "   ".join(parts)).rstrip())
        return lines


__all__ = ["STYLES", "Cell", "Columns", "TextTable", "paint"]
