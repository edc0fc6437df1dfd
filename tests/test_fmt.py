"""``journey fmt``: golden layouts, idempotence, comments kept, meaning kept, exit codes.

Golden cases live in tests/golden/fmt: ``NAME.input.yaml`` beside ``NAME.expected.yaml``;
``pytest --update-golden tests/test_fmt.py`` rewrites the expected files on purpose.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeykit.diff.compare import diff_maps
from journeykit.fmt import LOST_COMMENT, comments, format_text, same
from journeykit.fmt.layout import TOUCHPOINT_ORDER, key_order
from journeykit.loader import parse_text
from journeykit.model.map import JourneyMap, Touchpoint
from journeykit.validate import load

from .conftest import EXAMPLES, FIXTURES, ROOT, Golden, RunCli
from .test_diff_properties import STYLES, dump, maps

GOLDEN = ROOT / "tests" / "golden" / "fmt"
CASES = sorted(p.name.removesuffix(".input.yaml") for p in GOLDEN.glob("*.input.yaml"))
REPOSITORY_MAPS = sorted([*EXAMPLES.glob("*.yaml"), *(ROOT / "tests").rglob("*.journey.yaml")])


def canonical(text: str, path: str = "map.yaml") -> str:
    result = format_text(text, path)
    assert result.after is not None, result.problems
    return result.after


def assert_layout_only(before: str, after: str) -> None:
    """Same data (value by value, type by type), same comments, and a fixed point."""
    assert same(parse_text(before, "a").data, parse_text(after, "b").data)
    assert sorted(comments(after)) == sorted(comments(before))
    assert canonical(after) == after


# -- golden files -----------------------------------------------------------------------------


def test_there_are_golden_cases() -> None:
    assert len(CASES) >= 4


@pytest.mark.parametrize("case", CASES)
def test_golden(case: str, golden: Golden) -> None:
    before = (GOLDEN / f"{case}.input.yaml").read_text(encoding="utf-8")
    expected = GOLDEN / f"{case}.expected.yaml"
    after = canonical(before, case)
    golden.check(expected, after)
    assert after != before  # each case has something to fix
    assert_layout_only(before, after)


def test_golden_details() -> None:
    """The points of the style, spelled out on the golden outputs."""
    order = (GOLDEN / "messy-order.expected.yaml").read_text()
    assert order.index("journeykit: 1") < order.index("id: messy-order") < order.index("title:")
    assert order.index("personas:") < order.index("stages:") < order.index("touchpoints:")
    assert "  - id: ad\n    name: Search ad\n    stage: discover\n    channel: web\n" in order
    assert "      - persona: ann   # she liked it\n        score: 4\n" in order
    lists = (GOLDEN / "list-style.expected.yaml").read_text()
    assert "    personas: [ann, bob]\n" in lists  # ids in flow style
    assert "    addresses: [slow]\n" in lists
    assert "    target: {metric: csat, value: 4.5}\n" in lists
    assert "tags: [a, b]\n" in lists  # a list of words keeps its style
    assert "    goals:\n      - Save time\n" in lists  # other lists in block style
    assert "    next:\n      - a-touchpoint-with-a-rather-long-id-number-one\n" in lists  # too long
    indented = (GOLDEN / "indentation.expected.yaml").read_text()
    assert "personas:\n  - id: ann\n    name: Ann\n    goals:\n      - Save time\n" in indented
    quoted = (GOLDEN / "quotes-anchors.expected.yaml").read_text()
    for kept in ('id: "quotes-anchors"', "goals: &goals", "goals: *goals", "description: |",
                 "'Save time'", 'name: "yes"', 'customer_action: "12:30"'):  # fmt: skip
        assert kept in quoted
    assert quoted.startswith("---\n")


def test_touchpoint_order_is_a_permutation_of_the_model() -> None:
    assert sorted(TOUCHPOINT_ORDER) == sorted(Touchpoint.model_fields)
    assert list(key_order(JourneyMap)) == list(JourneyMap.model_fields)


# -- every map in the repository --------------------------------------------------------------


def test_the_examples_are_already_canonical(cli: RunCli) -> None:
    result = cli("fmt", "--check", str(EXAMPLES))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "0 files would be reformatted" in result.stderr


@pytest.mark.parametrize("path", REPOSITORY_MAPS, ids=lambda p: str(p.relative_to(ROOT)))
def test_repository_maps_keep_their_meaning(path: Path) -> None:
    """Every map of the repository (the broken test fixtures too): formatted without a change
    of meaning or a lost comment, and settled; or refused for a reason it states."""
    before = path.read_bytes().decode("utf-8", errors="replace")
    result = format_text(before, str(path))
    if result.after is None:
        codes = {p.code for p in result.problems}
        assert parse_text(before, "x").problems or codes == {LOST_COMMENT}, result.problems
        return
    assert_layout_only(before, result.after)


def test_fmt_then_journey_diff_reports_no_change(cli: RunCli, tmp_path: Path) -> None:
    """Every valid map of the repository, formatted on disk, and `journey diff` before/after."""
    pairs = []
    for source in (EXAMPLES, FIXTURES / "valid"):
        before, after = tmp_path / "before" / source.name, tmp_path / "after" / source.name
        shutil.copytree(source, before)
        shutil.copytree(source, after)
        result = cli("fmt", *map(str, after.glob("*.yaml")))
        assert result.exit_code == 0, result.stderr
        pairs += [(p, after / p.name) for p in before.glob("*.journey.yaml")]
    assert len(pairs) >= 5
    changed = 0
    for old, new in pairs:
        changed += old.read_bytes() != new.read_bytes()
        result = cli("diff", str(old), str(new), "--fail-on", "any")
        assert result.exit_code == 0, result.stdout + result.stderr
        assert result.stdout.rstrip().endswith("no semantic changes")
    assert changed  # the fixtures are not canonical: something was really rewritten


@pytest.mark.parametrize("template", ["shop", "saas", "service"])
def test_maps_from_journey_init(
    cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, template: str
) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli("init", "repo", "--template", template, "--no-git").exit_code == 0
    files = sorted((tmp_path / "repo").rglob("*.yaml"))
    assert any(f.name.endswith(".journey.yaml") for f in files)
    for path in files:
        before = path.read_text(encoding="utf-8")
        assert_layout_only(before, canonical(before, str(path)))
    result = cli("fmt", "--check", str(tmp_path / "repo"))
    assert result.exit_code == 0, result.stdout  # what init writes is canonical already


# -- generated maps ---------------------------------------------------------------------------


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps(), st.sampled_from(STYLES), st.integers(0, 2**16))
def test_generated_maps_keep_meaning_and_settle(
    data: dict[str, Any], style: str, seed: int
) -> None:
    before = dump(data, style, seed)
    after = canonical(before)
    assert_layout_only(before, after)
    old, new = load("-", data=before.encode()), load("-", data=after.encode())
    assert old.valid and new.valid
    assert diff_maps(old.journey, new.journey) == []


# -- the command ------------------------------------------------------------------------------

MESSY = (GOLDEN / "messy-order.input.yaml").read_text()


def test_check_lists_the_files_and_exits_1(cli: RunCli, tmp_path: Path) -> None:
    messy, tidy = tmp_path / "messy.journey.yaml", tmp_path / "tidy.journey.yaml"
    messy.write_text(MESSY)
    tidy.write_text(canonical(MESSY))
    result = cli("fmt", "--check", str(tmp_path))
    assert result.exit_code == 1
    assert result.stdout == f"would reformat {messy}\n"
    assert messy.read_text() == MESSY  # nothing written
    assert cli("fmt", "--check", str(tidy)).exit_code == 0


def test_diff_prints_a_unified_diff(cli: RunCli, tmp_path: Path) -> None:
    messy = tmp_path / "messy.journey.yaml"
    messy.write_text(MESSY)
    result = cli("fmt", "--diff", str(messy))
    assert result.exit_code == 1
    assert result.stdout.startswith(f"--- {messy} (before)\n+++ {messy} (formatted)\n@@ ")
    body = result.stdout.splitlines()[2:]
    removed = [line[1:] for line in body if line.startswith("-")]
    added = [line[1:] for line in body if line.startswith("+")]
    assert removed and set(removed) <= set(MESSY.splitlines())
    assert added and set(added) <= set(canonical(MESSY).splitlines())
    assert messy.read_text() == MESSY


def test_writes_in_place_then_nothing_to_do(cli: RunCli, tmp_path: Path) -> None:
    messy = tmp_path / "messy.journey.yaml"
    messy.write_text(MESSY)
    result = cli("fmt", str(messy))
    assert result.exit_code == 0
    assert messy.read_text() == canonical(MESSY)
    assert f"reformatted {messy}" in result.stderr
    again = cli("fmt", str(messy))
    assert again.exit_code == 0 and "0 files reformatted, 1 unchanged" in again.stderr
    assert not list(tmp_path.glob(".*.tmp"))  # no temp file left behind


def test_a_folder_brings_its_included_library(cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "people.yaml").write_text("personas:\n- {name: Ann, id: ann}\n")
    (tmp_path / "m.journey.yaml").write_text(
        "journeykit: 1\nid: m\ntitle: M\ninclude: [people.yaml]\n"
        "stages: [{id: s, name: S}]\ntouchpoints: [{id: t, name: T, stage: s}]\n"
    )
    result = cli("fmt", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "people.yaml").read_text() == "personas:\n  - id: ann\n    name: Ann\n"


@pytest.mark.parametrize(
    "text",
    [
        "journeykit: 1\ntitle: [unclosed\n",
        "journeykit: 1\ntitle: a\ntitle: b\n",
        "journeykit: !!python/object:os.system 1\n",
        "journeykit: 1\n---\njourneykit: 1\n",
    ],
    ids=["syntax", "duplicate-key", "tag", "two-documents"],
)
def test_a_file_that_does_not_parse_is_left_alone(cli: RunCli, tmp_path: Path, text: str) -> None:
    bad, good = tmp_path / "bad.journey.yaml", tmp_path / "good.journey.yaml"
    bad.write_text(text)
    good.write_text(MESSY)
    result = cli("fmt", str(bad), str(good))
    assert result.exit_code == 2
    assert bad.read_text() == text
    assert good.read_text() == canonical(MESSY)  # the others are still formatted
    assert re.search(rf"^{re.escape(str(bad))}:\d+:\d+: error \[", result.stderr, re.M)
    assert cli("fmt", "--check", str(bad)).exit_code == 2


def test_a_comment_ruamel_cannot_keep_is_never_lost(cli: RunCli, tmp_path: Path) -> None:
    text = "{journeykit: 1,  # the version\n id: m, title: T}\n"
    path = tmp_path / "flow.journey.yaml"
    path.write_text(text)
    result = cli("fmt", str(path))
    assert result.exit_code == 2
    assert f"{path}:1:1: error [{LOST_COMMENT}]" in result.stderr
    assert path.read_text() == text


def test_not_utf8_is_left_alone(cli: RunCli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.journey.yaml"
    bad.write_bytes(b"title: \xff\xfe\n")
    assert cli("fmt", str(bad)).exit_code == 2
    assert bad.read_bytes() == b"title: \xff\xfe\n"


def test_stdin_to_stdout(cli: RunCli) -> None:
    result = cli("fmt", "-", input=MESSY)
    assert result.exit_code == 0
    assert result.stdout == canonical(MESSY)


def test_line_endings_and_byte_order_mark_are_kept(cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "crlf.journey.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MESSY.replace("\n", "\r\n").encode())
    assert cli("fmt", str(path)).exit_code == 0
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw[3:].decode() == canonical(MESSY).replace("\n", "\r\n")


def test_no_paths_formats_the_working_folder(
    cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.journey.yaml").write_text(MESSY)
    assert cli("fmt", "--check").exit_code == 1
    assert cli("fmt").exit_code == 0
    assert cli("fmt", "--check").exit_code == 0
