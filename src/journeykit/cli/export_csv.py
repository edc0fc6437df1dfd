"""``journey export csv``: one row per touchpoint, one score column per persona.

Streams: the sheet goes to stdout (or ``-o FILE``, written atomically); the validation report of
an invalid map goes to stderr.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from journeykit.cli.common import COLOR_OPTION, PANEL_START, Color, examples

if TYPE_CHECKING:
    from journeykit.workspace import LoadedMap

DELIMITER_HELP = "Cell separator: , (default) ; or tab."


def register(group: typer.Typer) -> None:
    group.command(
        "csv",
        rich_help_panel=PANEL_START,
        epilog=examples(
            "journey export csv checkout.journey.yaml > checkout.csv",
            "journey export csv checkout.journey.yaml -o checkout.csv --excel",
            "journey export csv checkout.journey.yaml --delimiter ';' -o checkout.csv --force",
        ),
    )(export_csv)


def export_csv(
    path: str = typer.Argument(..., metavar="MAP", help="The map to export, or - for stdin."),
    output: str = typer.Option(
        None, "--output", "-o", help="File to write (default: stdout); kept unless --force."
    ),
    force: bool = typer.Option(False, "--force", help="Overwrite the -o file if it exists."),
    delimiter: str = typer.Option(",", "--delimiter", "-d", help=DELIMITER_HELP),
    excel: bool = typer.Option(
        False, "--excel", help="Start with a UTF-8 byte-order mark, so Excel reads the accents."
    ),
    color: Color = COLOR_OPTION,
) -> None:
    """Write a map as a CSV sheet: stage, id, name, channel, owner, kind, score:<persona>…

    Rows follow the journey order. Cells that a spreadsheet would run as a formula (starting with
    = + - @) get a leading ' that `journey import csv` removes again.

    Exit 0 when written, 1 when the map is invalid or the -o file exists, 2 when it cannot run.
    """
    import sys

    from journeykit.cli.common import EXIT_FINDINGS, EXIT_OK, check_outputs, fail, write_stdout
    from journeykit.interop.csv_io import export_csv as render

    loaded = load_one(path, "export", color)
    assert loaded.journey is not None
    text = render(loaded.journey, delimiter=parse_delimiter(delimiter), bom=excel)
    if output is None or output == "-":
        write_stdout(text)
        raise typer.Exit(EXIT_OK)
    from pathlib import Path

    from journeykit.output import OutputError, names_folder, write_file
    from journeykit.problems import one_line
    from journeykit.runner import protect_maps

    if names_folder(output):
        example = Path(output) / f"{loaded.journey.id}.csv"
        fail(f"-o {output} names a folder; name the CSV file to write, such as {example}")
    target = Path(output)
    check_outputs(protect_maps([loaded]), [target])
    if target.is_file() and not force:
        sys.stderr.write(
            f"journey: error: {one_line(output)} exists; use --force to overwrite it\n"
        )
        raise typer.Exit(EXIT_FINDINGS)
    try:
        write_file(target, text.encode("utf-8"))
    except OutputError as exc:
        fail(str(exc))
    raise typer.Exit(EXIT_OK)


def parse_delimiter(value: str | None) -> str:
    from journeykit.cli.common import fail

    names = {",": ",", ";": ";", "tab": "\t", "\\t": "\t", "\t": "\t"}
    if value is None:
        return ","
    if value.lower() not in names:
        fail(f"--delimiter must be , ; or tab, not {value!r}")
    return names[value.lower()]


def load_one(path: str, command: str, color: Color) -> LoadedMap:
    """Load and validate one map; an invalid map exits 1 (2 when it is no map at all)."""
    import os

    from journeykit.cli.common import EXIT_FINDINGS, EXIT_USAGE, fail, set_up
    from journeykit.cli.report import report_invalid
    from journeykit.discovery import read_stdin
    from journeykit.runner import unusable
    from journeykit.validate import load

    if path != "-" and not os.path.exists(path):
        fail(f"{path}: no such file")
    loaded = load("-", data=set_up(read_stdin)) if path == "-" else load(path)
    if not loaded.valid:
        report_invalid([loaded], command, color)
        raise typer.Exit(EXIT_USAGE if unusable([loaded]) else EXIT_FINDINGS)
    return loaded
