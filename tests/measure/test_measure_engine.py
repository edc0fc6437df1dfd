"""journey measure's figures on DuckDB and on PySpark (local mode): exact, and equal.

The tiny log's hand-computed answers (../shared/data/events), a generated log checked against
the plain-Python reference of the definitions and on its edge cases, shuffled order.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from journeykit.measure.plan import MapPlan
from journeykit.measure.result import MeasureResult
from journeykit.validate import load

from ..conftest import shared_file
from .conftest import run, same, write_log
from .generate import BAD, WINDOW_S, generate, trial_map
from .reference import reference

_RESULTS: dict[tuple[str, str], MeasureResult] = {}


def _tiny(engine: str) -> tuple[MeasureResult, dict[str, Any]]:
    expected = json.loads(shared_file("data/events/tiny.expected.json").read_text("utf-8"))
    if ("tiny", engine) not in _RESULTS:
        journey = load(shared_file("data/events/tiny.journey.yaml")).journey
        assert journey is not None
        _RESULTS["tiny", engine] = run(
            journey, [shared_file("data/events/tiny.csv")], engine, window_s=7 * 86400,
            by="variant",
        )  # fmt: skip
    return _RESULTS["tiny", engine], expected


def test_tiny_log_gives_every_hand_computed_figure(engine: str) -> None:
    result, expected = _tiny(engine)
    got = result.to_json()
    want = expected["measure"]
    assert got["rows"] == {**want["rows"], "outside": 0}
    assert got["customers"] == want["customers"]
    assert [{k: t[k] for k in want["touchpoints"][0]} for t in got["touchpoints"]] == want[
        "touchpoints"
    ]
    assert [{"id": s["id"], "entered": s["entered"]} for s in got["stages"]] == want["stages"]
    keys = list(want["transitions"][0])
    assert [{k: t[k] for k in keys} for t in got["transitions"]] == want["transitions"]
    groups = got["breakdown"]["groups"]
    assert [
        {"value": g["value"], "customers": g["customers"],
         "entered": [s["entered"] for s in g["stages"]]}
        for g in groups
    ] == expected["breakdown_by_variant"]["groups"]  # fmt: skip
    write = expected["write_cart_to_order"]
    (metric,) = got["metrics"]
    assert (metric["id"], metric["at"], metric["value"], metric["sample"]) == (
        write["metric"], write["at"], write["actual"], write["sample"],
    )  # fmt: skip
    assert metric["as_of"] == "2026-04-10"
    assert got["range"] == {"first": "2026-03-01T09:00:00Z", "last": "2026-04-10T07:02:00Z"}


def test_tiny_log_derived_figures(engine: str) -> None:
    result, _ = _tiny(engine)
    find, choose, buy = result.stages
    assert (find.dropped, choose.dropped, buy.dropped) == (0, 2, 2)
    assert choose.conversion_from_previous == pytest.approx(4 / 6)
    assert buy.conversion_overall == pytest.approx(2 / 6)
    # c1 09:00 ad -> 09:05 product, c2 10:00 -> 10:02, c4 09:00 -> 09:20, c6 07:00 -> 07:10
    assert choose.time_from_previous_s.to_json() == {
        "median": 300.0, "p25": 120.0, "p75": 600.0, "p90": 1200.0,
    }  # fmt: skip
    # buy: c1 product 09:05 -> cart 09:06 (60 s); c4 product 09:20 -> order 09:30 (600 s)
    assert buy.time_from_previous_s.median == 60.0
    assert buy.time_from_previous_s.p90 == 600.0
    low, high = find.conversion_overall_ci or (0, 0)
    assert (round(low, 6), high) == (0.609666, 1.0)


def _generated(engine: str, folder: Path) -> tuple[MeasureResult, MeasureResult]:
    if ("generated", engine) not in _RESULTS:
        journey = trial_map(folder)
        rows = generate(seed=7)
        log = write_log(folder / "events.csv", rows)
        _RESULTS["generated", engine] = run(journey, [log], engine, window_s=WINDOW_S, by="variant")
        _RESULTS["generated", "reference"] = reference(
            MapPlan.of(journey), rows, WINDOW_S, by="variant"
        )
    return _RESULTS["generated", engine], _RESULTS["generated", "reference"]


def test_generated_log_matches_the_reference_definitions(engine: str, tmp_path: Path) -> None:
    result, truth = _generated(engine, tmp_path)
    assert same(result) == same(truth)


def test_generated_log_edges_count_as_defined(engine: str, tmp_path: Path) -> None:
    result, _ = _generated(engine, tmp_path)
    assert result.rows.rejected == len(BAD)
    assert result.rows.duplicates >= 2  # the `dup` customer's three rows count once
    assert result.engine == engine


def test_edge_customers_alone(engine: str, tmp_path: Path) -> None:
    """Each edge case on its own, with the entered counts written out by hand."""
    from .generate import edge_rows

    journey = trial_map(tmp_path)
    log = write_log(tmp_path / "edges.csv", edge_rows())
    result = run(journey, [log], engine, window_s=WINDOW_S, by="variant")
    # discover: all 5 customers; start: edge-in (at T1 + window) and tie (same instant);
    # edge-out is 1 µs late and early's signup precedes T1; buy: tie's paid at the same instant
    assert [s.entered for s in result.stages] == [5, 2, 1]
    assert result.stages[1].time_from_previous_s.to_json() == {
        "median": 0.0, "p25": 0.0, "p75": float(WINDOW_S), "p90": float(WINDOW_S),
    }  # fmt: skip
    assert result.rows.to_json() == {
        "read": 12, "rejected": 0, "duplicates": 2, "unmapped": 0, "used": 10, "outside": 0,
    }  # fmt: skip
    groups = {g.value: [s.entered for s in g.stages] for g in result.breakdown.groups}  # type: ignore[union-attr]
    assert groups == {"A": [3, 1, 0], "B": [2, 1, 1]}


def test_shuffled_order_does_not_matter(tmp_path: Path) -> None:
    journey = trial_map(tmp_path)
    rows = generate(seed=11)
    first = run(journey, [write_log(tmp_path / "a.csv", rows)], window_s=WINDOW_S, by="variant")
    random.Random(3).shuffle(rows)
    again = run(journey, [write_log(tmp_path / "b.csv", rows)], window_s=WINDOW_S, by="variant")
    assert same(first) == same(again)


def test_engines_agree_on_the_generated_log(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    """Equal results on DuckDB and Spark, side by side (runs with the Spark tests)."""
    if ("generated", "pyspark") not in _RESULTS:
        pytest.skip("runs after the Spark run of the generated log (-m spark or the full suite)")
    duck, _ = _generated("duckdb", tmp_path)
    assert same(duck) == same(_RESULTS["generated", "pyspark"])
