"""What a measurement needs to know, in plain Python: the options and the map's plan.

No engine here. :class:`MapPlan` turns a valid map into what the queries use: touchpoints in
journey order with their event patterns, stage positions, the planned edges and the metrics to
compute. :func:`parse_window` and :func:`parse_bound` read the command line's values.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import re
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from journeykit.errors import JourneyError
from journeykit.model.index import MapIndex
from journeykit.model.map import JourneyMap, MetricMeasure
from journeykit.problems import quote

EPOCH = dt.datetime(1970, 1, 1)
MICROS = 1_000_000


class MeasureError(JourneyError):
    """The measurement cannot run (bad option, not an event log, unreadable): exit 2."""


@dataclass(frozen=True, slots=True)
class Columns:
    """The event log's column names."""

    customer: str = "customer_id"
    event: str = "event"
    time: str = "timestamp"
    score: str | None = None
    by: str | None = None

    @property
    def required(self) -> tuple[str, ...]:
        return (self.customer, self.event, self.time)

    @property
    def wanted(self) -> tuple[str, ...]:
        optional = tuple(c for c in (self.score, self.by) if c is not None)
        return tuple(dict.fromkeys((*self.required, *optional)))


@dataclass(frozen=True, slots=True)
class MeasureOptions:
    columns: Columns = field(default_factory=Columns)
    window_s: int | None = None
    """The funnel's (and conversion metrics') window; None is unbounded."""
    tz: str = "UTC"
    """The zone of times written without one."""
    start_us: int | None = None
    """--from: keep events at or after this instant (epoch microseconds)."""
    end_us: int | None = None
    """--to: keep events before this instant (epoch microseconds, exclusive)."""
    engine: str = "duckdb"
    """duckdb, pyspark, or an Ibis backend URL."""
    as_of: dt.date | None = None
    """The date of the metric values; None: the date of the last event."""
    memory_limit: str | None = None
    """DuckDB's ``memory_limit`` (``12GB``); None: DuckDB's default, 80 % of the RAM."""
    temp_directory: str | None = None
    """Where DuckDB spills what does not fit in memory; None: DuckDB's default."""


_WINDOW = re.compile(r"^\s*(\d+)\s*(s|m|h|d|w)\s*$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def parse_window(text: str) -> int:
    """``30d``, ``12h``, ``90m``, ``45s``, ``2w`` -> seconds (a positive whole number)."""
    match = _WINDOW.match(text)
    if not match or int(match.group(1)) <= 0:
        raise MeasureError(
            f"--window {quote(text)} is not a duration: write a whole number and a unit, "
            "s, m, h, d or w (e.g. 30d, 12h)"
        )
    return int(match.group(1)) * _UNIT_SECONDS[match.group(2)]


def zone(name: str) -> dt.tzinfo:
    if name.upper() in ("UTC", "Z"):
        return dt.UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise MeasureError(
            f"--tz {quote(name)} is not a time zone: use an IANA name such as Europe/Paris or UTC"
        ) from None


def is_utc(name: str) -> bool:
    return zone(name) is dt.UTC


def to_micros(moment: dt.datetime) -> int:
    """Epoch microseconds of an aware datetime."""
    naive = moment.astimezone(dt.UTC).replace(tzinfo=None)
    delta = naive - EPOCH
    return (delta.days * 86400 + delta.seconds) * MICROS + delta.microseconds


def from_micros(micros: int) -> dt.datetime:
    """A naive UTC datetime from epoch microseconds."""
    return EPOCH + dt.timedelta(microseconds=micros)


def parse_bound(text: str, tz: str, *, end: bool, flag: str) -> int:
    """--from/--to as epoch microseconds: a date covers its whole day (--to is then the next
    midnight, exclusive); a date and time is an instant (--to includes it)."""
    try:
        if len(text.strip()) == 10:
            day = dt.date.fromisoformat(text.strip())
            moment = dt.datetime.combine(day + dt.timedelta(days=int(end)), dt.time())
            return to_micros(_localize(moment, tz))
        moment = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise MeasureError(
            f"{flag} {quote(text)} is not a date or time: write YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS"
        ) from None
    if moment.tzinfo is None:
        moment = _localize(moment, tz)
    return to_micros(moment) + int(end)


def _localize(moment: dt.datetime, tz: str) -> dt.datetime:
    return moment.replace(tzinfo=zone(tz))


def wall_offsets(tz: str, first: int = 1970, last: int = 2100) -> tuple[list[int], list[int]]:
    """How a zone turns wall times into instants, as plain numbers an engine can compare.

    Returns ``(thresholds, offsets)``: a wall time ``w`` (microseconds, read as if UTC) has the
    offset ``offsets[k]`` where ``k`` is the number of thresholds ``<= w``; the instant is
    ``w - offset``. Like Python's ``fold=0``, a wall time in a gap or an overlap takes the offset
    in force before the change, so each threshold is the transition plus the larger offset.
    Transitions between ``first`` and ``last`` (years) are kept; beyond, the nearest offset holds.
    """
    info = zone(tz)
    start = dt.datetime(first, 1, 1, tzinfo=dt.UTC)
    day = dt.timedelta(days=1)

    def offset(moment: dt.datetime) -> int:
        value = moment.astimezone(info).utcoffset()
        return 0 if value is None else value // dt.timedelta(microseconds=1)

    offsets = [offset(start)]
    thresholds: list[int] = []
    moment = start
    while moment.year < last:
        after = moment + day
        if offset(after) != offsets[-1]:
            low, high = 0, 86400  # seconds after `moment`: the change is in (low, high]
            while high - low > 1:
                middle = (low + high) // 2
                changed = offset(moment + dt.timedelta(seconds=middle)) != offsets[-1]
                low, high = (low, middle) if changed else (middle, high)
            change = moment + dt.timedelta(seconds=high)
            new = offset(change)
            thresholds.append(to_micros(change) + max(offsets[-1], new))
            offsets.append(new)
        moment = after
    return thresholds, offsets


# ---------------------------------------------------------------------------------------------


def is_glob(pattern: str) -> bool:
    return any(char in pattern for char in "*?[")


@dataclass(frozen=True, slots=True)
class MetricPlan:
    id: str
    kind: str
    """reach, conversion, score or time."""
    touchpoints: tuple[int, ...]
    """Positions in journey order of the touchpoints the spec names."""
    at: str
    """The last touchpoint named: where a measurement is written."""
    score_as: str = "mean"


@dataclass(frozen=True, slots=True)
class MapPlan:
    map_id: str
    touchpoints: tuple[str, ...]
    """Touchpoint ids in journey order (stage order, then file order)."""
    stage_of: tuple[int, ...]
    """Each touchpoint's stage position."""
    stages: tuple[str, ...]
    patterns: tuple[tuple[str, ...], ...]
    """Each touchpoint's event names and globs (its id when it has no ``events``)."""
    planned: frozenset[tuple[str, str]]
    metrics: tuple[MetricPlan, ...]

    @classmethod
    def of(cls, journey: JourneyMap) -> MapPlan:
        index = MapIndex(journey)
        order = index.ordered
        position = {t.id: i for i, t in enumerate(order)}
        stage_pos = index.stage_position
        metrics = []
        for metric in journey.metrics:
            spec: MetricMeasure | None = metric.measure
            if spec is None:
                continue
            named = spec.touchpoints
            metrics.append(
                MetricPlan(
                    id=metric.id,
                    kind=spec.kind,
                    touchpoints=tuple(position[t] for t in named),
                    at=named[-1],
                    score_as=spec.score_as or "mean",
                )
            )
        return cls(
            map_id=journey.id,
            touchpoints=tuple(t.id for t in order),
            stage_of=tuple(stage_pos[t.stage] for t in order),
            stages=tuple(s.id for s in journey.stages),
            patterns=tuple(tuple(t.events) if t.events else (t.id,) for t in order),
            planned=frozenset(
                (source, target)
                for source, targets in index.successors.items()
                for target in targets
            ),
            metrics=tuple(metrics),
        )

    def claim(self, event: str) -> int | None:
        """The position of the first touchpoint in journey order claiming ``event``, or None."""
        for i, patterns in enumerate(self.patterns):
            for pattern in patterns:
                if event == pattern or (is_glob(pattern) and fnmatch.fnmatchcase(event, pattern)):
                    return i
        return None


__all__ = [
    "Columns",
    "MapPlan",
    "MeasureError",
    "MeasureOptions",
    "MetricPlan",
    "from_micros",
    "is_utc",
    "parse_bound",
    "parse_window",
    "to_micros",
    "wall_offsets",
    "zone",
]
