"""Golden tests of `journey measure`'s human formats (stylish, Markdown, HTML), each built from
a fixed result (tests/golden/measure/*.result.json), and their escaping of hostile user text.

``pytest --update-golden`` rewrites the golden files on purpose.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from html.parser import HTMLParser

import pytest

from journeykit.measure import format_html, format_markdown, format_stylish
from journeykit.model import JourneyMap
from journeykit.validate import load
from tests.conftest import Golden, RunCli
from tests.measure_fixtures import GOLDEN, load_result

CASES = ("shop", "hostile")
FORMATS: dict[str, tuple[str, Callable[..., str]]] = {
    "stylish": ("txt", lambda r, j: format_stylish.render(r, j)),
    "stylish-color": ("color.txt", lambda r, j: format_stylish.render(r, j, color=True)),
    "markdown": ("md", format_markdown.render),
    "html": ("html", lambda r, j: format_html.render(r, j, tool_version="test")),
}


def journey(case: str) -> JourneyMap:
    loaded = load(GOLDEN / f"{case}.journey.yaml")
    assert loaded.valid, loaded.problems
    return loaded.journey  # type: ignore[no-any-return]


def rendered(case: str, fmt: str) -> str:
    return FORMATS[fmt][1](load_result(f"{case}.result.json"), journey(case))


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_golden(case: str, fmt: str, golden: Golden) -> None:
    path = GOLDEN / f"{case}.{FORMATS[fmt][0]}"
    got = rendered(case, fmt)
    golden.check(path, got)


def test_formats_work_without_the_map() -> None:
    """Ids stand in for names when only the result is at hand."""
    result = load_result("shop.result.json")
    text = format_stylish.render(result, None)
    assert re.search(r"product +→ cart ", text) and "Product page" not in text
    assert "| find | 6 |" in format_markdown.render(result, None)


def test_stylish_bars_follow_the_funnel() -> None:
    lines = rendered("shop", "stylish").splitlines()
    funnel = lines[lines.index("Stage funnel") + 1 : lines.index("Stage funnel") + 4]
    widths = [len(re.sub(r"[^█▏▎▍▌▋▊▉]", "", line)) for line in funnel]
    assert widths[0] == format_stylish.BAR and widths[0] > widths[1] > widths[2] > 0
    assert format_stylish.bar(4, 6, 6) == "████" and format_stylish.bar(1, 48, 6) == "▏"
    assert format_stylish.bar(0, 6) == "" and format_stylish.bar(3, 0) == ""


def test_stylish_escapes_user_text_for_the_terminal() -> None:
    plain = rendered("hostile", "stylish")
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f\u202e]", plain)  # no control, no bidi
    assert "\\x1b[31m" in plain and "\\x1b]0;title\\x07" in plain and "\\u202e" in plain
    colored = rendered("hostile", "stylish-color")
    ours = re.sub(r"\x1b\[[0-9;]*m", "", colored)
    assert "\x1b" not in ours  # every escape left is one of our colours


def test_markdown_escapes_user_text() -> None:
    md = rendered("hostile", "markdown")
    assert "<script>" not in md and "<img" not in md and "<b>" not in md and "<i>" not in md
    assert not re.search(r"(?<!\\)\]\(javascript", md)  # the brackets are escaped: no link
    assert "@team" not in md and "@all" not in md
    assert "\x1b" not in md
    table: list[str] = []
    for line in [*md.splitlines(), ""]:
        if line.startswith("|"):
            table.append(line)
            continue
        cells = [len(re.findall(r"(?<!\\)\|", row)) for row in table]
        assert len(set(cells)) <= 1, table  # a user's `|` never adds a cell
        table = []


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_html_is_self_contained_and_escapes_user_text() -> None:
    page = rendered("hostile", "html")
    parser = _Elements()
    parser.feed(page)
    tags = [t for t, _ in parser.tags]
    assert "script" not in tags and "img" not in tags and "b" not in tags and "i" not in tags
    for tag, attrs in parser.tags:
        assert not any(name.startswith("on") for name in attrs), tag
        assert "src" not in attrs, tag
        href = attrs.get("href")
        assert href is None or href.startswith(("#", "data:")), (tag, href)
    csp = next(
        a["content"] for t, a in parser.tags if a.get("http-equiv") == "Content-Security-Policy"
    )
    assert csp is not None and "default-src 'none'" in csp and "script-src 'none'" in csp
    assert "\x1b" not in page and "\u202e" not in page
    for svg in re.findall(r"<svg class=\"chart\".*?</svg>", page, re.S):
        ET.fromstring(svg)  # every chart is well-formed XML


def test_html_draws_the_funnel_the_paths_and_the_times() -> None:
    page = rendered("shop", "html")
    charts = re.findall(r'<svg class="chart"[^>]*aria-label="([^"]*)"', page)
    assert charts[0].startswith("Stage funnel") and charts[1].startswith("Sankey")
    assert sum(label.startswith("Time from the stage before") for label in charts) == 2
    funnel = re.search(r'<svg class="chart".*?</svg>', page, re.S)
    assert funnel is not None
    bars = re.findall(r'width="([\d.]+)" height="22" fill="#4338ca"', funnel.group())
    assert [round(float(b)) for b in bars] == [520, 347, 173]
    sankey = re.findall(r'<svg class="chart".*?</svg>', page, re.S)[1]
    assert sankey.count("<path") == 7  # the moves but the repeat product → product
    assert (
        sankey.count(f'stroke="{"#d97706"}"') == 3
    )  # product → ad, product → order, search → cart


def test_cli_offers_and_runs_every_format(cli: RunCli) -> None:
    from journeykit.measure.formats import FORMATS
    from tests.conftest import shared_file

    assert list(FORMATS) == ["stylish", "json", "markdown", "html"]
    map_path = str(shared_file("data/events/tiny.journey.yaml"))
    log = str(shared_file("data/events/tiny.csv"))
    common = (map_path, log, "--window", "7d", "--score-col", "score", "--by", "variant")
    stylish = cli("measure", *common)
    assert stylish.exit_code == 0 and "Stage funnel" in stylish.stdout
    assert "Product page" in stylish.stdout and "\x1b" not in stylish.stdout  # NO_COLOR
    md = cli("measure", *common, "--format", "markdown")
    assert md.exit_code == 0 and md.stdout.startswith("## Measured: A tiny shop")
    page = cli("measure", *common, "--format", "html")
    assert page.exit_code == 0 and page.stdout.startswith("<!DOCTYPE html>")
    assert "Sankey" in page.stdout
