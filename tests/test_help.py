"""`journey --help` groups the commands in panels; each command's help ends with working examples.

The click command tree is walked, so commands added later are held to the same rules:
* every command (and subcommand of a group) has an epilog made by ``common.examples``;
* each example is a command line; every `journey ...` in it (after `|`, or quoted as in
  `git config ... "journey git-diff-driver"`) names that command, and its arguments and options
  parse against the command, values of choices included; the first example runs the command;
* every command and group sits in one of the panels of ``cli/common.py``, shown in the order
  start, check, review, reference, git.
"""

from __future__ import annotations

import re
import shlex
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from journeykit.cli.app import app
from journeykit.cli.common import (
    PANEL_CHECK,
    PANEL_GIT,
    PANEL_REFERENCE,
    PANEL_REVIEW,
    PANEL_START,
)

PANELS = [PANEL_START, PANEL_CHECK, PANEL_REVIEW, PANEL_REFERENCE, PANEL_GIT]
ROOT = typer.main.get_command(app)
SEPARATORS = {"|", "||", "&&", ";", "&"}
REDIRECTIONS = {">", ">>", "<", ">&"}


def _walk(command: Any, path: list[str]) -> list[tuple[list[str], Any]]:
    found = []
    for name, sub in getattr(command, "commands", {}).items():
        if not sub.hidden:
            found.append(([*path, name], sub))
            found.extend(_walk(sub, [*path, name]))
    return found


ALL = _walk(ROOT, [])
LEAVES = [(path, c) for path, c in ALL if not getattr(c, "commands", None)]


def _id(item: tuple[list[str], Any]) -> str:
    return " ".join(item[0])


def examples_of(command: Any) -> list[str]:
    """The example lines of an epilog built by ``common.examples``, as the user types them."""
    epilog = command.epilog or ""
    head, _, body = epilog.partition("\n\n")
    assert head == "[b]Examples[/b]", f"no examples epilog: {epilog!r}"
    lines = [line.strip().replace("\\[", "[") for line in body.split("\n\n")]
    assert lines and all(lines), epilog
    return lines


def invocations(line: str) -> list[tuple[list[str], bool]]:
    """Each `journey ...` in a shell line: its words (redirections left out), and whether it is a
    command of the line (True) or a quoted command string for another program (False, such as
    the value in `git config diff.journey.command "journey git-diff-driver"`)."""
    # not posix: tokens keep their quotes, so a quoted ';' stays a word, not a separator
    lexer = shlex.shlex(line, posix=False, punctuation_chars="|&;<>")
    lexer.whitespace_split = True
    segments: list[list[str]] = [[]]
    skip = False
    for token in lexer:
        if skip:
            skip = False
        elif token in REDIRECTIONS:
            skip = True  # its target is no argument
        elif token in SEPARATORS:
            segments.append([])
        else:
            segments[-1].append("".join(shlex.split(token)))
    found = []
    for segment in segments:
        if segment and segment[0] == "journey":
            found.append((segment, True))
        found.extend((token.split(), False) for token in segment if token.startswith("journey "))
    return found


@pytest.mark.parametrize("item", LEAVES, ids=_id)
def test_every_command_has_examples_that_parse(item: tuple[list[str], Any]) -> None:
    path, command = item
    lines = examples_of(command)
    first = invocations(lines[0])
    assert any(words[1 : 1 + len(path)] == path for words, _ in first), (
        f"the first example does not run `journey {' '.join(path)}`: {lines[0]!r}"
    )
    for line in lines:
        for words, whole in invocations(line):
            assert words[1 : 1 + len(path)] == path, f"example of another command: {line!r}"
            if not whole:  # a command string another program completes (git's seven arguments)
                continue
            try:
                command.make_context(" ".join(["journey", *path]), words[1 + len(path) :])
            except Exception as exc:  # click's usage errors: unknown option, bad choice, ...
                pytest.fail(f"example {line!r} does not parse: {exc}")


@pytest.mark.parametrize("item", LEAVES, ids=_id)
def test_help_shows_the_examples(item: tuple[list[str], Any]) -> None:
    path, command = item
    result = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": "200", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    assert "Examples" in result.stdout
    for line in examples_of(command):
        assert line in result.stdout, f"{line!r} not shown as typed in:\n{result.stdout}"


@pytest.mark.parametrize("item", ALL, ids=_id)
def test_every_command_and_group_sits_in_a_panel(item: tuple[list[str], Any]) -> None:
    path, command = item
    assert command.rich_help_panel in PANELS, f"journey {' '.join(path)}"


def test_the_panels_come_in_order_with_their_commands() -> None:
    result = CliRunner().invoke(app, ["--help"], env={"COLUMNS": "200", "NO_COLOR": "1"})
    assert result.exit_code == 0
    titles = re.findall(r"^╭─ (.+?) ─", result.stdout, re.M)
    assert titles[0] == "Options"
    shown = titles[1:]
    assert shown == [p for p in PANELS if p in shown], shown
    used = {c.rich_help_panel for _, c in ALL}
    assert set(shown) == used
    # each command is listed inside its own panel's box
    boxes = dict(re.findall(r"^╭─ (.+?) ─+╮\n(.*?)^╰", result.stdout, re.M | re.S))
    for name, command in ROOT.commands.items():
        if not command.hidden:
            box = boxes[command.rich_help_panel]
            assert re.search(rf"^│ {re.escape(name)} ", box, re.M), (name, box)


def test_a_wrong_example_is_caught() -> None:
    """The parse check has teeth: an unknown option and a value outside a choice both fail."""
    lint = ROOT.commands["lint"]
    with pytest.raises(Exception, match="--no-such-option"):
        lint.make_context("journey lint", ["--no-such-option"])
    with pytest.raises(Exception, match="loud"):
        lint.make_context("journey lint", ["--fail-level", "loud"])
    assert invocations("cat m.yaml | journey validate - > out.txt") == [
        (["journey", "validate", "-"], True)
    ]
    assert invocations("journey export csv m.yaml --delimiter ';' -o x.csv") == [
        (["journey", "export", "csv", "m.yaml", "--delimiter", ";", "-o", "x.csv"], True)
    ]
    assert invocations('git config x.command "journey git-diff-driver"') == [
        (["journey", "git-diff-driver"], False)
    ]


GROUPS = [(path, c) for path, c in ALL if getattr(c, "commands", None)]


@pytest.mark.parametrize("item", GROUPS, ids=_id)
def test_every_group_has_examples_of_its_subcommands(item: tuple[list[str], Any]) -> None:
    path, group = item
    seen = set()
    for line in examples_of(group):
        for words, _ in invocations(line):
            assert words[1 : 1 + len(path)] == path, f"example of another command: {line!r}"
            name = words[1 + len(path)]
            assert name in group.commands, f"{line!r}: {name!r} is no subcommand of {path}"
            seen.add(name)
            sub = group.commands[name]
            sub.make_context(" ".join(["journey", *path, name]), words[2 + len(path) :])
    assert seen, f"journey {' '.join(path)} shows no example"
