"""`journey diff` from the command line: sides, exit codes, errors, colour, textconv."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from journeykit.diff import classify
from journeykit.diff.model import ChangeClass
from journeykit.diff.textconv import textconv

from .conftest import EXAMPLES, MINIMAL, RunCli

GOLDEN = Path(__file__).resolve().parent / "golden" / "diff"
PR_OLD = str(GOLDEN / "pr-review" / "old.journey.yaml")
PR_NEW = str(GOLDEN / "pr-review" / "new.journey.yaml")
WriteMap = Callable[..., Path]


def test_identical_maps_exit_0_even_with_fail_on_any(cli: RunCli, write_map: WriteMap) -> None:
    path = str(write_map())
    result = cli("diff", path, path, "--fail-on", "any")
    assert result.exit_code == 0
    assert result.stdout.rstrip().endswith("no semantic changes")


@pytest.mark.parametrize(
    ("fail_on", "code"), [(None, 0), ("regression", 1), ("removal", 1), ("change", 1), ("any", 1)]
)
def test_fail_on_levels(cli: RunCli, fail_on: str | None, code: int) -> None:
    extra = ["--fail-on", fail_on] if fail_on else []
    assert cli("diff", PR_OLD, PR_NEW, *extra).exit_code == code


def test_fail_on_counts_more_serious_classes(cli: RunCli, write_map: WriteMap) -> None:
    """`--fail-on removal` fails on a removal, `change` on a change, neither on an improvement."""
    old = write_map(MINIMAL, "old.journey.yaml")
    renamed = write_map(MINIMAL.replace("name: Ad", "name: Banner ad"), "renamed.journey.yaml")
    better = write_map(MINIMAL.replace("score: 3", "score: 5"), "better.journey.yaml")
    codes = {
        level: (
            cli("diff", str(old), str(renamed), "--fail-on", level).exit_code,
            cli("diff", str(old), str(better), "--fail-on", level).exit_code,
        )
        for level in ("regression", "removal", "change", "any")
    }
    assert codes == {"regression": (0, 0), "removal": (0, 0), "change": (1, 0), "any": (1, 1)}


def test_an_invalid_side_prints_its_problems_and_exits_2(cli: RunCli, write_map: WriteMap) -> None:
    good = write_map(MINIMAL, "good.journey.yaml")
    bad = write_map(MINIMAL.replace("score: 3", "score: 9"), "bad.journey.yaml")
    for args in ((good, bad), (bad, good)):
        result = cli("diff", *map(str, args))
        assert result.exit_code == 2
        assert result.stdout == ""
        assert "cannot diff" in result.stderr
        assert "bad.journey.yaml:" in result.stderr and "[out-of-range]" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.journey.yaml", "other.journey.yaml"], "no such file or folder"),
        (["a.journey.yaml"], "give two sides"),
        (["a.journey.yaml", "a.journey.yaml", "--format", "xml"], "unknown format"),
        (["a.journey.yaml", "a.journey.yaml", "--fail-on", "all"], "unknown --fail-on"),
        (["a.journey.yaml", "a.journey.yaml", "--today", "tomorrow"], "--today must be a date"),
        (["--textconv", "a.journey.yaml", "b.journey.yaml"], "--textconv takes one FILE"),
        (["--git"], "give two sides"),
        (["-", "-"], "only one side can be - (stdin)"),
    ],
)
def test_usage_errors_exit_2(
    cli: RunCli, write_map: WriteMap, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(write_map(MINIMAL, "a.journey.yaml").parent)
    result = cli("diff", *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_not_a_map_is_exit_2(cli: RunCli, write_map: WriteMap) -> None:
    good = write_map(MINIMAL, "good.journey.yaml")
    empty = write_map("", "empty.journey.yaml")
    result = cli("diff", str(good), str(empty))
    assert result.exit_code == 2
    assert "[not-a-map]" in result.stderr


def test_folders_match_maps_by_id_whatever_the_file_names(
    cli: RunCli, write_map: WriteMap, tmp_path: Path
) -> None:
    write_map(MINIMAL, "old/a.journey.yaml")
    write_map(MINIMAL.replace("id: mini", "id: gone"), "old/b.journey.yaml")
    write_map(MINIMAL.replace("name: Ad", "name: Banner"), "new/renamed.journey.yaml")
    write_map(MINIMAL.replace("id: mini", "id: fresh"), "new/c.journey.yaml")
    result = cli("diff", str(tmp_path / "old"), str(tmp_path / "new"), "--format", "json")
    assert result.exit_code == 0, result.stderr
    maps = {m["id"]: m for m in json.loads(result.stdout)["maps"]}
    assert {k: m["status"] for k, m in maps.items()} == {
        "fresh": "added",
        "gone": "removed",
        "mini": "changed",
    }
    assert [c["path"] for c in maps["mini"]["changes"]] == ["touchpoints.ad.name"]
    assert maps["gone"]["changes"][0]["class"] == "removal"


def test_maps_sharing_an_id_within_a_side_pair_by_their_place(
    cli: RunCli, write_map: WriteMap, tmp_path: Path
) -> None:
    """Copies of one map (fixtures, before/after pairs) pair by relative path, not by id."""
    for side in ("old", "new"):
        write_map(MINIMAL, f"{side}/x/a.journey.yaml")
        write_map(
            MINIMAL.replace("name: Ann", "name: Ann B") if side == "new" else MINIMAL,
            f"{side}/y/a.journey.yaml",
        )
    write_map(MINIMAL, "new/z.journey.yaml")
    result = cli("diff", str(tmp_path / "old"), str(tmp_path / "new"), "--format", "json")
    assert result.exit_code == 0, result.stderr
    found = [(m["old_path"], m["new_path"], m["status"]) for m in json.loads(result.stdout)["maps"]]
    old, new = str(tmp_path / "old"), str(tmp_path / "new")
    assert found == [
        (f"{old}/x/a.journey.yaml", f"{new}/x/a.journey.yaml", "unchanged"),
        (f"{old}/y/a.journey.yaml", f"{new}/y/a.journey.yaml", "changed"),
        (None, f"{new}/z.journey.yaml", "added"),
    ]


def test_two_named_files_pair_whatever_their_ids(cli: RunCli, write_map: WriteMap) -> None:
    old = write_map(MINIMAL, "old.journey.yaml")
    new = write_map(MINIMAL.replace("id: mini", "id: maxi"), "new.journey.yaml")
    result = cli("diff", str(old), str(new), "--format", "json")
    found = json.loads(result.stdout)["maps"][0]["changes"]
    assert [(c["path"], c["old"], c["new"]) for c in found] == [("id", "mini", "maxi")]


def test_stdin_as_a_side(cli: RunCli, write_map: WriteMap) -> None:
    old = write_map(MINIMAL, "old.journey.yaml")
    result = cli(
        "diff", str(old), "-", "--format", "json", input=MINIMAL.replace("score: 4", "score: 2")
    )
    assert result.exit_code == 0, result.stderr
    (change,) = json.loads(result.stdout)["maps"][0]["changes"]
    assert (change["path"], change["class"]) == (
        "touchpoints.ad.experiences.ann.score",
        "regression",
    )


def test_colour_only_when_asked(cli: RunCli) -> None:
    plain = cli("diff", PR_OLD, PR_NEW).stdout
    coloured = cli("diff", PR_OLD, PR_NEW, "--color", "always").stdout
    assert "\x1b[" not in plain
    assert "\x1b[1;31m[regression]\x1b[0m" in coloured
    assert cli("diff", PR_OLD, PR_NEW, "--color", "auto").stdout == plain  # not a terminal


def test_markdown_summary_counts_match_json(cli: RunCli) -> None:
    data = json.loads(cli("diff", PR_OLD, PR_NEW, "-f", "json").stdout)
    markdown = cli("diff", PR_OLD, PR_NEW, "-f", "markdown").stdout
    for cls in ("regression", "removal", "change", "improvement"):
        assert f" {cls} | {data['summary'][cls]} |" in markdown
    assert "#### Touchpoint `connect-data`: Connect data" in markdown
    assert "#### Mean score per persona and stage" in markdown


def test_score_deltas_in_every_format(cli: RunCli) -> None:
    data = json.loads(cli("diff", PR_OLD, PR_NEW, "-f", "json", "--today", "2026-11-22").stdout)
    scores = {s["name"]: s for s in data["maps"][0]["scores"]}
    assert {"overall", "completeness", "evidence", "experience", "kpi"} <= set(scores)
    assert scores["experience"]["delta"] == pytest.approx(
        scores["experience"]["new"] - scores["experience"]["old"], abs=1e-3
    )
    assert "#### Scorecard" in cli("diff", PR_OLD, PR_NEW, "-f", "markdown").stdout
    assert "\nscorecard\n  overall  ± " in cli("diff", PR_OLD, PR_NEW).stdout


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.journey.yaml")), ids=lambda p: p.name)
def test_every_example_against_itself_and_its_canonical_view(cli: RunCli, example: Path) -> None:
    result = cli("diff", str(example), str(example), "--fail-on", "any")
    assert result.exit_code == 0, result.stdout + result.stderr
    view = textconv(example.read_bytes(), str(example))
    assert view.startswith("journeykit: 1\nid: ")
    assert "\x1b" not in view and "\n\n" not in view


def test_textconv_is_the_same_for_any_yaml_style() -> None:
    block = (
        b"journeykit: 1\nid: m\ntitle: 'T'\ntouchpoints:\n  - id: a\n    name: A\n    stage: s\n"
    )
    flow = (
        b'{touchpoints: [{stage: s, name: "A", id: a}], title: T, id: m,  # hi\n journeykit: 1}\n'
    )
    assert textconv(block, "x") == textconv(flow, "y")
    assert textconv(block, "x") == (
        'journeykit: 1\nid: "m"\ntitle: "T"\ntouchpoints.a.id: "a"\ntouchpoints.a.name: "A"\n'
        'touchpoints.a.stage: "s"\n'
    )


def test_textconv_names_items_by_id_and_escapes_control_characters() -> None:
    text = (
        b'touchpoints:\n  - id: a\n    name: "x\\e[31m\\u202e"\n    experiences:\n'
        b"      - {persona: ann, score: 4.0}\n    measurements:\n"
        b"      - {metric: nps, actual: 3, as_of: 2026-01-02}\n    thoughts: [one, two]\n"
    )
    lines = textconv(text, "x").splitlines()
    assert 'touchpoints.a.name: "x\\u001b[31m\\u202e"' in lines
    assert "touchpoints.a.experiences.ann.score: 4" in lines
    assert "touchpoints.a.measurements.nps@2026-01-02.actual: 3" in lines
    assert 'touchpoints.a.thoughts[]: "one"' in lines


@pytest.mark.parametrize(
    ("old", "new", "cls"),
    [
        ("proposed", "planned", ChangeClass.IMPROVEMENT),
        ("done", "in-progress", ChangeClass.REGRESSION),
        ("planned", "dropped", ChangeClass.REGRESSION),
        ("dropped", "planned", ChangeClass.IMPROVEMENT),
    ],
)
def test_action_status_transitions(old: str, new: str, cls: ChangeClass) -> None:
    assert classify.status(old, new)[0] is cls


@pytest.mark.parametrize(
    ("old", "new", "target", "higher", "cls", "words"),
    [
        (0.3, 0.4, 0.5, True, ChangeClass.IMPROVEMENT, "toward target 0.5"),
        (0.4, 0.3, 0.5, True, ChangeClass.REGRESSION, "away from target 0.5"),
        (120, 90, 60, False, ChangeClass.IMPROVEMENT, "toward target 60"),
        (50, 70, 60, False, ChangeClass.REGRESSION, "target 60 no longer met"),
        (0.4, 0.6, 0.5, True, ChangeClass.IMPROVEMENT, "target 0.5 reached"),
        (0.7, 0.6, 0.5, True, ChangeClass.REGRESSION, "target 0.5 still met"),
        (3, 2, None, True, ChangeClass.REGRESSION, "-1, worse"),
    ],
)
def test_measurements_are_direction_aware(
    old: float, new: float, target: float | None, higher: bool, cls: ChangeClass, words: str
) -> None:
    got, note = classify.actual(old, new, target, higher)
    assert got is cls
    assert words in note


def test_a_metric_whose_direction_changed_moves_neither_way(write_map: WriteMap) -> None:
    """Each side's direction calls 0.9 -> 0.4 and 0.4 -> 0.9 better: the mirror would break."""
    from journeykit.diff.compare import diff_maps
    from journeykit.validate import load

    text = MINIMAL + (
        "    measurements: [{metric: c, actual: 0.9, target: 0.5}]\n"
        "metrics: [{id: c, name: C, kind: conversion}]\n"
    )
    up = load(str(write_map(text, "up.journey.yaml"))).journey
    down_text = text.replace("actual: 0.9", "actual: 0.4").replace(
        "kind: conversion}", "kind: conversion, direction: lower-is-better}"
    )
    down = load(str(write_map(down_text, "down.journey.yaml"))).journey
    for old, new in ((up, down), (down, up)):
        moved = {c.dotted: c for c in diff_maps(old, new)}[
            "touchpoints.checkout.measurements.c.actual"
        ]
        assert moved.cls is ChangeClass.CHANGE
        assert "direction changed" in moved.note


def test_diff_and_driver_are_listed_in_help(cli: RunCli) -> None:
    result = cli("--help")
    assert " diff " in result.stdout and " git-diff-driver " in result.stdout


@pytest.mark.parametrize("path", ["../../evil.journey.yaml", "/tmp/evil.journey.yaml", ".."])
def test_the_mirror_never_writes_outside_its_folder(tmp_path: Path, path: str) -> None:
    from journeykit.diff.sources import Mirror

    root = tmp_path / "a" / "b" / "mirror"
    root.mkdir(parents=True)
    local = Mirror(root, lambda _: None).place(path, b"journeykit: 1\n")
    assert local is not None and local.resolve().is_relative_to(root.resolve())
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == [local.name]


def test_non_finite_numbers_are_refused_as_invalid(cli: RunCli, write_map: WriteMap) -> None:
    """Validation refuses YAML's .nan and .inf, so the diff reports an invalid side (exit 2)."""
    text = MINIMAL + (
        "    measurements: [{metric: c, actual: .nan, target: .inf}]\n"
        "metrics: [{id: c, name: C, kind: custom}]\n"
    )
    old = write_map(text, "old.journey.yaml")
    new = write_map(text.replace("target: .inf", "target: 5"), "new.journey.yaml")
    for fmt in ("text", "markdown", "json"):
        result = cli("diff", str(old), str(new), "-f", fmt)
        assert result.exit_code == 2 and result.stdout == ""
        assert "[out-of-range] `actual` must be a finite number" in result.stderr
