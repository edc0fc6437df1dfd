"""``journey lint``: validation, then the rules that catch weak journey maps."""

from __future__ import annotations

import typer

from journeykit.cli.common import (
    COLOR_OPTION,
    CONFIG_OPTION,
    EXIT_USAGE,
    PANEL_CHECK,
    Color,
    FailLevel,
    completer,
    examples,
    exit_code,
    today_or_fail,
)
from journeykit.cli.report import FORMAT_HELP, REPORTER_NAMES, check_format, report


def register(app: typer.Typer) -> None:
    app.command(
        "lint",
        rich_help_panel=PANEL_CHECK,
        epilog=examples(
            "journey lint",
            "journey lint maps/ --fail-level warning",
            "journey lint --format github checkout.journey.yaml",
        ),
    )(lint)


def lint(
    paths: list[str] = typer.Argument(
        None, help="Map files, folders (searched for *.journey.yaml), globs, or - for stdin."
    ),
    fmt: str = typer.Option(
        None, "--format", "-f", help=FORMAT_HELP, autocompletion=completer(REPORTER_NAMES)
    ),
    fail_level: FailLevel = typer.Option(
        FailLevel.error, "--fail-level", help="Exit 1 when a finding is at this level or above."
    ),
    today: str = typer.Option(
        None,
        "--today",
        metavar="YYYY-MM-DD",
        help="The date rules compare against (default: $JOURNEYKIT_TODAY, else the clock).",
    ),
    color: Color = COLOR_OPTION,
    config_file: str = CONFIG_OPTION,
) -> int:
    """Validate maps, then report weak spots (`journey rules` lists the rules).

    Levels and options come from journeykit.yaml; `# journeykit: disable-line RULE` silences one.

    Exit 0 when nothing reaches --fail-level, 1 when something does, 2 when lint cannot run.
    """
    from journeykit import __version__
    from journeykit.config import load_config
    from journeykit.lint import Policy, rule_infos
    from journeykit.lint import lint as run_lint
    from journeykit.problems import Severity
    from journeykit.reporters import ReportContext
    from journeykit.runner import Maps

    fmt = check_format(fmt)
    day = today_or_fail(today)
    config = load_config(config_file)
    policy = Policy(config)
    maps = Maps(paths or [], config)
    problems = run_lint(maps, policy, day)  # one map at a time
    ctx = ReportContext(__version__, "lint", tuple(maps.paths), rule_infos())
    report(problems, ctx, fmt, color)
    return EXIT_USAGE if maps.unusable else exit_code(problems, Severity(fail_level.value))
