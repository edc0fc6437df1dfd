"""What ``journey measure`` computes: plain frozen dataclasses, and their JSON form.

No engine and no I/O here: the engine fills a :class:`MeasureResult`, every output format reads
one. :meth:`MeasureResult.to_json` is the JSON contract (documented in docs/measure.md), with a
stable key order and floats rounded to 6 places; keys may be added, never renamed or removed::

    {
      "map": "map id", "engine": "duckdb", "window_s": 604800 | null,
      "range": {"first": "2026-03-01T09:00:00Z" | null, "last": ... | null},
      "rows": {"read", "rejected", "duplicates", "unmapped", "used", "outside"},
      "customers": n,
      "touchpoints": [{"id", "reach", "events", "score_mean", "score_n"}],
      "stages": [{"id", "entered", "dropped", "conversion_from_previous", "conversion_overall",
                  "conversion_from_previous_ci": [low, high] | null,
                  "conversion_overall_ci": [low, high] | null,
                  "time_from_previous_s": {"median", "p25", "p75", "p90"}}],
      "transitions": [{"from", "to", "count", "customers", "planned", "median_gap_s"}],
      "breakdown": null | {"column", "groups": [{"value", "customers", "stages": [...]}]},
      "metrics": [{"id", "at", "value", "sample", "as_of"}]
    }

``touchpoints[].events`` is the number of used events at the touchpoint. A conversion or quantile
that has nothing to divide or rank is ``null``. Transitions are sorted by ``from``, then ``to``.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass, field
from typing import Any

FLOAT_PLACES = 6


def rounded(value: float | None) -> float | None:
    """A float for the JSON contract: 6 places, ``-0.0`` as ``0.0``; ``None`` and NaN as null."""
    if value is None or math.isnan(value):
        return None
    return round(float(value), FLOAT_PLACES) + 0.0


@dataclass(frozen=True, slots=True)
class Rows:
    """Row hygiene: ``read = rejected + duplicates + unmapped + used + outside``."""

    read: int = 0
    rejected: int = 0
    """No customer, no event, or a time that does not parse."""
    duplicates: int = 0
    """Rows repeating another row's customer, event and time: each such set counts once."""
    unmapped: int = 0
    """Valid, distinct rows whose event no touchpoint claims."""
    used: int = 0
    """The rest: valid, distinct, claimed by a touchpoint."""
    outside: int = 0
    """Valid rows outside --from/--to, left out before the others are counted."""

    def to_json(self) -> dict[str, int]:
        return {
            "read": self.read,
            "rejected": self.rejected,
            "duplicates": self.duplicates,
            "unmapped": self.unmapped,
            "used": self.used,
            "outside": self.outside,
        }


@dataclass(frozen=True, slots=True)
class Quantiles:
    """Discrete quantiles of a set of seconds: the p-quantile is the smallest value v with at
    least ``p * n`` of the n values ``<= v`` (so the median of 1, 2, 3, 4 is 2)."""

    median: float | None = None
    p25: float | None = None
    p75: float | None = None
    p90: float | None = None

    def to_json(self) -> dict[str, float | None]:
        return {
            "median": rounded(self.median),
            "p25": rounded(self.p25),
            "p75": rounded(self.p75),
            "p90": rounded(self.p90),
        }


Interval = tuple[float, float]


def wilson(successes: int, trials: int, z: float = 1.959964) -> Interval | None:
    """The Wilson score interval (95 % by default) of ``successes / trials``; None for 0 trials."""
    if trials <= 0:
        return None
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    return (max(0.0, centre - half), min(1.0, centre + half))


def _interval(value: Interval | None) -> list[float | None] | None:
    return None if value is None else [rounded(value[0]), rounded(value[1])]


@dataclass(frozen=True, slots=True)
class TouchpointResult:
    id: str
    reach: int
    """Distinct customers with at least one used event here."""
    events: int
    """Used events here."""
    score_mean: float | None
    """Mean of the non-empty scores of the used events here; None without any."""
    score_n: int

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "reach": self.reach,
            "events": self.events,
            "score_mean": rounded(self.score_mean),
            "score_n": self.score_n,
        }


@dataclass(frozen=True, slots=True)
class StageResult:
    id: str
    entered: int
    """Customers with a Tₖ (the ordered funnel's definition, docs/measure.md)."""
    dropped: int
    """entered of the stage before minus entered here; 0 for the first stage."""
    previous: int | None
    """entered of the stage before; None for the first stage (kept for the ratios and intervals)."""
    first: int
    """entered of the first stage."""
    time_from_previous_s: Quantiles = field(default_factory=Quantiles)

    @property
    def conversion_from_previous(self) -> float | None:
        return _ratio(self.entered, self.previous)

    @property
    def conversion_overall(self) -> float | None:
        return _ratio(self.entered, self.first)

    @property
    def conversion_from_previous_ci(self) -> Interval | None:
        return None if self.previous is None else wilson(self.entered, self.previous)

    @property
    def conversion_overall_ci(self) -> Interval | None:
        return wilson(self.entered, self.first)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "entered": self.entered,
            "dropped": self.dropped,
            "conversion_from_previous": rounded(self.conversion_from_previous),
            "conversion_overall": rounded(self.conversion_overall),
            "conversion_from_previous_ci": _interval(self.conversion_from_previous_ci),
            "conversion_overall_ci": _interval(self.conversion_overall_ci),
            "time_from_previous_s": self.time_from_previous_s.to_json(),
        }


def _ratio(part: int, whole: int | None) -> float | None:
    return None if not whole else part / whole


def stage_results(
    ids: tuple[str, ...] | list[str],
    entered: list[int],
    times: list[Quantiles] | None = None,
) -> tuple[StageResult, ...]:
    """Stage results from the funnel's counts (and the quantiles of time from the previous)."""
    first = entered[0] if entered else 0
    out = []
    for k, (ident, count) in enumerate(zip(ids, entered, strict=True)):
        previous = entered[k - 1] if k else None
        out.append(
            StageResult(
                id=ident,
                entered=count,
                dropped=0 if previous is None else previous - count,
                previous=previous,
                first=first,
                time_from_previous_s=times[k] if times else Quantiles(),
            )
        )
    return tuple(out)


@dataclass(frozen=True, slots=True)
class TransitionResult:
    source: str
    target: str
    count: int
    """Pairs of consecutive used events of one customer, source then target."""
    customers: int
    """Distinct customers with such a pair."""
    planned: bool
    """The map's flow has this edge (an explicit ``next`` or the implied next in order)."""
    median_gap_s: float | None

    def to_json(self) -> dict[str, Any]:
        return {
            "from": self.source,
            "to": self.target,
            "count": self.count,
            "customers": self.customers,
            "planned": self.planned,
            "median_gap_s": rounded(self.median_gap_s),
        }


@dataclass(frozen=True, slots=True)
class Group:
    value: str | None
    """The --by column's value on the customer's first used event (None when empty)."""
    customers: int
    stages: tuple[StageResult, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "customers": self.customers,
            "stages": [s.to_json() for s in self.stages],
        }


@dataclass(frozen=True, slots=True)
class Breakdown:
    column: str
    groups: tuple[Group, ...]
    """Sorted by value, the empty value (None) last."""

    def to_json(self) -> dict[str, Any]:
        return {"column": self.column, "groups": [g.to_json() for g in self.groups]}


@dataclass(frozen=True, slots=True)
class MetricValue:
    """A metric with a ``measure:`` spec, computed for ``--write``."""

    id: str
    at: str
    """The touchpoint the measurement belongs at: the last one the spec names."""
    value: float | None
    """None when the sample is empty (nothing to measure)."""
    sample: int
    """Customers counted: reach's customers, conversion's and time's customers with an A event,
    score's customers with a score."""
    as_of: dt.date | None
    """The end of the data's range (or the date asked for)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": self.at,
            "value": rounded(self.value),
            "sample": self.sample,
            "as_of": None if self.as_of is None else self.as_of.isoformat(),
        }


def _instant(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value.isoformat() + "Z"


@dataclass(frozen=True, slots=True)
class MeasureResult:
    map: str
    """The map's id."""
    engine: str
    """The Ibis backend that computed it: duckdb, pyspark, ..."""
    window_s: int | None
    """The funnel window in seconds; None when unbounded."""
    rows: Rows
    customers: int
    """Distinct customers with at least one used event."""
    touchpoints: tuple[TouchpointResult, ...]
    """In journey order."""
    stages: tuple[StageResult, ...]
    """In stage order."""
    transitions: tuple[TransitionResult, ...]
    breakdown: Breakdown | None = None
    metrics: tuple[MetricValue, ...] = ()
    first_event: dt.datetime | None = None
    """The earliest time among valid rows (UTC, naive)."""
    last_event: dt.datetime | None = None
    """The latest time among valid rows (UTC, naive)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "map": self.map,
            "engine": self.engine,
            "window_s": self.window_s,
            "range": {"first": _instant(self.first_event), "last": _instant(self.last_event)},
            "rows": self.rows.to_json(),
            "customers": self.customers,
            "touchpoints": [t.to_json() for t in self.touchpoints],
            "stages": [s.to_json() for s in self.stages],
            "transitions": [t.to_json() for t in self.transitions],
            "breakdown": None if self.breakdown is None else self.breakdown.to_json(),
            "metrics": [m.to_json() for m in self.metrics],
        }

    def dumps(self) -> str:
        """The JSON contract as text, indented, with a final newline."""
        return json.dumps(self.to_json(), indent=2, ensure_ascii=False) + "\n"


__all__ = [
    "Breakdown",
    "Group",
    "Interval",
    "MeasureResult",
    "MetricValue",
    "Quantiles",
    "Rows",
    "StageResult",
    "TouchpointResult",
    "TransitionResult",
    "rounded",
    "stage_results",
    "wilson",
]
