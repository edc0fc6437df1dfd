"""A map whose every free-text field holds markup, an event handler, DOT and Mermaid delimiters,
template syntax and a newline: each rendering shows every payload as text and runs none of it."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from journeykit.render import FORMATS
from journeykit.render.graphviz import build_dot, run_dot
from journeykit.render.mermaid import build_mermaid
from tests.render_helpers import GOLDEN, journey, options, visible

HOSTILE = "hostile.journey.yaml"
PAYLOAD_START = "<script>window.__pwned=1</script>"


def _payloads() -> dict[str, str]:
    """tag -> the full text of the field that starts with that tag."""
    data = yaml.safe_load((GOLDEN / HOSTILE).read_text("utf-8"))
    found: dict[str, str] = {}

    def walk(value: object) -> None:
        if isinstance(value, str) and PAYLOAD_START in value:
            found[value.split(" ", 1)[0]] = value
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(k)
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(data)
    return found


PAYLOADS = _payloads()


def _norm(text: str) -> str:
    return " ".join(text.split())


def test_the_hostile_map_covers_every_kind_of_payload() -> None:
    assert len(PAYLOADS) >= 35
    for text in PAYLOADS.values():
        for piece in ('onerror="', '"];', "{{ 7*7 }}", "{% if 1 %}", "\n", "<b>", "#", ";", ":"):
            assert piece in text


@pytest.fixture(scope="module")
def html() -> str:
    return FORMATS["html"].render(journey(HOSTILE), options()).decode("utf-8")


@pytest.mark.parametrize("tag", sorted(PAYLOADS))
def test_html_shows_each_payload_as_text(html: str, tag: str) -> None:
    assert _norm(PAYLOADS[tag]) in visible(html).text


def test_html_runs_no_payload(html: str) -> None:
    page = visible(html)
    scripts = [attrs for tag, attrs in page.elements if tag == "script"]
    assert len(scripts) == 1  # ours, the persona switcher
    for tag, attrs in page.elements:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert tag not in ("img", "b", "iframe", "object", "embed")
    assert "49" not in page.text.split("{{ 7*7 }}")[0][-5:]  # the template was not evaluated
    assert "<script>window" not in html  # every payload escaped


def test_dot_keeps_every_payload_and_dot_parses_it() -> None:
    source = build_dot(journey(HOSTILE), options())
    for line in source.splitlines():  # every label is an HTML-like label: no raw quote inside
        for label in re.findall(r"label=<(.*)>", line):
            assert '"]' not in label and "<script" not in label
    if shutil.which("dot") is None:
        pytest.skip("Graphviz `dot` is not installed")
    svg = run_dot(source, "svg")
    root = ET.fromstring(svg)
    texts = root.iter("{http://www.w3.org/2000/svg}text")
    # lines are wrapped (long words too), so compare without any white space
    text = "".join("".join(t.itertext()) for t in texts)
    text = "".join(text.split())
    for tag in ("title", "stage1", "stage2", "touch1", "touch2", "towner"):
        assert "".join(PAYLOADS[tag].split()) in text, tag
    assert "".join(PAYLOADS["pain"].split())[:100] in text  # notes are cut to 150 characters


def test_mermaid_keeps_every_name_on_one_safe_line() -> None:
    text = build_mermaid(journey(HOSTILE), options())
    lines = text.splitlines()
    assert lines[0] == "journey"
    assert [ln.split()[0] for ln in lines[1:]] == [
        "title", "section", "touch1", "section", "touch2",
    ]  # fmt: skip
    for line in lines[2:]:
        name = line.strip()
        bare = re.sub(r"#\w+;", "", name)  # Mermaid's entity codes, replaced before it parses
        assert "#" not in bare and ";" not in bare
        assert "%%" not in name
        assert "<" not in name and ">" not in name  # no markup for a loosely secured page
    tasks = [ln.strip() for ln in lines if ln.startswith(" " * 8)]
    for task in tasks:
        name, score, *actors = task.split(":")
        assert "#60;script#62;window.__pwned=1#60;/script#62;" in name
        assert score.strip() in {"1", "2", "3", "4", "5"}
        assert len(actors) == 1 and actors[0].count(",") + 1 in (1, 2)


@pytest.mark.parametrize("fmt", ["svg"])
def test_svg_of_the_hostile_map_parses_as_xml(fmt: str) -> None:
    if shutil.which("dot") is None:
        pytest.skip("Graphviz `dot` is not installed")
    data = FORMATS[fmt].render(journey(HOSTILE), options())
    root = ET.fromstring(data)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert not list(root.iter("{http://www.w3.org/2000/svg}script"))


def test_dot_cli_accepts_the_hostile_dot_file(tmp_path: Path) -> None:
    if shutil.which("dot") is None:
        pytest.skip("Graphviz `dot` is not installed")
    path = tmp_path / "h.dot"
    path.write_bytes(FORMATS["dot"].render(journey(HOSTILE), options()))
    done = subprocess.run(["dot", "-Tplain", str(path)], capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert not done.stderr.strip()
