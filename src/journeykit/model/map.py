"""Pydantic models for every key of the journey map format, version 1 (see FORMAT.md).

Strict: a number is not a string, ``yes`` is not a boolean, unknown keys are errors except
``x-*`` keys, which are free for users' own extensions at any level and are dropped here.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
SCHEMA_ID = "https://journeykit.dev/schemas/journey-map.v1.schema.json"


def _date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        raise ValueError("expected a date YYYY-MM-DD, not a date and time")
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value) if len(value) == 10 else value
        except ValueError:
            raise ValueError(f"{value!r} is not a valid date; write YYYY-MM-DD") from None
    return value


def _version(value: Any) -> Any:
    if isinstance(value, bool) or value != 1:
        raise ValueError("`journeykit` must be the format version, the integer 1")
    return value


Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
Date = Annotated[dt.date, BeforeValidator(_date)]
Text = str
Level3 = Literal["low", "medium", "high"]
Severity = Literal["low", "medium", "high", "critical"]
Frequency = Literal["rare", "occasional", "frequent", "constant"]
MetricKind = Literal[
    "csat", "nps", "ces", "conversion", "retention", "churn", "count", "duration", "ratio", "custom"
]
Direction = Literal["higher-is-better", "lower-is-better"]
EvidenceKind = Literal[
    "survey", "interview", "analytics", "support-tickets", "focus-group", "crm", "social",
    "usability-test", "other",
]  # fmt: skip
ActionStatus = Literal["proposed", "planned", "in-progress", "done", "dropped"]
TouchpointKind = Literal["digital", "physical", "human"]

# The range of values each metric kind admits (inclusive); None means unbounded on that side.
METRIC_RANGES: dict[str, tuple[float | None, float | None]] = {
    "csat": (1, 5), "nps": (-100, 100), "ces": (1, 7), "conversion": (0, 1), "retention": (0, 1),
    "churn": (0, 1), "count": (0, None), "duration": (0, None), "ratio": (0, 1),
    "custom": (None, None),
}  # fmt: skip


def _extensions_schema(schema: dict[str, Any]) -> None:
    schema["patternProperties"] = {"^x-": {}}


class Base(BaseModel):
    """Strict, immutable, closed to unknown keys but for ``x-*``."""

    model_config = ConfigDict(
        extra="forbid", strict=True, frozen=True, json_schema_extra=_extensions_schema
    )

    @model_validator(mode="before")
    @classmethod
    def _drop_extensions(cls, data: Any) -> Any:
        if isinstance(data, dict) and any(isinstance(k, str) and k.startswith("x-") for k in data):
            return {
                k: v for k, v in data.items() if not (isinstance(k, str) and k.startswith("x-"))
            }
        return data


class Evidence(Base):
    kind: EvidenceKind
    ref: Text | None = None
    n: Annotated[int, Field(ge=0)] | None = None
    date: Date | None = None


class Objective(Base):
    id: Slug
    statement: Text
    metric: Slug | None = None
    target: float | None = None
    due: Date | None = None


class Metric(Base):
    id: Slug
    name: Text
    kind: MetricKind
    unit: Text | None = None
    direction: Direction = "higher-is-better"


class Persona(Base):
    id: Slug
    name: Text
    description: Text | None = None
    segment: Text | None = None
    demographics: dict[str, str | float] = Field(default_factory=dict)
    goals: list[Text] = Field(default_factory=list)
    motivations: list[Text] = Field(default_factory=list)
    frustrations: list[Text] = Field(default_factory=list)
    preferred_channels: list[Text] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    reviewed: Date | None = None


class Stage(Base):
    id: Slug
    name: Text
    description: Text | None = None
    goal: Text | None = None


class Experience(Base):
    persona: Slug
    score: Annotated[int, Field(ge=1, le=5)]
    emotion: Text | None = None
    quote: Text | None = None
    evidence: list[Evidence] = Field(default_factory=list)


class Measurement(Base):
    metric: Slug
    actual: float | None = None
    target: float | None = None
    as_of: Date | None = None
    sample: Annotated[int, Field(ge=0)] | None = None


class Touchpoint(Base):
    id: Slug
    name: Text
    stage: Slug
    channel: Slug | None = None
    kind: TouchpointKind | None = None
    owner: Text | None = None
    personas: list[Slug] | None = None
    description: Text | None = None
    customer_action: Text | None = None
    thoughts: list[Text] = Field(default_factory=list)
    next: list[Slug] | None = None
    moment_of_truth: bool = False
    experiences: list[Experience] = Field(default_factory=list)
    measurements: list[Measurement] = Field(default_factory=list)
    backstage: list[Text] = Field(default_factory=list)


class PainPoint(Base):
    id: Slug
    description: Text
    touchpoint: Slug
    personas: list[Slug] | None = None
    severity: Severity = "medium"
    frequency: Frequency | None = None
    root_cause: Text | None = None
    evidence: list[Evidence] = Field(default_factory=list)


class Opportunity(Base):
    id: Slug
    description: Text
    addresses: Annotated[list[Slug], Field(min_length=1)]
    impact: Level3 | None = None
    effort: Level3 | None = None
    owner: Text | None = None


class ActionTarget(Base):
    metric: Slug
    value: float


class Action(Base):
    id: Slug
    description: Text
    opportunity: Slug
    owner: Text | None = None
    due: Date | None = None
    status: ActionStatus = "proposed"
    target: ActionTarget | None = None


class JourneyMap(Base):
    """A whole journey map, after its includes have been merged in."""

    model_config = ConfigDict(
        title="journeykit journey map, format version 1",
        json_schema_extra=_extensions_schema,
    )

    journeykit: Annotated[Literal[1], BeforeValidator(_version)]
    id: Slug
    title: Text
    description: Text | None = None
    owner: Text | None = None
    updated: Date | None = None
    tags: list[Text] = Field(default_factory=list)
    include: list[Text] = Field(default_factory=list)
    objectives: list[Objective] = Field(default_factory=list)
    metrics: list[Metric] = Field(default_factory=list)
    personas: Annotated[list[Persona], Field(min_length=1)]
    stages: Annotated[list[Stage], Field(min_length=1)]
    touchpoints: Annotated[list[Touchpoint], Field(min_length=1)]
    pain_points: list[PainPoint] = Field(default_factory=list)
    opportunities: list[Opportunity] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)


class Library(Base):
    """A file named by ``include:``: it contributes personas, metrics and stages, nothing else."""

    journeykit: Annotated[Literal[1], BeforeValidator(_version)] | None = None
    include: list[Text] = Field(default_factory=list)
    personas: list[Persona] = Field(default_factory=list)
    metrics: list[Metric] = Field(default_factory=list)
    stages: list[Stage] = Field(default_factory=list)


# Lists of things with ids, in the order a reader meets them, with the word for one of them.
KINDS: dict[str, str] = {
    "personas": "persona", "stages": "stage", "touchpoints": "touchpoint", "metrics": "metric",
    "objectives": "objective", "pain_points": "pain point", "opportunities": "opportunity",
    "actions": "action",
}  # fmt: skip
INCLUDABLE = ("personas", "metrics", "stages")
