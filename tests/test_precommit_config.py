"""The repository's own .pre-commit-config.yaml runs what CI runs, at the versions CI installs."""

from __future__ import annotations

import re

import yaml

from .conftest import ROOT


def _config() -> dict[str, object]:
    loaded: dict[str, object] = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    return loaded


def _pins() -> dict[str, str]:
    text = (ROOT / "constraints.txt").read_text(encoding="utf-8")
    return dict(re.findall(r"^([A-Za-z0-9._-]+)==(\S+)$", text, re.MULTILINE))


def test_ruff_hooks_are_pinned_to_the_constraints_version() -> None:
    repos = _config()["repos"]
    assert isinstance(repos, list)
    (ruff,) = [r for r in repos if r["repo"].endswith("/ruff-pre-commit")]
    assert ruff["rev"] == f"v{_pins()['ruff']}"
    assert [h["id"] for h in ruff["hooks"]] == ["ruff-check", "ruff-format"]


def test_mypy_and_import_linter_run_from_the_dev_environment() -> None:
    repos = _config()["repos"]
    assert isinstance(repos, list)
    local = {h["id"]: h for r in repos if r["repo"] == "local" for h in r["hooks"]}
    assert local["mypy"]["entry"] == "mypy" and local["mypy"]["pass_filenames"] is False
    assert local["lint-imports"]["entry"] == "lint-imports"
    assert re.search(local["lint-imports"]["files"], "pyproject.toml")
