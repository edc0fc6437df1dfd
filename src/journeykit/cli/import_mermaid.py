"""``journey import mermaid``: journey maps from Mermaid ``journey`` diagrams.

Streams: the map goes to stdout (one diagram, no ``-o``) or to files; warnings about the diagram
(scores clamped, lines ignored…) go to stderr as ``FILE:LINE:COL: warning [code] message``, with
the line of the original file. Exit 0 when maps were imported (warnings or not), 1 when an output
file exists and ``--force`` is not given (nothing is written), 2 when nothing can be imported (no
such file, no journey diagram in it, bad arguments, unwritable output).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from journeykit.cli import common

if TYPE_CHECKING:
    from pathlib import Path

    from journeykit.interop.mermaid_import import ImportedMap, ImportResult
    from journeykit.output import OutputFolder

SUFFIX = ".journey.yaml"


def register(group: typer.Typer) -> None:
    group.command(
        "mermaid",
        rich_help_panel=common.PANEL_START,
        epilog=common.examples(
            "journey import mermaid checkout.mmd -o checkout.journey.yaml",
            "journey import mermaid README.md -o maps/",
            "cat diagram.mmd | journey import mermaid - > onboarding.journey.yaml",
        ),
    )(import_mermaid)


def import_mermaid(
    file: str = typer.Argument(
        ...,
        help='A .mmd file, Markdown or HTML with ```mermaid fences or <div class="mermaid"> '
        "blocks, or - for stdin.",
    ),
    output: str = typer.Option(
        None,
        "--output",
        "-o",
        help="The map file to write, or a folder (needed when FILE holds several diagrams: one "
        "<id>.journey.yaml each); - or none: stdout.",
    ),
    force: bool = typer.Option(False, "--force", help="Overwrite files that exist."),
    map_id: str = typer.Option(None, "--id", help="The map's id (one diagram only)."),
    title: str = typer.Option(None, "--title", help="The map's title (one diagram only)."),
    today: str = typer.Option(
        None, "--today", help="The map's `updated` date, YYYY-MM-DD (default: today)."
    ),
) -> int:
    """Create maps from Mermaid journey diagrams: one map per diagram.

    Sections become stages, tasks touchpoints, actors personas, scores experiences.

    Exit 0 when maps were imported, 1 when an output file exists (see --force), 2 when
    nothing could be imported.
    """
    import os
    import re
    import sys

    from journeykit.cli.report import emit
    from journeykit.interop.mermaid_import import import_mermaid as run_import
    from journeykit.model.map import SLUG_PATTERN
    from journeykit.output import Inputs
    from journeykit.problems import one_line, quote
    from journeykit.runner import read_input

    day = common.today_or_fail(today)
    if map_id is not None and not re.fullmatch(SLUG_PATTERN, map_id):
        common.fail(f"--id {quote(map_id)} is not a slug (lower-case letters, digits and -)")
    if title is not None and not title.strip():
        common.fail("--title cannot be empty")
    shown = "<stdin>" if file == "-" else file
    if file != "-" and os.path.isdir(file):
        common.fail(f"{file} is a folder; name a .mmd, Markdown or HTML file")
    result = run_import(read_input(file), shown, day, name=file, map_id=map_id, title=title)
    emit(result.problems, "parsable", sys.stderr)
    maps = result.maps
    if not maps:
        common.fail(_nothing_found(result, shown))
    if len(maps) > 1 and (map_id is not None or title is not None):
        common.fail(
            f"--id and --title name one map, and {shown} holds {len(maps)} journey diagrams"
        )
    _check_valid(maps)
    if output is None or output == "-":
        if len(maps) > 1:
            many = f"{shown} holds {len(maps)} journey diagrams"
            common.fail(f"{many}: give -o FOLDER to write one map file each")
        common.write_stdout(maps[0].text)
        return common.EXIT_OK
    targets, folder = _targets(maps, output, shown)
    Inputs([(file, f"the diagram file {file}")]).check(targets)
    if common.refuse_existing(targets, force):
        sys.stderr.write("journey: nothing written\n")
        return common.EXIT_FINDINGS
    _write(maps, targets, folder)
    written = ", ".join(str(t) for t in targets)
    count = f"{len(maps)} map{'s' if len(maps) != 1 else ''}"
    sys.stderr.write(one_line(f"journey: imported {count} from {shown}: {written}") + "\n")
    return common.EXIT_OK


def _nothing_found(result: ImportResult, shown: str) -> str:
    if result.journeys:
        return f"nothing imported: the journey diagrams in {shown} have no tasks"
    if result.others:
        return f"no journey diagram in {shown}: only other kinds of Mermaid diagram (see above)"
    if result.empty:
        diagrams = "diagram is" if result.empty == 1 else "diagrams are"
        return f"no journey diagram in {shown}: the {diagrams} empty"
    return (
        f"no Mermaid journey diagram found in {shown}: expected a .mmd file, or Markdown or "
        'HTML with ```mermaid fences or <div class="mermaid"> blocks'
    )


def _check_valid(maps: list[ImportedMap]) -> None:
    """Every map must load back valid: a map that does not is a bug here, never written."""
    from journeykit.errors import LocatedError
    from journeykit.validate import load

    for m in maps:
        loaded = load("-", data=m.text.encode("utf-8"), display=f"{m.id}{SUFFIX}")
        if loaded.problems:
            raise LocatedError(loaded.problems)


def _targets(
    maps: list[ImportedMap], output: str, shown: str
) -> tuple[list[Path], OutputFolder | None]:
    """The file of each map, and the folder they go into (None: ``output`` names the file)."""
    import os
    from pathlib import Path

    from journeykit.output import OutputFolder

    if len(maps) == 1 and not output.endswith(("/", os.sep)) and not os.path.isdir(output):
        return [Path(output)], None
    if os.path.exists(output) and not os.path.isdir(output):
        common.fail(f"{output} is a file; {len(maps)} maps need a folder: -o FOLDER/")
    if not os.path.exists(output) and output.lower().endswith((".yaml", ".yml")):
        common.fail(
            f"{output} names one YAML file, and {shown} holds {len(maps)} journey diagrams: "
            "give a folder (-o FOLDER/) for one map file each"
        )
    folder = OutputFolder(output)
    for m in maps:  # refuses a name, or a link, that would leave the folder
        folder.path_for(f"{m.id}{SUFFIX}")
    return [Path(output) / f"{m.id}{SUFFIX}" for m in maps], folder


def _write(maps: list[ImportedMap], targets: list[Path], folder: OutputFolder | None) -> None:
    """Write every map (atomically each); any failure exits 2."""
    from journeykit.output import write_file

    if folder is not None:
        folder.prepare()
    for m, target in zip(maps, targets, strict=True):
        write_file(target, m.text.encode("utf-8"))
