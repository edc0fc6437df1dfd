"""The flow's layouts: a 16-touchpoint map is no longer a strip (issue 16)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from journeykit.render import RenderOptions
from journeykit.validate import load
from tests.conftest import EXAMPLES, FIXTURES, RunCli

SIXTEEN = FIXTURES / "render" / "music-premium.journey.yaml"
pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz dot")


def _svg_size(path: Path) -> tuple[float, float]:
    head = path.read_text("utf-8")[:2000]
    width = re.search(r'<svg[^>]*\swidth="([\d.]+)pt"', head, re.S)
    height = re.search(r'<svg[^>]*\sheight="([\d.]+)pt"', head, re.S)
    assert width and height, head
    return float(width.group(1)), float(height.group(1))


def _render(cli: RunCli, tmp_path: Path, source: Path, *args: str) -> tuple[float, float]:
    out = tmp_path / f"flow{len(list(tmp_path.iterdir()))}.svg"
    result = cli("render", str(source), "-o", str(out), *args)
    assert result.exit_code == 0, result.stderr
    return _svg_size(out)


def test_the_map_has_sixteen_touchpoints() -> None:
    loaded = load(SIXTEEN)
    assert loaded.valid and loaded.journey is not None
    assert len(loaded.journey.touchpoints) == 16


def test_auto_is_the_default_and_fits_a_slide_or_page(cli: RunCli, tmp_path: Path) -> None:
    width, height = _render(cli, tmp_path, SIXTEEN)
    assert max(width, height) / min(width, height) <= 2.5
    assert (width, height) == _render(cli, tmp_path, SIXTEEN, "--layout", "auto")


def test_lr_keeps_the_strip(cli: RunCli, tmp_path: Path) -> None:
    width, height = _render(cli, tmp_path, SIXTEEN, "--layout", "lr")
    assert width / height > 10  # today's drawing: one long strip


def test_tb_runs_top_to_bottom(cli: RunCli, tmp_path: Path) -> None:
    width, height = _render(cli, tmp_path, SIXTEEN, "--layout", "tb")
    assert height > width


def test_wrap_puts_stages_in_rows_in_journey_order(cli: RunCli, tmp_path: Path) -> None:
    from journeykit.render.graphviz import Layout, build_dot, run_dot

    width, height = _render(cli, tmp_path, SIXTEEN, "--layout", "wrap")
    assert max(width, height) / min(width, height) <= 2.5
    journey = load(SIXTEEN).journey
    assert journey is not None
    plain = run_dot(build_dot(journey, RenderOptions(), layout=Layout("wrap", 3)), "plain")
    where = {}
    for line in plain.decode("utf-8").splitlines():
        parts = line.split()
        if parts[0] == "node" and parts[1].startswith('"tp:'):
            where[parts[1][4:-1]] = (float(parts[2]), float(parts[3]))
    rows: dict[float, list[str]] = {}
    for tp in journey.touchpoints:  # file order is journey order in this map
        rows.setdefault(round(where[tp.id][1], 1), []).append(tp.id)
    assert len(rows) == 3
    for ids in rows.values():  # left to right within a row
        xs = [where[i][0] for i in ids]
        assert xs == sorted(xs), ids
    tops = sorted(rows, reverse=True)  # y grows upwards in plain output
    firsts = [rows[y][0] for y in tops]
    order = [tp.id for tp in journey.touchpoints]
    assert firsts == sorted(firsts, key=order.index)


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.journey.yaml")))
def test_auto_fits_every_example(cli: RunCli, tmp_path: Path, example: str) -> None:
    width, height = _render(cli, tmp_path, EXAMPLES / example)
    assert max(width, height) / min(width, height) <= 2.5


def test_png_and_pdf_take_the_layout_too(cli: RunCli, tmp_path: Path) -> None:
    import struct

    out = tmp_path / "flow.png"
    assert cli("render", str(SIXTEEN), "-o", str(out)).exit_code == 0
    width, height = struct.unpack(">II", out.read_bytes()[16:24])
    assert max(width, height) / min(width, height) <= 2.5


def test_dot_source_stays_left_to_right_unless_asked(cli: RunCli, tmp_path: Path) -> None:
    plain = cli("render", str(SIXTEEN), "-f", "dot", "-o", "-")
    assert "rankdir=LR" in plain.stdout
    wrapped = cli("render", str(SIXTEEN), "-f", "dot", "-o", "-", "--layout", "wrap")
    assert "rankdir=TB" in wrapped.stdout and "rank=same" in wrapped.stdout


def test_unknown_layout_is_exit_2(cli: RunCli, tmp_path: Path) -> None:
    result = cli("render", str(SIXTEEN), "-o", str(tmp_path / "x.svg"), "--layout", "grid")
    assert result.exit_code == 2 and "auto, lr, tb, wrap" in result.stderr
