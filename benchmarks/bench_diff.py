"""Benchmark `journey diff`: two 1,000-touchpoint maps that differ in 5 % of their content.

    python benchmarks/bench_diff.py [--touchpoints 1000] [--change-percent 5] [--repeat 5]

The maps come from gen_corpus.py (`--touchpoints`, then `--variant-of ... --change-percent`).
Reports, in-process (Python start-up excluded), the best of --repeat runs of:
* load + validate of both maps;
* the comparison itself (`diff_maps`), then pairing, means and scorecard deltas (`build`);
* formatting as text, markdown and json;
* the total of a whole `journey diff` in-process (load, validate, compare, scorecard, text);
and, for reference, `journey diff OLD NEW` as a subprocess (median, start-up included).
Target: the in-process total under 0.5 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import best_of, generate

HERE = Path(__file__).resolve().parent
TODAY = dt.date(2026, 11, 22)
TARGET = 0.5


def generate_pair(out: Path, touchpoints: int, percent: float) -> tuple[Path, Path]:
    (old,) = generate(out / "old", "--count", "1", "--touchpoints", str(touchpoints))
    (new,) = generate(out / "new", "--variant-of", str(old), "--change-percent", str(percent))
    return old, new


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--touchpoints", type=int, default=1000)
    parser.add_argument("--change-percent", type=float, default=5)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from journeykit.diff import format_json, format_markdown, format_text
    from journeykit.diff.build import build
    from journeykit.diff.compare import diff_maps
    from journeykit.diff.sources import Side
    from journeykit.validate import load

    with tempfile.TemporaryDirectory() as tmp:
        old_path, new_path = generate_pair(Path(tmp), args.touchpoints, args.change_percent)
        old, new = load(old_path), load(new_path)
        assert old.valid and new.valid, (old.problems[:3], new.problems[:3])
        changes = diff_maps(old.journey, new.journey)
        result = build(Side("old", [old]), Side("new", [new]), TODAY)

        t_load = best_of(args.repeat, lambda: (load(old_path), load(new_path)))
        t_compare = best_of(args.repeat, lambda: diff_maps(old.journey, new.journey))
        t_build = best_of(args.repeat, lambda: build(Side("old", [old]), Side("new", [new]), TODAY))
        t_text = best_of(args.repeat, lambda: format_text.render(result))
        t_md = best_of(args.repeat, lambda: format_markdown.render(result))
        t_json = best_of(args.repeat, lambda: format_json.render(result))

        def whole() -> str:
            a, b = load(old_path), load(new_path)
            return format_text.render(build(Side("old", [a]), Side("new", [b]), TODAY))

        t_total = best_of(args.repeat, whole)

        journey_bin = shutil.which("journey") or str(Path(sys.executable).parent / "journey")
        runs = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            subprocess.run(
                [journey_bin, "diff", str(old_path), str(new_path)],
                check=False,
                stdout=subprocess.DEVNULL,
                env={"JOURNEYKIT_TODAY": str(TODAY), "PATH": str(Path(sys.executable).parent)},
            )
            runs.append(time.perf_counter() - start)
        t_cli = statistics.median(runs)
        t_python = statistics.median(
            best_of(1, lambda: subprocess.run([sys.executable, "-c", "pass"], check=True))
            for _ in range(args.repeat)
        )

        size = (old_path.stat().st_size + new_path.stat().st_size) / 2 / 1024
        counts = result.counts()
        print(
            f"maps: {len(old.journey.touchpoints)} and {len(new.journey.touchpoints)} "
            f"touchpoints, {size:.0f} KB each; {len(changes)} changes "
            f"({', '.join(f'{n} {c}' for c, n in counts.items())})"
        )
        print(f"load + validate both   {t_load * 1000:8.1f} ms")
        print(f"compare (diff_maps)    {t_compare * 1000:8.1f} ms")
        print(f"build (+ means, score) {t_build * 1000:8.1f} ms")
        print(f"format text            {t_text * 1000:8.1f} ms")
        print(f"format markdown        {t_md * 1000:8.1f} ms")
        print(f"format json            {t_json * 1000:8.1f} ms")
        verdict = "under" if t_total < TARGET else "OVER"
        print(f"total in-process       {t_total * 1000:8.1f} ms  ({verdict} the {TARGET} s target)")
        print(
            f"`journey diff` process {t_cli * 1000:8.1f} ms  (python -c pass: "
            f"{t_python * 1000:.0f} ms)"
        )
    return 0 if t_total < TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
