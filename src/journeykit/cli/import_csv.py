"""``journey import csv``: create a map from a sheet, or update one by touchpoint id.

Streams: a new map without ``--into``, the map updated from stdin (``--into -``) and the
``--dry-run`` diff go to stdout; bad rows and the summary go to stderr. All or nothing: one bad
row and no file is written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from journeykit.cli import common
from journeykit.cli.report import emit, valid_map

if TYPE_CHECKING:
    import datetime as dt

    from journeykit.interop.csv_io import Outcome, Sheet


def register(group: typer.Typer) -> None:
    group.command(
        "csv",
        rich_help_panel=common.PANEL_START,
        epilog=common.examples(
            "journey import csv checkout.csv --into checkout.journey.yaml",
            "journey import csv checkout.csv --into checkout.journey.yaml --dry-run",
            "journey import csv sheet.csv --id checkout --title 'Checkout' > checkout.journey.yaml",
        ),
    )(import_csv)


def import_csv(
    path: str = typer.Argument(..., metavar="FILE", help="The CSV sheet, or - for stdin."),
    into: str = typer.Option(
        None,
        "--into",
        "-i",
        metavar="MAP",
        help="Map to update by touchpoint id; created when missing (default: print a new map). "
        "- reads the map from stdin and prints it updated.",
    ),
    map_id: str = typer.Option(None, "--id", help="Id of a new map (default: from the file name)."),
    title: str = typer.Option(None, "--title", help="Title of a new map (default: from its id)."),
    delimiter: str = typer.Option(
        None,
        "--delimiter",
        "-d",
        help="Cell separator: , ; or tab (default: guessed from the header).",
    ),
    encoding: str = typer.Option(
        "utf-8", "--encoding", help="Text encoding of the sheet when it has no byte-order mark."
    ),
    prune: bool = typer.Option(
        False, "--prune", help="Also remove the map's touchpoints that the sheet does not list."
    ),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="Show the change as a diff on stdout; write nothing."
    ),
    today: str = typer.Option(
        None, "--today", help="`updated` date of a new map, YYYY-MM-DD (default: today)."
    ),
    color: common.Color = common.COLOR_OPTION,
) -> int:
    """Create a map from a CSV sheet, or update an existing map from one.

    Rows are matched to touchpoints by id: changed cells are set, new ids are added at the end of
    their stage, a score cell sets that persona's experience score. Empty cells change nothing;
    touchpoints missing from the sheet stay (unless --prune). Only the lines that change are
    rewritten.

    Exit 0 when written (or up to date), 1 when a row is bad or the map invalid (nothing is
    written), 2 when it cannot run.
    """
    import os

    from journeykit.interop.csv_io import read_sheet
    from journeykit.output import Inputs, names_folder
    from journeykit.runner import read_input

    data = read_input(path)
    shown = "<stdin>" if path == "-" else path
    sheet = read_sheet(
        data, shown, delimiter=delimiter and common.parse_delimiter(delimiter), encoding=encoding
    )
    if into == "-" and path == "-":
        common.fail("the sheet and the --into map cannot both come from stdin; name one of them")
    if into is not None and into != "-" and names_folder(into):
        example = os.path.join(into, f"{_stem('imported' if path == '-' else path)}.journey.yaml")
        common.fail(f"--into {into} names a folder; name a map file, such as {example}")
    if into is not None and into != "-":  # the map written must not be the sheet
        Inputs([(path, f"the sheet {path}")]).check([into])
    if into == "-" or (into is not None and os.path.exists(into)):
        return _update(sheet, into, prune, dry_run, color)
    return _create(sheet, path, into, map_id, title, common.today_or_fail(today), dry_run)


def _update(sheet: Sheet, into: str, prune: bool, dry_run: bool, color: common.Color) -> int:
    import sys
    from pathlib import Path

    from journeykit.interop.csv_io import update_map
    from journeykit.output import write_file

    loaded = valid_map(into, "import", color)
    if isinstance(loaded, int):
        return loaded
    outcome = update_map(sheet, loaded, prune=prune)
    if outcome.problems:
        return _refuse(outcome)
    assert outcome.text is not None
    shown = "<stdin>" if into == "-" else into
    if outcome.text == loaded.main.text:
        sys.stderr.write(f"journey: {shown} is up to date with {sheet.path}\n")
    if dry_run:
        if outcome.text != loaded.main.text:
            _show_diff(loaded.main.text, outcome.text, shown)
        return common.EXIT_OK
    if into == "-":  # a map read from stdin goes to stdout, changed or not
        common.write_stdout(outcome.text)
        return common.EXIT_OK
    if outcome.text == loaded.main.text:
        return common.EXIT_OK
    original = Path(into).read_bytes()
    bom = b"\xef\xbb\xbf" if original.startswith(b"\xef\xbb\xbf") else b""
    write_file(Path(into), bom + outcome.text.encode("utf-8"))
    removed = f", {outcome.removed} removed" if prune else ""
    sys.stderr.write(
        f"journey: updated {into}: {_count(outcome.changed, 'touchpoint')} changed, "
        f"{outcome.added} added{removed}\n"
    )
    return common.EXIT_OK


def _create(
    sheet: Sheet,
    path: str,
    into: str | None,
    map_id: str | None,
    title: str | None,
    day: dt.date,
    dry_run: bool,
) -> int:
    import sys
    from pathlib import Path

    from journeykit.interop import slugify
    from journeykit.interop.csv_io import SLUG, create_map, humanize
    from journeykit.output import write_file

    stem = _stem(into or ("imported" if path == "-" else path))
    ident = map_id or slugify(stem, "imported")
    if not SLUG.match(ident):
        common.fail(f"--id must be a slug (a-z, 0-9 and -), not {ident!r}")
    outcome = create_map(
        sheet,
        map_id=ident,
        title=title or humanize(ident),
        today=day,
        source=sheet.path,
        target=into or "<new map>",
    )
    if outcome.problems:
        return _refuse(outcome)
    assert outcome.text is not None
    if into is None or dry_run:
        common.write_stdout(outcome.text)
        return common.EXIT_OK
    write_file(Path(into), outcome.text.encode("utf-8"))
    count = _count(len(sheet.rows), "touchpoint")
    sys.stderr.write(f"journey: created {into} with {count} from {sheet.path}\n")
    return common.EXIT_OK


def _stem(path: str) -> str:
    import os

    name = os.path.basename(path)
    for suffix in (".journey.yaml", ".journey.yml", ".yaml", ".yml", ".csv", ".tsv", ".txt"):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _refuse(outcome: Outcome) -> int:
    """Report every problem as FILE:ROW:COL and exit 1, writing nothing."""
    import sys

    emit(outcome.problems, "parsable", sys.stderr)
    sys.stderr.write(f"journey: nothing written: {_count(len(outcome.problems), 'problem')}\n")
    return common.EXIT_FINDINGS


def _show_diff(old: str, new: str, name: str) -> None:
    import difflib

    lines = difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), f"a/{name}", f"b/{name}"
    )
    common.write_stdout("".join(lines))
