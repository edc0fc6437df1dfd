"""`journey validate` end to end: inputs, exit codes, formats, config-driven discovery."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EXAMPLES, MINIMAL, RunCli


def test_exit_0_for_a_valid_map(cli: RunCli, write_map) -> None:
    assert cli("validate", str(write_map())).exit_code == 0


def test_exit_1_for_an_invalid_map(cli: RunCli, write_map) -> None:
    path = write_map(MINIMAL.replace("stage: buy", "stage: by"))
    result = cli("validate", "-f", "parsable", str(path))
    assert result.exit_code == 1
    assert result.stdout == (
        f"{path}:24:12: error [broken-reference] `stage` refers to stage `by`, which does not "
        "exist; did you mean `buy`?\n"
    )


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "missing.journey.yaml"],
        ["validate", "--format", "xml", "x"],
        ["validate", "--no-such-flag"],
        ["validate", "no/such/*.yaml"],
    ],
)
def test_exit_2_when_the_command_cannot_run(cli: RunCli, args: list[str]) -> None:
    result = cli(*args)
    assert result.exit_code == 2
    assert "Traceback" not in result.stdout + result.stderr


def test_missing_file_message(cli: RunCli) -> None:
    result = cli("validate", "missing.journey.yaml")
    assert result.stderr == "journey: error: no such file or folder: missing.journey.yaml\n"


def test_stdin(cli: RunCli) -> None:
    result = cli("validate", "-f", "parsable", "-", input=MINIMAL.replace("score: 4", "score: 9"))
    assert result.exit_code == 1
    assert result.stdout.startswith("<stdin>:21:31: error [out-of-range]")


def test_folders_recurse_into_journey_files_only(
    cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.journey.yaml").write_text(MINIMAL)
    (tmp_path / "a" / "b" / "two.journey.yml").write_text(MINIMAL)
    (tmp_path / "a" / "notes.yaml").write_text("not: a map\n")
    (tmp_path / "a" / ".hidden").mkdir()
    (tmp_path / "a" / ".hidden" / "x.journey.yaml").write_text("broken: [")
    monkeypatch.chdir(tmp_path)
    result = cli("validate", "-f", "json", "a")
    assert result.exit_code == 0
    assert '"a/b/two.journey.yml"' in result.stdout and '"a/one.journey.yaml"' in result.stdout
    assert "notes.yaml" not in result.stdout


def test_globs_and_duplicates(cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "x.journey.yaml").write_text(MINIMAL)
    (tmp_path / "y.journey.yaml").write_text(MINIMAL.replace("score: 4", "score: 0"))
    monkeypatch.chdir(tmp_path)
    result = cli("validate", "-f", "parsable", "*.journey.yaml", "x.journey.yaml")
    assert result.exit_code == 1
    assert result.stdout.count("y.journey.yaml:") == 1


def test_config_sets_file_patterns_and_ignores(
    cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "journeykit.yaml").write_text("files: ['*.map.yaml']\nignore: [drafts/]\n")
    (tmp_path / "maps" / "drafts").mkdir(parents=True)
    (tmp_path / "maps" / "shop.map.yaml").write_text(MINIMAL)
    (tmp_path / "maps" / "drafts" / "wip.map.yaml").write_text("broken: [")
    monkeypatch.chdir(tmp_path / "maps")
    result = cli("validate", "-f", "json", ".")
    assert result.exit_code == 0, result.stdout
    assert '"shop.map.yaml"' in result.stdout and "wip" not in result.stdout


def test_bad_config_is_exit_2_at_its_location(
    cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "journeykit.yaml").write_text("files: ['*.yaml']\nignroe: [x]\n")
    (tmp_path / "m.journey.yaml").write_text(MINIMAL)
    monkeypatch.chdir(tmp_path)
    result = cli("validate", "m.journey.yaml")
    assert result.exit_code == 2
    assert result.stderr.startswith("journeykit.yaml:2:1: error [config] unknown setting `ignroe`")


def test_empty_folder_is_exit_2(cli: RunCli, tmp_path: Path) -> None:
    result = cli("validate", str(tmp_path))
    assert result.exit_code == 2
    assert "no journey maps under" in result.stderr


def test_examples_validate_clean(cli: RunCli) -> None:
    result = cli("validate", "-f", "parsable", str(EXAMPLES))
    assert result.stdout == ""
    assert result.exit_code == 0


def test_console_script_version_and_module_entry_point() -> None:
    from journeykit import __version__

    out = subprocess.run(
        [sys.executable, "-m", "journeykit", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout == f"journey {__version__}\n"
    help_text = subprocess.run([sys.executable, "-m", "journeykit", "--help"],
                               capture_output=True, text=True, check=True).stdout  # fmt: skip
    assert "validate" in help_text and "schema" in help_text


def test_version_imports_nothing_heavy() -> None:
    code = (
        "import sys; from journeykit.cli import main; main(['--version']); "
        "heavy = [m for m in ('pydantic', 'jinja2', 'graphviz', 'typer', 'rich', 'yaml') "
        "if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines()[-1] == "[]"
