"""Golden files for DOT, Mermaid and the HTML structure, beside their input maps.

Each ``tests/golden/render/*.journey.yaml`` is rendered as ``NAME.dot``, ``NAME.mmd`` and
``NAME.html.outline`` (the element tree of the HTML page); a ``# golden-personas: a, b`` line in
the map adds ``NAME.persona-a.dot`` and ``.mmd``. ``pytest --update-golden`` rewrites them.
"""

from __future__ import annotations

import re

import pytest

from journeykit.render import FORMATS
from tests.conftest import Golden
from tests.render_helpers import GOLDEN, journey, options, outline


def _cases() -> list[tuple[str, str | None]]:
    cases: list[tuple[str, str | None]] = []
    for path in sorted(GOLDEN.glob("*.journey.yaml")):
        cases.append((path.name, None))
        found = re.search(r"^# golden-personas: (.+)$", path.read_text("utf-8"), re.MULTILINE)
        for persona in found.group(1).split(",") if found else []:
            cases.append((path.name, persona.strip()))
    return cases


@pytest.mark.parametrize(("name", "persona"), _cases())
@pytest.mark.parametrize("fmt", ["dot", "mermaid"])
def test_text_formats_match_golden(
    name: str, persona: str | None, fmt: str, golden: Golden
) -> None:
    stem = name.removesuffix(".journey.yaml") + (f".persona-{persona}" if persona else "")
    suffix = FORMATS[fmt].suffix
    actual = FORMATS[fmt].render(journey(name), options(persona)).decode("utf-8")
    golden.check(GOLDEN / f"{stem}{suffix}", actual)


@pytest.mark.parametrize("name", sorted(p.name for p in GOLDEN.glob("*.journey.yaml")))
def test_html_structure_matches_golden(name: str, golden: Golden) -> None:
    html = FORMATS["html"].render(journey(name), options()).decode("utf-8")
    golden.check(GOLDEN / name.replace(".journey.yaml", ".html.outline"), outline(html))
