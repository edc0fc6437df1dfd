"""`journey score` end to end: formats (golden files), --persona, minimums, streams, exit codes.

Golden cases live in tests/golden/score/: each ``<case>.journey.yaml`` declares its arguments and
exit code in its first lines (``# args: ...``, ``# exit: N``); its expected stdout is
``<case>.stylish.txt``, ``<case>.json`` and ``<case>.md``. Rewrite them on purpose with
``pytest --update-golden``.
"""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest

from journeykit import __version__

from .conftest import EXAMPLES, MINIMAL, Golden, RunCli
from .test_score import MAP_A

GOLDEN = Path(__file__).resolve().parent / "golden" / "score"
FORMATS = {"stylish": "stylish.txt", "json": "json", "markdown": "md"}
CASES = sorted(p.name.removesuffix(".journey.yaml") for p in GOLDEN.glob("*.journey.yaml"))
TODAY = ("--today", "2026-11-22")


def declared(case: str) -> tuple[list[str], int]:
    text = (GOLDEN / f"{case}.journey.yaml").read_text(encoding="utf-8")
    args = re.search(r"^# args: (.*)$", text, re.M)
    code = re.search(r"^# exit: (\d)$", text, re.M)
    assert args and code, f"{case}: declare `# args:` and `# exit:` at the top"
    given = args.group(1).strip()
    return ([] if given == "(none)" else shlex.split(given)), int(code.group(1))


def test_there_are_golden_cases() -> None:
    assert {"corner-shop", "hostile"} <= set(CASES)


def test_the_cli_offers_every_registered_format() -> None:
    # the CLI keeps its own tuple so that `journey --help` does not import the scorecard (pydantic)
    from journeykit.cli.score import FORMATS as OFFERED
    from journeykit.reporters.scorecard import SCORE_FORMATS

    assert OFFERED == tuple(SCORE_FORMATS) == tuple(FORMATS)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", CASES)
def test_formats_match_golden(
    case: str, fmt: str, cli: RunCli, monkeypatch: pytest.MonkeyPatch, golden: Golden
) -> None:
    monkeypatch.chdir(GOLDEN)
    args, code = declared(case)
    result = cli("score", *TODAY, "--format", fmt, *args, f"{case}.journey.yaml")
    assert result.exit_code == code, result.stderr
    actual = result.stdout.replace(__version__, "<version>")
    golden.check(GOLDEN / f"{case}.{FORMATS[fmt]}", actual)


# --------------------------------------------------------------------------- output safety


def test_stylish_keeps_user_text_as_text(cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(GOLDEN)
    out = cli("score", *TODAY, "hostile.journey.yaml").stdout
    assert "[bold red]markup[/]" in out and ":smile:" in out  # not rendered as markup or emoji
    assert "\x1b" not in out  # the escape sequence in a name does not reach the terminal


def test_markdown_escapes_user_text(cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(GOLDEN)
    out = cli("score", *TODAY, "-f", "markdown", "hostile.journey.yaml").stdout
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert r"Ann \| &lt;script" in out  # a pipe cannot open a new table cell
    assert r"\[link\](http://x.test)" in out and r"\`ticks\`" in out
    for line in out.splitlines():
        if line.startswith("|"):
            # every row of a table has as many unescaped pipes as its header
            assert len(re.findall(r"(?<!\\)\|", line)) in (7, 6, 5)


def test_json_escapes_bidi_overrides_and_keeps_the_text(cli: RunCli, write_map) -> None:
    path = write_map(MAP_A.replace("title: Corner shop", 'title: "Corner \\u202Eevil\\u202C shop"'))
    out = cli("score", *TODAY, "-f", "json", str(path)).stdout
    assert "\u202e" not in out and "Corner \\u202eevil\\u202c shop" in out
    assert json.loads(out)["maps"][0]["scorecard"]["title"] == "Corner \u202eevil\u202c shop"


def test_markdown_mentions_nobody(cli: RunCli, write_map) -> None:
    path = write_map(MAP_A.replace("title: Corner shop", "title: Ask @octocat or @org/team"))
    out = cli("score", *TODAY, "-f", "markdown", str(path)).stdout
    assert "## Ask @&#8203;octocat or @&#8203;org/team" in out
    assert "@o" not in out


def test_color_always_paints_and_never_does_not(cli: RunCli, write_map) -> None:
    path = str(write_map())
    assert "\x1b[" in cli("score", *TODAY, "--color", "always", path).stdout
    assert "\x1b[" not in cli("score", *TODAY, "--color", "never", path).stdout


# --------------------------------------------------------------------------- json


def test_json_is_stable_and_carries_the_scorecard(cli: RunCli, write_map) -> None:
    path = str(write_map(MAP_A))
    first = cli("score", *TODAY, "-f", "json", path)
    assert first.exit_code == 0
    assert first.stdout == cli("score", *TODAY, "-f", "json", path).stdout
    doc = json.loads(first.stdout)
    assert (doc["format"], doc["format_version"], doc["passed"]) == ("journeykit-score", 1, True)
    assert doc["tool"] == {"name": "journey", "version": __version__}
    entry = doc["maps"][0]
    assert (entry["path"], entry["valid"], entry["passed"]) == (path, True, True)
    assert entry["scorecard"]["overall"] == 50.9792
    assert [p["id"] for p in entry["scorecard"]["parts"]] == [
        "completeness", "evidence", "experience", "kpi",
    ]  # fmt: skip


def test_a_gap_too_large_for_a_float_keeps_the_json_valid(cli: RunCli, write_map) -> None:
    text = MINIMAL.replace(
        "    owner: Shop\n",
        "    owner: Shop\n    measurements: [{metric: m, actual: 1e308, target: 1e-308}]\n",
    ).replace(
        "personas:",
        "metrics: [{id: m, name: M, kind: custom, direction: lower-is-better}]\npersonas:",
        1,
    )
    out = cli("score", *TODAY, "-f", "json", str(write_map(text))).stdout
    doc = json.loads(out, parse_constant=lambda name: pytest.fail(f"{name} is not JSON"))
    card = doc["maps"][0]["scorecard"]
    assert card["kpis"][0]["gap"] == "inf"  # as journey diff writes non-finite numbers
    assert card["parts"][3]["score"] == 0  # the gap counts at most 1


def test_no_measurements_is_null_in_json(cli: RunCli, write_map) -> None:
    doc = json.loads(cli("score", *TODAY, "-f", "json", str(write_map())).stdout)
    kpi = doc["maps"][0]["scorecard"]["parts"][3]
    assert kpi["score"] is None and kpi["note"] == "no measurements with both actual and target"


# --------------------------------------------------------------------------- --persona


def test_persona_scores_one_view(cli: RunCli, write_map) -> None:
    path = str(write_map(MAP_A))
    doc = json.loads(cli("score", *TODAY, "-f", "json", "--persona", "bob", path).stdout)
    card = doc["maps"][0]["scorecard"]
    assert doc["persona"] == "bob" and card["persona"] == "bob"
    assert [p["persona"] for p in card["by_persona"]] == ["bob"]
    cells = card["parts"][0]["criteria"][0]
    assert (cells["numerator"], cells["denominator"]) == (1, 2)  # ad scored, pay empty


def test_unknown_persona_is_exit_2_with_did_you_mean(cli: RunCli, write_map) -> None:
    result = cli("score", *TODAY, "--persona", "anne", str(write_map(MAP_A)))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "journey: error: no persona `anne` in any map; did you mean `ann`? (personas: ann, bob)\n"
    )


def test_persona_missing_from_some_maps_skips_them(cli: RunCli, write_map) -> None:
    a = str(write_map(MAP_A, "a.journey.yaml"))
    mini = str(write_map(MINIMAL, "mini.journey.yaml"))
    result = cli("score", *TODAY, "-f", "json", "--persona", "bob", a, mini)
    assert result.exit_code == 0
    skipped = json.loads(result.stdout)["maps"][1]
    assert skipped == {"path": mini, "valid": True, "skipped": "no persona `bob` in this map"}
    stylish = cli("score", *TODAY, "--persona", "bob", a, mini).stdout
    assert "not scored: no persona `bob` in this map" in stylish


# --------------------------------------------------------------------------- minimums


def test_min_score_gates_the_overall(cli: RunCli, write_map) -> None:
    path = str(write_map(MAP_A))  # overall 50.98, shown 51.0
    assert cli("score", *TODAY, "--min-score", "51", path).exit_code == 0
    result = cli("score", *TODAY, "--min-score", "51.1", path)
    assert result.exit_code == 1
    assert result.stderr == (
        f"journey: under minimum: {path}: overall 51.0 is under the minimum 51.1 (--min-score)\n"
    )
    assert result.stdout.rstrip().endswith("✖ 1 of 1 map scored, 1 under a minimum")


def test_config_minimums_name_the_part_and_the_map(
    cli: RunCli, write_map, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_map(MAP_A, "shop.journey.yaml")
    write_map(MINIMAL, "mini.journey.yaml")
    (tmp_path / "journeykit.yaml").write_text("score:\n  min: {evidence: 40, kpi: 60}\n")
    monkeypatch.chdir(tmp_path)
    result = cli("score", *TODAY, ".")
    assert result.exit_code == 1
    # mini: evidence 66.7 meets 40, KPI does not apply; shop: evidence 37.5, KPI 68.75 meets 60
    assert result.stderr.splitlines() == [
        "journey: note: mini.journey.yaml: kpi attainment does not apply (nothing to score), "
        "so its minimum 60 (score.min.kpi in journeykit.yaml) was not checked",
        "journey: under minimum: shop.journey.yaml: evidence 37.5 is under the minimum 40 "
        "(score.min.evidence in journeykit.yaml)",
    ]
    # the flag overrides the file's overall minimum; the file's part minimums still hold
    (tmp_path / "journeykit.yaml").write_text("score:\n  min: {overall: 99, kpi: 60}\n")
    assert cli("score", *TODAY, "--min-score", "10", ".").exit_code == 0


def test_weights_from_config_change_the_overall(
    cli: RunCli, write_map, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_map(MAP_A, "shop.journey.yaml")
    (tmp_path / "journeykit.yaml").write_text(
        "score:\n  weights: {experience: 0, kpi: 3}\n  max_age_days: 173\n"
    )
    monkeypatch.chdir(tmp_path)
    doc = json.loads(cli("score", *TODAY, "-f", "json", ".").stdout)
    # Ann reviewed 174 days ago is now stale: evidence (50 + 0 + 25 + 25) / 4 = 25
    # overall = (64.333 × 1 + 25 × 1 + 68.75 × 3) / 5
    assert doc["maps"][0]["scorecard"]["overall"] == round((193 / 3 + 25 + 3 * 68.75) / 5, 4)
    assert doc["settings"]["weights"]["kpi"] == 3


def test_bad_config_is_exit_2_at_its_location(
    cli: RunCli, write_map, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_map()
    (tmp_path / "journeykit.yaml").write_text("score:\n  min:\n    overall: 120\n")
    monkeypatch.chdir(tmp_path)
    result = cli("score", ".")
    assert result.exit_code == 2
    assert result.stderr == (
        "journeykit.yaml:3:14: error [config] minimum for `overall` must be a number 0–100\n"
    )


# --------------------------------------------------------------------------- invalid input


def test_invalid_map_report_goes_to_stderr_and_exits_1(cli: RunCli, write_map) -> None:
    good = str(write_map(MAP_A, "good.journey.yaml"))
    bad = str(write_map(MINIMAL.replace("stage: buy", "stage: by"), "bad.journey.yaml"))
    result = cli("score", *TODAY, "-f", "json", good, bad)
    assert result.exit_code == 1
    doc = json.loads(result.stdout)  # stdout stays pure JSON
    assert doc["passed"] is False
    assert doc["maps"][0]["passed"] is True
    assert doc["maps"][1]["valid"] is False
    assert doc["maps"][1]["problems"][0]["code"] == "broken-reference"
    assert "broken-reference" in result.stderr and "did you mean `buy`?" in result.stderr
    stylish = cli("score", *TODAY, good, bad)
    assert "not scored: invalid map: 1 problem(s), shown on stderr" in stylish.stdout
    assert "✖ 1 of 2 maps scored, 1 invalid" in stylish.stdout


def test_stdin(cli: RunCli) -> None:
    result = cli("score", *TODAY, "-f", "json", "-", input=MINIMAL)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["maps"][0]["path"] == "<stdin>"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.journey.yaml"], "no such file or folder"),
        (["--format", "xml", "x"], "unknown format 'xml'"),
        (["--today", "22/11/2026", "x"], "--today must be a date YYYY-MM-DD"),
        (["--min-score", "150", "x"], "less than or equal to 100"),
        (["--config", "nope.yaml", "x"], "config file not found"),
    ],
)
def test_exit_2_when_the_command_cannot_run(cli: RunCli, args: list[str], message: str) -> None:
    result = cli("score", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_a_single_input_that_is_not_a_map_is_exit_2(cli: RunCli, write_map) -> None:
    result = cli("score", str(write_map("- just\n- a list\n")))
    assert result.exit_code == 2
    assert "not-a-map" in result.stderr and result.stdout == ""


def test_github_step_summary_gets_the_markdown(cli: RunCli, write_map, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    result = cli(
        "score", *TODAY, str(write_map()),
        env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)},
    )  # fmt: skip
    assert result.exit_code == 0
    assert summary.read_text().startswith("# journey score\n\n## Minimal map\n")


def test_every_example_scores(cli: RunCli) -> None:
    if not list(EXAMPLES.glob("*.journey.yaml")):
        pytest.skip("no examples yet")
    result = cli("score", *TODAY, "-f", "json", str(EXAMPLES))
    assert result.exit_code == 0, result.stderr
    assert all(m["passed"] for m in json.loads(result.stdout)["maps"])


def test_color_flag_applies_to_the_report_of_a_lone_non_map(cli: RunCli, tmp_path: Path) -> None:
    empty = tmp_path / "empty.journey.yaml"
    empty.write_text("")
    coloured = cli("score", "--color", "always", str(empty))
    plain = cli("score", "--color", "never", str(empty))
    assert coloured.exit_code == plain.exit_code == 2
    assert "\x1b[" in coloured.stderr and "\x1b[" not in plain.stderr
    assert "not-a-map" in plain.stderr
