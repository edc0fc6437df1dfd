"""``journey render MAP --view map -o poster.svg|pdf|png``: the journey map itself as one picture,
made without a browser; its PDF read back with real pdftotext (issue 16)."""

from __future__ import annotations

import shutil
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from journeykit.validate import load
from tests.conftest import EXAMPLES, FIXTURES, RunCli
from tests.render_helpers import GOLDEN
from tests.test_render_print import MIN_PT, Word, legible, words_of

SIXTEEN = FIXTURES / "render" / "music-premium.journey.yaml"
SVG = "{http://www.w3.org/2000/svg}"
needs_rsvg = pytest.mark.skipif(
    shutil.which("rsvg-convert") is None, reason="rsvg-convert (librsvg2-bin) is not installed"
)
needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)


def _poster(cli: RunCli, tmp_path: Path, source: Path, suffix: str) -> Path:
    out = tmp_path / f"poster{suffix}"
    result = cli("render", str(source), "--view", "map", "-o", str(out), "--today", "2026-11-22")
    assert result.exit_code == 0, result.stderr
    return out


def _texts(svg: Path) -> list[str]:
    root = ET.fromstring(svg.read_bytes())
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def test_the_svg_poster_is_the_map_not_the_flow(cli: RunCli, tmp_path: Path) -> None:
    svg = _poster(cli, tmp_path, SIXTEEN, ".svg")
    root = ET.fromstring(svg.read_bytes())
    assert root.get("width") == "1190.55pt" and root.get("height") == "841.89pt"  # A3
    text = " ".join(_texts(svg))
    journey = load(SIXTEEN).journey
    assert journey is not None
    for lane in ("Touchpoint", "Feeling", "Experiences", "Pain points", "Opportunities", "KPIs"):
        assert lane in _texts(svg), lane
    for stage in journey.stages:
        assert stage.name in text
    assert "Sam, student on a budget" in text and "Cleo, daily commuter" in text
    assert root.findall(f".//{SVG}polyline")  # the emotion curve, one line per persona
    assert len(root.findall(f".//{SVG}polyline")) == len(journey.personas)
    assert "Ad" in text and "1\u202f840" in text  # a KPI, with its digits grouped


def test_flow_stays_the_default_view_for_svg(cli: RunCli, tmp_path: Path) -> None:
    if shutil.which("dot") is None:
        pytest.skip("needs Graphviz dot")
    out = tmp_path / "flow.svg"
    assert cli("render", str(SIXTEEN), "-o", str(out)).exit_code == 0
    assert 'class="graph"' in out.read_text("utf-8")  # Graphviz's drawing
    assert "Opportunities" not in " ".join(_texts(out))


def test_hostile_text_is_escaped_in_the_poster(cli: RunCli, tmp_path: Path) -> None:
    svg = _poster(cli, tmp_path, GOLDEN / "hostile.journey.yaml", ".svg")
    root = ET.fromstring(svg.read_bytes())  # well-formed whatever the map holds
    assert not [e for e in root.iter() if e.tag in (f"{SVG}script", f"{SVG}foreignObject")]
    assert not [k for e in root.iter() for k in e.attrib if k.lower().startswith("on")]
    assert any("<script>" in t for t in _texts(svg))  # shown as text


def test_view_map_needs_svg_png_or_pdf(cli: RunCli, tmp_path: Path) -> None:
    result = cli("render", str(SIXTEEN), "--view", "map", "-o", str(tmp_path / "x.html"))
    assert result.exit_code == 2 and "--view map" in result.stderr
    assert not (tmp_path / "x.html").exists()


def test_without_rsvg_convert_pdf_is_exit_2_with_how_to_install(
    cli: RunCli, tmp_path: Path
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    out = tmp_path / "p.pdf"
    result = cli("render", str(SIXTEEN), "--view", "map", "-o", str(out),
                 env={"PATH": str(empty)})  # fmt: skip
    assert result.exit_code == 2 and "librsvg2-bin" in result.stderr
    assert not out.exists()


@needs_rsvg
def test_png_poster_is_a3_shaped(cli: RunCli, tmp_path: Path) -> None:
    png = _poster(cli, tmp_path, SIXTEEN, ".png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert abs(width / height - 2**0.5) < 0.01 and width >= 3000  # A3 at 2x, crisp on a slide


@needs_rsvg
@needs_pdftotext
@pytest.mark.parametrize("source", [SIXTEEN, EXAMPLES / "hotel-stay.journey.yaml"],
                         ids=["sixteen", "hotel-stay"])  # fmt: skip
def test_pdf_poster_text_is_searchable_and_legible(
    cli: RunCli, tmp_path: Path, source: Path
) -> None:
    pdf = _poster(cli, tmp_path, source, ".pdf")
    words, pages = words_of(pdf)
    assert len(pages) == 1
    width, height = pages[0]
    assert width == pytest.approx(1190.55, abs=1) and height >= 841  # A3 wide, or taller
    journey = load(source).journey
    assert journey is not None
    wanted = [tp.name for tp in journey.touchpoints] + [p.name for p in journey.personas]
    wanted += [" ".join(p.description.split()[:4]) for p in journey.pain_points]
    missing = [name for name in wanted if not legible(name, words, pages)
               and not _broken_but_legible(name, words)]  # fmt: skip
    assert missing == [], f"not found at {MIN_PT} pt or more: {missing}"


def _broken_but_legible(name: str, words: list[Word]) -> bool:
    """A word too long for its column (quaysidehotel.co.uk) is broken across lines: the name
    still stands as a run of words, every one at 6 pt or more."""
    wanted = "".join(name.split())
    for i in range(len(words)):
        joined = ""
        for w in words[i : i + 12]:
            if w.points < MIN_PT:
                break
            joined += w.text
            if joined == wanted:
                return True
            if not wanted.startswith(joined):
                break
    return False
