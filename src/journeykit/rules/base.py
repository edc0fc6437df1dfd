"""The contract between the lint engine and a rule: the ``Rule`` protocol and ``RuleContext``.

A rule is a module (see :mod:`journeykit.rules`) that satisfies :class:`Rule`. Its ``check`` gets a
:class:`RuleContext` for one valid map and only yields :class:`~journeykit.problems.Problem` s.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from journeykit.problems import Problem, Severity, quote

if TYPE_CHECKING:
    from journeykit.model import JourneyMap, MapIndex
    from journeykit.workspace import LoadedMap

OptionValue = int | float


@dataclass(frozen=True)
class Option:
    """A rule option: its default, what it means, and the values it admits."""

    default: OptionValue
    help: str
    integer: bool = False
    minimum: float = 0
    maximum: float | None = None

    def parse(self, value: object) -> OptionValue:
        """The value from the config, or ``ValueError`` with what is expected.

        ``.nan`` and ``.inf`` are YAML numbers but no value for an option (every comparison with
        NaN is false, so no bound would hold), and neither is an integer too large for a float.
        """
        expected = f"{'a whole number' if self.integer else 'a number'} {self.bounds()}"
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(expected)
        if isinstance(value, float) and not (
            math.isfinite(value) and (value.is_integer() or not self.integer)
        ):
            raise ValueError(expected)
        if value < self.minimum or (self.maximum is not None and value > self.maximum):
            raise ValueError(expected)
        try:
            return int(value) if self.integer else float(value)
        except OverflowError:
            raise ValueError(expected) from None

    def bounds(self) -> str:
        low = f"{self.minimum:g}"
        return (
            f"from {low} to {self.maximum:g}" if self.maximum is not None else f"of {low} or more"
        )


class Rule(Protocol):
    """What a rule module defines (modules satisfy this protocol structurally)."""

    @property
    def __name__(self) -> str: ...
    @property
    def ID(self) -> str: ...  # kebab-case; the module is named after it
    @property
    def LEVEL(self) -> Severity: ...  # the default level
    @property
    def SUMMARY(self) -> str: ...  # one line for `journey rules` and SARIF
    @property
    def OPTIONS(self) -> Mapping[str, Option]: ...  # name -> default and admitted values

    def check(self, ctx: RuleContext) -> Iterable[Problem]: ...


@dataclass(frozen=True)
class Move:
    """One move customers made in the data: ``source`` then ``target`` in their traces."""

    source: str
    target: str
    planned: bool
    customers: int
    """Distinct customers who made the move at least once."""
    count: int
    """How often it was made, over all customers."""


@dataclass(frozen=True)
class EventFacts:
    """What customers did, from an event log (``journey lint --events``): computed by
    ``journeykit.conform`` over all the data, passed to the rules as plain data."""

    customers: int
    """Customers with at least one event mapped to a touchpoint of the map."""
    reached: Mapping[str, int]
    """Touchpoint id -> customers who reached it (touchpoints nobody reached are absent)."""
    moves: tuple[Move, ...]
    """Every move customers made (consecutive touchpoints of a trace, repeats counted once)."""


@dataclass(frozen=True)
class RuleContext:
    """Everything a rule may look at for one valid map, and the way to report a located problem."""

    loaded: LoadedMap
    index: MapIndex
    today: dt.date
    rule: str = ""
    level: Severity = Severity.WARNING
    options: Mapping[str, OptionValue] = field(default_factory=dict)
    events: EventFacts | None = None
    """Facts from an event log, only with ``journey lint --events``; rules on them are silent
    without."""

    @property
    def journey(self) -> JourneyMap:
        return self.index.map

    def problem(
        self,
        path: tuple[str | int, ...],
        message: str,
        *,
        key: bool = False,
        severity: Severity | None = None,
    ) -> Problem:
        """A problem of this rule at the merged-data ``path`` (located in the file it came from)."""
        file, line, column = self.loaded.locate(path, key=key)
        return Problem(file, line, column, self.rule, message, severity or self.level)

    def integer(self, name: str) -> int:
        return int(self.options[name])

    def number(self, name: str) -> float:
        return float(self.options[name])

    def in_map(self, path: tuple[str | int, ...]) -> str:
        """`` in map `id` `` when ``path`` lies in an included file (the finding depends on it)."""
        if self.loaded.locate(path)[0] == self.loaded.path:
            return ""
        return f" in map {quote(self.journey.id)}"

    def included(self, path: tuple[str | int, ...]) -> bool:
        """True when the value at ``path`` comes from an included file, not the map itself."""
        return self.loaded.locate(path)[0] != self.loaded.path


def days(count: int) -> str:
    return f"{count} day{'' if count == 1 else 's'}"
