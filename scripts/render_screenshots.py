#!/usr/bin/env python3
"""Render an example map and save screenshots of it for the documentation (docs/img/).

    python scripts/render_screenshots.py [MAP] [--paper MAP] [--out docs/img]

Uses Debian's /usr/bin/chromium through playwright; run it on purpose when the page's look
changes, and commit the pictures. Output is reproducible: the date is fixed.

The pictures of sharing on paper and slides (the printed page, a wrapped flow, the poster) use
--paper MAP (default: the 16-touchpoint hotel-stay example): the page printed to PDF by
Chromium and its first grid page rasterised by pdftoppm, `journey render -o flow.png --layout
wrap`, and `journey render --view map` turned into PNG by rsvg-convert.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
# (file name, element to show at the top of the picture, height in px)
SHOTS = (("render-html.png", "body", 1100), ("render-grid.png", "#map", 1000),
         ("render-flow.png", "#flow", 700))  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "map", nargs="?", default=str(ROOT / "examples/online-shop-first-purchase.journey.yaml")
    )
    parser.add_argument("--paper", default=str(ROOT / "examples/hotel-stay.journey.yaml"))
    parser.add_argument("--out", default=str(ROOT / "docs" / "img"))
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        page_file = Path(tmp) / "map.html"
        subprocess.run(
            [sys.executable, "-m", "journeykit", "render", args.map, "-o", str(page_file),
             "--today", "2026-11-22"],
            check=True,
        )  # fmt: skip
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            for name, selector, height in SHOTS:
                page = browser.new_page(viewport={"width": 1440, "height": height})
                page.goto(page_file.as_uri())
                if selector != "body":
                    page.evaluate(
                        "s => window.scrollTo(0, document.querySelector(s).offsetTop - 56)",
                        selector,
                    )
                page.screenshot(path=str(out / name))
                print(out / name)
                page.close()
            _paper(browser, Path(args.paper), out, Path(tmp))
            browser.close()
    return 0


def _journey(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "journeykit", "render", *args, "--today", "2026-11-22"],
                   check=True)  # fmt: skip


def _paper(browser: Any, source: Path, out: Path, tmp: Path) -> None:
    """The printed page, a wrapped flow and the poster of ``source``."""
    page_file = tmp / "paper.html"
    _journey(str(source), "-o", str(page_file))
    page = browser.new_page()
    page.goto(page_file.as_uri())
    page.emulate_media(media="print")
    pdf = tmp / "paper.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    page.close()
    first_grid_page = _page_with(pdf, "Doing")
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-singlefile", "-f", str(first_grid_page),
                    "-l", str(first_grid_page), str(pdf), str(out / "render-print")],
                   check=True)  # fmt: skip
    print(out / "render-print.png")
    _journey(str(source), "-o", str(out / "render-flow-wrap.png"), "--layout", "wrap")
    print(out / "render-flow-wrap.png")
    svg = tmp / "poster.svg"
    _journey(str(source), "--view", "map", "-o", str(svg))
    subprocess.run(["rsvg-convert", "-f", "png", "--zoom", "1.4", "-o",
                    str(out / "render-poster.png"), str(svg)], check=True)  # fmt: skip
    print(out / "render-poster.png")


def _page_with(pdf: Path, word: str) -> int:
    """The number (from 1) of the first page of ``pdf`` holding ``word``."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip
    for number, page in enumerate(text.split("\f"), start=1):
        if word in page.split():
            return number
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
