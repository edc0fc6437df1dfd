"""``journey conform`` end to end on DuckDB and on PySpark (local mode), with equal results.

The shared tiny log's hand-computed answer, and generated logs where every customer's injected
deviations (a skipped step, an off-plan step, a swap) and so their cost are known, written with
unmapped events, exact duplicates and shuffled rows that must change nothing.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from journeykit.conform.api import conform
from journeykit.measure.plan import MeasureOptions
from journeykit.model.map import JourneyMap
from journeykit.validate import load

from ..conftest import RunCli, shared_file
from .conftest import write_log

_RESULTS: dict[tuple[str, str], Any] = {}


def _tiny_paths() -> tuple[str, str]:
    return (
        str(shared_file("data/events/tiny.journey.yaml")),
        str(shared_file("data/events/tiny.csv")),
    )


def _journey() -> JourneyMap:
    journey = load(shared_file("data/events/tiny.journey.yaml")).journey
    assert journey is not None
    return journey


def test_tiny_log_through_the_cli_gives_the_hand_computed_answer(cli: RunCli, engine: str) -> None:
    want = json.loads(shared_file("data/events/tiny.expected.json").read_text("utf-8"))["conform"]
    done = cli("conform", *_tiny_paths(), "--engine", engine, "--format", "json")
    assert done.exit_code == 0, done.stderr
    data = json.loads(done.stdout)
    assert (data["customers"], data["fitness"], data["perfect"]) == (
        want["customers"], want["fitness"], want["perfect"],
    )  # fmt: skip
    assert data["engine"] == engine
    assert data["rows"] == {
        "read": 24, "rejected": 2, "duplicates": 1, "unmapped": 1, "used": 20, "outside": 0,
    }  # fmt: skip
    # c3 went product -> ad: ad-hoc product; c2 skipped the cart; c6 searched, then the cart
    assert {tuple(v["trace"]): v["cost"] for v in data["variants"]} == {
        ("ad", "product", "cart", "order"): 0,
        ("ad", "product", "order"): 1,
        ("product", "ad"): 1,
        ("search", "cart", "order"): 1,
        ("search", "product", "cart"): 0,
    }
    assert data["unused_planned_edges"] == []
    data.pop("engine")
    _RESULTS["tiny", engine] = data
    if engine == "pyspark" and ("tiny", "duckdb") in _RESULTS:
        assert data == _RESULTS["tiny", "duckdb"]


# -- generated logs with known deviations ----------------------------------------------------------

# tiny-shop's flow: ad -> product, search -> product, product -> cart -> order
PATHS = {"ad": ["ad", "product", "cart", "order"], "search": ["search", "product", "cart", "order"]}
EVENT = {"ad": ["ad"], "search": ["search_web", "search_app"], "product": ["product"],
         "cart": ["cart"], "order": ["order", "order_paid"]}  # fmt: skip


def _trace(rng: random.Random) -> tuple[list[str], int, Counter[str], Counter[str]]:
    """A trace, its known cost, and its known missing and ad-hoc touchpoints."""
    path = PATHS[rng.choice(["ad", "search"])]
    kind = rng.choice(["exact", "exact", "skip", "extra", "swap"])
    missing: Counter[str] = Counter()
    ad_hoc: Counter[str] = Counter()
    if kind == "exact":
        return path[: rng.randint(1, 4)], 0, missing, ad_hoc
    if kind == "skip":  # skip product or cart, then go on to the end: one missing step
        gone = rng.choice([1, 2])
        missing[path[gone]] += 1
        return path[:gone] + path[gone + 1 :], 1, missing, ad_hoc
    if kind == "extra":  # back to the start between product and cart: one off-plan step
        ad_hoc[path[0]] += 1
        return [*path[:2], path[0], *path[2:]], 1, missing, ad_hoc
    # a swap costs two: a missing and an off-plan step, which ones being a tie
    return [path[0], path[2], path[1], path[3]], 2, missing, ad_hoc


def generate(seed: int, customers: int) -> tuple[list[tuple[Any, ...]], dict[str, Any]]:
    rng = random.Random(seed)
    rows: list[tuple[Any, ...]] = []
    truth: dict[str, Any] = {"traces": {}, "cost": {}, "deviations": {}}
    start = dt.datetime(2026, 5, 1, 8)
    for n in range(customers):
        customer = f"u{n:04d}"
        trace, cost, missing, ad_hoc = _trace(rng)
        truth["traces"][customer], truth["cost"][customer] = trace, cost
        truth["deviations"][customer] = (missing, ad_hoc) if cost < 2 else None
        moment = start + dt.timedelta(minutes=rng.randint(0, 10_000))
        for tp in trace:
            moment += dt.timedelta(seconds=rng.randint(1, 5000))
            row = (customer, rng.choice(EVENT[tp]), moment.strftime("%Y-%m-%d %H:%M:%S"), "", "")
            rows.append(row)
            if rng.random() < 0.1:
                rows.append(row)  # an exact duplicate counts once
            if rng.random() < 0.1:  # an unmapped event between steps changes nothing
                later = moment + dt.timedelta(milliseconds=500)
                rows.append((customer, "help_page", later.isoformat(sep=" "), "", ""))
    rng.shuffle(rows)
    return rows, truth


def _expected(truth: dict[str, Any]) -> dict[str, Any]:
    costs, traces = truth["cost"], truth["traces"]
    fitness = [1 - costs[c] / len(traces[c]) for c in costs]
    pairs: Counter[tuple[str, str]] = Counter()
    who: dict[tuple[str, str], set[str]] = {}
    for customer, trace in traces.items():
        for pair in itertools.pairwise(trace):
            pairs[pair] += 1
            who.setdefault(pair, set()).add(customer)
    return {
        "customers": len(costs),
        "fitness": round(sum(fitness) / len(fitness), 6),
        "perfect": sum(1 for c in costs.values() if c == 0),
        "edges": {p: (n, len(who[p])) for p, n in pairs.items()},
        "variants": Counter(tuple(t) for t in traces.values()),
    }


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_generated_log_gives_the_injected_deviations(
    engine: str, tmp_path: Path, suffix: str
) -> None:
    rows, truth = generate(seed=15, customers=300)
    log = write_log(tmp_path / f"events{suffix}", rows)
    result = conform(_journey(), [str(log)], MeasureOptions(engine=engine))
    want = _expected(truth)
    data = result.to_json()
    assert (data["customers"], data["fitness"], data["perfect"]) == (
        want["customers"], want["fitness"], want["perfect"],
    )  # fmt: skip
    assert {tuple(v["trace"]): v["customers"] for v in data["variants"]} == want["variants"]
    for v in result.variants:  # each variant's cost and deviations are the injected ones
        customer = next(c for c, t in truth["traces"].items() if tuple(t) == v.trace)
        assert v.cost == truth["cost"][customer], v.trace
        assert len(v.missing) + len(v.ad_hoc) == v.cost
        if truth["deviations"][customer] is not None:
            missing, ad_hoc = truth["deviations"][customer]
            assert (Counter(v.missing), Counter(v.ad_hoc)) == (missing, ad_hoc), v.trace
    occurrences = sum(d.occurrences for d in (*result.missing, *result.ad_hoc))
    assert occurrences == sum(truth["cost"].values())
    assert {(e.source, e.target): (e.count, e.customers) for e in result.edges} == want["edges"]
    planned = {("ad", "product"), ("search", "product"), ("product", "cart"), ("cart", "order")}
    assert {(e.source, e.target) for e in result.edges if e.planned} <= planned
    assert all(e.planned == ((e.source, e.target) in planned) for e in result.edges)
    data.pop("engine")
    _RESULTS[suffix, engine] = data
    if engine == "pyspark" and (suffix, "duckdb") in _RESULTS:
        assert data == _RESULTS[suffix, "duckdb"]


def test_keep_repeats_counts_consecutive_repeats(tmp_path: Path) -> None:
    rows = [
        ("a1", "ad", "2026-05-01 08:00:00", "", ""),
        ("a1", "product", "2026-05-01 08:01:00", "", ""),
        ("a1", "product", "2026-05-01 08:02:00", "", ""),
        ("a1", "cart", "2026-05-01 08:03:00", "", ""),
    ]
    log = write_log(tmp_path / "repeats.csv", rows)
    once = conform(_journey(), [str(log)], MeasureOptions())
    kept = conform(_journey(), [str(log)], MeasureOptions(), keep_repeats=True)
    assert [v.trace for v in once.variants] == [("ad", "product", "cart")]
    assert once.fitness == 1.0
    assert [v.trace for v in kept.variants] == [("ad", "product", "product", "cart")]
    assert kept.variants[0].cost == 1  # product -> product is not planned
    assert kept.fitness == pytest.approx(0.75)
    assert ("product", "product") in {(e.source, e.target) for e in kept.edges}


def test_variants_cap_reports_the_customers_left_out(tmp_path: Path) -> None:
    rows, truth = generate(seed=7, customers=120)
    log = write_log(tmp_path / "events.csv", rows)
    full = conform(_journey(), [str(log)], MeasureOptions())
    capped = conform(_journey(), [str(log)], MeasureOptions(), variants=3)
    assert capped.aligned_variants == 3
    assert capped.left_out_variants == full.aligned_variants - 3
    top = sum(v.customers for v in full.variants[:3])
    assert capped.aligned_customers == top
    assert capped.left_out_customers == len(truth["traces"]) - top
    assert capped.customers == full.customers == len(truth["traces"])
    assert capped.edges == full.edges  # edges are computed over all data, whatever the cap
