"""Applying a sheet to an existing map by touchpoint id, as text edits of its file
(:mod:`journeykit.interop.csv_yaml`): only the lines that change are touched."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from journeykit.interop.csv_create import Outcome, new_touchpoint, sheet_problem, validated
from journeykit.interop.csv_sheet import SCORE_PREFIX, Row, Sheet, scores
from journeykit.problems import Problem, quote, suggest

if TYPE_CHECKING:
    from journeykit.interop.csv_yaml import MapText
    from journeykit.model import MapIndex
    from journeykit.workspace import LoadedMap


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
            tp = new_touchpoint(outcome, sheet, row, stage)
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
    return validated(outcome, text, loaded.path, expected)


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
