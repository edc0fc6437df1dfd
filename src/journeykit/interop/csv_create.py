"""A new map from a sheet, and what every import shares: the outcome, the new touchpoint, the
check that what would be written reads back as a valid map."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journeykit.interop.csv_sheet import SLUG, Row, Sheet, scores
from journeykit.problems import Problem, quote

if TYPE_CHECKING:
    import datetime as dt


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
        tp = new_touchpoint(outcome, sheet, row, stage_id=None)
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
    return validated(outcome, text, target)


def _stage_slug(cell: str) -> str:
    """The stage id a stage cell of a new map stands for ("" when its text has no slug)."""
    from journeykit.interop import slugify

    return cell if SLUG.match(cell) else slugify(cell, "")


def sheet_problem(
    outcome: Outcome, sheet: Sheet, line: int, column: int, code: str, message: str
) -> None:
    outcome.problems.append(Problem(sheet.path, line, column, code, message))


def new_touchpoint(
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


def validated(
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
