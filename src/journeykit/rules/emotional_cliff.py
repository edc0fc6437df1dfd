"""A sharp drop in how a persona feels from one touchpoint to the next is a moment customers
remember and retell. The rule follows each persona's path (the touchpoints the persona passes, in
journey order), compares each experience score with the persona's previous scored touchpoint, and
reports a drop of `drop` (default 3) points or more. A touchpoint without an experience for the
persona is skipped (`missing-experience` reports it).

The finding points at the `score` after the drop.

Configuration:

```yaml
rules:
  emotional-cliff: {drop: 2}
```

Failing example:

```yaml
touchpoints:
  - id: signup
    name: Trial signup
    stage: sign-up
    experiences: [{persona: owner-olivia, score: 4}]
  - id: connect-data
    name: Connect your POS
    stage: activate
    experiences: [{persona: owner-olivia, score: 1}]
```

Passing example:

```yaml
touchpoints:
  - id: signup
    name: Trial signup
    stage: sign-up
    experiences: [{persona: owner-olivia, score: 4}]
  - id: connect-data
    name: Connect your POS
    stage: activate
    experiences: [{persona: owner-olivia, score: 2}]
```
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from journeykit.problems import Problem, Severity, quote
from journeykit.rules.base import Option, RuleContext

if TYPE_CHECKING:
    from journeykit.model import Touchpoint

ID = "emotional-cliff"
LEVEL = Severity.INFO
SUMMARY = "A persona's score drops by 3 or more between consecutive touchpoints on their path."
OPTIONS = {
    "drop": Option(3, "the smallest drop in score that counts as a cliff", True, 1, 4),
}


def check(ctx: RuleContext) -> Iterator[Problem]:
    limit = ctx.integer("drop")
    index = ctx.index
    position = {id(t): i for i, t in enumerate(ctx.journey.touchpoints)}
    for persona in index.personas:
        previous: tuple[Touchpoint, int] | None = None
        for touchpoint in index.path_of(persona):
            found = _experience(touchpoint, persona)
            if found is None:
                continue
            j, score = found
            if previous is not None and previous[1] - score >= limit:
                before, was = previous
                yield ctx.problem(
                    ("touchpoints", position[id(touchpoint)], "experiences", j, "score"),
                    f"persona {quote(persona)} drops from {was} at {quote(before.id)} to "
                    f"{score} at {quote(touchpoint.id)}, a fall of {was - score} that customers "
                    "remember; find what breaks between these touchpoints and record it as a "
                    "pain point",
                )
            previous = (touchpoint, score)


def _experience(touchpoint: Touchpoint, persona: str) -> tuple[int, int] | None:
    for j, experience in enumerate(touchpoint.experiences):
        if experience.persona == persona:
            return j, experience.score
    return None
