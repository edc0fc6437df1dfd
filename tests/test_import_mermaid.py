"""Mermaid journey diagrams → maps: every fixture and every real diagram gives valid maps, and the
mapping (sections, tasks, actors, scores, ids, titles) is what docs/import-mermaid.md says.

Golden outputs (the maps and warnings of each fixture) live in tests/golden/import-mermaid/;
``pytest --update-golden`` rewrites them on purpose.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from journeykit.interop.mermaid import parse_text
from journeykit.interop.mermaid_import import ImportResult, import_mermaid, judge_score
from journeykit.validate import load
from tests.conftest import FIXTURES, SHARED, Golden, RunCli, shared_file

MERMAID = FIXTURES / "mermaid"
GOLDEN = Path(__file__).resolve().parent / "golden" / "import-mermaid"
TODAY = dt.date(2026, 11, 22)
FIXTURE_FILES = sorted(p for p in MERMAID.iterdir() if p.is_file())
SHARED_NAMES = sorted(p.name for p in (SHARED / "data" / "mermaid-journeys").glob("*.mmd"))
NO_MAPS = {"not-journey.mmd", "empty-journey.mmd"}


def run(path: Path) -> ImportResult:
    return import_mermaid(path.read_bytes(), path.name, TODAY)


def imported(text: str, name: str = "t.mmd") -> ImportResult:
    return import_mermaid(text.encode("utf-8"), name, TODAY)


def only_map(text: str, name: str = "t.mmd") -> dict[str, Any]:
    result = imported(text, name)
    assert len(result.maps) == 1, result.problems
    return result.maps[0].data


def assert_valid(result: ImportResult, where: str) -> None:
    for m in result.maps:
        loaded = load("-", data=m.text.encode("utf-8"), display=f"{where}:{m.id}")
        assert loaded.valid and not loaded.problems, [p.message for p in loaded.problems]


def touchpoints(data: dict[str, Any]) -> list[tuple[str, str, list[str], list[int]]]:
    return [
        (t["id"], t["stage"], t["personas"], [e["score"] for e in t.get("experiences", [])])
        for t in data["touchpoints"]
    ]


# --- every fixture and every real diagram -------------------------------------------------------


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.name)
def test_every_fixture_imports_to_valid_maps(path: Path) -> None:
    result = run(path)
    assert bool(result.maps) == (path.name not in NO_MAPS)
    assert_valid(result, path.name)


@pytest.mark.parametrize("name", SHARED_NAMES)
def test_every_real_diagram_imports_to_one_valid_map(name: str) -> None:
    path = shared_file(f"data/mermaid-journeys/{name}")
    result = run(path)
    assert len(result.maps) == 1
    assert_valid(result, name)
    assert not [p for p in result.problems if p.code not in {"score"}], result.problems
    diagram = parse_text(path.read_text("utf-8"))
    data = result.maps[0].data
    assert [t["name"] for t in data["touchpoints"]] == [t.name for t in diagram.tasks]
    assert {p["name"] for p in data["personas"]} >= {a for t in diagram.tasks for a in t.actors}


def test_lint_runs_on_every_imported_map(tmp_path: Path, cli: RunCli) -> None:
    """Lint findings are fine (an imported map has no channels or evidence yet); a crash is not."""
    for path in FIXTURE_FILES:
        for m in run(path).maps:
            (tmp_path / f"{path.stem}-{m.id}.journey.yaml").write_text(m.text, "utf-8")
    done = cli("lint", str(tmp_path), "--format", "parsable")
    assert done.exit_code in (0, 1), done.stderr
    assert "Traceback" not in done.stderr
    assert "[schema]" not in done.stdout and "not-a-map" not in done.stdout


def _golden_text(path: Path) -> str:
    result = run(path)
    lines = [f"{p.line}:{p.column}: {p.severity} [{p.code}] {p.message}" for p in result.problems]
    parts = ["\n".join(lines) + "\n" if lines else "(no warnings)\n"]
    parts += [f"--- {m.id} ---\n{m.text}" for m in result.maps]
    return "".join(parts)


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.name)
def test_golden(path: Path, golden: Golden) -> None:
    golden.check(GOLDEN / f"{path.name}.txt", _golden_text(path))


# --- the mapping ---------------------------------------------------------------------------------


def test_sections_tasks_actors_and_scores_map_to_the_map() -> None:
    data = only_map((MERMAID / "basic.mmd").read_text("utf-8"))
    assert (data["journeykit"], data["id"], data["title"]) == (
        1,
        "my-working-day",
        "My working day",
    )
    assert data["updated"] == TODAY
    assert data["personas"] == [{"id": "me", "name": "Me"}, {"id": "cat", "name": "Cat"}]
    assert data["stages"] == [{"id": "go-to-work", "name": "Go to work"},
                              {"id": "go-home", "name": "Go home"}]  # fmt: skip
    assert touchpoints(data) == [
        ("make-tea", "go-to-work", ["me"], [5]),
        ("go-upstairs", "go-to-work", ["me"], [3]),
        ("do-work", "go-to-work", ["me", "cat"], [1, 1]),
        ("go-downstairs", "go-home", ["me"], [5]),
        ("sit-down", "go-home", ["me"], [5]),
    ]
    tea = data["touchpoints"][0]
    assert tea["name"] == "Make tea"
    assert tea["experiences"] == [{"persona": "me", "score": 5}]


@pytest.mark.parametrize(
    ("text", "score", "message"),
    [
        ("1", 1, ""), ("5", 5, ""), ("005", 5, ""), ("3e0", 3, ""),
        ("0", 1, "below 1; clamped to 1"), ("-2", 1, "below 1"), ("6", 5, "above 5; clamped"),
        ("9", 5, "above 5"), ("1e400", 5, "above 5"), ("4.5", 5, "rounded to 5"),
        ("2.4", 2, "rounded to 2"), ("1.5", 2, "rounded to 2"), ("0.4", 1, "below 1"),
        ("X", None, "not a number"), ("five", None, "not a number"), ("", None, "no score"),
        ("4 stars", None, "not a number"), ("0x5", None, "not a number"), (None, None, "no score"),
    ],
)  # fmt: skip
def test_scores_are_kept_clamped_rounded_or_dropped(
    text: str | None, score: int | None, message: str
) -> None:
    got, why = judge_score(text)
    assert got == score
    assert (message in why) if message else why == ""


def test_score_warnings_name_the_line_and_column_of_the_score() -> None:
    result = run(MERMAID / "scores.mmd")
    shown = {(p.line, p.column, p.code) for p in result.problems}
    assert (8, 15, "score") in shown  # "        Zero: 0: Ann": the 0
    assert (18, 17, "score") in shown  # "        Letter: X: Ann": the X
    assert (22, 9, "no-score") in shown  # a line with no colon at all
    assert all(p.severity == "warning" for p in result.problems)
    data = result.maps[0].data
    by_name = {t["name"]: t for t in data["touchpoints"]}
    assert [e["score"] for e in by_name["Zero"]["experiences"]] == [1]
    assert [e["score"] for e in by_name["Nine"]["experiences"]] == [5]
    assert [e["score"] for e in by_name["Half"]["experiences"]] == [5]
    for dropped in ("Letter", "Word", "Empty", "Blank", "No score at all", "Stars"):
        assert "experiences" not in by_name[dropped]
        assert by_name[dropped]["personas"]  # the touchpoint and its actors stay


def test_ids_are_unique_slugs_with_fallbacks_for_cjk_and_emoji() -> None:
    data = only_map((MERMAID / "unicode.mmd").read_text("utf-8"), "unicode.mmd")
    assert data["id"] == "unicode"  # the title has no Latin letters: the file name
    assert data["title"] == "🛒 オンラインショッピング"
    assert [s["id"] for s in data["stages"]] == ["stage-1", "stage-2"]
    assert [t["id"] for t in data["touchpoints"]] == [
        "task-1", "task-2", "cafe-creme", "task-4", "task-5"
    ]  # fmt: skip
    assert [p["name"] for p in data["personas"]] == ["私", "👩\u200d💻", "Zoë", "家族", "سارة"]
    assert data["personas"][2]["id"] == "zoe"
    dup = only_map((MERMAID / "duplicates.mmd").read_text("utf-8"))
    assert [t["id"] for t in dup["touchpoints"]] == [
        "open-app", "enter-pin", "open-app-2", "enter-pin-2", "open-app-3"
    ]  # fmt: skip


def test_actors_become_personas_with_trailing_commas_repeats_and_entity_commas() -> None:
    data = only_map((MERMAID / "actors.mmd").read_text("utf-8"))
    assert [(p["id"], p["name"]) for p in data["personas"]] == [
        ("me", "Me"), ("brock", "Brock"), ("coco", "Coco"), ("me-2", "me"),
        ("customer", "Customer"), ("smith-john", "Smith, John"),
    ]  # fmt: skip
    tps = {t["name"]: t for t in data["touchpoints"]}
    assert tps["Trailing comma"]["personas"] == ["me", "brock"]
    assert tps["Double comma"]["personas"] == ["me", "coco"]
    assert tps["Repeated"]["personas"] == ["me", "me-2"]  # "Me" twice is one experience
    assert tps["Nobody"]["personas"] == ["customer"]
    assert tps["Nobody with colon"]["experiences"] == [{"persona": "customer", "score": 2}]


def test_a_task_without_actors_joins_the_diagrams_own_customer() -> None:
    data = only_map((MERMAID / "customer-actor.mmd").read_text("utf-8"))
    assert [p["id"] for p in data["personas"]] == ["customer", "staff"]
    assert [t["personas"] for t in data["touchpoints"]] == [
        ["customer"], ["customer", "staff"], ["customer"]
    ]  # fmt: skip


def test_tasks_before_any_section_and_repeated_or_empty_sections() -> None:
    data = only_map((MERMAID / "sections.mmd").read_text("utf-8"))
    assert [(s["id"], s["name"]) for s in data["stages"]] == [
        ("journey", "Journey"), ("morning", "Morning"), ("empty-section", "Empty section"),
        ("morning-2", "Morning"), ("journey-2", "Journey"),
    ]  # fmt: skip
    assert [t["stage"] for t in data["touchpoints"]] == [
        "journey", "journey", "morning", "morning-2", "journey-2"
    ]  # fmt: skip


def test_accessibility_title_and_description() -> None:
    data = only_map((MERMAID / "accessibility.mmd").read_text("utf-8"))
    assert data["title"] == "Checkout"
    assert data["description"] == (
        "How a first-time buyer gets from the basket to the confirmation page"
    )
    assert data["x-mermaid"] == {"accTitle": "Checkout journey for screen readers"}
    block = only_map((MERMAID / "accessibility-block.mmd").read_text("utf-8"))
    assert block["description"] == (
        "A customer calls support\nabout a late parcel,\nand gets a refund."
    )
    assert "x-mermaid" not in block  # the accTitle equals the title
    untitled = only_map("journey\naccTitle: Read aloud\nsection S\nT: 3: Me\n")
    assert untitled["title"] == "Read aloud"


def test_front_matter_directives_and_comments() -> None:
    result = run(MERMAID / "front-matter.mmd")
    data = result.maps[0].data
    assert data["title"] == "Renewing a passport"
    assert [t["name"] for t in data["touchpoints"]] == [
        "Find the form", "Take photos", "Post the form"
    ]  # fmt: skip
    assert not result.problems
    titled = only_map("---\ntitle: From front matter\n---\njourney\ntitle Wins\nsection S\nT: 3\n")
    assert titled["title"] == "Wins"  # a title statement comes later, as in Mermaid
    broken = imported("---\ntitle: [unclosed\n---\njourney\nsection S\nT: 3\n")
    assert [p.code for p in broken.problems] == ["front-matter"]
    assert broken.maps[0].data["title"] == "T"  # from the file name t.mmd


def test_semicolons_separate_statements() -> None:
    data = only_map((MERMAID / "semicolons.mmd").read_text("utf-8"))
    assert data["title"] == "Coffee run"
    assert touchpoints(data) == [
        ("queue", "order", ["me"], [2]),
        ("order-coffee", "order", ["me", "barista"], [4, 4]),
        ("sip", "drink", ["me"], [5]),
        ("spill", "drink", ["me"], [1]),
    ]


def test_odd_indentation_tabs_crlf_and_trailing_spaces() -> None:
    assert b"\r\n" in (MERMAID / "odd-indent.mmd").read_bytes()
    data = run(MERMAID / "odd-indent.mmd").maps[0].data
    assert data["title"] == "Odd indentation"
    assert [s["name"] for s in data["stages"]] == ["Start", "End"]
    assert touchpoints(data) == [
        ("no-indent-at-all", "start", ["ann"], [4]),
        ("tabs-and-spaces", "start", ["ann", "bob"], [3, 3]),
        ("very-deep", "start", ["bob"], [5]),
        ("trailing-spaces-everywhere", "end", ["ann"], [2]),
    ]


def test_entity_codes_and_hash_comments() -> None:
    data = only_map((MERMAID / "entities.mmd").read_text("utf-8"))
    assert data["title"] == 'I ♥ "coffee"'
    assert data["stages"][0]["name"] == "Step #1"
    names = [t["name"] for t in data["touchpoints"]]
    assert names == ["Time : 8am", "Unknown #foo; code", "Big #99999999; number", "Amp & co"]
    assert [p["name"] for p in data["personas"]] == ["Me", "Me; you"]


def test_keywords_in_any_case_and_names_as_mermaid_shows_them() -> None:
    result = run(MERMAID / "keywords.mmd")
    data = result.maps[0].data
    assert data["title"] == "Keywords in any case"
    assert [t["name"] for t in data["touchpoints"]] == [
        '"section 2 of the form"', '"title page"', '"journey planner"', '"%% percent"',
        '"quoted but plain"', "Ratio 1:2 and #3", "Task with extra",
    ]  # fmt: skip
    assert data["personas"][1]["name"] == "Me, myself"
    assert [p.code for p in result.problems] == ["ignored-text"]


def test_a_trailing_percent_comment_is_not_part_of_the_actors() -> None:
    data = only_map("journey\nsection S\nMake tea: 5: Me %% ask Bob\n")
    assert data["personas"] == [{"id": "me", "name": "Me"}]


def test_title_falls_back_to_the_file_name() -> None:
    data = only_map("journey\nsection S\nT: 3: Me\n", "docs/user_journey-v2.md.mmd")
    assert (data["id"], data["title"]) == ("user-journey-v2", "User journey v2")
    assert only_map("journey\nsection S\nT: 3\n", "-")["title"] == "Imported journey"


def test_a_header_comment_names_the_source_and_line() -> None:
    result = run(MERMAID / "readme.md")
    first = result.maps[0]
    assert first.text.startswith(
        "# Imported by `journey import mermaid` from readme.md, line 6.\njourneykit: 1\n"
    )


# --- finding diagrams in Markdown and HTML -------------------------------------------------------


def test_markdown_fences_indented_tilde_longer_close_and_unclosed() -> None:
    result = run(MERMAID / "readme.md")
    assert [m.title for m in result.maps] == [
        "Sign up", "Onboarding", "Raw & HTML in Markdown", "Longer close", "Unclosed"
    ]  # fmt: skip
    assert [m.line for m in result.maps] == [6, 25, 48, 57, 66]  # lines of the README
    assert [(p.line, p.code) for p in result.problems] == [
        (18, "not-journey"), (65, "unclosed-block")
    ]  # fmt: skip
    assert result.maps[2].data["touchpoints"][0]["name"] == "Compare A > B"


def test_html_div_and_pre_blocks_with_entities() -> None:
    result = run(MERMAID / "page.html")
    assert [m.title for m in result.maps] == ['Find "support"', "Pre block", "Same line"]
    names = [t["name"] for m in result.maps for t in m.data["touchpoints"]]
    assert names == ["Google it", "Talk to peers & friends", "Task <one>", "Task"]
    assert [(p.line, p.code) for p in result.problems] == [(20, "not-journey")]


def test_warnings_inside_a_readme_point_at_the_readme_line() -> None:
    text = (
        "# Doc\n\n- item\n\n   ```mermaid\n   journey\n     section S\n       Bad: 9: Me\n   ```\n"
    )
    result = imported(text, "README.md")
    assert [(p.path, p.line, p.column) for p in result.problems] == [("README.md", 8, 13)]


def test_a_bare_diagram_on_stdin_and_a_readme_on_stdin() -> None:
    assert len(imported("journey\nsection S\nT: 3: Me\n", "-").maps) == 1
    assert len(imported((MERMAID / "readme.md").read_text("utf-8"), "-").maps) == 5


def test_markdown_without_mermaid_and_other_diagrams_give_no_maps() -> None:
    none = imported("# Title\n\njourney of a lifetime: 5\n", "notes.md")
    assert (none.maps, none.journeys, none.others) == ([], 0, 0)
    other = run(MERMAID / "not-journey.mmd")
    assert (other.maps, other.others) == ([], 1)
    assert other.problems[0].code == "not-journey" and other.problems[0].severity == "info"
    empty = run(MERMAID / "empty-journey.mmd")
    assert (empty.maps, empty.journeys) == ([], 1)
    assert empty.problems[0].code == "no-tasks"


def test_map_ids_are_unique_across_a_file() -> None:
    text = "".join(f"```mermaid\njourney\ntitle Same\nsection S\nT{n}: 3\n```\n" for n in range(3))
    assert [m.id for m in imported(text, "x.md").maps] == ["same", "same-2", "same-3"]


def test_an_mmd_file_holding_a_fence_is_read_like_markdown() -> None:
    result = imported("\n```mermaid\njourney\ntitle Fenced\nsection S\nT: 3: Me\n```\n", "x.mmd")
    assert [m.title for m in result.maps] == ["Fenced"]
    assert not result.problems
