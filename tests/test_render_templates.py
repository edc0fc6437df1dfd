"""The HTML templates live in the top-level templates/ folder and ship inside the wheel: built,
installed in a fresh virtual environment and rendered from there, away from this checkout."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT

TEMPLATES = ROOT / "templates"


def test_the_render_templates_are_at_the_top_of_the_repository() -> None:
    names = {p.name for p in TEMPLATES.iterdir()}
    assert {"map.html.j2", "index.html.j2", "style.css", "switcher.js"} <= names
    assert not (ROOT / "src" / "journeykit" / "render" / "templates").exists()


def _run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=600, check=False
    )


def test_the_wheel_carries_the_templates_and_renders_from_a_fresh_venv(tmp_path: Path) -> None:
    source = tmp_path / "src-copy"  # build from a copy: the build writes build/ and egg-info
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy2(ROOT / name, source / name if source.exists() else _mkdir(source) / name)
    for folder in ("src", "templates"):
        shutil.copytree(
            ROOT / folder,
            source / folder,
            ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"),
        )
    wheels = tmp_path / "wheels"
    built = _run(
        sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", wheels, source, cwd=tmp_path
    )
    if built.returncode and "No matching distribution found for setuptools" in built.stderr:
        pytest.skip("pip could not fetch the build backend (no network)")
    assert built.returncode == 0, built.stderr
    (wheel,) = wheels.glob("journeykit-*.whl")

    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    assert "journeykit/templates/map.html.j2" in names
    assert "journeykit/templates/style.css" in names
    assert not [n for n in names if n.startswith("templates/")]  # inside the package, not beside

    venv = tmp_path / "venv"
    assert _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path).returncode == 0
    python = venv / "bin" / "python"
    purelib = Path(
        _run(
            python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=tmp_path
        ).stdout.strip()
    )
    # the dependencies (jinja2, typer, ...) come from the current environment, read-only, so the
    # test needs no network; journeykit itself only from the wheel (this venv's own copy is an
    # editable finder that a plain path entry does not activate)
    (purelib / "deps.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    installed = _run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        python,
        "install",
        "-q",
        "--no-deps",
        wheel,
        cwd=tmp_path,
    )
    assert installed.returncode == 0, installed.stderr

    where = _run(python, "-c", "import journeykit.templates as t; print(t.__file__)", cwd=tmp_path)
    assert where.stdout.strip().startswith(str(purelib)), where.stdout + where.stderr
    out = tmp_path / "page.html"
    rendered = _run(
        venv / "bin" / "journey",
        "render",
        EXAMPLES / "hotel-stay.journey.yaml",
        "-o",
        out,
        cwd=tmp_path,
    )
    assert rendered.returncode == 0, rendered.stderr
    page = out.read_text("utf-8")
    assert "<style>" in page and "@media print" in page  # the stylesheet came from the wheel


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True)
    return path
