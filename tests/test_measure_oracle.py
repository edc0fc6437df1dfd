"""The engine against the reference, on generated logs with known ground truth.

Each case generates a seeded log for the SaaS example map (noise on: bad rows, duplicates,
unmapped events, ties at the window's edge, shuffled rows), writes it as CSV, gzip CSV, JSON lines
or Parquet, runs `journeykit.measure.api.measure` on the embedded DuckDB engine, and compares every
figure with tests/measure_reference.py computed on the same rows.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES
from tests.measure_reference import generator, measure

pytest.importorskip("journeykit.measure.api")

WINDOW = 14 * 86400


def close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)


def compare(got: Any, want: dict[str, Any]) -> None:
    rows = got.rows.to_json()
    assert {k: rows[k] for k in want["rows"]} == want["rows"]
    assert got.customers == want["customers"]
    for g, w in zip(got.touchpoints, want["touchpoints"], strict=True):
        assert (g.id, g.reach, g.events, g.score_n) == (
            w["id"],
            w["reach"],
            w["events"],
            w["score_n"],
        )
        assert close(g.score_mean, w["score_mean"]), g
    _stages(got.stages, want["stages"])
    got_moves = {(t.source, t.target): t for t in got.transitions}
    assert set(got_moves) == {(t["from"], t["to"]) for t in want["transitions"]}
    for w in want["transitions"]:
        g = got_moves[(w["from"], w["to"])]
        assert (g.count, g.customers, g.planned) == (w["count"], w["customers"], w["planned"]), w
        assert close(g.median_gap_s, w["median_gap_s"]), w
    if want["breakdown"] is None:
        assert got.breakdown is None
    else:
        groups = want["breakdown"]["groups"]
        assert [g.value for g in got.breakdown.groups] == [g["value"] for g in groups]
        for g, w in zip(got.breakdown.groups, groups, strict=True):
            assert g.customers == w["customers"]
            _stages(g.stages, w["stages"])
    values = {m.id: m for m in got.metrics}
    for metric, w in want["metrics"].items():
        assert values[metric].at == w["at"]
        assert values[metric].sample == w["sample"], metric
        assert close(values[metric].value, w["actual"]), metric


def _stages(got: Any, want: list[dict[str, Any]]) -> None:
    assert [s.entered for s in got] == [s["entered"] for s in want]
    assert [s.dropped for s in got] == [s["dropped"] for s in want]
    for g, w in zip(got, want, strict=True):
        q = g.time_from_previous_s
        for name in ("median", "p25", "p75", "p90"):
            assert close(getattr(q, name), w["time_from_previous_s"][name]), (g.id, name)


@pytest.mark.parametrize(
    ("suffix", "seed", "window"),
    [
        (".csv", 1, WINDOW),
        (".csv.gz", 2, None),
        (".jsonl", 3, WINDOW),
        (".parquet", 4, WINDOW),
    ],
)
def test_engine_matches_the_reference(
    tmp_path: Path, suffix: str, seed: int, window: int | None
) -> None:
    from journeykit.measure.api import measure as run
    from journeykit.measure.plan import Columns, MeasureOptions
    from journeykit.validate import load

    gen = generator()
    path = EXAMPLES / "saas-trial-to-paid.journey.yaml"
    journey = load(path).journey
    log = gen.rows(gen.load_map(path), gen.Options(customers=600, seed=seed, window_s=WINDOW))
    events = tmp_path / f"events{suffix}"
    gen.write([log], events)
    options = MeasureOptions(columns=Columns(score="score", by="variant"), window_s=window)
    got = run(journey, [str(events)], options)
    want = measure(journey, log, window_s=window, score_col="score", by="variant")
    compare(got, want)
