"""A persona is a claim about real customers. Without research behind it (interviews, surveys,
analytics, support tickets, …) it is a guess, and every score and pain point that rests on it is a
guess too. Add at least one `evidence` item. A proto-persona you have not researched yet can carry a
deliberate, commented suppression until the research is done.

The finding points at the persona's `id`, in the file that defines it (a persona library included
with `include:` too).

Failing example:

```yaml
personas:
  - id: owner-olivia
    name: Olivia Reyes
```

Passing example:

```yaml
personas:
  - id: owner-olivia
    name: Olivia Reyes
    evidence:
      - {kind: interview, ref: research/2026-q3-owner-interviews.md, n: 12}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.problems import Problem, Severity, quote
from journeykit.rules.base import Option, RuleContext

ID = "persona-without-evidence"
LEVEL = Severity.WARNING
SUMMARY = "A persona with no evidence item: it rests on no research."
OPTIONS: dict[str, Option] = {}


def check(ctx: RuleContext) -> Iterator[Problem]:
    for i, persona in enumerate(ctx.journey.personas):
        if not persona.evidence:
            yield ctx.problem(
                ("personas", i, "id"),
                f"persona {quote(persona.id)} rests on no research evidence, so it may be a guess; "
                "add an `evidence` item (interview, survey, analytics, …)",
            )
