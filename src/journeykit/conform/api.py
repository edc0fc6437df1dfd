"""The entry point of ``journey conform``: a valid map and event logs in, a result out.

The logs are read, cleaned and mapped to touchpoints exactly as ``journey measure`` does it
(:meth:`Measurement.used_events`); the engine then computes the variants and the edge counts over
all the data (:mod:`journeykit.conform.traces`), and plain Python aligns the variants.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from journeykit.conform.align import Flow
from journeykit.conform.result import ConformResult
from journeykit.conform.summary import DEFAULT_VARIANTS, EdgeCount, edge_counts, summarize
from journeykit.measure.plan import MeasureError, MeasureOptions
from journeykit.measure.result import Rows
from journeykit.model.index import MapIndex
from journeykit.model.map import JourneyMap
from journeykit.rules.base import EventFacts, Move

if TYPE_CHECKING:
    from journeykit.measure.compute import Measurement


def flow_of(journey: JourneyMap) -> Flow:
    """The planned flow: touchpoints in journey order, ``next`` or the implied order."""
    index = MapIndex(journey)
    return Flow.of((t.id for t in index.ordered), index.successors)


def _traces(
    measurement: Measurement, *, keep_repeats: bool
) -> tuple[Rows, list[tuple[tuple[str, ...], int]], list[EdgeCount]]:
    """The row counts, the variants (trace, customers) and the edge counts over all the data."""
    from journeykit.conform import traces

    used, rows, _ = measurement.used_events()
    ids = measurement.plan.touchpoints
    # one query: the engine groups every customer's trace into variants over all the data; the
    # edges are the variants' pairs weighed by their customers, summed here (exactly the
    # engine's traces.edges, without a second sort and group of every step)
    steps = traces.steps(used, keep_repeats=keep_repeats)
    variant_rows = measurement.con.to_pyarrow(traces.variants(steps)).to_pylist()
    variants = [
        (tuple(ids[p] for p in row["trace"]), int(row["customers"])) for row in variant_rows
    ]
    edges = edge_counts(variants)
    return rows, variants, edges


def run_conformance(
    measurement: Measurement,
    journey: JourneyMap,
    *,
    keep_repeats: bool = False,
    variants: int = DEFAULT_VARIANTS,
) -> ConformResult:
    """Conformance of the measurement's logs with ``journey``'s flow (the engine's errors pass)."""
    rows, variant_counts, edge_counts = _traces(measurement, keep_repeats=keep_repeats)
    return summarize(
        map_id=journey.id,
        engine=measurement.engine,
        flow=flow_of(journey),
        rows=rows,
        variants=variant_counts,
        edges=edge_counts,
        limit=variants,
    )


def facts_of(
    flow: Flow,
    variants: Iterable[tuple[tuple[str, ...], int]],
    edges: Iterable[EdgeCount],
) -> EventFacts:
    """What lint's event rules read: customers, who reached each touchpoint, every move."""
    reached: Counter[str] = Counter()
    customers = 0
    for trace, count in variants:
        customers += count
        for touchpoint in set(trace):
            reached[touchpoint] += count
    moves = tuple(
        Move(e.source, e.target, (e.source, e.target) in flow.edges, e.customers, e.count)
        for e in edges
    )
    return EventFacts(customers=customers, reached=dict(reached), moves=moves)


def event_facts(journey: JourneyMap, events: Sequence[str], options: MeasureOptions) -> EventFacts:
    """The facts of ``events`` about ``journey`` for ``journey lint --events`` (traces with
    repeats counted once, over all the data); MeasureError when it cannot run."""
    from journeykit.measure.api import open_measurement, run_safely

    def work(measurement: Measurement) -> EventFacts:
        _, variants, edges = _traces(measurement, keep_repeats=False)
        return facts_of(flow_of(journey), variants, edges)

    return run_safely(open_measurement(journey, events, options), work)


def conform(
    journey: JourneyMap,
    events: Sequence[str],
    options: MeasureOptions,
    *,
    keep_repeats: bool = False,
    variants: int = DEFAULT_VARIANTS,
) -> ConformResult:
    """Conformance of ``events`` with ``journey``; MeasureError when it cannot run."""
    from journeykit.measure.api import open_measurement, run_safely

    if variants < 1:
        raise MeasureError("--variants must be at least 1")
    return run_safely(
        open_measurement(journey, events, options),
        lambda measurement: run_conformance(
            measurement, journey, keep_repeats=keep_repeats, variants=variants
        ),
    )


__all__ = ["conform", "event_facts", "facts_of", "flow_of", "run_conformance"]
