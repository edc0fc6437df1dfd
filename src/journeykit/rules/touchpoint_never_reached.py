"""Only with `journey lint --events LOG`: a planned touchpoint that no customer in the log reached.
Either customers really skip it (the plan promises a step nobody takes: drop it, or find out why
they go around it), or the log does not show it (no event maps to it: check its `events` list,
which defaults to the touchpoint's id, and the log's event names).

The log is read as `journey measure` and `journey conform` read it: the same columns, `--tz`,
`--from`/`--to`, `--engine` and `events:` section of `journeykit.yaml`, the same row hygiene and
the same mapping of events to touchpoints. A log with no customer at all says nothing about any
touchpoint, so the rule stays silent then. Without `--events` it is silent.

The finding points at the touchpoint's `id`.

Failing example (the log has `ad`, `product` and `order` events, no `cart` event):

```yaml
touchpoints:
  - {id: ad, name: Ad, stage: find}
  - {id: product, name: Product page, stage: choose}
  - {id: cart, name: Cart, stage: buy}
  - {id: order, name: Order placed, stage: buy, events: [order, order_paid]}
```

Passing example (the same log; the checkout events are mapped to the cart):

```yaml
touchpoints:
  - {id: ad, name: Ad, stage: find}
  - {id: product, name: Product page, stage: choose}
  - {id: cart, name: Cart, stage: buy, events: [cart, "checkout_*"]}
  - {id: order, name: Order placed, stage: buy, events: [order, order_paid]}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.problems import Problem, Severity, quote
from journeykit.rules.base import Option, RuleContext

ID = "touchpoint-never-reached"
LEVEL = Severity.WARNING
SUMMARY = "With `--events`: a planned touchpoint no customer in the event log reached."
OPTIONS: dict[str, Option] = {}


def check(ctx: RuleContext) -> Iterator[Problem]:
    facts = ctx.events
    if facts is None or facts.customers == 0:
        return
    for i, touchpoint in enumerate(ctx.journey.touchpoints):
        if facts.reached.get(touchpoint.id, 0) > 0:
            continue
        yield ctx.problem(
            ("touchpoints", i, "id"),
            f"planned touchpoint {quote(touchpoint.id)} was never reached by any customer in "
            f"the data ({_customers(facts.customers)} in the log); check that its `events` "
            "match the log's event names, or take it out of the plan if customers no longer "
            "pass through it",
        )


def _customers(count: int) -> str:
    return f"{count} customer{'' if count == 1 else 's'}"
