"""Benchmark `journey conform` on a large Parquet log: 10 M events, about 50 k variants, DuckDB.

    python benchmarks/bench_conform.py [--events 10000000] [--repeat 3] [--data DIR]

The log is made once (numpy, seeded) and kept in --data: customers walk a 16-touchpoint map's
planned path from a random start for a random length, and at each step a few jump to any
touchpoint instead, which gives a long tail of distinct traces (the script prints how many).
Each run is a fresh Python process running ``journeykit.conform.api.conform`` end to end (read,
row hygiene, mapping and variants on the engine; the edges summed from the variants and every
variant aligned in Python); it reports its wall time split into the alignment's part and the
rest, its CPU time and
peak RSS (the machine is shared: the load average is printed with the figures). Reports medians
with their spread (min-max) and the ratio to the issue's one-minute target.
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

TOUCHPOINTS = 16
TARGET_S = 60.0
MAP = "\n".join(
    [
        "journeykit: 1",
        "id: bench-conform",
        "title: Conformance benchmark",
        "personas:",
        "  - {id: user, name: User}",
        "stages:",
        *(f"  - {{id: s{i}, name: Stage {i}}}" for i in range(4)),
        "touchpoints:",
        *(f"  - {{id: t{i:02d}, name: Step {i}, stage: s{i // 4}}}" for i in range(TOUCHPOINTS)),
    ]
)


def ensure_log(events: int, data: Path, seed: int = 15) -> tuple[Path, Path]:
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    data.mkdir(parents=True, exist_ok=True)
    map_path = data / "bench-conform.journey.yaml"
    map_path.write_text(MAP + "\n", "utf-8")
    log = data / f"conform-{events}-{seed}-v2.parquet"
    if log.exists():
        return map_path, log
    rng = np.random.default_rng(seed)
    mean_length = 8
    customers = events // mean_length
    lengths = rng.integers(1, 2 * mean_length, size=customers)
    lengths[-1] += events - int(lengths.sum()) if events > int(lengths.sum()) else 0
    total = int(lengths.sum())
    owner = np.repeat(np.arange(customers), lengths)
    first = np.cumsum(lengths) - lengths
    step = np.arange(total) - np.repeat(first, lengths)
    start = np.repeat(rng.integers(0, 3, size=customers), lengths)
    touchpoint = np.minimum(start + step, TOUCHPOINTS - 1)
    jump = rng.random(total) < 0.045
    touchpoint[jump] = rng.integers(0, TOUCHPOINTS, size=int(jump.sum()))
    base = np.repeat(rng.integers(0, 60 * 86400, size=customers), lengths)
    seconds = base + step * 600 + rng.integers(0, 300, size=total)
    micros = (np.int64(1_767_225_600) + seconds) * 1_000_000
    names = np.array([f"t{i:02d}" for i in range(TOUCHPOINTS)])
    table = pa.table(
        {
            "customer_id": pc.cast(pa.array(owner), pa.string()),
            "event": pa.array(names[touchpoint]),
            "timestamp": pa.array(micros, type=pa.timestamp("us")),
        }
    )
    pq.write_table(table, log, row_group_size=1_000_000)
    return map_path, log


def child(map_path: Path, log: Path) -> None:
    from journeykit.conform import api, summary
    from journeykit.measure.plan import MeasureOptions
    from journeykit.validate import load

    journey = load(str(map_path)).journey
    assert journey is not None
    aligned = {"seconds": 0.0}
    original = summary.align_all

    def timed(flow: Any, traces: Any) -> Any:
        began = time.perf_counter()
        try:
            return original(flow, traces)
        finally:
            aligned["seconds"] += time.perf_counter() - began

    summary.align_all = timed  # type: ignore[assignment]
    began = time.perf_counter()
    result = api.conform(journey, [str(log)], MeasureOptions(), variants=1_000_000)
    seconds = time.perf_counter() - began
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(
        json.dumps(
            {
                "seconds": seconds,
                "align_s": aligned["seconds"],
                "cpu_s": usage.ru_utime + usage.ru_stime,
                "rss_mb": usage.ru_maxrss / 1024,
                "events": result.rows.used,
                "customers": result.customers,
                "variants": result.aligned_variants,
                "fitness": result.fitness,
            }
        )
    )


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} s (min {min(values):.2f}, max {max(values):.2f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--data", type=Path, default=Path("/tmp/journeykit-bench"))
    parser.add_argument("--child", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return 0
    map_path, log = ensure_log(args.events, args.data)
    runs: list[dict[str, Any]] = []
    for _ in range(args.repeat):
        done = subprocess.run(
            [sys.executable, __file__, "--child", str(map_path), str(log)],
            capture_output=True, text=True, check=False, env=os.environ,
        )  # fmt: skip
        if done.returncode != 0:
            print(f"run failed:\n{done.stderr[-3000:]}", file=sys.stderr)
            return 1
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    first = runs[0]
    print(
        f"log: {log.name}: {first['events']:,} used events, {first['customers']:,} customers, "
        f"{first['variants']:,} variants (all aligned), fitness {first['fitness']:.4f}"
    )
    total = [r["seconds"] for r in runs]
    align = [r["align_s"] for r in runs]
    engine = [r["seconds"] - r["align_s"] for r in runs]
    print(f"conform, end to end: {spread(total)}  ratio to the {TARGET_S:.0f} s target: "
          f"{statistics.median(total) / TARGET_S:.2f}")  # fmt: skip
    print(f"  engine (read, hygiene, variants) + edges: {spread(engine)}")
    print(f"  alignment of the variants (Python):       {spread(align)}")
    print(f"  CPU time of the run (all threads):        {spread([r['cpu_s'] for r in runs])}")
    print(f"  peak RSS: {max(r['rss_mb'] for r in runs):,.0f} MB; load average now: "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
