"""The one problem type every command reports, and the helpers that keep user text safe in it."""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


class Severity(enum.StrEnum):
    """How serious a problem is. Ordered: ``error`` > ``warning`` > ``info``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def at_least(self, other: Severity) -> bool:
        return self.rank >= other.rank


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(frozen=True, order=True, slots=True)
class Problem:
    """A finding at ``path:line:column`` (1-based); the code is a field, not part of the message."""

    path: str
    line: int
    column: int
    code: str
    message: str = field(compare=False)
    severity: Severity = field(default=Severity.ERROR, compare=False)

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": str(self.severity),
            "code": self.code,
            "message": self.message,
        }


# Codes that mean "this input is not a journey map at all": exit 2 when it is the only input.
@dataclass(frozen=True)
class RuleInfo:
    """What one problem code means: a lint rule's id or a validation code, its default level and
    its description. SARIF's ``rules[]`` and `journey rules` read it. It lives beside the
    :class:`Problem` whose ``code`` it describes, so the lint engine and the reporters both reach
    it from below, and importing it loads no rule."""

    id: str
    level: Severity
    summary: str
    description: str = ""


INPUT_CODES = frozenset({"not-a-map", "encoding", "unreadable"})

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def quote(value: object, limit: int = 60) -> str:
    """Show a user value inside a message: backticked, one line, no control characters, bounded."""
    text = value if isinstance(value, str) else repr(value)
    text = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    text = text.replace("`", "'")
    return f"`{text}`"


def suggest(word: str, choices: Iterable[str]) -> str:
    """``; did you mean `x`?`` for the closest of ``choices`` to ``word``, or ``""``."""
    import difflib  # only when a word is unknown: not on every start-up

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean `{close[0]}`?" if close else ""


def one_line(text: str) -> str:
    """Fold a message to one printable line (for parsable output and annotations)."""
    return _CONTROL.sub(" ", text)


def count_by_severity(problems: list[Problem] | tuple[Problem, ...]) -> dict[Severity, int]:
    counts = dict.fromkeys(Severity, 0)
    for problem in problems:
        counts[problem.severity] += 1
    return counts
