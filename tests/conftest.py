"""Shared test helpers: run the CLI in-process, write maps, find examples and ../shared data."""

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
