"""Maps to and from CSV sheets: one row per touchpoint, one score column per persona.

Export writes ``stage,id,name,channel,owner,kind,score:<persona>…`` in journey order (RFC 4180,
UTF-8). Import reads such a sheet (or one a person made in a spreadsheet) and either creates a new
map or updates an existing one by touchpoint id, editing only the lines that change
(:mod:`journeykit.interop.csv_yaml`). Every problem in the sheet is reported at its
``FILE:ROW:COL``; one bad row means nothing is written.

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
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journeykit.decoding import UTF8_BOM, decode
from journeykit.model.map import SLUG_PATTERN
from journeykit.problems import Problem, quote, suggest

if TYPE_CHECKING:
    import datetime as dt

    from journeykit.interop.csv_yaml import MapText
    from journeykit.model import JourneyMap, MapIndex
    from journeykit.workspace import LoadedMap

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


class SheetError(Exception):
    """The input cannot be read as a sheet at all (empty, not text, unknown encoding): exit 2."""


def protect(cell: str) -> str:
    """Neutralise a cell a spreadsheet would run as a formula (prefix ``'``)."""
    return "'" + cell if _RISKY.match(cell) else cell


def unprotect(cell: str) -> str:
    """Undo :func:`protect`."""
    return cell[1:] if _PROTECTED.match(cell) else cell


# ---------------------------------------------------------------------------------------------
# Export


def persona_ids(journey: JourneyMap) -> list[str]:
    return [p.id for p in journey.personas]


def export_rows(journey: JourneyMap) -> list[list[str]]:
    """The header and one row per touchpoint in journey order; a score cell is empty where the
    persona has no experience (or does not pass)."""
    from journeykit.model import MapIndex

    index = MapIndex(journey)
    personas = persona_ids(journey)
    rows = [[*FIXED, *(SCORE_PREFIX + p for p in personas)]]
    for tp in index.ordered:
        cells = [tp.stage, tp.id, tp.name, tp.channel or "", tp.owner or "", tp.kind or ""]
        for persona in personas:
            experience = index.experience(tp, persona)
            cells.append(str(experience.score) if experience else "")
        rows.append(cells)
    return rows


def export_csv(journey: JourneyMap, *, delimiter: str = ",", bom: bool = False) -> str:
    """RFC 4180 text (CRLF line ends), formula cells neutralised; ``bom`` for Excel."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    for row in export_rows(journey):
        writer.writerow([protect(cell) for cell in row])
    return ("\ufeff" if bom else "") + out.getvalue()


# ---------------------------------------------------------------------------------------------
# Reading a sheet


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


# ---------------------------------------------------------------------------------------------
# Creating a map


@dataclass
class Outcome:
    """What an import would write: ``text`` (None when there are problems) and counts."""

    text: str | None = None
    problems: list[Problem] = field(default_factory=list)
    changed: int = 0
    added: int = 0
    removed: int = 0


def humanize(slug: str) -> str:
    words = slug.replace("-", " ").strip()
    return words[:1].upper() + words[1:]


def create_map(
    sheet: Sheet, *, map_id: str, title: str, today: dt.date, source: str, target: str
) -> Outcome:
    """A new map from the sheet: stages in order of first appearance, personas from the score
    columns, touchpoints in row order; validated before it is returned."""
    from journeykit.interop import Ids, dump_map

    outcome = Outcome(problems=list(sheet.problems))
    if not sheet.columns:
        return outcome  # no header could be read (csv-syntax says why)
    for needed in ("stage", "name"):
        if needed not in sheet.columns:
            sheet_problem(
                outcome,
                sheet,
                sheet.header_line,
                1,
                "csv-missing-header",
                f"a new map needs a {quote(needed)} column",
            )
    if not sheet.personas:
        sheet_problem(
            outcome,
            sheet,
            sheet.header_line,
            1,
            "csv-missing-header",
            "a new map needs at least one score:<persona id> column: its personas",
        )
    if len(outcome.problems) > len(sheet.problems):
        return outcome  # rows are not checked against a header that lacks columns
    stages: dict[str, str] = {}  # stage id -> name, in order of first appearance
    stage_ids: dict[str, str] = {}  # stage cell -> stage id
    # a name without Latin letters or digits (検索, 😀) gets `stage-<position>`, an id that no
    # other stage cell of the sheet stands for
    fresh = Ids({_stage_slug(row.get("stage")) for row in sheet.rows})
    touchpoints: list[dict[str, Any]] = []
    for row in sheet.rows:
        if "id" in row.bad:
            continue  # reported; a row without a good id adds nothing
        tp = _new_touchpoint(outcome, sheet, row, stage_id=None)
        if tp is None:
            continue
        cell = tp["stage"]
        if cell not in stage_ids:
            stage_ids[cell] = _stage_slug(cell) or fresh.make(f"stage-{len(stages) + 1}")
        sid = stage_ids[cell]
        stages.setdefault(sid, humanize(cell) if SLUG.match(cell) else cell)
        tp["stage"] = sid
        touchpoints.append(tp)
    if outcome.problems:
        return outcome
    data: dict[str, Any] = {
        "journeykit": 1,
        "id": map_id,
        "title": title,
        "updated": today,
        "personas": [{"id": p, "name": humanize(p)} for p in sheet.personas],
        "stages": [{"id": sid, "name": name} for sid, name in stages.items()],
        "touchpoints": touchpoints,
    }
    if not touchpoints:
        sheet_problem(
            outcome,
            sheet,
            sheet.header_line,
            1,
            "csv-empty",
            "the sheet has a header but no rows: a map needs touchpoints",
        )
        return outcome
    text = dump_map(data, header=f"Created by journey import csv from {Path(source).name}")
    return _validated(outcome, text, target)


def _stage_slug(cell: str) -> str:
    """The stage id a stage cell of a new map stands for ("" when its text has no slug)."""
    from journeykit.interop import slugify

    return cell if SLUG.match(cell) else slugify(cell, "")


def sheet_problem(
    outcome: Outcome, sheet: Sheet, line: int, column: int, code: str, message: str
) -> None:
    outcome.problems.append(Problem(sheet.path, line, column, code, message))


def _new_touchpoint(
    outcome: Outcome, sheet: Sheet, row: Row, stage_id: str | None
) -> dict[str, Any] | None:
    """The data of a touchpoint the sheet adds, or None (with problems) when a cell is missing."""
    ident, name, stage = row.get("id"), row.get("name"), row.get("stage")
    ok = True
    if not name:
        sheet_problem(
            outcome,
            sheet,
            *row.at("name"),
            "csv-missing-name",
            f"new touchpoint {quote(ident)} needs a name",
        )
        ok = False
    if not stage:
        sheet_problem(
            outcome,
            sheet,
            *row.at("stage"),
            "csv-missing-stage",
            f"new touchpoint {quote(ident)} needs a stage",
        )
        ok = False
    if not ok:
        return None
    tp: dict[str, Any] = {"id": ident, "name": name, "stage": stage_id or stage}
    for key in ("channel", "kind", "owner"):
        if row.get(key):
            tp[key] = row.get(key)
    experiences = [{"persona": p, "score": s} for p, s in scores(sheet, row).items()]
    if experiences:
        tp["experiences"] = experiences
    return tp


def _validated(
    outcome: Outcome, text: str, target: str, expected: Any = None, code: str = "csv-cannot-edit"
) -> Outcome:
    """Keep ``text`` only if it is a valid map (read as if it were ``target``) and, when
    ``expected`` is given, reads back as exactly that data: a guard against a file layout the
    text editor did not foresee (reported as ``code``)."""
    from journeykit.maps import load_map

    loaded = load_map(target, data=text.encode("utf-8"), display=target)
    if expected is not None and loaded.main.data != expected:
        message = ("cannot edit this file's layout safely: the edit would not read back as "
                   "intended; please report this (nothing was written)")  # fmt: skip
        outcome.problems.append(Problem(target, 1, 1, code, message))
        return outcome
    if not loaded.valid:
        outcome.problems.extend(p for p in loaded.problems if p.severity == "error")
        return outcome
    outcome.text = text
    return outcome


# ---------------------------------------------------------------------------------------------
# Updating a map


def update_map(sheet: Sheet, loaded: LoadedMap, *, prune: bool = False) -> Outcome:
    """Apply the sheet to a valid map by touchpoint id, as text edits of its file; ``prune``
    also removes the touchpoints the sheet does not list."""
    from journeykit.interop.csv_yaml import EditError, MapText
    from journeykit.model import MapIndex

    assert loaded.journey is not None, "update_map needs a valid map"
    index = MapIndex(loaded.journey)
    outcome = Outcome(problems=list(sheet.problems))
    for persona in sheet.personas:
        if persona not in index.personas:
            sheet_problem(
                outcome,
                sheet,
                sheet.header_line,
                sheet.column_of(SCORE_PREFIX + persona),
                "csv-unknown-persona",
                f"no persona {quote(persona)} in {loaded.path}"
                f"{suggest(persona, index.personas.keys())}; add the persona to the "
                "map first",
            )
    # Every row is checked against the map even when the sheet has problems already, so that
    # all of them come in one pass; nothing is written while there are any.
    try:
        editor = MapText(loaded.main.text)
    except EditError as exc:
        problem = Problem(loaded.path, exc.line, exc.column, "csv-cannot-edit", str(exc))
        outcome.problems.append(problem)
        return outcome
    expected = _copy_touchpoints(loaded.main.data)
    tps: list[dict[str, Any]] = expected["touchpoints"]
    raw_by_id = {tp["id"]: tp for tp in tps}
    new: list[dict[str, Any]] = []
    for row in sheet.rows:
        ident = row.get("id")
        stage = _stage_of(outcome, sheet, row, index)
        if "id" in row.bad:
            continue  # reported; its other cells have had their checks
        if ident in raw_by_id:
            _update_touchpoint(outcome, sheet, row, stage, raw_by_id[ident], editor, index)
        else:
            tp = _new_touchpoint(outcome, sheet, row, stage)
            if tp is not None:
                new.append(tp)
    if outcome.problems:
        return outcome
    if prune:
        listed = {row.get("id") for row in sheet.rows}
        unlisted = [tp for tp in tps if tp["id"] not in listed]
        if len(unlisted) == len(tps) and not new:
            message = ("--prune would remove every touchpoint of the map, and a map needs at "
                       "least one: the sheet lists none of them")  # fmt: skip
            sheet_problem(outcome, sheet, sheet.header_line, 1, "csv-empty", message)
            return outcome
        editor.remove_touchpoints([editor.by_id[tp["id"]] for tp in unlisted])
        for tp in unlisted:
            tps.remove(tp)
        outcome.removed = len(unlisted)
    _place_new(tps, new, index, editor)
    outcome.added = len(new)
    if not outcome.changed and not new and not outcome.removed:
        outcome.text = loaded.main.text
        return outcome
    try:
        text = editor.result()
    except EditError as exc:
        problem = Problem(loaded.path, exc.line, exc.column, "csv-cannot-edit", str(exc))
        outcome.problems.append(problem)
        return outcome
    return _validated(outcome, text, loaded.path, expected)


def _copy_touchpoints(data: dict[str, Any]) -> dict[str, Any]:
    """A copy of the map data deep enough for what an import changes: each touchpoint and each
    of its experiences (a full deepcopy of a large map costs more than the whole edit)."""
    copied = dict(data)
    copied["touchpoints"] = [
        {**tp, "experiences": [dict(e) for e in tp["experiences"]]} if "experiences" in tp
        else dict(tp)
        for tp in data["touchpoints"]
    ]  # fmt: skip
    return copied


def _stage_of(outcome: Outcome, sheet: Sheet, row: Row, index: MapIndex) -> str | None:
    """The stage id a row names (by id, or by a stage's exact name), None when empty."""
    cell = row.get("stage")
    if not cell:
        return None
    if cell in index.stages:
        return cell
    by_name = [s.id for s in index.map.stages if s.name == cell]
    if len(by_name) == 1:
        return by_name[0]
    if by_name:
        sheet_problem(
            outcome,
            sheet,
            *row.at("stage"),
            "csv-unknown-stage",
            f"{quote(cell)} is the name of {len(by_name)} stages ({', '.join(by_name)}): "
            "write the stage id instead",
        )
        return None
    sheet_problem(
        outcome,
        sheet,
        *row.at("stage"),
        "csv-unknown-stage",
        f"no stage {quote(cell)} in the map{suggest(cell, index.stages.keys())}; "
        f"stages: {', '.join(index.stages)}",
    )
    return None


def _update_touchpoint(
    outcome: Outcome,
    sheet: Sheet,
    row: Row,
    stage: str | None,
    raw: dict[str, Any],
    editor: MapText,
    index: MapIndex,
) -> None:
    node = editor.by_id[raw["id"]]
    tp = index.touchpoints[raw["id"]]
    changed = False
    for key in ("name", "stage", "channel", "kind", "owner"):
        value = stage if key == "stage" else row.get(key)
        if value and raw.get(key) != value:
            editor.set_value(node, key, value)
            raw[key] = value
            changed = True
    from journeykit.interop.csv_yaml import get

    experiences: list[dict[str, Any]] = raw.get("experiences") or []
    added: list[dict[str, Any]] = []
    for persona, score in scores(sheet, row, index.personas).items():
        if not index.passes(persona, tp):
            sheet_problem(
                outcome,
                sheet,
                *row.at(SCORE_PREFIX + persona),
                "csv-persona-not-here",
                f"persona {quote(persona)} does not pass at touchpoint "
                f"{quote(tp.id)} (its personas: {', '.join(tp.personas or [])}); "
                "empty the cell or add the persona to the touchpoint",
            )
            continue
        at = next((i for i, e in enumerate(experiences) if e.get("persona") == persona), None)
        if at is None:
            added.append({"persona": persona, "score": score})
        elif experiences[at].get("score") != score:
            found = get(node, "experiences")
            assert found is not None
            editor.set_score(found[1].value[at], score)
            experiences[at]["score"] = score
            changed = True
    if added:
        editor.add_experiences(node, added)
        raw["experiences"] = experiences + added
        changed = True
    outcome.changed += changed


def _place_new(
    tps: list[dict[str, Any]], new: list[dict[str, Any]], index: MapIndex, editor: MapText
) -> None:
    """Insert each new touchpoint after its stage's last one (else after the last touchpoint of
    an earlier stage, else first), in ``tps`` and, in the same order, in the text."""
    position = index.stage_position
    original = [id(tp) for tp in tps]
    stages = [position[t["stage"]] for t in tps]  # the stage position of each, in step with tps
    for tp in new:
        here = position[tp["stage"]]
        at = _last_index(stages, here)
        if at < 0:
            at = max((_last_index(stages, p) for p in range(here)), default=-1)
        tps.insert(at + 1, tp)
        stages.insert(at + 1, here)
    anchor = None
    originals = set(original)
    for tp in tps:
        if id(tp) in originals:
            anchor = editor.by_id[tp["id"]]
        else:
            editor.add_touchpoint(anchor, tp)


def _last_index(values: list[int], value: int) -> int:
    """Index of the last ``value`` in ``values``, -1 when there is none (a scan at C speed: a
    sheet adding thousands of rows to a map of thousands of touchpoints stays fast)."""
    try:
        return len(values) - 1 - values[::-1].index(value)
    except ValueError:
        return -1
