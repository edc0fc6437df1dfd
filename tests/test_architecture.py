"""pyproject.toml stays true to the tree: the layer contract names every top-level module of the
package, and every package-data pattern names files that exist.

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


# Where setup.py puts each package's files (package_dir), relative to the repository.
PACKAGE_DIRS = {"journeykit": "src/journeykit", "journeykit.templates": "templates"}


def test_every_package_data_pattern_matches_a_file() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    package_data: dict[str, list[str]] = config["tool"]["setuptools"]["package-data"]
    assert set(package_data) == set(PACKAGE_DIRS)
    dead = [
        f"{package}: {pattern}"
        for package, patterns in package_data.items()
        for pattern in patterns
        if not any(p.is_file() for p in (ROOT / PACKAGE_DIRS[package]).glob(pattern))
    ]
    assert not dead, f"package-data patterns that match no file: {dead}"
