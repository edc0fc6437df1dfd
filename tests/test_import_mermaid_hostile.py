"""Hostile input never crashes or hangs the Mermaid import, and whatever it imports is valid."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeykit.interop.mermaid_import import ImportResult, import_mermaid
from journeykit.validate import load
from tests.conftest import RunCli

TODAY = dt.date(2026, 11, 22)


def _import(data: bytes, name: str = "x.mmd") -> ImportResult:
    result = import_mermaid(data, name, TODAY)
    for m in result.maps:
        loaded = load("-", data=m.text.encode("utf-8"))
        assert loaded.valid and not loaded.problems, [p.message for p in loaded.problems]
    return result


def test_invalid_utf8_is_replaced_with_a_warning() -> None:
    result = _import(b"journey\nsection S\nCaf\xe9: 4: Me\n\xff\xfe: 3: You\n")
    assert [(p.line, p.column, p.code) for p in result.problems] == [(3, 4, "encoding")]
    assert [t["name"] for t in result.maps[0].data["touchpoints"]] == ["Caf\ufffd", "\ufffd\ufffd"]


def test_a_binary_file_is_no_diagram() -> None:
    data = bytes(range(256)) * 64 + os.urandom(4096)
    for name in ("x.bin", "x.mmd", "x.md", "x.html"):
        assert _import(data, name).maps == []


def test_a_binary_file_on_the_cli_exits_2(cli: RunCli, tmp_path: Path) -> None:
    blob = tmp_path / "blob.png"
    blob.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)
    done = cli("import", "mermaid", str(blob))
    assert done.exit_code == 2
    assert "Traceback" not in done.stderr


def test_control_characters_and_placeholders_in_names() -> None:
    text = "journey\ntitle \x00T\x1b[31m\nsection \x7f\u2028S\nA\x00\ue000x\ue001: 4: B\x85, \x0c\n"
    data = _import(text.encode("utf-8")).maps[0].data
    assert data["title"] == "T [31m"
    assert data["touchpoints"][0]["name"] == "A \ufffdx\ufffd"


def test_entity_codes_for_controls_and_surrogates_are_kept_as_text() -> None:
    text = "journey\nsection S\nA #0; #55296; #1114112; #10;B: 4: #13;Me\n"
    data = _import(text.encode()).maps[0].data
    assert data["touchpoints"][0]["name"] == "A #0; #55296; #1114112;  B"
    assert data["personas"][0]["name"] == "Me"


def test_five_megabytes_on_one_line_is_too_large_for_a_map() -> None:
    line = ("Make tea: 5: Me, You; " * 240_000).encode()
    result = _import(b"journey\nsection S\n" + line)
    assert result.maps == []
    assert [(p.line, p.code) for p in result.problems] == [(1, "too-large")]


def test_a_map_just_too_large_to_import_is_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the quick check on the number of tasks, the values of the map built are counted."""
    from journeykit.interop import mermaid_import

    monkeypatch.setattr(mermaid_import, "MAX_VALUES", 100_000)
    body = "".join(f"T{n}: 3: A, B, C, D, E, F, G, H\n" for n in range(5_000))
    assert 5_000 * mermaid_import.TOUCHPOINT_VALUES < mermaid_import.MAX_VALUES
    result = _import(("journey\nsection S\n" + body).encode())
    assert [p.code for p in result.problems] == ["too-large"]
    small = _import(("journey\nsection S\n" + body[: len(body) // 10]).encode())
    assert [p.code for p in small.problems] == [] and len(small.maps) == 1


def test_five_megabytes_of_pathological_markup() -> None:
    for chunk in ("<div<div class=", '<div class="', "```\n", "~~~~", "<pre class=mermaid>", ">"):
        data = (chunk * (5_000_000 // len(chunk))).encode()
        for name in ("x.md", "-"):  # embedded, and bare after nothing is found embedded
            _import(data, name)


def test_five_megabytes_of_pathological_diagram_text() -> None:
    for chunk in ("<div<div class=", "#a", "%%{", ":", ";", " ", "#1", "\t%", "a,", "#9829;"):
        body = "journey\nsection S\nT" + chunk * (5_000_000 // len(chunk)) + ": 3"
        result = _import(body.encode(), "x.mmd")
        assert len(result.maps) == 1
        assert len(result.maps[0].text) < 20_000  # long names are shortened, with a warning
        _import(f"```mermaid\n{body}\n```\n".encode(), "x.md")


def test_long_names_are_shortened_with_a_warning() -> None:
    text = f"journey\ntitle {'t' * 600}\nsection S\n{'n' * 501}: 3: {'a' * 500}\n"
    result = _import(text.encode())
    data = result.maps[0].data
    assert len(data["title"]) == len(data["touchpoints"][0]["name"]) == 500
    assert data["touchpoints"][0]["name"].endswith("n…")
    assert data["personas"][0]["name"] == "a" * 500
    assert [(p.line, p.code) for p in result.problems] == [(1, "too-long"), (4, "too-long")]


def test_ten_thousand_tasks_with_the_same_name() -> None:
    body = "".join(f"    Same task: {n % 7}: Actor {n % 13}\n" for n in range(10_000))
    result = _import(("journey\n  section S\n" + body).encode())
    ids = [t["id"] for t in result.maps[0].data["touchpoints"]]
    assert len(set(ids)) == 10_000 and ids[-1] == "same-task-10000"


def test_a_fence_never_closed_and_blocks_never_closed() -> None:
    for text in (
        "```mermaid\njourney\nsection S\nT: 3\n",
        '<div class="mermaid">journey\nsection S\nT: 3\n',
        "journey\n%%{init: {\nsection S\nT: 3\n",
        "journey\naccDescr {\nsection S\nT: 3\n",
        "---\ntitle: x\njourney\nsection S\nT: 3\n",
    ):
        _import(text.encode(), "x.md")


def test_deeply_weird_lines() -> None:
    text = "\n".join([
        "journey", "::::", ": 5: Me", "section", "section  ", "title", "title ", "accTitle:",
        "accDescr:", "accDescr{}", ";;;;", "%%", "%%{}%%", "#", "\ufeff", "journey journey",
        "\x00: 3", "section :", ": :", "T: 5: ,,,", "T: 5::::", "T:" + "9" * 5000 + ": A",
        "T: 1e999999: A", "T: -0: A", "T: .5: A", "T: 5.: A", "   \t  ", "}%%", "```",
    ])  # fmt: skip
    result = _import(text.encode())
    assert len(result.maps) == 1


_WORDS = st.sampled_from([
    "journey", "title ", "section ", "accTitle: ", "accDescr: ", "accDescr {", "}", "%%", "%%{",
    "}%%", "#", "#9829;", "#quot;", ";", ":", ",", " ", "\t", "\n", "5", "0", "X", "9", "4.5",
    "Me", "Café", "中文", "😀", "```mermaid\n", "```\n", '<div class="mermaid">', "</div>",
    "---\n", '"', "꞉", "＃", "‚",
])  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_WORDS, st.text(max_size=5)), max_size=40), st.sampled_from(
    ["x.mmd", "x.md", "x.html", "-"]))  # fmt: skip
def test_any_text_imports_without_error(words: list[str], name: str) -> None:
    _import("".join(words).encode("utf-8", "surrogatepass"), name)
