"""The sections of ``journeykit.yaml`` as pydantic models, and their errors as located problems.

Each field's ``description`` says what a good value is; it is the message when the value is
wrong, formatted with ``{name}`` (the field), ``{key}`` (the last key or index of the bad value),
``{input}`` (the value, quoted) and ``{error}`` (what a validator said). A field whose entries are
checked one by one may say so for an entry with ``json_schema_extra={"each": ...}``. An unknown
key is reported at the key, with the closest known one ("did you mean ...?") where there is one.
A validator that wants its own words raises :func:`wrong`.

This module imports pydantic: import it only where a config is loaded or read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, TypeVar, cast

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from journeykit.config import DEFAULT_FILES, ConfigError
from journeykit.problems import Problem, quote

if TYPE_CHECKING:
    from pydantic.fields import FieldInfo
    from pydantic_core import ErrorDetails

    from journeykit.config import Config

Level = Literal["error", "warning", "info", "off"]
LEVELS = "error, warning, info or off"
M = TypeVar("M", bound="_Closed")


def wrong(message: str) -> PydanticCustomError:
    """What a validator raises when its message is the whole problem (not the field's
    description): pydantic's own custom error, so no exception class of ours is needed."""
    return PydanticCustomError(WRONG, message)


WRONG = "journeykit_wrong"


class _Closed(BaseModel):
    """A closed mapping: an unknown key is an error, values are not coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
    what: ClassVar[str] = "setting"  # "unknown <what> `x`"

    @classmethod
    def unknown(cls, name: object) -> str:
        from journeykit.validate import suggest

        known = list(cls.model_fields)
        hint = suggest(name, known) if isinstance(name, str) else ""
        return f"unknown {cls.what} {quote(name)}{hint} (known: {', '.join(known)})"

    def given(self) -> dict[str, Any]:
        """The settings the file sets (left-out ones are ``None``)."""
        return self.model_dump(exclude_none=True)


class Section(_Closed):
    """A section of settings. A setting left out is ``None``; one written as ``null`` is wrong
    (as it always was), unless it is named in ``nulls`` (where ``null`` means "not set")."""

    nulls: ClassVar[tuple[str, ...]] = ()

    @field_validator("*", mode="before")
    @classmethod
    def _not_null(cls, value: object, info: ValidationInfo) -> object:
        if value is None and info.field_name not in cls.nulls:
            raise ValueError("null")
        return value


def _glob_list(what: str, *, required: bool = False) -> Any:
    kind = "one or more glob patterns" if required else "glob patterns"
    description = f"{what} must be a list of {kind}, such as ['drafts/', '*.old.yaml']"
    if required:
        return Field(min_length=1, description=description)
    return Field(default_factory=list, description=description)


_RULES: Any = Field(
    default_factory=dict,
    description="`{name}` must be a mapping of rule ids to a level (error, warning, info, off) "
    "or to a mapping of options",
    json_schema_extra={
        "each": "{input} is not a rule setting: use a level (error, warning, info, off) or a "
        "mapping of options"
    },
)

RuleSettings = dict[str, Level | dict[str, Any]]


class Override(Section):
    what: ClassVar[str] = "override setting"

    files: list[str] = _glob_list("`files` of an override", required=True)
    rules: RuleSettings = _RULES


# --------------------------------------------------------------------------- score:


def _weight(part: str) -> Any:
    return Field(
        None, ge=0, allow_inf_nan=False, description=f"weight of `{part}` must be a number ≥ 0"
    )


def _minimum(part: str) -> Any:
    return Field(
        None,
        ge=0,
        le=100,
        allow_inf_nan=False,
        description=f"minimum for `{part}` must be a number 0–100",
    )


class Weights(Section):
    """Relative weights of the parts (a part left out keeps its default of 1)."""

    what: ClassVar[str] = "key in `weights`:"

    completeness: float | None = _weight("completeness")
    evidence: float | None = _weight("evidence")
    experience: float | None = _weight("experience")
    kpi: float | None = _weight("kpi")

    @model_validator(mode="after")
    def _one_counts(self) -> Weights:
        if not any(weight is None or weight > 0 for weight in self.model_dump().values()):
            raise wrong("at least one weight must be above 0")
        return self


class Minimums(Section):
    """The lowest acceptable score of the overall and of each part."""

    what: ClassVar[str] = "key in `min`:"

    overall: float | None = _minimum("overall")
    completeness: float | None = _minimum("completeness")
    evidence: float | None = _minimum("evidence")
    experience: float | None = _minimum("experience")
    kpi: float | None = _minimum("kpi")


def _mapping_of(model: type[Section], name: str) -> Any:
    return Field(
        default_factory=model,
        description=f"`{name}` must be a mapping of {', '.join(model.model_fields)}",
    )


class ScoreSection(Section):
    """``score:``: the scorecard's weights, what counts as recent, and the minimums."""

    what: ClassVar[str] = "score setting"

    weights: Weights = _mapping_of(Weights, "weights")
    max_age_days: int | None = Field(
        None, ge=0, description="`max_age_days` must be a whole number of days ≥ 0"
    )
    min: Minimums = _mapping_of(Minimums, "min")


# --------------------------------------------------------------------------- render:


class RenderSection(Section):
    """``render:``: a folder of the team's own HTML templates, relative to the config file."""

    what: ClassVar[str] = "render setting"
    nulls: ClassVar[tuple[str, ...]] = ("templates",)

    templates: str | None = Field(
        None,
        min_length=1,
        description="`templates` must be the path of a folder (of your own templates)",
    )


# --------------------------------------------------------------------------- events:


def _text(value: str) -> str:
    if not value.strip():
        raise ValueError("blank")
    return value


Text = Annotated[str, AfterValidator(_text)]


def _text_field(example: str) -> Any:
    return Field(None, description=f"`{{name}}` must be text, such as {example}")


class EventsSection(Section):
    """``events:``: defaults for ``journey measure``'s options (a flag wins over the file)."""

    what: ClassVar[str] = "events setting"

    customer_col: Text | None = _text_field("a column name")
    event_col: Text | None = _text_field("a column name")
    time_col: Text | None = _text_field("a column name")
    score_col: Text | None = _text_field("a column name")
    by: Text | None = _text_field("a column name")
    tz: Text | None = _text_field("Europe/Paris")
    window: Text | None = _text_field("30d")
    engine: Text | None = _text_field("duckdb")
    memory_limit: Text | None = _text_field("12GB")
    temp_directory: Text | None = _text_field("/scratch")


# --------------------------------------------------------------------------- the file


class Settings(Section):
    """The whole file. ``score``, ``render`` and ``events`` are checked when a command reads them
    (``Config.score`` ...), so that a mistake there does not stop the commands that ignore them."""

    files: list[str] = Field(
        default_factory=lambda: list(DEFAULT_FILES),
        description="`files` must be a list of glob patterns, such as ['*.journey.yaml']",
    )
    ignore: list[str] = _glob_list("`ignore`")
    rules: RuleSettings = _RULES
    overrides: list[Override] = Field(
        default_factory=list,
        description="`overrides` must be a list of mappings, each with `files` (globs) and `rules`",
    )
    score: dict[str, Any] = Field(
        default_factory=dict,
        description=f"`score` must be a mapping of {', '.join(ScoreSection.model_fields)}",
    )
    render: dict[str, Any] = Field(
        default_factory=dict,
        description=f"`render` must be a mapping of {', '.join(RenderSection.model_fields)}",
    )
    events: dict[str, Any] = Field(
        default_factory=dict,
        description=f"`events` must be a mapping of {', '.join(EventsSection.model_fields)}",
    )


class RuleOptions(_Closed):
    """A rule's entry under ``rules:``: ``level`` and the rule's options. The lint policy builds
    one subclass per rule from the registry's ``Option`` data."""

    rule: ClassVar[str] = ""

    @classmethod
    def unknown(cls, name: object) -> str:
        from journeykit.validate import suggest

        options = [field for field in cls.model_fields if field != "level"]
        hint = suggest(name, options) if isinstance(name, str) else ""
        known = ", ".join(cls.model_fields)
        return f"rule `{cls.rule}` has no option {quote(name)}{hint} (it takes: {known})"


LEVEL_FIELD = "`level` of rule `{rule}` must be " + LEVELS + ", not {{input}}"
OPTION_FIELD = "option `{{name}}` of rule `{rule}` must be {{error}}, not {{input}}"


# --------------------------------------------------------------------------- errors


def validate(config: Config, model: type[M], data: object, where: tuple[str | int, ...]) -> M:
    """``data`` as ``model``, or ``ConfigError`` with every problem located in the file."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        found: dict[tuple[int, int], Problem] = {}
        for error in exc.errors(include_url=False):
            problem = _problem(config, model, error, where)
            found.setdefault((problem.line, problem.column), problem)
        raise ConfigError(list(found.values())) from None


def _problem(
    config: Config, model: type[_Closed], error: ErrorDetails, where: tuple[str | int, ...]
) -> Problem:
    loc = tuple(error["loc"])
    # union members (`rules` values) show up as extra loc segments: drop what is not in the data
    while loc and isinstance(loc[-1], str) and loc[-1].startswith(("literal[", "dict[")):
        loc = loc[:-1]
    parent, field, name, deeper = _walk(model, loc)
    key = str(loc[-1]) if loc else "config"
    if error["type"] == "extra_forbidden":
        return config.problem((*where, *loc), parent.unknown(loc[-1]), key=True)
    if error["type"] == "missing":
        return config.problem((*where, *loc[:-1]), f"missing required key `{key}`")
    if error["type"] == WRONG:
        return config.problem((*where, *loc), error["msg"])
    cause = error.get("ctx", {}).get("error")
    template = None
    if field is not None:
        extra = field.json_schema_extra
        each = extra.get("each") if deeper and isinstance(extra, dict) else None
        template = each if isinstance(each, str) else field.description
    if template is None:
        return config.problem((*where, *loc), f"`{key}`: {error['msg']}")
    message = template.format(
        name=name,
        key=key,
        input=quote(error.get("input")),
        error=cause if cause is not None else error["msg"],
    )
    return config.problem((*where, *loc), message)


def _walk(
    model: type[_Closed], loc: tuple[str | int, ...]
) -> tuple[type[_Closed], FieldInfo | None, str, bool]:
    """Along ``loc``: the model holding its last segment, the deepest field on the way, that
    field's name, and whether ``loc`` goes on below the field (into a list or mapping)."""
    holder: type[_Closed] | None = model  # the model at this point of `loc`, if any
    parent, field, name, deeper = model, None, "", False
    for segment in loc:
        parent = holder or parent
        if holder is not None and isinstance(segment, str) and segment in holder.model_fields:
            field, name, deeper = holder.model_fields[segment], segment, False
            annotation = field.annotation
            nested = isinstance(annotation, type) and issubclass(annotation, _Closed)
            holder = cast("type[_Closed]", annotation) if nested else None
        else:
            holder = _item_model(field) if field is not None and not deeper else None
            deeper = field is not None
    return parent, field, name, deeper


def _item_model(field: FieldInfo | None) -> type[_Closed] | None:
    """The model of the items of a ``list[Model]`` field (``overrides``), else ``None``."""
    if field is None:
        return None
    for arg in getattr(field.annotation, "__args__", ()):
        if isinstance(arg, type) and issubclass(arg, _Closed):
            return arg
    return None
