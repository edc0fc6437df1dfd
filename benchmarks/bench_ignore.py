"""Benchmark `ignore:` globs: 50,000 patterns on a folder of three maps (issue 11: 10 s before).

    python benchmarks/bench_ignore.py [--patterns 50000] [--repeat 5]

Times, in-process and in one run, finding the maps of a folder (``discovery.expand``, which asks
``Config.ignored`` for every file) with the patterns matched as before (``fnmatch`` per pattern
and path, the reference kept below) and as now (``config.Globs``, prepared once). The patterns
are a mix: half literal paths, half ``*`` globs, and 1 % with ``?``. Prints the median and the
spread (min-max) of each and their ratio.
"""

from __future__ import annotations

import argparse
import fnmatch
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def fnmatch_each(path: str, patterns: list[str]) -> bool:
    """journeykit's matching before it prepared the patterns once (the reference)."""
    parts = [part for part in path.split("/") if part not in ("", ".")]
    count = len(parts)
    for raw in patterns:
        pattern = raw.removeprefix("./")
        folder_only = pattern.endswith("/")
        pattern = pattern.strip("/")
        if not pattern:
            continue
        anchored = "/" in pattern or raw.startswith("/")
        starts = [0] if anchored else range(count)
        for i in starts:
            for j in range(i + 1, count + (0 if folder_only else 1)):
                subject = "/".join(parts[i:j])
                if fnmatch.fnmatchcase(subject, pattern) or (
                    "**/" in pattern and fnmatch.fnmatchcase(subject, pattern.replace("**/", ""))
                ):
                    return True
    return False


def patterns(count: int) -> list[str]:
    out = []
    for i in range(count):
        if i % 100 == 0:
            out.append(f"old/map-?{i}.journey.yaml")
        elif i % 2:
            out.append(f"archive/{i // 1000}/map-{i}.journey.yaml")
        else:
            out.append(f"*-draft-{i}.journey.yaml")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patterns", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from journeykit import config as config_module
    from journeykit.config import load_config
    from journeykit.discovery import expand

    minimal = (HERE.parent / "tests" / "fixtures" / "valid" / "minimal.journey.yaml").read_text()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name in ("a.journey.yaml", "team/b.journey.yaml", "team/x/c.journey.yaml"):
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(minimal)
        globs = "".join(f"  - {p!r}\n" for p in patterns(args.patterns))
        (root / "journeykit.yaml").write_text(f"ignore:\n{globs}")
        old_cwd = os.getcwd()
        os.chdir(root)
        try:
            config = load_config()
            prepared = config_module.matches

            def run(matcher: object) -> list[float]:
                config_module.matches = matcher  # type: ignore[assignment]
                times = []
                for _ in range(args.repeat):
                    config_module._compiled.cache_clear()  # each run starts cold, as a command does
                    fnmatch._compile_pattern.cache_clear()  # type: ignore[attr-defined]
                    start = time.perf_counter()
                    found = expand(["."], config)
                    times.append(time.perf_counter() - start)
                    assert len(found) == 3, found
                return times

            before = run(fnmatch_each)
            after = run(prepared)
            config_module.matches = prepared
        finally:
            os.chdir(old_cwd)

    def show(label: str, times: list[float]) -> float:
        median = statistics.median(times)
        print(f"{label:<34} median {median * 1000:9.1f} ms  (min {min(times) * 1000:.1f}, "
              f"max {max(times) * 1000:.1f}, {len(times)} runs)")  # fmt: skip
        return median

    print(f"{args.patterns:,} ignore globs, a folder of 3 maps, discovery.expand")
    old = show("before: fnmatch per pattern", before)
    new = show("now: patterns prepared once", after)
    print(f"ratio before/now: {old / new:.0f}x "
          f"(from {min(before) / max(after):.0f}x to {max(before) / min(after):.0f}x)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
