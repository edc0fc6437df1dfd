"""``journey measure``: the map's figures from customer event logs (DuckDB, Spark, any Ibis URL).

Streams: the report goes to stdout; the validation report of an invalid map and every error go
to stderr. Exit 0 when measured, 1 when the map is invalid, 2 when the measurement cannot run
(bad option, missing file, not an event log, engine failure).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from journeykit.cli.common import COLOR_OPTION, CONFIG_OPTION, PANEL_REVIEW, Color, examples
from journeykit.cli.event_options import (
    CUSTOMER_COL_OPTION,
    ENGINE_OPTION,
    EVENT_COL_OPTION,
    EVENTS_ARGUMENT,
    FROM_OPTION,
    TIME_COL_OPTION,
    TO_OPTION,
    TZ_OPTION,
    event_options,
)
from journeykit.measure.formats import FORMATS  # the registry alone: no engine is imported here

if TYPE_CHECKING:
    from journeykit.measure.compute import Measurement
    from journeykit.measure.plan import MeasureOptions
    from journeykit.measure.result import MeasureResult
    from journeykit.workspace import LoadedMap


def register(app: typer.Typer) -> None:
    app.command(
        "measure",
        rich_help_panel=PANEL_REVIEW,
        epilog=examples(
            "journey measure trial.journey.yaml events.parquet --window 30d",
            "journey measure trial.journey.yaml 'exports/*.csv.gz' --by variant --format json",
            "journey measure trial.journey.yaml s3-export/ --engine pyspark",
        ),
    )(measure)


def measure(
    map_path: str = typer.Argument(..., metavar="MAP", help="The journey map."),
    events: list[str] = EVENTS_ARGUMENT,
    window: str = typer.Option(
        None, "--window", "-w", help="Funnel window from the first stage: 30d, 12h, 90m."
    ),
    engine: str = ENGINE_OPTION,
    customer_col: str = CUSTOMER_COL_OPTION,
    event_col: str = EVENT_COL_OPTION,
    time_col: str = TIME_COL_OPTION,
    score_col: str = typer.Option(None, "--score-col", help="Column of scores (optional)."),
    by: str = typer.Option(None, "--by", help="Break the funnel down by this column."),
    tz: str = TZ_OPTION,
    start: str = FROM_OPTION,
    end: str = TO_OPTION,
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
    color: Color = COLOR_OPTION,
    config_file: str = CONFIG_OPTION,
) -> None:
    """Measure a map on customer event logs: reach, stage funnel, time between stages,
    transitions and scores per touchpoint.

    Exit 0 when measured, 1 when the map is invalid, 2 when the measurement cannot run.
    """
    import sys

    from journeykit.cli.common import EXIT_FINDINGS, EXIT_USAGE, fail
    from journeykit.cli.report import report_invalid
    from journeykit.validate import load

    if fmt not in FORMATS:
        fail(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    flags = {
        "customer_col": customer_col, "event_col": event_col, "time_col": time_col,
        "score_col": score_col, "by": by, "tz": tz, "window": window, "engine": engine,
    }  # fmt: skip
    options = event_options(config_file, flags, start, end, as_of)
    if write and map_path == "-":
        fail("--write needs the map as a file, not on stdin")

    loaded = load(map_path)
    if not loaded.valid:
        report_invalid([loaded], "measure", color)
        sys.stderr.write("journey: nothing measured: fix the map above first\n")
        from journeykit.problems import INPUT_CODES

        unusable = any(p.code in INPUT_CODES for p in loaded.problems)
        raise typer.Exit(EXIT_USAGE if unusable else EXIT_FINDINGS)
    assert loaded.journey is not None
    result = _run(loaded.journey, events, options, fmt, dropoffs, color)
    if write:
        _write(loaded, result, options)
    raise typer.Exit(0)


def _run(
    journey: object,
    events: list[str],
    options: MeasureOptions,
    fmt: str,
    dropoffs: str | None,
    color: Color,
) -> MeasureResult:
    import io

    from journeykit import __version__
    from journeykit.cli.common import fail, use_color, write_stdout
    from journeykit.cli.progress import reading
    from journeykit.measure.api import open_measurement
    from journeykit.measure.engine import first_line
    from journeykit.measure.formats import FormatContext
    from journeykit.measure.plan import MeasureError
    from journeykit.model.map import JourneyMap

    assert isinstance(journey, JourneyMap)
    measurement: Measurement | None = None
    try:
        measurement = open_measurement(journey, events, options)
        with reading(measurement.sources):
            result = measurement.run()
        buffer = io.StringIO()
        context = FormatContext(journey, use_color(color), __version__)
        FORMATS[fmt](result, buffer, context)
        if dropoffs is not None:
            _write_dropoffs(measurement, dropoffs)
    except MeasureError as exc:
        fail(str(exc))
    except Exception as exc:  # the engine's own failure on this input: exit 2, not a traceback
        engine = measurement.engine if measurement is not None else options.engine
        fail(f"the {engine} engine failed: {first_line(exc)}")
    finally:
        if measurement is not None:
            measurement.release()
    write_stdout(buffer.getvalue())
    return result


def _write(loaded: LoadedMap, result: MeasureResult, options: MeasureOptions) -> None:
    """``--write``: the measurements appended to the map's file (atomically), or nothing."""
    import sys
    from pathlib import Path

    from journeykit.cli.common import fail, fail_problems
    from journeykit.measure.write import as_of_date, write_measurements
    from journeykit.output import OutputError, write_file

    outcome = write_measurements(loaded, result, options.as_of)
    if outcome.problems:
        fail_problems(outcome.problems)
    for skipped in outcome.skipped:
        sys.stderr.write(f"journey: {skipped.metric}: no customer to count, nothing recorded\n")
    if outcome.text is None or outcome.text == loaded.main.text:
        return
    try:
        write_file(Path(loaded.path), outcome.text.encode("utf-8"))
    except OutputError as exc:
        fail(str(exc))
    day = as_of_date(result, options.as_of)
    sys.stderr.write(
        f"journey: {loaded.path}: {outcome.added} measurement(s) added, {outcome.updated} "
        f"updated, as of {day}\n"
    )


def _write_dropoffs(measurement: Measurement, path: str) -> None:
    import csv
    import io
    from pathlib import Path

    from journeykit.measure.plan import MeasureError
    from journeykit.output import OutputError, write_file

    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(["customer_id", "last_stage", "missed_stage"])
    writer.writerows(measurement.dropoffs())
    try:
        write_file(Path(path), text.getvalue().encode("utf-8"))
    except OutputError as exc:
        raise MeasureError(str(exc)) from None
