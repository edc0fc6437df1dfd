"""Customers change; a persona nobody has checked against real customers for a year describes
the customers you used to have. The rule reports a persona whose `reviewed` date is missing, or
older than `max_age_days` (default 365) before today (`--today`, `JOURNEYKIT_TODAY`, else the
clock).

The finding points at `reviewed` when it is there, else at the persona's `id`.

Configuration:

```yaml
rules:
  persona-stale: {max_age_days: 180}
```

Failing example (with today 2026-11-22):

```yaml
personas:
  - id: owner-olivia
    name: Olivia Reyes
    reviewed: 2025-06-01
```

Passing example:

```yaml
personas:
  - id: owner-olivia
    name: Olivia Reyes
    reviewed: 2026-10-14
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.problems import Problem, Severity, quote
from journeykit.rules.base import Option, RuleContext, days

ID = "persona-stale"
LEVEL = Severity.WARNING
SUMMARY = "A persona whose `reviewed` date is missing or older than `max_age_days` (365)."
OPTIONS = {
    "max_age_days": Option(365, "days after `reviewed` before a persona counts as stale", True),
}


def check(ctx: RuleContext) -> Iterator[Problem]:
    limit = ctx.integer("max_age_days")
    for i, persona in enumerate(ctx.journey.personas):
        name = quote(persona.id)
        if persona.reviewed is None:
            yield ctx.problem(
                ("personas", i, "id"),
                f"persona {name} has no `reviewed` date, so nobody knows whether it still matches "
                "real customers; check it against recent research and add `reviewed: YYYY-MM-DD`",
            )
            continue
        age = (ctx.today - persona.reviewed).days
        if age > limit:
            yield ctx.problem(
                ("personas", i, "reviewed"),
                f"persona {name} was last reviewed on {persona.reviewed} ({days(age)} ago; the "
                f"limit is {days(limit)}); re-validate it against real customers and update "
                "`reviewed`",
            )
