"""Run a command; print its CPU seconds (user + system, children included) and peak RSS as JSON.

    python benchmarks/_rusage.py PROGRAM [ARGS...]

Used by bench_scale.py so that each figure belongs to one process (the benchmark's own memory
and CPU are not counted). Output of the command is discarded.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys

done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({
    "cpu": usage.ru_utime + usage.ru_stime,
    "rss_mb": usage.ru_maxrss / 1024,  # kilobytes on Linux
    "code": done.returncode,
}))  # fmt: skip
