"""A metric that no measurement, objective or action target uses tracks nothing: it is either
left over or waiting for its first reading. Metrics contributed by an included file (a shared
library) are not reported: a library serves several maps and need not be used by each.

The finding points at the metric's `id`.

Failing example:

```yaml
metrics:
  - {id: trial-nps, name: NPS on day 5 of the trial, kind: nps}
```

Passing example:

```yaml
metrics:
  - {id: trial-nps, name: NPS on day 5 of the trial, kind: nps}
touchpoints:
  - id: first-insight
    name: First insight
    stage: activate
    measurements:
      - {metric: trial-nps, actual: 38, target: 40, as_of: 2026-10-31}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.problems import Problem, Severity, quote
from journeykit.rules.base import Option, RuleContext

ID = "unused-metric"
LEVEL = Severity.INFO
SUMMARY = "A metric used by no measurement, objective or action target."
OPTIONS: dict[str, Option] = {}


def check(ctx: RuleContext) -> Iterator[Problem]:
    journey = ctx.journey
    used = {m.metric for t in journey.touchpoints for m in t.measurements}
    used.update(o.metric for o in journey.objectives if o.metric)
    used.update(a.target.metric for a in journey.actions if a.target)
    for i, metric in enumerate(journey.metrics):
        path = ("metrics", i, "id")
        if metric.id not in used and not ctx.included(path):
            yield ctx.problem(
                path,
                f"metric {quote(metric.id)} is used by no measurement, objective or action "
                "target, so it tracks nothing; measure it somewhere or remove it",
            )
