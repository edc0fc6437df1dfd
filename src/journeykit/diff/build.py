"""Pair the maps of two sides and compare each pair: the whole diff, ready for a formatter."""

from __future__ import annotations

import datetime as dt
from typing import Any

from journeykit.diff.compare import diff_maps
from journeykit.diff.model import Change, ChangeClass, DiffResult, Kind, MapDiff
from journeykit.diff.sources import Side
from journeykit.diff.stats import describe, score_deltas
from journeykit.model import JourneyMap
from journeykit.problems import Problem, quote
from journeykit.workspace import LoadedMap


class InvalidSide(Exception):
    """A side holds a map that is not valid: there is nothing sound to compare (exit 2)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def check_valid(*sides: Side) -> None:
    problems = [p for side in sides for m in side.maps if not m.valid for p in m.problems]
    if problems:
        raise InvalidSide(sorted(problems))


def pair(old: Side, new: Side) -> list[tuple[LoadedMap | None, LoadedMap | None]]:
    """Two named files pair whatever their ids; otherwise maps pair by their ``id``."""
    if old.single and new.single and len(old.maps) == 1 and len(new.maps) == 1:
        return [(old.maps[0], new.maps[0])]
    before, after = _by_id(old), _by_id(new)
    return [(before.get(i), after.get(i)) for i in sorted(before.keys() | after.keys())]


def _by_id(side: Side) -> dict[str, LoadedMap]:
    found: dict[str, LoadedMap] = {}
    for loaded in side.maps:
        ident = loaded.journey.id
        if ident in found:
            problem = loaded.problem(
                ("id",),
                "duplicate-map-id",
                f"map id {quote(ident)} is also the id of {found[ident].path} on the same side of "
                "the diff; maps are matched by id, so each id must be unique",
            )
            raise InvalidSide([problem])
        found[ident] = loaded
    return found


def build(old: Side, new: Side, today: dt.date, score_settings: Any = None) -> DiffResult:
    """Validate both sides (raising ``InvalidSide``), pair the maps and compare every pair."""
    check_valid(old, new)
    result = DiffResult(old.label, new.label)
    for before, after in pair(old, new):
        result.maps.append(compare_pair(before, after, today, score_settings))
    return result


def compare_pair(
    before: LoadedMap | None, after: LoadedMap | None, today: dt.date, score_settings: Any = None
) -> MapDiff:
    old: JourneyMap | None = before.journey if before else None
    new: JourneyMap | None = after.journey if after else None
    either = new or old
    ident = either.id if either is not None else "?"
    diff = MapDiff(ident, before.path if before else None, after.path if after else None)
    if old is not None and new is not None:
        diff.changes = diff_maps(old, new)
    elif new is not None:
        diff.changes = [Change((), Kind.ADDED, ChangeClass.CHANGE, None, _summary(new))]
    elif old is not None:
        diff.changes = [Change((), Kind.REMOVED, ChangeClass.REMOVAL, _summary(old), None)]
    describe(diff, old, new)
    if diff.changes:
        diff.scores = score_deltas(old, new, today, score_settings)
    return diff


def _summary(journey: JourneyMap) -> dict[str, object]:
    return {"id": journey.id, "title": journey.title, "touchpoints": len(journey.touchpoints)}


__all__ = ["InvalidSide", "build", "check_valid", "compare_pair", "pair"]
