"""Benchmark shell completion: what a <Tab> costs, against `journey --version` and `--help`.

    python benchmarks/bench_completion.py [--repeat 10]

Each case runs the installed `journey` script as bash's completion function does
(`_JOURNEY_COMPLETE=complete_bash`, COMP_WORDS, COMP_CWORD) and reports the best of --repeat runs,
start-up included, next to `python -c pass`, `journey --version` (no typer) and `journey --help`.
Completion imports the whole CLI (typer, and pydantic through typer's parameter conversion), so
it costs what `--help` costs; the rest of the commands' dependencies stay unimported.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

JOURNEY = Path(sys.executable).parent / "journey"
CASES = {
    "command name (journey va<Tab>)": "journey va",
    "subcommand (journey import <Tab>)": "journey import ",
    "option name (journey lint --<Tab>)": "journey lint --",
    "choice (journey lint --fail-level <Tab>)": "journey lint --fail-level ",
}


def best(args: list[str], env: dict[str, str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(args, env=env, check=False, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    repeat = parser.parse_args().repeat
    env = dict(os.environ)
    rows = [
        ("python -c pass", best([sys.executable, "-c", "pass"], env, repeat)),
        ("journey --version", best([str(JOURNEY), "--version"], env, repeat)),
        ("journey --help", best([str(JOURNEY), "--help"], env, repeat)),
    ]
    for label, line in CASES.items():
        words = line.split() + ([""] if line.endswith(" ") else [])
        asking = {
            **env,
            "_JOURNEY_COMPLETE": "complete_bash",
            "COMP_WORDS": " ".join(words),
            "COMP_CWORD": str(len(words) - 1),
        }
        rows.append((label, best([str(JOURNEY)], asking, repeat)))
    width = max(len(label) for label, _ in rows)
    for label, seconds in rows:
        print(f"{label.ljust(width)}  {seconds * 1000:6.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
