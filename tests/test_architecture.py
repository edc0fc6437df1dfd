"""The layer contract in pyproject.toml names every top-level module of the package.

import-linter's ``exhaustive`` option fails ``lint-imports`` on an unplaced module; this test says
the same inside pytest, so a new module cannot land unplaced where only the tests are run.
"""

from __future__ import annotations

import pkgutil
import re
import tomllib

import journeykit
from tests.conftest import ROOT


def _contracts() -> list[dict[str, object]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    contracts: list[dict[str, object]] = config["tool"]["importlinter"]["contracts"]
    return contracts


def _layered() -> list[str]:
    (layers,) = [c for c in _contracts() if c["type"] == "layers"]
    assert layers["containers"] == ["journeykit"] and layers["exhaustive"] is True
    names = [name for layer in layers["layers"] for name in re.split(r"\s*\|\s*", layer)]
    assert isinstance(layers["layers"], list)
    return [name.strip() for name in names]


def test_every_top_level_module_is_placed_in_a_layer() -> None:
    modules = {info.name for info in pkgutil.iter_modules(journeykit.__path__)}
    placed = _layered()
    assert len(placed) == len(set(placed)), "a module is placed in two layers"
    missing = sorted(modules - set(placed))
    assert not missing, (
        f"place {', '.join(missing)} in the layers contract of pyproject.toml (and explain why "
        "there, in a comment and in docs/architecture.md)"
    )
    assert not set(placed) - modules, f"the contract names gone modules: {set(placed) - modules}"


def test_the_terminal_ban_names_who_may_use_it_not_who_may_not() -> None:
    (ban,) = [c for c in _contracts() if "typer" in str(c.get("protected_modules", ""))]
    assert ban["type"] == "protected"
    assert ban["allowed_importers"] == ["journeykit.cli", "journeykit.reporters"]
