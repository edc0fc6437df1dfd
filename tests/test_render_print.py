"""Printing the HTML page puts every touchpoint on paper, legibly (issue 16): real headless
Chromium prints the page to PDF and poppler's ``pdftotext -bbox-layout`` says where each word
stands and how tall it is. Skipped only when chromium or pdftotext is absent
(``scripts/setup.sh`` installs both)."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

from journeykit.render import FORMATS
from journeykit.validate import load
from tests.conftest import EXAMPLES, FIXTURES
from tests.render_helpers import options

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--no-pdf-header-footer"]  # fmt: skip
# a word's box from pdftotext spans the font's ascent and descent: 1.164 em for DejaVu Sans, the
# sans font here (Liberation Sans 1.149 would read a little larger); 6 pt text gives 6.98 pt
EM_PER_BOX = 1 / 1.164
MIN_PT = 6.0
MAPS = [EXAMPLES / "hotel-stay.journey.yaml", FIXTURES / "render" / "music-premium.journey.yaml"]

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed"),
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) "
                       "is not installed; scripts/setup.sh adds it"),
]  # fmt: skip


@dataclass(frozen=True)
class Word:
    text: str
    page: int
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def points(self) -> float:
        """The font size, to 0.1 pt (6 pt text measures 5.995 through the em ratio)."""
        return round((self.y1 - self.y0) * EM_PER_BOX, 1)


def print_to_pdf(html: Path, pdf: Path) -> None:
    done = subprocess.run(
        [str(CHROMIUM), *FLAGS, f"--print-to-pdf={pdf}", html.resolve().as_uri()],
        capture_output=True, timeout=180, check=False,
    )  # fmt: skip
    assert done.returncode == 0 and pdf.is_file(), done.stderr.decode("utf-8", "replace")[-2000:]


def words_of(pdf: Path) -> tuple[list[Word], list[tuple[float, float]]]:
    """Every word in reading order, with its page and box in pt; and each page's size."""
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True,
                         timeout=120, check=True).stdout.decode("utf-8")  # fmt: skip
    out = re.sub(r"<!DOCTYPE[^>]*>", "", out)
    root = ET.fromstring(out)
    ns = {"x": "http://www.w3.org/1999/xhtml"}
    words, pages = [], []
    for number, page in enumerate(root.iterfind(".//x:page", ns)):
        pages.append((float(page.get("width", 0)), float(page.get("height", 0))))
        for w in page.iterfind(".//x:word", ns):
            box = [float(w.get(k, 0)) for k in ("xMin", "yMin", "xMax", "yMax")]
            words.append(Word(w.text or "", number, *box))
    return words, pages


def legible(name: str, words: list[Word], pages: list[tuple[float, float]]) -> bool:
    """``name`` stands on one page, inside it, every word at 6 pt or more, its words in order
    and together: on the same line or the lines just below, within one column's width (pdftotext
    reads a table line by line across its cells, so other cells' words may come between)."""
    wanted = name.split()
    for i, first in enumerate(words):
        if first.text != wanted[0]:
            continue
        run, at = [first], i
        for text in wanted[1:]:
            last = run[-1]
            found = next(
                (k for k in range(at + 1, min(at + 400, len(words)))
                 if words[k].text == text and words[k].page == first.page
                 and first.x0 - 40 <= words[k].x0 <= first.x0 + 400
                 and last.y0 - 2 <= words[k].y0 <= last.y1 + 20),
                None,
            )  # fmt: skip
            if found is None:
                break
            run.append(words[found])
            at = found
        if len(run) != len(wanted):
            continue
        width, height = pages[first.page]
        inside = all(0 <= w.x0 <= w.x1 <= width and 0 <= w.y0 <= w.y1 <= height for w in run)
        if inside and all(w.points >= MIN_PT for w in run):
            return True
    return False


@pytest.fixture(scope="module", params=MAPS, ids=lambda p: p.name.split(".")[0])
def printed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    source: Path = request.param
    loaded = load(source)
    assert loaded.valid and loaded.journey is not None
    folder = tmp_path_factory.mktemp("print")
    html = folder / "page.html"
    html.write_bytes(FORMATS["html"].render(loaded.journey, options()))
    pdf = folder / "page.pdf"
    print_to_pdf(html, pdf)
    return loaded.journey, *words_of(pdf)


def test_every_touchpoint_name_is_on_paper_at_6_pt_or_more(printed) -> None:  # type: ignore[no-untyped-def]
    journey, words, pages = printed
    missing = [tp.name for tp in journey.touchpoints if not legible(tp.name, words, pages)]
    assert missing == [], f"not legible on any page: {missing}"


def test_every_stage_and_lane_label_is_printed(printed) -> None:  # type: ignore[no-untyped-def]
    journey, words, pages = printed
    for stage in journey.stages:
        assert legible(stage.name, words, pages), stage.name
    # the lane labels repeat on every page of the grid: as often as the stages' first page
    lanes = [w for w in words if w.text == "Doing"]
    assert len(lanes) >= 2, "the lane labels are not repeated on the grid's pages"


def test_no_scroll_hint_on_paper(printed) -> None:  # type: ignore[no-untyped-def]
    _, words, _ = printed
    assert not [w.text for w in words if "scroll" in w.text.lower()]


def test_action_plan_rows_and_persona_names_are_whole(printed) -> None:  # type: ignore[no-untyped-def]
    journey, words, pages = printed
    for action in journey.actions:
        assert legible(action.description, words, pages), action.description
    for persona in journey.personas:
        assert legible(persona.name, words, pages), persona.name
