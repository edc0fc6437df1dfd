"""The lint engine: validate each map, run the configured rules on the valid ones, apply inline
suppressions, and return every problem in one sorted list.

Configuration (``journeykit.yaml``)::

    rules:
      persona-stale: {level: error, max_age_days: 180}   # level and options
      touchpoint-without-channel: off                     # or just a level
    overrides:
      - files: ["drafts/**"]
        rules: {persona-without-evidence: info}

The levels and options of a map are the rule defaults, then ``rules``, then each override whose
``files`` match the map's path (relative to the config's folder), in order. They apply to every
finding of that map, including findings located in files it includes.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

from journeykit.config import Config, ConfigError, matches
from journeykit.problems import Problem, RuleInfo, Severity, quote
from journeykit.rules import RULES, Rule, RuleContext
from journeykit.rules.base import EventFacts, OptionValue
from journeykit.suppress import CODE as DIRECTIVE_CODE
from journeykit.suppress import Directives, parse
from journeykit.validate import CODES as VALIDATION_CODES
from journeykit.validate import suggest
from journeykit.workspace import LoadedMap

if TYPE_CHECKING:
    from journeykit.config.models import RuleOptions

CRASH_CODE = "rule-crashed"


@dataclass(frozen=True)
class Setting:
    """A rule's level (``None`` when off) and options for one map."""

    level: Severity | None
    options: Mapping[str, OptionValue]


Settings = dict[str, Setting]


@dataclass(frozen=True)
class _Change:
    """What one `rules:` entry changes: the level (when ``set_level``) and some options."""

    set_level: bool
    level: Severity | None
    options: dict[str, OptionValue]


_Changes = dict[str, _Change]


def defaults() -> Settings:
    return {
        rule_id: Setting(rule.LEVEL, {name: opt.default for name, opt in rule.OPTIONS.items()})
        for rule_id, rule in RULES.items()
    }


class Policy:
    """Rule levels and options from a config, checked up front (``ConfigError`` when wrong)."""

    def __init__(self, config: Config) -> None:
        self.config = config
        problems: list[Problem] = []
        settings = config.settings
        self.base = _apply(defaults(), _changes(config, ("rules",), settings.rules, problems))
        self.overrides: list[tuple[list[str], _Changes]] = []
        for i, override in enumerate(settings.overrides):
            changes = _changes(config, ("overrides", i, "rules"), override.rules, problems)
            self.overrides.append((override.files, changes))
        if problems:
            raise ConfigError(problems)
        self._cache: dict[tuple[int, ...], Settings] = {(): self.base}

    def for_path(self, path: str) -> Settings:
        """The settings for the map at ``path``: the base, then each matching override in order."""
        if not self.overrides:
            return self.base
        relative = self.config.relative(path)
        chosen = tuple(i for i, (files, _) in enumerate(self.overrides) if matches(relative, files))
        if chosen not in self._cache:
            settings = self.base
            for i in chosen:
                settings = _apply(settings, self.overrides[i][1])
            self._cache[chosen] = settings
        return self._cache[chosen]


def _changes(
    config: Config,
    where: tuple[str | int, ...],
    section: Mapping[str, Any],
    problems: list[Problem],
) -> _Changes:
    """What each entry of a `rules:` mapping changes; its problems, located, into ``problems``."""
    changes: _Changes = {}
    for rule_id, value in section.items():
        loc = (*where, rule_id)
        if rule_id not in RULES:
            problems.append(config.problem(loc, _unknown_rule(rule_id), key=True))
        elif isinstance(value, str):  # a level: the config's own model has checked the word
            changes[rule_id] = _Change(True, _level(value), {})
        else:
            try:
                given = config.check(options_model(rule_id), value, loc).model_dump(
                    exclude_unset=True
                )
            except ConfigError as exc:
                problems.extend(exc.problems)
                continue
            level = given.pop("level", None)
            changes[rule_id] = _Change(level is not None, _level(level or "off"), given)
    return changes


@functools.cache
def options_model(rule_id: str) -> type[RuleOptions]:
    """The model of a rule's entry under `rules:` (a mapping): `level` and the rule's options,
    built from the registry's :class:`~journeykit.rules.base.Option` data, each option's value
    checked by its :meth:`~journeykit.rules.base.Option.parse`. The one parse path of options."""
    from pydantic import AfterValidator, Field, create_model

    from journeykit.config.models import LEVEL_FIELD, OPTION_FIELD, Level, RuleOptions

    fields: dict[str, Any] = {
        "level": (Level, Field(None, description=LEVEL_FIELD.format(rule=rule_id))),
    }
    for name, option in RULES[rule_id].OPTIONS.items():
        fields[name] = (
            Annotated[Any, AfterValidator(option.parse)],
            Field(None, description=OPTION_FIELD.format(rule=rule_id)),
        )
    model: type[RuleOptions] = create_model(
        f"RuleOptions[{rule_id}]", __base__=RuleOptions, **fields
    )
    model.rule = rule_id
    return model


def _level(word: str) -> Severity | None:
    return None if word == "off" else Severity(word)


def _apply(settings: Settings, changes: _Changes) -> Settings:
    if not changes:
        return settings
    result = dict(settings)
    for rule_id, change in changes.items():
        old = result[rule_id]
        level = change.level if change.set_level else old.level
        result[rule_id] = Setting(level, {**old.options, **change.options})
    return result


def _unknown_rule(rule_id: str) -> str:
    if rule_id in VALIDATION_CODES:
        return (
            f"`{rule_id}` is a validation check, not a lint rule: a map that breaks it is "
            "invalid and the check cannot be configured"
        )
    hint = suggest(rule_id, RULES.keys()) or "; `journey rules` lists the rules"
    return f"unknown rule {quote(rule_id)}{hint}"


def run_rules(
    loaded: LoadedMap, settings: Settings, today: dt.date, events: EventFacts | None = None
) -> list[Problem]:
    """The findings of every enabled rule on one valid map (no suppression applied); ``events``:
    facts from an event log for the rules that read one (``journey lint --events``)."""
    from journeykit.model import MapIndex

    assert loaded.journey is not None, "lint rules run on valid maps"
    index = MapIndex(loaded.journey)
    found: list[Problem] = []
    for rule_id, setting in settings.items():
        if setting.level is not None:
            ctx = RuleContext(loaded, index, today, rule_id, setting.level, setting.options, events)
            try:
                found.extend(RULES[rule_id].check(ctx))
            except Exception as exc:  # a bug in one rule must not cost the other findings
                message = (
                    f"rule `{rule_id}` failed on this map ({type(exc).__name__}: {exc}); this is "
                    "a bug in journeykit: please report it with the map"
                )
                found.append(Problem(loaded.path, 1, 1, CRASH_CODE, message, Severity.ERROR))
    return found


def lint(
    maps: Iterable[LoadedMap],
    policy: Policy,
    today: dt.date,
    events: Callable[[LoadedMap], EventFacts] | None = None,
) -> list[Problem]:
    """Validation problems of every map, rule findings of the valid ones, minus suppressions.

    ``maps`` may be a stream: each map is done with before the next is read. ``events``, when
    given, computes a valid map's facts from an event log for the rules that read one.

    A file included by several maps is read for directives once; identical findings (a persona of
    a shared library, found through each map) are reported once, at the most serious level any of
    those maps gives the rule (overrides may differ between them).
    """
    directives: dict[str, Directives] = {}
    ignored: dict[str, bool] = {}
    ignore = policy.config.settings.ignore
    found: dict[tuple[str, int, int, str, str], Problem] = {}

    def add(problem: Problem) -> None:
        key = (problem.path, problem.line, problem.column, problem.code, problem.message)
        seen = found.get(key)
        if seen is None or problem.severity.rank > seen.severity.rank:
            found[key] = problem

    for loaded in maps:
        for source in (loaded.main, *loaded.sources):
            if source.path not in directives:
                directives[source.path] = parse(source.text, source.path, RULES, _is_validation)
                ignored[source.path] = bool(ignore) and policy.config.ignored(source.path)
                for problem in directives[source.path].problems:
                    add(problem)
        for problem in loaded.problems:
            add(problem)
        if not loaded.valid:
            continue
        facts = None if events is None else events(loaded)
        for problem in run_rules(loaded, policy.for_path(loaded.path), today, facts):
            if ignored.get(problem.path) or directives[problem.path].suppresses(problem):
                continue
            add(problem)
    return sorted(found.values())


def _is_validation(code: str) -> bool:
    return code in VALIDATION_CODES


def rule_infos() -> dict[str, RuleInfo]:
    """Metadata of every code lint can report: validation codes, directive problems, the rules."""
    from journeykit.rules import documentation

    infos = {code: RuleInfo(code, Severity.ERROR, text) for code, text in VALIDATION_CODES.items()}
    infos[DIRECTIVE_CODE] = RuleInfo(
        DIRECTIVE_CODE,
        Severity.ERROR,
        "A `# journeykit:` directive that names an unknown rule or is not a directive.",
    )
    infos[CRASH_CODE] = RuleInfo(
        CRASH_CODE, Severity.ERROR, "A lint rule failed (a journeykit bug)."
    )
    for rule_id, rule in RULES.items():
        infos[rule_id] = RuleInfo(
            rule_id, rule.LEVEL, rule.SUMMARY, describe(rule, documentation(rule))
        )
    return infos


def describe(rule: Rule, doc: str) -> str:
    """The documentation with the rule's default level and options in front."""
    head = [f"Default level: {rule.LEVEL}."]
    if rule.OPTIONS:
        head.append(
            "Options: "
            + ", ".join(
                f"`{name}` (default {opt.default:g}: {opt.help})"
                for name, opt in rule.OPTIONS.items()
            )
            + "."
        )
    return " ".join(head) + "\n\n" + doc
