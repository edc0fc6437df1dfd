"""The entry point of ``journey measure``: a valid map and event logs in, a result out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from journeykit.measure.compute import Measurement
from journeykit.measure.plan import MapPlan, MeasureError, MeasureOptions
from journeykit.measure.result import MeasureResult
from journeykit.model.map import JourneyMap

T = TypeVar("T")


def open_measurement(
    journey: JourneyMap, events: Sequence[str], options: MeasureOptions
) -> Measurement:
    """Connect to the engine and name the logs; nothing is read until ``run()``.

    Raises :class:`MeasureError` for a bad option, a missing file or an unknown engine.
    """
    from journeykit.measure.engine import connect, resolve

    if not events:
        raise MeasureError("give at least one event log (a file, a folder or a glob)")
    plan = MapPlan.of(journey)
    tables = options.engine not in ("duckdb", "pyspark")
    sources = [resolve(given, tables=tables) for given in events]
    con, name = connect(options.engine, options.memory_limit, options.temp_directory)
    return Measurement(con, name, plan, options, sources)


def measure(journey: JourneyMap, events: Sequence[str], options: MeasureOptions) -> MeasureResult:
    """The figures of ``journey`` measured on ``events``; MeasureError when it cannot run."""
    return run_safely(open_measurement(journey, events, options), Measurement.run)


def run_safely(measurement: Measurement, work: Callable[[Measurement], T]) -> T:
    """``work(measurement)``, with the engine's own failure on this input turned into a
    MeasureError (exit 2, never a traceback) and the engine's cached tables released after."""
    from journeykit.measure.engine import first_line

    try:
        return work(measurement)
    except MeasureError:
        raise
    except Exception as exc:  # the engine's own failure on this input: exit 2, not a traceback
        raise MeasureError(f"the {measurement.engine} engine failed: {first_line(exc)}") from None
    finally:
        measurement.release()


__all__ = [
    "MeasureError",
    "MeasureOptions",
    "Measurement",
    "measure",
    "open_measurement",
    "run_safely",
]
