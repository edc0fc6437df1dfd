"""Plain values shown to people: one compact line per value, and short labels for whole items.

Nothing here escapes: each formatter escapes the result for its medium (terminal, Markdown).
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

from journeykit.diff.model import Change, Kind

SECTION_WORDS = {
    "objectives": "objective",
    "metrics": "metric",
    "personas": "persona",
    "stages": "stage",
    "touchpoints": "touchpoint",
    "pain_points": "pain point",
    "opportunities": "opportunity",
    "actions": "action",
    "experiences": "experience",
    "measurements": "measurement",
    "history": "reading",
    "next": "flow edge",
}


def number(value: float, *, signed: bool = False) -> str:
    """3 for 3.0, 0.25 for 0.25, at most six significant digits, whole numbers of any size."""
    spec = "+.6g" if signed else ".6g"
    try:
        return format(value, spec)
    except OverflowError:  # a whole number past the range of a float
        return format(Decimal(value), spec)


def inline(value: Any, limit: int = 0) -> str:
    """A compact one-line rendering: text as is, numbers short, lists and mappings flow-style."""
    text = _inline(value)
    if limit and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def _inline(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return number(value)
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "[" + ", ".join(_inline(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_inline(v)}" for k, v in value.items()) + "}"
    return str(value)


def plural(count: int, word: str) -> str:
    """'1 change', '2 changes', '3 regressions'."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def score(value: float | None) -> str:
    """A scorecard number as ``journey score`` shows it: one decimal."""
    return "–" if value is None else f"{value:.1f}"


def score_delta(old: float | None, new: float | None) -> str:
    """``+1.9``, ``-4.2``, ``0.0``; empty when a side has no number."""
    if old is None or new is None or not math.isfinite(new - old):
        return ""
    delta = f"{new - old:+.1f}"
    return "0.0" if delta in ("+0.0", "-0.0") else delta


def scalar(value: Any) -> bool:
    """Short enough to print as ``old → new`` on one line."""
    if isinstance(value, str):
        return len(value) <= 60 and "\n" not in value
    return value is None or isinstance(value, bool | int | float)


def what(change: Change) -> str:
    """The kind of thing at the path, in words: 'touchpoint', 'experience', 'flow edge'."""
    if not change.path:
        return "map"
    if len(change.path) >= 2 and change.path[-2] in SECTION_WORDS:
        return SECTION_WORDS[change.path[-2]]
    return change.path[-1].replace("_", " ")


def label(value: Any, limit: int = 80) -> str:
    """A short label for an added or removed item: its name (or description, cut short)."""
    if isinstance(value, dict):
        for key in ("name", "title", "description", "statement"):
            if isinstance(value.get(key), str):
                text: str = value[key]
                return text if len(text) <= limit else text[: limit - 1] + "…"
        if "persona" in value and "score" in value:
            emotion = f", {value['emotion']}" if value.get("emotion") else ""
            return f"score {inline(value['score'])}{emotion}"
        if "metric" in value:
            shown = [f"{k} {inline(value[k])}" for k in ("actual", "target", "as_of") if k in value]
            return ", ".join(shown) or str(value["metric"])
    return inline(value, limit)


def summary(change: Change) -> str:
    """One line for an added or removed item (the old or new value), with its note."""
    if what(change) == "flow edge":
        return change.note
    value = change.new if change.kind is Kind.ADDED else change.old
    text = f"{what(change)} {label(value)}"
    return f"{text} ({change.note})" if change.note else text


def list_items(old: Any, new: Any) -> tuple[list[Any], list[Any]] | None:
    """Items removed and added when both values are lists of plain items, else None."""
    if not (isinstance(old, list | type(None)) and isinstance(new, list | type(None))):
        return None
    before, after = old or [], new or []
    if any(isinstance(v, dict | list) for v in (*before, *after)):
        return None
    return [v for v in before if v not in after], [v for v in after if v not in before]


__all__ = [
    "inline",
    "label",
    "list_items",
    "number",
    "plural",
    "scalar",
    "score",
    "score_delta",
    "summary",
    "what",
]
