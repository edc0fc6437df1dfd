"""Fuzzing: mutated example maps never crash a command (no traceback, exit 0, 1 or 2 only).

The example maps are mutated at the YAML level (a value replaced by a list, a mapping, a huge
number or odd text; a key deleted; a list item duplicated) and byte by byte (bytes flipped,
inserted, deleted), then validate, lint, score, render (HTML and Mermaid), diff and export csv
run on them in-process. Bounded for CI (``FUZZ_EXAMPLES``, 5 by default, derandomised so CI is
repeatable); ``scripts/fuzz.sh`` runs thousands with fresh randomness.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from journeykit.loader import parse_text

from .conftest import EXAMPLES, RunCli

LONG = "FUZZ_EXAMPLES" in os.environ
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "5")),
    deadline=None,
    derandomize=not LONG,  # CI: the same few examples every run; scripts/fuzz.sh: fresh ones
    database=settings.default.database if LONG else None,
    phases=list(Phase) if LONG else [Phase.explicit, Phase.generate],  # CI fails fast, unshrunk
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
MAPS = sorted(EXAMPLES.glob("*.journey.yaml"))
LIBRARY = [p for p in EXAMPLES.glob("*.yaml") if p not in MAPS]  # what the maps include

ODD_VALUES: list[Any] = [
    [],
    ["a", 1],
    {},
    {"k": "v"},
    {"id": "x", "name": "X"},
    10**300,
    10**400,  # past the float range
    -(10**30),
    2**63,
    1e308,
    0,
    -1,
    0.5,
    True,
    None,
    "",
    " ",
    "x" * 5000,
    "<script>alert(1)</script>",
    "a\x00b",
    "\u202e\u2066rtl",
    "--\n",
    "../../etc/passwd",
    "2026-02-30",
    "9999-12-31",
    "0001-01-01",
    "*",
    "%s%n",
]


def paths(data: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path to a value of ``data``, the root excluded."""
    items = (
        data.items()
        if isinstance(data, dict)
        else enumerate(data)
        if isinstance(data, list)
        else ()
    )
    for key, value in items:
        yield (*prefix, key)
        yield from paths(value, (*prefix, key))


def container(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path[:-1]:
        data = data[key]
    return data


@st.composite
def yaml_mutations(draw: st.DrawFn) -> tuple[Path, bytes]:
    source = draw(st.sampled_from(MAPS))
    data = parse_text(source.read_text(encoding="utf-8"), str(source)).data
    for _ in range(draw(st.integers(1, 3))):
        every = list(paths(data))
        path = draw(st.sampled_from(every))
        parent = container(data, path)
        kind = draw(st.sampled_from(["replace", "delete", "duplicate"]))
        if kind == "replace":
            parent[path[-1]] = draw(st.sampled_from(ODD_VALUES))
        elif kind == "delete":
            del parent[path[-1]]
        elif isinstance(parent, list):
            parent.append(parent[path[-1]])
        else:
            parent[f"{path[-1]}"] = parent[path[-1]]
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6)
    return source, text.encode("utf-8")


@st.composite
def byte_mutations(draw: st.DrawFn) -> tuple[Path, bytes]:
    source = draw(st.sampled_from(MAPS))
    raw = bytearray(source.read_bytes())
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(raw) - 1))
        kind = draw(st.sampled_from(["flip", "insert", "delete"]))
        if kind == "flip":
            raw[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "insert":
            raw[at:at] = draw(st.binary(min_size=1, max_size=4))
        else:
            del raw[at : at + draw(st.integers(1, 16))]
    return source, bytes(raw)


@contextmanager
def workspace(data: bytes) -> Iterator[Path]:
    """A folder with the mutated map beside the example library it includes."""
    with tempfile.TemporaryDirectory(prefix="journey-fuzz-") as tmp:
        folder = Path(tmp)
        (folder / ".git").mkdir()  # the workspace root: includes stay inside
        for library in LIBRARY:
            shutil.copy(library, folder / library.name)
        (folder / "m.journey.yaml").write_bytes(data)
        yield folder


def run_every_command(cli: RunCli, source: Path, folder: Path) -> None:
    mutated = str(folder / "m.journey.yaml")
    original = folder / "original.journey.yaml"
    shutil.copy(source, original)
    commands = [
        ("validate", mutated),
        ("lint", mutated),
        ("score", mutated),
        ("render", mutated, "--format", "html", "-o", str(folder / "out.html")),
        ("render", mutated, "--format", "mermaid", "-o", str(folder / "out.mmd")),
        ("diff", str(original), mutated),
        ("diff", mutated, str(original)),
        ("export", "csv", mutated, "-o", str(folder / "out.csv"), "--force"),
    ]
    for args in commands:
        dated = args[0] in ("lint", "score", "render", "diff")
        result = cli(*args, "--today", "2026-11-20") if dated else cli(*args)
        assert result.exit_code in (0, 1, 2), (args, result)
        assert "Traceback" not in result.stdout + result.stderr, (args, result)


@FUZZ
@given(yaml_mutations())
def test_yaml_level_mutations_never_crash(cli: RunCli, case: tuple[Path, bytes]) -> None:
    source, data = case
    with workspace(data) as folder:
        run_every_command(cli, source, folder)


@FUZZ
@given(byte_mutations())
def test_byte_level_mutations_never_crash(cli: RunCli, case: tuple[Path, bytes]) -> None:
    source, data = case
    with workspace(data) as folder:
        run_every_command(cli, source, folder)


# Findings of the fuzzer, kept as plain regression tests


def test_a_whole_number_past_the_float_range_is_shown_in_a_diff(
    cli: RunCli, tmp_path: Path
) -> None:
    """`n: 1000…0` (400 digits) is a valid count; the diff printed it with OverflowError."""
    old = EXAMPLES / "hotel-stay.journey.yaml"
    text = old.read_text(encoding="utf-8")
    assert "    n: 5\n" in text
    new = tmp_path / "new.journey.yaml"
    new.write_text(text.replace("    n: 5\n", "    n: 1" + "0" * 400 + "\n", 1), encoding="utf-8")
    result = cli("diff", str(old), str(new), "--today", "2026-11-20")
    assert result.exit_code == 0
    assert "n: 1.00000e+400" in result.stdout
