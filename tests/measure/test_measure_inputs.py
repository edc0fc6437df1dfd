"""Reading event logs: formats, several files, globs, partitioned folders, type sniffing, --tz,
--from/--to, and logs that are not event logs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from journeykit.measure.plan import MapPlan, MeasureError, parse_bound

from .conftest import run, same, write_log
from .generate import WINDOW_S, generate, trial_map
from .reference import reference


@pytest.fixture(scope="module")
def rows() -> list[tuple[str, ...]]:
    return generate(seed=5, customers=25)


def test_every_format_reads_the_same_figures(
    engine: str, tmp_path: Path, rows: list[tuple[str, ...]]
) -> None:
    journey = trial_map(tmp_path)
    half = len(rows) // 2
    truth = same(reference(MapPlan.of(journey), rows, WINDOW_S))
    logs = {
        "csv": [write_log(tmp_path / "all.csv", rows)],
        "gzip": [write_log(tmp_path / "all.csv.gz", rows)],
        "parquet": [write_log(tmp_path / "all.parquet", rows)],
        "jsonl": [write_log(tmp_path / "all.jsonl", rows)],
        "two files": [
            write_log(tmp_path / "p1.csv", rows[:half]),
            write_log(tmp_path / "p2.jsonl", rows[half:]),
        ],
        "glob": [str(tmp_path / "parts" / "*.csv")],
        "partitioned folder": [tmp_path / "lake"],
    }
    write_log(tmp_path / "parts" / "a.csv", rows[:half])
    write_log(tmp_path / "parts" / "b.csv", rows[half:])
    write_log(tmp_path / "lake" / "day=1" / "part-0.parquet", rows[:half])
    write_log(tmp_path / "lake" / "day=2" / "part-0.parquet", rows[half:])
    for name, paths in logs.items():
        got = run(journey, paths, engine, window_s=WINDOW_S)
        assert same(got) == truth, name


def test_a_bad_time_after_duckdbs_type_sample_is_a_rejected_row(tmp_path: Path) -> None:
    """DuckDB guesses CSV types from the first 20,480 rows; the log is read as text instead."""
    journey = trial_map(tmp_path)
    good = [(f"c{i}", "pricing_view", f"2026-03-01 09:{i % 60:02d}:00", str(i % 5 + 1), "A")
            for i in range(30_000)]  # fmt: skip
    bad = [("late", "signup", "not a time", "oops", "A"), ("", "signup", "2026-03-02", "", "")]
    log = write_log(tmp_path / "big.csv", good + bad)
    with log.open("a", encoding="utf-8") as stream:  # a short row and a long one
        stream.write("short,signup\nlong,signup,2026-03-03 10:00:00,1,B,extra,fields\n")
    result = run(journey, [log])
    assert result.rows.to_json() == {
        "read": 30_004, "rejected": 3, "duplicates": 0, "unmapped": 0, "used": 30_001,
        "outside": 0,
    }  # fmt: skip
    assert result.touchpoints[0].score_n == 30_000


def test_typed_parquet_timestamps_are_read_as_stored(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    journey = trial_map(tmp_path)
    times = [dt.datetime(2026, 3, 1, 9), dt.datetime(2026, 3, 1, 10, 0, 0, 500)]
    for tz, name in ((None, "naive.parquet"), ("Europe/Paris", "aware.parquet")):
        stamps = [t if tz is None else t.replace(tzinfo=dt.UTC) for t in times]
        table = pa.table({
            "customer_id": ["a", "a"], "event": ["pricing_view", "signup"],
            "timestamp": pa.array(stamps, type=pa.timestamp("us", tz=tz)),
            "score": pa.array([None, 3.0]),
        })  # fmt: skip
        pq.write_table(table, tmp_path / name)
        result = run(journey, [tmp_path / name])
        assert result.first_event == times[0]
        assert result.stages[1].time_from_previous_s.median == 3600.0005
        assert result.touchpoints[2].score_mean == 3.0


def test_times_without_a_zone_follow_tz_and_offsets_are_honoured(tmp_path: Path) -> None:
    journey = trial_map(tmp_path)
    rows = [
        ("a", "pricing_view", "2026-03-28 12:00:00", "", ""),  # Paris: UTC+1
        ("a", "signup", "2026-03-29 12:00:00", "", ""),  # after the spring change: UTC+2
        ("b", "pricing_view", "2026-10-25 02:30:00", "", ""),  # twice that night: the first
        ("b", "signup", "2026-10-25T01:00:00Z", "", ""),  # an explicit zone is kept
    ]
    log = write_log(tmp_path / "tz.csv", rows)
    result = run(journey, [log], tz="Europe/Paris")
    assert result.first_event == dt.datetime(2026, 3, 28, 11, 0)
    gaps = result.stages[1].time_from_previous_s
    # a: 23 h; b: 02:30 CEST is 00:30 UTC, so 30 minutes to 01:00 UTC
    assert (gaps.p25, gaps.p75) == (1800.0, 23 * 3600.0)
    utc = run(journey, [log])
    assert utc.first_event == dt.datetime(2026, 3, 28, 12, 0)


def test_from_and_to_bound_the_events(tmp_path: Path) -> None:
    journey = trial_map(tmp_path)
    rows = [(f"c{d}", "pricing_view", f"2026-03-{d:02d} 23:59:59", "", "") for d in range(1, 11)]
    log = write_log(tmp_path / "days.csv", rows)
    start = parse_bound("2026-03-03", "UTC", end=False, flag="--from")
    end = parse_bound("2026-03-05", "UTC", end=True, flag="--to")
    result = run(journey, [log], start_us=start, end_us=end)
    assert (result.customers, result.rows.outside, result.rows.read) == (3, 7, 10)
    end = parse_bound("2026-03-05T23:59:59", "UTC", end=True, flag="--to")
    assert run(journey, [log], start_us=start, end_us=end).customers == 3
    end = parse_bound("2026-03-05T23:59:58", "UTC", end=True, flag="--to")
    assert run(journey, [log], start_us=start, end_us=end).customers == 2


def test_a_file_that_is_not_an_event_log_names_its_columns(tmp_path: Path) -> None:
    journey = trial_map(tmp_path)
    other = write_log(tmp_path / "people.csv", [("ann", "30")], header=("name", "age"))
    with pytest.raises(
        MeasureError, match=r"no `customer_id`, `event`, `timestamp`.*`name`, `age`"
    ):
        run(journey, [other])
    with pytest.raises(MeasureError, match="no such file"):
        run(journey, [tmp_path / "missing.csv"])
    with pytest.raises(MeasureError, match="no event files"):
        run(journey, [str(tmp_path / "nothing-*.csv")])
    junk = tmp_path / "junk.parquet"
    junk.write_bytes(b"\x00\x01 not parquet")
    with pytest.raises(MeasureError, match="cannot read"):
        run(journey, [junk])


def test_an_ibis_url_engine_reads_a_table_by_name(
    tmp_path: Path, rows: list[tuple[str, ...]]
) -> None:
    import duckdb

    journey = trial_map(tmp_path)
    log = write_log(tmp_path / "all.csv", rows)
    database = tmp_path / "warehouse.ddb"
    with duckdb.connect(str(database)) as con:
        con.execute(f"CREATE TABLE events AS SELECT * FROM read_csv('{log}', all_varchar=true)")
    from_file = run(journey, [log], window_s=WINDOW_S)
    from_table = run(journey, ["events"], engine=f"duckdb:///{database}", window_s=WINDOW_S)
    assert same(from_table) == same(from_file)
    with pytest.raises(MeasureError, match="cannot read"):
        run(journey, ["no_such_table"], engine=f"duckdb:///{database}")
