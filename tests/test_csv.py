"""``journey export csv`` and ``journey import csv``: goldens, exact round trips, line-level edits,
bad rows at their FILE:ROW:COL, formula cells, and hostile sheets."""

from __future__ import annotations

import csv
import difflib
import io
import shutil
from pathlib import Path

import pytest

from journeykit.interop.csv_io import export_csv, protect, unprotect
from journeykit.model import MapIndex
from journeykit.validate import load
from tests.conftest import EXAMPLES, FIXTURES, MINIMAL, Golden, RunCli

GOLDEN = Path(__file__).resolve().parent / "golden" / "csv"
HANDWRITTEN = FIXTURES / "csv" / "handwritten.journey.yaml"
ROOT_TESTS = FIXTURES.parent
EXAMPLE_MAPS = sorted(p.name for p in EXAMPLES.glob("*.journey.yaml"))
GOLDEN_MAPS = [EXAMPLES / name for name in EXAMPLE_MAPS] + sorted(GOLDEN.glob("*.journey.yaml"))


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def _sheet(rows: list[list[str]]) -> str:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def _changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    return [d[2:] for d in diff if d.startswith("- ")], [d[2:] for d in diff if d.startswith("+ ")]


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """The examples (with their persona library) and the hand-written fixture, in a copy."""
    for path in [*EXAMPLES.glob("*.yaml"), HANDWRITTEN]:
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


# ---------------------------------------------------------------------------------------------
# Export


@pytest.mark.parametrize("path", GOLDEN_MAPS, ids=lambda p: p.name)
def test_export_matches_golden(path: Path, cli: RunCli, golden: Golden) -> None:
    result = cli("export", "csv", str(path))
    assert result.exit_code == 0, result.stderr
    expected = GOLDEN / path.name.replace(".journey.yaml", ".csv")
    golden.check(expected, result.stdout.encode("utf-8"))


def test_export_header_rows_and_included_personas() -> None:
    loaded = load(EXAMPLES / "online-shop-first-purchase.journey.yaml")
    rows = _rows(export_csv(loaded.journey))
    index = MapIndex(loaded.journey)
    personas = [p.id for p in loaded.journey.personas]
    assert "owner-olivia" in personas  # from the included personas.yaml
    assert rows[0] == ["stage", "id", "name", "channel", "owner", "kind"] + [
        f"score:{p}" for p in personas
    ]
    assert [r[1] for r in rows[1:]] == [t.id for t in index.ordered]
    for row in rows[1:]:
        tp = index.touchpoints[row[1]]
        for persona, cell in zip(personas, row[6:], strict=True):
            experience = index.experience(tp, persona)
            assert cell == (str(experience.score) if experience else "")


def test_export_to_file_keeps_an_existing_file_without_force(cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    source = str(EXAMPLES / "hotel-stay.journey.yaml")
    assert cli("export", "csv", source, "-o", str(target)).exit_code == 0
    first = target.read_bytes()
    target.write_text("mine", encoding="utf-8")
    refused = cli("export", "csv", source, "-o", str(target))
    assert refused.exit_code == 1 and "--force" in refused.stderr
    assert target.read_text(encoding="utf-8") == "mine"
    assert cli("export", "csv", source, "-o", str(target), "--force").exit_code == 0
    assert target.read_bytes() == first


def test_export_excel_and_semicolons(cli: RunCli) -> None:
    source = str(EXAMPLES / "hotel-stay.journey.yaml")
    result = cli("export", "csv", source, "--excel", "--delimiter", ";")
    assert result.stdout.startswith("\ufeffstage;id;name;channel;owner;kind;score:")


def test_export_of_an_invalid_map_reports_it(cli: RunCli, write_map) -> None:
    bad = write_map(MINIMAL.replace("stage: buy", "stage: nowhere"))
    result = cli("export", "csv", str(bad))
    assert result.exit_code == 1 and result.stdout == ""
    assert "nowhere" in result.stderr
    not_a_map = write_map("- just\n- a list\n", "list.yaml")
    assert cli("export", "csv", str(not_a_map)).exit_code == 2
    assert cli("export", "csv", str(bad.parent / "missing.yaml")).exit_code == 2


def test_export_reads_stdin(cli: RunCli) -> None:
    result = cli("export", "csv", "-", input=MINIMAL)
    assert result.exit_code == 0
    assert _rows(result.stdout)[1] == ["discover", "ad", "Ad", "social", "Marketing", "", "4"]


# ---------------------------------------------------------------------------------------------
# Round trips and line-level edits


@pytest.mark.parametrize("name", [*EXAMPLE_MAPS, HANDWRITTEN.name])
def test_export_then_import_changes_nothing(name: str, cli: RunCli, workdir: Path) -> None:
    target = workdir / name
    before = target.read_bytes()
    sheet = workdir / "sheet.csv"
    assert cli("export", "csv", str(target), "-o", str(sheet)).exit_code == 0
    result = cli("import", "csv", str(sheet), "--into", str(target))
    assert result.exit_code == 0, result.stderr
    assert "up to date" in result.stderr
    assert target.read_bytes() == before


def _edit(cli: RunCli, target: Path, change) -> tuple[str, str]:
    """Export ``target``, apply ``change(rows)`` to the sheet, import it back: (before, after)."""
    before = target.read_text(encoding="utf-8")
    rows = _rows(cli("export", "csv", str(target)).stdout)
    change(rows)
    sheet = target.parent / "edited.csv"
    sheet.write_text(_sheet(rows), encoding="utf-8", newline="")
    result = cli("import", "csv", str(sheet), "--into", str(target))
    assert result.exit_code == 0, result.stderr
    after = target.read_text(encoding="utf-8")
    assert load(target).valid
    return before, after


def _row(rows: list[list[str]], ident: str) -> list[str]:
    return next(r for r in rows if r[1] == ident)


@pytest.mark.parametrize(
    ("ident", "column", "value", "old_line", "new_line"),
    [
        (
            "paid-search-ad",
            2,
            "Ad: yes, no",
            '    name: Search ad for "card reader small shop"',
            "    name: 'Ad: yes, no'",
        ),
        ("product-page", 0, "checkout", "    stage: evaluate", "    stage: checkout"),
        (
            "product-page",
            4,
            "Growth Marketing",
            "    owner: Shop Experience squad",
            "    owner: Growth Marketing",
        ),
    ],
)
def test_editing_one_cell_changes_one_line(
    ident: str, column: int, value: str, old_line: str, new_line: str, cli: RunCli, workdir: Path
) -> None:
    def change(rows: list[list[str]]) -> None:
        _row(rows, ident)[column] = value

    before, after = _edit(cli, workdir / "online-shop-first-purchase.journey.yaml", change)
    assert _changed_lines(before, after) == ([old_line], [new_line])


def test_editing_a_score_changes_that_score_only(cli: RunCli, workdir: Path) -> None:
    target = workdir / "online-shop-first-purchase.journey.yaml"

    def change(rows: list[list[str]]) -> None:
        column = rows[0].index("score:dev-dan")
        assert _row(rows, "comparison-guide")[column] == "3"
        _row(rows, "comparison-guide")[column] = "1"

    before, after = _edit(cli, target, change)
    assert _changed_lines(before, after) == (["        score: 3"], ["        score: 1"])
    tp = MapIndex(load(target).journey).touchpoints["comparison-guide"]
    assert {e.persona: e.score for e in tp.experiences}["dev-dan"] == 1
    assert all(line in after for line in before.splitlines() if line.lstrip().startswith("#"))


def test_handwritten_layout_survives_edits(cli: RunCli, workdir: Path) -> None:
    """Folded names, flow items, `~`, odd indentation, comments, x- keys: only changed lines."""
    target = workdir / HANDWRITTEN.name

    def change(rows: list[list[str]]) -> None:
        _row(rows, "ad")[2] = "A plain name now"
        _row(rows, "ad")[7] = "5"  # bob had no experience at `ad`: one is added
        _row(rows, "blog")[3] = "web"  # a new key under the header keys
        _row(rows, "cart")[4] = "Shop team"  # `owner: ~` gets a value
        _row(rows, "cart")[6] = "1"

    before, after = _edit(cli, target, change)
    removed, added = _changed_lines(before, after)
    assert removed == [
        "        name: >-",
        "            A folded",
        "            name",
        "        owner: ~",
        "                score: 2",
    ]
    assert added == [
        "        name: A plain name now",
        "            - {persona: bob, score: 5}",
        "        channel: web",
        "        owner: Shop team",
        "                score: 1",
    ]
    assert "      name: Buy   \n" in after and 'title:   "Hand-written map"   #' in after
    cart = MapIndex(load(target).journey).touchpoints["cart"]
    assert [(e.persona, e.score, e.quote) for e in cart.experiences] == [
        ("ann", 1, "Too many steps"),
        ("bob", 3, None),
    ]


def test_a_new_row_becomes_a_touchpoint_at_the_end_of_its_stage(cli: RunCli, workdir: Path) -> None:
    target = workdir / "online-shop-first-purchase.journey.yaml"

    def change(rows: list[list[str]]) -> None:
        personas = rows[0][6:]
        scores = ["2" if p == "score:owner-olivia" else "" for p in personas]
        rows.append(
            [
                "delivery",
                "doorstep-call",
                "Courier calls ahead",
                "phone",
                "Logistics",
                "human",
                *scores,
            ]
        )
        rows.append(
            ["delivery", "safe-place", "Safe place note", "", "", "", *([""] * len(personas))]
        )

    before, after = _edit(cli, target, change)
    index = MapIndex(load(target).journey)
    delivery = [t.id for t in index.in_stage("delivery")]
    assert delivery[-2:] == ["doorstep-call", "safe-place"]
    new = index.touchpoints["doorstep-call"]
    assert (new.name, new.channel, new.owner, new.kind) == (
        "Courier calls ahead",
        "phone",
        "Logistics",
        "human",
    )
    assert [(e.persona, e.score) for e in new.experiences] == [("owner-olivia", 2)]
    removed, added = _changed_lines(before, after)
    assert removed == [] and "  - id: doorstep-call" in added


def test_a_new_row_in_an_empty_stage_and_flow_experiences(cli: RunCli, write_map) -> None:
    use = "  - id: buy\n    name: Buy\n  - id: use\n    name: Use\n"
    target = write_map(MINIMAL.replace("  - id: buy\n    name: Buy\n", use))
    before = target.read_text(encoding="utf-8")
    sheet = target.parent / "s.csv"
    sheet.write_text("id,stage,name,score:ann\nmanual,use,Manual,5\nad,,,2\n", encoding="utf-8")
    result = cli("import", "csv", str(sheet), "--into", str(target))
    assert result.exit_code == 0, result.stderr
    after = target.read_text(encoding="utf-8")
    assert _changed_lines(before, after) == (
        ["      - {persona: ann, score: 4, emotion: curious}"],
        [
            "      - {persona: ann, score: 2, emotion: curious}",
            "  - id: manual",
            "    name: Manual",
            "    stage: use",
            "    experiences:",
            "      - {persona: ann, score: 5}",
        ],
    )
    assert [t.id for t in MapIndex(load(target).journey).ordered] == ["ad", "checkout", "manual"]


def test_dry_run_shows_a_diff_and_writes_nothing(cli: RunCli, write_map) -> None:
    target = write_map()
    before = target.read_bytes()
    sheet = target.parent / "s.csv"
    sheet.write_text("id,owner\nad,Growth\n", encoding="utf-8")
    result = cli("import", "csv", str(sheet), "--into", str(target), "--dry-run")
    assert result.exit_code == 0
    assert "-    owner: Marketing\n+    owner: Growth\n" in result.stdout
    assert target.read_bytes() == before


def test_crlf_and_bom_of_the_map_are_kept(cli: RunCli, write_map) -> None:
    target = write_map()
    target.write_bytes(b"\xef\xbb\xbf" + MINIMAL.replace("\n", "\r\n").encode("utf-8"))
    sheet = target.parent / "s.csv"
    sheet.write_text("id,stage,name\nnew-one,buy,New one\n", encoding="utf-8")
    assert cli("import", "csv", str(sheet), "--into", str(target)).exit_code == 0
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\n" not in data.replace(b"\r\n", b"")
    assert b"  - id: new-one\r\n    name: New one\r\n    stage: buy\r\n" in data


def test_yaml_aliases_in_touchpoints_are_refused(cli: RunCli, write_map) -> None:
    text = MINIMAL.replace(
        "      - {persona: ann, score: 4, emotion: curious}",
        "      - &exp {persona: ann, score: 4, emotion: curious}",
    )
    text = text.replace("      - {persona: ann, score: 3, emotion: calm}", "      - *exp")
    target = write_map(text)
    before = target.read_bytes()
    sheet = target.parent / "s.csv"
    sheet.write_text("id,score:ann\nad,1\n", encoding="utf-8")
    result = cli("import", "csv", str(sheet), "--into", str(target))
    assert result.exit_code == 1 and "alias" in result.stderr
    assert target.read_bytes() == before


# ---------------------------------------------------------------------------------------------
# Creating a map


def test_create_from_scratch(cli: RunCli, tmp_path: Path) -> None:
    sheet = tmp_path / "Checkout flow.csv"
    sheet.write_text(
        "stage,id,name,channel,owner,kind,score:ann,score:bob\n"
        "Discover,ad,Search ad,paid-search,Growth,digital,3,\n"
        "buy,cart,Cart,web,Shop,,2,4\n"
        "Discover,blog,Blog post,web,,,,5\n"
        "discover,faq,FAQ,web,,,,\n",
        encoding="utf-8",
    )
    target = tmp_path / "new.journey.yaml"
    result = cli("import", "csv", str(sheet), "--into", str(target), "--today", "2026-11-22")
    assert result.exit_code == 0, result.stderr
    loaded = load(target)
    assert loaded.valid, loaded.problems
    journey = loaded.journey
    assert (journey.id, journey.title, str(journey.updated)) == ("new", "New", "2026-11-22")
    assert [(s.id, s.name) for s in journey.stages] == [("discover", "Discover"), ("buy", "Buy")]
    assert [p.id for p in journey.personas] == ["ann", "bob"]
    assert [t.id for t in MapIndex(journey).ordered] == ["ad", "blog", "faq", "cart"]
    # and it exports back to the same cells (stage ids instead of names)
    rows = _rows(cli("export", "csv", str(target)).stdout)
    assert rows[1] == ["discover", "ad", "Search ad", "paid-search", "Growth", "digital", "3", ""]


def test_create_on_stdout_with_id_and_title(cli: RunCli, tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("stage,id,name,score:ann\nbuy,cart,Cart,2\n", encoding="utf-8")
    result = cli(
        "import", "csv", str(sheet), "--id", "shop", "--title", "Shop: yes", "--today", "2026-11-22"
    )
    assert result.exit_code == 0, result.stderr
    assert list(tmp_path.iterdir()) == [sheet]  # printed, not written
    out = tmp_path / "out.journey.yaml"
    out.write_text(result.stdout, encoding="utf-8")
    journey = load(out).journey
    assert (journey.id, journey.title) == ("shop", "Shop: yes")


# ---------------------------------------------------------------------------------------------
# Bad rows: each at FILE:ROW:COL, and nothing written

BAD = [
    ("id,name\n,Nameless\n", 2, 1, "csv-missing-id"),
    ("id,name\nNot A Slug,x\n", 2, 1, "csv-bad-id"),
    ("id,name\nad,One\ncheckout,x\nad,Two\n", 4, 1, "csv-duplicate-id"),
    ("name,id,score:ann\nx,ad,6\n", 2, 3, "csv-bad-score"),
    ("name,id,score:ann\nx,ad,four\n", 2, 3, "csv-bad-score"),
    ("name,id,score:ann\nx,ad,3.5\n", 2, 3, "csv-bad-score"),
    ("id,stage\nad,nowhere\n", 2, 2, "csv-unknown-stage"),
    ("id,name\nad,x,extra\n", 2, 3, "csv-column-count"),
    ("id,name\nad\n", 2, 2, "csv-column-count"),
    ("id,name,colour\nad,x,red\n", 1, 3, "csv-unknown-header"),
    ("name,stage\nx,buy\n", 1, 1, "csv-missing-header"),
    ("id,score:zed\nad,3\n", 1, 2, "csv-unknown-persona"),
    ("id,id\nad,ad\n", 1, 2, "csv-duplicate-header"),
    ("id,kind\nad,robot\n", 2, 2, "csv-bad-kind"),
    ("id,channel\nad,Web Site\n", 2, 2, "csv-bad-channel"),
    ("id,stage\nnew-one,buy\n", 2, 1, "csv-missing-name"),
    ("id,name\nnew-one,New\n", 2, 1, "csv-missing-stage"),
    # a quoted cell over three lines: the next row starts on line 5
    ('id,name\nad,"one\ntwo\nthree"\n,x\n', 5, 1, "csv-missing-id"),
    # the bad cell itself after a multi-line cell: its own line
    ('id,name,score:ann\nad,"one\ntwo",9\n', 3, 3, "csv-bad-score"),
    ('id,name\nad,"unterminated\n', 2, 1, "csv-syntax"),
    # leading blank lines and Excel's `sep=` line count
    ("\n\nid,name\n,x\n", 4, 1, "csv-missing-id"),
    ("sep=,\nid,name\n,x\n", 3, 1, "csv-missing-id"),
]


@pytest.mark.parametrize(("sheet_text", "line", "column", "code"), BAD)
def test_a_bad_row_is_reported_at_its_cell_and_nothing_is_written(
    sheet_text: str, line: int, column: int, code: str, cli: RunCli, write_map
) -> None:
    target = write_map()
    before = target.read_bytes()
    sheet = target.parent / "bad.csv"
    sheet.write_text(sheet_text, encoding="utf-8")
    result = cli("import", "csv", str(sheet), "--into", str(target))
    assert result.exit_code == 1, result.stderr
    assert f"{sheet}:{line}:{column}: error [{code}]" in result.stderr
    assert "nothing written" in result.stderr
    assert target.read_bytes() == before


def test_all_bad_rows_come_in_one_pass_and_a_good_row_is_not_applied(
    cli: RunCli, write_map
) -> None:
    target = write_map()
    before = target.read_bytes()
    sheet = target.parent / "bad.csv"
    sheet.write_text("id,name,score:ann\nad,Good change,4\nBAD,x,1\ncheckout,y,0\n", "utf-8")
    result = cli("import", "csv", str(sheet), "--into", str(target))
    assert result.exit_code == 1
    assert ":3:1: error [csv-bad-id]" in result.stderr
    assert ":4:3: error [csv-bad-score]" in result.stderr
    assert target.read_bytes() == before


def test_every_kind_of_problem_in_one_sheet_comes_in_one_pass(cli: RunCli, write_map) -> None:
    """A bad cell hides nothing: sheet checks, map checks and header checks all report."""
    target = write_map()
    before = target.read_bytes()
    sheet = target.parent / "bad.csv"
    sheet.write_text(
        "id,stage,name,kind,score:ann,colour,score:zed\n"
        "ad,discover,Ad,digital,4,,\n"  # good
        'checkout,biy,Checkout,,"4,5",,\n'  # unknown stage and a bad score, one row
        "ad,buy,Again,,,,\n"  # a duplicate id
        "new-one,nowhere,,robot,9,,\n"  # unknown stage, no name, bad kind, bad score
        "BAD,buy,x,,,,\n"  # a bad id
        "short,buy\n",  # too few cells
        encoding="utf-8",
    )
    result = cli("import", "csv", str(sheet), "--into", str(target))
    assert result.exit_code == 1
    found = [
        line.split(": error ")[0].removeprefix(f"{sheet}:") + " " + line.split("[")[1].split("]")[0]
        for line in result.stderr.splitlines()
        if ": error [" in line
    ]
    assert found == [
        "1:6 csv-unknown-header",
        "1:7 csv-unknown-persona",
        "3:2 csv-unknown-stage",
        "3:5 csv-bad-score",
        "4:1 csv-duplicate-id",
        "5:2 csv-unknown-stage",
        "5:3 csv-missing-name",
        "5:4 csv-bad-kind",
        "5:5 csv-bad-score",
        "6:1 csv-bad-id",
        "7:3 csv-column-count",
    ]
    assert "did you mean `buy`?" in result.stderr
    assert "nothing written: 11 problems" in result.stderr
    assert target.read_bytes() == before


def test_a_score_for_a_persona_who_does_not_pass_is_a_bad_cell(cli: RunCli, workdir: Path) -> None:
    target = workdir / HANDWRITTEN.name
    before = target.read_bytes()
    sheet = workdir / "s.csv"
    sheet.write_text("id,score:bob\nblog,4\n", encoding="utf-8")
    result = cli("import", "csv", str(sheet), "--into", str(target))
    assert result.exit_code == 1
    assert f"{sheet}:2:2: error [csv-persona-not-here]" in result.stderr
    assert target.read_bytes() == before


def test_an_invalid_target_map_is_reported(cli: RunCli, write_map) -> None:
    target = write_map(MINIMAL.replace("stage: buy", "stage: nowhere"))
    sheet = target.parent / "s.csv"
    sheet.write_text("id,name\nad,x\n", encoding="utf-8")
    result = cli("import", "csv", str(sheet), "--into", str(target))
    assert result.exit_code == 1 and "nowhere" in result.stderr


# ---------------------------------------------------------------------------------------------
# What spreadsheets produce


@pytest.mark.parametrize(
    ("data", "args"),
    [
        (b"\xef\xbb\xbfid;name\r\nad;Semicolons\r\n", []),  # European Excel: BOM, `;`, CRLF
        (b"id\tname\nad\tSemicolons\n", []),  # tab-separated
        ("id,name\nad,Semicolons\n".encode("utf-16"), []),  # Excel's "Unicode text"
        (b"sep=;\r\nid;name\r\nad;Semicolons\r\n", []),  # Excel's delimiter line
        (b"x-notes,id,name,\nwhy not?,ad,Semicolons,\n", []),  # notes and an empty column
        (b"id|name\nad|Semicolons\n", []),  # not guessed: one unknown column `id|name`
        (b"id;name\nad;Semicolons\n", ["--delimiter", ";"]),
    ],
)
def test_sheets_from_spreadsheets(data: bytes, args: list[str], cli: RunCli, write_map) -> None:
    target = write_map()
    sheet = target.parent / "s.csv"
    sheet.write_bytes(data)
    result = cli("import", "csv", str(sheet), "--into", str(target), *args)
    if b"|" in data:
        assert result.exit_code == 1 and "csv-unknown-header" in result.stderr
        return
    assert result.exit_code == 0, result.stderr
    assert MapIndex(load(target).journey).touchpoints["ad"].name == "Semicolons"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"\xef\xbb\xbf\r\n  \r\n", "empty"),
        (b"id,name\nad,Caf\xe9\n", "--encoding"),
        (b"\x00\x01binary", "not a text file"),
    ],
)
def test_unreadable_sheets_exit_2_with_a_message(
    data: bytes, message: str, cli: RunCli, write_map
) -> None:
    target = write_map()
    sheet = target.parent / "s.csv"
    sheet.write_bytes(data)
    result = cli("import", "csv", str(sheet), "--into", str(target))
    assert result.exit_code == 2 and message in result.stderr
    assert "Traceback" not in result.stderr


def test_cp1252_with_encoding_option(cli: RunCli, write_map) -> None:
    target = write_map()
    sheet = target.parent / "s.csv"
    sheet.write_bytes(b"id,name\nad,Caf\xe9\n")
    result = cli("import", "csv", str(sheet), "--into", str(target), "--encoding", "cp1252")
    assert result.exit_code == 0, result.stderr
    assert MapIndex(load(target).journey).touchpoints["ad"].name == "Café"


def test_missing_sheet_and_folder_target_exit_2(cli: RunCli, tmp_path: Path) -> None:
    assert cli("import", "csv", str(tmp_path / "none.csv")).exit_code == 2
    sheet = tmp_path / "s.csv"
    sheet.write_text("id,name\nad,x\n", encoding="utf-8")
    assert cli("import", "csv", str(sheet), "--into", str(tmp_path)).exit_code == 2


# ---------------------------------------------------------------------------------------------
# Formula cells


@pytest.mark.parametrize(
    "text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "'=x", "''-x", "'plain", "plain", ""]
)
def test_protect_is_undone_by_unprotect(text: str) -> None:
    assert unprotect(protect(text)) == text
    assert protect(text)[:1] not in ("=", "+", "-", "@", "\t", "\r")


def test_formula_cells_round_trip_exactly(cli: RunCli, tmp_path: Path) -> None:
    source = GOLDEN / "formulas.journey.yaml"
    target = tmp_path / source.name
    shutil.copy(source, target)
    exported = cli("export", "csv", str(target)).stdout
    names = [row[2] for row in _rows(exported)[1:]]
    assert all(name[:1] not in "=+-@\t\r" for name in names)
    assert names[0].startswith("'=HYPERLINK(")
    sheet = tmp_path / "s.csv"
    sheet.write_text(exported, encoding="utf-8", newline="")
    result = cli("import", "csv", str(sheet), "--into", str(target))
    assert result.exit_code == 0 and target.read_bytes() == source.read_bytes()
    # a new map made from the sheet has the original text, not the protected cells
    fresh = tmp_path / "created.journey.yaml"
    created = cli("import", "csv", str(sheet), "--into", str(fresh), "--today", "2026-11-22")
    assert created.exit_code == 0, created.stderr
    by_id = {t.id: (t.name, t.owner) for t in load(fresh).journey.touchpoints}
    assert by_id == {t.id: (t.name, t.owner) for t in load(source).journey.touchpoints}


def test_a_new_map_needs_stage_name_and_persona_columns(cli: RunCli, tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("id,name\nad,Ad\ncart,Cart\n", encoding="utf-8")
    target = tmp_path / "new.journey.yaml"
    result = cli("import", "csv", str(sheet), "--into", str(target))
    assert result.exit_code == 1 and not target.exists()
    lines = result.stderr.splitlines()
    assert lines[:-1] == [
        f"{sheet}:1:1: error [csv-missing-header] a new map needs a `stage` column",
        f"{sheet}:1:1: error [csv-missing-header] a new map needs at least one "
        "score:<persona id> column: its personas",
    ]


def test_line_break_characters_in_cells_survive_create_and_update(
    cli: RunCli, tmp_path: Path
) -> None:
    """NEL, LS, PS and CR are line breaks to YAML: written unquoted they would fold to spaces."""
    names = ["a\x85b", "c\u2028d", "e\u2029f", "g\rh", "i\r\nj"]
    rows = [["stage", "id", "name", "score:ann"]]
    rows += [["buy", f"tp-{i}", name, "3"] for i, name in enumerate(names)]
    sheet = tmp_path / "s.csv"
    sheet.write_text(_sheet(rows), encoding="utf-8", newline="")
    target = tmp_path / "m.journey.yaml"
    assert cli("import", "csv", str(sheet), "--into", str(target)).exit_code == 0
    assert [t.name for t in load(target).journey.touchpoints] == names
    rows[1:] = [[r[0], r[1], "x" + r[2], r[3]] for r in rows[1:]]
    sheet.write_text(_sheet(rows), encoding="utf-8", newline="")
    assert cli("import", "csv", str(sheet), "--into", str(target)).exit_code == 0
    assert [t.name for t in load(target).journey.touchpoints] == ["x" + n for n in names]


def test_stage_by_name_and_sheet_on_stdin(cli: RunCli, write_map) -> None:
    target = write_map()
    sheet = "id,stage\nad,Buy\n"
    result = cli("import", "csv", "-", "--into", str(target), input=sheet)
    assert result.exit_code == 0, result.stderr
    assert MapIndex(load(target).journey).touchpoints["ad"].stage == "buy"
    created = cli("import", "csv", "-", "--today", "2026-11-22",
                  input="stage,id,name,score:ann\nbuy,cart,Cart,4\n")  # fmt: skip
    assert created.exit_code == 0, created.stderr
    assert created.stdout.startswith("# Created by journey import csv from <stdin>\n")
    assert "\nid: imported\n" in created.stdout


def test_prune_removes_the_touchpoints_the_sheet_leaves_out(cli: RunCli, workdir: Path) -> None:
    target = workdir / HANDWRITTEN.name
    before = target.read_text(encoding="utf-8")
    sheet = workdir / "s.csv"
    sheet.write_text("id,stage,name\nad,,\ncart,,\nnew-one,buy,New\n", encoding="utf-8")
    kept = cli("import", "csv", str(sheet), "--into", str(target), "--dry-run")
    assert "blog" not in kept.stdout  # without --prune nothing is removed
    result = cli("import", "csv", str(sheet), "--into", str(target), "--prune")
    assert result.exit_code == 0, result.stderr
    assert "1 added, 1 removed" in result.stderr
    removed, added = _changed_lines(before, target.read_text(encoding="utf-8"))
    assert removed == [
        "    -   id: blog",
        "        name: 'Blog post'",
        "        stage: discover",
        "        personas: [ann]",
    ]
    assert added == ["    -   id: new-one", "        name: New", "        stage: buy"]
    assert "        # no experiences yet" in target.read_text(encoding="utf-8")
    index = MapIndex(load(target).journey)
    assert [t.id for t in index.ordered] == ["ad", "cart", "new-one"]


def test_prune_that_would_break_references_writes_nothing(cli: RunCli, workdir: Path) -> None:
    target = workdir / "online-shop-first-purchase.journey.yaml"
    before = target.read_bytes()
    sheet = workdir / "s.csv"
    sheet.write_text("id\npaid-search-ad\n", encoding="utf-8")
    result = cli("import", "csv", str(sheet), "--into", str(target), "--prune")
    assert result.exit_code == 1
    assert "broken-reference" in result.stderr and "nothing written" in result.stderr
    assert target.read_bytes() == before


@pytest.mark.parametrize("name", [*EXAMPLE_MAPS, HANDWRITTEN.name, "reformatted"])
def test_prune_of_half_the_touchpoints_reads_back_as_intended(name: str, workdir: Path) -> None:
    """Removing touchpoints (and their pain points' references) is checked by reading back."""
    from journeykit.interop.csv_io import read_sheet, update_map

    source = (
        ROOT_TESTS / "golden/diff/reformatted/new.journey.yaml"
        if name == "reformatted"
        else workdir / name
    )
    loaded = load(source)
    ids = [t.id for t in loaded.journey.touchpoints]
    sheet = "id\n" + "".join(f"{i}\n" for i in ids[::2])
    outcome = update_map(read_sheet(sheet.encode(), "s.csv"), loaded, prune=True)
    assert all(p.code != "csv-cannot-edit" for p in outcome.problems), outcome.problems
    if outcome.text is not None:
        kept = [t.id for t in load("-", data=outcome.text.encode()).journey.touchpoints]
        assert kept == ids[::2]


# ---------------------------------------------------------------------------------------------
# Found in review


LONE_DASHES = """\
journeykit: 1
id: dashes
title: Items that open with a lone dash
personas:
  - {id: ann, name: Ann}
stages:
  - {id: first, name: First}
  - {id: later, name: Later}
touchpoints:
  -
    id: a
    name: A
    stage: later
  - # a comment after the dash
    id: b
    name: B
    stage: later
  -
    id: c
    name: C
    stage: later
"""


def test_items_that_open_with_a_lone_dash_take_a_new_first_item(cli: RunCli, write_map) -> None:
    target = write_map(LONE_DASHES)
    sheet = target.parent / "s.csv"
    sheet.write_text("stage,id,name\nfirst,z,Z\n", encoding="utf-8")
    result = cli("import", "csv", str(sheet), "--into", str(target))
    assert result.exit_code == 0, result.stderr
    after = target.read_text(encoding="utf-8")
    assert "touchpoints:\n  - id: z\n    name: Z\n    stage: first\n  -\n    id: a\n" in after
    assert [t.id for t in load(target).journey.touchpoints] == ["z", "a", "b", "c"]


def test_prune_removes_items_that_open_with_a_lone_dash(cli: RunCli, write_map) -> None:
    target = write_map(LONE_DASHES)
    sheet = target.parent / "s.csv"
    sheet.write_text("id\nc\n", encoding="utf-8")
    result = cli("import", "csv", str(sheet), "--into", str(target), "--prune")
    assert result.exit_code == 0, result.stderr
    assert target.read_text(encoding="utf-8").endswith(
        "touchpoints:\n  -\n    id: c\n    name: C\n    stage: later\n"
    )


@pytest.mark.parametrize(
    ("kept", "expected"),
    [
        ("a", "touchpoints: [{id: a, name: A, stage: s}]\n"),
        ("b", "touchpoints: [{id: b, name: B, stage: s}]\n"),
        ("c", "touchpoints: [{id: c, name: C, stage: s}]\n"),
        ("a\nc", "touchpoints: [{id: a, name: A, stage: s}, {id: c, name: C, stage: s}]\n"),
    ],
)
def test_prune_removes_neighbours_in_a_flow_list(
    kept: str, expected: str, cli: RunCli, write_map
) -> None:
    flow = (
        "journeykit: 1\nid: flow\ntitle: Flow\npersonas: [{id: ann, name: Ann}]\n"
        "stages: [{id: s, name: S}]\ntouchpoints: [{id: a, name: A, stage: s}, "
        "{id: b, name: B, stage: s},\n  {id: c, name: C, stage: s}]\n"
    )
    target = write_map(flow)
    sheet = target.parent / "s.csv"
    sheet.write_text(f"id\n{kept}\n", encoding="utf-8")
    result = cli("import", "csv", str(sheet), "--into", str(target), "--prune")
    assert result.exit_code == 0, result.stderr
    assert target.read_text(encoding="utf-8").endswith(expected)


def test_stage_names_without_latin_letters_stay_apart(cli: RunCli, tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text(
        "stage,id,name,score:ann\n検索,a,A,3\n購入,b,B,4\n検索,c,C,5\nstage-2,d,D,2\n",
        encoding="utf-8",
    )
    result = cli("import", "csv", str(sheet), "--today", "2026-11-22")
    assert result.exit_code == 0, result.stderr
    journey = load("-", data=result.stdout.encode("utf-8")).journey
    assert [(s.id, s.name) for s in journey.stages] == [
        ("stage-1", "検索"),
        ("stage-2-2", "購入"),
        ("stage-2", "Stage 2"),
    ]
    assert [t.stage for t in journey.touchpoints] == ["stage-1", "stage-2-2", "stage-1", "stage-2"]


def test_a_stage_name_two_stages_share_is_ambiguous(cli: RunCli, write_map) -> None:
    target = write_map(MINIMAL.replace("    name: Buy\n", "    name: Discover\n"))
    sheet = target.parent / "s.csv"
    sheet.write_text("id,stage\nad,Discover\n", encoding="utf-8")
    result = cli("import", "csv", str(sheet), "--into", str(target))
    assert result.exit_code == 1
    assert (
        "s.csv:2:2: error [csv-unknown-stage] `Discover` is the name of 2 stages (discover, "
        "buy): write the stage id instead\n"
    ) in result.stderr


def test_a_cell_of_spaces_is_empty(cli: RunCli, write_map) -> None:
    target = write_map()
    before = target.read_text(encoding="utf-8")
    sheet = target.parent / "s.csv"
    sheet.write_text("id,stage,name,owner\nad,,  ,\t\ncheckout,, ,\nnew,buy,   ,\n", "utf-8")
    result = cli("import", "csv", str(sheet), "--into", str(target))
    assert result.exit_code == 1
    assert "s.csv:4:3: error [csv-missing-name] new touchpoint `new` needs a name" in result.stderr
    sheet.write_text("id,stage,name,owner\nad,,  ,\t\ncheckout,, ,\n", encoding="utf-8")
    result = cli("import", "csv", str(sheet), "--into", str(target))
    assert result.exit_code == 0, result.stderr
    assert "is up to date" in result.stderr
    assert target.read_text(encoding="utf-8") == before
    # a map whose name is spaces exports a cell of spaces, which imports back as no change
    target.write_text(before.replace("    name: Ad\n", '    name: "  "\n'), encoding="utf-8")
    exported = cli("export", "csv", str(target), "-o", str(sheet), "--force")
    assert exported.exit_code == 0, exported.stderr
    result = cli("import", "csv", str(sheet), "--into", str(target))
    assert result.exit_code == 0 and "is up to date" in result.stderr, result.stderr


@pytest.mark.parametrize("sheet_text", ["id\n", "id,owner\n,\n"])
def test_prune_of_every_touchpoint_says_so(sheet_text: str, cli: RunCli, write_map) -> None:
    target = write_map()
    before = target.read_bytes()
    sheet = target.parent / "s.csv"
    sheet.write_text(sheet_text, encoding="utf-8")
    result = cli("import", "csv", str(sheet), "--into", str(target), "--prune")
    assert result.exit_code == 1
    assert (
        "s.csv:1:1: error [csv-empty] --prune would remove every touchpoint of the map, and a "
        "map needs at least one: the sheet lists none of them\n"
    ) in result.stderr
    assert target.read_bytes() == before


def test_an_alias_in_touchpoints_is_reported_where_its_anchor_is(cli: RunCli, write_map) -> None:
    text = MINIMAL.replace("    owner: Marketing\n", "    owner: &team Marketing\n")
    text = text.replace("    owner: Shop\n", "    owner: *team\n")
    target = write_map(text)
    sheet = target.parent / "s.csv"
    sheet.write_text("id,score:ann\nad,1\n", encoding="utf-8")
    result = cli("import", "csv", str(sheet), "--into", str(target))
    assert result.exit_code == 1
    assert (
        f"{target}:19:12: error [csv-cannot-edit] this value is used again through a YAML alias "
        "(&anchor … *anchor) inside `touchpoints`; an edit there would change every place that "
        "uses it, so edit that part by hand, or write the value out in each place\n"
    ) in result.stderr


def test_into_stdin_updates_the_map_read_from_stdin_onto_stdout(
    cli: RunCli, tmp_path: Path
) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("id,owner\nad,Growth\n", encoding="utf-8")
    result = cli("import", "csv", str(sheet), "--into", "-", input=MINIMAL)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == MINIMAL.replace("owner: Marketing", "owner: Growth")
    assert not (tmp_path / "-").exists() and not Path("-").exists()
    diff = cli("import", "csv", str(sheet), "--into", "-", "--dry-run", input=MINIMAL)
    assert diff.exit_code == 0 and "+    owner: Growth\n" in diff.stdout
    same = cli("import", "csv", str(sheet), "--into", "-", input=result.stdout)
    assert same.exit_code == 0 and same.stdout == result.stdout
    assert "<stdin> is up to date" in same.stderr
    both = cli("import", "csv", "-", "--into", "-", input=MINIMAL)
    assert both.exit_code == 2 and "stdin" in both.stderr
    bad = cli("import", "csv", str(sheet), "--into", "-", input="id,owner\n")
    assert bad.exit_code == 2, bad.stderr


def test_new_lines_go_after_the_kept_blank_lines_of_a_keep_block_scalar(
    cli: RunCli, write_map
) -> None:
    text = MINIMAL.replace(
        "    name: Ad\n    stage: discover\n    channel: social\n    owner: Marketing\n"
        "    experiences:\n      - {persona: ann, score: 4, emotion: curious}\n",
        "    stage: discover\n    name: |+\n      Ad\n\n",
    )
    target = write_map(text)
    sheet = target.parent / "s.csv"
    sheet.write_text("id,stage,name,owner,score:ann\nad,,,Growth,2\nad2,discover,Ad 2,,\n", "utf-8")
    result = cli("import", "csv", str(sheet), "--into", str(target))
    assert result.exit_code == 0, result.stderr
    assert (
        "    name: |+\n      Ad\n\n    owner: Growth\n    experiences:\n"
        "      - {persona: ann, score: 2}\n\n  - id: ad2\n"
    ) in target.read_text(encoding="utf-8")
    touchpoint = load(target).journey.touchpoints[0]
    assert (touchpoint.name, touchpoint.owner) == ("Ad\n\n", "Growth")
