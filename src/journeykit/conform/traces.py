"""Customers' traces as Ibis expressions: one code path for every engine.

From the used events of ``journey measure`` (columns ``c`` customer, ``e`` event, ``us`` time in
microseconds, ``tp`` the touchpoint's position in journey order), the engine computes over all the
data the **variants**: each distinct trace (touchpoint positions in time order, consecutive
repeats counted once unless asked) with the number of customers who share it. Only those come
back to Python. The **edges** (consecutive pairs, how often and by how many
customers) follow from them exactly: each customer has one trace, so the pairs of every variant
weighed by its customers are the pairs of all the data
(:func:`journeykit.conform.summary.edge_counts`), without a second sort of every step.

Events at the same microsecond are ordered by journey position, as the transitions of ``journey
measure`` are (which then order by event name, a tie that cannot change a trace: the touchpoint is
the same), so both commands see the same sequence. Ibis cannot ask Spark for an ordered
``collect``, so each trace is collected as (time, touchpoint) pairs and sorted afterwards, which
every engine does alike; the lag that drops repeats is the only window, and only without
``--keep-repeats``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import ibis.expr.types as ir


def steps(used: ir.Table, *, keep_repeats: bool) -> ir.Table:
    """Each customer's steps ``c, us, tp`` (repeats collapsed by default), unordered: a trace
    is the steps sorted by ``(us, tp)``."""
    import ibis

    order = ibis.window(group_by="c", order_by=["us", "tp"])
    table = used.select("c", "us", "tp")
    if not keep_repeats:
        table = table.mutate(prev=table.tp.lag().over(order))
        table = table.filter(table.prev.isnull() | (table.prev != table.tp))
    return table.select("c", "us", "tp")


def variants(trace_steps: ir.Table) -> ir.Table:
    """``trace`` (an array of touchpoint positions) and ``customers`` sharing it."""
    import ibis

    items = trace_steps.group_by("c").aggregate(
        items=ibis.struct({"us": trace_steps.us, "tp": trace_steps.tp}).collect()
    )
    traces = items.select(trace=items["items"].sort().map(lambda item: item.tp))
    return traces.group_by("trace").aggregate(customers=traces.count())
