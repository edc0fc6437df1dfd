"""An objective says what the map is for. Without a `metric` (and a `target`) nobody can tell
whether the work on this journey moves it. Tie it to one of the map's metrics.

The finding points at the objective's `id`.

Failing example:

```yaml
objectives:
  - id: faster-activation
    statement: Get more trials connected to live data sooner.
```

Passing example:

```yaml
objectives:
  - id: faster-activation
    statement: Get two thirds of new trials connected within three days.
    metric: activation-rate
    target: 0.65
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.problems import Problem, Severity, quote
from journeykit.rules.base import Option, RuleContext

ID = "objective-without-metric"
LEVEL = Severity.WARNING
SUMMARY = "An objective tied to no metric."
OPTIONS: dict[str, Option] = {}


def check(ctx: RuleContext) -> Iterator[Problem]:
    for i, objective in enumerate(ctx.journey.objectives):
        if objective.metric is None:
            yield ctx.problem(
                ("objectives", i, "id"),
                f"objective {quote(objective.id)} names no metric, so progress towards it cannot "
                "be measured; add `metric:` (one of the map's metrics) and a `target`",
            )
