#!/usr/bin/env python3
"""Render an example map and save screenshots of it for the documentation (docs/img/).

    python scripts/render_screenshots.py [MAP] [--out docs/img]

Uses Debian's /usr/bin/chromium through playwright; run it on purpose when the page's look
changes, and commit the pictures. Output is reproducible: the date is fixed.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

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
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
