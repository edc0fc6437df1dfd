"""What ``journey conform`` reports: plain frozen dataclasses and their JSON form.

The JSON contract (docs/conform.md; keys may be added, never renamed or removed)::

    {
      "map", "engine", "rows": {...as measure...}, "customers",
      "fitness", "perfect",
      "aligned": {"variants", "customers"}, "left_out": {"variants", "customers"},
      "deviations": {"ad_hoc": [{"id", "customers", "occurrences"}],
                     "missing": [{"id", "customers", "occurrences"}]},
      "variants": [{"trace": [...], "customers", "cost", "fitness",
                    "ad_hoc": [...], "missing": [...]}],
      "edges": [{"from", "to", "planned", "count", "customers"}],
      "unused_planned_edges": [{"from", "to"}]
    }

``fitness`` is the mean over the aligned customers (all of them unless ``--variants`` left some
out) and ``null`` when there are none; ``perfect`` counts aligned customers with cost 0.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from journeykit.measure.result import Rows, rounded


@dataclass(frozen=True, slots=True)
class Deviation:
    """How often one touchpoint deviated: ``occurrences`` over all aligned customers."""

    id: str
    customers: int
    occurrences: int

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "customers": self.customers, "occurrences": self.occurrences}


@dataclass(frozen=True, slots=True)
class VariantResult:
    """Customers who share one trace, and its cheapest alignment."""

    trace: tuple[str, ...]
    customers: int
    cost: int
    ad_hoc: tuple[str, ...]
    """The trace's entries passed over, in trace order."""
    missing: tuple[str, ...]
    """The planned touchpoints passed without meeting, in walking order."""

    @property
    def fitness(self) -> float:
        return 1.0 - self.cost / len(self.trace) if self.trace else 1.0

    def to_json(self) -> dict[str, Any]:
        return {
            "trace": list(self.trace),
            "customers": self.customers,
            "cost": self.cost,
            "fitness": rounded(self.fitness),
            "ad_hoc": list(self.ad_hoc),
            "missing": list(self.missing),
        }


@dataclass(frozen=True, slots=True)
class EdgeResult:
    source: str
    target: str
    planned: bool
    count: int
    """Consecutive pairs in customers' traces."""
    customers: int

    def to_json(self) -> dict[str, Any]:
        return {
            "from": self.source,
            "to": self.target,
            "planned": self.planned,
            "count": self.count,
            "customers": self.customers,
        }


@dataclass(frozen=True, slots=True)
class ConformResult:
    map: str
    engine: str
    rows: Rows
    customers: int
    fitness: float | None
    perfect: int
    aligned_variants: int
    aligned_customers: int
    left_out_variants: int
    left_out_customers: int
    ad_hoc: tuple[Deviation, ...]
    missing: tuple[Deviation, ...]
    variants: tuple[VariantResult, ...]
    """The aligned variants, most customers first."""
    edges: tuple[EdgeResult, ...]
    """Every move customers made, most customers first."""
    unused_planned_edges: tuple[tuple[str, str], ...]
    """Planned edges no customer took, in journey order."""

    def to_json(self) -> dict[str, Any]:
        return {
            "map": self.map,
            "engine": self.engine,
            "rows": self.rows.to_json(),
            "customers": self.customers,
            "fitness": rounded(self.fitness),
            "perfect": self.perfect,
            "aligned": {"variants": self.aligned_variants, "customers": self.aligned_customers},
            "left_out": {"variants": self.left_out_variants, "customers": self.left_out_customers},
            "deviations": {
                "ad_hoc": [d.to_json() for d in self.ad_hoc],
                "missing": [d.to_json() for d in self.missing],
            },
            "variants": [v.to_json() for v in self.variants],
            "edges": [e.to_json() for e in self.edges],
            "unused_planned_edges": [{"from": a, "to": b} for a, b in self.unused_planned_edges],
        }

    def dumps(self) -> str:
        return json.dumps(self.to_json(), indent=2, ensure_ascii=False) + "\n"
