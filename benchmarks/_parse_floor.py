"""The libyaml parse floor: read every *.journey.yaml under a folder with PyYAML's C event
parser and nothing else (no data built, no validation).

    python benchmarks/_parse_floor.py FOLDER
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

for path in sorted(Path(sys.argv[1]).rglob("*.journey.yaml")):
    for _event in yaml.parse(path.read_bytes(), Loader=yaml.CSafeLoader):
        pass
