"""Connect to an Ibis backend and read event logs into one table of text columns.

This is the only module that knows engines apart, and only for what is not a query: how to
connect, and which reader options keep a log's columns as text (DuckDB samples 20,480 rows to
guess a CSV column's type, so a bad time after the sample would fail the whole read; Spark reads
CSV as text unless asked to infer). Everything computed afterwards is one Ibis code path.
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journeykit.measure.plan import Columns, MeasureError
from journeykit.problems import quote

if TYPE_CHECKING:
    import ibis.expr.types as ir
    from ibis.backends import BaseBackend

# Log formats by file name ending (a .gz ending is looked through).
SUFFIXES = {
    ".csv": "csv", ".tsv": "csv", ".txt": "csv",
    ".parquet": "parquet", ".pq": "parquet",
    ".jsonl": "json", ".ndjson": "json", ".json": "json",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Source:
    """One EVENTS argument: a file, a folder, a glob, or (on a backend URL) a table name."""

    given: str
    kind: str
    """csv, parquet, json or table."""
    files: tuple[str, ...] = ()


def log_format(path: str) -> str | None:
    name = path.lower().removesuffix(".gz")
    return next((kind for suffix, kind in SUFFIXES.items() if name.endswith(suffix)), None)


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith((".", "_")) for part in path.relative_to(root).parts)


def resolve(given: str, *, tables: bool) -> Source:
    """What an EVENTS argument names; MeasureError when it names nothing readable."""
    if os.path.isdir(given):
        root = Path(given)
        files = sorted(str(p) for p in root.rglob("*") if p.is_file() and not _hidden(p, root))
    elif os.path.exists(given):
        files = [given]
    elif any(char in given for char in "*?["):
        files = sorted(f for f in glob.glob(given, recursive=True) if os.path.isfile(f))
    elif tables:
        return Source(given, "table")
    else:
        raise MeasureError(f"{quote(given)}: no such file or folder")
    kinds = {log_format(f) for f in files}
    if not files:
        raise MeasureError(f"{quote(given)}: no event files found")
    if None in kinds:
        odd = next(f for f in files if log_format(f) is None)
        if len(files) == 1:
            # one file with an unknown ending: read it as CSV, the commonest export
            return Source(given, "csv", tuple(files))
        raise MeasureError(
            f"{quote(given)}: {quote(odd)} is not an event log by its name "
            f"(known endings: {', '.join(SUFFIXES)}, optionally .gz)"
        )
    if len(kinds) > 1:
        raise MeasureError(
            f"{quote(given)}: mixes {', '.join(sorted(str(k) for k in kinds))} files; "
            "give each format as its own argument"
        )
    return Source(given, kinds.pop() or "csv", tuple(files))


def connect(
    engine: str, memory_limit: str | None = None, temp_directory: str | None = None
) -> tuple[BaseBackend, str]:
    """The backend for ``--engine`` and its name: duckdb (embedded, with its ``memory_limit``
    and ``temp_directory`` to spill to when given), pyspark (the active Spark configuration:
    ``spark.master``, or Spark Connect through ``SPARK_REMOTE``), or a URL."""
    import ibis

    if engine == "duckdb":
        config = {"memory_limit": memory_limit, "temp_directory": temp_directory}
        try:
            con = ibis.duckdb.connect(**{k: v for k, v in config.items() if v is not None})
        except Exception as exc:  # DuckDB's own word on a bad setting: exit 2
            raise MeasureError(f"cannot start DuckDB: {first_line(exc)}") from None
        con.raw_sql("SET TimeZone = 'UTC'")
        return con, "duckdb"
    if engine == "pyspark":
        try:
            from pyspark.sql import SparkSession
        except ImportError:
            raise MeasureError(
                "--engine pyspark needs PySpark: pip install 'journeykit[spark]'"
            ) from None
        session = SparkSession.builder.getOrCreate()
        session.conf.set("spark.sql.session.timeZone", "UTC")
        _tune_local(session)
        return ibis.pyspark.connect(session), "pyspark"
    if "://" not in engine:
        raise MeasureError(
            f"--engine {quote(engine)}: use duckdb, pyspark, or an Ibis backend URL "
            "such as duckdb:///events.ddb or postgres://user@host/db"
        )
    try:
        con = ibis.connect(engine)
    except Exception as exc:  # any backend's own error: a usage error, never a traceback
        raise MeasureError(f"--engine: cannot connect: {first_line(exc)}") from None
    return con, str(getattr(con, "name", engine.split(":", 1)[0]))


def _tune_local(session: Any) -> None:
    """On a local master the user has not tuned, 200 shuffle partitions only cost time."""
    try:
        conf = session.sparkContext.getConf()
    except Exception:  # Spark Connect has no SparkContext: the server's settings stand
        return
    if conf.get("spark.master", "").startswith("local") and not conf.contains(
        "spark.sql.shuffle.partitions"
    ):
        session.conf.set("spark.sql.shuffle.partitions", str(max(2, os.cpu_count() or 2)))


def first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return (text.splitlines() or [type(exc).__name__])[0][:300]


def read(con: BaseBackend, name: str, source: Source, columns: Columns) -> ir.Table:
    """One source as a table of the wanted columns ``c, e, t, s, b``: text, except ``t`` when the
    log stores times as timestamps (it then stays one)."""
    return _project(_read_one(con, name, source), source, columns)


def _read_one(con: Any, name: str, source: Source) -> ir.Table:
    try:
        if source.kind == "table":
            return con.table(source.given)
        target = source.given if name == "pyspark" else list(source.files)
        if source.kind == "csv":
            if name == "duckdb":
                # text columns (no type guessing); a short row is padded with nulls and a long
                # one loses its extra fields, as Spark's permissive mode does: never fatal
                return con.read_csv(
                    target, all_varchar=True, header=True, null_padding=True, strict_mode=False
                )
            return con.read_csv(target, header=True)
        if source.kind == "parquet":
            if name == "duckdb":
                return con.read_parquet(target, hive_partitioning=os.path.isdir(source.given))
            return con.read_parquet(target)
        if name == "duckdb":
            return con.read_json(target, format="newline_delimited")
        if name == "pyspark":
            return con.read_json(target, primitivesAsString=True)
        return con.read_json(target)
    except MeasureError:
        raise
    except Exception as exc:  # the backend's reader: unreadable, not the format its name says
        raise MeasureError(f"{quote(source.given)}: cannot read: {first_line(exc)}") from None


def _project(table: ir.Table, source: Source, columns: Columns) -> ir.Table:
    import ibis.expr.datatypes as dt

    found = list(table.columns)
    missing = [c for c in columns.wanted if c not in found]
    if missing:
        shown = ", ".join(quote(c) for c in found[:20]) + (", …" if len(found) > 20 else "")
        need = ", ".join(quote(c) for c in missing)
        raise MeasureError(
            f"{quote(source.given)} is not an event log with the columns asked for: "
            f"no {need}; its columns are {shown or 'none'} "
            "(name yours with --customer-col, --event-col, --time-col, --score-col, --by)"
        )
    time = table[columns.time]
    if not (time.type().is_timestamp() or time.type().is_date()):
        time = time.cast(dt.string)
    elif time.type().is_date():
        time = time.cast(dt.Timestamp())
    out = {
        "c": table[columns.customer].cast(dt.string),
        "e": table[columns.event].cast(dt.string),
        "t": time,
        "s": table[columns.score].cast(dt.string) if columns.score else None,
        "b": table[columns.by].cast(dt.string) if columns.by else None,
    }
    return table.select(**{k: v if v is not None else _null_text() for k, v in out.items()})


def _null_text() -> Any:
    import ibis

    return ibis.null("string")


__all__ = ["Source", "connect", "first_line", "log_format", "read", "resolve"]
