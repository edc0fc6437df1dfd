"""Maps to and from CSV sheets: one row per touchpoint, one score column per persona.

Export (here) writes ``stage,id,name,channel,owner,kind,score:<persona>…`` in journey order
(RFC 4180, UTF-8). Import reads such a sheet (or one a person made in a spreadsheet,
:mod:`~journeykit.interop.csv_sheet`) and either creates a new map
(:mod:`~journeykit.interop.csv_create`) or updates an existing one by touchpoint id
(:mod:`~journeykit.interop.csv_update`), editing only the lines that change
(:mod:`journeykit.interop.csv_yaml`). Every problem in the sheet is reported at its
``FILE:ROW:COL``; one bad row means nothing is written. This module is the API of all of it.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from journeykit.interop.csv_create import Outcome, create_map, humanize
from journeykit.interop.csv_sheet import (
    FIXED,
    SCORE_PREFIX,
    SLUG,
    Sheet,
    SheetError,
    protect,
    read_sheet,
    unprotect,
)
from journeykit.interop.csv_update import update_map

if TYPE_CHECKING:
    from journeykit.model import JourneyMap


def persona_ids(journey: JourneyMap) -> list[str]:
    return [p.id for p in journey.personas]


def export_rows(journey: JourneyMap) -> list[list[str]]:
    """The header and one row per touchpoint in journey order; a score cell is empty where the
    persona has no experience (or does not pass)."""
    from journeykit.model import MapIndex

    index = MapIndex(journey)
    personas = persona_ids(journey)
    rows = [[*FIXED, *(SCORE_PREFIX + p for p in personas)]]
    for tp in index.ordered:
        cells = [tp.stage, tp.id, tp.name, tp.channel or "", tp.owner or "", tp.kind or ""]
        for persona in personas:
            experience = index.experience(tp, persona)
            cells.append(str(experience.score) if experience else "")
        rows.append(cells)
    return rows


def export_csv(journey: JourneyMap, *, delimiter: str = ",", bom: bool = False) -> str:
    """RFC 4180 text (CRLF line ends), formula cells neutralised; ``bom`` for Excel."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    for row in export_rows(journey):
        writer.writerow([protect(cell) for cell in row])
    return ("\ufeff" if bom else "") + out.getvalue()


__all__ = [
    "FIXED",
    "SCORE_PREFIX",
    "SLUG",
    "Outcome",
    "Sheet",
    "SheetError",
    "create_map",
    "export_csv",
    "export_rows",
    "humanize",
    "persona_ids",
    "protect",
    "read_sheet",
    "unprotect",
    "update_map",
]
