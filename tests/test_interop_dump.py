"""``dump_map`` writes YAML that journeykit's YAML 1.2 loader reads back as the same data."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeykit.interop import Ids, dump_map, slugify
from journeykit.loader import parse_text

TRICKY = [
    "0o17",
    "0x1F",
    "1e3",
    "1_000",
    ".5",
    "null",
    "~",
    "true",
    "yes",
    "no",
    "on",
    "2026-01-01",
    "",
    " lead",
    "trail ",
    "a: b",
    "- x",
    "# c",
    "multi\nline",
    "ends\n",
    "'q'",
    '"d"',
    "@x",
    "%x",
    "!tag",
    "*alias",
    "&anchor",
    "😀 émoji",
    "中文",
    "\t",
    "NaN",
    ".inf",
    "-.inf",
]


def _roundtrip(value: object) -> object:
    parsed = parse_text(dump_map({"v": value}), "t.yaml")
    assert parsed.ok, parsed.problems
    return parsed.data["v"]


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_strings_come_back_as_strings(text: str) -> None:
    assert _roundtrip(text) == text


@settings(deadline=None)
@given(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
        max_size=40,
    )
)
def test_any_text_comes_back(text: str) -> None:
    assert _roundtrip(text) == text


def test_numbers_dates_and_nesting_keep_their_types() -> None:
    data = {"score": 4, "ratio": 0.25, "on": dt.date(2026, 5, 1), "list": [{"id": "a", "n": None}]}
    assert parse_text(dump_map(data), "t.yaml").data == data


def test_header_becomes_comments() -> None:
    text = dump_map({"id": "x"}, header="Imported from README.md\n\nline 3")
    assert text.startswith("# Imported from README.md\n#\n# line 3\nid: x\n")


@pytest.mark.parametrize(
    ("text", "slug"),
    [("Sign up", "sign-up"), ("Café — Crème", "cafe-creme"), ("中文", "fallback"), ("--A--", "a")],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text, "fallback") == slug


def test_ids_number_repeats_and_skip_taken_ones() -> None:
    ids = Ids({"a-3"})
    assert [ids.make("a") for _ in range(4)] == ["a", "a-2", "a-4", "a-5"]
    assert ids.make("a-2") == "a-2-2"
