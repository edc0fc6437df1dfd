"""YAML 1.2 core-schema scalars, and the only tags journeykit honours.

Only ``true``/``false`` are booleans (``yes``/``no``/``on``/``off`` stay text), ``1_000`` and
``0777``-style octals are not numbers, sexagesimals are text; ``YYYY-MM-DD`` is a date. No tag but
the standard ones is honoured: nothing is ever constructed from a tag.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

_INT = re.compile(r"[-+]?[0-9]+\Z")
_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_OCT = re.compile(r"0o[0-7]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_SPECIAL = {
    "": None, "~": None, "null": None, "Null": None, "NULL": None,
    "true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False,
    ".inf": float("inf"), ".Inf": float("inf"), ".INF": float("inf"),
    "+.inf": float("inf"), "+.Inf": float("inf"), "+.INF": float("inf"),
    "-.inf": float("-inf"), "-.Inf": float("-inf"), "-.INF": float("-inf"),
    ".nan": float("nan"), ".NaN": float("nan"), ".NAN": float("nan"),
}  # fmt: skip
MAYBE_TYPED = frozenset("-+.0123456789~nNtTfF")
STD = "tag:yaml.org,2002:"
TAG_TYPES: dict[str, type | tuple[type, ...]] = {
    STD + "int": int, STD + "float": (int, float), STD + "bool": bool, STD + "null": type(None),
}  # fmt: skip
ALLOWED_TAGS = frozenset(STD + t for t in ("str", "int", "float", "bool", "null", "map", "seq"))


def resolve_plain(value: str) -> Any:
    """Resolve an untagged plain scalar by the YAML 1.2 core schema (plus YYYY-MM-DD dates)."""
    if not value:
        return None
    if value[0] not in MAYBE_TYPED:
        return value
    if value in _SPECIAL:
        return _SPECIAL[value]
    if _INT.match(value):
        try:
            return int(value)
        except ValueError:  # past Python's 4,300-digit limit: no journey map means that
            return value
    if _FLOAT.match(value):
        return float(value)
    if _DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    if _HEX.match(value):
        return int(value, 16)
    if _OCT.match(value):
        return int(value[2:], 8)
    return value


def tag_message(tag: str) -> str:
    shown = tag.replace(STD, "!!")
    return (
        f"tag `{shown[:60]}` is not allowed: journey maps are plain data and journeykit never "
        "constructs objects from tags; remove the tag"
    )
