"""Benchmark `journey import mermaid`: how the time grows with the number of tasks.

    python benchmarks/bench_import_mermaid.py [--repeat 3]

Reports, on this machine and in one run, the in-process import of one diagram of 100 to 10,000
tasks (two actors each), split into reading the diagram (extraction and parsing) and the whole
import (mapping and writing the YAML, which dominates), with the time per task: it should stay
about flat (linear growth). Times are the best of --repeat runs.
"""

from __future__ import annotations

import argparse
import datetime as dt

from common import best_of


def diagram(tasks: int) -> bytes:
    lines = ["journey", "  title Benchmark"]
    for n in range(tasks):
        if n % 50 == 0:
            lines.append(f"  section Stage {n // 50}")
        lines.append(f"    Task number {n}: {n % 5 + 1}: Actor {n % 7}, Actor {n % 11}")
    return ("\n".join(lines) + "\n").encode()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from journeykit.interop.mermaid import parse
    from journeykit.interop.mermaid_extract import decode, find_blocks
    from journeykit.interop.mermaid_import import import_mermaid

    today = dt.date(2026, 11, 22)
    print(f"{'tasks':>7} {'read s':>8} {'import s':>9} {'µs/task':>8}")
    for tasks in (100, 1_000, 5_000, 10_000):
        data = diagram(tasks)

        def read(data: bytes = data) -> None:
            text, _ = decode(data, "bench.mmd")
            blocks, _ = find_blocks(text, "bench.mmd", "bench.mmd")
            parse(blocks[0].lines, "bench.mmd")

        def whole(data: bytes = data) -> None:
            result = import_mermaid(data, "bench.mmd", today)
            assert len(result.maps) == 1

        reading = best_of(args.repeat, read)
        total = best_of(args.repeat, whole)
        print(f"{tasks:>7} {reading:>8.3f} {total:>9.3f} {total / tasks * 1e6:>8.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
