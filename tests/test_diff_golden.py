"""Golden tests of `journey diff`: hand-made before/after pairs and their expected outputs.

Each folder under golden/diff/ holds `old.journey.yaml`, `new.journey.yaml` (and any file they
include) beside `expected.txt`, `expected.md` and `expected.json`. Adding a case means adding a
folder. `pytest --update-golden tests/test_diff_golden.py` rewrites the expected files
on purpose; review their diff before committing.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .conftest import Golden, RunCli

GOLDEN = Path(__file__).resolve().parent / "golden" / "diff"
CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "old.journey.yaml").is_file())
FORMATS = {"text": "expected.txt", "markdown": "expected.md", "json": "expected.json"}


def run_case(cli: RunCli, case: str, fmt: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(GOLDEN / case)
    result = cli("diff", "old.journey.yaml", "new.journey.yaml", "--format", fmt,
                 "--today", "2026-11-22")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("case", CASES)
def test_golden_output(
    cli: RunCli, case: str, fmt: str, monkeypatch: pytest.MonkeyPatch, golden: Golden
) -> None:
    got = run_case(cli, case, fmt, monkeypatch)
    expected = GOLDEN / case / FORMATS[fmt]
    golden.check(expected, got)


def changes_of(case: str) -> list[dict[str, object]]:
    data = json.loads((GOLDEN / case / "expected.json").read_text(encoding="utf-8"))
    assert data["version"] == 1
    return [c for m in data["maps"] for c in m["changes"]]


# What the golden cases must cover between them: (dotted path pattern, kind, class).
# `*` stands for one id. Every kind of change the issue lists appears here.
MUST_COVER = [
    ("title", "changed", "change"),
    ("updated", "changed", "change"),
    ("tags", "changed", "change"),
    ("objectives.*", "added", "change"),
    ("objectives.*", "removed", "removal"),
    ("objectives.*.target", "changed", "change"),
    ("metrics.*", "added", "change"),
    ("metrics.*", "removed", "removal"),
    ("metrics.*.unit", "changed", "change"),
    ("personas.*", "added", "change"),
    ("personas.*", "removed", "removal"),
    ("personas.*.name", "changed", "change"),
    ("personas.*.demographics.*", "changed", "change"),
    ("stages", "reordered", "change"),
    ("stages.*", "added", "change"),
    ("stages.*", "removed", "removal"),
    ("stages.*.touchpoints", "reordered", "change"),
    ("touchpoints.*", "added", "change"),
    ("touchpoints.*", "removed", "removal"),
    ("touchpoints.*", "removed", "regression"),  # a moment of truth removed
    ("touchpoints.*.stage", "moved", "change"),
    ("touchpoints.*.next.*", "added", "change"),
    ("touchpoints.*.next.*", "removed", "change"),
    ("touchpoints.*.owner", "changed", "change"),
    ("touchpoints.*.thoughts", "changed", "change"),
    ("touchpoints.*.moment_of_truth", "changed", "regression"),
    ("touchpoints.*.moment_of_truth", "changed", "change"),
    ("touchpoints.*.experiences.*", "added", "change"),
    ("touchpoints.*.experiences.*", "removed", "removal"),
    ("touchpoints.*.experiences.*.score", "changed", "regression"),
    ("touchpoints.*.experiences.*.score", "changed", "improvement"),
    ("touchpoints.*.experiences.*.emotion", "changed", "change"),
    ("touchpoints.*.measurements.*", "added", "change"),
    ("touchpoints.*.measurements.*", "removed", "removal"),
    ("touchpoints.*.measurements.*.actual", "changed", "improvement"),
    ("touchpoints.*.measurements.*.actual", "changed", "regression"),
    ("touchpoints.*.measurements.*.as_of", "changed", "change"),
    ("touchpoints.*.measurements.*.history.*.actual", "changed", "change"),
    ("pain_points.*", "added", "regression"),  # a new high or critical pain
    ("pain_points.*", "added", "change"),
    ("pain_points.*", "removed", "improvement"),  # resolved
    ("pain_points.*.severity", "changed", "regression"),
    ("pain_points.*.severity", "changed", "change"),
    ("pain_points.*.severity", "changed", "improvement"),
    ("pain_points.*.touchpoint", "moved", "change"),
    ("pain_points.*.status", "changed", "improvement"),  # resolved, kept in the map
    ("pain_points.*.resolved", "changed", "change"),
    ("opportunities.*", "added", "change"),
    ("opportunities.*", "removed", "removal"),
    ("opportunities.*.addresses", "changed", "change"),
    ("actions.*", "added", "change"),
    ("actions.*", "removed", "removal"),
    ("actions.*.status", "changed", "improvement"),
    ("actions.*.status", "changed", "regression"),
    ("actions.*.due", "changed", "change"),
]


def _matches(pattern: str, path: str) -> bool:
    regex = "\\.".join("[^.]+" if part == "*" else re.escape(part) for part in pattern.split("."))
    return re.fullmatch(regex, path) is not None


def test_golden_cases_cover_every_kind_of_change() -> None:
    seen = [(str(c["path"]), c["kind"], c["class"]) for case in CASES for c in changes_of(case)]
    missing = [
        want
        for want in MUST_COVER
        if not any(_matches(want[0], path) and (kind, cls) == want[1:] for path, kind, cls in seen)
    ]
    assert missing == []


def test_the_issue_story_reads_as_told() -> None:
    """The pull request of the issue: every change it names, with its class."""
    changes = {(c["path"], c["class"]): c for c in changes_of("pr-review")}
    assert changes["touchpoints.connect-data.stage", "change"]["new"] == "onboarding"
    olivia = changes["touchpoints.connect-data.experiences.olivia.score", "improvement"]
    assert (olivia["old"], olivia["new"], olivia["delta"]) == (1, 3, 2)
    assert changes["pain_points.api-key-jargon", "improvement"]["kind"] == "removed"
    status = changes["actions.build-oauth-connector.status", "improvement"]
    assert (status["old"], status["new"]) == ("in-progress", "done")
    dev = changes["touchpoints.pricing-page.experiences.dev.score", "regression"]
    assert (dev["old"], dev["new"]) == (4, 2)
    added = [p for (p, _), c in changes.items() if c["kind"] == "added" and p.count(".") == 1]
    assert added == ["touchpoints.sample-data", "touchpoints.invite-team"]
    # Moving the personas into an included library changed nothing.
    assert not any(str(p).startswith("personas") for p, _ in changes)


def test_a_resolved_pain_point_is_an_improvement_and_no_removal(
    cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    changes = {c["path"]: c for c in changes_of("resolved-pain")}
    status = changes["pain_points.bot-loop.status"]
    assert (status["class"], status["old"], status["new"]) == ("improvement", "open", "resolved")
    assert status["note"] == "resolved on 2026-11-20"  # the date rides with the status
    assert "pain_points.bot-loop.resolved" not in changes
    done = changes["actions.escalation-rule.status"]
    assert (done["class"], done["new"]) == ("improvement", "done")
    assert not any(c["class"] in ("removal", "regression") for c in changes.values())
    monkeypatch.chdir(GOLDEN / "resolved-pain")
    result = cli("diff", "old.journey.yaml", "new.journey.yaml", "--fail-on", "removal")
    assert result.exit_code == 0, result.stdout


def test_a_moved_touchpoint_folds_the_flow_it_implies() -> None:
    """One move is one item; the implicit edges it shifts are its detail. `next` edits stay."""
    changes = changes_of("moved-touchpoint")
    paths = [c["path"] for c in changes]
    assert paths == [
        "touchpoints.compare-plans.stage",
        "touchpoints.trial-email.next.compare-plans",
        "touchpoints.trial-email.next.checkout",
        "touchpoints.trial-email.next.cancel-survey",
    ]
    implied = [(e["kind"], e["note"]) for e in changes[0]["implied"]]
    assert implied == [
        ("added", "flow ad-break → premium-banner"),
        ("removed", "flow ad-break → compare-plans"),
        ("added", "flow compare-plans → checkout"),
        ("removed", "flow compare-plans → premium-banner"),
    ]
    text = (GOLDEN / "moved-touchpoint" / "expected.txt").read_text(encoding="utf-8")
    assert "touchpoints.ad-break.next" not in text and "    - ad-break → compare-plans" in text


def test_reordered_stages_fold_the_flow_they_imply() -> None:
    changes = changes_of("reordered-stages")
    assert [c["path"] for c in changes] == ["stages"]
    assert {e["note"] for e in changes[0]["implied"]} == {
        "flow ad-break → trial-offer", "flow ad-break → checkout",
        "flow trial-offer → checkout", "flow checkout → trial-offer",
    }  # fmt: skip


def test_reformatting_is_no_change() -> None:
    assert changes_of("reformatted") == []
    assert "no semantic changes" in (GOLDEN / "reformatted" / "expected.txt").read_text()


def test_hostile_text_stays_inert() -> None:
    text = (GOLDEN / "hostile-text" / "expected.txt").read_text(encoding="utf-8")
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e]", text)
    markdown = (GOLDEN / "hostile-text" / "expected.md").read_text(encoding="utf-8")
    for raw in (
        "<script>",
        "<b>",
        "[link](",
        "![img](",
        "`code`",
        "*bold*",
        "_it_",
        "@team",
        "\x1b",
    ):
        assert raw not in markdown
    assert "Ann<br>line two" in markdown  # a CRLF in a name is one line break, not \x0d<br>
    # Every row of a table has as many cells as its header: escaped pipes do not split cells.
    header = 0
    for line in markdown.splitlines():
        cells = len(re.findall(r"(?<!\\)\|", line))
        if not line.startswith("|"):
            header = 0
        elif header == 0:
            header = cells
        else:
            assert cells == header, line
