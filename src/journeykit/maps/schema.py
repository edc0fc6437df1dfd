"""Schema errors from pydantic, in words a map author understands, each located in its file."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from journeykit.model.map import KINDS, JourneyMap, nested_model
from journeykit.problems import Problem, quote, suggest
from journeykit.workspace import LoadedMap


def schema_problems(loaded: LoadedMap, exc: ValidationError) -> list[Problem]:
    """One problem per place pydantic complains about (a union's alternatives folded into one)."""
    raw = loaded.raw
    problems: dict[tuple[Any, ...], Problem] = {}
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        union = False
        if loc and loc[-1] in _UNION_TAGS and _lookup(raw, loc) is _MISSING:
            loc, union = loc[:-1], True
        if loc in problems:
            continue
        problems[loc] = _schema_problem(loaded, error, loc, union)
    return list(problems.values())


_TYPE_WORDS = {
    "string_type": "text", "int_type": "a whole number", "float_type": "a number",
    "bool_type": "true or false", "list_type": "a list", "dict_type": "a mapping",
    "model_type": "a mapping", "model_attributes_type": "a mapping",
    "date_type": "a date YYYY-MM-DD",
    "int_from_float": "a whole number", "literal_error": None,
}  # fmt: skip
_UNION_TAGS = {"str", "float", "int", "bool", "list", "dict"}


def _shape(value: Any) -> str:
    if value is None:
        return "empty (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int):
        return f"the number {_short(value)}"
    if isinstance(value, float):
        return f"the number {value:g}"
    if isinstance(value, str):
        return f"the text {quote(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__}"


def _short(value: Any) -> str:
    """A number as written, cut short past 20 digits (a map may hold a 4,000-digit integer)."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**20:
        digits = len(str(abs(value)))
        return f"{str(value)[:8]}… ({digits} digits)"
    return str(value)


def _owner(raw: Any, loc: tuple[Any, ...]) -> str:
    """Name the thing at ``loc``: 'touchpoint `signup`', 'experience 2 of touchpoint `signup`'."""
    node: Any = raw
    words: list[str] = []
    last_list = None
    for seg in loc:
        if isinstance(node, dict) and seg in node:
            node = node[seg]
            last_list = seg
        elif isinstance(node, list) and isinstance(seg, int) and seg < len(node):
            node = node[seg]
            kind = KINDS.get(str(last_list), str(last_list).rstrip("s").replace("_", " "))
            ident = node.get("id") if isinstance(node, dict) else None
            words.insert(
                0, f"{kind} {quote(ident)}" if isinstance(ident, str) else f"{kind} {seg + 1}"
            )
        else:
            break
    return " of ".join(words) if words else "the map"


def _model_at(loc: tuple[Any, ...]) -> type[BaseModel] | None:
    model: type[BaseModel] | None = JourneyMap
    for seg in loc:
        if isinstance(seg, int):
            continue
        if model is None or seg not in model.model_fields:
            return None
        model = nested_model(model.model_fields[seg].annotation)
    return model


_MISSING = object()


def _lookup(raw: Any, loc: tuple[Any, ...]) -> Any:
    node = raw
    for seg in loc:
        in_dict = isinstance(node, dict) and seg in node
        if in_dict or (isinstance(node, list) and isinstance(seg, int) and seg < len(node)):
            node = node[seg]
        else:
            return _MISSING
    return node


def _schema_problem(loaded: LoadedMap, error: Any, loc: tuple[Any, ...], union: bool) -> Problem:
    kind = error["type"]
    name = str(loc[-1]) if loc else "map"
    value = error.get("input")
    owner = _owner(loaded.raw, loc[:-1])
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return loaded.problem(
            loc[:-1], "missing-key", f"{owner} is missing the required key `{name}`; add it"
        )
    if kind == "extra_forbidden":
        model = _model_at(loc[:-1])
        allowed = sorted(model.model_fields) if model else []
        hint = suggest(name, allowed) or (
            f"; allowed keys: {', '.join(allowed)}" if allowed else ""
        )
        return loaded.problem(
            loc,
            "unknown-key",
            f"unknown key {quote(name)} in {owner}{hint} (keys of your own must start with `x-`)",
            key=True,
        )
    if union:
        return loaded.problem(
            loc, "wrong-type", f"`{name}` must be text or a number, not {_shape(value)}"
        )
    if kind in _TYPE_WORDS and kind != "literal_error":
        extra = ""
        if kind == "bool_type" and isinstance(value, str):
            extra = " (journeykit reads YAML 1.2: only `true` and `false` are booleans)"
        elif kind == "string_type" and not isinstance(value, list | dict):
            extra = "; put it in quotes if it is meant as text"
        return loaded.problem(
            loc, "wrong-type", f"`{name}` must be {_TYPE_WORDS[kind]}, not {_shape(value)}{extra}"
        )
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "")
        options = [o.strip() for o in expected.replace(" or ", ",").split(",") if o.strip()]
        hint = suggest(str(value), options) if isinstance(value, str) else ""
        return loaded.problem(
            loc, "invalid-value", f"`{name}` must be one of {expected}, not {_shape(value)}{hint}"
        )
    if kind == "string_pattern_mismatch":
        slug = "-".join("".join(c if c.isalnum() else " " for c in str(value).lower()).split())
        example = f" (e.g. `{slug}`)" if slug and slug != value else ""
        return loaded.problem(
            loc,
            "invalid-value",
            f"{quote(value)} is not a valid id: use lowercase letters, digits and hyphens, "
            f"starting with a letter or digit{example}",
        )
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = {"greater_than_equal": "at least", "less_than_equal": "at most",
                 "greater_than": "more than", "less_than": "less than"}[kind]  # fmt: skip
        limit = next(iter(ctx.values()), "")
        scale = " (1 very negative, 3 neutral, 5 very positive)" if name == "score" else ""
        return loaded.problem(
            loc, "out-of-range", f"`{name}` must be {bound} {limit}{scale}, not {_short(value)}"
        )
    if kind == "finite_number":
        return loaded.problem(loc, "out-of-range", f"`{name}` must be a finite number, not {value}")
    if kind == "string_too_short":
        if isinstance(loc[-1], int) and len(loc) > 1:
            name = f"{loc[-2]}` item `{loc[-1] + 1}"
        return loaded.problem(loc, "invalid-value", f"`{name}` must not be empty; write it out")
    if kind in ("too_short", "too_long") and "measure" in loc:
        return loaded.problem(
            loc,
            "invalid-value",
            f"`{name}` needs two touchpoints [A, B], not {ctx.get('actual_length')}",
        )
    if kind == "too_short":
        what = KINDS.get(name, "item")
        return loaded.problem(loc, "empty-list", f"`{name}` needs at least one {what}")
    message = str(error.get("msg", "invalid value")).removeprefix("Value error, ")
    return loaded.problem(loc, "invalid-value", f"`{name}`: {message}")
