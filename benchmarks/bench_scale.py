"""Scale and speed of whole `journey` processes, as ratios side by side in one run (issue 12).

    python benchmarks/bench_scale.py [--maps 1000] [--repeat 3] [--growth 1000,5000,10000,20000]
                                     [--skip-growth] [--skip-mmdc]
                                     [--only startup|folder|svg|growth]

Every figure is a whole process (start-up and imports included), the median of --repeat runs
with its spread (min–max), in CPU seconds (user + system of the process and its children) and
wall seconds: CPU time is what the commands cost; on a shared machine the wall time also counts
the waiting. Peak memory is the largest resident set of the process (ru_maxrss).

Reported against the targets of issue 12:
* validate of a generated folder of --maps maps against the libyaml parse floor (reading every
  file with PyYAML's C event parser and nothing else);
* lint / validate, peak RSS of validate, lint, score and render over the same folder
  (each within 2x validate's);
* score text / score --format json (at most 1.5x);
* `journey --help`, `journey validate --help` and `journey --version` over bare Python
  (help at most +60 ms);
* `journey render MAP -o x.svg` against Mermaid's CLI (mmdc) drawing the same journey as
  Mermaid text (at least 10x faster), when mmdc and Chromium are installed;
* the growth of validate / lint / score / render (HTML) over one map of 1,000 to 20,000
  touchpoints: seconds per 1,000 touchpoints should stay flat (linear growth); a 20,000-touchpoint
  HTML render under 30 s.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from common import generate

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
JOURNEY = [sys.executable, "-m", "journeykit"]
TYPER = [sys.executable, "-c", "import sys; from journeykit.cli.app import run; run(sys.argv[1:])"]
TODAY = ["--today", "2026-11-22"]
MMDC = Path.home() / ".cache" / "journeykit" / "mermaid-cli" / "node_modules" / ".bin" / "mmdc"
CHROMIUM = Path("/usr/bin/chromium")


@dataclass
class Sample:
    cpu: list[float]
    wall: list[float]
    rss_mb: float  # the largest peak resident set of the runs

    @staticmethod
    def _fmt(values: list[float], unit: float, digits: int) -> str:
        med = statistics.median(values) * unit
        return f"{med:.{digits}f} ({min(values) * unit:.{digits}f}–{max(values) * unit:.{digits}f})"

    def cpu_s(self, digits: int = 3) -> str:
        return self._fmt(self.cpu, 1, digits)

    def wall_s(self, digits: int = 3) -> str:
        return self._fmt(self.wall, 1, digits)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)

    @property
    def wall_median(self) -> float:
        return statistics.median(self.wall)


def measure(args: list[str], repeat: int, cwd: Path | None = None) -> Sample:
    """Run ``args`` ``repeat`` times in a fresh process each; CPU, wall and peak RSS."""
    cpu, wall, rss = [], [], 0.0
    for _ in range(repeat):
        probe = [sys.executable, str(HERE / "_rusage.py"), *args]
        start = time.perf_counter()
        done = subprocess.run(probe, cwd=cwd, capture_output=True, text=True, check=False)
        wall.append(time.perf_counter() - start)
        figures = json.loads(done.stdout.strip().splitlines()[-1])
        cpu.append(figures["cpu"])
        rss = max(rss, figures["rss_mb"])
    return Sample(cpu, wall, rss)


def ratio(a: Sample, b: Sample) -> str:
    """a / b of the CPU medians, with the spread of the ratio over the pairs of runs."""
    pairs = sorted(x / y for x, y in zip(a.cpu, b.cpu, strict=False) if y > 0)
    return f"{a.cpu_median / b.cpu_median:5.2f}x ({pairs[0]:.2f}–{pairs[-1]:.2f})"


def verdict(ok: bool) -> str:
    return "meets" if ok else "MISSES"


def startup(repeat: int) -> None:
    print("\n## Start-up (CPU ms over bare Python; target: help at most +60 ms)")
    bare = measure([sys.executable, "-c", "pass"], repeat * 3)
    rows = {
        "journey --version": [*JOURNEY, "--version"],
        "journey --help": [*JOURNEY, "--help"],
        "journey validate --help": [*JOURNEY, "validate", "--help"],
        "journey render --help": [*JOURNEY, "render", "--help"],
        "journey import csv --help": [*JOURNEY, "import", "csv", "--help"],
        # the same help drawn by typer from the command itself (the path before the fast one)
        "validate --help by typer": [*TYPER, "validate", "--help"],
    }
    print(f"{'':28} {'CPU ms (min–max)':>22} {'over bare':>10} {'wall ms':>10}")
    print(f"{'bare python':28} {bare.cpu_median * 1000:10.0f} ({min(bare.cpu) * 1000:.0f}–"
          f"{max(bare.cpu) * 1000:.0f})")  # fmt: skip
    for name, args in rows.items():
        s = measure(args, repeat * 3)
        over = (s.cpu_median - bare.cpu_median) * 1000
        target = "" if "version" in name or "typer" in name else f"  {verdict(over <= 60)}"
        spread = f"({min(s.cpu) * 1000:.0f}–{max(s.cpu) * 1000:.0f})"
        cpu_ms, wall_ms = s.cpu_median * 1000, s.wall_median * 1000
        print(f"{name:28} {cpu_ms:10.0f} {spread} {over:+9.0f} {wall_ms:10.0f}{target}")


def folder(maps: int, repeat: int, tmp: Path) -> None:
    corpus = tmp / "corpus"
    generate(corpus, "--count", str(maps), "--size-kb", "8")
    site = tmp / "site"
    print(f"\n## A folder of {maps} maps of about 8 KB (CPU s, median (min–max) of {repeat})")
    floor = measure([sys.executable, str(HERE / "_parse_floor.py"), str(corpus)], repeat)
    runs = {
        "validate": measure([*JOURNEY, "validate", str(corpus)], repeat),
        "lint": measure([*JOURNEY, "lint", *TODAY, str(corpus)], repeat),
        "score": measure([*JOURNEY, "score", *TODAY, str(corpus)], repeat),
        "score --format json": measure(
            [*JOURNEY, "score", *TODAY, "-f", "json", str(corpus)], repeat
        ),
        "render (html)": measure([*JOURNEY, "render", *TODAY, str(corpus), "-o", str(site)], 1),
    }
    print(f"{'':22} {'CPU s':>22} {'wall s':>22} {'peak RSS MB':>12}")
    print(f"{'libyaml parse floor':22} {floor.cpu_s():>22} {floor.wall_s():>22} "
          f"{floor.rss_mb:12.0f}")  # fmt: skip
    for name, s in runs.items():
        print(f"{name:22} {s.cpu_s():>22} {s.wall_s():>22} {s.rss_mb:12.0f}")
    v = runs["validate"]
    print(f"validate / parse floor        {ratio(v, floor)}")
    print(f"lint / validate               {ratio(runs['lint'], v)}")
    text, js = runs["score"], runs["score --format json"]
    print(f"score text / json             {ratio(text, js)}   target ≤ 1.5x: "
          f"{verdict(text.cpu_median <= 1.5 * js.cpu_median)}")  # fmt: skip
    for name in ("lint", "score", "score --format json", "render (html)"):
        r = runs[name].rss_mb / v.rss_mb
        print(f"peak RSS {name:19} / validate {r:5.2f}x   target ≤ 2x: {verdict(r <= 2)}")


def svg_vs_mmdc(repeat: int, tmp: Path) -> None:
    print("\n## journey render MAP -o x.svg against Mermaid's CLI (target: at least 10x faster)")
    example = ROOT / "examples" / "online-shop-first-purchase.journey.yaml"
    ours = measure([*JOURNEY, "render", str(example), "-o", str(tmp / "x.svg")], repeat * 2)
    print(f"journey render -o x.svg   CPU {ours.cpu_s()} s   wall {ours.wall_s()} s")
    # what it cannot go below: a bare Python, and dot drawing the DOT (run twice by --layout
    # auto: once to measure the boxes of a left-to-right layout, once to draw the one chosen)
    dot_file = tmp / "x.dot"
    subprocess.run([*JOURNEY, "render", str(example), "-f", "dot", "-o", str(dot_file)],
                   check=True)  # fmt: skip
    bare = measure([sys.executable, "-c", "pass"], repeat * 2)
    dot = measure(["dot", "-Tsvg", "-o", str(tmp / "dot.svg"), str(dot_file)], repeat * 2)
    print(f"  bare python             CPU {bare.cpu_s()} s;  one dot -Tsvg  CPU {dot.cpu_s()} s")
    if not (MMDC.exists() and CHROMIUM.exists()):
        print(f"mmdc not found at {MMDC} (or no {CHROMIUM}): no comparison")
        return
    mermaid = tmp / "x.mmd"
    subprocess.run([*JOURNEY, "render", str(example), "-f", "mermaid", "-o", str(mermaid)],
                   check=True)  # fmt: skip
    config = tmp / "puppeteer.json"
    config.write_text(json.dumps({"executablePath": str(CHROMIUM), "args": ["--no-sandbox"]}))
    theirs = measure([str(MMDC), "-p", str(config), "-i", str(mermaid), "-o",
                      str(tmp / "mmdc.svg"), "-q"], repeat)  # fmt: skip
    print(f"mmdc -o x.svg             CPU {theirs.cpu_s()} s   wall {theirs.wall_s()} s")
    wall = theirs.wall_median / ours.wall_median
    print(f"mmdc / journey: CPU {ratio(theirs, ours)}, wall {wall:.1f}x   target ≥ 10x: "
          f"{verdict(min(wall, theirs.cpu_median / ours.cpu_median) >= 10)}")  # fmt: skip


def growth(sizes: list[int], tmp: Path) -> None:
    print("\n## Growth over one map (CPU s, one run each; s per 1,000 touchpoints in brackets)")
    commands = {
        "validate": lambda p: [*JOURNEY, "validate", str(p)],
        "lint": lambda p: [*JOURNEY, "lint", *TODAY, str(p)],
        "score": lambda p: [*JOURNEY, "score", *TODAY, str(p)],
        "render html": lambda p: [*JOURNEY, "render", *TODAY, str(p), "-o", str(tmp / "g.html")],
    }
    print(f"{'touchpoints':>12} {'MB':>6} " + " ".join(f"{n:>22}" for n in commands))
    last: dict[str, float] = {}
    for size in sizes:
        out = tmp / f"growth-{size}"
        path = generate(out, "--count", "1", "--touchpoints", str(size))[0]
        cells = []
        for name, make in commands.items():
            s = measure(make(path), 1)
            last[name] = s.wall_median
            cells.append(f"{s.cpu_median:8.2f} ({s.cpu_median / size * 1000:.3f})")
        mb = path.stat().st_size / 1e6
        print(f"{size:12,} {mb:6.1f} " + " ".join(f"{c:>22}" for c in cells))
        shutil.rmtree(out)
    if sizes and sizes[-1] >= 20_000:
        print(f"render html of {sizes[-1]:,} touchpoints: {last['render html']:.1f} s wall; "
              f"target < 30 s: {verdict(last['render html'] < 30)}")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--maps", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--growth", default="1000,5000,10000,20000")
    parser.add_argument("--skip-growth", action="store_true")
    parser.add_argument("--skip-mmdc", action="store_true")
    parser.add_argument(
        "--only", choices=["startup", "folder", "svg", "growth"], help="run one section only"
    )
    args = parser.parse_args()
    if args.only:
        args.skip_growth, args.skip_mmdc = args.only != "growth", args.only != "svg"
    os.environ["JOURNEYKIT_TODAY"] = "2026-11-22"
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"# journeykit scale benchmark · {os.cpu_count()} CPUs · load average {load:.1f}")
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        if args.only in (None, "startup"):
            startup(args.repeat)
        if args.only in (None, "folder"):
            folder(args.maps, args.repeat, tmp)
        if not args.skip_mmdc:
            svg_vs_mmdc(args.repeat, tmp)
        if not args.skip_growth:
            growth([int(n) for n in args.growth.split(",")], tmp)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
