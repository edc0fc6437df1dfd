"""Hostile and unusual input: clear problems, never a traceback, never a hang, nothing executed."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from journeykit import loader
from journeykit.loader import MAX_DEPTH, parse_text, resolve_plain
from journeykit.validate import load

from .conftest import RunCli


def test_billion_laughs_is_refused_fast() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    prev = "a"
    for name in "bcdefghijkl":
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
        prev = name
    start = time.perf_counter()
    parsed = parse_text("\n".join(lines), "bomb.yaml")
    assert time.perf_counter() - start < 0.5
    assert [p.code for p in parsed.problems] == ["too-large"]
    assert parsed.data is None


def test_small_aliases_still_work() -> None:
    parsed = parse_text("a: &x [1, 2]\nb: *x\n", "ok.yaml")
    assert parsed.problems == []
    assert parsed.data == {"a": [1, 2], "b": [1, 2]}


@pytest.mark.parametrize(
    "text", ["[" * 100_000 + "]" * 100_000, "a:\n" + "".join("  " * i + "- \n" for i in range(300))]
)
def test_deep_nesting_is_refused_without_recursion(text: str) -> None:
    start = time.perf_counter()
    parsed = parse_text(text, "deep.yaml")
    assert time.perf_counter() - start < 1
    assert [p.code for p in parsed.problems] == ["too-deep"]
    assert str(MAX_DEPTH) in parsed.problems[0].message


# Deep nesting in every style. libyaml 0.2.6 gives up past 1,000 levels while it scans ahead
# (the first four), before our builder sees depth 65; the pure-Python parser has no limit.
DEEP = {
    "flow-one-line": "title: " + "[" * 100_000 + "]" * 100_000,
    "flow-lines": "title:\n" + "\n".join(["  ["] * 1_100) + "]" * 1_100 + "\n",
    "block-mixed-flow": "a:\n"
    + "".join("  " * i + "- \n" for i in range(30))
    + "  " * 30
    + "- "
    + "[" * 1_100
    + "]" * 1_100
    + "\n",
    "block-1100": "a:\n" + "".join("  " * i + "- \n" for i in range(1_100)),
    "block-maps": "".join("  " * i + "k:\n" for i in range(1_100)),
    "flow-maps-in-block": "a:\n  - " + "{a: " * 1_100 + "}" * 1_100 + "\n",
    "block-300": "a:\n" + "".join("  " * i + "- \n" for i in range(300)),
}


def _first_past_the_limit(text: str) -> tuple[int, int]:
    """Where the 65th open collection starts, found by the pure-Python parser (no depth limit)."""
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return event.start_mark.line + 1, event.start_mark.column + 1
    raise AssertionError("not deep enough")


@pytest.mark.parametrize("name", sorted(DEEP))
def test_too_deep_at_the_first_value_past_the_limit_whatever_libyaml_does(name: str) -> None:
    text = DEEP[name]
    parsed = parse_text(text, "deep.yaml")
    assert [(p.line, p.column, p.code) for p in parsed.problems] == [
        (*_first_past_the_limit(text), "too-deep")
    ]
    assert parsed.problems[0].message == (
        f"values are nested more than {MAX_DEPTH} levels deep; a journey map needs far fewer: "
        "flatten the structure"
    )


@pytest.mark.parametrize("name", sorted(DEEP))
def test_the_pure_python_parser_reports_the_same(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = DEEP[name]
    with_libyaml = parse_text(text, "deep.yaml").problems
    monkeypatch.setattr(loader, "_Loader", yaml.SafeLoader)
    assert parse_text(text, "deep.yaml").problems == with_libyaml


def test_the_pinned_libyaml_refuses_deep_nesting_itself() -> None:
    """Keeps the tests above honest: on the libyaml of the lock they go through the mapping of
    libyaml's own nesting error (a libyaml without a limit would not exercise it)."""
    if not yaml.__with_libyaml__:
        pytest.skip("PyYAML without libyaml: no nesting limit of its own to map")
    with pytest.raises(yaml.MarkedYAMLError, match="nesting"):
        yaml.load(DEEP["flow-one-line"], Loader=yaml.CSafeLoader)
    with pytest.raises(yaml.MarkedYAMLError, match="nesting"):
        yaml.load(DEEP["block-1100"], Loader=yaml.CSafeLoader)


def test_libyaml_parser_nesting_message_maps_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """libyaml's parser words its limit differently ("Maximum nesting level reached")."""
    text = DEEP["block-300"]

    class Limited(yaml.SafeLoader):  # type: ignore[misc]
        def get_event(self) -> object:
            event = super().get_event()
            if self.get_mark().line >= 100:
                raise yaml.parser.ParserError(
                    "while parsing", None, "Maximum nesting level reached", self.get_mark()
                )
            return event

    monkeypatch.setattr(loader, "_Loader", Limited)
    problems = parse_text(text, "deep.yaml").problems
    assert [(p.line, p.column, p.code) for p in problems] == [
        (*_first_past_the_limit(text), "too-deep")
    ]


def test_python_tags_are_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f'title: !!python/object/apply:os.system ["touch {marker}"]\n'
    parsed = parse_text(text, "evil.yaml")
    assert [p.code for p in parsed.problems] == ["forbidden-tag"]
    assert (parsed.problems[0].line, parsed.problems[0].column) == (1, 8)
    assert not marker.exists()


@pytest.mark.parametrize("tag", ["!!python/name:os.system", "!custom", "!!binary"])
def test_unknown_tags_on_collections_and_scalars_are_errors(tag: str) -> None:
    assert [p.code for p in parse_text(f"a: {tag} x\n", "t").problems] == ["forbidden-tag"]
    assert [p.code for p in parse_text(f"a: {tag} [x]\n", "t").problems] == ["forbidden-tag"]


def test_standard_tags_are_honoured() -> None:
    parsed = parse_text("a: !!str 12\nb: !!int '7'\nc: !!float 1\n", "t")
    assert parsed.data == {"a": "12", "b": 7, "c": 1.0}


@pytest.mark.parametrize(
    ("plain", "value"),
    [
        ("yes", "yes"),
        ("no", "no"),
        ("on", "on"),
        ("off", "off"),
        ("y", "y"),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("", None),
        ("12", 12),
        ("-3", -3),
        ("0x1F", 31),
        ("0o17", 15),
        ("1_000", "1_000"),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        ("12:30", "12:30"),
        ("2026-13-01", "2026-13-01"),
    ],
)
def test_yaml_12_core_schema(plain: str, value: object) -> None:
    assert resolve_plain(plain) == value
    assert type(resolve_plain(plain)) is type(value)


def test_non_utf8_names_the_byte_offset(tmp_path: Path) -> None:
    path = tmp_path / "latin1.journey.yaml"
    path.write_bytes("journeykit: 1\ntitle: Caf\u00e9\n".encode("latin-1"))
    problems = load(path).problems
    assert [(p.line, p.column, p.code) for p in problems] == [(2, 11, "encoding")]
    assert "byte offset 24" in problems[0].message and "0xe9" in problems[0].message


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "encoding"),
        (b"journeykit: 1\x00\x01\x02", "yaml-syntax"),
        (b"", "not-a-map"),
        (b"# only a comment\n", "not-a-map"),
        (b"- a\n- b\n", "not-a-map"),
        (b"just a sentence\n", "not-a-map"),
        (b"\xef\xbb\xbf- bom then list\n", "not-a-map"),
    ],
)
def test_unusable_files_exit_2_with_a_clear_error(
    tmp_path: Path, cli: RunCli, content: bytes, code: str
) -> None:
    path = tmp_path / "bad.journey.yaml"
    path.write_bytes(content)
    result = cli("validate", "-f", "parsable", str(path))
    assert f"[{code}]" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert result.exit_code == (1 if code == "yaml-syntax" else 2)


def test_not_a_map_is_a_problem_when_other_inputs_are_given(
    tmp_path: Path, cli: RunCli, write_map
) -> None:
    good = write_map()
    bad = tmp_path / "empty.journey.yaml"
    bad.write_text("")
    result = cli("validate", "-f", "parsable", str(good), str(bad))
    assert result.exit_code == 1
    assert "[not-a-map]" in result.stdout


def test_folder_given_as_a_file_and_unreadable_file(tmp_path: Path) -> None:
    folder = tmp_path / "dir.journey.yaml"
    folder.mkdir()
    assert [p.code for p in load(folder).problems] == ["unreadable"]


def test_absurdly_long_numbers_are_text_not_a_traceback(cli: RunCli, write_map) -> None:
    huge = "9" * 5000
    assert resolve_plain(huge) == huge
    path = write_map(f"journeykit: 1\nid: {huge}\n")
    result = cli("validate", "-f", "parsable", str(path))
    assert result.exit_code == 1
    assert "Traceback" not in result.stdout + result.stderr
