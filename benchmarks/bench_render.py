"""Benchmark `journey render`: HTML and SVG for the examples and a generated large map.

    python benchmarks/bench_render.py [--touchpoints 200] [--repeat 5]

Reports, in-process (Python start-up and imports excluded; the first render warms the template
cache and is not counted), the best of --repeat runs of:
* rendering each example and one generated map of --touchpoints touchpoints to HTML (which
  includes laying out the flow with Graphviz and the scorecard) and to SVG;
* the HTML page without the flow (Graphviz's share of the HTML time);
* loading + validating the generated map, for scale.
Target: HTML under 0.5 s for 200 touchpoints.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
from functools import partial
from pathlib import Path
from unittest import mock

from common import best_of, generate

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TODAY = dt.date(2026, 11, 22)
TARGET_HTML_SECONDS = 0.5


def generate_map(out: Path, touchpoints: int) -> Path:
    return generate(out, "--count", "1", "--touchpoints", str(touchpoints))[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--touchpoints", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT / "src"))
    from journeykit.render import FORMATS, GraphvizMissing, RenderOptions
    from journeykit.validate import load

    if shutil.which("dot") is None:
        print("Graphviz `dot` is not installed: SVG is skipped and HTML has no flow")
    options = RenderOptions(today=TODAY, tool_version="bench")
    with tempfile.TemporaryDirectory() as tmp:
        big = generate_map(Path(tmp), args.touchpoints)
        inputs = [*sorted((ROOT / "examples").glob("*.journey.yaml")), big]
        print(f"{'map':44} {'tps':>5} {'load':>8} {'html':>8} {'no flow':>10} {'svg':>8}")
        worst_html = 0.0
        for path in inputs:
            loaded = load(path)
            if not loaded.valid:
                print(f"{path.name}: invalid, skipped")
                continue
            journey = loaded.journey
            load_s = best_of(args.repeat, lambda p=path: load(p), warm_up=True)
            html = partial(FORMATS["html"].render, journey, options)
            html_s = best_of(args.repeat, html, warm_up=True)
            with mock.patch("shutil.which", return_value=None):  # no Graphviz: no flow
                bare_s = best_of(args.repeat, html, warm_up=True)
            try:
                svg = best_of(
                    args.repeat, partial(FORMATS["svg"].render, journey, options), warm_up=True
                )
                svg_s = f"{svg:8.3f}"
            except GraphvizMissing:
                svg_s = f"{'-':>8}"
            name = path.name if path != big else f"generated ({args.touchpoints} touchpoints)"
            tps = len(journey.touchpoints)
            print(f"{name:44} {tps:5d} {load_s:8.3f} {html_s:8.3f} {bare_s:10.3f} {svg_s}")
            if path == big:
                worst_html = html_s
    verdict = "meets" if worst_html < TARGET_HTML_SECONDS else "MISSES"
    print(f"seconds, best of {args.repeat}; HTML for {args.touchpoints} touchpoints {verdict} the "
          f"{TARGET_HTML_SECONDS} s target")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
