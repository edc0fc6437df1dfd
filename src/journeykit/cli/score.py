"""``journey score``: a scorecard for each map, usable as a CI gate (``--min-score``).

Streams: the scorecards go to stdout; the validation report of invalid maps (stylish format) and
the minimums not met go to stderr, so that ``--format json > scores.json`` stays parseable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from journeykit.cli import common

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import date

    from journeykit.reporters.scorecard import ScoredMap
    from journeykit.runner import Checked
    from journeykit.score import ScoreSettings
    from journeykit.workspace import LoadedMap

FORMATS = ("stylish", "json", "markdown")


def register(app: typer.Typer) -> None:
    app.command(
        "score",
        rich_help_panel=common.PANEL_CHECK,
        epilog=common.examples(
            "journey score checkout.journey.yaml",
            "journey score maps/ --min-score 70 --format json",
        ),
    )(score)


def score(
    paths: list[str] = typer.Argument(
        None, help="Map files, folders (searched for *.journey.yaml), globs, or - for stdin."
    ),
    fmt: str = typer.Option(
        "stylish",
        "--format",
        "-f",
        help=f"Output format: {', '.join(FORMATS)}.",
        autocompletion=common.completer(FORMATS),
    ),
    persona: str = typer.Option(None, "--persona", "-p", help="Score one persona's view only."),
    min_score: float = typer.Option(
        None, "--min-score", min=0, max=100, help="Exit 1 when a map's overall score is below N."
    ),
    today: str = typer.Option(
        None, "--today", help="Date to judge review ages by, YYYY-MM-DD (default: today)."
    ),
    color: common.Color = common.COLOR_OPTION,
    config_file: str = common.CONFIG_OPTION,
) -> int:
    """Score maps: completeness, evidence, experience, KPI attainment, and priorities.

    Exit 0 when all maps meet their minimums, 1 when one is invalid or under, 2 on a usage error.

    Minimums: --min-score N for the overall score, score.min in journeykit.yaml per part.
    """
    import sys

    from journeykit.cli.report import report_invalid
    from journeykit.config import load_config
    from journeykit.model import UnknownPersona
    from journeykit.runner import Maps
    from journeykit.score import OVERALL, ScoreSettings

    common.check_choice(fmt, FORMATS)
    day = common.today_or_fail(today)
    config = load_config(config_file)
    settings = ScoreSettings.from_config(config)
    maps = Maps(paths or [], config)
    if min_score is not None:
        settings = settings.with_minimum(OVERALL, min_score, "--min-score")

    results, invalid, known = _score_each(maps, day, persona, settings)
    if maps.unusable:
        return report_invalid(invalid, "score", color, unusable=True)
    if persona is not None and known and persona not in known:  # an unknown --persona: exit 2
        raise UnknownPersona(persona, list(known), "any map")
    report_invalid(invalid, "score", color)
    _write(results, fmt, day.isoformat(), persona, settings, color)
    for result in results:
        _explain(result)
    sys.stderr.flush()
    return (
        common.EXIT_OK if all(r.passed for r in results if not r.skipped) else common.EXIT_FINDINGS
    )


def _score_each(
    maps: Iterable[LoadedMap], day: date, persona: str | None, settings: ScoreSettings
) -> tuple[list[ScoredMap], list[Checked], dict[str, None]]:
    """Score each valid map as it is loaded, keeping only the scorecards: ``(results, invalid
    maps, the persona ids of the valid maps)``."""
    from journeykit.model import UnknownPersona
    from journeykit.reporters.scorecard import ScoredMap
    from journeykit.runner import Checked
    from journeykit.score import score_map, shortfalls

    results: list[ScoredMap] = []
    invalid: list[Checked] = []
    known: dict[str, None] = {}
    for m in maps:
        if not m.valid:
            results.append(ScoredMap(m.path, problems=tuple(m.problems)))
            invalid.append(Checked.of(m))
            continue
        assert m.journey is not None
        known.update(dict.fromkeys(p.id for p in m.journey.personas))
        try:
            card = score_map(m.journey, today=day, persona=persona, settings=settings)
        except UnknownPersona as exc:
            results.append(ScoredMap(m.path, skipped=exc.short))
            continue
        under, unchecked = shortfalls(card, settings)
        results.append(ScoredMap(m.path, card, under=tuple(under), unchecked=tuple(unchecked)))
    return results, invalid, known


def _write(
    results: list[ScoredMap],
    fmt: str,
    day: str,
    persona: str | None,
    settings: ScoreSettings,
    color: common.Color,
) -> None:
    import sys

    from journeykit import __version__
    from journeykit.cli.report import write_step_summary
    from journeykit.reporters.scorecard import (
        SCORE_FORMATS,
        ScoreContext,
        iter_json,
        render_markdown,
    )

    ctx = ScoreContext(
        __version__, day, persona, settings, common.use_color(color), _width(sys.stdout)
    )
    if fmt == "json":  # map by map: the whole document never sits in memory
        for piece in iter_json(results, ctx):
            common.write_stdout(piece)
    else:
        common.write_stdout(SCORE_FORMATS[fmt](results, ctx))
    write_step_summary(lambda: render_markdown(results, ctx))


def _width(stream: object) -> int:
    """``COLUMNS`` if set, else the terminal's width, else 120 (reproducible when piped)."""
    import os
    import shutil

    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return max(int(columns), 60)
    isatty = getattr(stream, "isatty", None)
    if isatty and isatty():
        return max(shutil.get_terminal_size().columns, 60)
    return 120


def _explain(result: ScoredMap) -> None:
    """Minimums not met (and minimums on parts that do not apply), on stderr."""
    import sys

    from journeykit.problems import one_line
    from journeykit.reporters.scorecard import shortfall_message

    for s in result.under:
        sys.stderr.write(f"journey: under minimum: {one_line(shortfall_message(result.path, s))}\n")
    for s in result.unchecked:
        sys.stderr.write(f"journey: note: {one_line(shortfall_message(result.path, s))}\n")
