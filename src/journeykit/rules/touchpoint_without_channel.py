"""The channel (web, email, phone, in-store, …) lets readers and renderings group touchpoints
and compare channels. A touchpoint without `channel` drops out of those views.

The finding points at the touchpoint's `id`.

Failing example:

```yaml
touchpoints:
  - id: checkout
    name: Checkout
    stage: buy
```

Passing example:

```yaml
touchpoints:
  - id: checkout
    name: Checkout
    stage: buy
    channel: web
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.problems import Problem, Severity, quote
from journeykit.rules.base import Option, RuleContext

ID = "touchpoint-without-channel"
LEVEL = Severity.INFO
SUMMARY = "A touchpoint with no channel."
OPTIONS: dict[str, Option] = {}


def check(ctx: RuleContext) -> Iterator[Problem]:
    for i, touchpoint in enumerate(ctx.journey.touchpoints):
        if not touchpoint.channel:
            yield ctx.problem(
                ("touchpoints", i, "id"),
                f"touchpoint {quote(touchpoint.id)} has no channel, so it cannot be grouped or "
                "compared by channel; add `channel:` (web, email, phone, in-store, …)",
            )
