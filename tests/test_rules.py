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

File names start with ``pass-`` (must declare ``expect: none``) or ``fail-`` (must expect findings).
Only findings of the case's own rule are compared; sub-folders hold included files, not cases.
"""

from __future__ import annotations

import datetime as dt
import pkgutil
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

import journeykit.rules
from journeykit.lint import Setting, run_rules
from journeykit.problems import Severity
from journeykit.rules import MODULES, RULES, Rule, documentation
from journeykit.validate import load

CASES = Path(__file__).resolve().parent / "rules"
NOT_RULES = {"base", "catalog"}  # helper modules of the rules package
_DIRECTIVE = re.compile(r"#\s*(expect|options|level|today):\s*(.*?)\s*$")
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
    found = run_rules(loaded, {case.rule: setting}, case.today)
    actual = sorted((p.path, p.line, p.column, str(p.severity)) for p in found)
    assert actual == sorted(case.expected), "\n".join(
        f"{Path(p.path).name}:{p.line}:{p.column} {p.severity} {p.message}" for p in found
    )
    for problem in found:
        assert problem.code == case.rule
        assert "`" in problem.message and ";" in problem.message, (
            f"a message names the thing in backticks and says what to do: {problem.message}"
        )


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
