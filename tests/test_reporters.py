"""Golden files for every output format, and SARIF checked against the OASIS 2.1.0 schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from journeykit import __version__

from .conftest import Golden, RunCli, shared_file

GOLDEN = Path(__file__).resolve().parent / "golden" / "reporters"
FORMATS = {"stylish": "stylish.txt", "parsable": "parsable.txt", "json": "json.json",
           "github": "github.txt", "sarif": "sarif.json"}  # fmt: skip


def check_golden(golden: Golden, name: str, actual: str) -> None:
    golden.check(GOLDEN / name, actual.replace(__version__, "<version>"))


@pytest.mark.parametrize("fmt", FORMATS)
def test_format_matches_golden(
    fmt: str, cli: RunCli, monkeypatch: pytest.MonkeyPatch, golden: Golden
) -> None:
    monkeypatch.chdir(GOLDEN)
    result = cli("validate", "--format", fmt, "input.journey.yaml")
    assert result.exit_code == 1
    check_golden(golden, FORMATS[fmt], result.stdout)


def test_github_fills_the_step_summary(
    cli: RunCli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, golden: Golden
) -> None:
    monkeypatch.chdir(GOLDEN)
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    result = cli(
        "validate",
        "input.journey.yaml",
        env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)},
    )
    assert result.stdout.startswith("::error file=input.journey.yaml,line=")
    text = summary.read_text()
    assert text.startswith("earlier step\n")
    check_golden(golden, "github-summary.md", text.removeprefix("earlier step\n"))


def test_github_escapes_properties_and_data() -> None:
    from journeykit.problems import Problem
    from journeykit.reporters import ReportContext
    from journeykit.reporters.github import render

    problem = Problem("a,b:c.yaml", 1, 2, "x", "50% done\nnext line\r")
    assert render([problem], ReportContext("1")) == (
        "::error file=a%2Cb%3Ac.yaml,line=1,col=2,title=x::50%25 done%0Anext line%0D\n"
    )


def test_parsable_is_exactly_path_line_column_severity_code_message(
    cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(GOLDEN)
    lines = cli("validate", "-f", "parsable", "input.journey.yaml").stdout.splitlines()
    assert lines
    for line in lines:
        location, rest = line.split(": ", 1)
        path, row, col = location.rsplit(":", 2)
        severity, code, _ = rest.split(" ", 2)
        assert path == "input.journey.yaml" and row.isdigit() and col.isdigit()
        assert severity == "error" and code.startswith("[") and code.endswith("]")


def test_sarif_is_valid_against_the_oasis_schema(
    cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    schema = json.loads(shared_file("schemas/sarif-schema-2.1.0.json").read_text())
    monkeypatch.chdir(GOLDEN)
    log = json.loads(cli("validate", "-f", "sarif", "input.journey.yaml").stdout)
    jsonschema.validators.validator_for(schema)(schema).validate(log)
    run = log["runs"][0]
    rule_ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert {"broken-reference", "wrong-type", "out-of-range"} <= set(rule_ids)
    for result in run["results"]:
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1


def test_clean_run_in_every_format(cli: RunCli, write_map) -> None:
    path = write_map()
    for fmt in FORMATS:
        result = cli("validate", "-f", fmt, str(path))
        assert result.exit_code == 0, fmt
    assert "no problems in 1 file" in cli("validate", str(path)).stdout
    assert json.loads(cli("validate", "-f", "json", str(path)).stdout)["problems"] == []


def test_sarif_uris_are_relative_under_the_working_directory(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from journeykit.problems import Problem
    from journeykit.reporters import ReportContext
    from journeykit.reporters.sarif import render

    monkeypatch.chdir(tmp_path)
    inside = str(tmp_path / "maps" / "a b#1.journey.yaml")
    outside = "/elsewhere/x.journey.yaml"
    log = json.loads(render([Problem(inside, 1, 1, "x", "m"), Problem(outside, 1, 1, "x", "m")],
                            ReportContext("1")))  # fmt: skip
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in log["runs"][0]["results"]]  # fmt: skip
    assert uris == ["maps/a%20b%231.journey.yaml", "file:///elsewhere/x.journey.yaml"]
