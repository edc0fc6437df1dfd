"""``journey lint``: validation, then the rules that catch weak journey maps."""

from __future__ import annotations

import typer

from journeykit.cli import common
from journeykit.cli.report import FORMAT_HELP, REPORTER_NAMES, check_format, report


def register(app: typer.Typer) -> None:
    app.command(
        "lint",
        rich_help_panel=common.PANEL_CHECK,
        epilog=common.examples(
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
        None, "--format", "-f", help=FORMAT_HELP, autocompletion=common.completer(REPORTER_NAMES)
    ),
    fail_level: common.FailLevel = typer.Option(
        common.FailLevel.error,
        "--fail-level",
        help="Exit 1 when a finding is at this level or above.",
    ),
    today: str = typer.Option(
        None,
        "--today",
        metavar="YYYY-MM-DD",
        help="The date rules compare against (default: $JOURNEYKIT_TODAY, else the clock).",
    ),
    color: common.Color = common.COLOR_OPTION,
    config_file: str = common.CONFIG_OPTION,
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
    day = common.today_or_fail(today)
    config = load_config(config_file)
    policy = Policy(config)
    maps = Maps(paths or [], config)
    problems = run_lint(maps, policy, day)  # one map at a time
    ctx = ReportContext(__version__, "lint", tuple(maps.paths), rule_infos())
    report(problems, ctx, fmt, color)
    return (
        common.EXIT_USAGE
        if maps.unusable
        else common.exit_code(problems, Severity(fail_level.value))
    )
