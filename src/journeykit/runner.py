"""Load the maps a command was given, one at a time: the shared first step of validate, lint,
score and render; and the one input reader of the commands that read a single file.

Memory stays flat over any number of maps: :class:`Maps` yields each map as it is loaded, and a
command keeps what it reports (problems, a scorecard, an index entry), never the maps.
``load`` pauses the cyclic garbage collector while it builds a map (see validate.load).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from journeykit.config import Config
from journeykit.discovery import UsageError, expand, read_stdin
from journeykit.errors import JourneyError
from journeykit.inputs import InputError, read_file
from journeykit.output import Inputs
from journeykit.problems import INPUT_CODES, Problem
from journeykit.validate import load
from journeykit.workspace import LoadedMap, cached_roots


@dataclass(frozen=True)
class Checked:
    """What is kept of a map once it is done with: its path, its problems, whether it is valid."""

    path: str
    problems: tuple[Problem, ...]
    valid: bool

    @classmethod
    def of(cls, loaded: LoadedMap) -> Checked:
        return cls(loaded.path, tuple(loaded.problems), loaded.valid)


class Maps:
    """The maps named by ``paths``, loaded one at a time as they are iterated.

    ``Maps(paths, config)`` expands the paths at once (raising ``UsageError`` when they name
    nothing); iterating loads each file (``-`` reads stdin, once). Afterwards ``paths`` lists the
    maps as shown and ``unusable`` tells whether the one input given was no journey map at all.
    """

    def __init__(
        self, paths: list[str], config: Config, stdin: Callable[[], bytes] = read_stdin
    ) -> None:
        self.files = expand(paths, config)
        self.stdin = stdin
        self.paths: list[str] = []
        self._input_problem = False

    def __len__(self) -> int:
        return len(self.files)

    def __iter__(self) -> Iterator[LoadedMap]:
        with cached_roots():
            for path in self.files:
                loaded = load("-", data=self.stdin()) if path == "-" else load(path)
                self.paths.append(loaded.path)
                if len(self.paths) == 1:
                    self._input_problem = any(p.code in INPUT_CODES for p in loaded.problems)
                yield loaded

    @property
    def unusable(self) -> bool:
        """True when the one input given is not a journey map at all (the command exits 2)."""
        return len(self.paths) == 1 and self._input_problem


def read_input(path: str, stdin: Callable[[], bytes] = read_stdin) -> bytes:
    """The bytes of one input (``-``: stdin), for a command that reads one file that is no map
    (a sheet, a diagram); a file that cannot be read is a :class:`JourneyError` naming it."""
    if path == "-":
        return stdin()
    try:
        return read_file(path)
    except InputError as exc:
        raise JourneyError(f"cannot read {path}: {exc}") from None


def load_one(path: str, stdin: Callable[[], bytes] = read_stdin) -> LoadedMap:
    """Load and validate the one map ``path`` (``-``: stdin); a path naming nothing is a
    :class:`UsageError`. The map may be invalid: the caller reports it."""
    if path != "-" and not os.path.exists(path):
        raise UsageError(f"{path}: no such file")
    return load("-", data=stdin()) if path == "-" else load(path)


def load_all(
    paths: list[str], config: Config, stdin: Callable[[], bytes] = read_stdin
) -> list[LoadedMap]:
    """Every map at once, for callers that need them all together (the commands stream)."""
    return list(Maps(paths, config, stdin))


def validate_all(
    paths: list[str], config: Config, stdin: Callable[[], bytes] = read_stdin
) -> tuple[list[str], list[Problem], bool]:
    """Validate map by map keeping only the problems: ``(paths shown, problems, unusable)``."""
    maps = Maps(paths, config, stdin)
    problems = [p for loaded in maps for p in loaded.problems]
    return maps.paths, problems, maps.unusable


def unusable(maps: list[LoadedMap]) -> bool:
    """True when the one input given is not a journey map at all (the command exits 2)."""
    return len(maps) == 1 and any(p.code in INPUT_CODES for p in maps[0].problems)


def protect_maps(maps: Iterable[LoadedMap], inputs: Inputs | None = None) -> Inputs:
    """The inputs no output may replace: every map of ``maps`` and every file it includes
    (added to ``inputs`` when given, so a command streaming its maps can gather them)."""
    inputs = Inputs() if inputs is None else inputs
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
