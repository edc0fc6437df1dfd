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


def _big_map(tmp_path: Path, touchpoints: int = 420) -> tuple[str, str]:
    """A map too large for the touchpoint flow (4 stages of 105) and a log: c1 walks the plan
    across the first stage boundary, c2 jumps from stage 1 straight to stage 3 (unplanned),
    c3 moves within stage 1 off the plan (not drawn stage to stage)."""
    per = touchpoints // 4
    lines = ["journeykit: 1", "id: big", "title: Big", "personas:", "  - {id: u, name: U}"]
    lines += ["stages:", *(f"  - {{id: s{i}, name: 'Stage <{i}>'}}" for i in range(4))]
    lines += ["touchpoints:"]
    lines += [f"  - {{id: t{i:03d}, name: T{i}, stage: s{i // per}}}" for i in range(touchpoints)]
    path = tmp_path / "big.journey.yaml"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    rows = ["customer_id,event,timestamp"]
    walk = [("c1", f"t{per - 2:03d}"), ("c1", f"t{per - 1:03d}"), ("c1", f"t{per:03d}")]
    walk += [("c2", "t000"), ("c2", f"t{2 * per + 5:03d}"), ("c3", "t000"), ("c3", "t050")]
    rows += [f"{c},{e},2026-03-01 09:{m:02d}:00" for m, (c, e) in enumerate(walk)]
    log = tmp_path / "big.csv"
    log.write_text("\n".join(rows) + "\n", "utf-8")
    return str(path), str(log)


def test_overlay_of_a_map_too_large_for_the_flow_sums_moves_stage_to_stage(
    tmp_path: Path,
) -> None:
    from journeykit.conform.api import conform
    from journeykit.conform.format_html import overlay_dot
    from journeykit.measure.plan import MeasureOptions
    from journeykit.validate import load

    path, log = _big_map(tmp_path)
    journey = load(path).journey
    assert journey is not None
    dot = overlay_dot(conform(journey, [log], MeasureOptions()), journey)
    assert '"tp:' not in dot and "tp_" not in dot  # no touchpoint nodes, so no edges to them
    assert "moves are summed from stage to stage" in dot
    assert "Stage &lt;0&gt;" in dot  # user text escaped in the HTML-like labels
    # the planned move t103 -> t104 (c1, stage 0) is within a stage: not drawn; t104 -> t105
    # crosses into stage 1 (planned, 1 move, the most): the thickest pen
    assert 's0 -> s1 [color="#1d4ed8", penwidth=7.0, label="1"];' in dot
    assert re.search(r's0 -> s2 \[style=dashed, color="#b45309".*label="1"', dot)  # c2's jump
    # the planned steps from stage 1 to 2 and from 2 to 3, nobody took: greyed
    assert 's1 -> s2 [color="#cbd5e1", fontcolor="#cbd5e1", penwidth=1, label="0"];' in dot
    assert 's2 -> s3 [color="#cbd5e1", fontcolor="#cbd5e1", penwidth=1, label="0"];' in dot
    assert "s0 -> s0" not in dot  # c3's move within stage 0 is left out


def test_html_of_a_map_too_large_for_the_flow_says_so(cli: RunCli, tmp_path: Path) -> None:
    done = cli("conform", *_big_map(tmp_path), "--format", "html")
    assert done.exit_code == 0, done.stderr
    page = done.stdout
    assert "<svg" in page
    assert "moves are summed from stage to stage" in page
    assert "T0<" not in page.split("<svg", 1)[1].split("</svg>", 1)[0]  # no touchpoint boxes
