"""The definitions of ``journey measure`` (docs/measure.md), written again in plain Python loops.

An oracle for the tests: it shares no code with the engine but the map plan (journey order,
claims, planned edges), takes rows as Python tuples and returns the JSON contract.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
from collections import defaultdict
from typing import Any

from journeykit.measure.plan import MapPlan, to_micros
from journeykit.measure.result import (
    Breakdown,
    Group,
    MeasureResult,
    MetricValue,
    Quantiles,
    Rows,
    TouchpointResult,
    TransitionResult,
    stage_results,
)

Row = tuple[Any, Any, Any, Any, Any]  # customer, event, time text, score text, by text
_ISO = re.compile(
    r"^\d{4}-[01]\d-[0-3]\d(?:[ T](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?)?"
    r"(?:Z|[+-](?:[01]\d|2[0-3])(?::?[0-5]\d)?)?$"
)


def parse_time(text: Any) -> int | None:
    """Epoch microseconds of an ISO time (zone-less: UTC), or None."""
    if not isinstance(text, str) or not _ISO.match(text.strip()):
        return None
    value = text.strip()
    fraction = re.search(r"\.(\d+)", value)
    if fraction:  # Python reads at most 6 digits: truncate like the engines
        value = value.replace(fraction.group(0), "." + fraction.group(1)[:6].ljust(6, "0"))
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return to_micros(moment)


def parse_score(text: Any) -> float | None:
    try:
        value = float(str(text).strip())
    except ValueError:
        return None
    return None if math.isnan(value) or math.isinf(value) else value


def quantile(values: list[int], a: int, b: int) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    rank = -(-a * len(ordered) // b)  # ceil(a/b * n)
    return ordered[rank - 1] / 1_000_000


def quantiles(values: list[int]) -> Quantiles:
    return Quantiles(
        quantile(values, 1, 2), quantile(values, 1, 4), quantile(values, 3, 4),
        quantile(values, 9, 10),
    )  # fmt: skip


def reference(
    plan: MapPlan,
    rows: list[Row],
    window_s: int | None = None,
    by: str | None = None,
    engine: str = "duckdb",
) -> MeasureResult:
    window = None if window_s is None else window_s * 1_000_000
    rejected = 0
    seen: dict[tuple[str, str, int], list[Any]] = {}
    valid_rows = 0
    for customer, event, time, score, value in rows:
        us = parse_time(time)
        if not customer or not str(customer).strip() or not event or not str(event).strip():
            rejected += 1
            continue
        if us is None:
            rejected += 1
            continue
        valid_rows += 1
        key = (customer, event, us)
        s = parse_score(score) if score not in (None, "") else None
        v = value if value not in (None, "") else None
        if key in seen:
            old = seen[key]
            old[0] = s if old[0] is None else (old[0] if s is None else min(old[0], s))
            old[1] = v if old[1] is None else (old[1] if v is None else min(old[1], v))
        else:
            seen[key] = [s, v]
    used = []  # (customer, us, tp, event, score, by)
    unmapped = 0
    for (customer, event, us), (score, value) in seen.items():
        tp = plan.claim(event)
        if tp is None:
            unmapped += 1
        else:
            used.append((customer, us, tp, event, score, value))
    used.sort(key=lambda r: (r[0], r[1], r[2], r[3]))
    per_customer: dict[str, list[Any]] = defaultdict(list)
    for row in used:
        per_customer[row[0]].append(row)

    touchpoints = []
    for i, ident in enumerate(plan.touchpoints):
        here = [r for r in used if r[2] == i]
        scores = [r[4] for r in here if r[4] is not None]
        touchpoints.append(
            TouchpointResult(
                id=ident,
                reach=len({r[0] for r in here}),
                events=len(here),
                score_mean=sum(scores) / len(scores) if scores else None,
                score_n=len(scores),
            )
        )

    reached: dict[str, list[int]] = {}  # customer -> [T1, T2, ...] as far as reached
    for customer, events in per_customer.items():
        times: list[int] = []
        for k in range(len(plan.stages)):
            candidates = [
                r[1] for r in events if plan.stage_of[r[2]] == k
                and (not times or r[1] >= times[-1])
                and (not times or window is None or r[1] <= times[0] + window)
            ]  # fmt: skip
            if not candidates:
                break
            times.append(min(candidates))
        if times:
            reached[customer] = times

    def funnel(customers: list[str]) -> tuple[list[int], list[Quantiles]]:
        entered = [sum(1 for c in customers if len(reached.get(c, [])) > k)
                   for k in range(len(plan.stages))]  # fmt: skip
        gaps = [Quantiles()] + [
            quantiles([reached[c][k] - reached[c][k - 1] for c in customers
                       if len(reached.get(c, [])) > k])
            for k in range(1, len(plan.stages))
        ]  # fmt: skip
        return entered, gaps

    entered, gaps = funnel(list(per_customer))
    moves: dict[tuple[int, int], list[tuple[str, int]]] = defaultdict(list)
    for customer, events in per_customer.items():
        for first, second in itertools.pairwise(events):
            moves[(first[2], second[2])].append((customer, second[1] - first[1]))
    ids = plan.touchpoints
    transitions = sorted(
        (
            TransitionResult(
                source=ids[a], target=ids[b], count=len(pairs),
                customers=len({c for c, _ in pairs}),
                planned=(ids[a], ids[b]) in plan.planned,
                median_gap_s=quantile([g for _, g in pairs], 1, 2),
            )
            for (a, b), pairs in moves.items()
        ),
        key=lambda t: (t.source, t.target),
    )  # fmt: skip
    breakdown = None
    if by is not None:
        value_of = {c: events[0][5] for c, events in per_customer.items()}
        values = sorted(set(value_of.values()), key=lambda v: (v is None, v or ""))
        groups = []
        for v in values:
            members = [c for c in per_customer if value_of[c] == v]
            counts, times = funnel(members)
            groups.append(Group(v, len(members), stage_results(plan.stages, counts, times)))
        breakdown = Breakdown(by, tuple(groups))

    every = [us for (_, _, us) in seen]
    as_of = None if not every else (dt.datetime(1970, 1, 1) + dt.timedelta(
        microseconds=max(every))).date()  # fmt: skip
    metrics = []
    for metric in plan.metrics:
        value: float | None = None
        sample = 0
        if metric.kind == "reach":
            sample = len(per_customer)
            value = float(touchpoints[metric.touchpoints[0]].reach) if sample else None
        elif metric.kind == "score":
            here = [r for r in used if r[2] == metric.touchpoints[0] and r[4] is not None]
            scores = [r[4] for r in here]
            sample = len({r[0] for r in here})
            if scores:
                n = len(scores)
                value = {
                    "mean": sum(scores) / n, "ces": sum(scores) / n,
                    "csat": sum(s >= 4 for s in scores) / n,
                    "nps": (sum(s >= 9 for s in scores) - sum(s <= 6 for s in scores)) / n * 100,
                }[metric.score_as]  # fmt: skip
        else:
            a, b = metric.touchpoints
            hits, gaps_ab = 0, []
            firsts = {}
            for customer, events in per_customer.items():
                at_a = [r[1] for r in events if r[2] == a]
                if at_a:
                    firsts[customer] = min(at_a)
            for customer, ta in firsts.items():
                at_b = [r[1] for r in per_customer[customer] if r[2] == b and r[1] >= ta]
                if metric.kind == "conversion":
                    hits += any(window is None or t <= ta + window for t in at_b)
                elif at_b:
                    gaps_ab.append(min(at_b) - ta)
            if metric.kind == "conversion":
                sample = len(firsts)
                value = hits / sample if sample else None
            else:
                sample = len(gaps_ab)
                value = quantile(gaps_ab, 1, 2)
        metrics.append(MetricValue(metric.id, metric.at, value, sample, as_of))
    first = min(every, default=None)
    epoch = dt.datetime(1970, 1, 1)
    return MeasureResult(
        map=plan.map_id,
        engine=engine,
        window_s=window_s,
        rows=Rows(len(rows), rejected, valid_rows - len(seen), unmapped, len(used)),
        customers=len(per_customer),
        touchpoints=tuple(touchpoints),
        stages=stage_results(plan.stages, entered, gaps),
        transitions=tuple(transitions),
        breakdown=breakdown,
        metrics=tuple(metrics),
        first_event=None if first is None else epoch + dt.timedelta(microseconds=first),
        last_event=None if not every else epoch + dt.timedelta(microseconds=max(every)),
    )
