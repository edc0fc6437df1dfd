"""``journey import mermaid``: where maps go, when nothing is written, exit codes and messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeykit.validate import load
from tests.conftest import FIXTURES, RunCli

MERMAID = FIXTURES / "mermaid"
BASIC = str(MERMAID / "basic.mmd")
README = str(MERMAID / "readme.md")
TODAY = ("--today", "2026-11-22")


def _valid(path: Path) -> None:
    loaded = load(path)
    assert loaded.valid and not loaded.problems, loaded.problems


def test_one_diagram_without_o_goes_to_stdout(cli: RunCli) -> None:
    done = cli("import", "mermaid", BASIC, *TODAY)
    assert done.exit_code == 0, done.stderr
    assert done.stdout.startswith("# Imported by `journey import mermaid` from ")
    assert "id: my-working-day\n" in done.stdout and "updated: 2026-11-22\n" in done.stdout
    assert load("-", data=done.stdout.encode()).valid
    assert done.stderr == ""


def test_dash_o_dash_is_stdout_too(cli: RunCli) -> None:
    assert "id: my-working-day" in cli("import", "mermaid", BASIC, "-o", "-", *TODAY).stdout


def test_stdin(cli: RunCli) -> None:
    done = cli("import", "mermaid", "-", input="journey\ntitle From stdin\nsection S\nT: 4: Me\n")
    assert done.exit_code == 0, done.stderr
    assert "id: from-stdin" in done.stdout
    readme = cli("import", "mermaid", "-", "-o", "-", input=(MERMAID / "readme.md").read_text())
    assert readme.exit_code == 2
    assert "<stdin> holds 5 journey diagrams: give -o FOLDER" in readme.stderr


def test_o_file(cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "day.journey.yaml"
    done = cli("import", "mermaid", BASIC, "-o", str(out), *TODAY)
    assert done.exit_code == 0, done.stderr
    assert done.stdout == ""
    assert f"imported 1 map from {BASIC}: {out}" in done.stderr
    _valid(out)


@pytest.mark.parametrize("slash", [True, False])
def test_o_folder_for_one_diagram(cli: RunCli, tmp_path: Path, slash: bool) -> None:
    folder = tmp_path / "maps"
    if not slash:
        folder.mkdir()
    done = cli("import", "mermaid", BASIC, "-o", f"{folder}/" if slash else str(folder))
    assert done.exit_code == 0, done.stderr
    assert [p.name for p in folder.iterdir()] == ["my-working-day.journey.yaml"]


def test_several_diagrams_need_a_folder(cli: RunCli, tmp_path: Path) -> None:
    done = cli("import", "mermaid", README)
    assert done.exit_code == 2
    assert "holds 5 journey diagrams: give -o FOLDER" in done.stderr
    assert done.stdout == ""
    file = tmp_path / "one.yaml"
    file.write_text("keep me")
    done = cli("import", "mermaid", README, "-o", str(file))
    assert done.exit_code == 2 and "is a file" in done.stderr
    assert file.read_text() == "keep me"


def test_several_diagrams_into_a_folder(cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "new" / "maps"
    done = cli("import", "mermaid", README, "-o", str(folder), *TODAY)
    assert done.exit_code == 0, done.stderr
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted(
        f"{i}.journey.yaml"
        for i in ("sign-up", "onboarding", "raw-html-in-markdown", "longer-close", "unclosed")
    )
    for path in folder.iterdir():
        _valid(path)
    assert "readme.md:65:1: warning [unclosed-block]" in done.stderr
    assert "readme.md:18:1: info [not-journey]" in done.stderr


def test_never_overwrites_without_force(cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "maps"
    folder.mkdir()
    taken = folder / "onboarding.journey.yaml"
    taken.write_text("mine")
    done = cli("import", "mermaid", README, "-o", str(folder))
    assert done.exit_code == 1
    assert f"{taken} exists; use --force" in done.stderr
    assert [p.name for p in folder.iterdir()] == [taken.name]  # nothing written at all
    assert taken.read_text() == "mine"
    forced = cli("import", "mermaid", README, "-o", str(folder), "--force")
    assert forced.exit_code == 0, forced.stderr
    assert len(list(folder.iterdir())) == 5
    _valid(taken)


def test_never_overwrites_one_file_without_force(cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "m.journey.yaml"
    out.write_text("mine")
    assert cli("import", "mermaid", BASIC, "-o", str(out)).exit_code == 1
    assert out.read_text() == "mine"
    assert cli("import", "mermaid", BASIC, "-o", str(out), "--force").exit_code == 0
    _valid(out)


def test_id_and_title(cli: RunCli) -> None:
    done = cli("import", "mermaid", BASIC, "--id", "day", "--title", "A day")
    assert done.exit_code == 0, done.stderr
    assert "id: day\ntitle: A day\n" in done.stdout
    bad = cli("import", "mermaid", BASIC, "--id", "Not A Slug")
    assert bad.exit_code == 2 and "is not a slug" in bad.stderr
    many = cli("import", "mermaid", README, "--id", "x", "-o", "out/")
    assert many.exit_code == 2 and "--id and --title name one map" in many.stderr


def test_warnings_go_to_stderr_with_the_line(cli: RunCli) -> None:
    done = cli("import", "mermaid", str(MERMAID / "scores.mmd"))
    assert done.exit_code == 0
    lines = done.stderr.splitlines()
    zero = "task `Zero`: score `0` is below 1; clamped to 1"
    assert f"{MERMAID / 'scores.mmd'}:8:15: warning [score] {zero}" in lines
    assert len(lines) == 13


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.mmd"], "cannot read missing.mmd"),
        ([str(MERMAID)], "is a folder"),
        ([str(MERMAID / "not-journey.mmd")], "no journey diagram in"),
        ([str(MERMAID / "empty-journey.mmd")], "have no tasks"),
        ([str(MERMAID / "basic.mmd"), "--today", "22/11/2026"], "--today must be a date"),
    ],
)
def test_cannot_import_exits_2(cli: RunCli, args: list[str], message: str) -> None:
    done = cli("import", "mermaid", *args)
    assert done.exit_code == 2
    assert message in done.stderr
    assert done.stdout == ""


def test_a_markdown_file_without_mermaid_says_what_was_expected(
    cli: RunCli, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("# Notes\n\nNo diagrams here.\n")
    done = cli("import", "mermaid", str(notes))
    assert done.exit_code == 2
    assert "no Mermaid journey diagram found in" in done.stderr
    assert "```mermaid fences" in done.stderr


def test_an_unwritable_output_exits_2(cli: RunCli, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    done = cli("import", "mermaid", BASIC, "-o", str(blocker / "sub" / "m.journey.yaml"))
    assert done.exit_code == 2
    assert "cannot write" in done.stderr


def test_help_shows_examples(cli: RunCli) -> None:
    done = cli("import", "mermaid", "--help")
    assert done.exit_code == 0
    assert "journey import mermaid README.md -o maps/" in done.stdout
    assert "mermaid" in cli("import", "--help").stdout


def test_a_file_name_with_a_line_break_stays_on_one_line(cli: RunCli, tmp_path: Path) -> None:
    odd = tmp_path / "a\nb.mmd"
    odd.write_text("journey\nsection S\nT: 9: Me\n")
    out = tmp_path / "o\rut.journey.yaml"
    done = cli("import", "mermaid", str(odd), "-o", str(out))
    assert done.exit_code == 0, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 2 and lines[0].endswith("score `9` is above 5; clamped to 5")
    assert "\r" not in done.stderr
    written = out.read_text("utf-8")
    assert written.splitlines()[0].endswith("b.mmd, line 1.")  # the header is one comment line
    _valid(out)


@pytest.mark.parametrize("name", ["maps.journey.yaml", "maps.YML"])
def test_several_diagrams_and_a_new_yaml_file_name_is_refused(
    name: str, cli: RunCli, tmp_path: Path
) -> None:
    done = cli("import", "mermaid", README, "-o", str(tmp_path / name), *TODAY)
    assert done.exit_code == 2
    assert (
        f"journey: error: {tmp_path / name} names one YAML file, and {README} holds 5 journey "
        "diagrams: give a folder (-o FOLDER/) for one map file each\n"
    ) in done.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        ("empty.mmd", "", 1),
        ("front.mmd", "---\ntitle: T\n---\n", 1),
        ("fence.md", "```mermaid\n```\n", 1),
    ],
)
def test_an_empty_diagram_is_called_empty(
    name: str, text: str, line: int, cli: RunCli, tmp_path: Path
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    done = cli("import", "mermaid", str(path))
    assert done.exit_code == 2
    assert f"{path}:{line}:1: info [not-journey] skipped an empty diagram\n" in done.stderr
    assert f"journey: error: no journey diagram in {path}: the diagram is empty\n" in done.stderr
