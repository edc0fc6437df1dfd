"""Every fixture under fixtures/invalid declares the problems it must produce; valid ones have none.

Adding a case means adding a file: `# expect: LINE:COLUMN CODE` comments list the problems.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from journeykit.validate import CODES, load

from .conftest import FIXTURES

EXPECT = re.compile(r"^# expect: (\d+):(\d+) ([a-z-]+)$", re.MULTILINE)
INVALID = sorted((FIXTURES / "invalid").glob("*.yaml"))
VALID = sorted((FIXTURES / "valid").glob("*.yaml"))


def expected(path: Path) -> list[tuple[int, int, str]]:
    text = path.read_text(encoding="utf-8")
    return [(int(line), int(col), code) for line, col, code in EXPECT.findall(text)]


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_fixture_reports_exactly_the_expected_problems(path: Path) -> None:
    wanted = expected(path)
    assert wanted, f"{path.name} declares no `# expect:` lines"
    loaded = load(path)
    got = [(p.line, p.column, p.code) for p in loaded.problems]
    assert got == wanted
    assert not loaded.valid
    assert all(p.code in CODES for p in loaded.problems)
    assert all(p.message and "\n" not in p.message for p in loaded.problems)


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_fixture_has_no_problems(path: Path) -> None:
    loaded = load(path)
    assert loaded.problems == []
    assert loaded.valid


def test_fixtures_cover_every_kind_of_schema_and_reference_error() -> None:
    covered = {code for path in INVALID for _, _, code in expected(path)}
    must = {
        "yaml-syntax", "duplicate-key", "forbidden-tag", "too-large", "too-deep", "missing-key",
        "unknown-key", "wrong-type", "invalid-value", "out-of-range", "empty-list", "duplicate-id",
        "broken-reference", "persona-not-here", "duplicate-experience", "duplicate-measurement",
        "multiple-documents",
    }  # fmt: skip
    assert must <= covered, must - covered


def test_yaml_12_scalars_and_extensions_are_read_as_written() -> None:
    loaded = load(FIXTURES / "valid" / "extensions-and-yaml12.journey.yaml")
    journey = loaded.journey
    assert journey is not None
    assert journey.tags == ["yes", "no", "on", "off"]
    assert journey.personas[0].demographics == {"age": 34, "city": "Leeds", "answer": "no"}
    assert journey.touchpoints[0].name == 'Ad # 1: "spring"'
    assert str(journey.updated) == "2026-11-01"


def test_broken_reference_suggests_the_closest_id() -> None:
    loaded = load(FIXTURES / "invalid" / "broken-references.journey.yaml")
    messages = [p.message for p in loaded.problems]
    assert (
        "`stage` refers to stage `sigup`, which does not exist; did you mean `signup`?" in messages
    )
    assert any("did you mean `faster`?" in m for m in messages)


def test_unknown_key_suggests_the_known_key() -> None:
    loaded = load(FIXTURES / "invalid" / "schema-errors.journey.yaml")
    unknown = [p for p in loaded.problems if p.code == "unknown-key"]
    assert unknown and "`chanel`" in unknown[0].message and "x-" in unknown[0].message


TAB_HINT = "YAML does not allow tabs for indentation, use spaces"


@pytest.mark.parametrize(
    "text",
    [
        "journeykit: 1\npersonas:\n\t- id: ann\n\t  name: Ann\n",  # a tab at column 1
        "journeykit: 1\n\tid: t\n",  # a tab at column 1 before a key
        "journeykit: 1\npersonas:\n  - id: ann\n  \tname: Ann\n",  # a tab mid-indentation
    ],
    ids=["column-1-list", "column-1-key", "mid-indentation"],
)
def test_a_tab_in_the_indentation_gets_the_tab_hint(text: str) -> None:
    (problem,) = load("-", data=text.encode()).problems
    assert problem.code == "yaml-syntax"
    assert TAB_HINT in problem.message
