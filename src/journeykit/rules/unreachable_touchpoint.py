"""The journey starts at the touchpoints of the first stage (the first one that has touchpoints)
and follows the flow: a touchpoint's `next`, or when `next` is absent the following touchpoint in
journey order. A touchpoint that cannot be reached that way is one no customer ever gets to:
usually a `next` list that forgot it.

The finding points at the touchpoint's `id`.

Failing example (`pricing` is skipped by the only `next` that could lead to it):

```yaml
touchpoints:
  - {id: ad, name: Ad, stage: discover, next: [checkout]}
  - {id: pricing, name: Pricing page, stage: consider}
  - {id: checkout, name: Checkout, stage: buy}
```

Passing example:

```yaml
touchpoints:
  - {id: ad, name: Ad, stage: discover, next: [pricing, checkout]}
  - {id: pricing, name: Pricing page, stage: consider}
  - {id: checkout, name: Checkout, stage: buy}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.problems import Problem, Severity, quote
from journeykit.rules.base import Option, RuleContext

ID = "unreachable-touchpoint"
LEVEL = Severity.WARNING
SUMMARY = "A touchpoint the flow never reaches from the first stage's touchpoints."
OPTIONS: dict[str, Option] = {}


def check(ctx: RuleContext) -> Iterator[Problem]:
    index = ctx.index
    first = index.ordered[0].stage  # journey order: the first stage that has touchpoints
    seen = {t.id for t in index.in_stage(first)}
    todo = list(seen)
    while todo:
        for following in index.successors[todo.pop()]:
            if following not in seen:
                seen.add(following)
                todo.append(following)
    for i, touchpoint in enumerate(ctx.journey.touchpoints):
        if touchpoint.id not in seen:
            yield ctx.problem(
                ("touchpoints", i, "id"),
                f"touchpoint {quote(touchpoint.id)} cannot be reached from the start of the "
                f"journey (the touchpoints of stage {quote(first)}) by following the flow, so no "
                "customer gets here; list it in the `next` of an earlier touchpoint",
            )
