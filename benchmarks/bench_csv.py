"""Benchmark `journey export csv` and `journey import csv` on one large map.

    python benchmarks/bench_csv.py [--touchpoints 1000] [--edit-percent 20] [--repeat 3]

The map comes from gen_corpus.py. Reports, in-process (Python start-up excluded), the best of
--repeat runs of: exporting the map; reading the sheet back; importing the unchanged sheet (which
must change nothing); importing a sheet with --edit-percent of its rows edited (a name and a score
each), as text edits of the map's file; importing a sheet that adds as many new rows as the map
has touchpoints (each placed at the end of its stage); and creating a new map from the sheet.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import tempfile
from pathlib import Path

from common import best_of, generate

TODAY = dt.date(2026, 11, 22)


def edited(sheet: str, percent: float) -> str:
    rows = list(csv.reader(io.StringIO(sheet)))
    header, body = rows[0], rows[1:]
    scores = [i for i, name in enumerate(header) if name.startswith("score:")]
    step = max(1, round(100 / percent)) if percent else len(body) + 1
    for n, row in enumerate(body):
        if n % step == 0:
            row[2] = f"{row[2]} (edited)"
            for i in scores:  # a score of a persona who passes there (empty cells stay empty)
                if row[i]:
                    row[i] = "1" if row[i] != "1" else "2"
                    break
    out = io.StringIO()
    csv.writer(out).writerows([header, *body])
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--touchpoints", type=int, default=1000)
    parser.add_argument("--edit-percent", type=float, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from journeykit.interop.csv_io import create_map, export_csv, read_sheet, update_map
    from journeykit.validate import load

    with tempfile.TemporaryDirectory() as tmp:
        (path,) = generate(Path(tmp), "--count", "1", "--touchpoints", str(args.touchpoints))
        loaded = load(str(path))
        assert loaded.journey is not None, loaded.problems
        journey = loaded.journey
        size = path.stat().st_size
        sheet_text = export_csv(journey)
        changed_text = edited(sheet_text, args.edit_percent)
        plain = sheet_text.encode()
        changed = changed_text.encode()

        def same() -> None:
            outcome = update_map(read_sheet(plain, "s.csv"), loaded)
            assert outcome.text is not None and outcome.changed == 0, outcome.problems

        def edit() -> None:
            outcome = update_map(read_sheet(changed, "s.csv"), loaded)
            assert outcome.text is not None and outcome.changed > 0, outcome.problems

        header, *body = list(csv.reader(io.StringIO(sheet_text)))
        out = io.StringIO()
        csv.writer(out).writerows([header, *body, *([r[0], f"new-{r[1]}", *r[2:]] for r in body)])
        added = out.getvalue().encode()

        def add() -> None:
            outcome = update_map(read_sheet(added, "s.csv"), loaded)
            assert outcome.text is not None and outcome.added == len(body), outcome.problems

        def create() -> None:
            sheet = read_sheet(plain, "s.csv")
            outcome = create_map(
                sheet, map_id="bench", title="Bench", today=TODAY, source="s.csv", target="-"
            )
            assert outcome.text is not None, outcome.problems

        rows = len(journey.touchpoints)
        print(f"map: {rows} touchpoints, {size / 1024:.0f} KB; sheet {len(plain) / 1024:.0f} KB")
        timings = [
            ("export", best_of(args.repeat, lambda: export_csv(journey))),
            ("read sheet", best_of(args.repeat, lambda: read_sheet(plain, "s.csv"))),
            ("import, unchanged", best_of(args.repeat, same)),
            (f"import, {args.edit_percent:g} % rows edited", best_of(args.repeat, edit)),
            (f"import, {len(body)} rows added", best_of(args.repeat, add)),
            ("create a new map", best_of(args.repeat, create)),
        ]
        for name, seconds in timings:
            print(f"{name:<32} {seconds:>7.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
