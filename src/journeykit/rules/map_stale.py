"""A map nobody has reviewed for months misleads the people who plan work from it. The rule
reports a map whose top-level `updated` date is missing, or older than `max_age_days` (default
180) before today (`--today`, `JOURNEYKIT_TODAY`, else the clock).

The finding points at `updated` when it is there, else at the map's `id`.

Configuration:

```yaml
rules:
  map-stale: {max_age_days: 90}
```

Failing example (with today 2026-11-22):

```yaml
id: hotel-stay
title: Hotel stay
updated: 2025-12-01
```

Passing example:

```yaml
id: hotel-stay
title: Hotel stay
updated: 2026-11-02
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.problems import Problem, Severity, quote
from journeykit.rules.base import Option, RuleContext, days

ID = "map-stale"
LEVEL = Severity.INFO
SUMMARY = "The map's `updated` date is missing or older than `max_age_days` (180)."
OPTIONS = {
    "max_age_days": Option(180, "days after `updated` before a map counts as stale", True),
}


def check(ctx: RuleContext) -> Iterator[Problem]:
    journey = ctx.journey
    name = quote(journey.id)
    if journey.updated is None:
        yield ctx.problem(
            ("id",),
            f"map {name} has no `updated` date, so readers cannot tell how current it is; add "
            "`updated: YYYY-MM-DD` when you next review it",
        )
        return
    limit = ctx.integer("max_age_days")
    age = (ctx.today - journey.updated).days
    if age > limit:
        yield ctx.problem(
            ("updated",),
            f"map {name} was last updated on {journey.updated} ({days(age)} ago; the limit is "
            f"{days(limit)}); review it with the team and update `updated`",
        )
