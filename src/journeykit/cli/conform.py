"""``journey conform``: the planned journey against what customers did, from event logs.

Streams: the report goes to stdout; the validation report of an invalid map and every error go
to stderr. Exit 0 when conformance was measured (and, with ``--fail-under X``, fitness >= X), 1
when fitness is below ``--fail-under`` or the map is invalid, 2 when it cannot run (bad option,
missing file, not an event log, engine failure).
"""

from __future__ import annotations

import typer

from journeykit.cli import common
from journeykit.cli import event_options as shared

FORMATS = ("stylish", "json", "markdown", "html")
DEFAULT_VARIANTS = 10_000  # journeykit.conform.summary.DEFAULT_VARIANTS (a test keeps them equal)


def register(app: typer.Typer) -> None:
    app.command(
        "conform",
        rich_help_panel=common.PANEL_REVIEW,
        epilog=common.examples(
            "journey conform trial.journey.yaml events.parquet",
            "journey conform trial.journey.yaml 'exports/*.csv.gz' --fail-under 0.8",
            "journey conform trial.journey.yaml events.parquet --format html > conform.html",
        ),
    )(conform)


def conform(
    ctx: typer.Context,
    map_path: str = typer.Argument(..., metavar="MAP", help="The journey map."),
    events: list[str] = shared.EVENTS_ARGUMENT,
    keep_repeats: bool = typer.Option(
        False,
        "--keep-repeats",
        help="Count consecutive repeats of one touchpoint in a trace (by default they count once).",
    ),
    variants: int = typer.Option(
        DEFAULT_VARIANTS,
        "--variants",
        min=1,
        help="Align the N most common variants (distinct traces); the customers of rarer ones "
        "are reported as left out.",
    ),
    fail_under: float = typer.Option(
        None,
        "--fail-under",
        min=0.0,
        max=1.0,
        help="Exit 1 when fitness is below this (0 to 1), for CI.",
    ),
    engine: str = shared.ENGINE_OPTION,
    customer_col: str = shared.CUSTOMER_COL_OPTION,
    event_col: str = shared.EVENT_COL_OPTION,
    time_col: str = shared.TIME_COL_OPTION,
    tz: str = shared.TZ_OPTION,
    start: str = shared.FROM_OPTION,
    end: str = shared.TO_OPTION,
    fmt: str = typer.Option(
        "stylish", "--format", "-f", help=f"Output format: {', '.join(FORMATS)}."
    ),
    color: common.Color = common.COLOR_OPTION,
    config_file: str = common.CONFIG_OPTION,
) -> int:
    """Compare the map's planned flow with customers' actual journeys: fitness, the most common
    paths, skipped steps, unplanned moves and planned moves nobody takes.

    Exit 0 when measured, 1 below --fail-under or for an invalid map, 2 when it cannot run.
    """
    import io
    import sys

    from journeykit.conform.api import conform as run
    from journeykit.conform.report import write

    common.check_choice(fmt, FORMATS)
    options = shared.event_options(ctx.params)  # the event-log options, by name
    loaded = shared.event_map(map_path, "conform", color, "nothing compared")
    if isinstance(loaded, int):
        return loaded
    result = run(loaded.model, events, options, keep_repeats=keep_repeats, variants=variants)
    buffer = io.StringIO()
    write(result, fmt, buffer, loaded.model)
    common.write_stdout(buffer.getvalue())
    if fail_under is not None and (result.fitness is None or result.fitness < fail_under):
        fitness = "none (no customer)" if result.fitness is None else f"{result.fitness:.4f}"
        sys.stderr.write(f"journey: fitness {fitness} is below --fail-under {fail_under:g}\n")
        return common.EXIT_FINDINGS
    return common.EXIT_OK
