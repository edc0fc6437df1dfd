"""scripts/demo.sh's steps (not its apt install) run in a temp folder: the examples rendered, the
example measured on its event log into site/measure.html, and a measured copy of the map rendered
into site/measured/, while the committed example stays byte for byte as it was."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT


def test_demo_steps_in_a_temp_folder(tmp_path: Path) -> None:
    if shutil.which("dot") is None:
        pytest.skip("Graphviz (dot) is not installed; scripts/setup.sh installs it")
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "demo.sh", tmp_path / "scripts" / "demo.sh")
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    before = {p.name: p.read_bytes() for p in (tmp_path / "examples").glob("*.yaml")}
    env = {
        **os.environ,
        "JOURNEYKIT_DEMO_SKIP_SETUP": "1",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "NO_COLOR": "1",
    }
    env.pop("GITHUB_ACTIONS", None)
    done = subprocess.run(
        ["bash", str(tmp_path / "scripts" / "demo.sh")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    site = tmp_path / "site"
    assert (site / "index.html").is_file()
    report = (site / "measure.html").read_text("utf-8")
    assert "Stage funnel" in report and "Main paths" in report and "By variant" in report
    measured = (site / "measured" / "saas-trial-to-paid.html").read_text("utf-8")
    assert '<svg class="trend"' in measured  # the new readings make a history with the old ones
    assert "Stage funnel" in done.stdout  # the stylish report on the terminal
    assert "touchpoints.signup.measurements.visit-to-trial" in done.stdout  # diff of the copy
    after = {p.name: p.read_bytes() for p in (tmp_path / "examples").glob("*.yaml")}
    assert after == before  # --write only ever touched the copy
