"""Load every map a command was given: the shared first step of validate, lint, score and render."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable

from journeykit.config import Config
from journeykit.discovery import expand, read_stdin
from journeykit.output import Inputs
from journeykit.problems import INPUT_CODES, Problem
from journeykit.validate import load
from journeykit.workspace import LoadedMap


def load_all(
    paths: list[str], config: Config, stdin: Callable[[], bytes] = read_stdin
) -> list[LoadedMap]:
    """Expand ``paths`` (raising ``UsageError`` when they name nothing) and load each map.

    The cyclic garbage collector is paused meanwhile: loaded maps are trees without cycles, freed
    by reference counting, and a collector rescanning every map kept so far made loading a
    thousand maps about 2.5 times slower.
    """
    files = expand(paths, config)
    maps = []
    paused = gc.isenabled()
    gc.disable()
    try:
        for path in files:
            maps.append(load("-", data=stdin()) if path == "-" else load(path))
    finally:
        if paused:
            gc.freeze()  # what is loaded lives until the command ends: never rescan it
            gc.enable()
    return maps


def validate_all(
    paths: list[str], config: Config, stdin: Callable[[], bytes] = read_stdin
) -> tuple[list[str], list[Problem], bool]:
    """Validate map by map keeping only the problems, so memory stays flat over any number of
    maps: ``(paths shown, problems, unusable)`` where ``unusable`` is as for :func:`unusable`."""
    shown: list[str] = []
    problems: list[Problem] = []
    for path in expand(paths, config):
        loaded = load("-", data=stdin()) if path == "-" else load(path)
        shown.append(loaded.path)
        problems.extend(loaded.problems)
    lone = len(shown) == 1 and any(p.code in INPUT_CODES for p in problems)
    return shown, problems, lone


def unusable(maps: list[LoadedMap]) -> bool:
    """True when the one input given is not a journey map at all (the command exits 2)."""
    return len(maps) == 1 and any(p.code in INPUT_CODES for p in maps[0].problems)


def protect_maps(maps: list[LoadedMap]) -> Inputs:
    """The inputs no output may replace: every map of ``maps`` and every file it includes."""
    inputs = Inputs()
    for loaded in maps:
        inputs.add(loaded.path, f"the map {loaded.path}")
        folder = os.path.dirname(loaded.path)
        real_folder = os.path.dirname(os.path.realpath(loaded.path))
        for source in loaded.sources:
            what = f"{source.path} (included by {loaded.path})"
            inputs.add(source.path, what)
            # the include as resolved from the map's real folder (the map may be a link)
            inputs.add(os.path.join(real_folder, os.path.relpath(source.path, folder)), what)
    return inputs
