"""``journey lint``: validation, then the rules that catch weak journey maps."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

import typer

from journeykit.cli import common
from journeykit.cli import event_options as shared
from journeykit.cli.report import FORMAT_HELP, REPORTER_NAMES, check_format, report

if TYPE_CHECKING:
    from journeykit.rules.base import EventFacts
    from journeykit.workspace import LoadedMap


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
    events: list[str] = typer.Option(
        None,
        "--events",
        metavar="LOG",
        help="Also check the maps against an event log (as `journey conform` reads it): "
        "touchpoints nobody reached, frequent unplanned moves. Repeat for several logs.",
    ),
    engine: str = shared.ENGINE_OPTION,
    customer_col: str = shared.CUSTOMER_COL_OPTION,
    event_col: str = shared.EVENT_COL_OPTION,
    time_col: str = shared.TIME_COL_OPTION,
    tz: str = shared.TZ_OPTION,
    start: str = shared.FROM_OPTION,
    end: str = shared.TO_OPTION,
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
    flags = {
        "customer_col": customer_col, "event_col": event_col, "time_col": time_col,
        "tz": tz, "engine": engine, "start": start, "end": end, "config_file": config_file,
    }  # fmt: skip
    facts = _event_facts(events or [], flags)
    problems = run_lint(maps, policy, day, facts)  # one map at a time
    ctx = ReportContext(__version__, "lint", tuple(maps.paths), rule_infos())
    report(problems, ctx, fmt, color)
    return (
        common.EXIT_USAGE
        if maps.unusable
        else common.exit_code(problems, Severity(fail_level.value))
    )


_EVENT_FLAGS = {
    "customer_col": "--customer-col", "event_col": "--event-col", "time_col": "--time-col",
    "tz": "--tz", "engine": "--engine", "start": "--from", "end": "--to",
}  # fmt: skip


def _event_facts(
    events: list[str], flags: Mapping[str, str | None]
) -> Callable[[LoadedMap], EventFacts] | None:
    """With ``--events``, what computes a valid map's facts from the logs (exit 2 when it cannot);
    without, ``None`` (and an event-log option alone is a usage error)."""
    if not events:
        given = [flag for key, flag in _EVENT_FLAGS.items() if flags.get(key) is not None]
        if given:
            verb = "applies" if len(given) == 1 else "apply"
            common.fail(f"{', '.join(given)} {verb} only with --events LOG")
        return None
    options = shared.event_options(flags)

    def facts(loaded: LoadedMap) -> EventFacts:
        from journeykit.conform.api import event_facts
        from journeykit.measure.plan import MeasureError

        try:
            return event_facts(loaded.model, events, options)  # lint asks only for valid maps
        except MeasureError as exc:
            common.fail(f"--events: {exc}")

    return facts
