"""Reading a CSV sheet: one row per touchpoint, one score column per persona, every cell checked.

A sheet is read on its own here (header, cells, ids, slugs, kinds, scores); the checks against a
map come with :mod:`journeykit.interop.csv_create` and :mod:`journeykit.interop.csv_update`.
Every problem is reported at its ``FILE:ROW:COL`` (COL is the cell's column in the sheet).

Spreadsheet formulas: a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
would run as a formula in Excel or LibreOffice (CSV injection). Export prefixes such cells with
``'`` (OWASP's advice) and import removes that prefix again, so the round trip is exact. A text
that already starts with ``'`` and then such a character gets one more ``'``, so it is exact too.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Container
from dataclasses import dataclass, field

from journeykit.decoding import UTF8_BOM, decode
from journeykit.errors import JourneyError
from journeykit.model.map import SLUG_PATTERN
from journeykit.problems import Problem, quote, suggest

FIXED = ("stage", "id", "name", "channel", "owner", "kind")
SCORE_PREFIX = "score:"
DELIMITERS = (",", ";", "\t")
TOUCHPOINT_KINDS = ("digital", "physical", "human")
SLUG = re.compile(SLUG_PATTERN)
SCORE = re.compile(r"^[1-5]$")
_RISKY = re.compile(r"^'*[=+\-@\t\r]")
_PROTECTED = re.compile(r"^'+[=+\-@\t\r]")
_BREAK = re.compile(r"\r\n|\r|\n")
EXCEL_SEP = re.compile(r"sep=([,;\t|])\r?\n")


class SheetError(JourneyError):
    """The input cannot be read as a sheet at all (empty, not text, unknown encoding): exit 2."""


def protect(cell: str) -> str:
    """Neutralise a cell a spreadsheet would run as a formula (prefix ``'``)."""
    return "'" + cell if _RISKY.match(cell) else cell


def unprotect(cell: str) -> str:
    """Undo :func:`protect`."""
    return cell[1:] if _PROTECTED.match(cell) else cell


@dataclass(frozen=True)
class Cell:
    text: str
    line: int
    column: int


@dataclass
class Row:
    line: int
    cells: dict[str, Cell]
    bad: set[str] = field(default_factory=set)  # columns whose cell was reported: read as empty

    def get(self, name: str) -> str:
        cell = self.cells.get(name)
        return cell.text if cell is not None and name not in self.bad else ""

    def at(self, name: str) -> tuple[int, int]:
        cell = self.cells.get(name)
        return (cell.line, cell.column) if cell is not None else (self.line, 1)


@dataclass
class Sheet:
    path: str
    header_line: int = 1
    columns: list[str | None] = field(default_factory=list)  # None: a column not read
    notes: set[int] = field(default_factory=set)  # 1-based columns not read: x-…, or reported
    personas: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def problem(self, line: int, column: int, code: str, message: str) -> None:
        self.problems.append(Problem(self.path, line, column, code, message))

    def column_of(self, name: str) -> int:
        return self.columns.index(name) + 1 if name in self.columns else 1

    @property
    def has_errors(self) -> bool:
        return bool(self.problems)


def decode_sheet(data: bytes, path: str, encoding: str = "utf-8") -> str:
    """Bytes to text: a UTF-8 or UTF-16 byte-order mark wins, else ``encoding``."""
    if data.startswith(UTF8_BOM):
        encoding = "utf-8"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    try:
        decoded = decode(data, path, encoding)
    except LookupError:
        raise SheetError(f"unknown encoding {quote(encoding)}") from None
    text, bad = decoded.text, decoded.bad
    if text is None:
        assert bad is not None
        raise SheetError(
            f"{path}:{bad.line}:{bad.column}: the sheet is not {encoding} text (byte "
            f"0x{bad.byte:02x} at offset {bad.offset}); save it as "
            '"CSV UTF-8", or name its encoding with --encoding (e.g. cp1252 for Excel\'s '
            "plain CSV on Windows)"
        )
    if "\x00" in text:
        raise SheetError(f"{path}: the sheet holds NUL bytes: it is not a text file")
    if not text.strip():
        raise SheetError(
            f"{path}: the sheet is empty; expected a header row such as "
            f"`{','.join(FIXED)},{SCORE_PREFIX}<persona>`"
        )
    return text


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the header line into the most cells: ``,`` ``;`` or tab."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    unquoted = re.sub(r'"[^"]*"', "", first)
    counts = {d: unquoted.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])  # ties go to the earlier: `,`
    return best if counts[best] else ","


def read_sheet(
    data: bytes, path: str, *, delimiter: str | None = None, encoding: str = "utf-8"
) -> Sheet:
    """Parse and check a sheet on its own (the map-dependent checks come later).

    Raises :class:`SheetError` when it is no sheet at all; row problems are in ``.problems``.
    """
    text = decode_sheet(data, path, encoding)
    sheet = Sheet(path)
    line = 1
    excel_hint = EXCEL_SEP.match(text)  # Excel's `sep=;` first line names the delimiter
    if excel_hint:
        delimiter = delimiter or excel_hint.group(1)
        text, line = text[excel_hint.end() :], 2
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=delimiter or sniff_delimiter(text), strict=True
    )
    records: list[tuple[int, list[str]]] = []
    syntax: Problem | None = None
    try:
        for record in reader:
            records.append((line, record))
            line = reader.line_num + 1 + (1 if excel_hint else 0)
    except csv.Error as exc:  # the rows before it are still checked
        hint = "; is a quote left open?" if "end of data" in str(exc) else ""
        message = f"not valid CSV from this row on: {exc}{hint}"
        syntax = Problem(path, line, 1, "csv-syntax", message)
    records = [(n, r) for n, r in records if any(cell.strip() for cell in r)]
    if not records and syntax is None:
        raise SheetError(f"{path}: the sheet has no header row (only blank lines)")
    if records:
        _read_records(sheet, records)
    if syntax is not None:
        sheet.problems.append(syntax)
    return sheet


def _read_records(sheet: Sheet, records: list[tuple[int, list[str]]]) -> None:
    """The header, then every row, each cell checked. A row with a bad cell is kept (its bad
    cells read as empty) so that the checks against the map report its other cells too."""
    sheet.header_line, header = records[0]
    _read_header(sheet, header)
    if "id" not in sheet.columns or any(p.code == "csv-duplicate-header" for p in sheet.problems):
        return  # rows cannot be matched to touchpoints, or a cell would have two meanings
    seen: dict[str, int] = {}
    for start, record in records[1:]:
        row = _read_row(sheet, start, record)
        if row is not None:
            _check_row(sheet, row, seen)
            sheet.rows.append(row)


def _read_header(sheet: Sheet, header: list[str]) -> None:
    line = sheet.header_line
    for column, raw in enumerate(header, start=1):
        name = unprotect(raw).strip()
        lowered = name.lower()
        if lowered.startswith("x-"):  # the user's own notes, as `x-` keys in a map
            sheet.columns.append(None)
            sheet.notes.add(column)
            continue
        if not name:
            sheet.columns.append(None)
            continue
        if lowered in FIXED:
            name = lowered
        elif lowered.startswith(SCORE_PREFIX):
            persona = name[len(SCORE_PREFIX) :].strip()
            if not SLUG.match(persona):
                sheet.problem(
                    line,
                    column,
                    "csv-bad-header",
                    f"{quote(name)}: a score column is named score:<persona id>, and "
                    f"{quote(persona)} is not an id (a-z, 0-9 and -)",
                )
                _skip_column(sheet, column)
                continue
            name = SCORE_PREFIX + persona
            if name not in sheet.columns:
                sheet.personas.append(persona)
        else:
            sheet.problem(
                line,
                column,
                "csv-unknown-header",
                f"unknown column {quote(name)}{suggest(lowered, list(FIXED))}; columns are "
                f"{', '.join(FIXED)} and score:<persona id>",
            )
            _skip_column(sheet, column)
            continue
        if name in sheet.columns:
            sheet.problem(
                line,
                column,
                "csv-duplicate-header",
                f"column {quote(name)} appears twice (first in column "
                f"{sheet.columns.index(name) + 1})",
            )
        sheet.columns.append(name)
    if "id" not in sheet.columns:
        sheet.problem(
            line,
            1,
            "csv-missing-header",
            "the header has no `id` column: rows are matched to touchpoints by id",
        )


def _skip_column(sheet: Sheet, column: int) -> None:
    """A column already reported in the header: its cells are not read (nor reported again)."""
    sheet.columns.append(None)
    sheet.notes.add(column)


def _cell_lines(record: list[str], start: int) -> list[int]:
    """The line each cell starts on: quoted cells may hold line breaks."""
    lines, line = [], start
    for cell in record:
        lines.append(line)
        line += len(_BREAK.findall(cell))
    return lines


def _read_row(sheet: Sheet, start: int, record: list[str]) -> Row | None:
    width = len(sheet.columns)
    if len(record) != width:
        column = min(len(record), width) + 1
        sheet.problem(
            start,
            column,
            "csv-column-count",
            f"this row has {len(record)} cells, the header has {width}",
        )
        return None
    lines = _cell_lines(record, start)
    cells: dict[str, Cell] = {}
    for i, (name, raw) in enumerate(zip(sheet.columns, record, strict=True)):
        if name is None:
            if raw.strip() and i + 1 not in sheet.notes:
                sheet.problem(
                    lines[i],
                    i + 1,
                    "csv-unknown-header",
                    "a value in a column without a header; name the column or empty the cell",
                )
            continue
        text = unprotect(raw)
        if (name != "name" and name != "owner") or not text.strip():
            # ids, slugs and scores: spaces around them are typing noise; a cell of spaces
            # looks empty in a spreadsheet, so it is empty
            text = text.strip()
        cells[name] = Cell(text, lines[i], i + 1)
    return Row(start, cells)


def _check_row(sheet: Sheet, row: Row, seen: dict[str, int]) -> None:
    """Checks that need no map: id present, slugs, kinds, scores, duplicates. A reported cell
    joins ``row.bad``: the checks against the map read it as empty."""

    def bad(name: str, code: str, message: str) -> None:
        sheet.problem(*row.at(name), code, message)
        row.bad.add(name)

    ident = row.get("id")
    if not ident:
        bad("id", "csv-missing-id", "this row has no touchpoint id")
    elif not SLUG.match(ident):
        bad(
            "id",
            "csv-bad-id",
            f"{quote(ident)} is not an id: use a-z, 0-9 and -, starting with a letter or digit",
        )
    elif ident in seen:
        bad("id", "csv-duplicate-id", f"touchpoint {quote(ident)} is already on line {seen[ident]}")
    else:
        seen[ident] = row.line
    channel = row.get("channel")
    if channel and not SLUG.match(channel):
        bad(
            "channel",
            "csv-bad-channel",
            f"channel {quote(channel)} is not a slug (web, mobile-app, in-store…)",
        )
    kind = row.get("kind")
    if kind and kind not in TOUCHPOINT_KINDS:
        bad(
            "kind",
            "csv-bad-kind",
            f"kind {quote(kind)} is not one of {', '.join(TOUCHPOINT_KINDS)}",
        )
    for persona in sheet.personas:
        score = row.get(SCORE_PREFIX + persona)
        if score and not SCORE.match(score):
            bad(
                SCORE_PREFIX + persona,
                "csv-bad-score",
                f"score {quote(score)} for {quote(persona)} is not a whole number from 1 to 5",
            )


def scores(sheet: Sheet, row: Row, personas: Container[str] | None = None) -> dict[str, int]:
    """The row's scores (its good cells), for ``personas`` only when given."""
    return {
        p: int(s)
        for p in sheet.personas
        if (personas is None or p in personas) and (s := row.get(SCORE_PREFIX + p))
    }
