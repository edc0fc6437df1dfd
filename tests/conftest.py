"""Shared test helpers: run the CLI in-process, write maps, compare with golden files, find
examples and ../shared data."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = Path(os.environ.get("JOURNEYKIT_SHARED", ROOT.parent / "shared"))


def shared_file(relative: str) -> Path:
    """A file from the read-only ../shared reference data; skip the test when it is absent."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"reference data {relative} not found beside the repository ({SHARED})")
    return path


UPDATE_ENV = "JOURNEYKIT_UPDATE_GOLDEN"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help=f"rewrite the golden files from today's output (as {UPDATE_ENV}=1 does)",
    )


@dataclass(frozen=True)
class Golden:
    """Compares an output with its golden file. ``pytest --update-golden`` (or
    ``JOURNEYKIT_UPDATE_GOLDEN=1``) rewrites the files on purpose; review the diff after."""

    update: bool

    def check(self, path: Path, actual: str | bytes) -> None:
        """``actual`` equals the file at ``path``: text read as UTF-8 (newlines as Python reads
        them), bytes byte for byte."""
        if self.update:
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(actual, bytes):
                path.write_bytes(actual)
            else:
                path.write_text(actual, encoding="utf-8")
        assert path.is_file(), f"{path.name} is missing; run pytest with --update-golden"
        expected = path.read_bytes() if isinstance(actual, bytes) else path.read_text("utf-8")
        assert actual == expected, (
            f"{path.name} differs; if the change is intended, rerun with --update-golden "
            "and review the diff"
        )


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    """``golden.check(path, actual)``: see :class:`Golden`."""
    flag = bool(request.config.getoption("--update-golden"))
    return Golden(flag or os.environ.get(UPDATE_ENV) == "1")


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str


RunCli = Callable[..., Run]


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> RunCli:
    """``cli("validate", "x.yaml", input=..., env={...})`` runs journey in-process."""
    from journeykit.cli.app import app

    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")

    def run(*args: str, input: str | bytes | None = None, env: dict[str, str] | None = None) -> Run:
        result = CliRunner().invoke(app, list(args), input=input, env=env, catch_exceptions=False)
        return Run(result.exit_code, result.stdout, result.stderr)

    return run


MINIMAL = """\
journeykit: 1
id: mini
title: Minimal map
personas:
  - id: ann
    name: Ann
    evidence: [{kind: interview, ref: "Interviews 2026", n: 5}]
    reviewed: 2026-10-01
stages:
  - id: discover
    name: Discover
  - id: buy
    name: Buy
touchpoints:
  - id: ad
    name: Ad
    stage: discover
    channel: social
    owner: Marketing
    experiences:
      - {persona: ann, score: 4, emotion: curious}
  - id: checkout
    name: Checkout
    stage: buy
    channel: web
    owner: Shop
    experiences:
      - {persona: ann, score: 3, emotion: calm}
"""


@pytest.fixture
def write_map(tmp_path: Path) -> Callable[..., Path]:
    """``write_map(text, name="m.journey.yaml")`` writes a file under tmp_path and returns it."""

    def write(text: str = MINIMAL, name: str = "m.journey.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write
