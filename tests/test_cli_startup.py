"""`journey --help` and `journey COMMAND --help` start instantly: they import no heavy library.

The check is on ``sys.modules`` in a fresh interpreter, not on a timing (benchmarks/bench_scale.py
measures the time). The help is drawn from the command registry (``cli/app.py``), which must
agree with the commands themselves; every option shows a metavar, never a Python type.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from journeykit.cli import main
from journeykit.cli.app import COMMANDS, ROOT_OPTIONS, Command, app, help_for, root_help
from journeykit.cli.help import load_pages, metavar, pages, short_help

HEAVY = ("typer", "click", "pydantic", "yaml", "jinja2", "journeykit.model", "rich", "graphviz")
ROOT = typer.main.get_command(app)
PAGES = load_pages()

PROBE = """
import contextlib, io, json, sys
from journeykit.cli import main
heavy = {heavy!r}
found = {{}}
for args in {commands!r}:
    with contextlib.redirect_stdout(io.StringIO()) as out:
        try:
            code = main(args)
        except SystemExit as exc:
            code = exc.code
    found[" ".join(args)] = [code, "Usage:" in out.getvalue(),
                             sorted(m for m in heavy if m in sys.modules)]
print(json.dumps(found))
"""


def _help_commands() -> list[list[str]]:
    found = [["--help"], ["-h"]]
    for name in ROOT.commands:
        found.append([name, "--help"])
        for sub in getattr(ROOT.commands[name], "commands", {}) or {}:
            found.append([name, sub, "--help"])
    return found


def test_help_imports_no_heavy_library() -> None:
    """`journey --help`, then `journey validate --help`, then every other command's help, in one
    fresh interpreter: none of them pulls in typer, click, pydantic, yaml, jinja2, the model, rich
    or graphviz."""
    commands = _help_commands()
    commands.remove(["validate", "--help"])
    commands.insert(1, ["validate", "--help"])
    probe = PROBE.format(heavy=HEAVY, commands=commands)
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["--help"] == [0, True, []]
    for args, (code, shown, heavy) in found.items():
        assert code == 0 and shown, args
        assert heavy == [], f"journey {args} imported {heavy}"


def test_the_probe_sees_heavy_imports() -> None:
    """The check has teeth: running a command does import the model."""
    probe = PROBE.format(heavy=HEAVY, commands=[["schema"]])
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=False
    )
    assert "pydantic" in json.loads(result.stdout)["schema"][2]


def test_root_help_is_the_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast path and the typer app print the same help, and the registry agrees with each
    command's own panel and summary."""
    monkeypatch.setenv("COLUMNS", "120")
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    assert result.stdout == root_help()
    for entry in COMMANDS:
        assert isinstance(entry, Command), (
            f"give {entry!r} its panel and summary in COMMANDS (cli/app.py): `journey --help` "
            "would import its module to show it"
        )
        command = ROOT.commands[entry.name]
        assert entry.panel == command.rich_help_panel, entry.name
        assert entry.summary == short_help(command), entry.name
    shown = {long for long, _, _ in ROOT_OPTIONS}
    real = {o for p in ROOT.get_params(ROOT.make_context("journey", ["x"])) for o in p.opts}
    assert {o for o in real if o.startswith("--")} == shown


def test_help_pages_are_the_commands_own() -> None:
    """``help_pages.json`` (what `journey COMMAND --help` draws without typer) holds exactly what
    the typer commands describe: every command and subcommand, every argument and option with
    its names, metavar, help and default, the usage line, the text and the examples."""
    live = pages()
    assert sorted(PAGES) == sorted(live), "run `python -m journeykit.cli.help` to rewrite it"
    for path, page in live.items():
        assert PAGES[path] == page, f"journey {path} --help: run `python -m journeykit.cli.help`"


@pytest.mark.parametrize("columns", ["80", "200"])
@pytest.mark.parametrize("item", [p for p in PAGES], ids=str)
def test_fast_help_is_typers_help(
    item: str, columns: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`journey COMMAND --help` (and -h) prints, without typer, what typer prints."""
    monkeypatch.setenv("COLUMNS", columns)
    path = item.split()
    typer_drawn = CliRunner().invoke(app, [*path, "--help"])
    assert typer_drawn.exit_code == 0, typer_drawn.output
    for flag in ("--help", "-h"):
        if flag == "-h" and item == "git-diff-driver":
            continue  # git passes paths only: `-h` there is a path (see the next test)
        assert main([*path, flag]) == 0
        assert capsys.readouterr().out == typer_drawn.stdout


def test_other_help_requests_fall_to_typer() -> None:
    """Only `journey [COMMAND [SUBCOMMAND]] --help` is drawn from the pages; anything else
    (a value before --help, an unknown command) goes to typer as before."""
    assert help_for(["validate"]) is not None and help_for(["import", "csv"]) is not None
    for path in (["validate", "maps/"], ["nope"], ["--version"], ["import", "csv", "x"]):
        assert help_for(path) is None, path
    assert help_for(["git-diff-driver"], "-h") is None  # there `-h` is a path git passes
    assert help_for(["git-diff-driver"], "--help") is not None
    result = CliRunner().invoke(app, ["nope", "--help"])
    assert result.exit_code == 2 and "No such command" in result.output


def test_a_plain_name_in_the_registry_still_shows(monkeypatch: pytest.MonkeyPatch) -> None:
    """A command added as a bare name (as other branches may) is shown from its module."""
    from journeykit.cli import app as app_module

    names = tuple(str(e) for e in COMMANDS)
    assert names == COMMANDS  # a Command is its name
    monkeypatch.setattr(app_module, "COMMANDS", names)
    text = app_module.root_help()
    assert re.search(r"│ validate +Check maps against the format", text)
    assert "╭─ Check ─" in text


def _all_commands() -> list[tuple[list[str], Any]]:
    found = []
    for name, command in ROOT.commands.items():
        found.append(([name], command))
        for sub_name, sub in (getattr(command, "commands", None) or {}).items():
            found.append(([name, sub_name], sub))
    return found


PYTHON_TYPE = re.compile(
    r"<(?:str|int|float|bool|path|datetime|uuid|(?:list|tuple|dict)\[[^>]*\]"
    r"|[a-z0-9_-]+(?:\|[a-z0-9_-]+)+)>"
)


@pytest.mark.parametrize("item", _all_commands(), ids=lambda item: " ".join(item[0]))
def test_help_shows_metavars_not_python_types(item: tuple[list[str], Any]) -> None:
    path, command = item
    result = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert not PYTHON_TYPE.search(result.stdout), PYTHON_TYPE.findall(result.stdout)
    for param in command.params:
        if param.param_type_name != "option" or param.is_flag:
            continue
        shown = metavar(param)
        assert (shown and shown == shown.upper()) or shown.startswith("["), (param.opts, shown)
        row = next(  # the option's own row (its name may also appear in other help text)
            line
            for line in result.stdout.splitlines()
            if line.strip("│ ").startswith("-") and param.opts[0] + " " in line
        )
        assert shown in row, (row, shown)


def test_choices_show_as_choices() -> None:
    result = CliRunner().invoke(app, ["validate", "--help"], env={"COLUMNS": "200"})
    assert "[stylish|parsable|json|github|sarif]" in result.stdout
    assert "[auto|always|never]" in result.stdout
    assert "Usage: journey validate [OPTIONS] [PATHS]..." in result.stdout
    assert (
        "Usage: journey import mermaid [OPTIONS] FILE\n"
        in CliRunner().invoke(app, ["import", "mermaid", "--help"]).stdout
    )
    for typed in ("--format <str>", "<list[str]>", "<bool>", "<auto|always|never>"):
        assert PYTHON_TYPE.search(typed), typed
    assert not PYTHON_TYPE.search("one <id>.journey.yaml each")
