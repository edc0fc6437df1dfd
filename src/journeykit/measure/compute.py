"""The figures of ``journey measure`` as Ibis expressions: one code path for every engine.

Times become whole epoch microseconds as soon as they are read, so every comparison, window
and gap afterwards is integer arithmetic that DuckDB, Spark and any other backend compute alike.
The only SQL text is the one that turns a timestamp into microseconds (``UNIX_MICROS``), written
once in BigQuery's dialect and transpiled by sqlglot for the backend at hand.

Quantiles are discrete (the inverse of the empirical distribution): the p-quantile of n values
is the value of rank ``ceil(p * n)`` in ascending order, found with ``row_number`` and integer
arithmetic, so both engines pick the same value; no interpolation, no approximation.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from journeykit.measure.plan import (
    MICROS,
    MapPlan,
    MeasureError,
    MeasureOptions,
    MetricPlan,
    from_micros,
    is_utc,
    wall_offsets,
    zone,
)
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

if TYPE_CHECKING:
    import ibis.expr.types as ir
    from ibis.backends import BaseBackend

    from journeykit.measure.engine import Source

# ISO 8601 as both engines read it alike: a date, optionally a time (seconds and a fraction
# optional), and after a time optionally Z or an offset (+02, +0200, +02:00).
_TIME = r"(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?"
_ZONE = r"(Z|[+-](?:[01]\d|2[0-3])(?::?[0-5]\d)?)"
_DATE = r"\d{4}-[01]\d-[0-3]\d"
# one regular expression per row (they cost more than the rest of the parse): group 1 is the
# time without its zone, empty when the text is not such a time; the zone is what follows it
TIME = rf"^({_DATE}(?:[ T]{_TIME})?){_ZONE}?$"
# ranks of the quantiles, p = a / b
QUANTILES = {"median": (1, 2), "p25": (1, 4), "p75": (3, 4), "p90": (9, 10)}
OK, REJECTED, OUTSIDE = 0, 1, 2


@dataclass(frozen=True, slots=True)
class Span:
    """Of the used events: distinct customers; of the valid rows: first and last time (µs)."""

    customers: int
    first_us: int | None
    last_us: int | None


@dataclass
class Measurement:
    """A measurement in progress on one backend; :meth:`run` computes the result."""

    con: BaseBackend
    engine: str
    plan: MapPlan
    options: MeasureOptions
    sources: list[Source]
    _cached: list[Any] = field(default_factory=list)
    _reached: Any = None

    # -- reading and row hygiene ---------------------------------------------------------------

    def _events(self) -> ir.Table:
        """Every row of every source as ``status, c, e, us, s, b`` (times in microseconds)."""
        from journeykit.measure.engine import read

        tables = [self._parse(read(self.con, self.engine, src, self.options.columns), i)
                  for i, src in enumerate(self.sources)]  # fmt: skip
        table = tables[0]
        for other in tables[1:]:
            table = table.union(other, distinct=False)
        return table

    def _parse(self, raw: ir.Table, number: int) -> ir.Table:
        import ibis
        import ibis.expr.datatypes as dt

        time = raw.t
        if time.type().is_timestamp():
            wall, zone_known = time, time.type().timezone is not None
            offset: Any = ibis.literal(0, type=dt.int64)
            has_zone: Any = ibis.literal(zone_known)
        else:
            text = time.strip()
            body = text.re_extract(TIME, 1)
            wall = body.nullif("").try_cast(dt.Timestamp())
            zone_text = ibis.ifelse(body == "", "", text.substr(body.length()))
            has_zone = zone_text != ""
            sign = ibis.ifelse(zone_text.left(1) == "-", -1, 1)
            hours = ibis.ifelse(zone_text.length() >= 3, zone_text.substr(1, 2), "0")
            minutes = ibis.ifelse(zone_text.length() >= 5, zone_text.right(2), "0")
            hours, minutes = hours.try_cast(dt.int64), minutes.try_cast(dt.int64)
            offset = sign * (hours * 3600 + minutes * 60) * MICROS
        table = raw.mutate(wall=wall, zone_off=offset, has_zone=has_zone)
        # the one SQL text: a timestamp (read in UTC) as epoch microseconds, via sqlglot
        name = f"journeykit_events_{number}"
        table = table.alias(name).sql(
            "SELECT c, e, s, b, zone_off, has_zone, "
            f"UNIX_MICROS(CAST(wall AS TIMESTAMP)) AS wall_us FROM {name}",
            dialect="bigquery",
        )
        local = self._local_offset(table.wall_us)
        us = table.wall_us - ibis.ifelse(table.has_zone, table.zone_off, local)
        score = table.s.strip().try_cast(dt.float64)
        score = ibis.ifelse(score.isnan() | score.isinf(), ibis.null(dt.float64), score)
        customer, event = table.c, table.e
        valid = (
            customer.notnull()
            & (customer.strip() != "")
            & event.notnull()
            & (event.strip() != "")
            & us.notnull()
        )
        inside = ibis.literal(True)
        if self.options.start_us is not None:
            inside &= us >= self.options.start_us
        if self.options.end_us is not None:
            inside &= us < self.options.end_us
        status = ibis.ifelse(valid, ibis.ifelse(inside, OK, OUTSIDE), REJECTED)
        keep = status == OK
        return table.select(
            status=status.cast(dt.int8),
            c=ibis.ifelse(keep, customer, ibis.null(dt.string)),
            e=ibis.ifelse(keep, event, ibis.null(dt.string)),
            us=ibis.ifelse(keep, us, ibis.null(dt.int64)).cast(dt.int64),
            s=ibis.ifelse(keep, score, ibis.null(dt.float64)),
            b=ibis.ifelse(keep, table.b, ibis.null(dt.string)),
        )

    def _local_offset(self, wall_us: ir.IntegerValue) -> Any:
        """The --tz offset of a wall time: a balanced tree of comparisons over its transitions."""
        import ibis
        import ibis.expr.datatypes as dt

        if is_utc(self.options.tz):
            return ibis.literal(0, type=dt.int64)
        thresholds, offsets = wall_offsets(self.options.tz)

        def tree(low: int, high: int) -> Any:  # offsets[low..high]
            if low == high:
                return ibis.literal(offsets[low], type=dt.int64)
            middle = (low + high + 1) // 2
            return ibis.ifelse(
                wall_us < thresholds[middle - 1], tree(low, middle - 1), tree(middle, high)
            )

        return tree(0, len(offsets) - 1)

    def _cache(self, table: ir.Table) -> ir.Table:
        cached = table.cache()
        self._cached.append(cached)
        return cached

    def release(self) -> None:
        for table in self._cached:
            with contextlib.suppress(Exception):  # a temp table already gone with its session
                table.release()
        self._cached.clear()

    def _rows(self, table: ir.Table) -> list[dict[str, Any]]:
        return list(self.con.to_pyarrow(table).to_pylist())

    # -- the figures -----------------------------------------------------------------------------

    def used_events(self) -> tuple[ir.Table, Rows, Span]:
        """The used events ``c, e, us, s, b, tp, st`` (cached) with the row counts of the logs.

        Row hygiene in one scan: rejected rows, rows outside --from/--to, exact duplicates and
        unmapped events are counted and left out; ``tp`` is the claiming touchpoint's position
        in journey order, ``st`` its stage's.
        """
        import ibis
        import ibis.expr.datatypes as idt

        plan = self.plan
        # one scan of the logs: distinct valid rows with their multiplicity, and two groups
        # holding the rejected rows and the rows outside --from/--to
        events = self._events()
        groups = self._cache(
            events.group_by(["status", "c", "e", "us"]).aggregate(
                n=events.count(), s=events.s.min(), b=events.b.min()
            )
        )
        (counts,) = self._rows(
            groups.aggregate(
                read=groups.n.sum(),
                rejected=groups.n.sum(where=groups.status == REJECTED),
                outside=groups.n.sum(where=groups.status == OUTSIDE),
                valid_rows=groups.n.sum(where=groups.status == OK),
                distinct=(groups.status == OK).cast(idt.int64).sum(),
                first=groups.us.min(),
                last=groups.us.max(),
            )
        )
        valid = groups.filter(groups.status == OK)
        names = [row["e"] for row in self._rows(valid.select("e").distinct())]
        claimed: dict[int, list[str]] = {}
        for name in names:
            tp = plan.claim(name)
            if tp is not None:
                claimed.setdefault(tp, []).append(name)

        # the claims as IN lists (no uploaded table: some backends lose those inside a cache)
        def claim(value: Any) -> Any:
            if not claimed:
                return ibis.null(idt.int64)
            return ibis.cases(
                *((valid.e.isin(sorted(claimed[tp])), value(tp)) for tp in sorted(claimed)),
                else_=ibis.null(idt.int64),
            ).cast(idt.int64)

        mapped = valid.mutate(tp=claim(lambda tp: tp), st=claim(lambda tp: plan.stage_of[tp]))
        mapped = mapped.filter(mapped.tp.notnull())
        used = self._cache(mapped.select("c", "e", "us", "s", "b", "tp", "st"))
        (totals,) = self._rows(used.aggregate(customers=used.c.nunique(), used=used.count()))
        read = int(counts["read"] or 0)
        distinct = int(counts["distinct"] or 0)
        used_n = int(totals["used"] or 0)
        rows = Rows(
            read=read,
            rejected=int(counts["rejected"] or 0),
            duplicates=int(counts["valid_rows"] or 0) - distinct,
            unmapped=distinct - used_n,
            used=used_n,
            outside=int(counts["outside"] or 0),
        )
        span = Span(
            customers=int(totals["customers"] or 0),
            first_us=None if counts["first"] is None else int(counts["first"]),
            last_us=None if counts["last"] is None else int(counts["last"]),
        )
        return used, rows, span

    def run(self) -> MeasureResult:

        plan, opts = self.plan, self.options
        window = None if opts.window_s is None else opts.window_s * MICROS
        used, rows, span = self.used_events()
        tp_rows = self._rows(
            used.group_by("tp").aggregate(
                reach=used.c.nunique(),
                events=used.count(),
                score_n=used.s.count(),
                score_mean=used.s.mean(),
            )
        )
        by_tp = {row["tp"]: row for row in tp_rows}
        touchpoints = tuple(
            TouchpointResult(
                id=ident,
                reach=int(by_tp.get(i, {}).get("reach") or 0),
                events=int(by_tp.get(i, {}).get("events") or 0),
                score_mean=by_tp.get(i, {}).get("score_mean"),
                score_n=int(by_tp.get(i, {}).get("score_n") or 0),
            )
            for i, ident in enumerate(plan.touchpoints)
        )
        reached = self._funnel(used, window)
        entered = [0] * len(plan.stages)
        times = [Quantiles()] * len(plan.stages)
        for row in self._rows(_quantiles(reached, "g", ["k"])):
            entered[row["k"]] = int(row["n"])
            times[row["k"]] = _seconds(row) if row["k"] else Quantiles()
        last = span.last_us
        as_of = opts.as_of
        if as_of is None and last is not None:
            as_of = from_micros(int(last)).replace(tzinfo=dt.UTC).astimezone(zone(opts.tz)).date()
        return MeasureResult(
            map=plan.map_id,
            engine=self.engine,
            window_s=opts.window_s,
            rows=rows,
            customers=span.customers,
            touchpoints=touchpoints,
            stages=stage_results(plan.stages, entered, times),
            transitions=self._transitions(used),
            breakdown=self._breakdown(used, reached),
            metrics=tuple(self._metric(m, used, window, touchpoints, as_of) for m in plan.metrics),
            first_event=None if span.first_us is None else from_micros(span.first_us),
            last_event=None if last is None else from_micros(last),
        )

    def _funnel(self, used: ir.Table, window: int | None) -> ir.Table:
        """Per customer and stage reached: ``c, k, t, g`` (Tₖ and Tₖ − Tₖ₋₁ in microseconds).

        T₁ is the first event in the first stage; Tₖ the earliest event in stage k with
        Tₖ₋₁ <= time <= T₁ + window.
        """
        import ibis
        import ibis.expr.datatypes as dt

        first = used.filter(used.st == 0)
        step = first.group_by("c").aggregate(t0=first.us.min())
        step = step.mutate(t=step.t0, g=ibis.literal(0, type=dt.int64))
        steps = [step.select("c", "t0", "t", "g", k=ibis.literal(0, type=dt.int64))]
        for k in range(1, len(self.plan.stages)):
            previous = steps[-1]
            here = used.filter(used.st == k).select("c", "us")
            pairs = here.join(previous.select("c", "t0", pt=previous.t), "c")
            keep = pairs.us >= pairs.pt
            if window is not None:
                keep &= pairs.us <= pairs.t0 + window
            pairs = pairs.filter(keep)
            step = pairs.group_by("c").aggregate(
                t0=pairs.t0.min(), pt=pairs.pt.min(), t=pairs.us.min()
            )
            step = step.select(
                "c", "t0", "t", g=(step.t - step.pt).cast(dt.int64),
                k=ibis.literal(k, type=dt.int64),
            )  # fmt: skip
            steps.append(self._cache(step))
        # a cached step's types are the engine's (Spark types a small literal as int32)
        same = [s.select("c", k=s.k.cast(dt.int64), t=s.t.cast(dt.int64), g=s.g.cast(dt.int64))
                for s in steps]  # fmt: skip
        reached = same[0]
        for step in same[1:]:
            reached = reached.union(step, distinct=False)
        self._reached = self._cache(reached.select("c", "k", "t", "g"))
        return self._reached

    def _transitions(self, used: ir.Table) -> tuple[TransitionResult, ...]:
        import ibis

        order = ibis.window(group_by="c", order_by=["us", "tp", "e"])
        moves = used.mutate(ntp=used.tp.lead().over(order), nus=used.us.lead().over(order))
        moves = moves.filter(moves.ntp.notnull()).mutate(g=moves.nus - moves.us)
        rows = self._rows(_quantiles(moves, "g", ["tp", "ntp"], ("median",), with_customers=True))
        ids = self.plan.touchpoints
        out = [
            TransitionResult(
                source=ids[row["tp"]],
                target=ids[row["ntp"]],
                count=int(row["n"]),
                customers=int(row["customers"]),
                planned=(ids[row["tp"]], ids[row["ntp"]]) in self.plan.planned,
                median_gap_s=_secs(row["median"]),
            )
            for row in rows
        ]
        return tuple(sorted(out, key=lambda t: (t.source, t.target)))

    def _groups(self, used: ir.Table) -> ir.Table:
        """Each customer's --by value: the one on their first used event (ties: journey order,
        then event name)."""
        import ibis

        order = ibis.window(group_by="c", order_by=["us", "tp", "e"])
        ranked = used.mutate(rn=ibis.row_number().over(order))
        return ranked.filter(ranked.rn == 0).select("c", v=ranked.b)

    def _breakdown(self, used: ir.Table, reached: ir.Table) -> Breakdown | None:
        column = self.options.columns.by
        if column is None:
            return None
        groups = self._cache(self._groups(used))
        sizes = {r["v"]: int(r["n"]) for r in self._rows(groups.group_by("v").aggregate(
            n=groups.count()))}  # fmt: skip
        joined = reached.join(groups, "c")
        counts: dict[Any, list[int]] = {v: [0] * len(self.plan.stages) for v in sizes}
        times: dict[Any, list[Quantiles]] = {
            v: [Quantiles()] * len(self.plan.stages) for v in sizes
        }
        for row in self._rows(_quantiles(joined, "g", ["v", "k"])):
            counts[row["v"]][row["k"]] = int(row["n"])
            times[row["v"]][row["k"]] = _seconds(row) if row["k"] else Quantiles()
        ordered = sorted(sizes, key=lambda v: (v is None, "" if v is None else str(v)))
        return Breakdown(
            column=column,
            groups=tuple(
                Group(
                    value=v,
                    customers=sizes[v],
                    stages=stage_results(self.plan.stages, counts[v], times[v]),
                )
                for v in ordered
            ),
        )

    def _metric(
        self,
        metric: MetricPlan,
        used: ir.Table,
        window: int | None,
        touchpoints: tuple[TouchpointResult, ...],
        as_of: dt.date | None,
    ) -> MetricValue:
        import ibis.expr.datatypes as dt

        value: float | None = None
        sample = 0
        if metric.kind == "reach":
            (row,) = self._rows(used.aggregate(n=used.c.nunique()))
            sample = int(row["n"] or 0)
            value = float(touchpoints[metric.touchpoints[0]].reach) if sample else None
        elif metric.kind == "score":
            here = used.filter((used.tp == metric.touchpoints[0]) & used.s.notnull())
            s = here.s
            summary = {
                "mean": s.mean(),
                "ces": s.mean(),
                "csat": (s >= 4).cast(dt.float64).mean(),
                "nps": ((s >= 9).cast(dt.float64).mean() - (s <= 6).cast(dt.float64).mean()) * 100,
            }[metric.score_as]
            (row,) = self._rows(here.aggregate(v=summary, n=here.c.nunique()))
            sample = int(row["n"] or 0)
            value = row["v"] if sample else None
        else:
            a, b = metric.touchpoints
            at_a = used.filter(used.tp == a)
            firsts = at_a.group_by("c").aggregate(ta=at_a.us.min())
            at_b = used.filter(used.tp == b).select("c", "us")
            pairs = at_b.join(firsts, "c")
            keep = pairs.us >= pairs.ta
            if metric.kind == "conversion" and window is not None:
                keep &= pairs.us <= pairs.ta + window
            pairs = pairs.filter(keep)
            if metric.kind == "conversion":
                (row,) = self._rows(firsts.aggregate(n=firsts.count()))
                (hit,) = self._rows(pairs.aggregate(n=pairs.c.nunique()))
                sample = int(row["n"] or 0)
                value = int(hit["n"] or 0) / sample if sample else None
            else:
                gaps = pairs.group_by("c").aggregate(g=(pairs.us - pairs.ta).min())
                (row,) = self._rows(gaps.aggregate(n=gaps.count()))
                sample = int(row["n"] or 0)
                medians = self._rows(_quantiles(gaps, "g", [], ("median",)))
                value = _secs(medians[0]["median"]) if sample and medians else None
        return MetricValue(id=metric.id, at=metric.at, value=value, sample=sample, as_of=as_of)

    def dropoffs(self) -> Iterator[tuple[str, str, str]]:
        """``(customer, last stage entered, stage not entered)`` for each customer who entered
        the funnel and stopped before its end, by stage then customer (after :meth:`run`)."""
        if self._reached is None:
            raise MeasureError("dropoffs are known only after the measurement ran")
        reached = self._reached
        stages = self.plan.stages
        last = reached.group_by("c").aggregate(k=reached.k.max())
        left = last.filter(last.k < len(stages) - 1).order_by(["k", "c"])
        for row in self._rows(left):
            yield row["c"], stages[row["k"]], stages[row["k"] + 1]


def _quantiles(
    table: ir.Table,
    value: str,
    by: list[str],
    names: tuple[str, ...] = tuple(QUANTILES),
    *,
    with_customers: bool = False,
) -> ir.Table:
    """Discrete quantiles of ``value`` per group of ``by``: the value of rank ceil(p·n); with
    ``n``, the group's size, and optionally ``customers``, its distinct ``c``."""
    import ibis

    order = ibis.window(group_by=by or None, order_by=value)
    every = ibis.window(group_by=by or None)
    ranked = table.mutate(_rn=ibis.row_number().over(order), _n=table[value].count().over(every))
    picks = {}
    for name in names:
        a, b = QUANTILES[name]
        rank = (ranked._n * a + (b - 1)) // b - 1
        picks[name] = ranked[value].max(where=ranked._rn == rank)
    picks["n"] = ranked.count()
    if with_customers:
        picks["customers"] = ranked.c.nunique()
    return ranked.group_by(by).aggregate(**picks) if by else ranked.aggregate(**picks)


def _secs(micros: Any) -> float | None:
    return None if micros is None else int(micros) / MICROS


def _seconds(row: dict[str, Any]) -> Quantiles:
    return Quantiles(
        median=_secs(row["median"]),
        p25=_secs(row["p25"]),
        p75=_secs(row["p75"]),
        p90=_secs(row["p90"]),
    )


__all__ = ["Measurement"]
