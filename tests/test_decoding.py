"""One decoder for maps, sheets and diagrams: columns count characters, as editors count them.

Each case puts non-ASCII text (é: 2 bytes, 😀: 4 bytes, 日本: 3 bytes each) before the place of the
problem on the same line, so a column counted in bytes would be larger than the one asserted.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from journeykit.decoding import decode
from journeykit.interop.csv_io import SheetError, read_sheet
from journeykit.interop.mermaid_extract import decode as decode_diagram
from journeykit.loader import parse_bytes
from journeykit.maps import load_map
from tests.conftest import RunCli

# (text before the bad byte on its line, the column of the bad byte in characters)
BEFORE = [("Café ", 6), ("😀😀 ", 4), ("日本語 ", 5), ("é😀日 ", 5)]


def _with_bad_byte(first_line: str, before: str) -> bytes:
    return (first_line + "\n").encode("utf-8") + before.encode("utf-8") + b"\xff rest\n"


@pytest.mark.parametrize(("before", "column"), BEFORE)
def test_decode_locates_a_bad_byte_in_characters(before: str, column: int) -> None:
    data = _with_bad_byte("first", before)
    decoded = decode(data, "f.txt")
    assert decoded.text is None and decoded.bad is not None
    assert (decoded.bad.line, decoded.bad.column) == (2, column)
    assert decoded.bad.offset == len(b"first\n" + before.encode("utf-8"))
    assert decoded.bad.byte == 0xFF


def test_decode_counts_every_kind_of_line_break_and_drops_the_bom() -> None:
    bad = decode(b"\xef\xbb\xbfa\r\nb\rc\nd\xe9", "f").bad
    assert bad is not None and (bad.line, bad.column, bad.offset) == (4, 2, 8)
    assert decode(b"\xef\xbb\xbfok", "f").text == "ok"


def test_decode_with_replace_keeps_the_text_and_says_where() -> None:
    decoded = decode("日本\n😀".encode() + b"\xfe!", "f", replace=True)
    assert decoded.text == "日本\n😀\ufffd!"
    assert decoded.bad is not None and (decoded.bad.line, decoded.bad.column) == (2, 2)


@pytest.mark.parametrize(("before", "column"), BEFORE)
def test_a_map_that_is_not_utf8_is_located_in_characters(
    before: str, column: int, tmp_path: Path
) -> None:
    path = tmp_path / "m.journey.yaml"
    path.write_bytes(_with_bad_byte("journeykit: 1", "title: " + before))
    problems = load_map(path).problems
    assert [(p.line, p.column, p.code) for p in problems] == [(2, 7 + column, "encoding")]


@pytest.mark.parametrize(
    ("line", "column"),
    [("a: é: b", 5), ("a: 😀😀: b", 6), ("a: 日本: b", 6), ("k: [é, 😀, 日本, !!python/x 1]", 15)],
)
def test_yaml_problems_after_non_ascii_text_are_in_characters(line: str, column: int) -> None:
    problems = parse_bytes(f"journeykit: 1\n{line}\n".encode(), "m.yaml").problems
    assert [(p.line, p.column) for p in problems] == [(2, column)]


def test_the_cli_reports_the_character_column(tmp_path: Path, cli: RunCli) -> None:
    path = tmp_path / "m.journey.yaml"
    path.write_bytes(_with_bad_byte("journeykit: 1", "title: 😀😀 "))
    result = cli("validate", "--format", "parsable", str(path))
    assert result.exit_code == 2
    assert f"{path}:2:11: error [encoding]" in result.stdout + result.stderr


@pytest.mark.parametrize(("before", "column"), BEFORE)
def test_a_sheet_that_is_not_utf8_is_located_in_characters(before: str, column: int) -> None:
    data = _with_bad_byte("id,name", "ad," + before)
    with pytest.raises(SheetError) as caught:
        read_sheet(data, "s.csv")
    assert str(caught.value).startswith(f"s.csv:2:{3 + column}: the sheet is not utf-8 text")


def test_a_utf16_sheet_is_located_in_characters() -> None:
    data = "id,name\nad,日本".encode("utf-16") + b"\x00\xd8"  # a lone high surrogate
    with pytest.raises(SheetError) as caught:
        read_sheet(data + b"a\x00", "s.csv")
    assert str(caught.value).startswith("s.csv:2:6: the sheet is not utf-16 text")


@pytest.mark.parametrize(("before", "column"), BEFORE)
def test_a_diagram_that_is_not_utf8_is_located_in_characters(before: str, column: int) -> None:
    text, problems = decode_diagram(_with_bad_byte("journey", "  " + before), "d.mmd")
    assert [(p.line, p.column, p.code) for p in problems] == [(2, 2 + column, "encoding")]
    assert "\ufffd rest" in text
