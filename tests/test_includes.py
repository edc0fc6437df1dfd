"""``include:`` merges persona libraries, stays inside the workspace root and refuses cycles."""

from __future__ import annotations

from pathlib import Path

from journeykit.validate import load

LIB = """\
personas:
  - id: olivia
    name: Olivia
stages:
  - id: discover
    name: Discover
"""

MAP = """\
journeykit: 1
id: shop
title: Shop
include: [{include}]
personas:
  - id: dan
    name: Dan
stages:
  - id: buy
    name: Buy
touchpoints:
  - id: ad
    name: Ad
    stage: discover
    experiences:
      - {{persona: olivia, score: 2}}
      - {{persona: dan, score: 4}}
  - {{id: pay, name: Pay, stage: buy}}
"""


def workspace(tmp_path: Path) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "journeykit.yaml").write_text("{}\n")
    return tmp_path


def test_library_items_come_first_and_keep_their_own_locations(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    (root / "lib").mkdir()
    (root / "lib" / "people.yaml").write_text(LIB)
    path = root / "maps" / "shop.journey.yaml"
    path.parent.mkdir()
    path.write_text(MAP.format(include="../lib/people.yaml"))
    loaded = load(path)
    assert loaded.problems == []
    assert [p.id for p in loaded.journey.personas] == ["olivia", "dan"]
    assert [s.id for s in loaded.journey.stages] == ["discover", "buy"]
    file, line, column = loaded.locate(("personas", 0, "name"))
    assert (Path(file).resolve(), line, column) == ((root / "lib" / "people.yaml").resolve(), 3, 11)
    assert loaded.locate(("personas", 1, "id"))[1:] == (6, 9)


def test_errors_inside_an_included_file_point_into_it(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    (root / "people.yaml").write_text("personas:\n  - id: Olivia\n    name: 3\n")
    path = root / "m.journey.yaml"
    path.write_text(MAP.format(include="people.yaml"))
    problems = load(path).problems
    in_lib = [(p.line, p.column, p.code) for p in problems if p.path.endswith("people.yaml")]
    assert (2, 9, "invalid-value") in in_lib
    assert (3, 11, "wrong-type") in in_lib


def test_an_id_defined_in_two_files_names_both_locations(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    (root / "people.yaml").write_text("personas:\n  - id: dan\n    name: Dan\n")
    path = root / "m.journey.yaml"
    path.write_text(MAP.format(include="people.yaml").replace("id: dan", "id: dan", 1))
    problems = [p for p in load(path).problems if p.code == "duplicate-id"]
    assert len(problems) == 1
    assert problems[0].path.endswith("m.journey.yaml") and problems[0].line == 6
    assert "people.yaml:2:9" in problems[0].message


def test_traversal_and_absolute_paths_are_refused(tmp_path: Path) -> None:
    root = workspace(tmp_path / "ws")
    outside = tmp_path / "secret.yaml"
    outside.write_text(LIB)
    path = root / "m.journey.yaml"
    path.write_text(MAP.format(include=f"../secret.yaml, {outside}"))
    problems = [(p.line, p.column, p.code) for p in load(path).problems]
    assert (4, 11, "include-outside-root") in problems
    assert (4, 27, "include-outside-root") in problems


def test_symlink_out_of_the_root_is_refused(tmp_path: Path) -> None:
    root = workspace(tmp_path / "ws")
    (tmp_path / "secret.yaml").write_text(LIB)
    (root / "link.yaml").symlink_to(tmp_path / "secret.yaml")
    path = root / "m.journey.yaml"
    path.write_text(MAP.format(include="link.yaml"))
    assert "include-outside-root" in {p.code for p in load(path).problems}


def test_cycles_are_reported_with_the_chain(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    (root / "a.yaml").write_text("include: [b.yaml]\npersonas: []\n")
    (root / "b.yaml").write_text("include: [a.yaml]\nstages: []\n")
    path = root / "m.journey.yaml"
    path.write_text(MAP.format(include="a.yaml"))
    cycles = [p for p in load(path).problems if p.code == "include-cycle"]
    assert len(cycles) == 1
    assert cycles[0].path.endswith("b.yaml") and (cycles[0].line, cycles[0].column) == (1, 11)
    assert "a.yaml → b.yaml → a.yaml" in cycles[0].message


def test_a_map_including_itself_is_a_cycle(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    path = root / "m.journey.yaml"
    path.write_text(MAP.format(include="m.journey.yaml"))
    assert "include-cycle" in {p.code for p in load(path).problems}


def test_missing_and_invalid_includes(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    (root / "bad.yaml").write_text("personas: []\ntouchpoints: []\n")
    path = root / "m.journey.yaml"
    path.write_text(MAP.format(include="nope.yaml, bad.yaml"))
    problems = {(p.path.rsplit("/", 1)[-1], p.code) for p in load(path).problems}
    assert ("m.journey.yaml", "include-not-found") in problems
    assert ("bad.yaml", "include-invalid") in problems


def test_workspace_root_defaults_to_the_git_top_level(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "shared.yaml").write_text(LIB)
    sub = tmp_path / "journeys"
    sub.mkdir()
    path = sub / "m.journey.yaml"
    path.write_text(MAP.format(include="../shared.yaml"))
    assert load(path).problems == []
