"""``journey lint``: validation, then the rules that catch weak journey maps."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

import typer

from journeykit.cli.common import (
    COLOR_OPTION,
    CONFIG_OPTION,
    PANEL_CHECK,
    Color,
    FailLevel,
    completer,
    examples,
)
from journeykit.cli.event_options import (
    CUSTOMER_COL_OPTION,
    ENGINE_OPTION,
    EVENT_COL_OPTION,
    FROM_OPTION,
    TIME_COL_OPTION,
    TO_OPTION,
    TZ_OPTION,
)
from journeykit.cli.report import FORMAT_HELP, REPORTER_NAMES, check_format, emit

if TYPE_CHECKING:
    from journeykit.rules.base import EventFacts
    from journeykit.workspace import LoadedMap


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
    events: list[str] = typer.Option(
        None,
        "--events",
        metavar="LOG",
        help="Also check the maps against an event log (as `journey conform` reads it): "
        "touchpoints nobody reached, frequent unplanned moves. Repeat for several logs.",
    ),
    engine: str = ENGINE_OPTION,
    customer_col: str = CUSTOMER_COL_OPTION,
    event_col: str = EVENT_COL_OPTION,
    time_col: str = TIME_COL_OPTION,
    tz: str = TZ_OPTION,
    start: str = FROM_OPTION,
    end: str = TO_OPTION,
) -> None:
    """Validate maps, then report weak spots (`journey rules` lists the rules).

    Levels and options come from journeykit.yaml; `# journeykit: disable-line RULE` silences one.

    Exit 0 when nothing reaches --fail-level, 1 when something does, 2 when lint cannot run.
    """
    from journeykit import __version__
    from journeykit.cli.common import EXIT_USAGE, exit_code, set_up, today_or_fail
    from journeykit.config import load_config
    from journeykit.lint import Policy, rule_infos
    from journeykit.lint import lint as run_lint
    from journeykit.problems import Severity
    from journeykit.reporters import ReportContext
    from journeykit.runner import Maps

    fmt = check_format(fmt)
    day = today_or_fail(today)
    config = set_up(lambda: load_config(config_file))
    policy = set_up(lambda: Policy(config))
    maps = set_up(lambda: Maps(paths or [], config))
    flags = {
        "customer_col": customer_col, "event_col": event_col, "time_col": time_col,
        "tz": tz, "engine": engine,
    }  # fmt: skip
    facts = _event_facts(events or [], flags, start, end, config_file)
    problems = run_lint(maps, policy, day, facts)  # one map at a time
    ctx = ReportContext(__version__, "lint", tuple(maps.paths), rule_infos())
    emit(problems, ctx, fmt, color)
    if maps.unusable:
        raise typer.Exit(EXIT_USAGE)
    raise typer.Exit(exit_code(problems, Severity(fail_level.value)))


def _event_facts(
    events: list[str],
    flags: Mapping[str, str | None],
    start: str | None,
    end: str | None,
    config_file: str | None,
) -> Callable[[LoadedMap], EventFacts] | None:
    """With ``--events``, what computes a valid map's facts from the logs (exit 2 when it cannot);
    without, ``None`` (and an event-log option alone is a usage error)."""
    from journeykit.cli.common import fail
    from journeykit.cli.event_options import event_options

    if not events:
        given = [f"--{k.replace('_', '-')}" for k, v in flags.items() if v is not None]
        given += [flag for flag, v in (("--from", start), ("--to", end)) if v is not None]
        if given:
            verb = "applies" if len(given) == 1 else "apply"
            fail(f"{', '.join(given)} {verb} only with --events LOG")
        return None
    options = event_options(config_file, flags, start, end)

    def facts(loaded: LoadedMap) -> EventFacts:
        from journeykit.conform.api import event_facts
        from journeykit.measure.plan import MeasureError

        assert loaded.journey is not None  # lint asks only for valid maps
        try:
            return event_facts(loaded.journey, events, options)
        except MeasureError as exc:
            fail(f"--events: {exc}")

    return facts
