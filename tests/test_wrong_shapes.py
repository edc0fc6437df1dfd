"""Every scalar field of the model, given a list, a mapping, a huge integer or a nested null, gives
a located problem (or, where the value is valid, a clean run), never an exception: through
``load`` and through validate, lint, score and render.

The fields are enumerated from the pydantic model, so a field added later is swept too.
"""

from __future__ import annotations

import copy
import typing
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from journeykit.loader import parse_text
from journeykit.model.map import JourneyMap, nested_model
from journeykit.validate import load

from .conftest import RunCli

# A map with at least one instance of every model of the format.
FULL = """\
journeykit: 1
id: full
title: Full map
description: Every kind of thing
owner: Team
updated: 2026-10-01
tags: [a]
objectives:
  - {id: grow, statement: Grow, metric: conv, target: 0.5, due: 2026-12-01}
metrics:
  - id: conv
    name: Conversion
    kind: conversion
    unit: "%"
    direction: higher-is-better
    measure: {conversion: [ad, ad]}
  - {id: csat, name: CSAT, kind: csat, measure: {score: ad, as: mean}}
personas:
  - id: ann
    name: Ann
    description: A buyer
    segment: Retail
    demographics: {age: 30}
    goals: [buy]
    motivations: [price]
    frustrations: [waiting]
    preferred_channels: [web]
    evidence: [{kind: interview, ref: "Interviews", n: 5, date: 2026-09-01}]
    reviewed: 2026-10-01
stages:
  - {id: find, name: Find, description: Looking, goal: Find it}
touchpoints:
  - id: ad
    name: Ad
    stage: find
    channel: social
    kind: digital
    owner: Marketing
    personas: [ann]
    description: An ad
    customer_action: Clicks
    thoughts: [nice]
    next: []
    moment_of_truth: true
    backstage: [crm]
    events: [ad_click, "ad_*"]
    experiences:
      - persona: ann
        score: 4
        emotion: curious
        quote: Hm
        evidence: [{kind: survey, ref: "S", n: 3, date: 2026-09-02}]
    measurements:
      - {metric: conv, actual: 0.2, target: 0.5, as_of: 2026-10-31, sample: 100}
pain_points:
  - id: slow
    description: Slow
    touchpoint: ad
    personas: [ann]
    severity: high
    frequency: frequent
    root_cause: Servers
    evidence: [{kind: analytics, ref: "A", n: 9, date: 2026-09-03}]
    status: resolved
    resolved: 2026-10-15
opportunities:
  - {id: fast, description: Faster, addresses: [slow], impact: high, effort: low, owner: Dev}
actions:
  - id: cache
    description: Add a cache
    opportunity: fast
    owner: Dev
    due: 2026-12-01
    status: planned
    target: {metric: conv, value: 0.4}
"""

BAD_VALUES: dict[str, Any] = {
    "list": ["2026-10-31"],
    "mapping": {"a": 1},
    "huge-int": 10**400,
    "null-in-list": [None],
    "null-in-mapping": {"a": None},
}


Path_ = tuple[Any, ...]


def _scalar_paths(model: type[BaseModel], data: Any, path: Path_) -> list[Path_]:
    """Paths of every scalar field of ``model`` (and of the items of its lists and mappings of
    scalars), found through the instance ``data`` of it in FULL."""
    found: list[Path_] = []
    for name, field in model.model_fields.items():
        here = (*path, name)
        inner = nested_model(field.annotation)
        if inner is not None:
            value = data.get(name)
            assert value, f"FULL has no {'.'.join(map(str, here))}: add one"
            if isinstance(value, list):
                found.extend(_scalar_paths(inner, value[0], (*here, 0)))
            else:
                found.extend(_scalar_paths(inner, value, here))
            continue
        found.append(here)
        kinds = (field.annotation, *typing.get_args(field.annotation))
        origin = {typing.get_origin(kind) for kind in kinds}
        if list in origin:
            found.append((*here, 0))
        if dict in origin:
            found.append((*here, "a"))
    return found


BASE = yaml.safe_load(FULL)
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's: 500 maps in a blink
PATHS = _scalar_paths(JourneyMap, BASE, ())


def _put(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    data = copy.deepcopy(data)
    node = data
    for seg in path[:-1]:
        if isinstance(node, list) and isinstance(seg, int):
            node = node[seg]
        else:
            node = node.setdefault(seg, {} if isinstance(seg, str) else [])
    last = path[-1]
    if isinstance(node, list):
        if not node:
            node.append(None)
        node[last] = value
    else:
        node[last] = value
    return data


def _cases() -> list[tuple[str, tuple[Any, ...], Any]]:
    cases = []
    for path in PATHS:
        for kind, value in BAD_VALUES.items():
            name = "-".join(str(s) for s in path) + f"--{kind}"
            cases.append((name, path, value))
    return cases


CASES = _cases()


def _write(folder: Path, name: str, path: tuple[Any, ...], value: Any) -> tuple[Path, int]:
    """Write the mutated map; return it with the line of the bad value (via our source map)."""
    data = _put(BASE, path, value)
    if path[0] != "id":
        data["id"] = name.lower().replace("_", "-")[:60].strip("-") or "x"
    text = yaml.dump(data, Dumper=DUMPER, sort_keys=False, default_flow_style=None, width=10**6)
    target = folder / f"{len(list(folder.iterdir())):04d}.journey.yaml"
    target.write_text(text, encoding="utf-8")
    line, _ = parse_text(text, str(target)).smap.locate(path)
    return target, line


def test_the_sweep_covers_the_model() -> None:
    """Including the field that crashed: a measurement's as_of, and every model's fields."""
    assert ("touchpoints", 0, "measurements", 0, "as_of") in PATHS
    assert ("actions", 0, "target", "value") in PATHS
    assert ("personas", 0, "demographics", "a") in PATHS
    assert len(PATHS) > 80


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, Path, int]]:
    folder = tmp_path_factory.mktemp("shapes")
    return [(name, *_write(folder, name, path, value)) for name, path, value in CASES]


def test_each_bad_shape_is_a_located_problem_or_valid(
    written: list[tuple[str, Path, int]],
) -> None:
    unlocated = []
    for name, target, line in written:
        loaded = load(str(target))  # raises on today's main for as_of: [...]
        if loaded.valid:
            continue
        if not any(p.line == line and p.path == str(target) for p in loaded.problems):
            unlocated.append((name, line, [(p.line, p.code) for p in loaded.problems]))
    assert not unlocated


def test_the_commands_survive_every_bad_shape(
    cli: RunCli,
    written: list[tuple[str, Path, int]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("JOURNEYKIT_TODAY", "2026-11-01")
    folder = str(written[0][1].parent)
    for command in ("validate", "lint", "score"):
        result = cli(command, folder, "--format", "json")
        assert result.exit_code == 1, (command, result.stderr[-2000:])
        assert len(result.stdout) > 1000 and "Traceback" not in result.stderr
    # render stops at the first invalid map with the report above: it renders only valid ones
    valid = [target for _name, target, _line in written if load(str(target)).valid]
    assert valid  # the huge numbers that are fine (a sample size, say)
    for target in valid:
        for fmt in ("mermaid", "html", "dot"):
            one = cli("render", str(target), "--format", fmt, "-o", f"x.{fmt}")
            assert one.exit_code == 0, (target.name, fmt, one.stderr)
        for command in ("lint", "score"):
            checked = cli(command, str(target))
            assert checked.exit_code in (0, 1), (target.name, command, checked.stderr)


@pytest.mark.parametrize("value", ["[2026-10-31]", "{on: 2026-10-31}"])
def test_a_list_or_mapping_as_a_date_is_wrong_type_where_it_is(
    cli: RunCli, tmp_path: Path, value: str
) -> None:
    """The crash that started the sweep: a set of `as_of` dates could not hold a list."""
    text = FULL.replace("as_of: 2026-10-31", f"as_of: {value}")
    (tmp_path / "m.journey.yaml").write_text(text, encoding="utf-8")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "as_of" in t)
    column = text.splitlines()[line - 1].index(value) + 1
    result = cli("validate", str(tmp_path / "m.journey.yaml"), "--format", "parsable")
    assert result.exit_code == 1, result.stderr
    assert (
        f"m.journey.yaml:{line}:{column}: error [wrong-type] `as_of` must be a date"
        in result.stdout
    )
