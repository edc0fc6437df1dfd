"""``journey validate``: every schema and reference error of every map, in one pass."""

from __future__ import annotations

import typer

from journeykit.cli import common
from journeykit.cli.report import FORMAT_HELP, REPORTER_NAMES, check_format, report


def register(app: typer.Typer) -> None:
    app.command(
        "validate",
        rich_help_panel=common.PANEL_CHECK,
        epilog=common.examples(
            "journey validate",
            "journey validate maps/ --format sarif > journeys.sarif",
            "cat map.journey.yaml | journey validate -",
        ),
    )(validate)


def validate(
    paths: list[str] = typer.Argument(
        None, help="Map files, folders (searched for *.journey.yaml), globs, or - for stdin."
    ),
    fmt: str = typer.Option(
        None, "--format", "-f", help=FORMAT_HELP, autocompletion=common.completer(REPORTER_NAMES)
    ),
    color: common.Color = common.COLOR_OPTION,
    config_file: str = common.CONFIG_OPTION,
) -> int:
    """Check maps against the format: schema, types, ranges and references.

    Exit 0 when every map is valid, 1 when a map has errors, 2 when the command cannot run.
    """
    from journeykit import __version__
    from journeykit.config import load_config
    from journeykit.problems import Severity
    from journeykit.reporters import ReportContext, RuleInfo
    from journeykit.runner import validate_all
    from journeykit.validate import CODES

    fmt = check_format(fmt)
    files, problems, lone = validate_all(paths or [], load_config(config_file))
    rules = {code: RuleInfo(code, Severity.ERROR, text) for code, text in CODES.items()}
    ctx = ReportContext(__version__, "validate", tuple(files), rules)
    report(problems, ctx, fmt, color)
    return common.EXIT_USAGE if lone else common.exit_code(problems)
