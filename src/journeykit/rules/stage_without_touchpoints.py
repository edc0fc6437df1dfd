"""A stage with no touchpoint is a blank phase in the journey: either the map is unfinished or
the stage does not belong. Stages contributed by an included file count too: the finding then
points at the stage in that file and names the map that leaves it empty.

The finding points at the stage's `id`.

Failing example:

```yaml
stages:
  - {id: discover, name: Discover}
  - {id: retain, name: Retain}
touchpoints:
  - {id: ad, name: Instagram ad, stage: discover}
```

Passing example:

```yaml
stages:
  - {id: discover, name: Discover}
  - {id: retain, name: Retain}
touchpoints:
  - {id: ad, name: Instagram ad, stage: discover}
  - {id: newsletter, name: Monthly newsletter, stage: retain}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.problems import Problem, Severity, quote
from journeykit.rules.base import Option, RuleContext

ID = "stage-without-touchpoints"
LEVEL = Severity.WARNING
SUMMARY = "A stage no touchpoint belongs to (stages from included files too)."
OPTIONS: dict[str, Option] = {}


def check(ctx: RuleContext) -> Iterator[Problem]:
    used = {t.stage for t in ctx.journey.touchpoints}
    for i, stage in enumerate(ctx.journey.stages):
        if stage.id not in used:
            path = ("stages", i, "id")
            yield ctx.problem(
                path,
                f"stage {quote(stage.id)} has no touchpoints{ctx.in_map(path)}, so the journey "
                f"has a blank phase; add touchpoints with `stage: {stage.id}` or remove the "
                "stage",
            )
