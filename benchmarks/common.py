"""Helpers shared by the benchmark scripts (run as `python benchmarks/bench_*.py`)."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path


def best_of(repeat: int, work: Callable[[], object], *, warm_up: bool = False) -> float:
    """The fastest of ``repeat`` runs, in seconds: the one least disturbed by other work."""
    if warm_up:
        work()  # imports, caches, template compilation
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def command_time(args: list[str], repeat: int) -> float:
    """The median wall time of running a command ``repeat`` times, start-up included."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(args, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


HERE = Path(__file__).resolve().parent


def generate(out: Path, *extra: str) -> list[Path]:
    """Write maps with gen_corpus.py into ``out`` (extra arguments passed on), sorted."""
    subprocess.run(
        [sys.executable, str(HERE / "gen_corpus.py"), str(out), *extra],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return sorted(out.glob("*.journey.yaml"))
