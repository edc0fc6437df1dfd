"""``journey measure``: the map's figures from customer event logs (DuckDB, Spark, any Ibis URL).

Streams: the report goes to stdout; the validation report of an invalid map and every error go
to stderr. Exit 0 when measured, 1 when the map is invalid, 2 when the measurement cannot run
(bad option, missing file, not an event log, engine failure).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from journeykit.cli import common
from journeykit.cli import event_options as shared
from journeykit.measure.formats import FORMATS  # the registry alone: no engine is imported here

if TYPE_CHECKING:
    from journeykit.measure.compute import Measurement
    from journeykit.measure.plan import MeasureOptions
    from journeykit.measure.result import MeasureResult
    from journeykit.model.map import JourneyMap
    from journeykit.workspace import LoadedMap


def register(app: typer.Typer) -> None:
    app.command(
        "measure",
        rich_help_panel=common.PANEL_REVIEW,
        epilog=common.examples(
            "journey measure trial.journey.yaml events.parquet --window 30d",
            "journey measure trial.journey.yaml 'exports/*.csv.gz' --by variant --format json",
            "journey measure trial.journey.yaml s3-export/ --engine pyspark",
        ),
    )(measure)


def measure(
    ctx: typer.Context,
    map_path: str = typer.Argument(..., metavar="MAP", help="The journey map."),
    events: list[str] = shared.EVENTS_ARGUMENT,
    window: str = typer.Option(
        None, "--window", "-w", help="Funnel window from the first stage: 30d, 12h, 90m."
    ),
    engine: str = shared.ENGINE_OPTION,
    customer_col: str = shared.CUSTOMER_COL_OPTION,
    event_col: str = shared.EVENT_COL_OPTION,
    time_col: str = shared.TIME_COL_OPTION,
    score_col: str = typer.Option(None, "--score-col", help="Column of scores (optional)."),
    by: str = typer.Option(None, "--by", help="Break the funnel down by this column."),
    tz: str = shared.TZ_OPTION,
    start: str = shared.FROM_OPTION,
    end: str = shared.TO_OPTION,
    as_of: str = typer.Option(
        None, "--as-of", help="Date of the metric values, YYYY-MM-DD [default: the last event's]."
    ),
    fmt: str = typer.Option(
        "stylish", "--format", "-f", help=f"Output format: {', '.join(FORMATS)}."
    ),
    dropoffs: str = typer.Option(
        None,
        "--dropoffs",
        help="Write the customers who left the funnel, with the stage they left at, to this CSV.",
    ),
    write: bool = typer.Option(
        False,
        "--write",
        help="Record each metric with a `measure:` spec in the map as a dated measurement "
        "(only the added lines change).",
    ),
    color: common.Color = common.COLOR_OPTION,
    config_file: str = common.CONFIG_OPTION,
) -> int:
    """Measure a map on customer event logs: reach, stage funnel, time between stages,
    transitions and scores per touchpoint.

    Exit 0 when measured, 1 when the map is invalid, 2 when the measurement cannot run.
    """
    common.check_choice(fmt, FORMATS)
    options = shared.event_options(ctx.params)  # the event-log options, by name
    if write and map_path == "-":
        common.fail("--write needs the map as a file, not on stdin")
    loaded = shared.event_map(map_path, "measure", color, "nothing measured")
    if isinstance(loaded, int):
        return loaded
    result = _run(loaded.model, events, options, fmt, dropoffs, color)
    if write:
        _write(loaded, result, options)
    return common.EXIT_OK


def _run(
    journey: JourneyMap,
    events: list[str],
    options: MeasureOptions,
    fmt: str,
    dropoffs: str | None,
    color: common.Color,
) -> MeasureResult:
    """Measure, then write the report (and ``--dropoffs``); the engine's own failure exits 2."""
    import io

    from journeykit import __version__
    from journeykit.cli.progress import reading
    from journeykit.measure.api import open_measurement, run_safely
    from journeykit.measure.formats import FormatContext

    def work(measurement: Measurement) -> tuple[MeasureResult, str, str | None]:
        with reading(measurement.sources):
            result = measurement.run()
        buffer = io.StringIO()
        FORMATS[fmt](result, buffer, FormatContext(journey, common.use_color(color), __version__))
        left = None if dropoffs is None else _dropoffs(measurement)
        return result, buffer.getvalue(), left

    result, text, left = run_safely(open_measurement(journey, events, options), work)
    if dropoffs is not None and left is not None:  # written before the report, as a whole
        from pathlib import Path

        from journeykit.output import write_file

        write_file(Path(dropoffs), left.encode("utf-8"))
    common.write_stdout(text)
    return result


def _write(loaded: LoadedMap, result: MeasureResult, options: MeasureOptions) -> None:
    """``--write``: the measurements appended to the map's file (atomically), or nothing."""
    import sys
    from pathlib import Path

    from journeykit.errors import LocatedError
    from journeykit.measure.write import as_of_date, write_measurements
    from journeykit.output import write_file

    outcome = write_measurements(loaded, result, options.as_of)
    if outcome.problems:
        raise LocatedError(outcome.problems)
    for skipped in outcome.skipped:
        sys.stderr.write(f"journey: {skipped.metric}: no customer to count, nothing recorded\n")
    if outcome.text is None or outcome.text == loaded.main.text:
        return
    write_file(Path(loaded.path), outcome.text.encode("utf-8"))
    day = as_of_date(result, options.as_of)
    sys.stderr.write(
        f"journey: {loaded.path}: {outcome.added} measurement(s) added, {outcome.updated} "
        f"updated, as of {day}\n"
    )


def _dropoffs(measurement: Measurement) -> str:
    """The CSV of ``--dropoffs``: each customer who left the funnel, and where."""
    import csv
    import io

    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(["customer_id", "last_stage", "missed_stage"])
    writer.writerows(measurement.dropoffs())
    return text.getvalue()
