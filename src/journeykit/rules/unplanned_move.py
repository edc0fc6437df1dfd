"""Only with `journey lint --events LOG`: customers often move from one touchpoint straight to
another although the plan has no such step (`a` is followed by `b` in their traces, and `b` is
not in `a`'s `next`, nor the implied next touchpoint). A move that at least `min_share` of the
log's customers make (default 0.05, that is 5 %) is part of the real journey: plan it (add it to
`next`), or find out why customers leave the plan there.

The log is read as `journey conform` reads it: each customer's touchpoints in time order,
consecutive repeats of one touchpoint counted once, over all the data. The share is the
customers who made the move at least once, over the customers in the log. Without `--events`
the rule is silent.

The finding points at the `id` of the touchpoint the move leaves.

Configuration:

```yaml
rules:
  unplanned-move: {min_share: 0.1}   # only moves made by 10 % of customers or more
```

Failing example (the log: 12 % of customers go from the product page straight to the order):

```yaml
touchpoints:
  - {id: product, name: Product page, stage: choose}
  - {id: cart, name: Cart, stage: buy}
  - {id: order, name: Order placed, stage: buy}
```

Passing example (the same log; the plan allows the express checkout):

```yaml
touchpoints:
  - {id: product, name: Product page, stage: choose, next: [cart, order]}
  - {id: cart, name: Cart, stage: buy}
  - {id: order, name: Order placed, stage: buy}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.problems import Problem, Severity, quote
from journeykit.rules.base import Option, RuleContext

ID = "unplanned-move"
LEVEL = Severity.WARNING
SUMMARY = "With `--events`: a move off the plan made by at least `min_share` of customers (5 %)."
OPTIONS = {
    "min_share": Option(
        0.05,
        "the share of the log's customers (0 to 1) who must make a move for it to be reported",
        maximum=1,
    ),
}


def check(ctx: RuleContext) -> Iterator[Problem]:
    facts = ctx.events
    if facts is None or facts.customers == 0:
        return
    threshold = ctx.number("min_share")
    position = {t.id: i for i, t in enumerate(ctx.journey.touchpoints)}
    moves = sorted(
        (m for m in facts.moves if not m.planned and m.source in position),
        key=lambda m: (position[m.source], -m.customers, m.target),
    )
    for move in moves:
        share = move.customers / facts.customers
        if share < threshold or move.customers == 0:
            continue
        yield ctx.problem(
            ("touchpoints", position[move.source], "id"),
            f"unplanned move {quote(move.source)} → {quote(move.target)} taken by "
            f"{_percent(share)} of customers ({move.customers} of {facts.customers}); plan it "
            f"(add {quote(move.target)} to the `next` of {quote(move.source)}) or find out why "
            "customers leave the plan here",
        )


def _percent(share: float) -> str:
    value = share * 100
    return f"{value:.0f} %" if value >= 1 else f"{value:.2g} %"
