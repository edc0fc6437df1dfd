"""Shell completion through the installed `journey` script, the way bash asks for it.

typer's bash script runs `env COMP_WORDS="..." COMP_CWORD=N _JOURNEY_COMPLETE=complete_bash journey`
and reads one candidate a line. The command tree is walked, so commands added later are covered;
the walks speak the same protocol in-process (a subprocess costs about 0.25 s, as `--help` does),
and a few cases run the installed script end to end. File names come from bash itself: the script
registers `complete -o default`, so when journey offers nothing (a path argument) bash completes
file names.
"""

from __future__ import annotations

import enum
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from journeykit.cli.app import app

from .conftest import ROOT

JOURNEY = Path(sys.executable).parent / "journey"
BASH = shutil.which("bash")


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("_JOURNEY", "COMP_"))}
    env["PATH"] = os.pathsep.join([str(JOURNEY.parent), env.get("PATH", "")])
    env.update(extra)
    return env


def complete(line: str, cwd: Path | None = None) -> list[str]:
    """What journey offers for the last word of ``line`` (a trailing space: a new, empty word)."""
    words = shlex.split(line) + ([""] if line.endswith(" ") else [])
    result = subprocess.run(
        [str(JOURNEY)],
        env=_env(
            _JOURNEY_COMPLETE="complete_bash",
            COMP_WORDS=" ".join(words),
            COMP_CWORD=str(len(words) - 1),
        ),
        cwd=cwd, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", result.stderr
    return result.stdout.split()


def complete_in_process(line: str) -> list[str]:
    """The same protocol, answered by the app in this process."""
    words = shlex.split(line) + ([""] if line.endswith(" ") else [])
    env = {"_JOURNEY_COMPLETE": "complete_bash", "COMP_WORDS": " ".join(words)}
    env["COMP_CWORD"] = str(len(words) - 1)
    result = CliRunner().invoke(app, [], env=env, prog_name="journey", catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout.split()


def many(lines: list[str]) -> dict[str, list[str]]:
    return {line: complete_in_process(line) for line in lines}


def commands() -> list[tuple[list[str], Any]]:
    """Every command and group below the root, with its path of names."""
    found: list[tuple[list[str], Any]] = []

    def walk(command: Any, path: list[str]) -> None:
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            if not sub.hidden:
                found.append(([*path, name], sub))
                walk(sub, [*path, name])

    walk(typer.main.get_command(app), [])
    return found


def test_the_installed_script_exists() -> None:
    assert JOURNEY.exists(), f"journey is not installed beside {sys.executable}"


def test_command_names() -> None:
    root = typer.main.get_command(app)
    visible = sorted(name for name, c in root.commands.items() if not c.hidden)
    assert {"validate", "lint", "diff", "render", "import"} <= set(visible)
    assert sorted(complete("journey ")) == visible
    assert complete("journey va") == ["validate"]
    assert sorted(complete("journey s")) == sorted(n for n in visible if n.startswith("s"))


def test_subcommands_of_every_group() -> None:
    groups = [(path, c) for path, c in commands() if getattr(c, "commands", None)]
    assert any(path == ["import"] for path, _ in groups)
    assert sorted(complete("journey import ")) == sorted(
        n for path, g in groups if path == ["import"] for n in g.commands
    )
    got = many(["journey " + " ".join(path) + " " for path, _ in groups])
    for path, group in groups:
        expected = sorted(n for n, c in group.commands.items() if not c.hidden)
        assert sorted(got["journey " + " ".join(path) + " "]) == expected, path


def test_option_names_of_every_command() -> None:
    leaves = [(path, c) for path, c in commands() if not getattr(c, "commands", None)]
    got = many(["journey " + " ".join(path) + " --" for path, _ in leaves])
    assert set(complete("journey lint --")) == set(got["journey lint --"])
    for path, command in leaves:
        expected = {
            opt
            for p in command.params
            if p.param_type_name == "option" and not getattr(p, "hidden", False)
            for opt in p.opts + p.secondary_opts
            if opt.startswith("--")
        } | {"--help"}
        assert set(got["journey " + " ".join(path) + " --"]) == expected, path


def _choices(param: Any) -> list[str] | None:
    annotation = getattr(param.type_descriptor, "annotation", None)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return [str(member.value) for member in annotation]
    return None


def test_the_values_of_every_option_with_choices() -> None:
    """`--color`, `--fail-level`, `rules --format`, `init --template`, ...: wherever the option is
    a choice, its values complete, and a prefix narrows them."""
    cases: dict[str, list[str]] = {}
    for path, command in commands():
        for param in command.params:
            choices = _choices(param) if param.param_type_name == "option" else None
            if choices:
                cases[f"journey {' '.join(path)} {param.opts[0]} "] = choices
    assert "journey lint --fail-level " in cases
    assert "journey validate --color " in cases
    got = many(list(cases))
    for line, choices in cases.items():
        assert sorted(got[line]) == sorted(choices), line
    assert complete("journey lint --fail-level w") == ["warning"]  # the installed script too


def test_root_options_despite_the_version_fast_path() -> None:
    assert complete("journey --vers") == ["--version"]
    assert "--show-completion" in complete("journey --")


def test_path_arguments_leave_file_names_to_bash(tmp_path: Path) -> None:
    (tmp_path / "shop.journey.yaml").write_text("x")
    assert complete("journey validate sh", cwd=tmp_path) == []
    assert complete("journey diff --git main sh", cwd=tmp_path) == []


def shell_script(shell: str) -> str:
    """The completion script of ``shell``, as docs/ci.md says to print it."""
    shown = subprocess.run(
        [str(JOURNEY)], env=_env(_JOURNEY_COMPLETE=f"source_{shell}"),
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert shown.returncode == 0, shown.stdout + shown.stderr
    return shown.stdout


def test_each_shell_gets_its_own_script_whatever_shell_runs_journey() -> None:
    """`--show-completion` detects the shell from its parent processes, and with shellingham
    installed (a typer dependency) it takes no shell name: `--show-completion zsh` under bash
    prints bash's script, and with no shell above it (cron, an IDE) none at all."""
    marks = {
        "bash": "complete -o default -F _journey_completion journey",
        "zsh": "#compdef journey",
        "fish": "complete --command journey",
        "powershell": "Register-ArgumentCompleter",
    }
    for shell, mark in marks.items():
        assert mark in shell_script(shell), shell
    documented = (ROOT / "docs" / "ci.md").read_text("utf-8")
    assert "_JOURNEY_COMPLETE=source_zsh journey" in documented
    assert "--show-completion bash" not in documented


@pytest.mark.skipif(BASH is None, reason="bash is not installed")
def test_the_bash_script_completes_in_bash(tmp_path: Path) -> None:
    script = shell_script("bash")
    assert "complete -o default -F _journey_completion journey" in script
    (tmp_path / "shop.journey.yaml").write_text("x")
    (tmp_path / "completion.bash").write_text(script)
    probe = """
        source ./completion.bash
        ask() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=()
                _journey_completion journey "${COMP_WORDS[-1]}" journey
                echo "${COMPREPLY[*]:-(none)}"; }
        ask journey va
        ask journey lint --fail-level e
        ask journey validate sh
        complete -p journey
        # with nothing offered, -o default makes bash complete file names, as compgen does:
        compgen -o default -- sh
    """
    result = subprocess.run(
        [str(BASH), "--norc", "--noprofile", "-c", probe],
        cwd=tmp_path, env=_env(), capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:3] == ["validate", "error", "(none)"], result.stdout
    assert "-o default" in lines[3]
    assert lines[4] == "shop.journey.yaml"


def test_format_and_fail_on_values_complete() -> None:
    """Options checked by the command rather than typed as choices still complete their values."""
    from journeykit.diff.formats import FORMATS as DIFF_FORMATS
    from journeykit.reporters import REPORTERS

    got = many(
        [
            "journey validate --format ",
            "journey lint --format s",
            "journey diff --fail-on r",
            "journey diff --format ",
            "journey render --format s",
            "journey score --format ",
        ]
    )
    assert sorted(got["journey validate --format "]) == sorted(REPORTERS)
    assert got["journey lint --format s"] == ["stylish", "sarif"]
    assert sorted(got["journey diff --fail-on r"]) == ["regression", "removal"]
    assert sorted(got["journey diff --format "]) == sorted(DIFF_FORMATS)
    assert "svg" in got["journey render --format s"]
    assert sorted(got["journey score --format "]) == ["json", "markdown", "stylish"]
