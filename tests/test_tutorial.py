"""docs/tutorial.md, followed step by step in a temporary folder: every command it runs works.

The page's conventions (also in a comment at its top): ```sh blocks run and must exit 0
(``sh exit=1``: 1); ```diff file=F blocks edit F; a ```text output block lists lines the sh block
before it prints, in order (``...`` skips any number); other blocks are shown only.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import ROOT

TUTORIAL = ROOT / "docs" / "tutorial.md"
FENCE = re.compile(r"^(`{3,})([^\n`]*)\n(.*?)^\1[ \t]*$", re.MULTILINE | re.DOTALL)


@dataclass
class Block:
    kind: str
    options: dict[str, str]
    text: str


def blocks(markdown: str) -> list[Block]:
    found = []
    for match in FENCE.finditer(markdown):
        kind, *words = match.group(2).split()
        options = dict(word.split("=", 1) if "=" in word else (word, "") for word in words)
        found.append(Block(kind, options, match.group(3)))
    return found


def apply_diff(path: Path, patch: str) -> None:
    """Apply a diff block: its context and removed lines must occur once in the file."""
    lines = patch.splitlines()
    assert all(line[:1] in (" ", "-", "+") for line in lines if line), patch
    old = [line[1:] for line in lines if line[:1] in (" ", "-") or not line]
    new = [line[1:] for line in lines if line[:1] in (" ", "+") or not line]
    text = path.read_text("utf-8")
    before, after = "\n".join(old) + "\n", "\n".join(new) + "\n"
    assert text.count(before) == 1, f"the diff's old lines are not in {path} exactly once"
    path.write_text(text.replace(before, after), "utf-8")


def assert_shows(output: str, expected: str) -> None:
    """The expected lines follow each other in ``output`` (the first anywhere); ``...`` skips."""
    got = [line.rstrip() for line in output.splitlines()]
    position, skipping = 0, True
    for line in expected.splitlines():
        if line.strip() == "...":
            skipping = True
            continue
        want = line.rstrip()
        found = got.index(want, position) if skipping and want in got[position:] else position
        if found >= len(got) or got[found] != want:
            pytest.fail(f"the tutorial shows {line!r}, but the command printed:\n{output}")
        position, skipping = found + 1, False


@dataclass
class Shell:
    status: int
    output: str
    cwd: Path


def run(script: str, cwd: Path, state: Path, expected: int, env: dict[str, str]) -> Shell:
    """Run a block with bash in ``cwd`` (``set -e`` when it must succeed); note where it ends."""
    prologue = f"trap 'pwd > {shlex.quote(str(state))}' EXIT\n" + (
        "set -e\n" if not expected else ""
    )
    result = subprocess.run(
        ["bash", "-c", prologue + script],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    return Shell(result.returncode, result.stdout + result.stderr, Path(state.read_text().strip()))


def environment(home: Path) -> dict[str, str]:
    """The reader's shell: journey on PATH, git with an identity and no config of ours."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "GITHUB_"))}
    env.pop("JOURNEYKIT_TODAY", None)
    home.mkdir()
    env.update(
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
        HOME=str(home),
        GIT_CONFIG_GLOBAL=str(home / ".gitconfig"),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="Tutorial Reader",
        GIT_AUTHOR_EMAIL="reader@example.com",
        GIT_COMMITTER_NAME="Tutorial Reader",
        GIT_COMMITTER_EMAIL="reader@example.com",
        NO_COLOR="1",
        COLUMNS="120",
    )
    return env


@pytest.mark.skipif(shutil.which("git") is None, reason="the tutorial needs git")
def test_the_tutorial_works_as_written(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    env = environment(tmp_path / "home")
    state = tmp_path / "pwd"
    cwd, last, ran = work, None, []
    for block in blocks(TUTORIAL.read_text("utf-8")):
        if block.kind == "sh":
            expected = int(block.options.get("exit", "0"))
            last = run(block.text, cwd, state, expected, env)
            assert last.status == expected, f"{block.text}\n{last.output}"
            cwd = last.cwd
            ran.append(block.text)
        elif block.kind == "diff" and "file" in block.options:
            apply_diff(cwd / block.options["file"], block.text)
        elif block.kind == "text" and "output" in block.options:
            assert last is not None, "an output block before any sh block"
            assert_shows(last.output, block.text)
    assert len(ran) >= 10
    assert (work / "customer-journeys" / "site" / "first-purchase.html").is_file()


def test_conventions() -> None:
    markdown = "````sh\n```x\n````\n\n```sh exit=1\nfalse\n```\n\n```diff file=a b\n+x\n```\n"
    assert [(b.kind, b.options) for b in blocks(markdown)] == [
        ("sh", {}),
        ("sh", {"exit": "1"}),
        ("diff", {"file": "a", "b": ""}),
    ]
    assert blocks(markdown)[0].text == "```x\n"
    with pytest.raises(pytest.fail.Exception):
        assert_shows("a\nb\n", "b\na")
    assert_shows("a\nx\nb\n", "a\n...\nb")
    assert_shows("h\na\nb\n", "a\nb")
    with pytest.raises(pytest.fail.Exception):
        assert_shows("a\nx\nb\n", "a\nb")


def test_readme_links_the_tutorial_near_the_top() -> None:
    head = (ROOT / "README.md").read_text("utf-8").split("\n## ", 1)[0]
    assert "docs/tutorial.md" in head
