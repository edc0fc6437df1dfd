"""Fixtures of the journey measure tests: the engines, one SparkSession per test session.

Tests that take ``engine`` run on DuckDB and, marked ``spark``, on PySpark in local mode; they
must give equal results. Select or skip the Spark ones with ``-m spark`` / ``-m "not spark"``.
"""

from __future__ import annotations

import csv
import gzip
import json
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from journeykit.measure.api import measure
from journeykit.measure.plan import Columns, MeasureOptions
from journeykit.measure.result import MeasureResult
from journeykit.model.map import JourneyMap

HEADER = ("customer_id", "event", "timestamp", "score", "variant")


@pytest.fixture(scope="session")
def spark_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A local SparkSession shared by every Spark test (small shuffles: the logs are small)."""
    if shutil.which("java") is None:
        pytest.skip("no Java runtime: scripts/setup.sh installs default-jre-headless")
    pyspark_sql = pytest.importorskip("pyspark.sql", reason="PySpark missing (the spark extra)")
    session = (
        pyspark_sql.SparkSession.builder.master("local[2]")
        .appName("journeykit-tests")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.warehouse.dir", str(tmp_path_factory.mktemp("spark-warehouse")))
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(params=["duckdb", pytest.param("pyspark", marks=pytest.mark.spark)])
def engine(request: pytest.FixtureRequest) -> str:
    if request.param == "pyspark":
        request.getfixturevalue("spark_session")
    return str(request.param)


def write_log(path: Path, rows: Sequence[Sequence[Any]], header: Sequence[str] = HEADER) -> Path:
    """Rows as a log whose format follows the file name: .csv, .csv.gz, .jsonl, .parquet."""
    path.parent.mkdir(parents=True, exist_ok=True)
    name = path.name
    if name.endswith(".parquet"):
        import pyarrow as pa
        import pyarrow.parquet as pq

        columns = {h: [None if r[i] == "" else r[i] for r in rows] for i, h in enumerate(header)}
        pq.write_table(pa.table({h: pa.array(v, type=pa.string()) for h, v in columns.items()}),
                       path)  # fmt: skip
    elif name.endswith(".jsonl"):
        with path.open("w", encoding="utf-8") as stream:
            for r in rows:
                record = {h: r[i] for i, h in enumerate(header) if r[i] not in ("", None)}
                stream.write(json.dumps(record) + "\n")
    else:
        opener: Any = gzip.open if name.endswith(".gz") else open
        with opener(path, "wt", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(header)
            writer.writerows(["" if v is None else v for v in r] for r in rows)
    return path


def run(
    journey: JourneyMap,
    logs: Sequence[Path | str],
    engine: str = "duckdb",
    *,
    window_s: int | None = None,
    by: str | None = None,
    score: str | None = "score",
    **options: Any,
) -> MeasureResult:
    columns = Columns(score=score, by=by)
    opts = MeasureOptions(columns=columns, window_s=window_s, engine=engine, **options)
    return measure(journey, [str(p) for p in logs], opts)


def same(result: MeasureResult) -> dict[str, Any]:
    """The JSON contract without the engine's name, to compare engines and the reference."""
    data = result.to_json()
    data.pop("engine")
    return data
