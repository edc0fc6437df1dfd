"""No command writes over its own input: a map, a file it includes, the config, the sheet or the
diagram it reads, whatever spelling, symbolic or hard link names it; and ``journey init`` never
writes through a link out of its folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from journeykit import scaffold

from .conftest import EXAMPLES, MINIMAL, RunCli

posix = pytest.mark.skipif(os.name != "posix", reason="symbolic and hard links")
SHEET = "stage,id,name,channel,owner\ndiscover,ad,Ad,social,Marketing\n"
DIAGRAM = "journey\n  title Buy\n  section Find\n    Search: 4: Ann\n"


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))


def _kept(result_stderr: str, exit_code: int, *files: tuple[Path, bytes]) -> None:
    assert exit_code == 2, result_stderr
    assert "refusing to write" in result_stderr and "Traceback" not in result_stderr
    for path, before in files:
        assert path.read_bytes() == before, f"{path} was changed"


def _map(name: str = "m.journey.yaml") -> tuple[Path, bytes]:
    path = Path(name)
    path.write_text(MINIMAL, encoding="utf-8")
    return path, path.read_bytes()


SPELLINGS = ["m.journey.yaml", "./m.journey.yaml", "sub/../m.journey.yaml"]


@pytest.mark.parametrize("fmt", ["html", "mermaid", "dot"])
@pytest.mark.parametrize("spelling", SPELLINGS)
def test_render_over_its_map_is_refused(cli: RunCli, fmt: str, spelling: str) -> None:
    Path("sub").mkdir()
    kept = _map()
    result = cli("render", "m.journey.yaml", "--format", fmt, "-o", spelling)
    _kept(result.stderr, result.exit_code, kept)
    assert "it would replace the map m.journey.yaml" in result.stderr


@posix
@pytest.mark.parametrize("link", [os.symlink, os.link])
def test_links_to_the_map_are_the_map(cli: RunCli, link: object) -> None:
    kept = _map()
    link("m.journey.yaml", "other.html")  # type: ignore[operator]
    result = cli("render", "m.journey.yaml", "-o", "other.html")
    _kept(result.stderr, result.exit_code, kept)
    exported = cli("export", "csv", "m.journey.yaml", "-o", "other.html", "--force")
    _kept(exported.stderr, exported.exit_code, kept)


def test_render_over_an_included_file_or_the_config_is_refused(cli: RunCli) -> None:
    shutil.copy(EXAMPLES / "online-shop-first-purchase.journey.yaml", "shop.journey.yaml")
    shutil.copy(EXAMPLES / "personas.yaml", "personas.yaml")
    Path("journeykit.yaml").write_text("rules: {}\n", encoding="utf-8")
    library = (Path("personas.yaml"), Path("personas.yaml").read_bytes())
    config = (Path("journeykit.yaml"), Path("journeykit.yaml").read_bytes())
    result = cli("render", "shop.journey.yaml", "--format", "mermaid", "-o", "personas.yaml")
    _kept(result.stderr, result.exit_code, library)
    assert "personas.yaml (included by shop.journey.yaml)" in result.stderr
    result = cli("render", "shop.journey.yaml", "--format", "mermaid", "-o", "journeykit.yaml")
    _kept(result.stderr, result.exit_code, config)
    exported = cli("export", "csv", "shop.journey.yaml", "-o", "personas.yaml", "--force")
    _kept(exported.stderr, exported.exit_code, library)


def test_a_folder_render_over_a_map_writes_nothing(cli: RunCli) -> None:
    """A map whose file is named like its rendering (<id>.html) in the output folder."""
    Path("site").mkdir()
    kept = _map("site/mini.html")
    Path("site/other.journey.yaml").write_text(MINIMAL.replace("id: mini", "id: other"))
    result = cli("render", "site/mini.html", "site/other.journey.yaml", "-o", "site/")
    _kept(result.stderr, result.exit_code, kept)
    assert sorted(p.name for p in Path("site").iterdir()) == ["mini.html", "other.journey.yaml"]


def test_export_csv_over_its_map_is_refused_even_with_force(cli: RunCli) -> None:
    kept = _map()
    result = cli("export", "csv", "m.journey.yaml", "-o", "m.journey.yaml", "--force")
    _kept(result.stderr, result.exit_code, kept)


@posix
def test_import_csv_into_its_own_sheet_is_refused(cli: RunCli) -> None:
    Path("s.csv").write_text(SHEET, encoding="utf-8")
    kept = (Path("s.csv"), Path("s.csv").read_bytes())
    os.symlink("s.csv", "new.journey.yaml")
    result = cli("import", "csv", "s.csv", "--into", "new.journey.yaml")
    _kept(result.stderr, result.exit_code, kept)
    assert "the sheet s.csv" in result.stderr
    same = cli("import", "csv", "s.csv", "--into", "./s.csv")
    _kept(same.stderr, same.exit_code, kept)


def test_import_mermaid_over_its_diagram_is_refused(cli: RunCli) -> None:
    Path("README.md").write_text(f"# Us\n\n```mermaid\n{DIAGRAM}```\n", encoding="utf-8")
    kept = (Path("README.md"), Path("README.md").read_bytes())
    result = cli("import", "mermaid", "README.md", "-o", "README.md", "--force")
    _kept(result.stderr, result.exit_code, kept)
    assert "the diagram file README.md" in result.stderr


@posix
def test_init_force_replaces_a_link_out_of_its_folder_not_the_file(cli: RunCli) -> None:
    Path("outside.yaml").write_text("mine: 1\n", encoding="utf-8")
    Path("h").mkdir()
    os.symlink("../outside.yaml", "h/journeykit.yaml")
    refused = cli("init", "h", "--no-git")
    assert refused.exit_code == 1, refused.stderr
    assert "symbolic link to" in refused.stderr and "--force" in refused.stderr
    assert Path("h/journeykit.yaml").is_symlink()
    result = cli("init", "h", "--force", "--no-git")
    assert result.exit_code == 0, result.stderr
    assert Path("outside.yaml").read_text(encoding="utf-8") == "mine: 1\n"
    assert not Path("h/journeykit.yaml").is_symlink()
    assert "rules:" in Path("h/journeykit.yaml").read_text(encoding="utf-8")
    assert "which is left alone" in result.stdout


@posix
def test_init_appends_to_no_gitattributes_out_of_its_folder(cli: RunCli) -> None:
    Path("attributes").write_text("*.png binary\n", encoding="utf-8")
    Path("h").mkdir()
    os.symlink("../attributes", "h/.gitattributes")
    result = cli("init", "h", "--no-git")
    assert result.exit_code == 1, result.stderr
    assert Path("attributes").read_text(encoding="utf-8") == "*.png binary\n"


@posix
def test_init_refuses_a_folder_link_out_of_its_folder(cli: RunCli) -> None:
    Path("elsewhere").mkdir()
    Path("h").mkdir()
    os.symlink("../elsewhere", "h/journeys")
    result = cli("init", "h", "--force", "--no-git")
    assert result.exit_code == 2, result.stderr
    assert "outside h" in result.stderr
    assert list(Path("elsewhere").iterdir()) == []
    assert not Path("h/journeykit.yaml").exists()


def test_init_never_writes_over_its_templates(
    cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run in the template folder itself, init would write the filled copy over the template."""
    copies = tmp_path / "templates"
    sources = scaffold._sources(scaffold.Template.shop)
    shown = []
    for source, target in sources:
        copy = copies / target
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes(source.read_bytes())
        shown.append((copy, target))
    monkeypatch.setattr(scaffold, "_sources", lambda template: shown)
    before = {copy: copy.read_bytes() for copy, _ in shown}
    result = cli("init", str(copies), "--force", "--no-git")
    assert result.exit_code == 2, result.stdout
    assert "the template file" in result.stderr
    assert {copy: copy.read_bytes() for copy, _ in shown} == before
