"""Simulate customers walking a map's flow and write their event log, with its ground truth.

    python benchmarks/gen_events.py MAP OUT [--customers 1000 | --events N] [--seed 1]
        [--window 30d] [--truth truth.json] [--no-noise]

OUT ends in .csv, .csv.gz, .parquet or .jsonl. Each customer gets a persona (weighted by the map's
persona order) and walks the flow from a touchpoint of the first stage (a few start later):

- persona-specific drop-off: each persona has its own chance to go on after each event, and
  variant B keeps a few more customers than A, so ``--by variant`` has something to find;
- heavy-tailed gaps: log-normal seconds, with now and then a return after days (Pareto), so the
  funnel window matters;
- ad-hoc moves to any touchpoint, skipped touchpoints, repeats (a→a), and events at the same second
  (ties), some planted exactly at T₁ + window and one second past it;
- a customer's variant sometimes changes mid-journey (the first used event's value counts);
- noise: unmapped events, exact duplicates, bad rows (no customer, no event, a time that is not a
  time), and the rows shuffled.

``--truth FILE`` writes the figures that :mod:`tests.measure_reference` (the plain-Python reading of
docs/measure.md) computes from the rows, for logs small enough to hold in memory. The simulation
itself streams: ``--events 10000000`` writes Parquet in chunks with flat memory.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import io
import json
import math
import random
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.measure_reference import Spec  # noqa: E402

COLUMNS = ("customer_id", "event", "timestamp", "score", "variant")
EPOCH = dt.datetime(2026, 1, 5, 8, 0, 0)
UNMAPPED = ("help_center_view", "zz_heartbeat", "session_ping", "email_bounce")


@dataclass(frozen=True)
class Options:
    customers: int = 1000
    seed: int = 1
    start: dt.datetime = EPOCH  # customers start within `days` days after this
    days: int = 60
    until: dt.datetime | None = None  # the export's end: later events are not in the log
    window_s: float | None = 30 * 86400  # where edge ties are planted; None: no edge ties
    adhoc: float = 0.04
    skip: float = 0.05
    repeat: float = 0.08
    ties: float = 0.03
    edge: float = 0.02
    late_start: float = 0.05
    switch_variant: float = 0.02
    unmapped: float = 0.05
    duplicates: float = 0.01
    bad: float = 0.005
    score: float = 0.3
    chunk: int = 200_000  # rows shuffled together and written together

    def quiet(self) -> Options:
        """No noise at all: every row used, no ties (for tests that want a clean log)."""
        return replace(self, unmapped=0, duplicates=0, bad=0, ties=0, edge=0)


def _field(obj: Any, name: str, default: Any = None) -> Any:
    value = obj.get(name, default) if isinstance(obj, dict) else getattr(obj, name, default)
    return default if value is None else value


class Walker:
    """What the simulation needs of one map, worked out once."""

    def __init__(self, journey: Any, options: Options) -> None:
        self.spec = Spec.of(journey)
        self.options = options
        self.personas = [_field(p, "id") for p in _field(journey, "personas", [])] or ["anyone"]
        by_id = {_field(t, "id"): t for t in _field(journey, "touchpoints", [])}
        self.passes = {
            t: set(_field(by_id[t], "personas", None) or self.personas) for t in self.spec.ordered
        }
        self.feel: dict[tuple[str, str], int] = {
            (t, _field(e, "persona")): int(_field(e, "score", 3))
            for t in self.spec.ordered
            for e in _field(by_id[t], "experiences", [])
        }
        rng = random.Random(f"{options.seed}:personas")
        # each persona's chance to go on after an event: its drop-off
        self.go_on = {p: 0.78 + 0.17 * rng.random() for p in self.personas}
        self.weights = [1 / (i + 1) for i in range(len(self.personas))]
        first = self.spec.stages[0]
        self.entries = [t for t in self.spec.ordered if self.spec.stage_of[t] == first]
        self.names = {t: self._names(t) for t in self.spec.ordered}
        self.unmapped = [n for n in UNMAPPED if self.spec.touchpoint_of(n) is None]

    def _names(self, touchpoint: str) -> list[str]:
        """Concrete event names for a touchpoint, globs expanded to names they match, and only
        names this touchpoint is the first to claim (so the log means what it says)."""
        names = []
        for pattern in self.spec.patterns[touchpoint]:
            for fill in ("web", "app"):
                name = _expand(pattern, fill)
                if self.spec.touchpoint_of(name) == touchpoint and name not in names:
                    names.append(name)
        return names or [_expand(p, "x") for p in self.spec.patterns[touchpoint]][:1]

    def customer(self, rng: random.Random, number: int) -> list[dict[str, Any]]:
        o = self.options
        persona = rng.choices(self.personas, self.weights)[0]
        variant = "B" if rng.random() < 0.5 else "A"
        go_on = min(0.97, self.go_on[persona] + (0.03 if variant == "B" else 0.0))
        ident = f"c{o.seed:02d}{number:08d}"
        path = [t for t in self.spec.ordered if persona in self.passes[t]] or self.spec.ordered
        entries = [t for t in self.entries if t in path] or path[:1]
        here = rng.choice(path) if rng.random() < o.late_start else rng.choice(entries)
        start = o.start + dt.timedelta(seconds=rng.randrange(o.days * 86400))
        time, first = start, start
        events: list[tuple[str, dt.datetime]] = []
        for _ in range(3 * len(self.spec.ordered)):
            events.append((here, time))
            if rng.random() < o.repeat:
                time += self._gap(rng)
                events.append((here, time))
            if rng.random() > go_on:
                break
            options = [t for t in self.spec.successors[here] if t in path] or list(
                self.spec.successors[here]
            )
            if not options:
                break
            roll = rng.random()
            if roll < o.adhoc:
                here = rng.choice(path)
            else:
                here = rng.choice(options)
                if roll < o.adhoc + o.skip and self.spec.successors[here]:
                    here = rng.choice(self.spec.successors[here])
            roll = rng.random()
            if roll < o.ties:
                pass  # the same second as the event before
            elif roll < o.ties + o.edge and o.window_s is not None:
                edge = first + dt.timedelta(seconds=o.window_s + rng.choice((0, 1)))
                time = max(time, edge)
            else:
                time += self._gap(rng)
        if o.until is not None:
            events = [(t, moment) for t, moment in events if moment <= o.until]
        rows = []
        for i, (touchpoint, moment) in enumerate(events):
            if i and rng.random() < o.switch_variant:
                variant = "A" if variant == "B" else "B"
            score: float | None = None
            if rng.random() < o.score:
                feel = self.feel.get((touchpoint, persona), 3)
                score = float(min(5, max(1, feel + rng.choice((-1, 0, 0, 0, 1)))))
            row = {
                "customer_id": ident,
                "event": rng.choice(self.names[touchpoint]),
                "timestamp": moment,
                "score": score,
                "variant": variant,
            }
            rows.append(row)
            if self.unmapped and rng.random() < o.unmapped:
                noise = dict(row, event=rng.choice(self.unmapped), score=None)
                noise["timestamp"] = moment + dt.timedelta(seconds=rng.randrange(1, 600))
                if o.until is None or noise["timestamp"] <= o.until:
                    rows.append(noise)
            if rng.random() < o.duplicates:
                rows.append(dict(row))
            if rng.random() < o.bad:
                rows.append(_bad(rng, row))
        return rows

    @staticmethod
    def _gap(rng: random.Random) -> dt.timedelta:
        if rng.random() < 0.1:  # came back later: days, heavy-tailed
            seconds = min(86400 * rng.paretovariate(1.1), 120 * 86400)
        else:
            seconds = min(rng.lognormvariate(5.0, 1.8), 5 * 86400)
        return dt.timedelta(seconds=max(1, round(seconds)))


def _bad(rng: random.Random, row: dict[str, Any]) -> dict[str, Any]:
    kind = rng.randrange(4)
    if kind == 0:
        return dict(row, customer_id="")
    if kind == 1:
        return dict(row, event="")
    if kind == 2:
        return dict(row, timestamp="not a time")
    return dict(row, timestamp="2026-13-45 25:61:00")


_CLASS = re.compile(r"\[!?([^\]]+)\]")


def _expand(pattern: str, fill: str) -> str:
    """One name matching a shell glob: ``*`` becomes ``fill``, ``?`` an ``x``, a class its first
    character (best effort: the caller checks the name really matches)."""
    name = _CLASS.sub(lambda m: m.group(1)[0], pattern)
    return name.replace("*", fill).replace("?", "x")


def simulate(journey: Any, options: Options) -> Iterator[list[dict[str, Any]]]:
    """Rows in shuffled chunks of about ``options.chunk``; the same seed gives the same rows."""
    walker = Walker(journey, options)
    rng = random.Random(options.seed)
    chunk: list[dict[str, Any]] = []
    for number in range(options.customers):
        chunk.extend(walker.customer(rng, number))
        if len(chunk) >= options.chunk:
            rng.shuffle(chunk)
            yield chunk
            chunk = []
    if chunk:
        rng.shuffle(chunk)
        yield chunk


def rows(journey: Any, options: Options) -> list[dict[str, Any]]:
    return [row for chunk in simulate(journey, options) for row in chunk]


def events_per_customer(journey: Any, options: Options, sample: int = 2000) -> float:
    """About how many rows one customer makes under these options (from a small sample)."""
    probe = replace(options, customers=sample)
    return sum(len(c) for c in simulate(journey, probe)) / sample


# ---------------------------------------------------------------------------------------------
# Writing


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def write(chunks: Iterable[list[dict[str, Any]]], path: Path) -> int:
    """Write rows as CSV (``.csv``, ``.csv.gz``), Parquet or JSON lines; the number of rows."""
    name = path.name
    total = 0
    if name.endswith(".parquet"):
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = pa.schema(
            [
                ("customer_id", pa.string()),
                ("event", pa.string()),
                ("timestamp", pa.timestamp("s")),
                ("score", pa.float64()),
                ("variant", pa.string()),
            ]
        )
        with pq.ParquetWriter(path, schema) as writer:
            for chunk in chunks:
                columns: dict[str, list[Any]] = {c: [] for c in COLUMNS}
                for row in chunk:
                    for c in COLUMNS:
                        value = row[c]
                        if c == "timestamp" and not isinstance(value, dt.datetime):
                            value = None  # a typed column cannot hold a bad time: null
                        columns[c].append(value)
                writer.write_table(pa.table(columns, schema=schema))
                total += len(chunk)
        return total
    if name.endswith((".csv", ".csv.gz")):
        raw: Any = gzip.GzipFile(path, "wb", mtime=0) if name.endswith(".gz") else path.open("wb")
        with raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as out:
            writer_ = csv.writer(out, lineterminator="\n")
            writer_.writerow(COLUMNS)
            for chunk in chunks:
                writer_.writerows([_text(row[c]) for c in COLUMNS] for row in chunk)
                total += len(chunk)
        return total
    if name.endswith(".jsonl"):
        with path.open("w") as out:
            for chunk in chunks:
                buffer = io.StringIO()
                for row in chunk:
                    record = {c: _text(row[c]) if c == "timestamp" else row[c] for c in COLUMNS}
                    buffer.write(json.dumps(record) + "\n")
                out.write(buffer.getvalue())
                total += len(chunk)
        return total
    raise SystemExit(
        f"gen_events: cannot tell the format of {path} (.csv, .csv.gz, .parquet, .jsonl)"
    )


def parse_window(text: str) -> float | None:
    if text in ("", "none"):
        return None
    match = re.fullmatch(r"(\d+)([smhd])", text)
    if not match:
        raise SystemExit(f"gen_events: bad window {text!r}; write e.g. 30d, 12h")
    return int(match.group(1)) * {"s": 1, "m": 60, "h": 3600, "d": 86400}[match.group(2)]


def load_map(path: Path) -> dict[str, Any]:
    """The map's data with its includes merged (validity is not required)."""
    from journeykit.validate import load

    loaded = load(path)
    if loaded.raw is None:
        raise SystemExit(f"gen_events: {path} is not a map")
    return loaded.raw


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("map", type=Path)
    parser.add_argument("out", type=Path)
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--customers", type=int, default=1000)
    size.add_argument("--events", type=int, help="about this many rows (sets --customers)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--window", default="30d", help="plant ties at this window's edge")
    parser.add_argument("--start", help="first day customers may start (YYYY-MM-DD)")
    parser.add_argument("--days", type=int, default=60, help="days over which customers start")
    parser.add_argument("--until", help="last day of the export (YYYY-MM-DD): later events are cut")
    parser.add_argument("--truth", type=Path, help="write the reference figures as JSON here")
    parser.add_argument(
        "--no-noise", action="store_true", help="no bad, duplicate or unmapped rows"
    )
    args = parser.parse_args(argv)
    journey = load_map(args.map)
    window = parse_window(args.window)
    options = Options(seed=args.seed, window_s=window, days=args.days)
    if args.start:
        options = replace(options, start=dt.datetime.fromisoformat(args.start))
    if args.until:
        end = dt.datetime.fromisoformat(args.until) + dt.timedelta(days=1, seconds=-1)
        options = replace(options, until=end)
    if args.no_noise:
        options = options.quiet()
    if args.events:
        per = events_per_customer(journey, options)
        options = replace(options, customers=max(1, math.ceil(args.events / per)))
    else:
        options = replace(options, customers=args.customers)
    if args.truth:
        from tests.measure_reference import measure

        log = rows(journey, options)
        total = write([log], args.out)
        truth = measure(journey, log, window_s=window, score_col="score", by="variant")
        args.truth.write_text(json.dumps(truth, indent=2, default=str) + "\n")
    else:
        total = write(simulate(journey, options), args.out)
    print(f"{total} rows, {options.customers} customers, seed {options.seed}: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
