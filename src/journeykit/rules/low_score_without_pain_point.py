"""A score of 2 or less says a persona has a bad time at a touchpoint. Unless a pain point
records why, the problem has no description, no severity and no owner, and no opportunity can
address it. The rule reports an experience scored at most `max_score` (default 2) at a touchpoint
where no pain point affects that persona (a pain point without `personas` affects every persona
of its touchpoint).

The finding points at the experience's `score`.

Configuration:

```yaml
rules:
  low-score-without-pain-point: {max_score: 1}
```

Failing example:

```yaml
touchpoints:
  - id: first-sync
    name: First data sync
    stage: activate
    experiences:
      - {persona: dev-dan, score: 2, emotion: anxious}
```

Passing example:

```yaml
touchpoints:
  - id: first-sync
    name: First data sync
    stage: activate
    experiences:
      - {persona: dev-dan, score: 2, emotion: anxious}
pain_points:
  - id: sync-no-progress
    description: The first sync shows only a spinner for hours.
    touchpoint: first-sync
    personas: [dev-dan]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.problems import Problem, Severity, quote
from journeykit.rules.base import Option, RuleContext

ID = "low-score-without-pain-point"
LEVEL = Severity.WARNING
SUMMARY = "An experience scored 2 or less where no pain point explains it for that persona."
OPTIONS = {
    "max_score": Option(2, "scores at or below this need a pain point", True, 1, 5),
}


def check(ctx: RuleContext) -> Iterator[Problem]:
    limit = ctx.integer("max_score")
    index = ctx.index
    for i, touchpoint in enumerate(ctx.journey.touchpoints):
        low = [(j, e) for j, e in enumerate(touchpoint.experiences) if e.score <= limit]
        if not low:
            continue
        explained = {p for pain in index.pains_at(touchpoint.id) for p in index.pain_personas(pain)}
        for j, experience in low:
            if experience.persona not in explained:
                yield ctx.problem(
                    ("touchpoints", i, "experiences", j, "score"),
                    f"persona {quote(experience.persona)} scores touchpoint {quote(touchpoint.id)} "
                    f"{experience.score}/5 but no pain point explains it, so nobody owns the "
                    f"problem; add a pain point at `{touchpoint.id}` for this persona",
                )
