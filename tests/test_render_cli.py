"""``journey render`` end to end: formats, outputs, exit codes, atomic writes."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from journeykit.output import OutputError, OutputFolder, write_file
from tests.conftest import EXAMPLES, MINIMAL, RunCli
from tests.render_helpers import GOLDEN

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` not installed")
TODAY = ["--today", "2026-11-22"]


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "small.journey.yaml"
    shutil.copy(GOLDEN / "small.journey.yaml", path)
    return path


def _no_temp_files(folder: Path) -> None:
    assert not [p for p in folder.rglob("*.tmp")], list(folder.rglob("*"))


@pytest.mark.parametrize(
    ("suffix", "magic"),
    [(".html", b"<!DOCTYPE html>"), (".svg", b"<?xml"), (".png", b"\x89PNG\r\n\x1a\n"),
     (".pdf", b"%PDF-"), (".dot", b"digraph journey {"), (".mmd", b"journey\n")],
)  # fmt: skip
def test_format_follows_the_suffix(
    cli: RunCli, small: Path, tmp_path: Path, suffix: str, magic: bytes
) -> None:
    if suffix in (".svg", ".png", ".pdf") and shutil.which("dot") is None:
        pytest.skip("Graphviz `dot` not installed")
    out = tmp_path / "out" / f"map{suffix}"
    result = cli("render", str(small), "-o", str(out), *TODAY)
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes().startswith(magic)
    assert result.stdout == ""
    _no_temp_files(tmp_path)


@needs_dot
def test_svg_output_parses_as_xml(cli: RunCli, small: Path, tmp_path: Path) -> None:
    out = tmp_path / "flow.svg"
    assert cli("render", str(small), "-o", str(out)).exit_code == 0
    root = ET.fromstring(out.read_bytes())
    assert root.tag.endswith("svg")
    labels = " ".join("".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "Counter order" in labels and "MOMENT OF TRUTH" in labels and "HIGH" in labels


def test_explicit_format_wins_over_the_suffix(cli: RunCli, small: Path, tmp_path: Path) -> None:
    out = tmp_path / "diagram.txt"
    assert cli("render", str(small), "-o", str(out), "--format", "mermaid").exit_code == 0
    assert out.read_text("utf-8").startswith("journey\n")


def test_dash_writes_to_stdout(cli: RunCli, small: Path) -> None:
    result = cli("render", str(small), "-o", "-", "--format", "mermaid")
    assert result.exit_code == 0
    assert result.stdout == (GOLDEN / "small.mmd").read_text("utf-8")


def test_format_alone_writes_to_stdout(cli: RunCli, small: Path) -> None:
    result = cli("render", str(small), "--format", "dot")
    assert result.exit_code == 0
    assert result.stdout == (GOLDEN / "small.dot").read_text("utf-8")


def test_stdin_map_renders(cli: RunCli) -> None:
    result = cli("render", "-", "--format", "mermaid", input=MINIMAL)
    assert result.exit_code == 0
    assert "section Discover" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "x.txt"], "cannot tell the format"),
        (["-o", "-"], "say which format"),
        (["-o", "x.html", "--format", "jpeg"], "unknown format"),
        (["-o", "x.html", "--persona", "zed"], "no persona `zed`"),
        (["-o", "x.html", "--persona", "an"], "did you mean"),
        (["-o", "x.html", "--today", "yesterday"], "--today"),
    ],
)
def test_usage_errors_exit_2_and_write_nothing(
    cli: RunCli,
    small: Path,
    tmp_path: Path,
    args: list[str],
    message: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("render", str(small), *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["small.journey.yaml"]


def test_missing_file_exits_2(cli: RunCli, tmp_path: Path) -> None:
    result = cli("render", str(tmp_path / "nope.yaml"), "-o", str(tmp_path / "x.html"))
    assert result.exit_code == 2
    assert not (tmp_path / "x.html").exists()


def test_invalid_map_is_refused_with_the_validate_report(
    cli: RunCli, write_map: Callable[..., Path], tmp_path: Path
) -> None:
    bad = write_map(MINIMAL.replace("stage: buy", "stage: nowhere"), "bad.journey.yaml")
    out = tmp_path / "bad.html"
    result = cli("render", str(bad), "-o", str(out))
    assert result.exit_code == 1
    assert "nowhere" in result.stderr and "nothing rendered" in result.stderr
    assert result.stdout == ""
    assert not out.exists()


def test_one_invalid_map_in_a_folder_writes_nothing(
    cli: RunCli, write_map: Callable[..., Path], tmp_path: Path
) -> None:
    write_map(MINIMAL, "maps/good.journey.yaml")
    write_map(MINIMAL.replace("id: mini", "id: other").replace("score: 4", "score: 9"),
              "maps/bad.journey.yaml")  # fmt: skip
    result = cli("render", str(tmp_path / "maps"), "-o", str(tmp_path / "site"))
    assert result.exit_code == 1
    assert not (tmp_path / "site").exists()


def test_not_a_map_exits_2(cli: RunCli, write_map: Callable[..., Path], tmp_path: Path) -> None:
    path = write_map("- just\n- a list\n", "list.journey.yaml")
    assert cli("render", str(path), "-o", str(tmp_path / "x.html")).exit_code == 2


@pytest.mark.parametrize("fmt", ["svg", "png", "pdf"])
def test_missing_dot_exits_2_with_install_help(
    cli: RunCli, small: Path, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"flow.{fmt}"
    result = cli("render", str(small), "-o", str(out), env={"PATH": str(tmp_path / "empty")})
    assert result.exit_code == 2
    assert "Graphviz" in result.stderr and "apt-get install graphviz" in result.stderr
    assert not out.exists()


def test_html_without_dot_still_renders_with_a_note(
    cli: RunCli, small: Path, tmp_path: Path
) -> None:
    out = tmp_path / "map.html"
    result = cli("render", str(small), "-o", str(out), env={"PATH": str(tmp_path / "empty")})
    assert result.exit_code == 0
    assert "warning" in result.stderr
    html = out.read_text("utf-8")
    assert "needs Graphviz" in html and 'class="flow-svg"' not in html
    assert "Counter order" in html


def test_dot_and_mermaid_do_not_need_graphviz(cli: RunCli, small: Path, tmp_path: Path) -> None:
    for fmt in ("dot", "mermaid"):
        result = cli("render", str(small), "--format", fmt, env={"PATH": str(tmp_path)})
        assert result.exit_code == 0, result.stderr


def test_folder_renders_every_map_and_an_index(cli: RunCli, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = cli("render", str(EXAMPLES), "-o", str(site), *TODAY)
    assert result.exit_code == 0, result.stderr
    maps = sorted(EXAMPLES.glob("*.journey.yaml"))
    assert maps, "the examples are missing"
    written = sorted(p.name for p in site.iterdir())
    assert "index.html" in written and len(written) == len(maps) + 1
    index = (site / "index.html").read_text("utf-8")
    for name in written:
        if name != "index.html":
            assert f'href="{name}"' in index
            assert (site / name).read_text("utf-8").startswith("<!DOCTYPE html>")
    for heading in ("Owner", "Stages", "Touchpoints", "Open pain points", "Open actions"):
        assert f">{heading}</th>" in index
    assert "rendered 3 maps" in result.stderr
    _no_temp_files(tmp_path)


def test_folder_with_another_format(cli: RunCli, tmp_path: Path) -> None:
    site = tmp_path / "diagrams"
    assert cli("render", str(EXAMPLES), "-o", str(site), "--format", "mermaid").exit_code == 0
    assert all(p.suffix in (".mmd", ".html") for p in site.iterdir())
    assert (site / "hotel-stay.mmd").read_text("utf-8").startswith("journey\n")


def test_single_map_into_an_existing_folder(cli: RunCli, small: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    assert cli("render", str(small), "-o", f"{out}/", "--format", "mermaid").exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["small.mmd"]


def test_several_maps_to_stdout_is_refused(cli: RunCli, tmp_path: Path) -> None:
    result = cli("render", str(EXAMPLES), "-o", "-", "--format", "mermaid")
    assert result.exit_code == 2 and "one map" in result.stderr


def test_folder_output_onto_a_file_is_refused(cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "site"
    target.write_text("keep me")
    result = cli("render", str(EXAMPLES), "-o", str(target))
    assert result.exit_code == 2
    assert target.read_text() == "keep me"


def test_two_maps_with_one_id_are_refused(
    cli: RunCli, write_map: Callable[..., Path], tmp_path: Path
) -> None:
    write_map(MINIMAL, "maps/a.journey.yaml")
    write_map(MINIMAL, "maps/b.journey.yaml")
    result = cli("render", str(tmp_path / "maps"), "-o", str(tmp_path / "site"))
    assert result.exit_code == 2 and "`mini`" in result.stderr
    assert not (tmp_path / "site").exists()


def test_same_input_gives_byte_identical_output(cli: RunCli, small: Path, tmp_path: Path) -> None:
    for fmt in ("html", "dot", "mermaid", "svg"):
        if fmt == "svg" and shutil.which("dot") is None:
            continue
        first = cli("render", str(small), "--format", fmt, *TODAY).stdout
        second = cli("render", str(small), "--format", fmt, *TODAY).stdout
        assert first == second and first


def test_persona_limits_the_rendering(cli: RunCli, small: Path) -> None:
    result = cli("render", str(small), "--format", "mermaid", "--persona", "ann")
    assert result.stdout == (GOLDEN / "small.persona-ann.mmd").read_text("utf-8")
    html = cli("render", str(small), "--format", "html", "--persona", "ann", *TODAY).stdout
    assert "Ann Regular" in html and "Bo Visitor" not in html and "Shop window menu" not in html
    assert "<script>" not in html  # one persona: no switcher


# --------------------------------------------------------------------------- atomic writes


def test_a_failure_mid_write_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "map.html"
    target.write_bytes(b"old complete file")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OutputError, match="No space left"):
        write_file(target, b"new" * 100_000)
    assert target.read_bytes() == b"old complete file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.html"]


def test_an_interrupted_render_leaves_no_file(
    cli: RunCli, small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import journeykit.output as output

    real_replace = os.replace

    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(output.os, "replace", interrupted)
    out = tmp_path / "map.html"
    with contextlib.suppress(KeyboardInterrupt):  # click turns it into "Aborted!", exit 1
        assert cli("render", str(small), "-o", str(out), *TODAY).exit_code != 0
    monkeypatch.setattr(output.os, "replace", real_replace)
    assert not out.exists()
    _no_temp_files(tmp_path)


def test_written_files_get_normal_permissions(tmp_path: Path) -> None:
    target = tmp_path / "map.html"
    write_file(target, b"x")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


@pytest.mark.parametrize("name", ["../x.html", "a/b.html", "/etc/passwd", ".hidden.html", "x"])
def test_output_folder_refuses_names_that_leave_it(tmp_path: Path, name: str) -> None:
    with pytest.raises(OutputError):
        OutputFolder(tmp_path / "site").path_for(name)


def test_output_folder_refuses_a_symlink_out(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "map.html").symlink_to(tmp_path / "elsewhere.html")
    with pytest.raises(OutputError, match="outside"):
        OutputFolder(site).path_for("map.html")


def test_long_folder_runs_show_a_progress_bar(
    cli: RunCli, write_map: Callable[..., Path], tmp_path: Path
) -> None:
    for i in range(25):
        write_map(MINIMAL.replace("id: mini", f"id: map-{i:02d}"), f"maps/m{i:02d}.journey.yaml")
    result = cli("render", str(tmp_path / "maps"), "-o", str(tmp_path / "site"), "-f", "mermaid")
    assert result.exit_code == 0, result.stderr
    assert "rendering" in result.stderr and "25/25" in result.stderr
    assert result.stdout == ""
    assert len(list((tmp_path / "site").glob("*.mmd"))) == 25


def test_short_runs_off_a_terminal_show_no_progress_bar(cli: RunCli, tmp_path: Path) -> None:
    result = cli("render", str(EXAMPLES), "-o", str(tmp_path / "site"), "-f", "mermaid")
    assert "rendering" not in result.stderr


def test_a_map_whose_id_is_index_is_refused_in_a_folder_render(
    cli: RunCli, write_map: Callable[..., Path], tmp_path: Path
) -> None:
    write_map(MINIMAL, "maps/a.journey.yaml")
    write_map(MINIMAL.replace("id: mini", "id: index"), "maps/b.journey.yaml")
    result = cli("render", str(tmp_path / "maps"), "-o", str(tmp_path / "site"))
    assert result.exit_code == 2  # its page would be overwritten by the index page
    assert "`index`" in result.stderr and "index.html" in result.stderr
    assert not (tmp_path / "site").exists()
    # other formats do not collide with index.html; one map alone gets no index page
    mermaid = cli("render", str(tmp_path / "maps"), "-o", str(tmp_path / "mmd"), "-f", "mermaid")
    assert mermaid.exit_code == 0, mermaid.stderr
    assert (tmp_path / "mmd" / "index.mmd").exists()
    alone = cli("render", str(tmp_path / "maps" / "b.journey.yaml"), "-o", f"{tmp_path}/one/")
    assert alone.exit_code == 0 and (tmp_path / "one" / "index.html").exists()


def test_a_key_under_render_in_the_config_is_exit_2_at_its_location(
    cli: RunCli, small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "journeykit.yaml").write_text("render:\n  format: svg\n")
    monkeypatch.chdir(tmp_path)
    result = cli("render", str(small), "-o", "out.html")
    assert result.exit_code == 2
    assert result.stderr.startswith("journeykit.yaml:2:3: error [config] unknown render setting")
    assert not (tmp_path / "out.html").exists()


def test_unknown_persona_message_is_bounded(
    cli: RunCli, write_map: Callable[..., Path], tmp_path: Path
) -> None:
    many = "".join(f"  - {{id: p{i}, name: P{i}}}\n" for i in range(500))
    path = write_map(MINIMAL.replace("personas:\n", f"personas:\n{many}", 1))
    result = cli("render", str(path), "-f", "mermaid", "--persona", "p5000")
    assert result.exit_code == 2
    message = result.stderr.split(": no persona ", 1)[1]
    assert message == (
        "`p5000` in this map; did you mean `p50`? (personas: p0, p1, p2, p3, p4, p5, p6, p7, p8, "
        "p9, p10, p11, …)\n"
    )


@pytest.mark.parametrize("persona", [None, "bo"])
def test_the_index_shows_the_figures_of_each_page(
    cli: RunCli, tmp_path: Path, persona: str | None
) -> None:
    maps = tmp_path / "maps"
    maps.mkdir()
    text = (GOLDEN / "small.journey.yaml").read_text("utf-8")
    for name in ("one", "two"):
        (maps / f"{name}.journey.yaml").write_text(text.replace("id: small", f"id: {name}"))
    site = tmp_path / "site"
    args = ["--persona", persona] if persona else []
    assert cli("render", str(maps), "-o", str(site), *TODAY, *args).exit_code == 0
    index = (site / "index.html").read_text("utf-8")
    row = re.search(r'<a href="one.html">.*?</tr>', index, re.S)
    assert row is not None
    cells = re.findall(r'<td class="num">(.*?)</td>', row.group(0))
    mean, stages, touchpoints, pains = (re.sub(r"<[^>]+>", "", c) for c in cells[:4])
    page = (site / "one.html").read_text("utf-8")

    def figure(name: str) -> str:
        pattern = rf'"value">([^<]+)(?:<small>/5</small>)?</span> <span class="name">{name}<'
        found = re.search(pattern, page)
        assert found is not None, name
        return found.group(1)

    assert (mean, stages, touchpoints, pains) == (
        f"{figure('Mean experience score')}/5", figure("Stages"), figure("Touchpoints"),
        figure("Open pain points"),
    )  # fmt: skip
    # Bo sees three touchpoints (scored 4, 3, 4) and none of Ann's pains
    expected = ("3.5/5", "3", "4", "1") if persona is None else ("3.7/5", "3", "3", "0")
    assert (mean, stages, touchpoints, pains) == expected


def test_a_pipe_as_output_is_written_into_not_replaced(
    cli: RunCli, small: Path, tmp_path: Path
) -> None:
    # like -o /dev/stdout or /dev/null: renaming a temp file over them replaced the device (as root)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # so that opening to write does not block
    try:
        result = cli("render", str(small), "-o", str(fifo), "-f", "mermaid")
        assert result.exit_code == 0, result.stderr
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
        assert os.read(reader, 1 << 16) == (GOLDEN / "small.mmd").read_bytes()
    finally:
        os.close(reader)
    _no_temp_files(tmp_path)


def test_a_symlink_as_output_is_written_through(cli: RunCli, small: Path, tmp_path: Path) -> None:
    real = tmp_path / "versions" / "v3.mmd"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "latest.mmd"
    link.symlink_to(real)
    assert cli("render", str(small), "-o", str(link)).exit_code == 0
    assert link.is_symlink() and link.resolve() == real
    assert real.read_bytes() == (GOLDEN / "small.mmd").read_bytes()
    _no_temp_files(tmp_path)


def test_help_lists_the_formats_of_the_registry(cli: RunCli) -> None:
    from journeykit.render import FORMATS

    text = " ".join(cli("render", "--help", env={"COLUMNS": "200"}).stdout.split())
    assert f"Output format: {', '.join(FORMATS)} (default: from -o)." in text
