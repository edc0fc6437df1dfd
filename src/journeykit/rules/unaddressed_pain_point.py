"""A pain point that no opportunity addresses is a known problem with no plan. The finding is a
warning; for a pain point of severity `critical` it is one level higher (an error by default, a
warning when you set the rule to `info`). A pain point with `status: resolved` is fixed, so the
rule leaves it alone.

The finding points at the pain point's `id`.

Failing example:

```yaml
pain_points:
  - id: api-key-jargon
    description: Owners are asked for an "API key" without explanation.
    touchpoint: connect-data
    severity: critical
```

Passing example:

```yaml
pain_points:
  - id: api-key-jargon
    description: Owners are asked for an "API key" without explanation.
    touchpoint: connect-data
    severity: critical
opportunities:
  - id: guided-connect-wizard
    description: A per-POS wizard that shows where the key lives.
    addresses: [api-key-jargon]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.problems import Problem, Severity, quote
from journeykit.rules.base import Option, RuleContext

ID = "unaddressed-pain-point"
LEVEL = Severity.WARNING
SUMMARY = "An open pain point no opportunity addresses (one level higher when `critical`)."
OPTIONS: dict[str, Option] = {}

_RAISED = {Severity.INFO: Severity.WARNING, Severity.WARNING: Severity.ERROR}


def check(ctx: RuleContext) -> Iterator[Problem]:
    addressed = {pain for o in ctx.journey.opportunities for pain in o.addresses}
    for i, pain in enumerate(ctx.journey.pain_points):
        if pain.id in addressed or pain.status == "resolved":
            continue
        severity = _RAISED.get(ctx.level, ctx.level) if pain.severity == "critical" else None
        yield ctx.problem(
            ("pain_points", i, "id"),
            f"pain point {quote(pain.id)} ({pain.severity}) has no opportunity addressing it, so "
            "nothing is planned to fix it; add an opportunity whose `addresses` lists it",
            severity=severity,
        )
