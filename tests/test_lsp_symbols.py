"""The language server's pure parts: reference positions, token spans, the cursor's key path."""

from __future__ import annotations

import pytest

from journeykit.loader import parse_text
from journeykit.lsp.symbols import (
    REFERENCES,
    build,
    enum_values,
    key_path_at,
    reference_kind,
    token_span,
)
from journeykit.validate import load

# A map naming a missing id in every reference position, each on a line of its own.
EVERY_REFERENCE = """\
journeykit: 1
id: m
title: M
objectives:
  - id: o
    statement: S
    metric: no-metric-1
metrics:
  - {id: csat, name: CSAT, kind: csat}
personas:
  - {id: ann, name: Ann}
stages:
  - {id: s, name: S}
touchpoints:
  - id: t
    name: T
    stage: no-stage
    personas: [no-persona-1]
    next: [no-touchpoint-1]
    experiences:
      - persona: no-persona-2
        score: 3
    measurements:
      - metric: no-metric-2
        actual: 3
pain_points:
  - id: p
    description: P
    touchpoint: no-touchpoint-2
    personas: [no-persona-3]
opportunities:
  - id: o
    description: O
    addresses: [no-pain]
actions:
  - id: a
    description: A
    opportunity: no-opportunity
    target: {metric: no-metric-3, value: 1}
"""


def test_references_cover_every_position_validate_checks() -> None:
    loaded = load("-", data=EVERY_REFERENCE.encode())
    broken = {(p.line, p.column) for p in loaded.problems if p.code == "broken-reference"}
    symbols = build(loaded)
    named = {(o.span.line + 1, o.span.start + 1) for o in symbols.occurrences if not o.definition}
    assert broken == named
    assert len(named) == len(REFERENCES) + 0  # one broken name per position in this map


def test_definitions_and_keys() -> None:
    loaded = load("-", data=EVERY_REFERENCE.encode())
    symbols = build(loaded)
    assert set(symbols.ids("personas")) == {"ann"}
    assert set(symbols.ids("stages")) == {"s"}
    unresolved = next(o for o in symbols.occurrences if o.ident == "no-stage")
    assert symbols.key(unresolved)[0] == "unresolved"


@pytest.mark.parametrize(
    ("line", "column", "expected"),
    [
        ("    stage: trial", 11, (11, 16)),
        ("    stage: trial  # comment", 11, (11, 16)),
        ("    personas: [ann, bob-b]", 20, (20, 25)),
        ('    stage: "trial"', 11, (12, 17)),
        ("    name: 'it''s'", 10, (11, 16)),
        ("    target: {metric: csat, value: 1}", 12, (12, 36)),
        ("  - id: Owner Olivia", 8, (8, 20)),
        ("    owner: Growth & Co: team", 11, (11, 22)),
        ("", 0, (0, 0)),
    ],
)
def test_token_span(line: str, column: int, expected: tuple[int, int]) -> None:
    assert token_span(line, column) == expected


# Where the cursor stands in a map being typed: `|` (removed before the test), one a line.
CURSOR_MAP = """\
journeykit: 1
touchpoints:
  - id: t
    stage: |
    personas: [a, |
    experiences:
      - persona: |
        score: 3
    kind: |
    next:
      - |
pain_points:
  - id: p
    severity: |
    evidence:
      - kind: |
"""
EXPECTED = [
    ["touchpoints", "stage"],
    ["touchpoints", "personas"],
    ["touchpoints", "experiences", "persona"],
    ["touchpoints", "kind"],
    ["touchpoints", "next"],
    ["pain_points", "severity"],
    ["pain_points", "evidence", "kind"],
]


def test_key_path_at_the_cursor() -> None:
    lines = CURSOR_MAP.replace("|", "").splitlines()
    cursors = [
        (i, line.index("|")) for i, line in enumerate(CURSOR_MAP.splitlines()) if "|" in line
    ]
    assert [key_path_at(lines, line, column)[0] for line, column in cursors] == EXPECTED
    assert key_path_at(lines, 0, 3) == ([], False)  # typing a top-level key: nothing to offer


def test_what_each_position_offers() -> None:
    assert reference_kind(["touchpoints", "stage"]) == "stages"
    assert reference_kind(["touchpoints", "experiences", "persona"]) == "personas"
    assert reference_kind(["opportunities", "addresses"]) == "pain_points"
    assert enum_values(["touchpoints", "kind"]) == ["digital", "physical", "human"]
    assert enum_values(["pain_points", "severity"]) == ["low", "medium", "high", "critical"]
    assert "interview" in enum_values(["pain_points", "evidence", "kind"])
    assert enum_values(["touchpoints", "moment_of_truth"]) == ["true", "false"]
    assert enum_values(["touchpoints", "name"]) == []


def test_broken_yaml_gives_no_symbols_but_no_error() -> None:
    parsed = parse_text("journeykit: 1\nstages: [\n", "x")
    assert parsed.data is None
    assert key_path_at(["stages: ["], 0, 9) == (["stages"], True)
