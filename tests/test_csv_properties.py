"""Property: any touchpoint name and owner survives export -> import unchanged."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeykit.interop import dump_map
from journeykit.interop.csv_io import export_csv, read_sheet, update_map
from journeykit.loader import parse_text
from journeykit.validate import load
from tests.conftest import MINIMAL

# Any text but surrogates and NUL (which no CSV reader takes); newlines, tabs, quotes, `=`, `'`,
# delimiters, YAML indicators and bidi controls included. A cell of nothing but spaces looks empty
# in a spreadsheet and is read as empty (it changes nothing: test_csv.py), so not as a new name.
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=30,
).filter(str.strip)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(names=st.lists(TEXT, min_size=2, max_size=2), owners=st.lists(TEXT, min_size=2, max_size=2))
def test_names_and_owners_survive_a_round_trip(
    names: list[str], owners: list[str], tmp_path: Path
) -> None:
    base = tmp_path / "base.journey.yaml"
    base.write_text(MINIMAL, encoding="utf-8")
    data = parse_text(MINIMAL, "m.yaml").data
    for tp, name, owner in zip(data["touchpoints"], names, owners, strict=True):
        tp["name"], tp["owner"] = name, owner
    source = load("-", data=dump_map(data).encode("utf-8"))
    assert source.valid, source.problems
    sheet_text = export_csv(source.journey)

    # into the map with the old names: the new ones are set, exactly
    outcome = update_map(read_sheet(sheet_text.encode("utf-8"), "s.csv"), load(base))
    assert not outcome.problems, outcome.problems
    assert outcome.text is not None
    updated = parse_text(outcome.text, "u.yaml").data
    got = [(tp["name"], tp["owner"]) for tp in updated["touchpoints"]]
    assert got == list(zip(names, owners, strict=True))

    # and the updated map exports to the same sheet, then imports as no change at all
    base.write_text(outcome.text, encoding="utf-8")
    again = load(base)
    assert export_csv(again.journey) == sheet_text
    unchanged = update_map(read_sheet(sheet_text.encode("utf-8"), "s.csv"), again)
    assert unchanged.text == outcome.text and unchanged.changed == 0
