"""Properties of journey measure on random small logs (DuckDB; bounded, each example costs a
query run): funnels never grow, conversions stay in [0, 1], reach <= customers, unmapped events
change nothing but the row counts, and every figure equals the plain-Python reference."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeykit.measure.plan import MapPlan

from .conftest import run, same, write_log
from .generate import START, trial_map
from .reference import reference

EVENTS = ["pricing_view", "blog", "signup", "onboard", "paid", "paid_7", "help", "x"]
WINDOW_S = 2 * 3600

row = st.tuples(
    st.sampled_from(["a", "b", "c", "d", ""]),
    st.sampled_from(EVENTS),
    st.integers(min_value=0, max_value=4 * 3600).map(
        lambda s: (START + dt.timedelta(seconds=s)).isoformat(sep=" ")
    ),
    st.sampled_from(["", "1", "5", "9", "oops"]),
    st.sampled_from(["A", "B", ""]),
)
SETTINGS = settings(
    max_examples=12, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)  # fmt: skip


def _measure(rows: list[tuple[Any, ...]], name: str = "log.csv") -> tuple[Any, Any]:
    with tempfile.TemporaryDirectory() as folder:
        journey = trial_map(Path(folder))
        log = write_log(Path(folder) / name, rows)
        result = run(journey, [log], window_s=WINDOW_S, by="variant")
        return result, reference(MapPlan.of(journey), rows, WINDOW_S, by="variant")


@SETTINGS
@given(st.lists(row, min_size=1, max_size=25))
def test_random_logs_keep_the_invariants_and_match_the_reference(
    rows: list[tuple[Any, ...]],
) -> None:
    result, truth = _measure(rows)
    assert same(result) == same(truth)
    entered = [s.entered for s in result.stages]
    assert entered == sorted(entered, reverse=True)
    for stage in result.stages:
        for value in (stage.conversion_from_previous, stage.conversion_overall):
            assert value is None or 0 <= value <= 1
    assert all(t.reach <= result.customers for t in result.touchpoints)
    r = result.rows
    assert r.read == r.rejected + r.duplicates + r.unmapped + r.used + r.outside


@SETTINGS
@given(
    st.lists(row, min_size=1, max_size=15),
    st.lists(
        st.tuples(st.sampled_from(["a", "b", "zz"]), st.sampled_from(["help", "logout"]),
                  st.just("2026-03-01 09:30:00"), st.just(""), st.just("A")),
        min_size=1, max_size=5,
    ),
)  # fmt: skip
def test_unmapped_events_change_nothing_but_the_row_counts(
    rows: list[tuple[Any, ...]], extra: list[tuple[Any, ...]]
) -> None:
    before, _ = _measure(rows)
    after, _ = _measure(rows + extra)
    a, b = same(before), same(after)
    for data in (a, b):
        data.pop("rows")
        data.pop("range")  # the data's range includes every valid row
        for metric in data["metrics"]:
            metric.pop("as_of")
    assert a == b
    assert after.rows.read == before.rows.read + len(extra)
    assert after.rows.used == before.rows.used
