"""``journey conform`` on the command line: --fail-under's exit codes, the formats (user text
escaped), the HTML overlay of the flow, and exit 1/2 for an invalid map or a run that cannot be."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from journeykit.cli.conform import DEFAULT_VARIANTS as CLI_DEFAULT
from journeykit.conform.summary import DEFAULT_VARIANTS

from .conftest import RunCli, shared_file

TINY_MAP = shared_file("data/events/tiny.journey.yaml")
TINY_LOG = str(shared_file("data/events/tiny.csv"))


def _map(tmp_path: Path, old: str = "", new: str = "") -> str:
    text = TINY_MAP.read_text("utf-8")
    assert old in text
    path = tmp_path / "tiny.journey.yaml"
    path.write_text(text.replace(old, new, 1), "utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("threshold", "code"), [("0.8", 0), ("0.805", 0), ("0.81", 1), ("1", 1), ("0", 0)]
)
def test_fail_under_exits_1_only_below_the_threshold(
    cli: RunCli, threshold: str, code: int
) -> None:  # fitness is 0.805556
    done = cli("conform", str(TINY_MAP), TINY_LOG, "--fail-under", threshold, "-f", "json")
    assert done.exit_code == code, done.stderr
    assert json.loads(done.stdout)["fitness"] == 0.805556  # the report is written either way
    assert ("below --fail-under" in done.stderr) == (code == 1)


def test_the_cli_default_cap_is_the_documented_one() -> None:
    assert CLI_DEFAULT == DEFAULT_VARIANTS


def test_markdown_is_ready_for_a_pull_request(cli: RunCli) -> None:
    done = cli("conform", str(TINY_MAP), TINY_LOG, "--format", "markdown")
    assert done.exit_code == 0, done.stderr
    assert done.stdout.startswith("## Conformance: `tiny-shop`")
    assert "| 2 | 0 | Ad → Product page → Cart → Order placed | – |" in done.stdout
    assert "| Product page | Ad | 1 | 1 | **no** |" in done.stdout


def test_stylish_names_the_deviations(cli: RunCli) -> None:
    done = cli("conform", str(TINY_MAP), TINY_LOG)
    assert done.exit_code == 0, done.stderr
    assert "fitness 0.81 over 6 customers; 3 (50%) followed the plan exactly" in done.stdout
    assert "(skipped Cart)" in done.stdout


def test_html_overlays_the_flow_and_escapes_user_text(cli: RunCli, tmp_path: Path) -> None:
    path = _map(
        tmp_path,
        '    name: Search\n    stage: find\n    events: ["search_*"]\n    next: [product]',
        '    name: "<script>alert(1)</script> & Search"\n    stage: find\n'
        '    events: ["search_*"]\n    next: [product, order]',
    )
    done = cli("conform", path, TINY_LOG, "--format", "html")
    assert done.exit_code == 0, done.stderr
    page = done.stdout
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Search" in page
    assert "http://" not in page.replace("http://www.w3.org", "")  # nothing fetched
    assert "<svg" in page
    # unplanned moves dashed in the warning colour; the unused planned search -> order greyed
    assert re.search(r'stroke="#b45309"[^>]*stroke-dasharray', page)
    assert 'stroke="#cbd5e1"' in page
    assert "Planned move nobody made" in page


def test_overlay_dot_weighs_planned_edges_and_dashes_unplanned() -> None:
    from journeykit.conform.api import conform
    from journeykit.conform.format_html import overlay_dot
    from journeykit.measure.plan import MeasureOptions
    from journeykit.validate import load

    journey = load(TINY_MAP).journey
    assert journey is not None
    result = conform(journey, [TINY_LOG], MeasureOptions())
    dot = overlay_dot(result, journey)
    # product -> cart: 3 customers, the most of any move: the thickest pen; 1 of 3: sqrt scale
    assert '"tp:product" -> "tp:cart" [color="#1d4ed8", penwidth=7.0, label="3"];' in dot
    assert '"tp:search" -> "tp:product" [color="#1d4ed8", penwidth=4.46, label="1"];' in dot
    assert re.search(r'"tp:product" -> "tp:ad" \[style=dashed, color="#b45309".*label="1"', dot)


def test_json_keys(cli: RunCli) -> None:
    done = cli("conform", str(TINY_MAP), TINY_LOG, "--format", "json")
    data = json.loads(done.stdout)
    for key in ("map", "engine", "customers", "fitness", "perfect", "deviations", "variants",
                "edges", "unused_planned_edges"):  # fmt: skip
        assert key in data
    assert list(data["deviations"])[:2] == ["ad_hoc", "missing"]
    assert list(data["edges"][0]) == ["from", "to", "planned", "count", "customers"]
    assert list(data["variants"][0])[:3] == ["trace", "customers", "cost"]


def test_invalid_map_exits_1(cli: RunCli, tmp_path: Path) -> None:
    path = _map(tmp_path, "next: [product]\n  - id: search", "next: [nowhere]\n  - id: search")
    done = cli("conform", path, TINY_LOG)
    assert done.exit_code == 1
    assert "nothing compared" in done.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["missing.csv"],
        [TINY_LOG, "--format", "pdf"],
        [TINY_LOG, "--variants", "0"],
        [TINY_LOG, "--fail-under", "1.5"],
        [TINY_LOG, "--time-col", "when"],
        [TINY_LOG, "--tz", "Mars/Base"],
    ],
)
def test_a_run_that_cannot_be_exits_2_without_a_traceback(cli: RunCli, args: list[str]) -> None:
    done = cli("conform", str(TINY_MAP), *args)
    assert done.exit_code == 2, done.stdout
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
