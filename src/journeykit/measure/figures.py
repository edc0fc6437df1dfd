"""The figures' Ibis expressions beyond row hygiene: discrete quantiles, the stage funnel, each
customer's --by value and the metric values, built once for every engine.

Quantiles are discrete (the inverse of the empirical distribution): the p-quantile of n values
is the value of rank ``ceil(p * n)`` in ascending order, found with ``row_number`` and integer
arithmetic, so every engine picks the same value; no interpolation, no approximation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from journeykit.measure.plan import MICROS, MapPlan, MetricPlan
from journeykit.measure.result import Quantiles

if TYPE_CHECKING:
    import ibis.expr.types as ir

# ranks of the quantiles, p = a / b
QUANTILES = {"median": (1, 2), "p25": (1, 4), "p75": (3, 4), "p90": (9, 10)}


def quantiles(
    table: ir.Table,
    value: str,
    by: list[str],
    names: tuple[str, ...] = tuple(QUANTILES),
    *,
    with_customers: bool = False,
) -> ir.Table:
    """Discrete quantiles of ``value`` per group of ``by``: the value of rank ceil(p·n); with
    ``n``, the group's size, and optionally ``customers``, its distinct ``c``.

    The rank and the group's size are two window functions over one partitioning and ordering
    (the size over the whole frame), so an engine sorts the rows once for both.
    """
    import ibis

    order = ibis.window(group_by=by or None, order_by=value)
    whole = ibis.window(group_by=by or None, order_by=value, rows=(None, None))
    ranked = table.mutate(_rn=ibis.row_number().over(order), _n=table[value].count().over(whole))
    picks = {}
    for name in names:
        a, b = QUANTILES[name]
        rank = (ranked._n * a + (b - 1)) // b - 1
        picks[name] = ranked[value].max(where=ranked._rn == rank)
    picks["n"] = ranked.count()
    if with_customers:
        picks["customers"] = ranked.c.nunique()
    return ranked.group_by(by).aggregate(**picks) if by else ranked.aggregate(**picks)


def secs(micros: Any) -> float | None:
    return None if micros is None else int(micros) / MICROS


def seconds(row: dict[str, Any]) -> Quantiles:
    return Quantiles(
        median=secs(row["median"]),
        p25=secs(row["p25"]),
        p75=secs(row["p75"]),
        p90=secs(row["p90"]),
    )


def funnel(
    used: ir.Table, plan: MapPlan, window: int | None, cache: Callable[[ir.Table], ir.Table]
) -> ir.Table:
    """Per customer and stage reached: ``c, k, t, g`` (Tₖ and Tₖ − Tₖ₋₁ in microseconds).

    T₁ is the first event in the first stage; Tₖ the earliest event in stage k with
    Tₖ₋₁ <= time <= T₁ + window. Each stage is one GROUP BY over a join with the stage before
    (``cache``\\ d, so the next stage reads it instead of recomputing the chain).
    """
    import ibis
    import ibis.expr.datatypes as dt

    first = used.filter(used.st == 0)
    step = first.group_by("c").aggregate(t0=first.us.min())
    step = step.mutate(t=step.t0, g=ibis.literal(0, type=dt.int64))
    steps = [step.select("c", "t0", "t", "g", k=ibis.literal(0, type=dt.int64))]
    for k in range(1, len(plan.stages)):
        previous = steps[-1]
        here = used.filter(used.st == k).select("c", "us")
        pairs = here.join(previous.select("c", "t0", pt=previous.t), "c")
        keep = pairs.us >= pairs.pt
        if window is not None:
            keep &= pairs.us <= pairs.t0 + window
        pairs = pairs.filter(keep)
        step = pairs.group_by("c").aggregate(t0=pairs.t0.min(), pt=pairs.pt.min(), t=pairs.us.min())
        step = step.select(
            "c", "t0", "t", g=(step.t - step.pt).cast(dt.int64),
            k=ibis.literal(k, type=dt.int64),
        )  # fmt: skip
        steps.append(cache(step))
    # a cached step's types are the engine's (Spark types a small literal as int32)
    same = [s.select("c", k=s.k.cast(dt.int64), t=s.t.cast(dt.int64), g=s.g.cast(dt.int64))
            for s in steps]  # fmt: skip
    reached = same[0]
    for step in same[1:]:
        reached = reached.union(step, distinct=False)
    return cache(reached.select("c", "k", "t", "g"))


def first_values(used: ir.Table) -> ir.Table:
    """Each customer's --by value ``c, v``: the one on their first used event (ties: journey
    order, then event name), as one GROUP BY rather than a ranking window.

    (customer, event, time) is unique among the used events, so the ordering key is too.
    """
    import ibis

    key = ibis.struct({"us": used.us, "tp": used.tp, "e": used.e})
    return used.group_by("c").aggregate(v=used.b.argmin(key))


def metric_tables(
    metrics: list[tuple[int, MetricPlan]], used: ir.Table, window: int | None
) -> tuple[ir.Table, ir.Table] | None:
    """For the conversion and time metrics, numbered ``m``, two tables to aggregate by ``m``:
    ``firsts`` (``m, c``: customers with an A event) and ``gaps`` (``m, c, g``: per such
    customer, the time from their first A to their first B at or after it, within the window
    for a conversion)."""
    import ibis
    import ibis.expr.datatypes as dt

    firsts_all: list[ir.Table] = []
    gaps_all: list[ir.Table] = []
    for m, metric in metrics:
        a, b = metric.touchpoints
        at_a = used.filter(used.tp == a)
        firsts = at_a.group_by("c").aggregate(ta=at_a.us.min())
        at_b = used.filter(used.tp == b).select("c", "us")
        pairs = at_b.join(firsts, "c")
        keep = pairs.us >= pairs.ta
        if metric.kind == "conversion" and window is not None:
            keep &= pairs.us <= pairs.ta + window
        pairs = pairs.filter(keep)
        gaps = pairs.group_by("c").aggregate(g=(pairs.us - pairs.ta).min())
        tag = ibis.literal(m, type=dt.int64)
        firsts_all.append(firsts.select("c", m=tag))
        gaps_all.append(gaps.select("c", m=tag, g=gaps.g.cast(dt.int64)))
    if not metrics:
        return None
    return _union(firsts_all), _union(gaps_all)


def score_table(metrics: list[tuple[int, MetricPlan]], used: ir.Table) -> ir.Table | None:
    """For the score metrics, numbered ``m``: per metric, the mean score, the shares of scores
    4 or more, 9 or more and 6 or less, and the distinct customers with a score."""
    import ibis
    import ibis.expr.datatypes as dt

    if not metrics:
        return None
    parts = []
    for m, metric in metrics:
        here = used.filter((used.tp == metric.touchpoints[0]) & used.s.notnull())
        parts.append(here.select("c", "s", m=ibis.literal(m, type=dt.int64)))
    scores = _union(parts)
    s = scores.s
    return scores.group_by("m").aggregate(
        mean=s.mean(),
        high4=(s >= 4).cast(dt.float64).mean(),
        high9=(s >= 9).cast(dt.float64).mean(),
        low6=(s <= 6).cast(dt.float64).mean(),
        n=scores.c.nunique(),
    )


def _union(tables: list[ir.Table]) -> ir.Table:
    out = tables[0]
    for other in tables[1:]:
        out = out.union(other, distinct=False)
    return out


__all__ = [
    "QUANTILES",
    "first_values",
    "funnel",
    "metric_tables",
    "quantiles",
    "score_table",
    "seconds",
    "secs",
]
