"""Every touchpoint is run by someone: a department or team that can fix it when it hurts. A
touchpoint without `owner` has nobody to take its pain points and actions.

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
    owner: Web shop team
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.problems import Problem, Severity, quote
from journeykit.rules.base import Option, RuleContext

ID = "touchpoint-without-owner"
LEVEL = Severity.WARNING
SUMMARY = "A touchpoint with no owner (the team accountable for it)."
OPTIONS: dict[str, Option] = {}


def check(ctx: RuleContext) -> Iterator[Problem]:
    for i, touchpoint in enumerate(ctx.journey.touchpoints):
        if not touchpoint.owner:
            yield ctx.problem(
                ("touchpoints", i, "id"),
                f"touchpoint {quote(touchpoint.id)} has no owner, so nobody is accountable for "
                "this moment; add `owner:` (the team that runs it)",
            )
