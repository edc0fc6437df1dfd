"""The ``score:`` section of ``journeykit.yaml``: part weights, the review age, minimums."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from journeykit.config import Config

PARTS = ("completeness", "evidence", "experience", "kpi")
OVERALL = "overall"
PART_TITLES = {
    "completeness": "Completeness",
    "evidence": "Evidence",
    "experience": "Experience",
    "kpi": "KPI attainment",
    OVERALL: "Overall",
}
DEFAULT_WEIGHTS: Mapping[str, float] = {part: 1.0 for part in PARTS}
DEFAULT_MAX_AGE_DAYS = 365


@dataclass(frozen=True)
class ScoreSettings:
    """The ``score:`` section of ``journeykit.yaml``.

    ``weights`` are relative (normalised over the parts that apply); ``minimums`` maps a part or
    ``overall`` to the lowest acceptable score; ``sources`` says where each minimum was set (for
    messages such as "score.min.kpi in journeykit.yaml" or "--min-score").
    """

    weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    max_age_days: int = DEFAULT_MAX_AGE_DAYS
    minimums: Mapping[str, float] = field(default_factory=dict)
    sources: Mapping[str, str] = field(default_factory=dict)

    def weight(self, part: str) -> float:
        """The weight of ``part`` (a part missing from ``weights`` keeps its default of 1)."""
        return self.weights.get(part, DEFAULT_WEIGHTS[part])

    def with_minimum(self, part: str, value: float, source: str) -> ScoreSettings:
        return dataclasses.replace(
            self,
            minimums={**self.minimums, part: value},
            sources={**self.sources, part: source},
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "weights": {part: self.weight(part) for part in PARTS},
            "max_age_days": self.max_age_days,
            "min": {k: self.minimums[k] for k in (OVERALL, *PARTS) if k in self.minimums},
        }

    @classmethod
    def from_config(cls, config: Config) -> ScoreSettings:
        """Read the ``score:`` section (its model, ``config.score``, raises ``ConfigError`` with
        every located problem); a setting the file leaves out keeps its default."""
        section = config.score
        shown = config.path or "journeykit.yaml"
        minimums = section.min.given()
        max_age = section.max_age_days
        return cls(
            weights={**DEFAULT_WEIGHTS, **section.weights.given()},
            max_age_days=DEFAULT_MAX_AGE_DAYS if max_age is None else max_age,
            minimums=minimums,
            sources={part: f"score.min.{part} in {shown}" for part in minimums},
        )
