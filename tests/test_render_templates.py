"""The HTML templates live in the top-level templates/ folder and ship inside the wheel: built,
installed in a fresh virtual environment and rendered from there, away from this checkout."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT, RunCli

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


BRANDED_CSS = ":root { --hero: #0b6e4f; --font: 'Brand Sans', sans-serif; }\n"


def _team_folder(tmp_path: Path) -> Path:
    """A team's copy of two files: the stylesheet (its colours, after ours) and the base page
    (its logo); every other template must still come from journeykit."""
    team = tmp_path / "brand"
    team.mkdir()
    ours = (TEMPLATES / "style.css").read_text("utf-8")
    (team / "style.css").write_text(ours + BRANDED_CSS, encoding="utf-8")
    base = (TEMPLATES / "_base.html.j2").read_text("utf-8")
    logo = '<img class="logo" alt="Acme" src="data:image/svg+xml;base64,PHN2Zy8+">'
    (team / "_base.html.j2").write_text(base.replace("<body>\n", f"<body>\n{logo}\n"), "utf-8")
    return team


def test_templates_flag_overrides_files_and_falls_back_to_ours(cli: RunCli, tmp_path: Path) -> None:
    team = _team_folder(tmp_path)
    out = tmp_path / "branded.html"
    source = EXAMPLES / "hotel-stay.journey.yaml"
    result = cli("render", str(source), "-o", str(out), "--templates", str(team))
    assert result.exit_code == 0, result.stderr
    page = out.read_text("utf-8")
    assert 'class="logo" alt="Acme"' in page  # the team's _base.html.j2
    assert "--hero: #0b6e4f" in page  # the team's style.css
    assert 'id="map"' in page and "Journey map" in page  # our map.html.j2, not copied
    plain = tmp_path / "plain.html"
    assert cli("render", str(source), "-o", str(plain)).exit_code == 0
    assert "Acme" not in plain.read_text("utf-8")


def test_config_templates_is_relative_to_the_config_and_the_flag_wins(
    cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    team = _team_folder(tmp_path)
    (tmp_path / "journeykit.yaml").write_text("render:\n  templates: brand\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    source = str(EXAMPLES / "hotel-stay.journey.yaml")
    assert cli("render", source, "-o", "a.html").exit_code == 0
    assert "Acme" in (tmp_path / "sub" / "a.html").read_text("utf-8")
    other = tmp_path / "other"
    other.mkdir()
    (other / "style.css").write_text("body { color: #123456; }\n", encoding="utf-8")
    assert cli("render", source, "-o", "b.html", "--templates", str(other)).exit_code == 0
    page = (tmp_path / "sub" / "b.html").read_text("utf-8")
    assert "Acme" not in page and "#123456" in page
    assert team.is_dir()


@pytest.mark.parametrize(
    ("config", "flag", "message"),
    [("render:\n  templates: nowhere\n", None, "does not exist"),
     ("render:\n  templats: brand\n", None, "unknown render setting `templats`"),
     ("", "nowhere", "--templates nowhere: no such folder")],
)  # fmt: skip
def test_a_bad_templates_setting_is_exit_2(
    cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, config: str,
    flag: str | None, message: str,
) -> None:  # fmt: skip
    (tmp_path / "journeykit.yaml").write_text(config or "{}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    args = ["--templates", flag] if flag else []
    result = cli("render", str(EXAMPLES / "hotel-stay.journey.yaml"), "-o", "x.html", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (tmp_path / "x.html").exists()


def test_a_broken_team_template_is_exit_2_naming_the_file(cli: RunCli, tmp_path: Path) -> None:
    team = tmp_path / "brand"
    team.mkdir()
    (team / "_base.html.j2").write_text("<html>{% block body %}\n{% endfor %}\n", "utf-8")
    out = tmp_path / "x.html"
    result = cli("render", str(EXAMPLES / "hotel-stay.journey.yaml"), "-o", str(out),
                 "--templates", str(team))  # fmt: skip
    assert result.exit_code == 2
    assert "_base.html.j2:2" in result.stderr
    assert not out.exists()
