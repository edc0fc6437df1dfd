"""The files users copy from us: README's example and commands, the pre-commit hooks, the action."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from journeykit.validate import load

from .conftest import ROOT, RunCli


def readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_example_map_is_valid(tmp_path) -> None:
    blocks = re.findall(r"```yaml\n(.*?)```", readme(), re.DOTALL)
    maps = [b for b in blocks if b.lstrip().startswith(("# yaml-language-server", "journeykit:"))]
    assert maps, "README lost its example map"
    path = tmp_path / "readme.journey.yaml"
    path.write_text(maps[0], encoding="utf-8")
    loaded = load(path)
    assert loaded.problems == []


def test_readme_has_exactly_the_two_setup_commands() -> None:
    try_it = readme().split("## Try it", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"^bash (\S+)$", try_it, re.MULTILINE)
    assert commands == ["scripts/demo.sh", "scripts/test.sh"]
    for command in commands:
        assert (ROOT / command).is_file()
    assert "scripts/test.sh" in (ROOT / ".ci" / "run").read_text()


def test_pre_commit_hooks() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert [h["id"] for h in hooks] == ["journey-validate", "journey-lint", "journey-fmt"]
    for hook in hooks:
        assert hook["language"] == "python"
        pattern = re.compile(hook["files"])
        assert pattern.search("journeys/a.journey.yaml") and pattern.search("b.journey.yml")
        assert not pattern.search("journeykit.yaml")
        assert hook["entry"].startswith("journey ")


@pytest.mark.parametrize("command", ["validate", "lint", "fmt"])
def test_hook_commands_exist(cli: RunCli, command: str) -> None:
    assert cli(command, "--help").exit_code == 0


def test_action_yml_is_a_valid_github_action() -> None:
    beside = Path(sys.executable).parent / "check-jsonschema"
    checker = str(beside) if beside.exists() else shutil.which("check-jsonschema")
    assert checker, "check-jsonschema (a dev dependency) is not installed"
    result = subprocess.run(
        [checker, "--builtin-schema", "vendor.github-actions", str(ROOT / "action.yml")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
