"""``journey measure --write``: the metrics with a ``measure:`` spec, recorded in the map.

Each metric value of a result becomes a dated measurement at the last touchpoint its spec names
(:mod:`journeykit.interop.record` makes the text edits and validates the result). ``as_of`` is
the date asked for, else the day of the last event in the data's range.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from journeykit.interop.record import Reading, Recorded, record

if TYPE_CHECKING:
    from journeykit.measure.result import MeasureResult
    from journeykit.workspace import LoadedMap


def readings(result: MeasureResult) -> list[Reading]:
    return [Reading(m.id, m.at, m.value, m.sample) for m in result.metrics]


def as_of_date(result: MeasureResult, asked: dt.date | None = None) -> dt.date | None:
    """The date of the readings: ``asked``, else the metrics' own, else the last event's day."""
    if asked is not None:
        return asked
    dates = [m.as_of for m in result.metrics if m.as_of is not None]
    if dates:
        return max(dates)
    return result.last_event.date() if result.last_event is not None else None


def write_measurements(
    loaded: LoadedMap, result: MeasureResult, as_of: dt.date | None = None
) -> Recorded:
    """The map's new text with one measurement per measured metric (``text`` is None when a
    problem stops it; nothing is written here)."""
    day = as_of_date(result, as_of)
    if day is None:  # no event at all: nothing was measured, so nothing to record
        outcome = Recorded(text=loaded.main.text)
        outcome.skipped.extend(readings(result))
        return outcome
    return record(loaded, readings(result), day)
