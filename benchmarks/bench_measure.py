"""Benchmark `journey measure` on a large Parquet log: Ibis on DuckDB against hand-written SQL.

    python benchmarks/bench_measure.py [--events 10000000] [--repeat 3] [--data DIR]
        [--memory-limit 12GB] [--spill DIR]

The log comes from gen_events.py (the SaaS example map, seed 7), made once and kept in --data.
Each run is a fresh Python process that computes every figure (rows hygiene, customers, reach and
scores, the stage funnel with a 14-day window and its time quantiles, transitions, the funnel by
variant, the metric values) and reports its wall time and peak RSS. The two ways alternate run by
run, so both meet the same machine load:

- ``ibis``: ``journeykit.measure.api.measure`` (the engine ``journey measure`` runs);
- ``sql``: the same figures as hand-written DuckDB SQL, one statement per figure.

Reports medians with their spread (min-max), the Ibis/SQL ratio, peak RSS, and whether the two
agree on the headline counts. With --memory-limit, both set DuckDB's ``memory_limit`` and spill
to --spill (the Ibis run through ``MeasureOptions``, as the ``events:`` settings
``memory_limit`` and ``temp_directory`` do).

Both compute the same figures with the same semantics: the duplicates' score and variant as
their ``min``, a customer's --by value from their first used event (a null value included), the
touchpoint figures, the funnel and its quantiles, transitions with distinct customers and the
median gap, the funnel per variant with its quantiles, and the conversion and time metrics.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
MAP = ROOT / "examples" / "saas-trial-to-paid.journey.yaml"
WINDOW_S = 14 * 86400
KEYS = ("used", "customers", "entered", "groups")


def ensure_log(events: int, data: Path, copies: int = 1) -> Path:
    """The generated log (made once); with ``copies``, that log N times over with the customer
    ids suffixed -1, -2, …, so every count is N times the original's (100 M rows from 10 M in a
    minute of DuckDB instead of an hour of simulation)."""
    data.mkdir(parents=True, exist_ok=True)
    path = data / f"events-{events}.parquet"
    if copies > 1:
        base = ensure_log(events, data)
        many = data / f"events-{events}x{copies}.parquet"
        if not many.exists():
            import duckdb

            print(f"writing {many} (once) ...", file=sys.stderr)
            partial = many.with_suffix(".partial.parquet")
            duckdb.sql(
                f"""COPY (SELECT customer_id || '-' || k AS customer_id, event, "timestamp",
                          score, variant
                   FROM read_parquet({_sql_text(str(base))}), range({copies}) AS r(k))
                   TO {_sql_text(str(partial))} (FORMAT parquet)"""
            )
            partial.rename(many)
        return many
    if not path.exists():
        print(f"generating {path} (once) ...", file=sys.stderr)
        partial = path.with_suffix(".partial.parquet")
        subprocess.run(
            [sys.executable, str(HERE / "gen_events.py"), str(MAP), str(partial),
             "--events", str(events), "--seed", "7", "--window", "14d"],
            check=True,
        )  # fmt: skip
        partial.rename(path)
    return path


# ---------------------------------------------------------------------------------------------
# The runs (each in its own process)


def run_ibis(log: Path, memory_limit: str | None, spill: str | None) -> dict[str, Any]:
    from journeykit.measure.api import measure
    from journeykit.measure.plan import Columns, MeasureOptions
    from journeykit.validate import load

    journey = load(MAP).journey
    options = MeasureOptions(
        columns=Columns(score="score", by="variant"),
        window_s=WINDOW_S,
        memory_limit=memory_limit,
        temp_directory=spill,
    )
    result = measure(journey, [str(log)], options)
    return {
        "used": result.rows.used,
        "customers": result.customers,
        "entered": [s.entered for s in result.stages],
        "transitions": len(result.transitions),
        "groups": [[s.entered for s in g.stages] for g in result.breakdown.groups]
        if result.breakdown
        else [],
    }


def _sql_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def run_sql(log: Path, memory_limit: str | None, spill: str | None) -> dict[str, Any]:
    """Every figure as hand-written DuckDB SQL (the mapping of events to touchpoints is built
    from the map here, as a CASE in journey order)."""
    import duckdb

    from journeykit.model import MapIndex
    from journeykit.validate import load

    journey = load(MAP).journey
    index = MapIndex(journey)
    stage_of = {s.id: i for i, s in enumerate(journey.stages)}
    ordered = index.ordered
    cases, stages = [], []
    for pos, tp in enumerate(ordered):
        names = tp.events or [tp.id]
        exact = [n for n in names if not any(ch in n for ch in "*?[")]
        globs = [n for n in names if n not in exact]
        tests = ([f"e IN ({', '.join(_sql_text(n) for n in exact)})"] if exact else []) + [
            f"e GLOB {_sql_text(g)}" for g in globs
        ]
        cases.append(f"WHEN {' OR '.join(tests)} THEN {pos}")
        stages.append(f"WHEN {pos} THEN {stage_of[tp.stage]}")
    tp_case = "CASE " + " ".join(cases) + " END"
    stage_case = "CASE tp " + " ".join(stages) + " END"
    window = WINDOW_S * 1_000_000
    config: dict[str, Any] = {}
    if memory_limit:
        config["memory_limit"] = memory_limit
    if spill:
        config["temp_directory"] = spill
    con = duckdb.connect(config=config)
    con.execute("SET TimeZone = 'UTC'")
    q = f"""
        CREATE TEMP TABLE raw AS
        SELECT customer_id AS c, event AS e, epoch_us(CAST("timestamp" AS TIMESTAMP)) AS us,
               TRY_CAST(score AS DOUBLE) AS s, CAST(variant AS VARCHAR) AS b,
               (customer_id IS NOT NULL AND trim(customer_id) <> '' AND event IS NOT NULL
                AND trim(event) <> '' AND "timestamp" IS NOT NULL) AS ok
        FROM read_parquet({_sql_text(str(log))})
    """
    con.execute(q)
    con.execute(
        f"""CREATE TEMP TABLE dedup AS
        SELECT c, e, us, min(s) AS s, min(b) AS b, {tp_case} AS tp
        FROM raw WHERE ok GROUP BY c, e, us"""
    )
    con.execute(
        f"CREATE TEMP TABLE used AS SELECT *, {stage_case} AS st FROM dedup WHERE tp IS NOT NULL"
    )
    read, rejected = con.execute("SELECT count(*), count(*) FILTER (NOT ok) FROM raw").fetchone()  # type: ignore[misc]
    distinct, unmapped = con.execute(
        "SELECT count(*), count(*) FILTER (tp IS NULL) FROM dedup"
    ).fetchone()  # type: ignore[misc]
    used = distinct - unmapped
    customers = con.execute("SELECT count(DISTINCT c) FROM used").fetchone()[0]  # type: ignore[index]
    con.execute(
        "SELECT tp, count(DISTINCT c), count(*), avg(s), count(s) FROM used GROUP BY tp"
    ).fetchall()
    # the ordered funnel: T1, then each Tk from the customers who reached T(k-1)
    n_stages = len(journey.stages)
    con.execute(
        "CREATE TEMP TABLE f0 AS "
        "SELECT c, min(us) AS t0, min(us) AS t FROM used WHERE st = 0 GROUP BY c"
    )
    for k in range(1, n_stages):
        con.execute(
            f"""CREATE TEMP TABLE f{k} AS
            SELECT u.c, any_value(p.t0) AS t0, min(u.us) AS t, any_value(p.t) AS prev
            FROM used u JOIN f{k - 1} p ON u.c = p.c
            WHERE u.st = {k} AND u.us >= p.t AND u.us <= p.t0 + {window} GROUP BY u.c"""
        )
    entered = [con.execute(f"SELECT count(*) FROM f{k}").fetchone()[0] for k in range(n_stages)]  # type: ignore[index]
    for k in range(1, n_stages):
        con.execute(f"SELECT quantile_disc(t - prev, [0.5, 0.25, 0.75, 0.9]) FROM f{k}").fetchall()
    # transitions: consecutive used events of a customer
    con.execute(
        """SELECT a, b, count(*), count(DISTINCT c), quantile_disc(gap, 0.5) FROM (
             SELECT c, tp AS a, lead(tp) OVER w AS b, lead(us) OVER w - us AS gap FROM used
             WINDOW w AS (PARTITION BY c ORDER BY us, tp, e))
           WHERE b IS NOT NULL GROUP BY a, b"""
    ).fetchall()
    # by variant: a customer's value on their first used event
    con.execute(
        "CREATE TEMP TABLE grp AS SELECT c, first(b ORDER BY us, tp, e) AS g FROM used GROUP BY c"
    )
    groups: dict[Any, list[int]] = {}
    for k in range(n_stages):
        for g, n in con.execute(
            f"SELECT g, count(*) FROM f{k} JOIN grp USING (c) GROUP BY g"
        ).fetchall():
            groups.setdefault(g, [0] * n_stages)[k] = n
        if k:
            con.execute(
                f"SELECT g, quantile_disc(t - prev, [0.5, 0.25, 0.75, 0.9]) "
                f"FROM f{k} JOIN grp USING (c) GROUP BY g"
            ).fetchall()
    # the metric values
    position = {tp.id: i for i, tp in enumerate(ordered)}
    for metric in journey.metrics:
        spec = metric.measure
        if spec is None or spec.kind not in ("conversion", "time"):
            continue
        a, b = (position[t] for t in spec.touchpoints)
        limit = f"AND u.us <= f.first + {window}" if spec.kind == "conversion" else ""
        con.execute(
            f"""WITH f AS (SELECT c, min(us) AS first FROM used WHERE tp = {a} GROUP BY c),
                   hit AS (SELECT f.c, min(u.us) - any_value(f.first) AS gap FROM f
                           JOIN used u ON u.c = f.c AND u.tp = {b} AND u.us >= f.first {limit}
                           GROUP BY f.c)
               SELECT (SELECT count(*) FROM f), count(*), quantile_disc(gap, 0.5) FROM hit"""
        ).fetchall()
    return {
        "used": used,
        "customers": customers,
        "entered": entered,
        "read": read,
        "rejected": rejected,
        "groups": [groups[g] for g in sorted(groups, key=lambda v: (v is None, v))],
    }


def child(mode: str, log: Path, memory_limit: str | None, spill: str | None) -> None:
    start = time.perf_counter()
    if mode == "ibis":
        summary = run_ibis(log, memory_limit, spill)
    else:
        summary = run_sql(log, memory_limit, spill)
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    rss_mb = usage.ru_maxrss / 1024
    cpu = usage.ru_utime + usage.ru_stime  # all threads: a figure other load hardly moves
    print(json.dumps({"seconds": seconds, "cpu": cpu, "rss_mb": rss_mb, "summary": summary}))


# ---------------------------------------------------------------------------------------------


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} (min {min(values):.2f}, max {max(values):.2f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--data", type=Path, default=Path("/tmp/journeykit-bench"))
    parser.add_argument("--memory-limit", help="DuckDB memory_limit, e.g. 12GB")
    parser.add_argument("--spill", help="DuckDB temp_directory for spilling")
    parser.add_argument("--copies", type=int, default=1, help="the log this many times over")
    parser.add_argument("--modes", default="ibis,sql", help="which runs: ibis, sql or both")
    parser.add_argument("--child", choices=("ibis", "sql"), help=argparse.SUPPRESS)
    parser.add_argument("--log", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.log, args.memory_limit, args.spill)
        return 0
    log = ensure_log(args.events, args.data, args.copies)
    modes = tuple(m for m in ("ibis", "sql") if m in args.modes.split(","))
    size = log.stat().st_size / 1e6
    print(f"log: {log} ({size:.0f} MB), map: {MAP.name}, window 14d, --by variant, score")
    times: dict[str, list[float]] = {"ibis": [], "sql": []}
    cpu: dict[str, list[float]] = {"ibis": [], "sql": []}
    cpu_ratios = []
    rss: dict[str, list[float]] = {"ibis": [], "sql": []}
    summaries: dict[str, dict[str, Any]] = {}
    ratios = []
    extra = []
    if args.memory_limit:
        extra += ["--memory-limit", args.memory_limit]
    if args.spill:
        extra += ["--spill", args.spill]
    for i in range(args.repeat):
        order = modes if i % 2 == 0 else modes[::-1]
        got: dict[str, float] = {}
        for mode in order:
            done = subprocess.run(
                [sys.executable, __file__, "--child", mode, "--log", str(log), *extra],
                capture_output=True, text=True, check=False, env=os.environ,
            )  # fmt: skip
            if done.returncode != 0:
                print(f"{mode} run failed:\n{done.stderr[-3000:]}", file=sys.stderr)
                return 1
            report = json.loads(done.stdout.strip().splitlines()[-1])
            times[mode].append(report["seconds"])
            cpu[mode].append(report["cpu"])
            rss[mode].append(report["rss_mb"])
            summaries[mode] = report["summary"]
            got[mode] = report["seconds"]
            seconds, peak = report["seconds"], report["rss_mb"]
            print(
                f"  run {i + 1} {mode:4}: {seconds:.2f} s wall, {report['cpu']:.2f} s CPU, "
                f"peak RSS {peak:.0f} MB",
                flush=True,
            )
        if len(modes) == 2:
            ratios.append(got["ibis"] / got["sql"])
            cpu_ratios.append(cpu["ibis"][-1] / cpu["sql"][-1])
    for mode in modes:
        print(f"{mode:4} wall s: {spread(times[mode])}; CPU s: {spread(cpu[mode])}; "
              f"peak RSS MB: {spread(rss[mode])}")  # fmt: skip
        print(f"  {mode}: {json.dumps({k: summaries[mode].get(k) for k in KEYS})}")
    if len(modes) < 2:
        return 0
    print(f"ibis (journey measure's engine): {spread(times['ibis'])} s")
    print(f"hand-written DuckDB SQL:         {spread(times['sql'])} s")
    print(f"ratio ibis/sql, run by run:      {spread(ratios)}")
    print(f"CPU s ibis: {spread(cpu['ibis'])}; sql: {spread(cpu['sql'])}")
    print(f"CPU ratio ibis/sql, run by run:  {spread(cpu_ratios)}")
    print(f"peak RSS MB ibis: {spread(rss['ibis'])}; sql: {spread(rss['sql'])}")
    same = all(summaries["ibis"].get(k) == summaries["sql"].get(k) for k in KEYS)
    print(f"headline counts agree: {same}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
