"""Issue 16, render: the default output name, overdue and done actions, dates that keep together
and numbers with thousands separators."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from journeykit.render import FORMATS
from tests.conftest import MINIMAL, RunCli
from tests.render_helpers import TODAY, journey_of, options

NNBSP = "\u202f"  # narrow no-break space: the thousands separator of ISO 80000 / SI, no locale

PLAN = (
    MINIMAL
    + """
pain_points:
  - id: slow
    touchpoint: checkout
    description: Checkout is slow
    severity: high
opportunities:
  - id: faster
    addresses: [slow]
    description: Make checkout faster
actions:
  - id: late-one
    opportunity: faster
    description: Profile the checkout
    owner: Shop
    due: 2026-11-04
    status: in-progress
  - id: on-time
    opportunity: faster
    description: Cache the basket
    owner: Shop
    due: 2027-02-15
    status: planned
  - id: finished
    opportunity: faster
    description: Drop a tracking script
    owner: Shop
    due: 2026-10-01
    status: done
"""
)


def test_render_without_o_writes_map_id_html_here(
    cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "maps").mkdir()
    source = tmp_path / "maps" / "x.journey.yaml"
    source.write_text(MINIMAL, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = cli("render", str(source))
    assert result.exit_code == 0, result.stderr
    written = tmp_path / "mini.html"
    assert written.is_file() and "<!DOCTYPE html>" in written.read_text("utf-8")
    assert "mini.html" in result.stderr and result.stdout == ""


def test_render_of_a_folder_without_o_still_asks_where(
    cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.journey.yaml").write_text(MINIMAL, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = cli("render", str(tmp_path))
    assert result.exit_code == 2
    assert "-o FOLDER/" in result.stderr
    assert not list(tmp_path.glob("*.html"))


class _Dates(HTMLParser):
    """Every ISO date in the page's text, with the element it stands in."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in {"meta", "link", "br", "col", "img", "input", "hr"}:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        for date in re.findall(r"\d{4}-\d{2}-\d{2}", data):
            self.found.append((date, self.stack[-1] if self.stack else ""))


def _page(text: str) -> str:
    return FORMATS["html"].render(journey_of(text), options()).decode("utf-8")


def test_every_date_is_a_time_element_that_does_not_wrap() -> None:
    page = _page(PLAN)
    parser = _Dates()
    parser.feed(page)
    assert parser.found, "the page shows no date"
    assert {tag for _, tag in parser.found} == {"time"}, parser.found
    assert re.search(r"(^|[\s,}])time\s*\{[^}]*white-space:\s*nowrap", page, re.MULTILINE)


def test_overdue_actions_are_marked_with_the_days_lint_counts(cli: RunCli, tmp_path: Path) -> None:
    page = _page(PLAN)
    rows = {
        m.group(1): m.group(0)
        for m in re.finditer(r'<tr[^>]*data-action="([a-z-]+)".*?</tr>', page, re.S)
    }
    assert set(rows) == {"late-one", "on-time", "finished"}
    assert "overdue" in rows["late-one"] and "18 days overdue" in rows["late-one"]
    assert "overdue" not in rows["on-time"] and "overdue" not in rows["finished"]
    # the same "today" as lint: lint counts the same 18 days
    path = tmp_path / "plan.journey.yaml"
    path.write_text(PLAN, encoding="utf-8")
    linted = cli("lint", str(path), "--today", TODAY.isoformat(), "--format", "parsable")
    assert "late-one" in linted.stdout and "18 days overdue" in linted.stdout


def test_done_actions_are_shown_done() -> None:
    page = _page(PLAN)
    row = re.search(r'<tr[^>]*data-action="finished"[^>]*>', page)
    assert row and "action-done" in row.group(0)
    assert re.search(r"\.action-done[^{]*\{[^}]*line-through", page)


@pytest.mark.parametrize(
    ("value", "shown"),
    [(2500000, f"2{NNBSP}500{NNBSP}000"), (12345.5, f"12{NNBSP}345.5"), (999, "999"),
     (-1234, f"-1{NNBSP}234"), (0.25, "0.25")],
)  # fmt: skip
def test_numbers_get_thousands_separators(value: float, shown: str) -> None:
    from journeykit.render.readings import number

    assert number(value) == shown


def test_sample_sizes_and_evidence_counts_are_grouped() -> None:
    text = MINIMAL.replace("n: 5}", "n: 2500000}")
    page = _page(text)
    assert f"n=2{NNBSP}500{NNBSP}000" in page
    assert "n=2500000" not in page


def test_print_keeps_cards_and_rows_whole() -> None:
    """Persona cards, the scorecard and the rows of the action plan never split across pages;
    the grid's printed copy replaces the scrolling one."""
    page = _page(PLAN)
    css = page.split("@media print", 1)[1]
    whole = " ".join(re.findall(r"([^{}]*)\{\s*break-inside:\s*avoid;\s*\}", css))
    for selector in (".persona", ".scorepanel", "table.plain tr"):
        assert selector in whole, selector
    assert re.search(r"\.grid-scroll[^{]*\{\s*display:\s*none", css)
    assert page.count('class="print-page"') >= 1


LIFECYCLE = PLAN.replace(
    "    severity: high\n",
    "    severity: high\n"
    "  - id: fixed-once\n"
    "    touchpoint: checkout\n"
    "    description: Card form forgot the address\n"
    "    status: resolved\n"
    "    resolved: 2026-10-20\n",
    1,
)


def test_resolved_pain_points_are_struck_through_after_the_open_ones() -> None:
    page = _page(LIFECYCLE)
    lane = page.split('id="pain-slow"', 1)[1].split("</td>", 1)[0]
    assert 'id="pain-fixed-once"' in lane  # kept, after the open one
    fixed = re.search(r'<div class="pain [^"]*pain-resolved"[^>]*id="pain-fixed-once".*?</div>',
                      page, re.S)  # fmt: skip
    assert fixed and "✓ resolved" in fixed.group(0) and "2026-10-20" in fixed.group(0)
    assert re.search(r"\.pain-resolved \.desc\s*\{[^}]*line-through", page)
    assert re.search(r'class="value">1</span>\s*<span class="name">Open pain points', page)
    assert re.search(r'class="value">1</span>\s*<span class="name">Resolved pain points', page)


def test_resolved_pain_points_are_grey_and_struck_in_the_flow() -> None:
    from journeykit.render.graphviz import build_dot

    dot = build_dot(journey_of(LIFECYCLE), options())
    note = next(line for line in dot.splitlines() if '"pain:fixed-once" [' in line)
    assert "✓ RESOLVED 2026-10-20" in note and "<S>" in note and "dashed" in note
    open_note = next(line for line in dot.splitlines() if '"pain:slow" [' in line)
    assert "<S>" not in open_note and "⚠ HIGH" in open_note
