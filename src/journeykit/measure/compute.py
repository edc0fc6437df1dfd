"""The figures of ``journey measure`` as Ibis expressions: one code path for every engine.

:class:`Measurement` runs them: the logs are read and cleaned once into a cached table of the
used events (:mod:`journeykit.measure.clean`), and every figure is a query over that table
(:mod:`journeykit.measure.figures`), several figures of one kind in one query.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from journeykit.measure import clean
from journeykit.measure.clean import OK, OUTSIDE, REJECTED
from journeykit.measure.plan import MICROS, MapPlan, MeasureError, MeasureOptions, from_micros, zone
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
        events = clean.events(self.con, self.engine, self.sources, self.options)
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
        from journeykit.measure.figures import funnel, quantiles, seconds

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
        reached = self._reached = funnel(used, plan, window, self._cache)
        entered = [0] * len(plan.stages)
        times = [Quantiles()] * len(plan.stages)
        for row in self._rows(quantiles(reached, "g", ["k"])):
            entered[row["k"]] = int(row["n"])
            times[row["k"]] = seconds(row) if row["k"] else Quantiles()
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
            metrics=self._metrics(used, window, touchpoints, span.customers, as_of),
            first_event=None if span.first_us is None else from_micros(span.first_us),
            last_event=None if last is None else from_micros(last),
        )

    def _transitions(self, used: ir.Table) -> tuple[TransitionResult, ...]:
        import ibis

        from journeykit.measure.figures import quantiles, secs

        order = ibis.window(group_by="c", order_by=["us", "tp", "e"])
        moves = used.mutate(ntp=used.tp.lead().over(order), nus=used.us.lead().over(order))
        moves = moves.filter(moves.ntp.notnull()).mutate(g=moves.nus - moves.us)
        rows = self._rows(quantiles(moves, "g", ["tp", "ntp"], ("median",), with_customers=True))
        ids = self.plan.touchpoints
        out = [
            TransitionResult(
                source=ids[row["tp"]],
                target=ids[row["ntp"]],
                count=int(row["n"]),
                customers=int(row["customers"]),
                planned=(ids[row["tp"]], ids[row["ntp"]]) in self.plan.planned,
                median_gap_s=secs(row["median"]),
            )
            for row in rows
        ]
        return tuple(sorted(out, key=lambda t: (t.source, t.target)))

    def _breakdown(self, used: ir.Table, reached: ir.Table) -> Breakdown | None:
        from journeykit.measure.figures import first_values, quantiles, seconds

        column = self.options.columns.by
        if column is None:
            return None
        groups = self._cache(first_values(used))
        sizes = {r["v"]: int(r["n"]) for r in self._rows(groups.group_by("v").aggregate(
            n=groups.count()))}  # fmt: skip
        joined = reached.join(groups, "c")
        counts: dict[Any, list[int]] = {v: [0] * len(self.plan.stages) for v in sizes}
        times: dict[Any, list[Quantiles]] = {
            v: [Quantiles()] * len(self.plan.stages) for v in sizes
        }
        for row in self._rows(quantiles(joined, "g", ["v", "k"])):
            counts[row["v"]][row["k"]] = int(row["n"])
            times[row["v"]][row["k"]] = seconds(row) if row["k"] else Quantiles()
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

    def _metrics(
        self,
        used: ir.Table,
        window: int | None,
        touchpoints: tuple[TouchpointResult, ...],
        customers: int,
        as_of: dt.date | None,
    ) -> tuple[MetricValue, ...]:
        """Every metric value: reach from the figures at hand, the scores in one query, the
        conversions and times in two (customers with an A event; gaps to their first B)."""
        from journeykit.measure.figures import metric_tables, quantiles, score_table, secs

        metrics = list(enumerate(self.plan.metrics))
        values: dict[int, tuple[float | None, int]] = {}
        for m, metric in metrics:
            if metric.kind == "reach":
                reach = float(touchpoints[metric.touchpoints[0]].reach)
                values[m] = (reach if customers else None, customers)
        scores = score_table([(m, x) for m, x in metrics if x.kind == "score"], used)
        for row in self._rows(scores) if scores is not None else []:
            n = int(row["n"] or 0)
            kind = metrics[row["m"]][1].score_as
            value = {
                "mean": row["mean"],
                "ces": row["mean"],
                "csat": row["high4"],
                "nps": None if row["high9"] is None else (row["high9"] - row["low6"]) * 100,
            }[kind]
            values[row["m"]] = (value if n else None, n)
        pairs = [(m, x) for m, x in metrics if x.kind in ("conversion", "time")]
        tables = metric_tables(pairs, used, window)
        if tables is not None:
            firsts, gaps = tables
            having = {r["m"]: int(r["n"]) for r in self._rows(firsts.group_by("m").aggregate(
                n=firsts.count()))}  # fmt: skip
            hits = {r["m"]: r for r in self._rows(quantiles(gaps, "g", ["m"], ("median",)))}
            for m, metric in pairs:
                hit = int(hits[m]["n"]) if m in hits else 0
                if metric.kind == "conversion":
                    sample = having.get(m, 0)
                    values[m] = (hit / sample if sample else None, sample)
                else:
                    values[m] = (secs(hits[m]["median"]) if hit else None, hit)
        return tuple(
            MetricValue(
                id=metric.id,
                at=metric.at,
                value=values.get(m, (None, 0))[0],
                sample=values.get(m, (None, 0))[1],
                as_of=as_of,
            )
            for m, metric in metrics
        )

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


__all__ = ["Measurement", "Span"]
