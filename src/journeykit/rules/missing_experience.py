"""Every persona who passes a touchpoint should have an experience there: without one the map is
silent on how that persona feels, and scores, emotional cliffs and the scorecard have a hole. A
persona passes a touchpoint when the touchpoint's `personas` lists it, or when `personas` is absent
(then every persona passes). Either add the missing experience, or list in `personas` only the
personas who really pass there.

The finding points at the touchpoint's `experiences` (at its `id` when it has none), once per
missing persona.

Failing example:

```yaml
touchpoints:
  - id: signup
    name: Trial signup
    stage: sign-up
    experiences:
      - {persona: owner-olivia, score: 4}
      # dev-dan passes here too (no `personas` list) but has no experience
```

Passing example:

```yaml
touchpoints:
  - id: signup
    name: Trial signup
    stage: sign-up
    personas: [owner-olivia]
    experiences:
      - {persona: owner-olivia, score: 4}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.problems import Problem, Severity, quote
from journeykit.rules.base import Option, RuleContext

ID = "missing-experience"
LEVEL = Severity.WARNING
SUMMARY = "A persona passes a touchpoint but has no experience (score) there."
OPTIONS: dict[str, Option] = {}


def check(ctx: RuleContext) -> Iterator[Problem]:
    index = ctx.index
    for i, touchpoint in enumerate(ctx.journey.touchpoints):
        scored = {e.persona for e in touchpoint.experiences}
        where: tuple[str | int, ...] = ("touchpoints", i, "experiences")
        on_key = bool(touchpoint.experiences)
        if not on_key:
            where = ("touchpoints", i, "id")
        for persona in index.personas_at(touchpoint):
            if persona not in scored:
                yield ctx.problem(
                    where,
                    f"touchpoint {quote(touchpoint.id)} has no experience for persona "
                    f"{quote(persona)}, who passes here, so the map is silent on how they feel; "
                    "add an experience with a `score`, or list only the personas who pass in the "
                    "touchpoint's `personas`",
                    key=on_key,
                )
