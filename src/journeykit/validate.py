"""Load a map and check it completely: schema errors and broken references, each located.

``load(path)`` is the one entry point every command uses; it never raises for bad input.
"""

from __future__ import annotations

import difflib
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from journeykit.model.map import KINDS, MEASURE_KEYS, METRIC_RANGES, JourneyMap, nested_model
from journeykit.problems import Problem, Severity, quote
from journeykit.workspace import STDIN, LoadedMap, merge_includes, read_source

# Every code validation can report, with a line of documentation (for SARIF and `journey rules`).
CODES: dict[str, str] = {
    "yaml-syntax": "The file is not well-formed YAML.",
    "duplicate-key": "A key appears twice in one mapping.",
    "forbidden-tag": "A YAML tag such as !!python/object; maps are plain data.",
    "too-large": "Aliases expand the document past a safe size (an alias bomb).",
    "too-deep": "Values are nested deeper than a journey map ever needs.",
    "multiple-documents": "More than one YAML document in one file.",
    "encoding": "The file is not UTF-8 text.",
    "unreadable": "The file cannot be read.",
    "not-a-map": "The file is empty, a list or a scalar, not a journey map.",
    "missing-key": "A required key is missing.",
    "unknown-key": "A key the format does not know (custom keys start with x-).",
    "wrong-type": "A value of the wrong type (text, number, boolean, list, mapping, date).",
    "invalid-value": "A value outside the allowed set (enums, id syntax, dates).",
    "out-of-range": "A number outside the allowed range (scores 1-5, metric kinds' ranges).",
    "empty-list": "A list that needs at least one item is empty.",
    "duplicate-id": "Two things of one kind share an id.",
    "broken-reference": "A reference to an id that does not exist.",
    "persona-not-here": "An experience or pain point for a persona who does not pass there.",
    "duplicate-experience": "Two experiences for one persona at one touchpoint.",
    "duplicate-measurement": "Two readings of one metric at one touchpoint without distinct as_of.",
    "include-outside-root": "An include that is absolute or leaves the workspace root.",
    "include-cycle": "Files that include each other.",
    "include-not-found": "An include that names a missing file.",
    "include-invalid": "An included file that contributes more than personas, metrics, stages.",
}


def load(path: str | Path, *, data: bytes | None = None, display: str | None = None) -> LoadedMap:
    """Read, merge includes, validate. ``path='-'`` with ``data`` reads a map given on stdin."""
    text_path = str(path)
    real = None if text_path == "-" else Path(text_path)
    shown = display or (STDIN if real is None else text_path)
    main = read_source(shown, real, data)
    loaded = LoadedMap(shown, main, problems=list(main.problems))
    if main.data is None or not isinstance(main.data, dict):
        if not main.problems or main.data is not None:
            what = {type(None): "the file is empty", list: "the file holds a list"}.get(
                type(main.data), "the file holds a single value"
            )
            loaded.problems.append(
                Problem(
                    shown,
                    1,
                    1,
                    "not-a-map",
                    f"not a journey map: {what}; a map is a mapping that starts with "
                    "`journeykit: 1`",
                )
            )
        return loaded
    loaded.raw = main.data
    merge_includes(loaded, real)
    _check(loaded)
    loaded.problems.sort()
    return loaded


def _check(loaded: LoadedMap) -> None:
    raw = loaded.raw
    assert raw is not None
    schema_problems: list[Problem] = []
    journey = None
    try:
        journey = JourneyMap.model_validate(raw)
    except ValidationError as exc:
        schema_problems = _schema_problems(loaded, exc)
    loaded.problems.extend(schema_problems)
    loaded.problems.extend(_ReferenceCheck(loaded).run())
    if not any(p.severity == Severity.ERROR for p in loaded.problems):
        loaded.journey = journey


# ---------------------------------------------------------------------------------------------
# Schema errors from pydantic, in words a map author understands

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
    if isinstance(value, int | float):
        return f"the number {value:g}" if isinstance(value, float) else f"the number {value}"
    if isinstance(value, str):
        return f"the text {quote(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__}"


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


def suggest(word: str, choices: list[str] | set[str] | typing.KeysView[str]) -> str:
    """' (did you mean `x`?)' for the closest choice, or ''."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean `{close[0]}`?" if close else ""


def _schema_problems(loaded: LoadedMap, exc: ValidationError) -> list[Problem]:
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
            loc, "out-of-range", f"`{name}` must be {bound} {limit}{scale}, not {value}"
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


# ---------------------------------------------------------------------------------------------
# References and rules across the map, checked on the raw data so they show up alongside schema
# errors in the same pass (each check skips values of the wrong shape: the schema reports those).


def _items(raw: dict[str, Any], key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    value = raw.get(key)
    if isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, dict):
                yield i, item


def _strs(value: Any) -> Iterator[tuple[int | None, str]]:
    if isinstance(value, str):
        yield None, value
    elif isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, str):
                yield i, item


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class _ReferenceCheck:
    def __init__(self, loaded: LoadedMap) -> None:
        self.loaded = loaded
        self.raw: dict[str, Any] = loaded.raw or {}
        self.problems: list[Problem] = []
        self.ids: dict[str, dict[str, int]] = {}

    def run(self) -> list[Problem]:
        for key in KINDS:
            self._collect_ids(key)
        self._touchpoints()
        for i, pain in _items(self.raw, "pain_points"):
            self._ref(("pain_points", i, "touchpoint"), pain.get("touchpoint"), "touchpoints")
            self._pain_personas(i, pain)
        for i, opp in _items(self.raw, "opportunities"):
            self._ref(("opportunities", i, "addresses"), opp.get("addresses"), "pain_points")
        for i, action in _items(self.raw, "actions"):
            self._ref(("actions", i, "opportunity"), action.get("opportunity"), "opportunities")
            target = action.get("target")
            if isinstance(target, dict):
                self._ref(("actions", i, "target", "metric"), target.get("metric"), "metrics")
                self._range(
                    ("actions", i, "target", "value"), target.get("value"), target.get("metric")
                )
        for i, metric in _items(self.raw, "metrics"):
            self._measure(i, metric)
        for i, objective in _items(self.raw, "objectives"):
            self._ref(("objectives", i, "metric"), objective.get("metric"), "metrics")
            self._range(
                ("objectives", i, "target"), objective.get("target"), objective.get("metric")
            )
        return self.problems

    def _collect_ids(self, key: str) -> None:
        seen: dict[str, int] = {}
        for i, item in _items(self.raw, key):
            ident = item.get("id")
            if not isinstance(ident, str):
                continue
            if ident in seen:
                file, line, column = self.loaded.locate((key, seen[ident], "id"))
                here = self.loaded.problem((key, i, "id"), "duplicate-id", "")
                first = f"line {line}" if file == here.path else f"{file}:{line}:{column}"
                self.problems.append(
                    self.loaded.problem(
                        (key, i, "id"),
                        "duplicate-id",
                        f"{KINDS[key]} id {quote(ident)} is defined twice (first at {first}); "
                        f"ids must be unique among {key.replace('_', ' ')}: rename or remove one",
                    )
                )
            else:
                seen[ident] = i
        self.ids[key] = seen

    def _ref(self, path: tuple[str | int, ...], value: Any, key: str) -> None:
        known = self.ids.get(key, {})
        for index, ident in _strs(value):
            if ident in known:
                continue
            where = path if index is None else (*path, index)
            word = KINDS[key]
            hint = suggest(ident, known.keys())
            if not hint and known:
                listed = ", ".join(f"`{k}`" for k in list(known)[:8])
                hint = f"; known {key.replace('_', ' ')}: {listed}{', …' if len(known) > 8 else ''}"
            elif not known:
                hint = f"; the map defines no {key.replace('_', ' ')}"
            self.problems.append(
                self.loaded.problem(
                    where,
                    "broken-reference",
                    f"`{path[-1]}` refers to {word} {quote(ident)}, which does not exist{hint}",
                )
            )

    def _range(self, path: tuple[str | int, ...], value: Any, metric_id: Any) -> None:
        if not _number(value) or not isinstance(metric_id, str):
            return
        index = self.ids.get("metrics", {}).get(metric_id)
        if index is None:
            return
        metric = self.raw["metrics"][index]
        kind = metric.get("kind")
        low, high = METRIC_RANGES.get(kind, (None, None)) if isinstance(kind, str) else (None, None)
        if (low is not None and value < low) or (high is not None and value > high):
            span = f"{low:g} to {high:g}" if high is not None else f"{low:g} or more"
            self.problems.append(
                self.loaded.problem(
                    path,
                    "out-of-range",
                    f"{value:g} is outside the range of metric {quote(metric_id)} ({kind}: {span})",
                )
            )

    def _passing(self, touchpoint: dict[str, Any]) -> set[str] | None:
        personas = touchpoint.get("personas")
        return {p for _, p in _strs(personas)} if isinstance(personas, list) else None

    def _touchpoints(self) -> None:
        for i, tp in _items(self.raw, "touchpoints"):
            base: tuple[str | int, ...] = ("touchpoints", i)
            self._ref((*base, "stage"), tp.get("stage"), "stages")
            self._ref((*base, "personas"), tp.get("personas"), "personas")
            self._ref((*base, "next"), tp.get("next"), "touchpoints")
            passing = self._passing(tp)
            seen: dict[str, int] = {}
            for j, exp in _items(tp, "experiences"):
                persona = exp.get("persona")
                path = (*base, "experiences", j, "persona")
                self._ref(path, persona, "personas")
                if not isinstance(persona, str):
                    continue
                if (
                    passing is not None
                    and persona not in passing
                    and persona in self.ids["personas"]
                ):
                    self.problems.append(
                        self.loaded.problem(
                            path,
                            "persona-not-here",
                            f"persona {quote(persona)} does not pass at touchpoint "
                            f"{quote(tp.get('id'))} (it is not in the touchpoint's `personas`); "
                            "add it there or remove this experience",
                        )
                    )
                if persona in seen:
                    self.problems.append(
                        self.loaded.problem(
                            path,
                            "duplicate-experience",
                            f"a second experience for persona {quote(persona)} at this touchpoint "
                            f"(first is experience {seen[persona] + 1}); merge them into one",
                        )
                    )
                else:
                    seen[persona] = j
            for k, pattern in _strs(tp.get("events")):
                message = bad_glob(pattern) if k is not None else None
                if message:
                    self.problems.append(
                        self.loaded.problem((*base, "events", k or 0), "invalid-value", message)
                    )
            dates: dict[str, set[Any]] = {}
            for j, reading in _items(tp, "measurements"):
                metric = reading.get("metric")
                path = (*base, "measurements", j)
                self._ref((*path, "metric"), metric, "metrics")
                self._range((*path, "actual"), reading.get("actual"), metric)
                self._range((*path, "target"), reading.get("target"), metric)
                if not isinstance(metric, str):
                    continue
                as_of = reading.get("as_of")
                if metric in dates and (
                    as_of is None or as_of in dates[metric] or None in dates[metric]
                ):
                    self.problems.append(
                        self.loaded.problem(
                            path,
                            "duplicate-measurement",
                            f"metric {quote(metric)} is measured twice here without distinct "
                            "`as_of` "
                            "dates; give each reading its date to keep a history",
                        )
                    )
                dates.setdefault(metric, set()).add(as_of)

    def _measure(self, i: int, metric: dict[str, Any]) -> None:
        spec = metric.get("measure")
        if not isinstance(spec, dict):
            return
        path: tuple[str | int, ...] = ("metrics", i, "measure")
        for key in MEASURE_KEYS:
            if key in spec:
                self._ref((*path, key), spec[key], "touchpoints")
        kind, how = metric.get("kind"), spec.get("as") if "score" in spec else None
        given = [key for key in MEASURE_KEYS if key in spec]
        if len(given) != 1 or not isinstance(kind, str) or kind not in METRIC_RANGES:
            return
        gives = _MEASURE_GIVES.get(str(how) if how else given[0])
        if gives is None:
            return
        words, low, high = gives
        have_low, have_high = METRIC_RANGES[kind]
        fits = (have_low is None or (low is not None and low >= have_low)) and (
            have_high is None or (high is not None and high <= have_high)
        )
        if not fits:
            shown = f"as: {how}" if how else given[0]
            self.problems.append(
                self.loaded.problem(
                    (*path, "as" if how else given[0]),
                    "invalid-value",
                    f"`{shown}` gives {words}, outside the range of metric kind {quote(kind)}; "
                    "pick a kind that admits it (custom admits any)",
                    key=True,
                )
            )

    def _pain_personas(self, i: int, pain: dict[str, Any]) -> None:
        personas = pain.get("personas")
        self._ref(("pain_points", i, "personas"), personas, "personas")
        tp_index = self.ids.get("touchpoints", {}).get(pain.get("touchpoint"))  # type: ignore[arg-type]
        if tp_index is None or not isinstance(personas, list):
            return
        passing = self._passing(self.raw["touchpoints"][tp_index])
        if passing is None:
            return
        for j, persona in _strs(personas):
            if persona in self.ids["personas"] and persona not in passing:
                self.problems.append(
                    self.loaded.problem(
                        ("pain_points", i, "personas", j or 0),
                        "persona-not-here",
                        f"persona {quote(persona)} does not pass at touchpoint "
                        f"{quote(pain.get('touchpoint'))}, so this pain point cannot affect it",
                    )
                )


# What each measure gives (words, low, high), to check it against its metric kind's range; a mean
# of scores has no fixed range.
_MEASURE_GIVES: dict[str, tuple[str, float | None, float | None]] = {
    "reach": ("a count of customers (0 or more)", 0, None),
    "conversion": ("a share from 0 to 1", 0, 1),
    "time": ("seconds (0 or more)", 0, None),
    "csat": ("the share of 4-5 scores, from 0 to 1", 0, 1),
    "nps": ("a net promoter score from -100 to 100", -100, 100),
}


def bad_glob(pattern: str) -> str | None:
    """Why an event name or shell glob of a touchpoint's ``events`` cannot be meant, or None.

    fnmatch takes any text, but an unclosed ``[`` silently matches itself and an empty one
    matches nothing, so both are refused; so is surrounding space, which no logged name has.
    """
    if pattern.strip() != pattern:
        return f"event pattern {quote(pattern)} has leading or trailing space; remove it"
    i = pattern.find("[")
    while i >= 0:
        j = i + 1  # as fnmatch reads a class: `!` negates, a `]` right after the start is a member
        j += pattern.startswith("!", j)
        j += pattern.startswith("]", j)
        end = pattern.find("]", j)
        if end < 0:
            return (
                f"event pattern {quote(pattern)} opens a `[` class that never closes; "
                "close it, or write `[[]` for a literal `[`"
            )
        i = pattern.find("[", end + 1)
    return None


__all__ = ["CODES", "bad_glob", "load", "suggest"]
