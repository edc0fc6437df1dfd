"""The oracle and the generator that the engine's tests rest on: both must be right first.

The reference (tests/measure_reference.py) must give the hand-computed answers of the tiny log in
../shared/data/events, and the generator must make the logs it promises: seeded, every kind of
noise present, and the same figures whichever file format carries the rows.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import EXAMPLES, shared_file
from tests.measure_reference import Spec, generator, hygiene, journeys, measure

WEEK = 7 * 86400


def tiny() -> tuple[dict[str, Any], list[dict[str, str]], dict[str, Any]]:
    journey = yaml.safe_load(shared_file("data/events/tiny.journey.yaml").read_text())
    with shared_file("data/events/tiny.csv").open(newline="") as f:
        rows = list(csv.DictReader(f))
    expected = json.loads(shared_file("data/events/tiny.expected.json").read_text())
    return journey, rows, expected


def test_reference_gives_the_tiny_logs_hand_computed_answers() -> None:
    journey, rows, expected = tiny()
    got = measure(journey, rows, window_s=WEEK, score_col="score", by="variant")
    want = expected["measure"]
    assert got["rows"] == want["rows"]
    assert got["customers"] == want["customers"]
    assert [{k: t[k] for k in ("id", "reach", "score_n")} for t in got["touchpoints"]] == [
        {k: t[k] for k in ("id", "reach", "score_n")} for t in want["touchpoints"]
    ]
    for g, w in zip(got["touchpoints"], want["touchpoints"], strict=True):
        assert g["score_mean"] == pytest.approx(w["score_mean"], abs=1e-6)
    assert [{"id": s["id"], "entered": s["entered"]} for s in got["stages"]] == want["stages"]
    keys = ("from", "to", "count", "customers", "planned")
    assert [{k: t[k] for k in keys} for t in got["transitions"]] == want["transitions"]
    groups = [
        {
            "value": g["value"],
            "customers": g["customers"],
            "entered": [s["entered"] for s in g["stages"]],
        }
        for g in got["breakdown"]["groups"]
    ]
    assert groups == expected["breakdown_by_variant"]["groups"]
    write = expected["write_cart_to_order"]
    assert got["metrics"][write["metric"]] == {
        "at": write["at"],
        "actual": write["actual"],
        "sample": write["sample"],
    }


def test_reference_funnel_edges_are_inclusive() -> None:
    """Tₖ may equal Tₖ₋₁ and may fall exactly on T₁ + window; one second later it may not."""
    journey, _, _ = tiny()
    t0 = dt.datetime(2026, 3, 1, 9)
    rows = [
        {"customer_id": "a", "event": "ad", "timestamp": t0.isoformat()},
        {"customer_id": "a", "event": "product", "timestamp": t0.isoformat()},
        {"customer_id": "a", "event": "cart", "timestamp": (t0 + dt.timedelta(days=7)).isoformat()},
        {"customer_id": "b", "event": "ad", "timestamp": t0.isoformat()},
        {"customer_id": "b", "event": "product", "timestamp": t0.isoformat()},
        {
            "customer_id": "b",
            "event": "cart",
            "timestamp": (t0 + dt.timedelta(days=7, seconds=1)).isoformat(),
        },
    ]
    got = measure(journey, rows, window_s=WEEK)
    assert [s["entered"] for s in got["stages"]] == [2, 2, 1]
    assert got["stages"][1]["time_from_previous_s"]["median"] == 0
    assert got["stages"][2]["time_from_previous_s"]["median"] == WEEK
    assert [s["entered"] for s in measure(journey, rows)["stages"]] == [2, 2, 2]


def saas() -> dict[str, Any]:
    return generator().load_map(EXAMPLES / "saas-trial-to-paid.journey.yaml")


def test_generator_is_seeded() -> None:
    gen = generator()
    journey = saas()
    first = gen.rows(journey, gen.Options(customers=200, seed=3))
    assert first == gen.rows(journey, gen.Options(customers=200, seed=3))
    assert first != gen.rows(journey, gen.Options(customers=200, seed=4))


def test_generator_makes_every_kind_of_row_it_promises() -> None:
    gen = generator()
    journey = saas()
    log = gen.rows(journey, gen.Options(customers=1500, seed=1))
    spec = Spec.of(journey)
    clean = hygiene(spec, log, score_col="score", by="variant")
    assert clean.rejected and clean.duplicates and clean.unmapped and len(clean.used) > 5000
    bad = Counter(
        "customer" if not r["customer_id"] else "event" if not r["event"] else "time"
        for r in log
        if not r["customer_id"] or not r["event"] or not isinstance(r["timestamp"], dt.datetime)
    )
    assert set(bad) == {"customer", "event", "time"}
    per = journeys(spec, clean.used)
    pairs = Counter(
        (a.touchpoint, b.touchpoint) for ev in per.values() for a, b in itertools.pairwise(ev)
    )
    assert any(a == b for a, b in pairs)  # repeats
    assert any(b not in spec.successors[a] for a, b in pairs)  # ad-hoc moves and skips
    ties = sum(1 for ev in per.values() for a, b in itertools.pairwise(ev) if a.time == b.time)
    assert ties > 10
    window = dt.timedelta(days=30)
    edge = Counter(
        (e.time - ev[0].time) - window
        for ev in per.values()
        for e in ev
        if abs((e.time - ev[0].time) - window) <= dt.timedelta(seconds=1)
    )
    assert edge[dt.timedelta(0)] and edge[dt.timedelta(seconds=1)]  # on and just past the edge
    switched = sum(1 for ev in per.values() if len({e.group for e in ev}) > 1)
    assert switched > 10
    first_stage = spec.stages[0]
    late = sum(1 for ev in per.values() if spec.stage_of[ev[0].touchpoint] != first_stage)
    assert late > 10
    assert log != sorted(log, key=lambda r: (r["customer_id"], str(r["timestamp"])))  # shuffled
    result = measure(journey, log, window_s=30 * 86400, score_col="score", by="variant")
    entered = [s["entered"] for s in result["stages"]]
    assert entered == sorted(entered, reverse=True) and entered[-1] > 0
    a, b = result["breakdown"]["groups"]
    assert (a["value"], b["value"]) == ("A", "B")


@pytest.mark.parametrize("suffix", [".csv", ".csv.gz", ".jsonl", ".parquet"])
def test_every_format_carries_the_same_figures(tmp_path: Path, suffix: str) -> None:
    gen = generator()
    journey = saas()
    log = gen.rows(journey, gen.Options(customers=150, seed=5))
    path = tmp_path / f"events{suffix}"
    assert gen.write([log], path) == len(log)
    if suffix == ".parquet":
        pq = pytest.importorskip("pyarrow.parquet")
        back = pq.read_table(path).to_pylist()
    elif suffix == ".jsonl":
        back = [json.loads(line) for line in path.read_text().splitlines()]
    else:
        import gzip

        opener = gzip.open if suffix.endswith(".gz") else open
        with opener(path, "rt", newline="") as f:
            back = list(csv.DictReader(f))
    kwargs: dict[str, Any] = {"window_s": 30 * 86400, "score_col": "score", "by": "variant"}
    assert measure(journey, back, **kwargs) == measure(journey, log, **kwargs)


def test_truth_file_from_the_command_line(tmp_path: Path) -> None:
    gen = generator()
    out, truth = tmp_path / "ev.csv", tmp_path / "truth.json"
    map_path = str(EXAMPLES / "saas-trial-to-paid.journey.yaml")
    assert gen.main([map_path, str(out), "--customers", "50", "--truth", str(truth)]) == 0
    figures = json.loads(truth.read_text())
    with out.open(newline="") as f:
        assert figures["rows"]["read"] == sum(1 for _ in csv.DictReader(f))
    assert figures["customers"] <= 50
