"""The journey map model: pydantic types and read-only lookups. No I/O, nothing of ours imported."""

from journeykit.model.index import MapIndex, meets_target, relative_gap
from journeykit.model.map import (
    INCLUDABLE,
    KINDS,
    METRIC_RANGES,
    SCHEMA_ID,
    Action,
    ActionTarget,
    Evidence,
    Experience,
    JourneyMap,
    Library,
    Measurement,
    Metric,
    Objective,
    Opportunity,
    PainPoint,
    Persona,
    Stage,
    Touchpoint,
)

__all__ = [
    "INCLUDABLE", "KINDS", "METRIC_RANGES", "SCHEMA_ID", "Action", "ActionTarget", "Evidence",
    "Experience", "JourneyMap", "Library", "MapIndex", "Measurement", "Metric", "Objective",
    "Opportunity", "PainPoint", "Persona", "Stage", "Touchpoint", "meets_target", "relative_gap",
]  # fmt: skip
