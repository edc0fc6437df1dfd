"""Benchmark `journey lint` against `journey validate` on the 1,000-map corpus.

    python benchmarks/bench_lint.py [--count 1000] [--corpus DIR] [--repeat 5] [--touchpoints 2000]

Reports, on this machine and in one run:
* in-process over the corpus: validation alone (read, parse, schema, references; each map dropped
  after loading, the cheapest way to validate), then what lint adds on top of the loaded maps
  (every rule, directive scanning, suppression, dedup and sorting) as a share of that (target:
  at most +50 %);
* the time of each rule over the corpus, slowest first (to spot a rule that needs an index);
* one generated map with --touchpoints touchpoints: load versus rules (catches quadratic rules);
* `journey validate DIR` and `journey lint DIR` as commands (with Python start-up).
Times are the best of --repeat runs in-process, the median for commands.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from common import best_of, command_time, generate

HERE = Path(__file__).resolve().parent
TODAY = dt.date(2026, 11, 22)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--corpus", type=Path, help="reuse a corpus folder instead of generating")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--touchpoints", type=int, default=2000)
    args = parser.parse_args()

    from journeykit.config import Config
    from journeykit.lint import Policy, defaults, lint, run_rules
    from journeykit.model import MapIndex
    from journeykit.rules import RULES, RuleContext
    from journeykit.validate import load

    workdir = Path(tempfile.mkdtemp(prefix="journeykit-bench-lint-"))
    try:
        if args.corpus is not None:
            corpus, files = args.corpus, sorted(args.corpus.glob("*.journey.yaml"))
        else:
            corpus = workdir / "corpus"
            files = generate(corpus, "--count", str(args.count))
        paths = [str(f) for f in files]
        policy = Policy(Config())
        sizes = [f.stat().st_size for f in files]
        print(f"corpus: {len(files)} maps, mean {statistics.mean(sizes) / 1024:.1f} KB")

        def validate_streaming() -> None:
            for path in paths:
                load(path)

        t_validate = best_of(args.repeat, validate_streaming)
        loaded = [load(path) for path in paths]
        findings = 0

        def lint_loaded() -> None:
            nonlocal findings
            findings = len(lint(loaded, policy, TODAY))

        t_engine = best_of(args.repeat, lint_loaded)
        print(f"validate, in-process, map by map:  {t_validate * 1000:8.1f} ms")
        share = t_engine / t_validate
        print(f"lint on top of the loaded maps:    {t_engine * 1000:8.1f} ms  (+{share:.0%} of "
              f"validate; target <= +50 %; {findings} findings)")  # fmt: skip

        settings = defaults()
        per_rule: dict[str, float] = {}
        for rule_id in RULES:

            def one_rule(rule_id: str = rule_id) -> None:
                rule, options = RULES[rule_id], settings[rule_id].options
                for m in loaded:
                    ctx = RuleContext(m, MapIndex(m.journey), TODAY, rule_id, rule.LEVEL, options)
                    for _ in rule.check(ctx):
                        pass

            per_rule[rule_id] = best_of(args.repeat, one_rule)
        print("each rule over the corpus (fresh MapIndex per map), slowest first:")
        for rule_id, seconds in sorted(per_rule.items(), key=lambda kv: -kv[1])[:8]:
            print(f"  {rule_id:30} {seconds * 1000:7.1f} ms")

        big = generate(workdir / "big", "--count", "1", "--touchpoints", str(args.touchpoints))[0]
        t_load = best_of(args.repeat, lambda: load(big))
        big_map = load(big)
        t_rules = best_of(args.repeat, lambda: run_rules(big_map, settings, TODAY))
        print(f"one map of {args.touchpoints} touchpoints ({big.stat().st_size // 1024} KB): "
              f"load {t_load * 1000:.1f} ms, all rules {t_rules * 1000:.1f} ms")  # fmt: skip

        journey = shutil.which("journey") or str(Path(sys.executable).parent / "journey")
        repeat = max(1, args.repeat // 2)
        c_validate = command_time([journey, "validate", "-f", "parsable", str(corpus)], repeat)
        c_lint = command_time(
            [journey, "lint", "--today", str(TODAY), "-f", "parsable", str(corpus)], repeat
        )
        print(f"`journey validate DIR`:          {c_validate * 1000:8.1f} ms (with start-up)")
        extra = (c_lint - c_validate) / c_validate
        print(f"`journey lint DIR`:              {c_lint * 1000:8.1f} ms "
              f"({extra:+.0%}; includes printing the findings)")  # fmt: skip
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
