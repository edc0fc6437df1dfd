"""Round trip: Mermaid → map → ``journey render --format mermaid`` → Mermaid keeps the sections,
task names, actors and scores; and Mermaid's own parser accepts what comes out.

What the trip changes, on purpose (docs/import-mermaid.md):

* a section without tasks is dropped by the renderer (Mermaid draws it as nothing);
* a task without actors comes back with the default persona "Customer";
* a score is the imported one: clamped to 1–5, rounded, or 3 (the renderer's neutral) when the
  score was dropped;
* the renderer writes ``,`` for ``;`` and ``% %`` for ``%%`` in names (Mermaid would read them as
  a statement break and a comment); actor order follows the map's persona order.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import tests.test_render_mermaid_cli as mermaid_cli
from journeykit.interop.mermaid import Diagram, parse, parse_text
from journeykit.interop.mermaid_extract import decode, find_blocks
from journeykit.interop.mermaid_import import (
    DEFAULT_PERSONA,
    LEAD_STAGE,
    import_mermaid,
    judge_score,
)
from journeykit.model import MapView
from journeykit.render.mermaid import build_mermaid
from journeykit.render.readings import round_half_up
from journeykit.validate import load
from tests.conftest import EXAMPLES, SHARED, shared_file
from tests.render_helpers import journey_of, options
from tests.test_import_mermaid import FIXTURE_FILES, SHARED_NAMES

TODAY = dt.date(2026, 11, 22)
Outline = list[tuple[str, list[tuple[str, list[str], int]]]]


def _as_rendered(text: str) -> str:
    return text  # the renderer writes entity codes: nothing is lost but line breaks


def _journeys(path: Path) -> list[Diagram]:
    """The journey diagrams with tasks in a file, as the importer reads them."""
    text, _ = decode(path.read_bytes(), path.name)
    blocks, _ = find_blocks(text, path.name, path.name)
    found = [parse(block.lines, path.name) for block in blocks]
    return [d for d in found if d.kind == "journey" and d.tasks]


def _expected(diagram: Diagram) -> Outline:
    outline: Outline = []
    number = 0
    for n, section in enumerate(diagram.sections, 1):
        tasks = []
        for task in section.tasks:
            number += 1
            actors = sorted({_as_rendered(a) for a in task.actors}) or [DEFAULT_PERSONA[1]]
            score = judge_score(task.score)[0]
            tasks.append((_as_rendered(task.name or f"Task {number}"), actors,
                          3 if score is None else score))  # fmt: skip
        name = LEAD_STAGE if section.name is None else section.name or f"Stage {n}"
        if tasks:
            outline.append((_as_rendered(name), tasks))
    return outline


def _outline(diagram: Diagram) -> Outline:
    return [
        (section.name or "", [(t.name, sorted(t.actors), int(t.score or 0)) for t in section.tasks])
        for section in diagram.sections
    ]


def _cases() -> list[tuple[str, Path]]:
    cases = [(p.name, p) for p in FIXTURE_FILES]
    cases += [(name, SHARED / "data" / "mermaid-journeys" / name) for name in SHARED_NAMES]
    return cases


def _rendered(path: Path) -> list[tuple[Diagram, str, str]]:
    """(original diagram, imported title, rendered Mermaid) for every journey in ``path``."""
    result = import_mermaid(path.read_bytes(), path.name, TODAY)
    diagrams = _journeys(path)
    assert len(diagrams) == len(result.maps)
    return [(diagram, m.title, build_mermaid(journey_of(m.text), options()))
            for diagram, m in zip(diagrams, result.maps, strict=True)]  # fmt: skip


@pytest.mark.parametrize(("name", "path"), _cases(), ids=[c[0] for c in _cases()])
def test_render_of_an_imported_map_keeps_sections_tasks_actors_and_scores(
    name: str, path: Path
) -> None:
    if not path.exists():
        shared_file(f"data/mermaid-journeys/{name}")  # skips, saying why
    for original, title, mermaid in _rendered(path):
        again = parse_text(mermaid)
        assert again.kind == "journey"
        assert not again.problems, again.problems
        assert again.title == _as_rendered(title)
        assert _outline(again) == _expected(original)


def test_mermaid_accepts_every_imported_and_rendered_diagram(tmp_path: Path) -> None:
    diagrams = [(name, text) for name, path in _cases() if path.exists()
                for _, _, text in _rendered(path)]  # fmt: skip
    mermaid_cli.draw_all(tmp_path, diagrams)  # skips when node, mmdc or Chromium is missing


def _map_files() -> list[Path]:
    golden = Path(__file__).resolve().parent / "golden" / "render"
    return [*sorted(EXAMPLES.glob("*.journey.yaml")), *sorted(golden.glob("*.journey.yaml"))]


@pytest.mark.parametrize("path", _map_files(), ids=lambda p: p.name)
def test_a_rendered_map_imports_back_as_the_same_journey(path: Path) -> None:
    """The other way round: map → Mermaid → map keeps the stages (with touchpoints), the
    touchpoint and persona names and the rounded mean scores, exactly."""
    loaded = load(path)
    assert loaded.journey is not None, loaded.problems
    journey = loaded.journey
    mermaid = build_mermaid(journey, options())
    result = import_mermaid(mermaid.encode("utf-8"), "-", TODAY)
    assert len(result.maps) == 1
    data = result.maps[0].data
    assert journey_of(result.maps[0].text)  # valid
    again = {t["name"]: t for t in data["touchpoints"]}
    shown = [tp for stage in journey.stages for tp in journey.touchpoints if tp.stage == stage.id]
    assert [t["name"] for t in data["touchpoints"]] == [
        _as_rendered(" ".join(tp.name.split())) for tp in shown
    ]
    names = {p["id"]: p["name"] for p in data["personas"]}
    view = MapView(journey, None)
    for tp in shown:
        imported_tp = again[_as_rendered(" ".join(tp.name.split()))]
        passing = tp.personas or [p.id for p in journey.personas]
        expected = {_as_rendered(" ".join(p.name.split())) for p in journey.personas
                    if p.id in passing}  # fmt: skip
        assert {names[p] for p in imported_tp["personas"]} == expected
        mean = view.mean_score(tp)
        score = 3 if mean is None else round_half_up(mean)
        assert {e["score"] for e in imported_tp["experiences"]} == {score}
