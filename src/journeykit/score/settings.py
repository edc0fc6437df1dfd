"""The ``score:`` section of ``journeykit.yaml``: part weights, the review age, minimums."""

from __future__ import annotations

import dataclasses
import math
import sys
from collections.abc import Callable, Iterable, Mapping
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
        """Read ``config.settings.score``; raise ``ConfigError`` with every located problem."""
        from journeykit.config import ConfigError

        problems = []

        def complain(loc: tuple[str | int, ...], message: str, *, key: bool = False) -> None:
            problems.append(config.problem(("score", *loc), message, key=key))

        section = config.settings.score
        shown = config.path or "journeykit.yaml"
        weights = dict(DEFAULT_WEIGHTS)
        minimums: dict[str, float] = {}
        sources: dict[str, str] = {}
        max_age = DEFAULT_MAX_AGE_DAYS
        for name, value in section.items():
            if name == "weights":
                for part, weight in _mapping(value, ("weights",), PARTS, complain).items():
                    if _number(weight) and weight >= 0:
                        weights[part] = float(weight)
                    else:
                        complain(("weights", part), f"weight of `{part}` must be a number ≥ 0")
                if isinstance(value, dict) and not any(weights[p] > 0 for p in PARTS):
                    complain(("weights",), "at least one weight must be above 0")
            elif name == "max_age_days":
                if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
                    max_age = value
                else:
                    complain((name,), "`max_age_days` must be a whole number of days ≥ 0")
            elif name == "min":
                for part, floor in _mapping(value, ("min",), (OVERALL, *PARTS), complain).items():
                    if _number(floor) and 0 <= floor <= 100:
                        minimums[part] = float(floor)
                        sources[part] = f"score.min.{part} in {shown}"
                    else:
                        complain(("min", part), f"minimum for `{part}` must be a number 0–100")
            else:
                complain((name,), _unknown("score setting", name, SECTION_KEYS), key=True)
        if problems:
            raise ConfigError(problems)
        return cls(weights, max_age, minimums, sources)


SECTION_KEYS = ("weights", "max_age_days", "min")


def _number(value: Any) -> bool:
    """A finite number that converts to a float (a 400-digit integer does not)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return abs(value) <= sys.float_info.max if isinstance(value, int) else math.isfinite(value)


def _unknown(what: str, name: object, known: Iterable[str]) -> str:
    from journeykit.problems import quote
    from journeykit.validate import suggest

    choices = list(known)
    hint = suggest(name, choices) if isinstance(name, str) else ""
    return f"unknown {what} {quote(name)}{hint} (known: {', '.join(choices)})"


def _mapping(
    value: Any,
    loc: tuple[str, ...],
    known: Iterable[str],
    complain: Callable[..., None],
) -> dict[str, Any]:
    """The entries of a settings mapping whose keys are known; complain about the rest."""
    if not isinstance(value, dict):
        complain(loc, f"`{loc[-1]}` must be a mapping of {', '.join(known)}")
        return {}
    allowed = tuple(known)
    good = {}
    for key, item in value.items():
        if key in allowed:
            good[key] = item
        else:
            complain((*loc, key), _unknown(f"key in `{loc[-1]}`:", key, allowed), key=True)
    return good
