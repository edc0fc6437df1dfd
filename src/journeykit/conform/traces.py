"""Customers' traces as Ibis expressions: one code path for every engine.

From the used events of ``journey measure`` (columns ``c`` customer, ``e`` event, ``us`` time in
microseconds, ``tp`` the touchpoint's position in journey order), the engine computes over all the
data:

* the **variants**: each distinct trace (touchpoint positions in time order, consecutive repeats
  counted once unless asked) with the number of customers who share it;
* the **edges**: consecutive pairs in those traces, with how often they occur and how many
  customers made them.

Events at the same microsecond are ordered by journey position, then event name, exactly as the
transitions of ``journey measure`` are, so both commands see the same sequence. Ibis cannot ask
Spark for an ordered ``collect``, so each trace is collected as (position, touchpoint) pairs and
sorted afterwards, which every engine does alike.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import ibis.expr.types as ir


def steps(used: ir.Table, *, keep_repeats: bool) -> ir.Table:
    """Each customer's steps ``c, pos, tp, us`` in trace order (repeats collapsed by default)."""
    import ibis

    order = ibis.window(group_by="c", order_by=["us", "tp", "e"])
    table = used.mutate(prev=used.tp.lag().over(order), pos=ibis.row_number().over(order))
    if not keep_repeats:
        table = table.filter(table.prev.isnull() | (table.prev != table.tp))
    return table.select("c", "pos", "tp", "us")


def variants(trace_steps: ir.Table) -> ir.Table:
    """``trace`` (an array of touchpoint positions) and ``customers`` sharing it."""
    import ibis

    items = trace_steps.group_by("c").aggregate(
        items=ibis.struct({"pos": trace_steps.pos, "tp": trace_steps.tp}).collect()
    )
    traces = items.select(trace=items["items"].sort().map(lambda item: item.tp))
    return traces.group_by("trace").aggregate(customers=traces.count())


def edges(trace_steps: ir.Table) -> ir.Table:
    """``tp, ntp, count, customers``: consecutive pairs of the traces."""
    import ibis

    order = ibis.window(group_by="c", order_by="pos")
    pairs = trace_steps.mutate(ntp=trace_steps.tp.lead().over(order))
    pairs = pairs.filter(pairs.ntp.notnull())
    return pairs.group_by(["tp", "ntp"]).aggregate(count=pairs.count(), customers=pairs.c.nunique())
