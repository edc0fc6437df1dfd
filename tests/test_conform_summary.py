"""Variants and edge counts to the conform figures: weighting by customers, the variant cap, and
the edges nobody took."""

from __future__ import annotations

import pytest

from journeykit.conform.align import Flow
from journeykit.conform.summary import EdgeCount, summarize
from journeykit.measure.result import Rows

TINY = Flow.of(
    ["ad", "search", "product", "cart", "order"],
    {"ad": ["product"], "search": ["product"], "product": ["cart"], "cart": ["order"]},
)
VARIANTS = [
    (("ad", "product", "cart", "order"), 2),
    (("search", "product", "cart"), 1),
    (("search", "cart", "order"), 1),
    (("ad", "product", "order"), 1),
    (("product", "ad"), 1),
]


def run(limit: int = 100, edges=()):
    return summarize(
        map_id="tiny-shop",
        engine="test",
        flow=TINY,
        rows=Rows(),
        variants=VARIANTS,
        edges=edges,
        limit=limit,
    )


def test_fitness_is_the_mean_over_customers_not_variants():
    result = run()
    assert result.customers == 6
    assert result.fitness == pytest.approx((1 + 1 + 1 + 2 / 3 + 2 / 3 + 1 / 2) / 6)
    assert round(result.fitness, 6) == 0.805556
    assert result.perfect == 3
    assert [v.customers for v in result.variants] == [2, 1, 1, 1, 1]


def test_deviations_name_the_touchpoints_and_count_customers():
    result = run()
    assert [(d.id, d.customers, d.occurrences) for d in result.missing] == [
        ("cart", 1, 1),
        ("product", 1, 1),
    ]
    assert [(d.id, d.customers) for d in result.ad_hoc] == [("product", 1)]


def test_the_cap_aligns_the_most_common_variants_and_says_who_it_left_out():
    result = run(limit=2)
    assert (result.aligned_variants, result.aligned_customers) == (2, 3)
    assert (result.left_out_variants, result.left_out_customers) == (3, 3)
    assert result.customers == 6
    # the most common first (2 customers), then ties in trace order
    assert [v.trace for v in result.variants] == [
        ("ad", "product", "cart", "order"),
        ("ad", "product", "order"),
    ]
    assert result.fitness == pytest.approx((2 * 1 + 2 / 3) / 3)


def test_edges_are_marked_planned_and_unused_planned_edges_listed_in_journey_order():
    result = run(
        edges=[
            EdgeCount("ad", "product", 3, 3),
            EdgeCount("product", "ad", 1, 1),
            EdgeCount("cart", "order", 3, 3),
        ]
    )
    planned = {(e.source, e.target): e.planned for e in result.edges}
    assert planned == {("ad", "product"): True, ("cart", "order"): True, ("product", "ad"): False}
    assert result.unused_planned_edges == (("search", "product"), ("product", "cart"))
    doc = result.to_json()
    assert doc["unused_planned_edges"][0] == {"from": "search", "to": "product"}
    assert doc["fitness"] == 0.805556


def test_no_customers_means_no_fitness():
    result = summarize(map_id="m", engine="test", flow=TINY, rows=Rows(), variants=[], edges=[])
    assert result.fitness is None and result.to_json()["fitness"] is None
