"""The text editor behind ``journey import csv`` on every valid map in the repository: random
cell changes and new rows must give a valid map that reads back as exactly the intended data,
and must leave the lines before the touchpoints as they were (the exact line-by-line diffs are
checked on chosen layouts in test_csv.py)."""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

import pytest

from journeykit.interop.csv_io import export_rows, protect, read_sheet, update_map
from journeykit.loader import parse_text
from journeykit.model import MapIndex
from journeykit.validate import load
from tests.conftest import EXAMPLES, FIXTURES

ROOT = FIXTURES.parent
MAPS = sorted(
    {
        *EXAMPLES.glob("*.journey.yaml"),
        *FIXTURES.glob("valid/**/*.yaml"),
        *FIXTURES.glob("csv/*.yaml"),
        *ROOT.glob("golden/**/*.journey.yaml"),
    }
)
NAMES = ["Renamed", "x: y", "yes", "'quoted'", "two\nlines", "# not a comment", "=1+1", "  spaced "]


def _valid(path: Path) -> bool:
    return load(path).valid


@pytest.mark.parametrize("path", [p for p in MAPS if _valid(p)], ids=lambda p: p.name)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_sheet_edits_touch_only_their_lines(path: Path, seed: int) -> None:
    loaded = load(path)
    index = MapIndex(loaded.journey)
    rnd = random.Random(f"{path.name}-{seed}")
    rows = export_rows(loaded.journey)
    header = rows[0]
    for row in rows[1:]:
        tp = index.touchpoints[row[1]]
        if rnd.random() < 0.4:
            row[2] = rnd.choice(NAMES)
        if rnd.random() < 0.3:
            row[3:6] = ["email", "Ops team", "human"]
        for column, name in enumerate(header[6:], start=6):
            if index.passes(name.removeprefix("score:"), tp) and rnd.random() < 0.3:
                row[column] = str(rnd.randint(1, 5))
    stages = [s.id for s in loaded.journey.stages]
    for n in range(rnd.randint(0, 3)):
        rows.append(
            [rnd.choice(stages), f"zz-new-{n}", f"New {n}", "", "", "", *[""] * (len(header) - 6)]
        )
    out = io.StringIO()
    csv.writer(out).writerows([[protect(cell) for cell in row] for row in rows])
    outcome = update_map(read_sheet(out.getvalue().encode("utf-8"), "s.csv"), loaded)
    assert not outcome.problems, outcome.problems
    assert outcome.text is not None
    reread = parse_text(outcome.text, path.name).data
    expected = {tp["id"]: tp for tp in reread["touchpoints"]}
    for row in rows[1:]:
        tp = expected[row[1]]
        assert tp["name"] == row[2] and tp["stage"] == row[0]
        felt = {e["persona"]: str(e["score"]) for e in tp.get("experiences", [])}
        for name, cell in zip(header[6:], row[6:], strict=True):
            assert felt.get(name.removeprefix("score:"), "") == cell
    # lines outside the touchpoints section never change
    before = loaded.main.text.splitlines()
    after = outcome.text.splitlines()
    start = next((i for i, line in enumerate(before) if line.startswith("touchpoints:")), 0)
    assert after[:start] == before[:start]
