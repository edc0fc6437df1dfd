"""What importing the ``graphviz`` Python package would add to ``journey render -o x.svg``.

Each run is a fresh interpreter that first imports what the SVG path of render already loads
(``journeykit.render.graphviz``, which imports subprocess and the map model), then
``graphviz``; ``-X importtime`` gives the package's own cumulative import time on top. Prints
the median and the spread (min-max) over the runs, beside a fresh interpreter's ``pass`` for scale.

    python benchmarks/bench_graphviz_import.py [RUNS]
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import time

PRELUDE = "import journeykit.render.graphviz"


def graphviz_import_us() -> int:
    code = f"{PRELUDE}; import graphviz"
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    for line in done.stderr.splitlines():
        found = re.match(r"import time:\s+\d+ \|\s+(\d+) \| graphviz$", line)
        if found:
            return int(found.group(1))
    raise SystemExit("graphviz was not imported (is it installed?)")


def wall_ms(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return (time.perf_counter() - start) * 1000


def show(name: str, values: list[float], unit: str) -> None:
    print(
        f"{name:<44} median {statistics.median(values):8.1f} {unit}"
        f"  (min {min(values):.1f}, max {max(values):.1f}, n={len(values)})"
    )


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    imports, before, after, empty = [], [], [], []
    for _ in range(runs):  # interleaved, so load on the machine hits all alike
        imports.append(graphviz_import_us() / 1000)
        before.append(wall_ms(PRELUDE))
        after.append(wall_ms(f"{PRELUDE}; import graphviz"))
        empty.append(wall_ms("pass"))
    show("import graphviz, cumulative (-X importtime)", imports, "ms")
    show("interpreter + render.graphviz", before, "ms")
    show("interpreter + render.graphviz + graphviz", after, "ms")
    show("interpreter alone", empty, "ms")
    ratio = statistics.median(after) / statistics.median(before)
    print(f"with graphviz / without: {ratio:.2f}x")


if __name__ == "__main__":
    main()
