"""What every command shares: options, format and colour choice, exit codes, errors."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from enum import StrEnum
from typing import NoReturn

import typer

from journeykit.cli.app import PANEL_CHECK as PANEL_CHECK  # the panels of `journey --help`,
from journeykit.cli.app import PANEL_GIT as PANEL_GIT  # defined beside the command registry
from journeykit.cli.app import PANEL_REFERENCE as PANEL_REFERENCE
from journeykit.cli.app import PANEL_REVIEW as PANEL_REVIEW
from journeykit.cli.app import PANEL_START as PANEL_START
from journeykit.errors import JourneyError
from journeykit.problems import Problem, Severity, one_line

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class Color(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


class FailLevel(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"


COLOR_OPTION = typer.Option(Color.auto, "--color", help="Colour the output: auto, always, never.")


def examples(*lines: str) -> str:
    """The epilog of a command's help: its examples, one command line each.

    The help is rich markup, so ``[`` is escaped: an example shows exactly what to type.
    """
    shown = "\n\n".join("  " + line.replace("[", "\\[") for line in lines)
    return f"[b]Examples[/b]\n\n{shown}"


def add_group(
    app: typer.Typer, name: str, summary: str, modules: Sequence[str], epilog: str
) -> None:
    """Add the command group ``name``; each of ``modules`` (under journeykit.cli) defines
    ``register(group)`` adding one subcommand, in this order."""
    import importlib

    group = typer.Typer(help=summary, no_args_is_help=True)
    for module in modules:
        importlib.import_module(f"journeykit.cli.{module}").register(group)
    app.add_typer(group, name=name, rich_help_panel=PANEL_START, epilog=epilog)


def completer(names: Iterable[str]) -> Callable[[str], list[str]]:
    """Shell completion for an option whose values are ``names`` (checked by the command)."""
    choices = tuple(names)

    def complete(incomplete: str) -> list[str]:
        return [name for name in choices if name.startswith(incomplete)]

    complete.choices = choices  # type: ignore[attr-defined]  # shown in --help as [a|b|c]
    return complete


CONFIG_OPTION = typer.Option(
    None, "--config", "-c", help="Config file (default: journeykit.yaml found upward)."
)


def use_color(choice: Color, stream: object = None) -> bool:
    if choice is Color.always:
        return True
    if choice is Color.never or "NO_COLOR" in os.environ:
        return False
    target = stream if stream is not None else sys.stdout
    isatty = getattr(target, "isatty", None)
    return bool(isatty and isatty())


def default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "stylish"


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """Stop the command: ``journey: error: message`` on stderr, exit ``code`` (2 by default).

    Raises :class:`JourneyError`, which the CLI reports in one place (``cli/app.py``)."""
    raise JourneyError(message, code)


def exit_code(problems: Sequence[Problem], fail_level: Severity = Severity.ERROR) -> int:
    return EXIT_FINDINGS if any(p.severity.at_least(fail_level) for p in problems) else EXIT_OK


def write_stdout(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:  # `journey ... | head` is fine
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def today_or_fail(explicit: str | None) -> dt.date:
    """``--today`` / ``JOURNEYKIT_TODAY`` / the clock; a malformed date exits 2."""
    from journeykit.today import resolve_today

    try:
        return resolve_today(explicit)
    except ValueError as exc:
        raise JourneyError(str(exc)) from None


def refuse_existing(targets: Iterable[str | os.PathLike[str]], force: bool) -> bool:
    """Unless ``force``, say of each target that exists ``journey: error: FILE exists; use
    --force to overwrite it``; True when one does (the command writes nothing and exits 1)."""
    found = [] if force else [target for target in targets if os.path.exists(target)]
    for target in found:
        sys.stderr.write(
            f"journey: error: {one_line(str(target))} exists; use --force to overwrite it\n"
        )
    return bool(found)


def parse_delimiter(value: str | None) -> str:
    """The cell separator ``--delimiter`` names (the CSV commands): , ; or tab."""
    names = {",": ",", ";": ";", "tab": "\t", "\\t": "\t", "\t": "\t"}
    if value is None:
        return ","
    if value.lower() not in names:
        fail(f"--delimiter must be , ; or tab, not {value!r}")
    return names[value.lower()]


def check_choice(value: str, choices: Iterable[str], what: str = "format") -> None:
    """Exit 2 unless ``value`` is one of ``choices``: ``unknown <what> 'x'; choose one of …``."""
    names = tuple(choices)
    if value not in names:
        fail(f"unknown {what} {value!r}; choose one of {', '.join(names)}")
