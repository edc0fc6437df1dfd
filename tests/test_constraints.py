"""constraints.txt pins every dependency of pyproject.toml, and CI installs exactly those pins.

A dependency added to pyproject.toml without running scripts/lock.sh fails here, in CI.
"""

from __future__ import annotations

import os
import re
import tomllib
from importlib import metadata

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from .conftest import ROOT

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;#]+)$")


def pins() -> dict[str, str]:
    text = (ROOT / "constraints.txt").read_text(encoding="utf-8")
    found: dict[str, str] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        match = PIN.match(line)
        assert match, f"constraints.txt: not a `name==version` pin: {line!r}"
        found[canonicalize_name(match[1])] = match[2]
    return found


def declared() -> dict[str, list[Requirement]]:
    with (ROOT / "pyproject.toml").open("rb") as stream:
        project = tomllib.load(stream)["project"]
    groups = {"runtime": project["dependencies"], **project.get("optional-dependencies", {})}
    return {group: [Requirement(r) for r in reqs] for group, reqs in groups.items()}


def test_constraints_say_how_they_were_made() -> None:
    head = (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()[:3]
    assert any("scripts/lock.sh" in line for line in head)


@pytest.mark.parametrize("group", sorted(declared()))
def test_every_dependency_of_pyproject_is_pinned(group: str) -> None:
    pinned = pins()
    missing = [str(r) for r in declared()[group] if canonicalize_name(r.name) not in pinned]
    assert not missing, f"not in constraints.txt (run scripts/lock.sh): {missing}"
    for req in declared()[group]:
        version = pinned[canonicalize_name(req.name)]
        assert req.specifier.contains(version, prereleases=True), (
            f"constraints.txt pins {req.name}=={version}, outside pyproject's {req} "
            "(run scripts/lock.sh)"
        )


@pytest.mark.skipif(
    not os.environ.get("CI") or bool(os.environ.get("JOURNEYKIT_LATEST")),
    reason="checked in CI, which installs constraints.txt through scripts/setup.sh",
)
def test_ci_runs_on_exactly_the_pinned_versions() -> None:
    wrong = {}
    for name, version in pins().items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue  # pinned for an extra this environment does not install
        if installed != version:
            wrong[name] = (installed, version)
    assert not wrong, f"installed versions differ from constraints.txt: {wrong}"
