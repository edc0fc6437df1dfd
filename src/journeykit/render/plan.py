"""Where each rendering goes: one file, stdout, or one file per map in a folder plus an index.

Pure decisions from the arguments; nothing is written here. Problems are :class:`PlanError`
(the CLI exits 2 with the message).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from journeykit.errors import JourneyError
from journeykit.output import OutputError, OutputFolder, names_folder
from journeykit.render import FORMATS, Format, format_for_path

STDOUT = "-"
INDEX = "index.html"


class PlanError(JourneyError):
    """The arguments do not say where or how to render (exit 2)."""


@dataclass(frozen=True)
class Job:
    source: str  # the map's path as given
    map_id: str
    target: Path | None  # None: stdout
    href: str  # how the index page links to it


@dataclass(frozen=True)
class Plan:
    format: Format
    jobs: tuple[Job, ...]
    folder: OutputFolder | None  # set when writing one file per map (with an index)
    index: bool
    defaulted: bool = False  # no -o was given: the file is named after the map


def default_name(map_id: str) -> str:
    """Where ``journey render MAP`` writes without ``-o``: ``<map-id>.html`` in the working
    directory (the id is a slug, so the name cannot leave it)."""
    return f"{map_id}{FORMATS['html'].suffix}"


def make_plan(
    maps: list[tuple[str, str]],
    output: str | None,
    format_name: str | None,
    *,
    many: bool,
) -> Plan:
    """``maps``: (path, id) of each map; ``many``: the input was a folder, a glob or several
    paths (one file per map + index)."""
    if not maps:
        raise PlanError("no maps to render")
    if format_name is not None and format_name not in FORMATS:
        raise PlanError(f"unknown format {format_name!r}; choose one of {', '.join(FORMATS)}")
    chosen = FORMATS[format_name] if format_name else None
    if output is None:
        if many:
            raise PlanError("say where to write several maps: -o FOLDER/")
        if chosen is None:  # one map, no -o: <id>.html in the working directory
            source, map_id = maps[0]
            job = Job(source, map_id, Path(default_name(map_id)), "")
            return Plan(FORMATS["html"], (job,), None, False, defaulted=True)
        output = STDOUT
    if output == STDOUT:
        if many or len(maps) != 1:
            raise PlanError("-o - writes one map to stdout; give -o FOLDER/ for several maps")
        if chosen is None:
            raise PlanError("with -o - say which format: --format " + "|".join(FORMATS))
        return Plan(chosen, (Job(maps[0][0], maps[0][1], None, ""),), None, False)
    if many or names_folder(output):
        fmt = chosen or FORMATS["html"]
        folder = OutputFolder(output)
        jobs: list[Job] = []
        seen: dict[str, str] = {}
        for source, map_id in maps:
            if map_id in seen:
                raise PlanError(
                    f"two maps have the id `{map_id}` ({seen[map_id]} and {source}); "
                    f"each map becomes <id>{fmt.suffix}, so ids must differ"
                )
            seen[map_id] = source
            name = f"{map_id}{fmt.suffix}"
            if many and name == INDEX:
                raise PlanError(
                    f"the map `{map_id}` ({source}) would become {INDEX}, which is the index "
                    "page of a folder render; render it on its own, or give it another id"
                )
            try:
                target = folder.path_for(name)
            except OutputError as exc:
                raise PlanError(str(exc)) from None
            jobs.append(Job(source, map_id, target, name))
        return Plan(fmt, tuple(jobs), folder, many)
    guessed = chosen or format_for_path(output)
    if guessed is None:
        suffixes = ", ".join(s for f in FORMATS.values() for s in f.suffixes)
        raise PlanError(
            f"cannot tell the format from {output!r} (known suffixes: {suffixes}); add --format"
        )
    return Plan(guessed, (Job(maps[0][0], maps[0][1], Path(output), ""),), None, False)
