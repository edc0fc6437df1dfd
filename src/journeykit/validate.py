"""The names commands have always imported from here. Loading a map lives in
:mod:`journeykit.maps` (:func:`~journeykit.maps.load_map`), did-you-mean in
:mod:`journeykit.problems`; new code imports them from there.
"""

from __future__ import annotations

from pathlib import Path

from journeykit.maps import CODES, bad_glob, load_map
from journeykit.problems import suggest
from journeykit.workspace import LoadedMap


def load(path: str | Path, *, data: bytes | None = None, display: str | None = None) -> LoadedMap:
    """:func:`journeykit.maps.load_map`."""
    return load_map(path, data=data, display=display)


__all__ = ["CODES", "bad_glob", "load", "suggest"]
