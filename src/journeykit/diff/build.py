"""Pair the maps of two sides and compare each pair: the whole diff, ready for a formatter."""

from __future__ import annotations

import datetime as dt
from typing import Any

from journeykit.diff.compare import diff_maps
from journeykit.diff.model import Change, ChangeClass, DiffResult, Kind, MapDiff
from journeykit.diff.sources import Side
from journeykit.diff.stats import describe, score_deltas
from journeykit.errors import LocatedError
from journeykit.model import JourneyMap
from journeykit.problems import Problem
from journeykit.workspace import LoadedMap


class InvalidSide(LocatedError):
    """A side holds a map that is not valid: there is nothing sound to compare (exit 2). The
    CLI shows the message, then the problems."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems, "cannot diff: a side is not a valid journey map", headline=True)


def check_valid(*sides: Side) -> None:
    problems = [p for side in sides for m in side.maps if not m.valid for p in m.problems]
    if problems:
        raise InvalidSide(sorted(problems))


def pair(old: Side, new: Side) -> list[tuple[LoadedMap | None, LoadedMap | None]]:
    """Two named files pair whatever their ids; otherwise maps pair by their ``id``.

    An id that is not unique on a side (test fixtures, copies of one map) cannot pair maps; those
    maps pair by where they sit within their side (the same relative path) instead, and what is
    left over counts as added or removed. Pairs come sorted by id, then by path.
    """
    if old.single and new.single and len(old.maps) == 1 and len(new.maps) == 1:
        return [(old.maps[0], new.maps[0])]
    before, after = _by_id(old), _by_id(new)
    pairs: list[tuple[LoadedMap | None, LoadedMap | None]] = []
    for ident in sorted(before.keys() | after.keys()):
        olds, news = before.get(ident, []), after.get(ident, [])
        if len(olds) <= 1 and len(news) <= 1:
            pairs.append((olds[0][1] if olds else None, news[0][1] if news else None))
            continue
        by_key = dict(news)
        for key, loaded in olds:
            pairs.append((loaded, by_key.pop(key, None)))
        pairs.extend((None, loaded) for loaded in by_key.values())
    return pairs


def _by_id(side: Side) -> dict[str, list[tuple[str, LoadedMap]]]:
    found: dict[str, list[tuple[str, LoadedMap]]] = {}
    for index, loaded in enumerate(side.maps):
        assert loaded.journey is not None  # a side holds valid maps only
        found.setdefault(loaded.journey.id, []).append((side.key(index), loaded))
    for items in found.values():
        items.sort(key=lambda item: item[0])
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
