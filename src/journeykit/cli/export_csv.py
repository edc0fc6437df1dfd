"""``journey export csv``: one row per touchpoint, one score column per persona.

Streams: the sheet goes to stdout (or ``-o FILE``, written atomically); the validation report of
an invalid map goes to stderr.
"""

from __future__ import annotations

import typer

from journeykit.cli import common
from journeykit.cli.report import valid_map

DELIMITER_HELP = "Cell separator: , (default) ; or tab."


def register(group: typer.Typer) -> None:
    group.command(
        "csv",
        rich_help_panel=common.PANEL_START,
        epilog=common.examples(
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
    color: common.Color = common.COLOR_OPTION,
) -> int:
    """Write a map as a CSV sheet: stage, id, name, channel, owner, kind, score:<persona>…

    Rows follow the journey order. Cells that a spreadsheet would run as a formula (starting with
    = + - @) get a leading ' that `journey import csv` removes again.

    Exit 0 when written, 1 when the map is invalid or the -o file exists, 2 when it cannot run.
    """
    from journeykit.interop.csv_io import export_csv as render

    loaded = valid_map(path, "export", color)
    if isinstance(loaded, int):
        return loaded
    text = render(loaded.model, delimiter=common.parse_delimiter(delimiter), bom=excel)
    if output is None or output == "-":
        common.write_stdout(text)
        return common.EXIT_OK
    from pathlib import Path

    from journeykit.output import names_folder, write_file
    from journeykit.runner import protect_maps

    if names_folder(output):
        example = Path(output) / f"{loaded.model.id}.csv"
        common.fail(f"-o {output} names a folder; name the CSV file to write, such as {example}")
    target = Path(output)
    protect_maps([loaded]).check([target])
    if common.refuse_existing([target], force):
        return common.EXIT_FINDINGS
    write_file(target, text.encode("utf-8"))
    return common.EXIT_OK
