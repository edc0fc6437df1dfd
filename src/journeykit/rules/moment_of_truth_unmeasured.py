"""A moment of truth decides what the customer thinks of you. If it has no measurement, nobody
can tell whether it goes well or whether a change made it better. Add a `measurements` entry with
a metric (and ideally a target).

The finding points at `moment_of_truth`.

Failing example:

```yaml
touchpoints:
  - id: connect-data
    name: Connect your POS
    stage: activate
    moment_of_truth: true
```

Passing example:

```yaml
touchpoints:
  - id: connect-data
    name: Connect your POS
    stage: activate
    moment_of_truth: true
    measurements:
      - {metric: activation-rate, actual: 0.52, target: 0.65, as_of: 2026-10-31}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.problems import Problem, Severity, quote
from journeykit.rules.base import Option, RuleContext

ID = "moment-of-truth-unmeasured"
LEVEL = Severity.INFO
SUMMARY = "A moment of truth with no measurement."
OPTIONS: dict[str, Option] = {}


def check(ctx: RuleContext) -> Iterator[Problem]:
    for i, touchpoint in enumerate(ctx.journey.touchpoints):
        if touchpoint.moment_of_truth and not touchpoint.measurements:
            yield ctx.problem(
                ("touchpoints", i, "moment_of_truth"),
                f"touchpoint {quote(touchpoint.id)} is a moment of truth but has no measurement, "
                "so nobody can tell whether it goes well; add a `measurements` entry with a "
                "metric and a target",
            )
