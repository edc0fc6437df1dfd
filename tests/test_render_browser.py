"""The HTML page in real headless Chromium: no console errors, no requests, no script from map
text, a working persona switcher, and a screenshot. Skipped only when /usr/bin/chromium is absent
(``scripts/setup.sh`` installs it)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from journeykit.render import FORMATS
from tests.conftest import EXAMPLES
from tests.render_helpers import GOLDEN, journey, options

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed (scripts/setup.sh adds it)"
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


class Visit:
    def __init__(self, browser: Any, path: Path) -> None:
        self.url = path.resolve().as_uri()
        self.page = browser.new_page(viewport={"width": 1440, "height": 1000})
        self.console: list[str] = []
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(self.url)
        self.page.wait_for_load_state("load")


def _write(tmp_path: Path, name: str, source: Path | str) -> Path:
    loaded = journey(source) if isinstance(source, str) else _load(source)
    out = tmp_path / name
    out.write_bytes(FORMATS["html"].render(loaded, options()))
    return out


def _load(path: Path) -> Any:
    from journeykit.validate import load

    loaded = load(path)
    assert loaded.valid, loaded.problems
    return loaded.journey


def test_hostile_map_runs_no_script_and_requests_nothing(browser: Any, tmp_path: Path) -> None:
    visit = Visit(browser, _write(tmp_path, "hostile.html", "hostile.journey.yaml"))
    page = visit.page
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert visit.requests == [visit.url]
    assert visit.errors == []
    assert [c for c in visit.console if c.startswith("error")] == []
    # the payload is on screen as text
    assert "<script>window.__pwned=1</script>" in page.inner_text("h1")
    assert page.locator("img").count() == 0
    page.screenshot(path=str(tmp_path / "hostile.png"))
    assert (tmp_path / "hostile.png").stat().st_size > 10_000


def test_persona_switcher_hides_the_other_personas(browser: Any, tmp_path: Path) -> None:
    visit = Visit(browser, _write(tmp_path, "small.html", "small.journey.yaml"))
    page = visit.page
    assert page.is_visible("[data-switcher]")  # the script showed it
    lines = page.locator(".grid-scroll svg.curve g.persona-line")
    assert lines.count() == 2
    assert page.locator('.grid-scroll g.persona-line[data-persona="bo"]').is_visible()
    page.click('button[data-show="ann"]')
    assert page.get_attribute('button[data-show="ann"]', "aria-pressed") == "true"
    assert page.locator('.grid-scroll g.persona-line[data-persona="ann"]').is_visible()
    assert not page.locator('.grid-scroll g.persona-line[data-persona="bo"]').is_visible()
    assert not page.locator('article.persona[data-persona="bo"]').is_visible()
    assert page.locator('article.persona[data-persona="ann"]').is_visible()
    assert not page.locator('.exp[data-persona="bo"]').first.is_visible()
    page.click('button[data-show=""]')
    assert page.locator('.grid-scroll g.persona-line[data-persona="bo"]').is_visible()
    assert visit.errors == [] and not [c for c in visit.console if c.startswith("error")]
    page.screenshot(path=str(tmp_path / "small.png"), full_page=True)


def test_without_javascript_every_persona_is_shown(browser: Any, tmp_path: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(_write(tmp_path, "small.html", "small.journey.yaml").resolve().as_uri())
    assert not page.is_visible("[data-switcher]")
    assert page.locator('.grid-scroll g.persona-line[data-persona="bo"]').is_visible()
    assert page.locator('.grid-scroll g.persona-line[data-persona="ann"]').is_visible()
    context.close()


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.journey.yaml")))
def test_examples_render_cleanly(browser: Any, tmp_path: Path, example: str) -> None:
    visit = Visit(browser, _write(tmp_path, "page.html", EXAMPLES / example))
    assert visit.requests == [visit.url]
    assert visit.errors == [] and not [c for c in visit.console if c.startswith("error")]
    if shutil.which("dot"):
        assert visit.page.locator("svg.flow-svg g.node").count() > 3
    visit.page.screenshot(path=str(tmp_path / "page.png"))


def test_index_page_requests_nothing(browser: Any, tmp_path: Path) -> None:
    from journeykit.render.html import IndexEntry, render_index

    entries = [IndexEntry.of(journey(n), n) for n in ("small.journey.yaml", "hostile.journey.yaml")]
    out = tmp_path / "index.html"
    out.write_bytes(render_index(entries, "test"))
    visit = Visit(browser, out)
    assert visit.requests == [visit.url] and visit.errors == []
    assert visit.page.evaluate("typeof window.__pwned") == "undefined"
    assert visit.page.locator("tbody tr").count() == 2


def test_print_layout_is_a3_landscape(browser: Any, tmp_path: Path) -> None:
    import re

    visit = Visit(browser, _write(tmp_path, "small.html", "small.journey.yaml"))
    pdf = visit.page.pdf(prefer_css_page_size=True)
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert boxes
    width, height = (float(v) for v in boxes[0])
    assert (round(width), round(height)) == (1191, 842)  # A3 landscape in points


def test_golden_inputs_exist() -> None:
    assert (GOLDEN / "hostile.journey.yaml").exists()
