"""The entry point of ``journey conform``: a valid map and event logs in, a result out.

The logs are read, cleaned and mapped to touchpoints exactly as ``journey measure`` does it
(:meth:`Measurement.used_events`); the engine then computes the variants and the edge counts over
all the data (:mod:`journeykit.conform.traces`), and plain Python aligns the variants.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

from journeykit.conform.align import Flow
from journeykit.conform.result import ConformResult
from journeykit.conform.summary import DEFAULT_VARIANTS, EdgeCount, summarize
from journeykit.measure.plan import MeasureError, MeasureOptions
from journeykit.model.index import MapIndex
from journeykit.model.map import JourneyMap

if TYPE_CHECKING:
    from journeykit.measure.compute import Measurement


def flow_of(journey: JourneyMap) -> Flow:
    """The planned flow: touchpoints in journey order, ``next`` or the implied order."""
    index = MapIndex(journey)
    return Flow.of((t.id for t in index.ordered), index.successors)


def run_conformance(
    measurement: Measurement,
    journey: JourneyMap,
    *,
    keep_repeats: bool = False,
    variants: int = DEFAULT_VARIANTS,
) -> ConformResult:
    """Conformance of the measurement's logs with ``journey``'s flow (the engine's errors pass)."""
    from journeykit.conform import traces

    used, rows, _ = measurement.used_events()
    ids = measurement.plan.touchpoints
    # the ordered steps once (one sort of the used events), read by both queries
    steps = traces.steps(used, keep_repeats=keep_repeats).cache()
    try:
        variant_rows = measurement.con.to_pyarrow(traces.variants(steps)).to_pylist()
        edge_rows = measurement.con.to_pyarrow(traces.edges(steps)).to_pylist()
    finally:
        with contextlib.suppress(Exception):  # a temp table already gone with its session
            steps.release()
    return summarize(
        map_id=journey.id,
        engine=measurement.engine,
        flow=flow_of(journey),
        rows=rows,
        variants=(
            (tuple(ids[p] for p in row["trace"]), int(row["customers"])) for row in variant_rows
        ),
        edges=(
            EdgeCount(ids[row["tp"]], ids[row["ntp"]], int(row["count"]), int(row["customers"]))
            for row in edge_rows
        ),
        limit=variants,
    )


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


__all__ = ["conform", "flow_of", "run_conformance"]
