"""Benchmark `journey score`: the scoring itself next to loading, and the whole command.

    python benchmarks/bench_score.py [--touchpoints 2000] [--count 200] [--repeat 5]

Reports, on this machine and in one run:
* for one generated map of --touchpoints touchpoints: load + validate, then `score_map` for all
  personas and for each persona (scoring should cost well under the load);
* `journey score DIR` and `journey validate DIR` as subprocesses over --count generated maps
  (score adds the scoring and the output on top of the same loading).
Times are the best of --repeat runs (in-process) or the median (subprocesses).
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

from common import best_of, command_time, generate

HERE = Path(__file__).resolve().parent
TODAY = dt.date(2026, 11, 22)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--touchpoints", type=int, default=2000)
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from journeykit.score import score_map
    from journeykit.validate import load

    journey_bin = shutil.which("journey") or str(Path(sys.executable).parent / "journey")
    with tempfile.TemporaryDirectory() as tmp:
        big = generate(Path(tmp) / "big", "--count", "1", "--touchpoints", str(args.touchpoints))[0]
        loaded = load(big)
        assert loaded.valid, loaded.problems[:3]
        journey = loaded.journey
        personas = [p.id for p in journey.personas]
        t_load = best_of(args.repeat, lambda: load(big))
        t_all = best_of(args.repeat, lambda: score_map(journey, today=TODAY))
        t_each = best_of(
            args.repeat, lambda: [score_map(journey, today=TODAY, persona=p) for p in personas]
        )
        print(f"one map: {len(journey.touchpoints)} touchpoints, {len(personas)} personas, "
              f"{big.stat().st_size / 1024:.0f} KB")  # fmt: skip
        print(f"  load + validate          {t_load * 1000:8.1f} ms")
        print(f"  score, all personas      {t_all * 1000:8.1f} ms")
        print(f"  score, each persona      {t_each * 1000:8.1f} ms ({len(personas)} scorecards)")

        corpus = Path(tmp) / "corpus"
        generate(corpus, "--count", str(args.count))
        t_validate = command_time([journey_bin, "validate", str(corpus)], args.repeat)
        t_score = command_time(
            [journey_bin, "score", "--today", TODAY.isoformat(), str(corpus)], args.repeat
        )
        t_json = command_time(
            [journey_bin, "score", "-f", "json", "--today", TODAY.isoformat(), str(corpus)],
            args.repeat,
        )
        print(f"{args.count} maps as subprocesses (median):")
        print(f"  journey validate DIR     {t_validate * 1000:8.1f} ms")
        print(f"  journey score DIR        {t_score * 1000:8.1f} ms (stylish)")
        print(f"  journey score -f json    {t_json * 1000:8.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
