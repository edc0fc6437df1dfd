"""Every section of ``journeykit.yaml`` is a model; its problems are located like a map's.

Each case is a config text, the section read (as a command reads it), and the ``line:column`` and
words of the first problem. Rule levels and options go through the one model that the lint policy
builds from the rule registry's ``Option`` data.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from journeykit.config import Config, ConfigError, load_config
from journeykit.errors import JourneyError
from journeykit.lint import Policy, options_model
from journeykit.rules import RULES


def _load(tmp_path: Path, text: str) -> Config:
    path = tmp_path / "journeykit.yaml"
    path.write_text(text, encoding="utf-8")
    return load_config(str(path))


def _read(config: Config, section: str) -> object:
    """What the command that owns ``section`` reads of it."""
    if section == "rules":
        return Policy(config)
    if section == "templates":
        return config.templates_folder()
    return getattr(config, section)


def _problem(tmp_path: Path, text: str, section: str | None) -> tuple[str, str]:
    with pytest.raises(ConfigError) as caught:
        config = _load(tmp_path, text)
        if section is not None:
            _read(config, section)
    first = caught.value.problems[0]
    assert first.code == "config" and first.path.endswith("journeykit.yaml")
    return f"{first.line}:{first.column}", first.message


BAD_VALUES = [
    # the file's own shape, checked on load
    ("files: '*.yaml'\n", None, "1:8", "`files` must be a list of glob patterns"),
    ("ignore: [archive/, 3]\n", None, "1:20", "`ignore` must be a list of glob patterns"),
    ("rules: [map-stale]\n", None, "1:8", "`rules` must be a mapping of rule ids"),
    ("rules:\n  map-stale: loud\n", None, "2:14", "`loud` is not a rule setting"),
    ("overrides: {files: [a]}\n", None, "1:12", "`overrides` must be a list of mappings"),
    ("overrides:\n  - files: []\n", None, "2:12", "`files` of an override must be a list of one"),
    ("overrides:\n  - rules: {}\n", None, "2:5", "missing required key `files`"),
    ("score: [1]\n", None, "1:8", "`score` must be a mapping of weights, max_age_days, min"),
    ("render: yes\n", None, "1:9", "`render` must be a mapping of templates"),
    ("events: x\n", None, "1:9", "`events` must be a mapping of customer_col"),
    # score:, as the scorecard reads it
    ("score:\n  weights: {evidence: -2}\n", "score", "2:23", "weight of `evidence` must be a"),
    ("score:\n  weights: {kpi: .nan}\n", "score", "2:18", "weight of `kpi` must be a number"),
    ("score:\n  weights: [kpi]\n", "score", "2:12", "`weights` must be a mapping of complet"),
    ("score:\n  max_age_days: yes\n", "score", "2:17", "`max_age_days` must be a whole number"),
    ("score:\n  max_age_days: -1\n", "score", "2:17", "`max_age_days` must be a whole number"),
    ("score:\n  min:\n    kpi: -5\n", "score", "3:10", "minimum for `kpi` must be a number 0–100"),
    ("score:\n  min: 50\n", "score", "2:8", "`min` must be a mapping of overall, completeness"),
    (
        "score:\n  weights:\n    completeness: 0\n    evidence: 0\n    experience: 0\n    kpi: 0\n",
        "score",
        "3:5",
        "at least one weight must be above 0",
    ),
    ("score:\n  weights: {kpi: null}\n", "score", "2:18", "weight of `kpi` must be a number"),
    ("score:\n  weights: ~\n", "score", "2:12", "`weights` must be a mapping of complet"),
    ("score:\n  max_age_days: null\n", "score", "2:17", "`max_age_days` must be a whole"),
    # render:, as journey render reads it
    ("render:\n  templates: ''\n", "render", "2:14", "`templates` must be the path of a folder"),
    ("render:\n  templates: [a]\n", "render", "2:14", "`templates` must be the path of a folder"),
    ("render:\n  templates: nowhere\n", "templates", "2:14", "folder `nowhere` does not exist"),
    # events:, as journey measure reads it
    ("events:\n  time_col: 3\n", "events", "2:13", "`time_col` must be text"),
    ("events:\n  tz: '  '\n", "events", "2:7", "`tz` must be text, such as Europe/Paris"),
    ("events:\n  window:\n", "events", "2:10", "`window` must be text, such as 30d"),
    # rules:, as the lint policy reads it
    ("rules:\n  map-stale: {level: loud}\n", "rules", "2:22", "`level` of rule `map-stale` must"),
    (
        "overrides:\n  - files: [a/]\n    rules:\n      emotional-cliff: {drop: 0}\n",
        "rules",
        "4:31",
        "option `drop` of rule `emotional-cliff` must be a whole number from 1 to 4, not `0`",
    ),
]


@pytest.mark.parametrize(("text", "section", "where", "message"), BAD_VALUES)
def test_a_bad_value_is_located_and_says_what_is_wrong(
    tmp_path: Path, text: str, section: str | None, where: str, message: str
) -> None:
    found_where, found = _problem(tmp_path, text, section)
    assert found_where == where
    assert message in found


@pytest.mark.parametrize(
    ("text", "section", "where", "message"),
    [
        ("ignroe: [x]\n", None, "1:1", "unknown setting `ignroe`; did you mean `ignore`?"),
        (
            "overrides:\n  - files: [a]\n    rulse: {}\n",
            None,
            "3:5",
            "unknown override setting `rulse`; did you mean `rules`? (known: files, rules)",
        ),
        ("score:\n  mni: {}\n", "score", "2:3", "unknown score setting `mni`; did you mean `min`?"),
        ("score:\n  min: {evidense: 5}\n", "score", "2:9", "did you mean `evidence`?"),
        ("render:\n  template: t\n", "render", "2:3", "did you mean `templates`?"),
        ("events:\n  time_column: ts\n", "events", "2:3", "did you mean `time_col`?"),
        (
            "rules:\n  persona-stale: {max_age_day: 3}\n",
            "rules",
            "2:19",
            "rule `persona-stale` has no option `max_age_day`; did you mean `max_age_days`? "
            "(it takes: level, max_age_days)",
        ),
    ],
)
def test_an_unknown_key_is_located_at_the_key_with_did_you_mean(
    tmp_path: Path, text: str, section: str | None, where: str, message: str
) -> None:
    found_where, found = _problem(tmp_path, text, section)
    assert found_where == where
    assert message in found


def test_an_unknown_key_with_nothing_close_lists_the_known_ones(tmp_path: Path) -> None:
    where, message = _problem(tmp_path, "render:\n  colours: red\n", "render")
    assert where == "2:3"
    assert message == "unknown render setting `colours` (known: templates)"


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        (
            "rules:\n  persona-stail: off\n",
            "2:3",
            "unknown rule `persona-stail`; did you mean `persona-stale`?",
        ),
        ("rules:\n  zzz: off\n", "2:3", "unknown rule `zzz`; `journey rules` lists the rules"),
        (
            "overrides:\n  - files: [a]\n    rules: {unknown-key: off}\n",
            "3:13",
            "`unknown-key` is a validation check, not a lint rule",
        ),
    ],
)
def test_an_unknown_rule_is_located(tmp_path: Path, text: str, where: str, message: str) -> None:
    found_where, found = _problem(tmp_path, text, "rules")
    assert found_where == where
    assert message in found


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = "rules:\n  map-stale: {max_age_days: x, level: loud, colour: red}\n  nope: off\n"
    with pytest.raises(ConfigError) as caught:
        Policy(_load(tmp_path, text))
    found = {(p.line, p.column): p.message for p in caught.value.problems}
    assert sorted(found) == [(2, 29), (2, 39), (2, 45), (3, 3)]
    assert "no option `colour`" in found[2, 45]


def test_rule_options_are_the_registry_options(tmp_path: Path) -> None:
    """The one parse path: each rule's model has `level` and exactly its registry options, and a
    value is parsed by the option (`3.0` for a whole number becomes the int 3)."""
    for rule_id, rule in RULES.items():
        assert list(options_model(rule_id).model_fields) == ["level", *rule.OPTIONS]
    policy = Policy(_load(tmp_path, "rules:\n  map-stale: {max_age_days: 30.0, level: error}\n"))
    setting = policy.base["map-stale"]
    assert setting.options == {"max_age_days": 30} and type(setting.options["max_age_days"]) is int
    assert setting.level is not None and setting.level.value == "error"
    untouched = Policy(_load(tmp_path, "rules:\n  map-stale: {max_age_days: 9}\n")).base
    assert untouched["map-stale"].level == RULES["map-stale"].LEVEL


def test_sections_read_as_models(tmp_path: Path) -> None:
    (tmp_path / "brand").mkdir()
    config = _load(
        tmp_path,
        "score:\n  weights: {kpi: 2}\n  min: {overall: 70}\n"
        "render:\n  templates: brand\n"
        "events:\n  customer_col: user_id\n  tz: Europe/Paris\n",
    )
    assert config.score.weights.given() == {"kpi": 2.0}
    assert config.score.min.given() == {"overall": 70.0}
    assert config.score.max_age_days is None
    assert config.templates_folder() == str(tmp_path / "brand")
    assert config.events.given() == {"customer_col": "user_id", "tz": "Europe/Paris"}


def test_null_templates_means_none(tmp_path: Path) -> None:
    assert _load(tmp_path, "render:\n  templates: ~\n").templates_folder() is None


def test_measure_reads_the_events_model(tmp_path: Path) -> None:
    from journeykit.config.models import EventsSection
    from journeykit.measure.settings import KEYS, event_settings

    assert tuple(EventsSection.model_fields) == KEYS
    assert event_settings(_load(tmp_path, "events:\n  by: variant\n")) == {"by": "variant"}


def test_a_section_is_checked_only_when_read(tmp_path: Path) -> None:
    """A mistake in `score:` does not stop the commands that do not read it (as before)."""
    config = _load(tmp_path, "score:\n  wieghts: {}\nrender:\n  x: 1\n")
    assert config.settings.files == ["*.journey.yaml", "*.journey.yml"]
    Policy(config)  # lint does not read score:
    with pytest.raises(ConfigError):
        _read(config, "score")
    with pytest.raises(ConfigError):
        _read(config, "render")


def test_a_config_error_is_a_journey_error(tmp_path: Path) -> None:
    with pytest.raises(JourneyError) as caught:
        _load(tmp_path, "rulez: {}\n")
    assert caught.value.exit_code == 2
    assert "unknown setting `rulez`" in caught.value.message


def test_the_config_module_imports_no_pydantic_or_yaml() -> None:
    """The CLI's start-up: the models are built when a config is loaded, not on import."""
    probe = (
        "import sys, journeykit.config\n"
        "print(sorted(m for m in ('pydantic', 'yaml', 'journeykit.config.models') "
        "if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "[]"
