"""The typer application: one module per command under ``journeykit.cli``, registered by name."""

from __future__ import annotations

import importlib
import keyword

import typer

from journeykit import __version__

# Each module named here defines ``register(app)``; the order is the order of `journey --help`.
# A command's module is its name with ``_`` for ``-``, and a trailing ``_`` if that is a keyword.
COMMANDS = (
    "init",
    "import",
    "export",
    "validate",
    "lint",
    "score",
    "diff",
    "render",
    "measure",
    "conform",
    "rules",
    "schema",
    "git-diff-driver",
)

app = typer.Typer(
    name="journey",
    help="Customer journey maps as code: validate, lint, diff, score and render YAML journey maps.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"journey {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(
        False,
        "--version",
        "-V",
        help="Show the version and exit.",
        is_eager=True,
        callback=_version,
    ),
) -> None:
    """Customer journey maps as code."""


def module_name(command: str) -> str:
    name = command.replace("-", "_")
    return f"journeykit.cli.{name}_" if keyword.iskeyword(name) else f"journeykit.cli.{name}"


for _name in COMMANDS:
    importlib.import_module(module_name(_name)).register(app)


def run(args: list[str]) -> int:
    try:
        app(args=args, prog_name="journey", standalone_mode=True)
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 2)
    except KeyboardInterrupt:
        typer.echo("journey: interrupted", err=True)
        return 130
    return 0
