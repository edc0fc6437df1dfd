"""A touchpoint with no successor ends the journey. In the last stage that is expected; before
it, customers who get here never reach the later stages. `next: []` marks a deliberate exit (for
example "abandons the cart"): keep it and suppress this finding with a comment saying why, or add
the touchpoints that follow to `next`.

The finding points at the touchpoint's `next` (at its `id` when the dead end is implicit: the last
touchpoint of the map sits in a stage before the last).

Failing example:

```yaml
stages:
  - {id: consider, name: Consider}
  - {id: buy, name: Buy}
touchpoints:
  - {id: pricing, name: Pricing page, stage: consider, next: []}
  - {id: checkout, name: Checkout, stage: buy}
```

Passing example:

```yaml
stages:
  - {id: consider, name: Consider}
  - {id: buy, name: Buy}
touchpoints:
  - {id: pricing, name: Pricing page, stage: consider, next: [checkout]}
  - {id: checkout, name: Checkout, stage: buy, next: []}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.problems import Problem, Severity, quote
from journeykit.rules.base import Option, RuleContext

ID = "dead-end-touchpoint"
LEVEL = Severity.INFO
SUMMARY = "A touchpoint with no successor in a stage before the last one."
OPTIONS: dict[str, Option] = {}


def check(ctx: RuleContext) -> Iterator[Problem]:
    last = ctx.journey.stages[-1].id
    successors = ctx.index.successors
    for i, touchpoint in enumerate(ctx.journey.touchpoints):
        if touchpoint.stage == last or successors[touchpoint.id]:
            continue
        explicit = touchpoint.next is not None
        yield ctx.problem(
            ("touchpoints", i, "next" if explicit else "id"),
            f"touchpoint {quote(touchpoint.id)} ends the journey in stage "
            f"{quote(touchpoint.stage)}, before the last stage {quote(last)}, so customers who get "
            "here never reach it; add the touchpoints that follow to `next`, or suppress this if "
            "it is a deliberate exit",
            key=explicit,
        )
