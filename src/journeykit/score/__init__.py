"""The scorecard of a valid map: completeness, evidence, experience, KPI attainment, priorities.

Pure functions over a :class:`~journeykit.model.JourneyMap`; no I/O, no printing. The package
holds the settings (``settings``), the result types (``card``), the formulas of the parts
(``formulas``) and the ranking of opportunities (``priorities``); the formulas are documented in
``docs/score.md``.
"""

from journeykit.score.card import (
    Criterion,
    ExperienceStats,
    KpiReading,
    LowPoint,
    PainWeight,
    Part,
    PersonaExperience,
    Priority,
    Scorecard,
    Shortfall,
    StageExperience,
    shortfalls,
    shown,
)
from journeykit.score.formulas import score_map
from journeykit.score.settings import (
    DEFAULT_MAX_AGE_DAYS,
    DEFAULT_WEIGHTS,
    OVERALL,
    PART_TITLES,
    PARTS,
    ScoreSettings,
)

__all__ = [
    "DEFAULT_MAX_AGE_DAYS",
    "DEFAULT_WEIGHTS",
    "OVERALL",
    "PARTS",
    "PART_TITLES",
    "Criterion",
    "ExperienceStats",
    "KpiReading",
    "LowPoint",
    "PainWeight",
    "Part",
    "PersonaExperience",
    "Priority",
    "ScoreSettings",
    "Scorecard",
    "Shortfall",
    "StageExperience",
    "score_map",
    "shortfalls",
    "shown",
]
