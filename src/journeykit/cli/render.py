"""``journey render``: shareable renderings of maps (HTML, SVG, PNG, PDF, DOT, Mermaid).

Streams: the rendering goes to the output file (or stdout with ``-o -``); the validation report of
invalid maps, warnings and the progress bar go to stderr. Nothing is written unless every map is
valid and rendered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from journeykit.cli.common import (
    COLOR_OPTION,
    CONFIG_OPTION,
    PANEL_REVIEW,
    Color,
    completer,
    examples,
)
from journeykit.render import FORMATS, LAYOUTS, VIEWS  # the registry alone: no renderer

if TYPE_CHECKING:
    from journeykit.config import Config
    from journeykit.render import RenderOptions
    from journeykit.render.plan import Plan
    from journeykit.workspace import LoadedMap

FORMAT_NAMES = ", ".join(FORMATS)
PROGRESS_MIN_MAPS = 25  # show the bar when not on a terminal only for runs this long


def register(app: typer.Typer) -> None:
    app.command(
        "render",
        rich_help_panel=PANEL_REVIEW,
        epilog=examples(
            "journey render maps/ -o site/",
            "journey render checkout.journey.yaml --format svg -o checkout.svg",
            "journey render checkout.journey.yaml --format mermaid --persona first-timer",
        ),
    )(render)


def render(
    paths: list[str] = typer.Argument(
        None, help="Map files, folders (searched for *.journey.yaml), globs, or - for stdin."
    ),
    output: str = typer.Option(
        None,
        "--output",
        "-o",
        help="File to write (its suffix picks the format), a folder (one file per map plus "
        "index.html), or - for stdout. Default for one map: <map-id>.html here.",
    ),
    fmt: str = typer.Option(
        None,
        "--format",
        "-f",
        help=f"Output format: {FORMAT_NAMES} (default: from -o).",
        autocompletion=completer(FORMATS),
    ),
    persona: str = typer.Option(
        None, "--persona", "-p", help="Show one persona's path, scores and pains only."
    ),
    today: str = typer.Option(
        None, "--today", help="Date for the HTML scorecard, YYYY-MM-DD (default: today)."
    ),
    layout: str = typer.Option(
        "auto",
        "--layout",
        metavar="[" + "|".join(LAYOUTS) + "]",
        help="The flow's layout (svg, png, pdf, the HTML's flow): lr one strip left to right, tb "
        "top to bottom, wrap rows of stages; auto picks the one that fits a 16:9 slide or an "
        "A4/A3 page best.",
        autocompletion=completer(LAYOUTS),
    ),
    view: str = typer.Option(
        "flow",
        "--view",
        metavar="[" + "|".join(VIEWS) + "]",
        help="What svg, png and pdf draw: flow (the flow diagram) or map (the whole journey "
        "map as a poster for a slide or an A3 page).",
        autocompletion=completer(VIEWS),
    ),
    templates: str = typer.Option(
        None,
        "--templates",
        metavar="DIR",
        help="A folder of your own copies of the HTML templates (style.css, _base.html.j2, ...); "
        "files it lacks come from journeykit's. Default: render: {templates: DIR} in the config.",
    ),
    color: Color = COLOR_OPTION,
    config_file: str = CONFIG_OPTION,
) -> None:
    """Render maps as a self-contained HTML page, a flow diagram (svg, png, pdf, dot) or Mermaid.

    Exit 0 when everything was written, 1 when a map is invalid (nothing is written), 2 when the
    command cannot run (bad arguments, Graphviz missing for svg/png/pdf, unwritable output).
    """
    import os
    import shutil
    import sys

    from journeykit import __version__
    from journeykit.cli.common import EXIT_FINDINGS, EXIT_USAGE, fail, set_up, today_or_fail
    from journeykit.cli.report import report_invalid
    from journeykit.config import load_config
    from journeykit.render import GraphvizMissing, RenderOptions
    from journeykit.render.plan import PlanError, make_plan
    from journeykit.runner import load_all, unusable
    from journeykit.score import ScoreSettings

    if layout not in LAYOUTS:
        fail(f"unknown --layout {layout!r}; choose one of {', '.join(LAYOUTS)}")
    if view not in VIEWS:
        fail(f"unknown --view {view!r}; choose one of {', '.join(VIEWS)}")
    day = today_or_fail(today)
    config = set_up(lambda: load_config(config_file))
    folder = set_up(lambda: _templates(config, templates))
    settings = set_up(lambda: ScoreSettings.from_config(config))
    maps = set_up(lambda: load_all(paths or [], config))
    if any(not m.valid for m in maps):
        report_invalid(maps, "render", color)
        sys.stderr.write("journey: nothing rendered: fix the maps above first\n")
        raise typer.Exit(EXIT_USAGE if unusable(maps) else EXIT_FINDINGS)

    many = len(maps) > 1 or any(os.path.isdir(p) or set("*?[") & set(p) for p in paths or ["."])
    try:
        plan = make_plan([(m.path, m.journey) for m in maps], output, fmt, many=many)
    except PlanError as exc:
        fail(str(exc))
    _check_persona(maps, persona)
    if view == "map" and plan.format.poster is None:
        fail(f"--view map draws the journey map as svg, png or pdf, not {plan.format.name}")
    if plan.format.needs_dot and view == "flow" and shutil.which("dot") is None:
        fail(str(GraphvizMissing()))
    if plan.format.name == "html" and shutil.which("dot") is None:
        sys.stderr.write("journey: warning: Graphviz `dot` not found; the HTML has no flow "
                         "diagram (install Graphviz to include it)\n")  # fmt: skip
    if plan.format.binary and plan.jobs[0].target is None and sys.stdout.isatty():
        fail(f"refusing to write {plan.format.name.upper()} to a terminal; use -o FILE "
             "or redirect stdout")  # fmt: skip
    options = RenderOptions(persona=persona, today=day, tool_version=__version__,
                            score_settings=settings, templates=folder, layout=layout,
                            view=view)  # fmt: skip
    outputs = _render_all(plan, options)
    _write_all(plan, outputs, persona, folder)
    raise typer.Exit(0)


RENDER_SETTINGS = ("templates",)


def _templates(config: Config, flag: str | None) -> str | None:
    """The team's template folder: ``--templates``, else ``render: {templates: DIR}`` (relative
    to the config file). ``render:`` has no other settings: another key there is a typo or a
    wish, not something to ignore silently."""
    import os

    from journeykit.config import ConfigError
    from journeykit.discovery import UsageError
    from journeykit.problems import quote

    render = config.settings.render
    unknown = [key for key in render if key not in RENDER_SETTINGS]
    if unknown:
        raise ConfigError([
            config.problem(("render", key), f"unknown render setting {quote(key)}; the only "
                           f"one is `templates` (a folder of your own templates)", key=True)
            for key in unknown
        ])  # fmt: skip
    if flag is not None:
        if not os.path.isdir(flag):
            raise UsageError(f"--templates {flag}: no such folder")
        return flag
    value = render.get("templates")
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise ConfigError([config.problem(("render", "templates"), "`templates` must be the "
                                          "path of a folder")])  # fmt: skip
    folder = os.path.join(config.root, value)
    if not os.path.isdir(folder):
        raise ConfigError([config.problem(("render", "templates"), f"the templates folder "
                                          f"{quote(value)} does not exist")])  # fmt: skip
    return folder


def _check_persona(maps: list[LoadedMap], persona: str | None) -> None:
    from journeykit.cli.common import fail
    from journeykit.problems import quote
    from journeykit.score import persona_hint

    if persona is None:
        return
    for m in maps:
        known = [p.id for p in m.journey.personas]
        if persona not in known:
            fail(f"{m.path}: no persona {quote(persona)}{persona_hint(persona, known)}")


def _render_all(plan: Plan, options: RenderOptions) -> list[bytes]:
    """Render every map in memory first, so that a failure writes nothing."""
    import sys

    from journeykit.cli.common import fail
    from journeykit.render import RenderError

    jobs = plan.jobs
    show = len(jobs) > 1 and (sys.stderr.isatty() or len(jobs) >= PROGRESS_MIN_MAPS)
    outputs: list[bytes] = []
    try:
        if not show:
            return [plan.format.render(job.journey, options) for job in jobs]
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        console = Console(file=sys.stderr)
        columns = (TextColumn("rendering"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.description}"))  # fmt: skip
        with Progress(*columns, console=console, transient=console.is_terminal) as progress:
            task = progress.add_task("", total=len(jobs))
            for job in jobs:
                progress.update(task, description=job.href)
                outputs.append(plan.format.render(job.journey, options))
                progress.advance(task)
    except RenderError as exc:
        fail(str(exc))
    return outputs


def _write_all(
    plan: Plan, outputs: list[bytes], persona: str | None, templates: str | None
) -> None:
    import sys

    from journeykit.cli.common import fail
    from journeykit.output import OutputError, write_file
    from journeykit.render.plan import INDEX

    job = plan.jobs[0]
    if job.target is None:
        try:
            sys.stdout.buffer.write(outputs[0])
            sys.stdout.flush()
        except BrokenPipeError:
            pass
        return
    try:
        if plan.folder is not None:
            plan.folder.prepare()
        for job, data in zip(plan.jobs, outputs, strict=True):
            assert job.target is not None
            write_file(job.target, data)
        if plan.folder is not None and plan.index:
            from journeykit import __version__
            from journeykit.render.html import IndexEntry, render_index

            entries = [IndexEntry.of(j.journey, j.href, persona) for j in plan.jobs]
            plan.folder.write(INDEX, render_index(entries, __version__, templates))
    except OutputError as exc:
        fail(str(exc))
    if plan.defaulted:
        sys.stderr.write(f"journey: wrote {job.target} (no -o given: <map-id>.html in the "
                         "working directory)\n")  # fmt: skip
    if plan.folder is not None:
        count = len(plan.jobs)
        index = f" and {INDEX}" if plan.index else ""
        sys.stderr.write(f"journey: rendered {count} map{'s' if count != 1 else ''} as "
                         f"{plan.format.name} into {plan.folder.root}{index}\n")  # fmt: skip
