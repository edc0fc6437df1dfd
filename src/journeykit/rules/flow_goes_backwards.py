"""A `next` edge into an earlier stage makes the journey loop back. That is right for a
deliberate loop (a retry, a repeat purchase) and wrong for a typo in `next`; the rule informs so a
reader can tell which. Edges within one stage are not reported.

The finding points at the entry of `next` that goes back.

Failing example:

```yaml
touchpoints:
  - {id: pricing, name: Pricing page, stage: consider}
  - {id: checkout, name: Checkout, stage: buy, next: [pricing]}
```

Passing example:

```yaml
touchpoints:
  - {id: pricing, name: Pricing page, stage: consider, next: [checkout]}
  - {id: checkout, name: Checkout, stage: buy, next: []}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.problems import Problem, Severity, quote
from journeykit.rules.base import Option, RuleContext

ID = "flow-goes-backwards"
LEVEL = Severity.INFO
SUMMARY = "A `next` edge into an earlier stage."
OPTIONS: dict[str, Option] = {}


def check(ctx: RuleContext) -> Iterator[Problem]:
    position = ctx.index.stage_position
    touchpoints = ctx.index.touchpoints
    for i, touchpoint in enumerate(ctx.journey.touchpoints):
        here = position[touchpoint.stage]
        for k, target_id in enumerate(touchpoint.next or ()):
            target = touchpoints[target_id]
            if position[target.stage] < here:
                yield ctx.problem(
                    ("touchpoints", i, "next", k),
                    f"touchpoint {quote(touchpoint.id)} (stage {quote(touchpoint.stage)}) leads "
                    f"back to {quote(target.id)} in the earlier stage {quote(target.stage)}; fine "
                    "for a deliberate loop such as a retry, otherwise fix the `next` list",
                )
