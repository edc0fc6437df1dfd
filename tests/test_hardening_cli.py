"""Clear exits instead of tracebacks: output names the file system rejects, renders with every
map ignored, and the messages of issue 11 (init on a device, import into a folder, diff ranges
and submodules)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .conftest import MINIMAL, RunCli

LONG = "x" * 300
SHEET = "stage,id,name,score:ann\ndiscover,ad,Ad,4\n"
DIAGRAM = "journey\n  title Buy\n  section Find\n    Search: 4: Ann\n"


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    Path("m.journey.yaml").write_text(MINIMAL, encoding="utf-8")
    Path("s.csv").write_text(SHEET, encoding="utf-8")
    Path("d.mmd").write_text(DIAGRAM, encoding="utf-8")


@pytest.mark.parametrize(
    "args",
    [
        ["render", "m.journey.yaml", "-o", f"{LONG}.html"],
        ["render", "m.journey.yaml", "--format", "mermaid", "-o", f"{LONG}.mmd"],
        ["render", "m.journey.yaml", "-o", f"{LONG}/"],
        ["render", "m.journey.yaml", "-o", f"new/{LONG}.html"],
        ["export", "csv", "m.journey.yaml", "-o", f"{LONG}.csv"],
        ["import", "csv", "s.csv", "--into", f"{LONG}.journey.yaml"],
        ["import", "mermaid", "d.mmd", "-o", f"{LONG}.journey.yaml"],
        ["import", "mermaid", "d.mmd", "-o", f"{LONG}/"],
    ],
    ids=[
        "render",
        "render-mermaid",
        "render-folder",
        "render-new-folder",
        "export-csv",
        "import-csv",
        "import-mermaid",
        "import-mermaid-folder",
    ],
)
def test_an_output_name_too_long_is_cannot_write(cli: RunCli, args: list[str]) -> None:
    before = sorted(os.listdir("."))
    result = cli(*args)
    assert result.exit_code == 2, result.stderr
    assert "journey: error: cannot write" in result.stderr
    assert "too long" in result.stderr and "Traceback" not in result.stderr
    assert sorted(os.listdir(".")) == before  # not even a folder was made


@pytest.mark.parametrize("fmt", [[], ["--format", "mermaid"], ["--format", "mermaid", "-o", "-"]])
def test_render_with_every_map_ignored_says_so(cli: RunCli, fmt: list[str]) -> None:
    Path("journeykit.yaml").write_text("ignore: ['*']\n", encoding="utf-8")
    output = [] if "-o" in fmt else ["-o", "o.html" if not fmt else "o.mmd"]
    result = cli("render", "m.journey.yaml", *output, *fmt)
    assert result.exit_code == 2, result.stderr
    assert "no maps to render (all ignored by `ignore:` in journeykit.yaml)" in result.stderr
    assert not Path("o.html").exists() and not Path("o.mmd").exists()


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="needs /dev/null")
def test_init_on_a_device_says_it_is_not_a_folder(cli: RunCli) -> None:
    result = cli("init", "/dev/null", "--no-git")
    assert result.exit_code == 2
    assert "journey: error: /dev/null is a device, not a folder" in result.stderr
    assert "is a file" not in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_init_on_a_pipe_says_it_is_not_a_folder(cli: RunCli) -> None:
    os.mkfifo("pipe")
    result = cli("init", "pipe", "--no-git")
    assert result.exit_code == 2
    assert "pipe is a pipe (FIFO), not a folder" in result.stderr


@pytest.mark.parametrize("into", ["new/", "existing", "existing/"])
def test_import_csv_into_a_folder_is_refused_with_a_file_name_to_use(
    cli: RunCli, into: str
) -> None:
    Path("existing").mkdir()
    before = sorted(os.listdir("."))
    result = cli("import", "csv", "s.csv", "--into", into)
    assert result.exit_code == 2, result.stderr
    folder = into.rstrip("/")
    assert f"--into {into} names a folder; name a map file, such as {folder}/s.journey.yaml" in (
        result.stderr
    )
    assert sorted(os.listdir(".")) == before and os.listdir("existing") == []


def test_export_csv_to_a_folder_name_is_refused(cli: RunCli) -> None:
    before = sorted(os.listdir("."))
    result = cli("export", "csv", "m.journey.yaml", "-o", "out/")
    assert result.exit_code == 2, result.stderr
    assert "-o out/ names a folder; name the CSV file to write, such as out/mini.csv" in (
        result.stderr
    )
    assert sorted(os.listdir(".")) == before
