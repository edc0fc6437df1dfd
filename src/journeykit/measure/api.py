"""The entry point of ``journey measure``: a valid map and event logs in, a result out."""

from __future__ import annotations

from collections.abc import Sequence

from journeykit.measure.compute import Measurement
from journeykit.measure.plan import MapPlan, MeasureError, MeasureOptions
from journeykit.measure.result import MeasureResult
from journeykit.model.map import JourneyMap


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
    con, name = connect(options.engine)
    return Measurement(con, name, plan, options, sources)


def measure(journey: JourneyMap, events: Sequence[str], options: MeasureOptions) -> MeasureResult:
    """The figures of ``journey`` measured on ``events``; MeasureError when it cannot run."""
    from journeykit.measure.engine import first_line

    measurement = open_measurement(journey, events, options)
    try:
        return measurement.run()
    except MeasureError:
        raise
    except Exception as exc:  # the engine's own failure on this input: exit 2, not a traceback
        raise MeasureError(f"the {measurement.engine} engine failed: {first_line(exc)}") from None
    finally:
        measurement.release()


__all__ = ["MeasureError", "MeasureOptions", "Measurement", "measure", "open_measurement"]
