"""The pre-commit hooks, run for real by ``pre-commit try-repo`` against a throwaway repository.

try-repo clones this repository (with its uncommitted changes, through a shadow commit) and builds
one virtualenv per call, pip-installing journeykit and its dependencies: about 10 s with a warm pip
cache, up to a minute or so without. try-repo always builds in a fresh store of its own (it ignores
PRE_COMMIT_HOME), so each call costs one environment: the session runs exactly two calls, one that
must pass and one that must fail, and every test reads their recorded results.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from journeykit.fmt import format_text

from .conftest import MINIMAL, ROOT

PRE_COMMIT = Path(sys.executable).parent / "pre-commit"
GOOD = "maps/good.journey.yaml"
GOOD_YML = "maps/second.journey.yml"
BAD = "maps/bad.journey.yaml"
NOT_A_MAP = "maps/settings.yaml"  # YAML, but no map: the `files` pattern must leave it out
TIDY = format_text(MINIMAL).after or ""  # canonical, so that the journey-fmt hook passes too
BAD_LINE = next(i for i, line in enumerate(TIDY.splitlines(), 1) if "score: 3" in line)


@dataclass(frozen=True)
class TryRepo:
    code: int
    output: str

    def section(self, hook: str) -> str:
        """The lines pre-commit printed for one hook: its status line up to the next one."""
        match = re.search(
            rf"^{re.escape(hook)}\.+.*?(?=^journey \w+\.+|\Z)", self.output, re.M | re.S
        )
        assert match, f"no section for {hook!r} in:\n{self.output}"
        return match.group(0)


@dataclass(frozen=True)
class Session:
    passing: TryRepo  # --files: the valid maps and the non-map YAML
    failing: TryRepo  # --all-files: everything, the invalid map included


def _clean_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.pop("GITHUB_ACTIONS", None)  # the hooks pin --format parsable anyway; keep the run plain
    env.update(PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never", NO_COLOR="1")
    return env


def _git(repo: Path, *args: str, env: dict[str, str]) -> None:
    identity = ("-c", "user.name=journeykit tests", "-c", "user.email=tests@example.invalid")
    subprocess.run(["git", *identity, *args], cwd=repo, env=env, check=True, capture_output=True)


@pytest.fixture(scope="session")
def try_repo(tmp_path_factory: pytest.TempPathFactory) -> Session:
    if not (ROOT / ".git").exists():
        pytest.skip("the repository is not a git checkout, which pre-commit try-repo needs")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    assert PRE_COMMIT.exists(), "pre-commit (a dev dependency) is not installed beside python"
    base = tmp_path_factory.mktemp("pre-commit")
    env = _clean_env(base / "home")
    repo = base / "repo"
    (repo / "maps").mkdir(parents=True)
    (repo / GOOD).write_text(TIDY, encoding="utf-8")
    (repo / GOOD_YML).write_text(TIDY.replace("id: mini", "id: second"), encoding="utf-8")
    (repo / BAD).write_text(TIDY.replace("score: 3", "score: 9"), encoding="utf-8")
    (repo / NOT_A_MAP).write_text("- just\n- a list\n", encoding="utf-8")
    _git(repo, "init", "-q", env=env)
    _git(repo, "add", ".", env=env)
    _git(repo, "commit", "-q", "-m", "maps", env=env)

    def run(*args: str) -> TryRepo:
        result = subprocess.run(
            [str(PRE_COMMIT), "try-repo", str(ROOT), "--verbose", "--color", "never", *args],
            cwd=repo, env=env, capture_output=True, text=True, timeout=900, check=False,
        )  # fmt: skip
        return TryRepo(result.returncode, result.stdout + result.stderr)

    return Session(
        passing=run("--files", GOOD, GOOD_YML, NOT_A_MAP),
        failing=run("--all-files"),
    )


def test_both_hooks_pass_on_valid_maps_and_skip_other_yaml(try_repo: Session) -> None:
    result = try_repo.passing
    assert result.code == 0, result.output
    for hook in ("journey fmt", "journey validate", "journey lint"):
        assert re.search(r"\.\.\.Passed$", result.section(hook), re.M), result.output
    # had settings.yaml reached journey, validate would have failed with "not a map" on it
    assert NOT_A_MAP not in result.output


def test_both_hooks_read_both_extensions(try_repo: Session) -> None:
    """lint reports map-stale (info, not failing) on each valid map it was given: .yaml and .yml."""
    lint = try_repo.passing.section("journey lint")
    for name in (GOOD, GOOD_YML):
        assert re.search(rf"^{re.escape(name)}:\d+:\d+: info \[map-stale\]", lint, re.M), lint


@pytest.mark.parametrize("hook", ["journey validate", "journey lint"])
def test_hook_fails_on_an_invalid_map_with_its_location(try_repo: Session, hook: str) -> None:
    result = try_repo.failing
    assert result.code == 1, result.output
    section = result.section(hook)
    assert re.search(r"\.\.\.Failed$", section, re.M), section
    assert "- exit code: 1" in section
    expected = (
        rf"^{re.escape(BAD)}:{BAD_LINE}:\d+: error \[out-of-range\] `score` must be at most 5"
    )
    assert re.search(expected, section, re.M), section
    errors = [line for line in section.splitlines() if ": error [" in line]
    assert all(line.startswith(BAD + ":") for line in errors), section
    assert NOT_A_MAP not in section
