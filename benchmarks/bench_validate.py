"""Benchmark `journey validate` against the bare libyaml parse, and `journey --version` start-up.

    python benchmarks/bench_validate.py [--count 1000] [--corpus DIR] [--repeat 5]

Reports, on this machine and in one run:
* the bare libyaml parse of every corpus file (`yaml.load(text, Loader=yaml.CSafeLoader)`);
* journeykit's full validation of the same files in-process (read, parse with positions, schema,
  references), and the ratio to the bare parse (target: at most 1.5x);
* the whole `journey validate DIR` command as a subprocess (includes Python start-up and imports);
* `journey --version` next to `python -c pass` (target: at most 60 ms more).
Times are the best of --repeat runs (the least disturbed by other work on the machine).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

import yaml
from common import best_of, command_time, generate

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--corpus", type=Path, help="reuse a corpus folder instead of generating")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from journeykit.validate import load

    workdir = None
    corpus = args.corpus
    if corpus is None:
        workdir = Path(tempfile.mkdtemp(prefix="journeykit-bench-"))
        corpus = workdir / "corpus"
        generate(corpus, "--count", str(args.count))
    try:
        files = sorted(corpus.glob("*.journey.yaml"))
        sizes = [f.stat().st_size for f in files]
        print(f"corpus: {len(files)} maps, mean {statistics.mean(sizes) / 1024:.1f} KB")

        def bare() -> None:
            for f in files:
                yaml.load(f.read_bytes(), Loader=yaml.CSafeLoader)

        def ours() -> None:
            for f in files:
                loaded = load(f)
                assert loaded.valid, loaded.problems[:3]

        # interleaved, so that a noisy neighbour slows both sides alike
        t_bare, t_ours = float("inf"), float("inf")
        for _ in range(args.repeat):
            t_bare = min(t_bare, best_of(1, bare))
            t_ours = min(t_ours, best_of(1, ours))
        print(f"libyaml parse (yaml.load, CSafeLoader): {t_bare * 1000:8.1f} ms")
        print(f"journeykit validate, in-process:        {t_ours * 1000:8.1f} ms  "
              f"({t_ours / t_bare:.2f}x the bare parse; target <= 1.5x)")  # fmt: skip

        journey = shutil.which("journey") or str(Path(sys.executable).parent / "journey")
        t_cmd = command_time(
            [journey, "validate", "-f", "parsable", str(corpus)], max(1, args.repeat // 2)
        )
        print(f"`journey validate DIR` as a command:    {t_cmd * 1000:8.1f} ms (with start-up)")

        t_pass = command_time([sys.executable, "-c", "pass"], 15)
        t_version = command_time([journey, "--version"], 15)
        print(f"python -c pass:                         {t_pass * 1000:8.1f} ms (median)")
        print(f"journey --version:                      {t_version * 1000:8.1f} ms (median; "
              f"+{(t_version - t_pass) * 1000:.1f} ms, target <= +60 ms)")  # fmt: skip
    finally:
        if workdir is not None:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
