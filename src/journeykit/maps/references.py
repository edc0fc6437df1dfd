"""References and rules across the map: ids unique, every reference resolves, personas pass where
they are said to, measurements dated, measure specs fit their metric's kind.

Checked on the raw data, so they show up alongside schema errors in the same pass; each check skips
values of the wrong shape (the schema reports those).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from journeykit.model.map import KINDS, MEASURE_KEYS, METRIC_RANGES
from journeykit.problems import Problem, quote, suggest
from journeykit.workspace import LoadedMap


def reference_problems(loaded: LoadedMap) -> list[Problem]:
    """Every broken reference and cross-item inconsistency of ``loaded.raw``."""
    return _ReferenceCheck(loaded).run()


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


def _fits_float(value: int | float) -> bool:
    try:
        float(value)
    except OverflowError:
        return False
    return True


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
            self._pain_status(i, pain)
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
        if not _number(value) or not isinstance(metric_id, str) or not _fits_float(value):
            return  # a number past float's range is a schema problem (`must be a number`)
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
                if isinstance(as_of, list | dict):
                    continue  # the schema reports a list or a mapping where a date goes
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

    def _pain_status(self, i: int, pain: dict[str, Any]) -> None:
        status = pain.get("status")
        if pain.get("resolved") is None or status == "resolved":
            return
        if status not in (None, "open"):
            return  # the schema reports an unknown status
        said = "has no `status` (so it is open)" if status is None else "says `status: open`"
        self.problems.append(
            self.loaded.problem(
                ("pain_points", i, "resolved"),
                "status-mismatch",
                f"pain point {quote(pain.get('id'))} has a `resolved` date but {said}; "
                "add `status: resolved` or remove the date",
            )
        )

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
        touchpoint = pain.get("touchpoint")
        if not isinstance(touchpoint, str) or not isinstance(personas, list):
            return  # a touchpoint of the wrong type is reported by the schema
        tp_index = self.ids.get("touchpoints", {}).get(touchpoint)
        if tp_index is None:
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
