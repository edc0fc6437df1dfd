"""Reading the logs and row hygiene, as Ibis expressions: every row as ``status, c, e, us, s, b``.

Times become whole epoch microseconds as soon as they are read, so every comparison, window
and gap afterwards is integer arithmetic that DuckDB, Spark and any other backend compute alike.
The only SQL text is the one that turns a timestamp into microseconds (``UNIX_MICROS``), written
once in BigQuery's dialect and transpiled by sqlglot for the backend at hand.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from journeykit.measure.plan import MICROS, MeasureOptions, is_utc, wall_offsets

if TYPE_CHECKING:
    import ibis.expr.types as ir
    from ibis.backends import BaseBackend

    from journeykit.measure.engine import Source

# ISO 8601 as both engines read it alike: a date, optionally a time (seconds and a fraction
# optional), and after a time optionally Z or an offset (+02, +0200, +02:00).
_TIME = r"(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?"
_ZONE = r"(Z|[+-](?:[01]\d|2[0-3])(?::?[0-5]\d)?)"
_DATE = r"\d{4}-[01]\d-[0-3]\d"
# one regular expression per row (they cost more than the rest of the parse): group 1 is the
# time without its zone, empty when the text is not such a time; the zone is what follows it
TIME = rf"^({_DATE}(?:[ T]{_TIME})?){_ZONE}?$"
OK, REJECTED, OUTSIDE = 0, 1, 2


def events(
    con: BaseBackend, engine: str, sources: list[Source], options: MeasureOptions
) -> ir.Table:
    """Every row of every source as ``status, c, e, us, s, b`` (times in microseconds); only a
    row whose status is OK keeps its values, the others are nulls to be counted."""
    from journeykit.measure.engine import read

    tables = [
        _parse(read(con, engine, src, options.columns), i, options) for i, src in enumerate(sources)
    ]
    table = tables[0]
    for other in tables[1:]:
        table = table.union(other, distinct=False)
    return table


def _parse(raw: ir.Table, number: int, options: MeasureOptions) -> ir.Table:
    import ibis
    import ibis.expr.datatypes as dt

    time = raw.t
    if time.type().is_timestamp():
        wall, zone_known = time, time.type().timezone is not None
        offset: Any = ibis.literal(0, type=dt.int64)
        has_zone: Any = ibis.literal(zone_known)
    else:
        text = time.strip()
        body = text.re_extract(TIME, 1)
        wall = body.nullif("").try_cast(dt.Timestamp())
        zone_text = ibis.ifelse(body == "", "", text.substr(body.length()))
        has_zone = zone_text != ""
        sign = ibis.ifelse(zone_text.left(1) == "-", -1, 1)
        hours = ibis.ifelse(zone_text.length() >= 3, zone_text.substr(1, 2), "0")
        minutes = ibis.ifelse(zone_text.length() >= 5, zone_text.right(2), "0")
        hours, minutes = hours.try_cast(dt.int64), minutes.try_cast(dt.int64)
        offset = sign * (hours * 3600 + minutes * 60) * MICROS
    table = raw.mutate(wall=wall, zone_off=offset, has_zone=has_zone)
    # the one SQL text: a timestamp (read in UTC) as epoch microseconds, via sqlglot
    name = f"journeykit_events_{number}"
    table = table.alias(name).sql(
        "SELECT c, e, s, b, zone_off, has_zone, "
        f"UNIX_MICROS(CAST(wall AS TIMESTAMP)) AS wall_us FROM {name}",
        dialect="bigquery",
    )
    local = _local_offset(table.wall_us, options.tz)
    us = table.wall_us - ibis.ifelse(table.has_zone, table.zone_off, local)
    score = table.s.strip().try_cast(dt.float64)
    score = ibis.ifelse(score.isnan() | score.isinf(), ibis.null(dt.float64), score)
    customer, event = table.c, table.e
    valid = (
        customer.notnull()
        & (customer.strip() != "")
        & event.notnull()
        & (event.strip() != "")
        & us.notnull()
    )
    inside = ibis.literal(True)
    if options.start_us is not None:
        inside &= us >= options.start_us
    if options.end_us is not None:
        inside &= us < options.end_us
    status = ibis.ifelse(valid, ibis.ifelse(inside, OK, OUTSIDE), REJECTED)
    keep = status == OK
    return table.select(
        status=status.cast(dt.int8),
        c=ibis.ifelse(keep, customer, ibis.null(dt.string)),
        e=ibis.ifelse(keep, event, ibis.null(dt.string)),
        us=ibis.ifelse(keep, us, ibis.null(dt.int64)).cast(dt.int64),
        s=ibis.ifelse(keep, score, ibis.null(dt.float64)),
        b=ibis.ifelse(keep, table.b, ibis.null(dt.string)),
    )


def _local_offset(wall_us: ir.IntegerValue, tz: str) -> Any:
    """The --tz offset of a wall time: a balanced tree of comparisons over its transitions."""
    import ibis
    import ibis.expr.datatypes as dt

    if is_utc(tz):
        return ibis.literal(0, type=dt.int64)
    thresholds, offsets = wall_offsets(tz)

    def tree(low: int, high: int) -> Any:  # offsets[low..high]
        if low == high:
            return ibis.literal(offsets[low], type=dt.int64)
        middle = (low + high + 1) // 2
        return ibis.ifelse(
            wall_us < thresholds[middle - 1], tree(low, middle - 1), tree(middle, high)
        )

    return tree(0, len(offsets) - 1)


__all__ = ["OK", "OUTSIDE", "REJECTED", "TIME", "events"]
