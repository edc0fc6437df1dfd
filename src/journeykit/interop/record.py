"""Record measured KPI values in a map as dated measurements (``journey measure --write``).

Each reading becomes one new item of ``measurements`` at its touchpoint, so the history of a KPI
accumulates in the map and in git: ``metric``, ``actual``, ``target`` (the latest target known for
the metric, carried over), ``as_of`` and ``sample``. A reading whose touchpoint already holds a
measurement of that metric with the same ``as_of`` updates that one (``actual`` and ``sample``)
instead, so running the same measurement twice leaves one reading, not an invalid duplicate.

Only the lines added or updated change: the edits are made in the file's text at the positions
the YAML composer reports (:mod:`journeykit.interop.csv_yaml`), and the result is read back and
validated before anything is written, as ``journey import csv --into`` does.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from journeykit.interop.csv_create import Outcome, validated
from journeykit.problems import Problem, quote

if TYPE_CHECKING:
    from journeykit.model import JourneyMap
    from journeykit.workspace import LoadedMap

CODE = "measure-cannot-edit"


@dataclass(frozen=True)
class Reading:
    """One KPI value to record: ``actual`` is None when no customer could be counted."""

    metric: str
    touchpoint: str
    actual: float | None
    sample: int


@dataclass
class Recorded(Outcome):
    """What ``--write`` would write: ``text`` (None when there are problems), what it added or
    updated, and the readings it left out (``actual`` None: nothing to record)."""

    updated: int = 0
    skipped: list[Reading] = field(default_factory=list)


def latest_target(journey: JourneyMap, metric: str, touchpoint: str) -> float | None:
    """The target to carry over: that of the newest reading of ``metric`` at ``touchpoint``
    with a target; else the newest anywhere in the map; else the target of an objective."""

    def newest(readings: list[tuple[dt.date | None, int, float]]) -> float | None:
        if not readings:
            return None
        return max(readings, key=lambda r: (r[0] or dt.date.min, r[1]))[2]

    here: list[tuple[dt.date | None, int, float]] = []
    anywhere: list[tuple[dt.date | None, int, float]] = []
    order = 0
    for tp in journey.touchpoints:
        for m in tp.measurements:
            order += 1
            if m.metric == metric and m.target is not None:
                anywhere.append((m.as_of, order, m.target))
                if tp.id == touchpoint:
                    here.append((m.as_of, order, m.target))
    found = newest(here)
    if found is None:
        found = newest(anywhere)
    if found is None:
        found = next(
            (o.target for o in journey.objectives if o.metric == metric and o.target is not None),
            None,
        )
    return found


def _number(value: float) -> float | int:
    """Integral values as integers (a count reads ``412``, not ``412.0``); others rounded to 6
    significant decimals, enough for any KPI and stable across engines."""
    rounded = round(value, 6)
    return int(rounded) if float(rounded).is_integer() and abs(rounded) < 2**53 else rounded


def record(loaded: LoadedMap, readings: list[Reading], as_of: dt.date) -> Recorded:
    """Plan the edits that record ``readings`` in the valid map ``loaded`` and check the result."""
    from journeykit.interop.csv_yaml import EditError, MapText, get

    journey = loaded.journey
    assert journey is not None, "record needs a valid map"
    outcome = Recorded()
    try:
        editor = MapText(loaded.main.text)
    except EditError as exc:
        outcome.problems.append(Problem(loaded.path, exc.line, exc.column, CODE, str(exc)))
        return outcome
    expected = dict(loaded.main.data)
    raw_tps: list[dict[str, Any]] = [dict(tp) for tp in expected["touchpoints"]]
    expected["touchpoints"] = raw_tps
    raw_by_id = {tp["id"]: tp for tp in raw_tps}
    added: dict[str, list[dict[str, Any]]] = {}
    for reading in readings:
        if reading.actual is None:
            outcome.skipped.append(reading)
            continue
        if reading.touchpoint not in editor.by_id or reading.touchpoint not in raw_by_id:
            message = f"no touchpoint {quote(reading.touchpoint)} to record {reading.metric} at"
            outcome.problems.append(Problem(loaded.path, 1, 1, CODE, message))
            continue
        raw = raw_by_id[reading.touchpoint]
        history = [dict(m) for m in raw.get("measurements") or []]
        raw["measurements"] = history
        actual = _number(reading.actual)
        same_day = [
            i
            for i, m in enumerate(history)
            if m.get("metric") == reading.metric and _as_date(m.get("as_of")) == as_of
        ]
        if same_day:
            at = same_day[-1]
            found = get(editor.by_id[reading.touchpoint], "measurements")
            assert found is not None
            node = found[1].value[at]
            editor.set_value(node, "actual", actual)
            editor.set_value(node, "sample", reading.sample)
            history[at].update(actual=actual, sample=reading.sample)
            outcome.updated += 1
            continue
        item: dict[str, Any] = {"metric": reading.metric, "actual": actual}
        target = latest_target(journey, reading.metric, reading.touchpoint)
        if target is not None:
            item["target"] = _number(target)
        item["as_of"] = as_of
        item["sample"] = reading.sample
        added.setdefault(reading.touchpoint, []).append(item)
        history.append(item)
        outcome.added += 1
    if outcome.problems:
        return outcome
    for touchpoint, items in added.items():
        editor.add_items(editor.by_id[touchpoint], "measurements", items)
    try:
        text = editor.result()
    except EditError as exc:
        outcome.problems.append(Problem(loaded.path, exc.line, exc.column, CODE, str(exc)))
        return outcome
    validated(outcome, text, loaded.path, expected, code=CODE)
    return outcome


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None
