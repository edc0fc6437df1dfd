"""An action nobody owns does not happen. The rule reports open actions (any `status` but `done`
and `dropped`) without an `owner`.

The finding points at the action's `id`.

Failing example:

```yaml
actions:
  - id: restore-reminder-emails
    description: Restore the day-11 trial reminder.
    opportunity: trial-reminder-sequence
    status: planned
```

Passing example:

```yaml
actions:
  - id: restore-reminder-emails
    description: Restore the day-11 trial reminder.
    opportunity: trial-reminder-sequence
    status: planned
    owner: Lifecycle Marketing
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.problems import Problem, Severity, quote
from journeykit.rules.base import Option, RuleContext

ID = "action-without-owner"
LEVEL = Severity.WARNING
SUMMARY = "An open action (not `done` or `dropped`) with no owner."
OPTIONS: dict[str, Option] = {}
CLOSED = frozenset({"done", "dropped"})


def check(ctx: RuleContext) -> Iterator[Problem]:
    for i, action in enumerate(ctx.journey.actions):
        if not action.owner and action.status not in CLOSED:
            yield ctx.problem(
                ("actions", i, "id"),
                f"action {quote(action.id)} has no owner, so nobody is accountable for it; add "
                "`owner:` (a person or a team)",
            )
