"""Every lint rule against its case files, and the checks that keep the registry honest.

Case files live in ``tests/rules/<rule-id>/*.yaml``: each is a complete journey map (it must be
valid) whose leading comment block declares what the rule must find, yamllint/sqlfluff-style::

    # expect: 12:7                  one finding at line 12, column 7, at the rule's default level
    # expect: 30:5 error            ... at this level
    # expect: lib/stages.yaml:3:7   ... located in an included file (relative to the case file)
    # expect: none                  a passing case: the rule finds nothing
    # options: {max_age_days: 30}   rule options (YAML flow mapping)
    # level: info                   the rule's configured level
    # today: 2026-11-22             "today" (this is the default)
    # events: {customers: 10, reached: {ad: 10}, moves: [[ad, cart, 3]]}
                                    facts of an event log (``journey lint --events``): moves
                                    are [from, to, customers], planned when the map's flow has them

File names start with ``pass-`` (must declare ``expect: none``) or ``fail-`` (must expect findings).
Only findings of the case's own rule are compared; sub-folders hold included files, not cases.
"""

from __future__ import annotations

import datetime as dt
import json
import pkgutil
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import journeykit.rules
from journeykit.lint import Setting, run_rules
from journeykit.problems import Severity
from journeykit.rules import MODULES, RULES, Rule, documentation
from journeykit.rules.base import EventFacts, Move
from journeykit.validate import load
from journeykit.workspace import LoadedMap

CASES = Path(__file__).resolve().parent / "rules"
NOT_RULES = {"base", "catalog"}  # helper modules of the rules package
_DIRECTIVE = re.compile(r"#\s*(expect|options|level|today|events):\s*(.*?)\s*$")
_EXPECT = re.compile(r"(?:(?P<file>[^\s:]+):)?(?P<line>\d+):(?P<column>\d+)(?:\s+(?P<level>\w+))?$")


@dataclass
class Case:
    path: Path
    rule: str
    expected: list[tuple[str, int, int, str]] = field(default_factory=list)
    declared_none: bool = False
    options: dict[str, object] = field(default_factory=dict)
    level: Severity | None = None
    today: dt.date = dt.date(2026, 11, 22)
    events: dict[str, Any] | None = None


def read_case(path: Path) -> Case:
    rule = path.parent.name
    case = Case(path, rule)
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        match = _DIRECTIVE.match(line)
        if match is None:
            continue
        key, value = match.groups()
        if key == "expect" and value == "none":
            case.declared_none = True
        elif key == "expect":
            found = _EXPECT.match(value)
            assert found, f"{path.name}: bad expect line {value!r}"
            file = (path.parent / found["file"]) if found["file"] else path
            level = found["level"] or ""  # filled with the rule's level below
            case.expected.append((str(file), int(found["line"]), int(found["column"]), level))
        elif key == "options":
            case.options = yaml.safe_load(value)
        elif key == "level":
            case.level = Severity(value)
        elif key == "today":
            case.today = dt.date.fromisoformat(value)
        elif key == "events":
            case.events = yaml.safe_load(value)
    default = str(case.level or (RULES[rule].LEVEL if rule in RULES else ""))
    case.expected = [(f, line, col, level or default) for f, line, col, level in case.expected]
    return case


def all_cases() -> list[Path]:
    return sorted(CASES.glob("*/*.yaml"))


@pytest.mark.parametrize("path", all_cases(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_rule_case(path: Path) -> None:
    case = read_case(path)
    assert case.rule in RULES, f"case folder {case.rule!r} names no registered rule"
    rule = RULES[case.rule]
    if path.name.startswith("pass-"):
        assert case.declared_none and not case.expected, "a pass- case declares `# expect: none`"
    else:
        assert path.name.startswith("fail-"), "case files are named pass-*.yaml or fail-*.yaml"
        assert case.expected, "a fail- case declares at least one `# expect: LINE:COLUMN`"
    loaded = load(str(path))
    assert loaded.valid, f"case map does not validate: {[p.message for p in loaded.problems]}"
    options = {name: opt.default for name, opt in rule.OPTIONS.items()}
    options.update(case.options)  # type: ignore[arg-type]
    setting = Setting(case.level or rule.LEVEL, options)
    found = run_rules(loaded, {case.rule: setting}, case.today, _facts(loaded, case.events))
    actual = sorted((p.path, p.line, p.column, str(p.severity)) for p in found)
    assert actual == sorted(case.expected), "\n".join(
        f"{Path(p.path).name}:{p.line}:{p.column} {p.severity} {p.message}" for p in found
    )
    for problem in found:
        assert problem.code == case.rule
        assert "`" in problem.message and ";" in problem.message, (
            f"a message names the thing in backticks and says what to do: {problem.message}"
        )


def _facts(loaded: LoadedMap, spec: dict[str, Any] | None) -> EventFacts | None:
    if spec is None:
        return None
    from journeykit.conform.api import flow_of

    assert loaded.journey is not None
    planned = flow_of(loaded.journey).edges
    moves = tuple(
        Move(a, b, (a, b) in planned, customers, customers) for a, b, customers in spec["moves"]
    )
    return EventFacts(spec["customers"], spec["reached"], moves)


# What measurement-off-target asks for names the one missing step, never what the map has.
OFF_TARGET_ADVICE = {
    "fail-higher-is-better": ("record why as a pain point here with an opportunity", []),
    "fail-no-action": (
        "add an action to opportunity `guided-connect` whose `target` is metric `activation`",
        ["as a pain point", "add an opportunity"],
    ),
    "fail-dropped-action": (
        "add an action to opportunity `guided-connect` whose `target` is metric `activation`",
        ["as a pain point", "add an opportunity"],
    ),
    "fail-action-targets-other-metric": (
        "give an action of opportunity `guided-connect` a `target` on metric `activation`",
        ["pain point", "add an opportunity", "add an action"],
    ),
    "fail-resolved-before-reading": (
        "pain point `slow-connect` is resolved, yet the reading on 2026-10-31 still misses: "
        "reopen it (`status: open`) or record a new pain point here",
        ["record why"],
    ),
}


@pytest.mark.parametrize("stem", sorted(OFF_TARGET_ADVICE))
def test_measurement_off_target_names_only_what_is_missing(stem: str) -> None:
    wanted, never = OFF_TARGET_ADVICE[stem]
    loaded = load(str(CASES / "measurement-off-target" / f"{stem}.yaml"))
    rule = RULES["measurement-off-target"]
    setting = Setting(rule.LEVEL, {n: o.default for n, o in rule.OPTIONS.items()})
    (problem,) = run_rules(loaded, {rule.ID: setting}, dt.date(2026, 11, 22))
    assert wanted in problem.message
    assert problem.message.endswith(", or revisit the target")
    for text in never:
        assert text not in problem.message


def _rule_modules() -> list[str]:
    return sorted(
        m.name for m in pkgutil.iter_modules(journeykit.rules.__path__) if m.name not in NOT_RULES
    )


@pytest.mark.parametrize("name", _rule_modules())
def test_every_rule_module_is_registered_documented_and_has_cases(name: str) -> None:
    registered = {rule.__name__.rsplit(".", 1)[-1]: rule for rule in MODULES}
    assert name in registered, f"journeykit.rules.{name} is not in journeykit.rules.MODULES"
    rule: Rule = registered[name]
    assert rule.ID.replace("-", "_") == name, "a rule module is named after its id"
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.ID)
    assert rule.SUMMARY.endswith(".") and "\n" not in rule.SUMMARY
    doc = documentation(rule)
    for heading in ("Failing example", "Passing example"):
        assert heading in doc, f"the docstring of {rule.ID} lacks a {heading.lower()}"
    blocks = re.findall(r"```yaml\n(.*?)```", doc, re.S)
    assert len(blocks) >= 2, "examples are ```yaml blocks"
    for block in blocks:
        yaml.safe_load(block)  # every example is at least well-formed YAML
    for option in rule.OPTIONS:
        assert f"`{option}`" in doc, f"option {option} is documented"
    cases = sorted(p.name for p in (CASES / rule.ID).glob("*.yaml"))
    assert any(c.startswith("pass-") for c in cases), f"{rule.ID} has no passing case file"
    assert any(c.startswith("fail-") for c in cases), f"{rule.ID} has no failing case file"


def test_registry_is_one_tuple_without_duplicates() -> None:
    assert len(RULES) == len(MODULES)
    assert set(_rule_modules()) == {rule.ID.replace("-", "_") for rule in MODULES}


def test_every_case_folder_names_a_rule() -> None:
    folders = {p.name for p in CASES.iterdir() if p.is_dir()}
    assert folders <= set(RULES), folders - set(RULES)


# --- robustness: every rule on arbitrary valid maps ---------------------------------------------

DATES = st.dates(dt.date(2024, 1, 1), dt.date(2027, 12, 31)).map(str)


@st.composite
def valid_maps(draw: st.DrawFn) -> dict[str, Any]:
    """Small maps that validate, with every optional key the rules look at sometimes present."""
    personas = draw(st.lists(st.sampled_from(["ann", "bob", "cy"]), min_size=1, unique=True))
    stages = draw(st.lists(st.sampled_from(["see", "try", "buy", "use"]), min_size=1, unique=True))
    tps = [f"t{i}" for i in range(draw(st.integers(1, 6)))]
    metrics = [
        {"id": m, "name": m, "kind": kind, "direction": draw(st.sampled_from(DIRECTIONS))}
        for m, kind in (("conv", "conversion"), ("time", "duration"))
    ]
    data: dict[str, Any] = {"journeykit": 1, "id": "m", "title": "M", "metrics": metrics}
    if draw(st.booleans()):
        data["updated"] = draw(DATES)
    data["personas"] = [
        {"id": p, "name": p}
        | ({"evidence": [{"kind": "survey"}]} if draw(st.booleans()) else {})
        | ({"reviewed": draw(DATES)} if draw(st.booleans()) else {})
        for p in personas
    ]
    data["stages"] = [{"id": s, "name": s} for s in stages]
    data["touchpoints"] = []
    for tp in tps:
        item: dict[str, Any] = {"id": tp, "name": tp, "stage": draw(st.sampled_from(stages))}
        passing = personas
        if draw(st.booleans()):
            passing = draw(st.lists(st.sampled_from(personas), unique=True))
            item["personas"] = passing
        if draw(st.booleans()):
            item["next"] = draw(st.lists(st.sampled_from(tps), unique=True, max_size=3))
        for key, value in (("owner", "Team"), ("channel", "web"), ("moment_of_truth", True)):
            if draw(st.booleans()):
                item[key] = value
        scored = draw(st.lists(st.sampled_from(passing), unique=True)) if passing else []
        item["experiences"] = [{"persona": p, "score": draw(st.integers(1, 5))} for p in scored]
        readings = st.tuples(st.sampled_from(["conv", "time"]), DATES, st.floats(0, 1))
        item["measurements"] = [
            {"metric": m, "actual": actual, "target": draw(TARGETS), "as_of": day}
            for m, day, actual in draw(st.lists(readings, unique_by=lambda r: r[:2], max_size=3))
        ]
        data["touchpoints"].append(item)
    pains = [f"p{i}" for i in range(draw(st.integers(0, 3)))]
    data["pain_points"] = [
        {"id": p, "description": p, "touchpoint": draw(st.sampled_from(tps)),
         "severity": draw(st.sampled_from(["low", "medium", "high", "critical"]))}
        | draw(st.sampled_from([{}, {"status": "open"}, {"status": "resolved"},
                                {"status": "resolved", "resolved": draw(DATES)}]))
        for p in pains
    ]  # fmt: skip
    opps = [f"o{i}" for i in range(draw(st.integers(0, 2)))] if pains else []
    data["opportunities"] = [
        {"id": o, "description": o, "addresses": draw(st.lists(st.sampled_from(pains), min_size=1))}
        for o in opps
    ]
    data["actions"] = [
        {"id": f"a{i}", "description": "a", "opportunity": o,
         "status": draw(st.sampled_from(["proposed", "planned", "in-progress", "done", "dropped"]))}
        | ({"due": draw(DATES)} if draw(st.booleans()) else {})
        | ({"owner": "Team"} if draw(st.booleans()) else {})
        | ({"target": {"metric": draw(st.sampled_from(["conv", "time"])), "value": 0.5}}
           if draw(st.booleans()) else {})
        for i, o in enumerate(draw(st.lists(st.sampled_from(opps), max_size=3)) if opps else [])
    ]  # fmt: skip
    data["objectives"] = [{"id": "goal", "statement": "s"} | ({"metric": "conv"} if pains else {})]
    return data


DIRECTIONS = ["higher-is-better", "lower-is-better"]
TARGETS = st.sampled_from([0, 0.5, 1])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_maps())
def test_rules_never_crash_and_locate_inside_the_file(data: dict[str, Any]) -> None:
    text = json.dumps(data, indent=1)  # JSON is YAML; indent puts things on their own lines
    loaded = load("-", data=text.encode())
    assert loaded.valid, [p.message for p in loaded.problems]
    settings_ = {rule_id: Setting(rule.LEVEL, {n: o.default for n, o in rule.OPTIONS.items()})
                 for rule_id, rule in RULES.items()}  # fmt: skip
    lines = text.count("\n") + 1
    for problem in run_rules(loaded, settings_, dt.date(2026, 11, 22)):
        assert problem.code in RULES, problem.message  # not an internal error
        assert 1 <= problem.line <= lines and problem.column >= 1
        assert "`" in problem.message and ";" in problem.message


def test_the_registry_loads_without_pydantic() -> None:
    """`journey rules` stays quick: the rule modules import the model only where they run."""
    import subprocess
    import sys

    code = "import sys, journeykit.rules.catalog; print('pydantic' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
