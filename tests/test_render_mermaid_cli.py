"""Mermaid's own renderer (npm ``@mermaid-js/mermaid-cli``) accepts every diagram we write.

``scripts/setup.sh`` installs mermaid-cli outside the repository, in
``~/.cache/journeykit/mermaid-cli`` (or set ``JOURNEYKIT_MMDC`` to an ``mmdc`` program). The test
skips, saying why, when node, mmdc or Chromium is missing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from journeykit.render.mermaid import build_mermaid
from journeykit.validate import load
from tests.conftest import EXAMPLES
from tests.render_helpers import GOLDEN, options

CHROMIUM = Path("/usr/bin/chromium")
CACHED = Path.home() / ".cache" / "journeykit" / "mermaid-cli" / "node_modules" / ".bin" / "mmdc"


def _mmdc() -> str:
    if shutil.which("node") is None:
        pytest.skip("node is not installed, so Mermaid's parser cannot run (see scripts/setup.sh)")
    for candidate in (os.environ.get("JOURNEYKIT_MMDC"), str(CACHED), shutil.which("mmdc")):
        if candidate and Path(candidate).exists():
            break
    else:
        pytest.skip(f"mermaid-cli (mmdc) not found at {CACHED}; scripts/setup.sh installs it")
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is not installed; mermaid-cli needs a browser")
    return candidate


def _diagrams() -> list[tuple[str, str]]:
    found = []
    for path in [*sorted(GOLDEN.glob("*.journey.yaml")), *sorted(EXAMPLES.glob("*.journey.yaml"))]:
        loaded = load(path)
        assert loaded.valid, loaded.problems
        found.append((path.name, build_mermaid(loaded.journey, options())))
        first = loaded.journey.personas[0].id
        found.append(
            (f"{path.name} --persona {first}", build_mermaid(loaded.journey, options(first)))
        )
    return found


def draw_all(tmp_path: Path, diagrams: list[tuple[str, str]]) -> list[Path]:
    """Draw every ``(name, mermaid text)`` with mermaid-cli in one run; their SVGs, in order.
    Fails when Mermaid rejects any; skips when node, mmdc or Chromium is missing."""
    mmdc = _mmdc()
    config = tmp_path / "puppeteer.json"
    config.write_text(json.dumps({"executablePath": str(CHROMIUM), "args": ["--no-sandbox"]}))
    source = tmp_path / "all.md"
    source.write_text(
        "".join(f"## {name}\n\n```mermaid\n{text}```\n\n" for name, text in diagrams), "utf-8"
    )
    done = subprocess.run(
        [mmdc, "-p", str(config), "-i", str(source), "-o", str(tmp_path / "out.md"), "-q"],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    svgs = sorted(tmp_path.glob("out-*.svg"), key=lambda p: int(p.stem.split("-")[1]))
    assert len(svgs) == len(diagrams)
    return svgs


def test_mermaid_cli_renders_every_diagram(tmp_path: Path) -> None:
    diagrams = _diagrams()
    svgs = draw_all(tmp_path, diagrams)
    hostile = next(s for s, (name, _) in zip(svgs, diagrams, strict=True)
                   if name == "hostile.journey.yaml")  # fmt: skip
    drawn = hostile.read_text("utf-8")
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in drawn  # shown as text
    assert "<script>window" not in drawn
