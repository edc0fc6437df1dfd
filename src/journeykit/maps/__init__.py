"""Loading a map: the one entry point, :func:`load_map`. Every command and the language server
read maps through it; it never raises for bad input.

A map's way in:

1. ``inputs.read_file`` reads the bytes (regular files only, size-capped);
2. ``decoding.decode`` makes them text, or says where they are not UTF-8;
3. ``loader.parse_text`` parses the YAML into plain data plus a source map (the line:column of
   every key and value), refusing tags, alias bombs and runaway nesting;
4. ``workspace.merge_includes`` merges the ``include:`` files, every value still locatable;
5. :mod:`journeykit.maps.schema` checks the data against the pydantic model, and
   :mod:`journeykit.maps.references` checks ids and references across the map.

The result is a :class:`~journeykit.workspace.LoadedMap`: its problems, sorted, and its
``journey`` (the :class:`~journeykit.model.JourneyMap`) when there is no error.
"""

from __future__ import annotations

import gc
from pathlib import Path

from pydantic import ValidationError

from journeykit.maps.references import bad_glob, reference_problems
from journeykit.maps.schema import schema_problems
from journeykit.model.map import JourneyMap
from journeykit.problems import Problem, Severity
from journeykit.workspace import STDIN, LoadedMap, merge_includes, read_source

# Every code loading can report, with a line of documentation (for SARIF and `journey rules`).
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
    "status-mismatch": "A pain point with a `resolved` date whose status is not `resolved`.",
    "include-outside-root": "An include that is absolute or leaves the workspace root.",
    "include-cycle": "Files that include each other.",
    "include-not-found": "An include that names a missing file.",
    "include-invalid": "An included file that contributes more than personas, metrics, stages.",
}


def load_map(
    path: str | Path, *, data: bytes | None = None, display: str | None = None
) -> LoadedMap:
    """Read, merge includes, validate. ``path='-'`` with ``data`` reads a map given on stdin;
    ``data`` with another path reads it as if it were that file; ``display`` names it in problems.

    The cyclic garbage collector is paused meanwhile: a map is a tree of fresh containers without
    cycles, freed by reference counting, and the collector rescanning them as they pile up made
    loading a large map up to a third slower.
    """
    if not gc.isenabled():
        return _load(path, data, display)
    gc.disable()
    try:
        return _load(path, data, display)
    finally:
        gc.enable()


def _load(path: str | Path, data: bytes | None, display: str | None) -> LoadedMap:
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
    check(loaded)
    loaded.problems.sort()
    return loaded


def check(loaded: LoadedMap) -> None:
    """Check ``loaded.raw`` against the schema and across references; set ``journey`` if valid."""
    assert loaded.raw is not None
    journey: JourneyMap | None = None
    try:
        journey = JourneyMap.model_validate(loaded.raw)
    except ValidationError as exc:
        loaded.problems.extend(schema_problems(loaded, exc))
    loaded.problems.extend(reference_problems(loaded))
    if not any(p.severity == Severity.ERROR for p in loaded.problems):
        loaded.journey = journey


__all__ = ["CODES", "LoadedMap", "bad_glob", "check", "load_map"]
