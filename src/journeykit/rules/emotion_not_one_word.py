"""An experience's `emotion` is one word (frustrated, curious, delighted): it labels the emotion
curve and is compared across touchpoints and personas, where a phrase neither fits nor groups.
The rule reports an emotion of more than one word; keep the word that names the feeling and move
the rest into the experience's `quote`.

It is a lint rule rather than a validation error because a longer emotion breaks nothing: the
map still means the same, and teams whose research tools export phrases can turn the rule off.

The finding points at the experience's `emotion`.

Failing example:

```yaml
touchpoints:
  - id: checkout
    name: Checkout
    stage: buy
    experiences:
      - {persona: ann, score: 2, emotion: very happy indeed}
```

Passing example:

```yaml
touchpoints:
  - id: checkout
    name: Checkout
    stage: buy
    experiences:
      - {persona: ann, score: 2, emotion: frustrated, quote: "Why is the fee only shown now?"}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.problems import Problem, Severity, quote
from journeykit.rules.base import Option, RuleContext

ID = "emotion-not-one-word"
LEVEL = Severity.WARNING
SUMMARY = "An experience whose `emotion` is more than one word."
OPTIONS: dict[str, Option] = {}


def check(ctx: RuleContext) -> Iterator[Problem]:
    for i, touchpoint in enumerate(ctx.journey.touchpoints):
        for j, experience in enumerate(touchpoint.experiences):
            words = (experience.emotion or "").split()
            if len(words) < 2:
                continue
            yield ctx.problem(
                ("touchpoints", i, "experiences", j, "emotion"),
                f"the emotion of persona {quote(experience.persona)} at touchpoint "
                f"{quote(touchpoint.id)} is {quote(experience.emotion)}, {len(words)} words; an "
                "emotion is one word (frustrated, curious, delighted): keep one and move the "
                "rest into `quote`",
            )
