"""A plain-Python reference of `journey measure`'s definitions: the oracle the engine is checked by.

Slow on purpose and written to be read next to docs/measure.md (issue 14, section 5): every figure
is computed the obvious way, one customer at a time, with no shared code from the engine.

Rows are dicts (as a CSV reader or the generator gives them). A map is a validated ``JourneyMap``
or its raw data (a dict); only stage order, touchpoints (id, stage, ``events``, ``next``) and
metrics' ``measure`` are read.

Conventions the engine must share (the definitions leave them open):
- A time is text in ISO 8601 (``2026-03-01 09:00:00``, ``T`` or a space, optional fraction and zone)
  or a ``datetime``; a time with a zone is converted to UTC, one without is taken as UTC.
- A customer's events are put in time order, ties broken by the touchpoint's journey position
  and then the event name; this order gives the transitions and the ``--by`` value.
- Quantiles are discrete: the p-quantile of n values is the smallest value v with at least
  ``p * n`` of them ``<= v`` (the median of 1, 2, 3, 4 is 2); ``quantile_method="linear"``
  interpolates instead (DuckDB's ``quantile_cont``, numpy's default).
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import itertools
import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

UTC = dt.UTC


# ---------------------------------------------------------------------------------------------
# The map, reduced to what measuring needs


@dataclass(frozen=True)
class Spec:
    stages: list[str]
    ordered: list[str]  # touchpoint ids in journey order (stage order, then file order)
    stage_of: dict[str, str]
    patterns: dict[str, list[str]]  # touchpoint id -> event names or globs
    successors: dict[str, list[str]]
    measures: dict[str, dict[str, Any]]  # metric id -> its `measure:` spec

    @classmethod
    def of(cls, journey: Any) -> Spec:
        def field(obj: Any, name: str, default: Any = None) -> Any:
            if isinstance(obj, dict):
                return obj.get(name, default)
            value = getattr(obj, name, default)
            return default if value is None else value

        stages = [field(s, "id") for s in field(journey, "stages", [])]
        position = {s: i for i, s in enumerate(stages)}
        tps = list(field(journey, "touchpoints", []))
        numbered = sorted(enumerate(tps), key=lambda it: (position[field(it[1], "stage")], it[0]))
        ordered = [field(t, "id") for _, t in numbered]
        by_id = {field(t, "id"): t for t in tps}
        successors: dict[str, list[str]] = {}
        for i, ident in enumerate(ordered):
            nxt = field(by_id[ident], "next", None)
            if nxt is not None:
                successors[ident] = list(nxt)
            else:
                successors[ident] = [ordered[i + 1]] if i + 1 < len(ordered) else []
        measures: dict[str, dict[str, Any]] = {}
        for metric in field(journey, "metrics", []):
            spec = field(metric, "measure", None)
            if spec is not None:
                if not isinstance(spec, dict):
                    spec = spec.model_dump(exclude_none=True, by_alias=True)
                measures[field(metric, "id")] = dict(spec)
        return cls(
            stages=stages,
            ordered=ordered,
            stage_of={i: field(by_id[i], "stage") for i in ordered},
            patterns={i: list(field(by_id[i], "events", None) or [i]) for i in ordered},
            successors=successors,
            measures=measures,
        )

    def touchpoint_of(self, event: str) -> str | None:
        """The first touchpoint in journey order whose name or glob matches ``event``."""
        for ident in self.ordered:
            if any(fnmatch.fnmatchcase(event, p) for p in self.patterns[ident]):
                return ident
        return None


# ---------------------------------------------------------------------------------------------
# Reading rows


def parse_time(value: Any, tz: dt.tzinfo = UTC) -> dt.datetime | None:
    """A naive UTC datetime, or None when the value is not a time."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        moment = value
    else:
        text = str(value).strip()
        if not text:
            return None
        try:
            moment = dt.datetime.fromisoformat(text)
        except ValueError:
            return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=tz)
    return moment.astimezone(UTC).replace(tzinfo=None)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    text = str(value)
    return text if text.strip() != "" else None  # blank is as good as empty


def _score(value: Any) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) or math.isinf(number) else number


@dataclass(frozen=True)
class Event:
    customer: str
    event: str
    time: dt.datetime
    touchpoint: str
    score: float | None
    group: str | None


@dataclass
class Hygiene:
    read: int
    rejected: int
    duplicates: int
    unmapped: int
    used: list[Event]

    def rows(self) -> dict[str, int]:
        return {
            "read": self.read,
            "rejected": self.rejected,
            "duplicates": self.duplicates,
            "unmapped": self.unmapped,
            "used": len(self.used),
        }


def hygiene(
    spec: Spec,
    rows: list[dict[str, Any]],
    *,
    customer_col: str = "customer_id",
    event_col: str = "event",
    time_col: str = "timestamp",
    score_col: str | None = None,
    by: str | None = None,
    tz: dt.tzinfo = UTC,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
) -> Hygiene:
    """Sort rows into rejected, duplicate, unmapped and used (``start``/``end`` bound the range,
    inclusive; rows outside it are not counted at all)."""
    out = Hygiene(0, 0, 0, 0, [])
    seen: set[tuple[str, str, dt.datetime]] = set()
    mapped: dict[str, str | None] = {}
    for row in rows:
        customer = _text(row.get(customer_col))
        event = _text(row.get(event_col))
        time = parse_time(row.get(time_col), tz)
        if time is not None and (
            (start is not None and time < start) or (end is not None and time > end)
        ):
            continue
        out.read += 1
        if customer is None or event is None or time is None:
            out.rejected += 1
            continue
        key = (customer, event, time)
        if key in seen:
            out.duplicates += 1
            continue
        seen.add(key)
        if event not in mapped:
            mapped[event] = spec.touchpoint_of(event)
        touchpoint = mapped[event]
        if touchpoint is None:
            out.unmapped += 1
            continue
        out.used.append(
            Event(
                customer,
                event,
                time,
                touchpoint,
                _score(row.get(score_col)) if score_col else None,
                _text(row.get(by)) if by else None,
            )
        )
    return out


# ---------------------------------------------------------------------------------------------
# Figures


def quantile(values: list[float], q: float, method: str = "discrete") -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    if method == "discrete":
        return float(ordered[max(math.ceil(q * len(ordered) - 1e-9), 1) - 1])
    position = q * (len(ordered) - 1)
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return float(ordered[low] + (ordered[high] - ordered[low]) * (position - low))


def wilson(successes: int, n: int, z: float = 1.959963984540054) -> tuple[float, float] | None:
    """The 95 % Wilson score interval of a proportion."""
    if n == 0:
        return None
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def journeys(spec: Spec, used: list[Event]) -> dict[str, list[Event]]:
    """Each customer's used events in time order (ties: journey position, then event name)."""
    position = {t: i for i, t in enumerate(spec.ordered)}
    per: dict[str, list[Event]] = defaultdict(list)
    for e in used:
        per[e.customer].append(e)
    for events in per.values():
        events.sort(key=lambda e: (e.time, position[e.touchpoint], e.event))
    return dict(per)


def funnel_times(spec: Spec, events: list[Event], window_s: float | None) -> list[dt.datetime]:
    """T₁, T₂, … of one customer (as many as stages entered)."""
    by_stage: dict[str, list[dt.datetime]] = defaultdict(list)
    for e in events:
        by_stage[spec.stage_of[e.touchpoint]].append(e.time)
    first = by_stage.get(spec.stages[0])
    if not first:
        return []
    times = [min(first)]
    limit = times[0] + dt.timedelta(seconds=window_s) if window_s is not None else None
    for stage in spec.stages[1:]:
        candidates = [
            t for t in by_stage.get(stage, []) if t >= times[-1] and (limit is None or t <= limit)
        ]
        if not candidates:
            break
        times.append(min(candidates))
    return times


def stages(
    spec: Spec,
    per: dict[str, list[Event]],
    window_s: float | None,
    quantile_method: str = "discrete",
) -> list[dict[str, Any]]:
    entered = [0] * len(spec.stages)
    gaps: list[list[float]] = [[] for _ in spec.stages]
    for events in per.values():
        times = funnel_times(spec, events, window_s)
        for k, t in enumerate(times):
            entered[k] += 1
            if k:
                gaps[k].append((t - times[k - 1]).total_seconds())
    out = []
    for k, ident in enumerate(spec.stages):
        previous = entered[k - 1] if k else None
        out.append(
            {
                "id": ident,
                "entered": entered[k],
                "dropped": (previous - entered[k]) if previous is not None else 0,
                "conversion_from_previous": (
                    (entered[k] / previous if previous else None) if k else None
                ),
                "conversion_overall": entered[k] / entered[0] if entered[0] else None,
                "time_from_previous_s": {
                    name: quantile(gaps[k], q, quantile_method)
                    for name, q in (("median", 0.5), ("p25", 0.25), ("p75", 0.75), ("p90", 0.9))
                },
            }
        )
    return out


def transitions(
    spec: Spec, per: dict[str, list[Event]], quantile_method: str = "discrete"
) -> list[dict[str, Any]]:
    count: dict[tuple[str, str], int] = defaultdict(int)
    who: dict[tuple[str, str], set[str]] = defaultdict(set)
    gaps: dict[tuple[str, str], list[float]] = defaultdict(list)
    for customer, events in per.items():
        for a, b in itertools.pairwise(events):
            pair = (a.touchpoint, b.touchpoint)
            count[pair] += 1
            who[pair].add(customer)
            gaps[pair].append((b.time - a.time).total_seconds())
    return [
        {
            "from": a,
            "to": b,
            "count": count[(a, b)],
            "customers": len(who[(a, b)]),
            "planned": b in spec.successors.get(a, []),
            "median_gap_s": quantile(gaps[(a, b)], 0.5, quantile_method),
        }
        for a, b in sorted(count)
    ]


def touchpoints(spec: Spec, used: list[Event]) -> list[dict[str, Any]]:
    reach: dict[str, set[str]] = defaultdict(set)
    events: dict[str, int] = defaultdict(int)
    scores: dict[str, list[float]] = defaultdict(list)
    for e in used:
        reach[e.touchpoint].add(e.customer)
        events[e.touchpoint] += 1
        if e.score is not None:
            scores[e.touchpoint].append(e.score)
    return [
        {
            "id": t,
            "reach": len(reach[t]),
            "events": events[t],
            "score_mean": sum(scores[t]) / len(scores[t]) if scores[t] else None,
            "score_n": len(scores[t]),
        }
        for t in spec.ordered
    ]


def measure(
    journey: Any,
    rows: list[dict[str, Any]],
    *,
    window_s: float | None = None,
    by: str | None = None,
    score_col: str | None = None,
    quantile_method: str = "discrete",
    **columns: Any,
) -> dict[str, Any]:
    """Every figure of the JSON contract, computed the slow, obvious way."""
    spec = Spec.of(journey)
    clean = hygiene(spec, rows, score_col=score_col, by=by, **columns)
    per = journeys(spec, clean.used)
    result: dict[str, Any] = {
        "window_s": window_s,
        "rows": clean.rows(),
        "customers": len(per),
        "touchpoints": touchpoints(spec, clean.used),
        "stages": stages(spec, per, window_s, quantile_method),
        "transitions": transitions(spec, per, quantile_method),
        "breakdown": None,
    }
    if by is not None:
        groups: dict[str | None, dict[str, list[Event]]] = defaultdict(dict)
        for customer, events in per.items():
            groups[events[0].group][customer] = events
        result["breakdown"] = {
            "column": by,
            "groups": [
                {
                    "value": value,
                    "customers": len(members),
                    "stages": [
                        {
                            **stage,
                            "interval": wilson(stage["entered"], len(members)),
                        }
                        for stage in stages(spec, members, window_s, quantile_method)
                    ],
                }
                for value, members in sorted(groups.items(), key=lambda it: (it[0] is None, it[0]))
            ],
        }
    result["metrics"] = metric_values(spec, per, window_s)
    return result


def metric_values(
    spec: Spec, per: dict[str, list[Event]], window_s: float | None
) -> dict[str, dict[str, Any]]:
    """The value and sample of each metric with a ``measure:`` (see issue 14, section 7)."""
    out: dict[str, dict[str, Any]] = {}
    for metric, how in spec.measures.items():
        if "reach" in how:
            tp = how["reach"]
            reached = sum(1 for ev in per.values() if any(e.touchpoint == tp for e in ev))
            out[metric] = {"at": tp, "actual": float(reached), "sample": len(per)}
        elif "conversion" in how or "time" in how:
            a, b = how.get("conversion") or how["time"]
            hits, sample, seconds = 0, 0, []
            for ev in per.values():
                starts = [e.time for e in ev if e.touchpoint == a]
                if not starts:
                    continue
                first = min(starts)
                limit = first + dt.timedelta(seconds=window_s) if window_s is not None else None
                after = [
                    e.time
                    for e in ev
                    if e.touchpoint == b and e.time >= first and (limit is None or e.time <= limit)
                ]
                sample += 1
                if "conversion" in how:
                    hits += bool(after)
                else:
                    later = [e.time for e in ev if e.touchpoint == b and e.time >= first]
                    if later:
                        seconds.append((min(later) - first).total_seconds())
            if "conversion" in how:
                out[metric] = {
                    "at": b,
                    "actual": hits / sample if sample else None,
                    "sample": sample,
                }
            else:
                # the customers the median counts: those with a B at or after their first A
                out[metric] = {"at": b, "actual": quantile(seconds, 0.5), "sample": len(seconds)}
        elif "score" in how:
            tp = how["score"]
            values = [e.score for ev in per.values() for e in ev if e.touchpoint == tp]
            scores = [v for v in values if v is not None]
            out[metric] = {
                "at": tp,
                "actual": score_as(scores, how.get("as", "mean")),
                "sample": len(scores),
            }
    return out


def score_as(scores: list[float], kind: str) -> float | None:
    """mean and ces: the mean; csat: the share of 4-5 (on 1-5); nps: % of 9-10 minus % of 0-6
    (on 0-10)."""
    if not scores:
        return None
    if kind == "csat":
        return sum(1 for s in scores if s >= 4) / len(scores)
    if kind == "nps":
        promoters = sum(1 for s in scores if s >= 9)
        detractors = sum(1 for s in scores if s <= 6)
        return 100 * (promoters - detractors) / len(scores)
    return sum(scores) / len(scores)


def generator() -> Any:
    """``benchmarks/gen_events.py`` as a module (the benchmarks folder is not a package)."""
    import importlib.util
    import sys
    from pathlib import Path

    if "gen_events" in sys.modules:
        return sys.modules["gen_events"]
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "gen_events.py"
    loader = importlib.util.spec_from_file_location("gen_events", path)
    assert loader is not None and loader.loader is not None
    module = importlib.util.module_from_spec(loader)
    sys.modules["gen_events"] = module
    loader.loader.exec_module(module)
    return module
