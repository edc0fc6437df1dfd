"""A canonical, line-oriented view of a map for git's ``textconv``: one ``path: value`` per line.

Keys come in the format's order whatever their order in the file; list items are named by their
id (experiences by persona, measurements by metric and date) rather than their position; values
are written as JSON scalars. So reformatting the YAML (key order, flow or block style, quoting,
comments) changes nothing in this view, and a real change shows as the few lines it touches.
Includes are not resolved: git hands textconv a temporary copy of an old revision, whose
neighbours are unknown. A file that is not a YAML mapping is printed as it is.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from typing import Any

from pydantic import BaseModel

from journeykit.loader import parse_bytes
from journeykit.model.map import JourneyMap, nested_model

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# How an item of a list is named in the path, by the list's key.
_IDENTITY = {"experiences": ("persona",), "measurements": ("metric", "as_of")}


def textconv(data: bytes, path: str) -> str:
    parsed = parse_bytes(data, path)
    if parsed.problems or not isinstance(parsed.data, dict):
        return data.decode("utf-8", "replace")
    lines: list[str] = []
    _node(parsed.data, "", JourneyMap, lines)
    return "\n".join(lines) + "\n"


def _node(value: Any, path: str, model: type[BaseModel] | None, lines: list[str]) -> None:
    if isinstance(value, dict):
        if not value:
            lines.append(f"{path}: {{}}")
        for key in _ordered(value, model):
            child = _fields(model).get(key)
            _node(value[key], f"{path}.{_key(key)}" if path else _key(key), child, lines)
    elif isinstance(value, list):
        if not value:
            lines.append(f"{path}: []")
        last = path.rsplit(".", 1)[-1]
        for index, item in enumerate(value):
            name = _name(item, last)
            if name is None:
                if isinstance(item, dict | list):
                    _node(item, f"{path}[{index}]", model, lines)
                else:
                    lines.append(f"{path}[]: {_scalar(item)}")
            else:
                _node(item, f"{path}.{name}", model, lines)
    else:
        lines.append(f"{path}: {_scalar(value)}")


def _name(item: Any, key: str) -> str | None:
    if not isinstance(item, dict):
        return None
    parts = _IDENTITY.get(key, ("id",))
    first = item.get(parts[0])
    if not isinstance(first, str):
        return None
    extra = [_plain(item[p]) for p in parts[1:] if item.get(p) is not None]
    return "@".join([_key(first), *(_key(e) for e in extra)])


def _ordered(value: dict[Any, Any], model: type[BaseModel] | None) -> list[Any]:
    known = list(_fields(model))
    first = [k for k in known if k in value]
    rest = sorted((k for k in value if k not in known), key=lambda k: str(k))
    return first + rest


def _fields(model: type[BaseModel] | None) -> dict[str, type[BaseModel] | None]:
    if model is None:
        return {}
    return {name: nested_model(info.annotation) for name, info in model.model_fields.items()}


def _key(key: Any) -> str:
    text = key if isinstance(key, str) else str(key)
    if re.fullmatch(r"[A-Za-z0-9_-]+", text):
        return text
    return _escape(json.dumps(text, ensure_ascii=False))


def _plain(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _scalar(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
    return _escape(json.dumps(value, ensure_ascii=False))


def _escape(text: str) -> str:
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


__all__ = ["textconv"]
