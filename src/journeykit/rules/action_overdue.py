"""An action whose `due` date has passed while its `status` is not `done` or `dropped` makes
the plan untrustworthy: finish it, set a new date, or drop it. "Today" is `--today YYYY-MM-DD`,
else the environment variable `JOURNEYKIT_TODAY`, else the clock, so CI output is reproducible.

The finding points at the action's `due`.

Failing example (with today 2026-11-22):

```yaml
actions:
  - id: tracker-discovery
    description: Interview five couriers about tracking pages.
    opportunity: live-tracking
    owner: Delivery squad
    due: 2026-01-31
    status: planned
```

Passing example:

```yaml
actions:
  - id: tracker-discovery
    description: Interview five couriers about tracking pages.
    opportunity: live-tracking
    owner: Delivery squad
    due: 2026-01-31
    status: done
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.problems import Problem, Severity, quote
from journeykit.rules.action_without_owner import CLOSED
from journeykit.rules.base import Option, RuleContext, days

ID = "action-overdue"
LEVEL = Severity.WARNING
SUMMARY = "An action whose `due` date has passed and that is not `done` or `dropped`."
OPTIONS: dict[str, Option] = {}


def check(ctx: RuleContext) -> Iterator[Problem]:
    for i, action in enumerate(ctx.journey.actions):
        if action.due is None or action.status in CLOSED or action.due >= ctx.today:
            continue
        late = (ctx.today - action.due).days
        yield ctx.problem(
            ("actions", i, "due"),
            f"action {quote(action.id)} was due {action.due} and is still `{action.status}` "
            f"({days(late)} overdue); finish it, set a new `due`, or set `status: dropped`",
        )
