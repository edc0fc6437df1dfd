"""The examples are valid, and a deliberately broken copy of each fails at the right place."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from journeykit.validate import load

from .conftest import EXAMPLES

MAPS = sorted(EXAMPLES.glob("*.journey.yaml"))


def test_there_are_at_least_three_rich_examples() -> None:
    assert len(MAPS) >= 3
    including = 0
    for path in MAPS:
        loaded = load(path)
        journey = loaded.journey
        assert journey is not None, loaded.problems
        assert len(journey.personas) >= 2 and len(journey.stages) >= 4
        assert len(journey.touchpoints) >= 10
        assert journey.pain_points and journey.opportunities and journey.actions
        assert any(tp.measurements for tp in journey.touchpoints)
        including += bool(journey.include)
    assert including >= 2


# (old text, new text, expected code): the problem must be reported where the new text stands
MUTATIONS = [
    ("    stage: ", "    stage: no-such-stage-", "broken-reference"),
    ("score: ", "score: 9", "out-of-range"),
    ("    name: ", "    nmae: ", "unknown-key"),
    ("moment_of_truth: true", "moment_of_truth: yes", "wrong-type"),
    ("severity: ", "severity: severe", "invalid-value"),
]


def cases() -> list[tuple[Path, tuple[str, str, str]]]:
    return [(path, mutation) for path in MAPS for mutation in MUTATIONS]


@pytest.mark.parametrize(
    ("path", "mutation"), cases(), ids=lambda v: v.name if isinstance(v, Path) else v[2]
)
def test_broken_copy_fails_at_the_right_location(
    tmp_path: Path, path: Path, mutation: tuple[str, str, str]
) -> None:
    old, new, code = mutation
    for extra in EXAMPLES.glob("*.yaml"):
        shutil.copy(extra, tmp_path / extra.name)
    text = path.read_text(encoding="utf-8")
    if old not in text:
        pytest.skip(f"{path.name} has no {old.strip()!r}")
    offset = text.index(old)
    broken = text[:offset] + new + text[offset + len(old) :]
    target = tmp_path / path.name
    target.write_text(broken, encoding="utf-8")
    line = broken.count("\n", 0, offset) + 1
    stripped = new.lstrip()
    key_column = offset - (broken.rfind("\n", 0, offset) + 1) + (len(new) - len(stripped)) + 1
    value_column = key_column + len(stripped.split(" ")[0]) + 1
    problems = [(p.line, p.column, p.code) for p in load(target).problems]
    expected_column = key_column if code == "unknown-key" else value_column
    assert (line, expected_column, code) in problems, problems
