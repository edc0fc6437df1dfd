"""Pydantic models for every key of the journey map format, version 1 (see FORMAT.md).

Strict: a number is not a string, ``yes`` is not a boolean, unknown keys are errors except
``x-*`` keys, which are free for users' own extensions at any level (the loader skips them).
"""

from __future__ import annotations

import datetime as dt
import typing
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
Required = Annotated[str, StringConstraints(min_length=1)]  # text a required key cannot leave empty
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
PainStatus = Literal["open", "resolved"]
TouchpointKind = Literal["digital", "physical", "human"]

# The orders every command shares (least to most): a severity's or frequency's rank is its place
# here, and the scorecard's weight of it is that rank + 1 (docs/score.md).
SEVERITIES: tuple[Severity, ...] = typing.get_args(Severity)
FREQUENCIES: tuple[Frequency, ...] = typing.get_args(Frequency)
SEVERITY_RANK: dict[str, int] = {s: i for i, s in enumerate(SEVERITIES)}
FREQUENCY_RANK: dict[str, int] = {f: i for i, f in enumerate(FREQUENCIES)}
OPEN_STATUSES = frozenset({"proposed", "planned", "in-progress"})  # an action still to finish

# The range of values each metric kind admits (inclusive); None means unbounded on that side.
METRIC_RANGES: dict[str, tuple[float | None, float | None]] = {
    "csat": (1, 5), "nps": (-100, 100), "ces": (1, 7), "conversion": (0, 1), "retention": (0, 1),
    "churn": (0, 1), "count": (0, None), "duration": (0, None), "ratio": (0, 1),
    "custom": (None, None),
}  # fmt: skip


def _extensions_schema(schema: dict[str, Any]) -> None:
    schema["patternProperties"] = {"^x-": {}}


class Base(BaseModel):
    """Strict, immutable, closed to unknown keys. The docstring under a field is its description
    in the JSON Schema (``schema.py`` reads them: reading the source at import costs every
    command a fifth of its start-up).

    ``x-*`` keys are allowed by the format and the JSON Schema; the loader skips them before the
    data reaches a model, so a dict of your own must leave them out.
    """

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        frozen=True,
        json_schema_extra=_extensions_schema,
        allow_inf_nan=False,
    )


class Evidence(Base):
    kind: EvidenceKind
    """What kind of research this is."""
    ref: Text | None = None
    """A link, document or ticket query where the research can be found."""
    n: Annotated[int, Field(ge=0)] | None = None
    """Sample size."""
    date: Date | None = None
    """When the research was done (YYYY-MM-DD)."""


class Objective(Base):
    id: Slug
    """Slug, unique among objectives."""
    statement: Required
    """What the map is for, in a sentence."""
    metric: Slug | None = None
    """Id of the metric that tracks this objective."""
    target: float | None = None
    """The value of that metric to reach."""
    due: Date | None = None
    """When the target should be reached (YYYY-MM-DD)."""


ScoreAs = Literal["mean", "csat", "nps", "ces"]
TwoTouchpoints = Annotated[list[Slug], Field(min_length=2, max_length=2)]


def _one_measure_schema(schema: dict[str, Any]) -> None:
    _extensions_schema(schema)
    schema["oneOf"] = [{"required": [key]} for key in MEASURE_KEYS]
    schema["dependentRequired"] = {"as": ["score"]}


class MetricMeasure(Base):
    """How ``journey measure --write`` computes a metric from events: exactly one of the keys."""

    model_config = ConfigDict(json_schema_extra=_one_measure_schema, populate_by_name=False)

    reach: Slug | None = None
    """Customers with at least one event at this touchpoint."""
    conversion: TwoTouchpoints | None = None
    """[A, B]: the share of customers with an A event who have a B event at or after their first
    A, within the window."""
    score: Slug | None = None
    """The scores of the events at this touchpoint, summarised as `as` says."""
    score_as: ScoreAs | None = Field(default=None, alias="as")
    """With `score`: mean (default), csat (share of 4-5 on 1-5), nps (% of 9-10 minus % of 0-6 on
    0-10) or ces (mean)."""
    time: TwoTouchpoints | None = None
    """[A, B]: the median seconds from a customer's first A event to their first B after it."""

    @model_validator(mode="after")
    def _exactly_one(self) -> MetricMeasure:
        given = [key for key in MEASURE_KEYS if getattr(self, key) is not None]
        if len(given) != 1:
            raise ValueError(
                "give exactly one of reach, conversion, score, time"
                + (f", not {' and '.join(given)}" if given else "")
            )
        if self.score_as is not None and self.score is None:
            raise ValueError("`as` goes with `score` only")
        return self

    @property
    def kind(self) -> str:
        """reach, conversion, score or time."""
        return next(key for key in MEASURE_KEYS if getattr(self, key) is not None)

    @property
    def touchpoints(self) -> list[str]:
        """The touchpoints named, in order; the measurement belongs at the last."""
        value = getattr(self, self.kind)
        return list(value) if isinstance(value, list) else [value]


MEASURE_KEYS = ("reach", "conversion", "score", "time")


class Metric(Base):
    id: Slug
    """Slug, unique among metrics."""
    name: Required
    """Human name of the KPI."""
    kind: MetricKind
    """csat 1-5, nps -100..100, ces 1-7, conversion, retention, churn or ratio 0-1, count,
    duration (seconds) or custom."""
    unit: Text | None = None
    """Unit shown next to values."""
    direction: Direction = "higher-is-better"
    """Whether higher or lower values are better."""
    measure: MetricMeasure | None = None
    """How `journey measure --write` computes it from events: {reach: TP}, {conversion: [A, B]},
    {score: TP, as: mean|csat|nps|ces} or {time: [A, B]}."""


class Persona(Base):
    id: Slug
    """Slug, unique among personas."""
    name: Required
    """Human name of the persona."""
    description: Text | None = None
    """Free text."""
    segment: Text | None = None
    """Customer segment the persona stands for."""
    demographics: dict[str, str | float] = Field(default_factory=dict)
    """Age, location, occupation, ...: text or numbers."""
    goals: list[Text] = Field(default_factory=list)
    """What the persona wants to achieve."""
    motivations: list[Text] = Field(default_factory=list)
    """Why they act."""
    frustrations: list[Text] = Field(default_factory=list)
    """What gets in their way."""
    preferred_channels: list[Text] = Field(default_factory=list)
    """Channels they prefer."""
    evidence: list[Evidence] = Field(default_factory=list)
    """The research the persona rests on."""
    reviewed: Date | None = None
    """Date the persona was last validated against real customers (YYYY-MM-DD)."""


class Stage(Base):
    id: Slug
    """Slug, unique among stages."""
    name: Required
    """Human name of the stage."""
    description: Text | None = None
    """Free text."""
    goal: Text | None = None
    """What the customer wants to achieve in this stage."""


class Experience(Base):
    persona: Slug
    """Id of a persona who passes at this touchpoint."""
    score: Annotated[int, Field(ge=1, le=5)]
    """How the persona feels: 1 very negative, 3 neutral, 5 very positive."""
    emotion: Text | None = None
    """One word: frustrated, curious, delighted, ..."""
    quote: Text | None = None
    """A customer's own words."""
    evidence: list[Evidence] = Field(default_factory=list)
    """Research behind this experience."""


class Measurement(Base):
    metric: Slug
    """Id of the metric measured."""
    actual: float | None = None
    """The measured value."""
    target: float | None = None
    """The value aimed for."""
    as_of: Date | None = None
    """Date of the reading; readings with distinct dates form a history."""
    sample: Annotated[int, Field(ge=0)] | None = None
    """Number of responses or events behind the reading."""


class Touchpoint(Base):
    id: Slug
    """Slug, unique among touchpoints."""
    name: Required
    """Human name of the touchpoint."""
    stage: Slug
    """Id of the stage it belongs to."""
    channel: Slug | None = None
    """Slug: web, mobile-app, email, phone, live-chat, social, in-store, ... or your own."""
    kind: TouchpointKind | None = None
    """digital, physical or human."""
    owner: Text | None = None
    """Department or team accountable for it."""
    personas: list[Slug] | None = None
    """Ids of the personas who pass here; absent means all."""
    description: Text | None = None
    """Free text."""
    customer_action: Text | None = None
    """What the customer does here."""
    thoughts: list[Text] = Field(default_factory=list)
    """What the customer thinks or asks here."""
    next: list[Slug] | None = None
    """Ids of the touchpoints that may follow; absent: the next one in order; [] marks an exit."""
    moment_of_truth: bool = False
    """An interaction that decides the customer's opinion."""
    experiences: list[Experience] = Field(default_factory=list)
    """How each persona feels here."""
    measurements: list[Measurement] = Field(default_factory=list)
    """KPI readings here."""
    backstage: list[Text] = Field(default_factory=list)
    """Processes and systems behind the touchpoint."""
    events: Annotated[list[Required], Field(min_length=1)] | None = None
    """Event names (or case-sensitive shell globs like `search_*`) that `journey measure` counts
    here; absent means the touchpoint's id."""


class PainPoint(Base):
    id: Slug
    """Slug, unique among pain points."""
    description: Required
    """The problem customers meet."""
    touchpoint: Slug
    """Id of the touchpoint where it happens."""
    personas: list[Slug] | None = None
    """Ids of the personas affected; absent means all of the touchpoint's."""
    severity: Severity = "medium"
    """low, medium (default), high or critical."""
    frequency: Frequency | None = None
    """rare, occasional, frequent or constant."""
    root_cause: Text | None = None
    """Why it happens."""
    evidence: list[Evidence] = Field(default_factory=list)
    """Research showing the problem."""
    status: PainStatus = "open"
    """open (default) or resolved: a resolved pain point stays, with its opportunities and
    actions, as the record of what was fixed."""
    resolved: Date | None = None
    """When it was resolved (YYYY-MM-DD); only with `status: resolved`."""


class Opportunity(Base):
    id: Slug
    """Slug, unique among opportunities."""
    description: Required
    """The idea."""
    addresses: Annotated[list[Slug], Field(min_length=1)]
    """Ids of the pain points it addresses (at least one)."""
    impact: Level3 | None = None
    """low, medium or high."""
    effort: Level3 | None = None
    """low, medium or high."""
    owner: Text | None = None
    """Who drives it."""


class ActionTarget(Base):
    metric: Slug
    """Id of the metric the action should move."""
    value: float
    """The value it should reach."""


class Action(Base):
    id: Slug
    """Slug, unique among actions."""
    description: Required
    """What will be done."""
    opportunity: Slug
    """Id of the opportunity it realises."""
    owner: Text | None = None
    """Who does it."""
    due: Date | None = None
    """By when (YYYY-MM-DD)."""
    status: ActionStatus = "proposed"
    """proposed (default), planned, in-progress, done or dropped."""
    target: ActionTarget | None = None
    """The KPI the action is meant to move."""


class JourneyMap(Base):
    """A whole journey map, after its includes have been merged in."""

    model_config = ConfigDict(
        title="journeykit journey map, format version 1",
        json_schema_extra=_extensions_schema,
    )

    journeykit: Annotated[Literal[1], BeforeValidator(_version)]
    """Format version: the integer 1."""
    id: Slug
    """Slug of this map."""
    title: Required
    """Human title."""
    description: Text | None = None
    """Free text (Markdown allowed in renderings)."""
    owner: Text | None = None
    """Team or person who maintains the map."""
    updated: Date | None = None
    """Date the map was last reviewed (YYYY-MM-DD)."""
    tags: list[Text] = Field(default_factory=list)
    """Free tags."""
    include: list[Text] = Field(default_factory=list)
    """Relative paths of files contributing personas, metrics and stages."""
    objectives: list[Objective] = Field(default_factory=list)
    """What the map is for, tied to business metrics."""
    metrics: list[Metric] = Field(default_factory=list)
    """KPI definitions used by measurements and objectives."""
    personas: Annotated[list[Persona], Field(min_length=1)]
    """Who travels the journey."""
    stages: Annotated[list[Stage], Field(min_length=1)]
    """Ordered phases, left to right."""
    touchpoints: Annotated[list[Touchpoint], Field(min_length=1)]
    """Interactions between the customer and the business."""
    pain_points: list[PainPoint] = Field(default_factory=list)
    """Problems customers meet."""
    opportunities: list[Opportunity] = Field(default_factory=list)
    """Ideas that address pain points."""
    actions: list[Action] = Field(default_factory=list)
    """The action plan: who does what by when."""


class Library(Base):
    """A file named by ``include:``: it contributes personas, metrics and stages, nothing else."""

    journeykit: Annotated[Literal[1], BeforeValidator(_version)] | None = None
    include: list[Text] = Field(default_factory=list)
    personas: list[Persona] = Field(default_factory=list)
    metrics: list[Metric] = Field(default_factory=list)
    stages: list[Stage] = Field(default_factory=list)


def nested_model(annotation: Any) -> type[BaseModel] | None:
    """The model class inside a field's annotation (``list[Persona] | None`` -> ``Persona``)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = nested_model(arg)
        if found is not None:
            return found
    return None


# Lists of things with ids, in the order a reader meets them, with the word for one of them.
KINDS: dict[str, str] = {
    "personas": "persona", "stages": "stage", "touchpoints": "touchpoint", "metrics": "metric",
    "objectives": "objective", "pain_points": "pain point", "opportunities": "opportunity",
    "actions": "action",
}  # fmt: skip
INCLUDABLE = ("personas", "metrics", "stages")
