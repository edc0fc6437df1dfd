"""An opportunity without an action is an idea nobody has committed to. That is fine for a
backlog, so the rule only informs; add an action with an owner and a due date when the team takes
it on. An opportunity whose pain points are all `status: resolved` needs no action any more, so the
rule leaves it alone.

The finding points at the opportunity's `id`.

Failing example:

```yaml
opportunities:
  - id: sync-progress-eta
    description: Show records imported and an ETA during the first sync.
    addresses: [sync-no-progress]
```

Passing example:

```yaml
opportunities:
  - id: sync-progress-eta
    description: Show records imported and an ETA during the first sync.
    addresses: [sync-no-progress]
actions:
  - id: backfill-progress-events
    description: Emit progress events from the backfill job.
    opportunity: sync-progress-eta
    owner: Data Platform
    due: 2027-02-19
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.problems import Problem, Severity, quote
from journeykit.rules.base import Option, RuleContext

ID = "opportunity-without-action"
LEVEL = Severity.INFO
SUMMARY = "An opportunity for an open pain point that no action takes on."
OPTIONS: dict[str, Option] = {}


def check(ctx: RuleContext) -> Iterator[Problem]:
    acted = {a.opportunity for a in ctx.journey.actions}
    pains = ctx.index.pain_points
    for i, opportunity in enumerate(ctx.journey.opportunities):
        if all(pains[p].status == "resolved" for p in opportunity.addresses):
            continue
        if opportunity.id not in acted:
            yield ctx.problem(
                ("opportunities", i, "id"),
                f"opportunity {quote(opportunity.id)} has no action, so nobody has committed to it "
                "yet; add an action with an owner and a due date, or remove the opportunity",
            )
