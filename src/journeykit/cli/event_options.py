"""The event-log options ``journey measure`` and ``journey conform`` share: their declarations,
and their parsing (flags over the ``events:`` section of ``journeykit.yaml``) into
:class:`MeasureOptions`. Light at import: typer only."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import typer

from journeykit.cli import common

if TYPE_CHECKING:
    from journeykit.measure.plan import MeasureOptions
    from journeykit.workspace import LoadedMap

EVENTS_ARGUMENT = typer.Argument(
    ...,
    metavar="EVENTS...",
    help="Event logs: CSV (plain or .gz), Parquet or JSON lines files, folders, globs; "
    "table names with an --engine URL.",
)
ENGINE_OPTION = typer.Option(
    None, "--engine", help="duckdb (default, embedded), pyspark, or an Ibis backend URL."
)
CUSTOMER_COL_OPTION = typer.Option(
    None, "--customer-col", help="Column of customer ids (default: customer_id)."
)
EVENT_COL_OPTION = typer.Option(None, "--event-col", help="Column of event names (default: event).")
TIME_COL_OPTION = typer.Option(None, "--time-col", help="Column of times (default: timestamp).")
TZ_OPTION = typer.Option(None, "--tz", help="Zone of times written without one (default: UTC).")
FROM_OPTION = typer.Option(None, "--from", help="Only events from this date or time on.")
TO_OPTION = typer.Option(None, "--to", help="Only events up to this date (inclusive) or time.")

_KEYS = ("customer_col", "event_col", "time_col", "score_col", "by", "tz", "window", "engine")
_ENGINE_KEYS = ("memory_limit", "temp_directory")  # from the configuration only


def event_options(flags: Mapping[str, Any]) -> MeasureOptions:
    """Options from a command's ``flags`` (its parameters by name, ``ctx.params``: a key absent
    does not apply to the command), each defaulting to the ``events:`` section of the config
    (``config_file``); exit 2 on a bad value."""
    from journeykit.config import load_config
    from journeykit.measure.settings import event_settings

    config = load_config(flags.get("config_file"))
    defaults = event_settings(config)
    chosen: dict[str, str | None] = {
        key: (flags[key] if flags[key] is not None else defaults.get(key)) if key in flags else None
        for key in _KEYS
    }
    chosen.update({key: defaults.get(key) for key in _ENGINE_KEYS})
    return _options(chosen, flags.get("start"), flags.get("end"), flags.get("as_of"))


def _options(
    chosen: dict[str, str | None], start: str | None, end: str | None, as_of: str | None
) -> MeasureOptions:
    import datetime as dt

    from journeykit.measure.plan import (
        Columns,
        MeasureError,
        MeasureOptions,
        parse_bound,
        parse_window,
        zone,
    )

    tz = chosen["tz"] or "UTC"
    zone(tz)
    columns = Columns(
        customer=chosen["customer_col"] or "customer_id",
        event=chosen["event_col"] or "event",
        time=chosen["time_col"] or "timestamp",
        score=chosen["score_col"],
        by=chosen["by"],
    )
    day = None
    if as_of is not None:
        try:
            day = dt.date.fromisoformat(as_of)
        except ValueError:
            raise MeasureError(f"--as-of {as_of!r} is not a date YYYY-MM-DD") from None
    options = MeasureOptions(
        columns=columns,
        window_s=None if chosen["window"] is None else parse_window(chosen["window"]),
        tz=tz,
        start_us=None if start is None else parse_bound(start, tz, end=False, flag="--from"),
        end_us=None if end is None else parse_bound(end, tz, end=True, flag="--to"),
        engine=chosen["engine"] or "duckdb",
        as_of=day,
        memory_limit=chosen.get("memory_limit"),
        temp_directory=chosen.get("temp_directory"),
    )
    start_us, end_us = options.start_us, options.end_us
    if start_us is not None and end_us is not None and start_us >= end_us:
        common.fail("--from must come before --to")
    return options


def event_map(map_path: str, command: str, color: common.Color, nothing: str) -> LoadedMap | int:
    """The valid map a command reads event logs for; or, when it is invalid, the exit code once
    its validation report and ``journey: <nothing>: fix the map above first`` are on stderr."""
    import sys

    from journeykit.cli.report import report_invalid
    from journeykit.runner import unusable
    from journeykit.validate import load

    loaded = load(map_path)
    if loaded.valid:
        return loaded
    code = report_invalid([loaded], command, color, unusable=unusable([loaded]))
    sys.stderr.write(f"journey: {nothing}: fix the map above first\n")
    return code
