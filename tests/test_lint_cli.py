"""`journey lint` and `journey rules` end to end through the CLI: exit codes, --fail-level,
--today, config discovery and errors, overrides, ignore, inline suppression, every format."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from journeykit import __version__

from .conftest import EXAMPLES, MINIMAL, ROOT, Golden, RunCli, shared_file

WriteMap = Callable[..., Path]
GOLDEN = Path(__file__).resolve().parent / "golden" / "lint"
TODAY = ("--today", "2026-11-22")

# MINIMAL (conftest) is lint-clean but for `map-stale` (no `updated`, info). CLEAN adds it.
CLEAN = MINIMAL.replace("title: Minimal map\n", "title: Minimal map\nupdated: 2026-11-01\n")
# A warning (persona without evidence) on the line of `- id: ann` (line 6), nothing else.
WARN = CLEAN.replace('    evidence: [{kind: interview, ref: "Interviews 2026", n: 5}]\n', "")
# CLEAN with an include; its touchpoints are for `ann` only, so a persona from the library
# (`guest`) needs no experiences there.
INCLUDING = CLEAN.replace("title: Minimal map\n", "title: Minimal map\ninclude: [LIB]\n").replace(
    "    stage: ", "    personas: [ann]\n    stage: "
)
ACTION = """pain_points:
  - {id: slow, description: Slow checkout., touchpoint: checkout}
opportunities:
  - {id: faster, description: Faster checkout., addresses: [slow]}
actions:
  - {id: one-page, description: One-page checkout., opportunity: faster, owner: Shop,
     due: 2026-06-30}
"""


def codes(output: str) -> list[str]:
    """Codes of `--format parsable` output lines."""
    return re.findall(r"^\S+:\d+:\d+: \w+ \[([\w-]+)\]", output, re.M)


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run every test in its own folder, so no journeykit.yaml of the repository applies."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("JOURNEYKIT_TODAY", raising=False)


# --- exit codes and --fail-level --------------------------------------------------------------


def test_clean_map_exits_0(cli: RunCli, write_map: WriteMap) -> None:
    result = cli("lint", *TODAY, str(write_map(CLEAN)))
    assert (result.exit_code, result.stdout) == (0, "✔ no problems in 1 file checked\n")


@pytest.mark.parametrize(
    ("text", "fail_level", "code"),
    [
        (WARN, "error", 0),  # a warning does not fail at the default level
        (WARN, "warning", 1),
        (WARN, "info", 1),
        (MINIMAL, "warning", 0),  # map-stale is only info
        (MINIMAL, "info", 1),
    ],
)
def test_fail_level(
    cli: RunCli, write_map: WriteMap, text: str, fail_level: str, code: int
) -> None:
    result = cli("lint", *TODAY, "--fail-level", fail_level, str(write_map(text)))
    assert result.exit_code == code, result.stdout


def test_an_error_level_finding_exits_1(cli: RunCli, write_map: WriteMap) -> None:
    path = write_map(
        CLEAN + ACTION.split("opportunities:")[0].replace("}", ", severity: critical}")
    )
    result = cli("lint", *TODAY, "-f", "parsable", str(path))
    assert result.exit_code == 1
    assert "error [unaddressed-pain-point] pain point `slow` (critical)" in result.stdout


def test_an_invalid_map_reports_validation_problems_and_no_rule_findings(
    cli: RunCli, write_map: WriteMap
) -> None:
    broken = WARN.replace("stage: buy\n", "stage: buyy\n")
    result = cli("lint", *TODAY, "-f", "parsable", str(write_map(broken)))
    assert result.exit_code == 1
    assert codes(result.stdout) == ["broken-reference"]


def test_not_a_map_exits_2(cli: RunCli, write_map: WriteMap) -> None:
    result = cli("lint", str(write_map("- just\n- a list\n")))
    assert result.exit_code == 2
    assert "not-a-map" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--today", "22.11.2026"), "--today must be a date YYYY-MM-DD"),
        (("no-such.journey.yaml",), "no such file or folder"),
        (("--format", "xml"), "unknown format"),
    ],
)
def test_usage_errors_exit_2(
    cli: RunCli, write_map: WriteMap, args: tuple[str, ...], message: str
) -> None:
    write_map(CLEAN)
    result = cli("lint", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


# --- today --------------------------------------------------------------------------------------


def test_today_comes_from_the_flag_then_the_environment(cli: RunCli, write_map: WriteMap) -> None:
    path = str(write_map(CLEAN + ACTION))
    late = cli("lint", "--today", "2026-11-22", "-f", "parsable", path)
    assert "action `one-page` was due 2026-06-30 and is still `proposed` (145 days overdue)" in (
        late.stdout
    )
    early = cli("lint", "-f", "parsable", path, env={"JOURNEYKIT_TODAY": "2026-06-01"})
    assert "action-overdue" not in early.stdout
    # the flag wins over the environment
    flag = cli(
        "lint",
        "--today",
        "2026-07-01",
        "-f",
        "parsable",
        path,
        env={"JOURNEYKIT_TODAY": "2026-06-01"},
    )
    assert "(1 day overdue)" in flag.stdout
    bad = cli("lint", path, env={"JOURNEYKIT_TODAY": "soon"})
    assert bad.exit_code == 2 and "JOURNEYKIT_TODAY must be a date" in bad.stderr


# --- configuration ------------------------------------------------------------------------------


def test_config_is_found_upward_from_the_working_directory(
    cli: RunCli, write_map: WriteMap, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "journeykit.yaml").write_text("rules:\n  persona-without-evidence: error\n")
    path = write_map(WARN, "journeys/deep/m.journey.yaml")
    monkeypatch.chdir(path.parent)
    result = cli("lint", *TODAY, "-f", "parsable", "m.journey.yaml")
    assert result.exit_code == 1
    assert "m.journey.yaml:6:9: error [persona-without-evidence]" in result.stdout


def test_dot_config_and_options(cli: RunCli, write_map: WriteMap, tmp_path: Path) -> None:
    (tmp_path / ".journeykit.yaml").write_text(
        "rules:\n  map-stale: {level: warning, max_age_days: 7}\n"
    )
    result = cli("lint", *TODAY, "-f", "parsable", str(write_map(CLEAN)))
    assert "warning [map-stale] map `mini` was last updated on 2026-11-01 (21 days ago; the " in (
        result.stdout
    )


def test_explicit_config_wins_over_discovery(
    cli: RunCli, write_map: WriteMap, tmp_path: Path
) -> None:
    (tmp_path / "journeykit.yaml").write_text("rules:\n  persona-without-evidence: error\n")
    (tmp_path / "quiet.yaml").write_text("rules:\n  persona-without-evidence: off\n")
    path = str(write_map(WARN))
    assert cli("lint", *TODAY, "--fail-level", "info", path).exit_code == 1
    quiet = cli("lint", *TODAY, "--config", "quiet.yaml", "--fail-level", "info", path)
    assert quiet.exit_code == 0, quiet.stdout


@pytest.mark.parametrize(
    ("config", "where", "message"),
    [
        (
            "rules:\n  persona-without-evidense: off\n",
            "2:3",
            "unknown rule `persona-without-evidense`; did you mean `persona-without-evidence`?",
        ),
        (
            "rules:\n  map-stale: {max_age_days: soon}\n",
            "2:29",
            "option `max_age_days` of rule `map-stale` must be a whole number of 0 or more, "
            "not `soon`",
        ),
        (
            "rules:\n  map-stale: {max_age_days: -3}\n",
            "2:29",
            "must be a whole number of 0 or more",
        ),
        (  # NaN passes every bound check by failing it: it would report readings on target
            "rules:\n  measurement-off-target: {tolerance: .nan}\n",
            "2:39",
            "option `tolerance` of rule `measurement-off-target` must be a number of 0 or more, "
            "not `nan`",
        ),
        (
            "rules:\n  map-stale: {max_age_days: .inf}\n",
            "2:29",
            "must be a whole number of 0 or more, not `inf`",
        ),
        (  # an integer too large for a float
            "rules:\n  measurement-off-target: {tolerance: 1" + "0" * 400 + "}\n",
            "2:39",
            "must be a number of 0 or more",
        ),
        (
            "rules:\n  emotional-cliff: {drop: 9}\n",
            "2:27",
            "must be a whole number from 1 to 4, not `9`",
        ),
        (
            "rules:\n  map-stale: {max_age: 30}\n",
            "2:15",
            "rule `map-stale` has no option `max_age`; did you mean `max_age_days`?",
        ),
        (
            "rules:\n  map-stale: {level: loud}\n",
            "2:22",
            "`level` of rule `map-stale` must be error, warning, info or off",
        ),
        (
            "rules:\n  broken-reference: off\n",
            "2:3",
            "`broken-reference` is a validation check, not a lint rule",
        ),
        ("rules:\n  map-stale: loud\n", "2:14", "is not a rule setting"),
        (
            "overrides:\n  - files: [drafts/]\n    rules: {no-such-rule: off}\n",
            "3:13",
            "unknown rule `no-such-rule`",
        ),
        ("rulez: {}\n", "1:1", "unknown setting `rulez`"),
    ],
)
def test_bad_config_exits_2_at_its_own_location(
    cli: RunCli, write_map: WriteMap, tmp_path: Path, config: str, where: str, message: str
) -> None:
    (tmp_path / "journeykit.yaml").write_text(config)
    result = cli("lint", str(write_map(CLEAN)))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"journeykit.yaml:{where}: error [config] " in result.stderr
    assert message in result.stderr


def test_overrides_apply_by_path_in_order(cli: RunCli, write_map: WriteMap, tmp_path: Path) -> None:
    (tmp_path / "journeykit.yaml").write_text(
        "rules:\n"
        "  persona-without-evidence: error\n"
        "overrides:\n"
        "  - files: [drafts/]\n"
        "    rules: {persona-without-evidence: info, map-stale: off}\n"
        "  - files: ['drafts/keep-*']\n"
        "    rules: {persona-without-evidence: {level: warning}}\n"
    )
    write_map(WARN, "final.journey.yaml")
    write_map(WARN, "drafts/idea.journey.yaml")
    write_map(WARN, "drafts/keep-me.journey.yaml")
    result = cli("lint", *TODAY, "-f", "parsable", ".")
    lines = sorted(line.split(" [")[0] for line in result.stdout.splitlines())
    assert lines == [
        "drafts/idea.journey.yaml:6:9: info",
        "drafts/keep-me.journey.yaml:6:9: warning",
        "final.journey.yaml:6:9: error",
    ]


def test_ignore_globs_skip_maps_and_findings_in_ignored_files(
    cli: RunCli, write_map: WriteMap, tmp_path: Path
) -> None:
    (tmp_path / "journeykit.yaml").write_text("ignore: [vendor/, old-*]\n")
    write_map(WARN, "old-map.journey.yaml")
    write_map(WARN, "vendor/theirs.journey.yaml")
    write_map(INCLUDING.replace("LIB", "vendor/lib.yaml"), "ours.journey.yaml")
    (tmp_path / "vendor" / "lib.yaml").write_text("personas:\n  - {id: guest, name: Guest}\n")
    result = cli("lint", *TODAY, "-f", "parsable", "--fail-level", "info", ".")
    # the vendor persona has no evidence and no review, but lives in an ignored file
    assert result.stdout == "" and result.exit_code == 0, result.stdout


# --- inline suppression -------------------------------------------------------------------------


def _with_ann_line(suffix: str) -> str:
    return WARN.replace("  - id: ann\n", f"  - id: ann{suffix}\n")


@pytest.mark.parametrize(
    "text",
    [
        _with_ann_line("  # journeykit: disable-line persona-without-evidence"),
        _with_ann_line(
            "  # journeykit: disable-line persona-stale, persona-without-evidence -- proto"
        ),
        _with_ann_line("  # journeykit: disable-line"),
        WARN.replace(
            "  - id: ann\n",
            "  # journeykit: disable-line persona-without-evidence\n\n  - id: ann\n",
        ),
        WARN.replace(
            "personas:\n", "personas:  # journeykit: disable persona-without-evidence\n"
        ).replace("stages:\n", "# journeykit: enable persona-without-evidence\nstages:\n"),
        "# journeykit: disable-file\n" + WARN,
        "# journeykit: disable-file persona-without-evidence -- proto-personas\n" + WARN,
    ],
    ids=["line", "line-two-rules", "line-all", "own-line", "range", "file", "file-rule"],
)
def test_inline_suppression(cli: RunCli, write_map: WriteMap, text: str) -> None:
    result = cli("lint", *TODAY, "--fail-level", "info", "-f", "parsable", str(write_map(text)))
    assert (result.exit_code, result.stdout) == (0, "")


@pytest.mark.parametrize(
    "text",
    [
        _with_ann_line("  # journeykit: disable-line persona-stale"),  # another rule
        WARN.replace(
            "personas:\n", "personas:  # journeykit: disable persona-without-evidence\n"
        ).replace(
            "  - id: ann\n", "  # journeykit: enable persona-without-evidence\n  - id: ann\n"
        ),  # enabled again before the line
        "# journeykit: disable-file map-stale\n" + WARN,
    ],
    ids=["other-rule", "enabled-again", "file-other-rule"],
)
def test_suppression_is_precise(cli: RunCli, write_map: WriteMap, text: str) -> None:
    result = cli("lint", *TODAY, "--fail-level", "warning", "-f", "parsable", str(write_map(text)))
    assert result.exit_code == 1
    assert codes(result.stdout) == ["persona-without-evidence"]


def test_disable_all_then_enable_one(cli: RunCli, write_map: WriteMap) -> None:
    text = "# journeykit: disable\n# journeykit: enable persona-without-evidence\n" + WARN.replace(
        "    channel: web\n", "    channel: web\n    moment_of_truth: true\n"
    )
    result = cli("lint", *TODAY, "-f", "parsable", str(write_map(text)))
    assert codes(result.stdout) == ["persona-without-evidence"]  # moment-of-truth stays silent


def test_bad_directives_are_reported(cli: RunCli, write_map: WriteMap) -> None:
    text = (
        "# journeykit: disable-line persona-without-evidense\n"
        "# journeykit: disable-line broken-reference\n"
        "# journeykit: silence map-stale\n" + WARN
    )
    result = cli("lint", *TODAY, "-f", "parsable", str(write_map(text)))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].endswith(
        "m.journey.yaml:1:28: error [bad-directive] unknown rule `persona-without-evidense` in a "
        "`# journeykit:` directive; did you mean `persona-without-evidence`?"
    )
    assert (
        "m.journey.yaml:2:28: error [bad-directive] `broken-reference` is a validation error"
        in (lines[1])
    )
    assert "m.journey.yaml:3:15: error [bad-directive] unknown directive `silence`" in lines[2]
    # a directive whose only rule is wrong suppresses nothing (not everything)
    assert "[persona-without-evidence]" in result.stdout


def test_suppression_works_on_stdin(cli: RunCli) -> None:
    text = _with_ann_line("  # journeykit: disable-line persona-without-evidence")
    result = cli("lint", *TODAY, "-", input=text)
    assert result.exit_code == 0 and "no problems" in result.stdout


def test_findings_in_an_included_file_are_suppressed_there(
    cli: RunCli, write_map: WriteMap, tmp_path: Path
) -> None:
    library = (
        "personas:\n"
        "  - id: guest  # journeykit: disable-line persona-without-evidence\n"
        "    name: Guest\n"
        "    reviewed: 2026-10-01\n"
    )
    (tmp_path / "lib.yaml").write_text(library)
    including = INCLUDING.replace("LIB", "lib.yaml")
    write_map(including, "a.journey.yaml")
    write_map(including.replace("id: mini", "id: mini-b"), "b.journey.yaml")
    result = cli("lint", *TODAY, "-f", "parsable", ".")
    assert result.stdout == ""
    (tmp_path / "lib.yaml").write_text(
        library.replace("  # journeykit: disable-line persona-without-evidence", "")
    )
    # a directive in the map does not reach into the library; the shared finding is reported once
    result = cli("lint", *TODAY, "-f", "parsable", ".")
    assert result.stdout.splitlines() == [
        "lib.yaml:2:9: warning [persona-without-evidence] persona `guest` rests on no research "
        "evidence, so it may be a guess; add an `evidence` item (interview, survey, analytics, …)"
    ]


@pytest.mark.parametrize("order", ["draft-first", "final-first"])
def test_a_shared_finding_keeps_the_most_serious_level_of_its_maps(
    cli: RunCli, write_map: WriteMap, tmp_path: Path, order: str
) -> None:
    """Reported once, but not at whichever map came first: a draft's `info` must not hide the
    final map's `error` for the same persona of a shared library."""
    (tmp_path / "journeykit.yaml").write_text(
        "rules:\n  persona-without-evidence: error\n"
        "overrides:\n  - files: [drafts/]\n    rules: {persona-without-evidence: info}\n"
    )
    (tmp_path / "lib.yaml").write_text(
        "personas:\n  - {id: guest, name: Guest, reviewed: 2026-10-01}\n"
    )
    draft = write_map(INCLUDING.replace("LIB", "../lib.yaml"), "drafts/a.journey.yaml")
    final = write_map(
        INCLUDING.replace("LIB", "lib.yaml").replace("id: mini", "id: final"), "z.journey.yaml"
    )
    paths = [str(draft), str(final)] if order == "draft-first" else [str(final), str(draft)]
    result = cli("lint", *TODAY, "-f", "parsable", *paths)
    assert result.exit_code == 1
    assert [line.split(" [")[0].rsplit(" ", 1)[1] for line in result.stdout.splitlines()] == [
        "error"
    ]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a: 1\r\nb: 2  # journeykit: disable-line map-stale\r\n", 2),  # CRLF
        ("a: 1\nb: 2  #journeykit:disable-line map-stale", 2),  # no blanks, no final newline
        (
            "a: 1\n\t# journeykit: disable-line map-stale\n\n# note\nb: 2\n",
            5,
        ),  # own line: next YAML
    ],
)
def test_directive_parser_positions(text: str, line: int) -> None:
    from journeykit.suppress import parse

    found = parse(text, "f.yaml", {"map-stale"})
    assert found.lines == {line: {"map-stale"}} and not found.problems


def test_directive_needs_a_comment_start() -> None:
    from journeykit.suppress import parse

    text = "a: http://example.com/#journeykit:disable-file\nb: 'x # journeykit: nonsense'\n"
    found = parse(text, "f.yaml", {"map-stale"})
    assert not found.file_rules
    # a `#` after a blank inside a quoted string is text, not a comment: nothing to report
    assert found.problems == []


def test_directive_words_inside_a_value_are_text(cli: RunCli, write_map: WriteMap) -> None:
    """A description that explains suppression neither silences the map nor is a bad directive."""
    text = (
        WARN.replace(
            "title: Minimal map\n",
            "title: Minimal map\n"
            "description: |\n"
            "  # journeykit: disable-file\n"
            "  Silence a finding with a comment.\n"
            'owner: "Team # journeykit: silence"\n',
        )
        + "# journeykit: disable-line no-such-rule -- a real comment after the strings\n"
    )
    result = cli("lint", *TODAY, "-f", "parsable", str(write_map(text)))
    assert codes(result.stdout) == ["persona-without-evidence", "bad-directive"]


def test_directives_still_count_in_a_file_yaml_cannot_scan() -> None:
    from journeykit.suppress import parse

    text = "a: 1  # journeykit: disable-line map-stale\nb: [unclosed\n# journeykit: disable-file\n"
    found = parse(text, "f.yaml", {"map-stale"})
    assert found.lines == {1: {"map-stale"}} and found.file_rules == {"*"}


def test_a_crashing_rule_is_reported_not_a_traceback(
    cli: RunCli, write_map: WriteMap, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journeykit.rules import map_stale

    def broken(ctx: object) -> None:
        raise KeyError("oops")

    monkeypatch.setattr(map_stale, "check", broken)
    result = cli("lint", *TODAY, "-f", "parsable", str(write_map(WARN)))
    assert result.exit_code == 1
    assert codes(result.stdout) == ["rule-crashed", "persona-without-evidence"]
    assert "rule `map-stale` failed on this map (KeyError: 'oops')" in result.stdout


# --- formats ------------------------------------------------------------------------------------


def test_every_format_renders(cli: RunCli, write_map: WriteMap) -> None:
    path = str(write_map(WARN))
    outputs = {
        fmt: cli("lint", *TODAY, "-f", fmt, path)
        for fmt in ("stylish", "parsable", "json", "github", "sarif")
    }
    assert "6:9  warning  persona `ann` rests on no research evidence" in outputs["stylish"].stdout
    assert json.loads(outputs["json"].stdout)  # the json reporter's own shape is tested elsewhere
    assert outputs["github"].stdout.startswith("::warning file=")
    assert ",title=persona-without-evidence::persona `ann`" in outputs["github"].stdout
    assert all(run.exit_code == 0 for run in outputs.values())


def test_github_step_summary(cli: RunCli, write_map: WriteMap, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    result = cli("lint", *TODAY, str(write_map(WARN)), env=env)
    assert result.stdout.startswith("::warning file=")  # github is the default under Actions
    text = summary.read_text()
    assert text.startswith("### journey lint: 0 errors, 1 warnings, 0 infos in 1 file\n")
    assert "| warning | `persona-without-evidence` |" in text


def test_sarif_is_valid_and_carries_every_rule(cli: RunCli, write_map: WriteMap) -> None:
    from journeykit.rules import RULES

    schema = json.loads(shared_file("schemas/sarif-schema-2.1.0.json").read_text())
    text = WARN.replace("    channel: web\n", "    channel: web\n    moment_of_truth: true\n")
    result = cli("lint", *TODAY, "-f", "sarif", str(write_map(text)))
    log = json.loads(result.stdout)
    jsonschema.validate(log, schema)
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["version"] == __version__
    rules = {rule["id"]: rule for rule in driver["rules"]}
    assert set(RULES) <= set(rules) and "bad-directive" in rules and "broken-reference" in rules
    cliff = rules["emotional-cliff"]
    assert cliff["defaultConfiguration"] == {"level": "note"}
    assert cliff["shortDescription"]["text"] == RULES["emotional-cliff"].SUMMARY
    assert "Failing example" in cliff["fullDescription"]["text"]
    assert "`drop` (default 3" in cliff["help"]["text"]
    results = {r["ruleId"]: r for r in log["runs"][0]["results"]}
    assert set(results) == {"persona-without-evidence", "moment-of-truth-unmeasured"}
    found = results["moment-of-truth-unmeasured"]
    assert found["level"] == "note"
    assert driver["rules"][found["ruleIndex"]]["id"] == "moment-of-truth-unmeasured"
    region = found["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 26, "startColumn": 22}


# --- the examples -------------------------------------------------------------------------------


def test_examples_are_lint_clean(cli: RunCli) -> None:
    result = cli("lint", *TODAY, "--fail-level", "info", "-f", "parsable", str(EXAMPLES))
    assert (result.exit_code, result.stdout) == (0, "")


def test_examples_show_a_deliberate_commented_suppression() -> None:
    texts = [p.read_text(encoding="utf-8") for p in EXAMPLES.glob("*.yaml")]
    assert any(re.search(r"# journeykit: disable(-line)? [a-z-]+ -- \S", t) for t in texts)


# --- journey rules ------------------------------------------------------------------------------


def test_rules_lists_every_rule(cli: RunCli) -> None:
    from journeykit.rules import RULES

    result = cli("rules")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == len(RULES)
    assert re.match(
        r"persona-without-evidence +warning +A persona with no evidence item",
        next(line for line in lines if line.startswith("persona-without-evidence")),
    )


def test_rules_documents_one_rule(cli: RunCli) -> None:
    result = cli("rules", "measurement-off-target")
    assert result.exit_code == 0
    assert result.stdout.startswith("measurement-off-target  (default level: warning)\n")
    assert "tolerance: 0.1 (how far a reading" in result.stdout
    assert "Failing example" in result.stdout and "Passing example" in result.stdout


def test_rules_unknown_rule_exits_2(cli: RunCli) -> None:
    result = cli("rules", "emotional-clif")
    assert result.exit_code == 2
    assert "did you mean `emotional-cliff`?" in result.stderr


def test_rules_json(cli: RunCli) -> None:
    data = json.loads(cli("rules", "--format", "json").stdout)
    stale = next(rule for rule in data if rule["id"] == "persona-stale")
    assert stale["level"] == "warning" and stale["options"]["max_age_days"]["default"] == 365


def test_docs_rules_section_is_in_sync(cli: RunCli, golden: Golden) -> None:
    docs = ROOT / "docs" / "lint.md"
    text = docs.read_text(encoding="utf-8")
    begin, end = (
        "<!-- rules:begin (generated by `journey rules --format markdown`) -->\n",
        "<!-- rules:end -->",
    )
    generated = cli("rules", "--format", "markdown").stdout
    if golden.update:  # the generated section only; the rest of the page is prose
        head, rest = text.split(begin)
        docs.write_text(head + begin + generated + end + rest.split(end, 1)[1], encoding="utf-8")
        text = docs.read_text(encoding="utf-8")
    assert begin + generated + end in text, (
        "run pytest with --update-golden to refresh docs/lint.md"
    )


# --- golden: the messages of a weak map, as a reviewer reads them --------------------------------


def test_weak_map_golden(cli: RunCli, monkeypatch: pytest.MonkeyPatch, golden: Golden) -> None:
    monkeypatch.chdir(GOLDEN)
    result = cli("lint", *TODAY, "weak.journey.yaml")
    assert result.exit_code == 1
    golden.check(GOLDEN / "weak.stylish.txt", result.stdout)
    # the map is meant to show every rule's message: each rule finds something there, except
    # those that read an event log (`--events`; tests/measure/test_lint_events.py shows theirs)
    from journeykit.rules import RULES

    on_map = set(RULES) - {"touchpoint-never-reached", "unplanned-move"}
    found = set(re.findall(r"  ([a-z-]+)$", result.stdout, re.M))
    assert found == on_map, on_map - found
