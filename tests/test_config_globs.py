"""`ignore:`, `files:` and override globs: prepared once, matching exactly as fnmatch did."""

from __future__ import annotations

import fnmatch
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeykit.config import load_config, matches
from journeykit.discovery import expand

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from bench_ignore import fnmatch_each  # the matching as it was: the reference

PIECES = ["a", "b", "ab", "x.yaml", "*", "**", "?", "[ab]", "/", "./", "**/"]
pattern = st.lists(st.sampled_from(PIECES), min_size=1, max_size=5).map("".join)
path = st.lists(
    st.sampled_from(["a", "b", "ab", "x.yaml", "a.x.yaml", "."]), min_size=1, max_size=4
)


@settings(max_examples=300, deadline=None)
@given(st.lists(pattern, max_size=6), path)
def test_prepared_globs_match_exactly_like_fnmatch_per_pattern(
    patterns: list[str], parts: list[str]
) -> None:
    subject = "/".join(parts)
    assert matches(subject, patterns) == fnmatch_each(subject, patterns)


@pytest.mark.parametrize(
    ("subject", "patterns", "expected"),
    [
        ("drafts/x.journey.yaml", ["drafts/"], True),
        ("drafts/x.journey.yaml", ["x.journey.yaml/"], False),  # a trailing / is folders only
        ("a/drafts/x.journey.yaml", ["/drafts"], False),  # anchored
        ("a/drafts/x.journey.yaml", ["drafts"], True),
        ("a/b/c.journey.yaml", ["a/**/c.journey.yaml"], True),
        ("a/c.journey.yaml", ["a/**/c.journey.yaml"], True),
        ("a/b/c.journey.yaml", ["*c.journey*"], True),
        ("a/b/c.journey.yaml", ["*x*"], False),
        ("old-7.journey.yaml", ["old-?.journey.yaml"], True),
        ("aXa", ["a*a*a"], False),  # pieces may not overlap
        ("aaa", ["a*a*a"], True),
    ],
)
def test_glob_semantics(subject: str, patterns: list[str], expected: bool) -> None:
    assert matches(subject, patterns) is expected


def test_fifty_thousand_ignore_globs_are_prepared_once_not_per_path(
    tmp_path: Path, write_map, monkeypatch: pytest.MonkeyPatch
) -> None:
    """fnmatch compiles a pattern per call past its cache: 10 s for three files before."""
    for name in ("a.journey.yaml", "team/b.journey.yaml", "team/x/c.journey.yaml"):
        write_map(name=name)
    globs = [
        f"archive/map-{i}.journey.yaml" if i % 2 else f"*-draft-{i}.yaml" for i in range(50_000)
    ]
    (tmp_path / "journeykit.yaml").write_text(
        "ignore:\n" + "".join(f"  - {g!r}\n" for g in [*globs, "old-?.yaml"])
    )
    compiled: list[str] = []
    real = fnmatch._compile_pattern  # type: ignore[attr-defined]
    monkeypatch.setattr(fnmatch, "_compile_pattern", lambda p: compiled.append(p) or real(p))
    config = load_config(start=tmp_path)
    monkeypatch.chdir(tmp_path)
    assert expand(["."], config) == [
        "a.journey.yaml",
        "team/b.journey.yaml",
        "team/x/c.journey.yaml",
    ]
    assert compiled == []  # fnmatch is not asked; the one `?` glob is compiled with re, once
