"""Golden files for DOT, Mermaid and the HTML structure, beside their input maps.

Each ``tests/golden/render/*.journey.yaml`` is rendered as ``NAME.dot``, ``NAME.mmd`` and
``NAME.html.outline`` (the element tree of the HTML page); a ``# golden-personas: a, b`` line in
the map adds ``NAME.persona-a.dot`` and ``.mmd``. ``JOURNEYKIT_UPDATE_GOLDEN=1`` rewrites them.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from journeykit.render import FORMATS
from tests.render_helpers import GOLDEN, journey, options, outline

UPDATE = os.environ.get("JOURNEYKIT_UPDATE_GOLDEN") == "1"


def _cases() -> list[tuple[str, str | None]]:
    cases: list[tuple[str, str | None]] = []
    for path in sorted(GOLDEN.glob("*.journey.yaml")):
        cases.append((path.name, None))
        found = re.search(r"^# golden-personas: (.+)$", path.read_text("utf-8"), re.MULTILINE)
        for persona in found.group(1).split(",") if found else []:
            cases.append((path.name, persona.strip()))
    return cases


def _check(expected_path: Path, actual: str) -> None:
    if UPDATE or not expected_path.exists():
        if not UPDATE:
            pytest.fail(f"{expected_path.name} is missing; run with JOURNEYKIT_UPDATE_GOLDEN=1")
        expected_path.write_text(actual, encoding="utf-8")
    assert actual == expected_path.read_text(encoding="utf-8"), (
        f"{expected_path.name} differs; if the change is intended, rerun with "
        "JOURNEYKIT_UPDATE_GOLDEN=1 and review the diff"
    )


@pytest.mark.parametrize(("name", "persona"), _cases())
@pytest.mark.parametrize("fmt", ["dot", "mermaid"])
def test_text_formats_match_golden(name: str, persona: str | None, fmt: str) -> None:
    stem = name.removesuffix(".journey.yaml") + (f".persona-{persona}" if persona else "")
    suffix = FORMATS[fmt].suffix
    actual = FORMATS[fmt].render(journey(name), options(persona)).decode("utf-8")
    _check(GOLDEN / f"{stem}{suffix}", actual)


@pytest.mark.parametrize("name", sorted(p.name for p in GOLDEN.glob("*.journey.yaml")))
def test_html_structure_matches_golden(name: str) -> None:
    html = FORMATS["html"].render(journey(name), options()).decode("utf-8")
    _check(GOLDEN / name.replace(".journey.yaml", ".html.outline"), outline(html))
