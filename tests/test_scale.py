"""Big honest maps are accepted; alias bombs are still refused, fast.

The wall-clock limits here only protect against a hang (they are generous); speed is measured by
benchmarks/bench_scale.py, not asserted.
"""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest

from journeykit import loader
from journeykit.loader import ALIAS_CEILING, ALIAS_FACTOR, ALIAS_SLACK, parse_text
from journeykit.validate import load

from .conftest import RunCli

HANG_GUARD_SECONDS = 20

HEAD = """\
journeykit: 1
id: big
title: A service blueprint with many touchpoints
personas:
  - {id: ann, name: Ann}
  - {id: bob, name: Bob}
stages:
  - {id: find, name: Find}
  - {id: use, name: Use}
touchpoints:
"""

TOUCHPOINT = """\
  - id: t{n}
    name: Step {n}
    stage: {stage}
    experiences: [{{persona: ann, score: {a}}}, {{persona: bob, score: {b}}}]
"""


def big_map(touchpoints: int) -> str:
    body = "".join(
        TOUCHPOINT.format(
            n=n,
            stage="find" if n < touchpoints // 2 else "use",
            a=1 + n % 5,
            b=1 + (n * 7) % 5,
        )
        for n in range(touchpoints)
    )
    return HEAD + body


def test_a_20000_touchpoint_map_validates(tmp_path: Path) -> None:
    path = tmp_path / "big.journey.yaml"
    path.write_text(big_map(20_000), encoding="utf-8")
    start = time.perf_counter()
    loaded = load(path)
    assert time.perf_counter() - start < HANG_GUARD_SECONDS * 3
    assert loaded.problems == []
    assert loaded.valid
    assert len(loaded.journey.touchpoints) == 20_000
    assert loaded.journey.touchpoints[-1].experiences[1].score == 1 + (19_999 * 7) % 5
    # far more values than the old absolute cap of 250,000 allowed
    assert _count(loaded.raw) > 250_000


def _count(value: object) -> int:
    if isinstance(value, dict):
        return 1 + sum(_count(v) + 1 for v in value.values())
    if isinstance(value, list):
        return 1 + sum(_count(v) for v in value)
    return 1


def billion_laughs(levels: int = 12) -> str:
    lines = ["journeykit: 1", "id: lol", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol"]']
    prev = "a"
    for i in range(levels):
        name = f"l{i}"
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
        prev = name
    return "\n".join(lines) + "\n"


def mostly_aliases(written: int, aliases: int) -> str:
    """One anchored list of ``written`` values, then ``aliases`` aliases of it."""
    anchor = "[" + ", ".join(str(i) for i in range(written)) + "]"
    return f"journeykit: 1\nid: many\nx: &x {anchor}\ny:\n" + "".join(
        "  - *x\n" for _ in range(aliases)
    )


@pytest.mark.parametrize(
    "text",
    [
        billion_laughs(),
        billion_laughs(30),  # 9**30 values if expanded: refused as early
        mostly_aliases(1_000, 2_000),  # 2,000,000 values from 3,000 written
        mostly_aliases(50, 100_000),  # a long file that is nearly all aliases
    ],
    ids=["billion-laughs", "billion-laughs-30", "mostly-aliases", "nearly-all-aliases"],
)
def test_alias_bombs_are_refused_fast(text: str, tmp_path: Path) -> None:
    path = tmp_path / "bomb.journey.yaml"
    path.write_text(text, encoding="utf-8")
    start = time.perf_counter()
    loaded = load(path)
    assert time.perf_counter() - start < HANG_GUARD_SECONDS
    assert [p.code for p in loaded.problems] == ["too-large"]
    assert "alias" in loaded.problems[0].message
    assert loaded.raw is None and not loaded.valid


def test_the_alias_bound_grows_with_what_is_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """Aliases within ten times the written values pass; the ceiling stops even a large file."""
    ok = parse_text(mostly_aliases(100, 50), "ok")  # 5,000 from 150 written: within the slack
    assert ok.problems == [] and len(ok.data["y"]) == 50
    per_alias = 1_000
    aliases = (ALIAS_SLACK + 200_000) // (per_alias - ALIAS_FACTOR)  # well past the multiple
    over = parse_text(mostly_aliases(per_alias, aliases), "over")
    assert [p.code for p in over.problems] == ["too-large"]
    # a document with many written values may reuse an anchor often (up to the factor)
    text = "a: &a [1, 2, 3]\nfill: [" + ", ".join(["0"] * 30_000) + "]\nb:\n" + "  - *a\n" * 40_000
    assert parse_text(text, "reuse").problems == []
    monkeypatch.setattr(loader, "ALIAS_CEILING", 100_000)
    capped = parse_text(text, "reuse")
    assert [p.code for p in capped.problems] == ["too-large"]
    assert ALIAS_CEILING > 100_000


def _words(markup: str) -> str:
    """The text of DOT or SVG markup: tags (and line breaks) as spaces, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]*>", " ", markup).split())


def test_a_flow_too_large_to_read_shows_its_stages(tmp_path: Path, cli: RunCli) -> None:
    """Past MAX_FLOW_BOXES the flow is one box per stage, and says why, instead of asking dot
    for a minute of layout nobody can read."""
    from journeykit.render.graphviz import MAX_FLOW_BOXES

    big = tmp_path / "big.journey.yaml"
    big.write_text(big_map(MAX_FLOW_BOXES + 1), encoding="utf-8")
    dot = cli("render", str(big), "-f", "dot", "-o", "-")
    assert dot.exit_code == 0, dot.stderr
    assert '"stage:find"' in dot.stdout and '"stage:use"' in dot.stdout
    assert '"tp:t0"' not in dot.stdout
    assert f"more than a readable flow holds ({MAX_FLOW_BOXES})" in _words(dot.stdout)
    assert "201 touchpoints" in dot.stdout  # the counts per stage
    small = tmp_path / "small.journey.yaml"
    small.write_text(big_map(MAX_FLOW_BOXES // 2), encoding="utf-8")
    full = cli("render", str(small), "-f", "dot", "-o", "-").stdout
    assert '"tp:t0"' in full and "stage:" not in full and "readable flow" not in full


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed")
def test_the_html_page_says_the_flow_is_simplified(
    tmp_path: Path, cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journeykit.render import dot

    monkeypatch.setattr(dot, "MAX_FLOW_BOXES", 3)
    path = tmp_path / "m.journey.yaml"
    path.write_text(big_map(4), encoding="utf-8")
    out = tmp_path / "m.html"
    result = cli("render", str(path), "-o", str(out), "--today", "2026-11-22")
    assert result.exit_code == 0, result.stderr
    page = out.read_text("utf-8")
    assert "more than a readable flow holds (3)" in _words(page)
    assert "<title>stage:find</title>" in page


@pytest.mark.parametrize(
    "command",
    [
        ["validate"],
        ["lint", "--today", "2026-11-22"],
        ["score", "--today", "2026-11-22"],
        ["score", "--today", "2026-11-22", "-f", "json"],
        ["render", "--today", "2026-11-22", "-o", "SITE"],
    ],
    ids=["validate", "lint", "score", "score-json", "render"],
)
def test_commands_hold_one_map_at_a_time(
    command: list[str], tmp_path: Path, cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When a map is loaded, the maps loaded before it are gone but the last one (still bound to
    the loop's variable until the next map arrives): memory stays flat over any number."""
    import weakref

    from journeykit import runner, validate

    folder = tmp_path / "maps"
    for n in range(4):
        text = big_map(3).replace("id: big", f"id: big-{n}")
        (folder / f"m{n}.journey.yaml").parent.mkdir(exist_ok=True)
        (folder / f"m{n}.journey.yaml").write_text(text, encoding="utf-8")
    alive: list[weakref.ref[object]] = []
    loads = []
    real = validate.load

    def watched(*args: object, **kwargs: object) -> object:
        held = [ref for ref in alive if ref() is not None]
        assert len(held) <= 1, f"{len(held)} earlier maps still held"
        loaded = real(*args, **kwargs)  # type: ignore[arg-type]
        alive.append(weakref.ref(loaded))
        loads.append(loaded.path)
        return loaded

    monkeypatch.setattr(runner, "load", watched)
    monkeypatch.setattr(validate, "load", watched)
    args = [str(tmp_path / "site") if a == "SITE" else a for a in command]
    result = cli(*args, str(folder))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert len(loads) >= 4


def test_a_failed_folder_render_writes_nothing(
    tmp_path: Path, cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rendering map by map keeps the promise: a failure on a later map leaves no file."""
    from journeykit.render import FORMATS, RenderError

    folder = tmp_path / "maps"
    folder.mkdir()
    for n in range(3):
        (folder / f"m{n}.journey.yaml").write_text(
            big_map(2).replace("id: big", f"id: big-{n}"), encoding="utf-8"
        )
    real = FORMATS["mermaid"].render
    calls = []

    def flaky(journey: object, options: object) -> bytes:
        calls.append(journey)
        if len(calls) == 3:
            raise RenderError("the third map failed")
        return real(journey, options)  # type: ignore[arg-type]

    monkeypatch.setattr(type(FORMATS["mermaid"]), "render", lambda self, j, o: flaky(j, o))
    site = tmp_path / "site"
    result = cli("render", str(folder), "-f", "mermaid", "-o", str(site))
    assert result.exit_code == 2 and "the third map failed" in result.stderr
    assert list(site.iterdir()) == []  # no rendering, no index, no hidden staging folder
