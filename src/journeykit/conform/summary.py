"""From variants (distinct traces and how many customers share each) and edge counts, which the
engine computes over all data, to a :class:`ConformResult`. Pure Python: no engine here."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from journeykit.conform.align import Flow, align_all
from journeykit.conform.result import ConformResult, Deviation, EdgeResult, VariantResult
from journeykit.measure.result import Rows

DEFAULT_VARIANTS = 10_000
"""Variants aligned by default: most common first. Real logs have a long tail of one-customer
variants; ten thousand covers the bulk of customers while aligning in seconds."""


@dataclass(frozen=True, slots=True)
class EdgeCount:
    source: str
    target: str
    count: int
    customers: int


def summarize(
    *,
    map_id: str,
    engine: str,
    flow: Flow,
    rows: Rows,
    variants: Iterable[tuple[tuple[str, ...], int]],
    edges: Iterable[EdgeCount],
    limit: int = DEFAULT_VARIANTS,
) -> ConformResult:
    """Align the ``limit`` most common variants once each and weigh them by their customers."""
    ranked = sorted(variants, key=lambda v: (-v[1], v[0]))
    kept, dropped = ranked[:limit], ranked[limit:]
    aligned: list[VariantResult] = []
    ad_hoc: dict[str, Counter[str]] = {"customers": Counter(), "occurrences": Counter()}
    missing: dict[str, Counter[str]] = {"customers": Counter(), "occurrences": Counter()}
    weighted = 0.0
    perfect = 0
    alignments = align_all(flow, (trace for trace, _ in kept))
    for trace, customers in kept:
        result = alignments[trace]
        row = VariantResult(
            trace=trace,
            customers=customers,
            cost=result.cost,
            ad_hoc=tuple(trace[i] for i in result.ad_hoc),
            missing=result.missing,
        )
        aligned.append(row)
        weighted += row.fitness * customers
        perfect += customers if row.cost == 0 else 0
        _tally(ad_hoc, row.ad_hoc, customers)
        _tally(missing, row.missing, customers)
    aligned_customers = sum(c for _, c in kept)
    edge_rows = tuple(
        sorted(
            (
                EdgeResult(
                    e.source, e.target, (e.source, e.target) in flow.edges, e.count, e.customers
                )
                for e in edges
            ),
            key=lambda e: (-e.customers, -e.count, e.source, e.target),
        )
    )
    taken = {(e.source, e.target) for e in edge_rows}
    position = {t: i for i, t in enumerate(flow.order)}
    unused = tuple(
        sorted(
            (edge for edge in flow.edges if edge not in taken),
            key=lambda e: (position[e[0]], position[e[1]]),
        )
    )
    return ConformResult(
        map=map_id,
        engine=engine,
        rows=rows,
        customers=aligned_customers + sum(c for _, c in dropped),
        fitness=weighted / aligned_customers if aligned_customers else None,
        perfect=perfect,
        aligned_variants=len(kept),
        aligned_customers=aligned_customers,
        left_out_variants=len(dropped),
        left_out_customers=sum(c for _, c in dropped),
        ad_hoc=_deviations(ad_hoc),
        missing=_deviations(missing),
        variants=tuple(aligned),
        edges=edge_rows,
        unused_planned_edges=unused,
    )


def edge_counts(variants: Iterable[tuple[tuple[str, ...], int]]) -> list[EdgeCount]:
    """The consecutive pairs of every variant's trace, weighed by its customers: ``count``
    (pairs) and ``customers`` (each customer has one trace, so a variant's customers count
    once for each distinct pair in it). Over all the variants, this is the edge count of all
    the data, equal to the engine's :func:`journeykit.conform.traces.edges`."""
    count: Counter[tuple[str, str]] = Counter()
    customers: Counter[tuple[str, str]] = Counter()
    for trace, many in variants:
        pairs = Counter(pairwise(trace))
        for pair, times in pairs.items():
            count[pair] += times * many
            customers[pair] += many
    return [EdgeCount(a, b, count[a, b], customers[a, b]) for a, b in count]


def _tally(into: dict[str, Counter[str]], touchpoints: tuple[str, ...], customers: int) -> None:
    for touchpoint, times in Counter(touchpoints).items():
        into["customers"][touchpoint] += customers
        into["occurrences"][touchpoint] += times * customers


def _deviations(counts: dict[str, Counter[str]]) -> tuple[Deviation, ...]:
    rows = (
        Deviation(t, counts["customers"][t], counts["occurrences"][t]) for t in counts["customers"]
    )
    return tuple(sorted(rows, key=lambda d: (-d.customers, -d.occurrences, d.id)))
