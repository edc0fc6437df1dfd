"""``journey render``: shareable renderings of maps (HTML, SVG, PNG, PDF, DOT, Mermaid).

Streams: the rendering goes to the output file (or stdout with ``-o -``); the validation report of
invalid maps, warnings and the progress bar go to stderr. Nothing is written unless every map is
valid and rendered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import typer

from journeykit.cli import common
from journeykit.render import FORMATS, LAYOUTS, VIEWS  # the registry alone: no renderer

if TYPE_CHECKING:
    from journeykit.config import Config
    from journeykit.model import JourneyMap
    from journeykit.output import Inputs
    from journeykit.render import RenderOptions
    from journeykit.render.html import IndexEntry
    from journeykit.render.plan import Plan
    from journeykit.runner import Checked, Maps

FORMAT_NAMES = ", ".join(FORMATS)
PROGRESS_MIN_MAPS = 25  # show the bar when not on a terminal only for runs this long


def register(app: typer.Typer) -> None:
    app.command(
        "render",
        rich_help_panel=common.PANEL_REVIEW,
        epilog=common.examples(
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
        autocompletion=common.completer(FORMATS),
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
        autocompletion=common.completer(LAYOUTS),
    ),
    view: str = typer.Option(
        "flow",
        "--view",
        metavar="[" + "|".join(VIEWS) + "]",
        help="What svg, png and pdf draw: flow (the flow diagram) or map (the whole journey "
        "map as a poster for a slide or an A3 page).",
        autocompletion=common.completer(VIEWS),
    ),
    templates: str = typer.Option(
        None,
        "--templates",
        metavar="DIR",
        help="A folder of your own copies of the HTML templates (style.css, _base.html.j2, ...); "
        "files it lacks come from journeykit's. Default: render: {templates: DIR} in the config.",
    ),
    color: common.Color = common.COLOR_OPTION,
    config_file: str = common.CONFIG_OPTION,
) -> int:
    """Render maps as a self-contained HTML page, a flow diagram (svg, png, pdf, dot) or Mermaid.

    Exit 0 when everything was written, 1 when a map is invalid (nothing is written), 2 when the
    command cannot run (bad arguments, Graphviz missing for svg/png/pdf, unwritable output).
    """
    import os
    import shutil
    import sys

    from journeykit import __version__
    from journeykit.config import load_config
    from journeykit.render import GraphvizMissing, RenderOptions
    from journeykit.render.plan import make_plan
    from journeykit.runner import Maps
    from journeykit.score import ScoreSettings

    common.check_choice(layout, LAYOUTS, "--layout")
    common.check_choice(view, VIEWS, "--view")
    day = common.today_or_fail(today)
    config = load_config(config_file)
    folder = _templates(config, templates)
    settings = ScoreSettings.from_config(config)
    maps = Maps(paths or [], config)
    if not len(maps):  # every path named was ignored
        by = f" by `ignore:` in {config.path}" if config.path else ""
        common.fail(f"no maps to render (all ignored{by})")
    many = len(maps) > 1 or any(os.path.isdir(p) or set("*?[") & set(p) for p in paths or ["."])
    checked = _check_all(maps, persona, index=many)
    if checked.invalid:
        from journeykit.cli.report import report_invalid  # the reporters: only when needed

        code = report_invalid(checked.invalid, "render", color, unusable=maps.unusable)
        sys.stderr.write("journey: nothing rendered: fix the maps above first\n")
        return code

    plan = make_plan(checked.ids, output, fmt, many=many)
    if checked.no_persona:
        common.fail(checked.no_persona)
    if view == "map" and plan.format.poster is None:
        common.fail(f"--view map draws the journey map as svg, png or pdf, not {plan.format.name}")
    if plan.format.needs_dot and view == "flow" and shutil.which("dot") is None:
        raise GraphvizMissing()
    if plan.format.name == "html" and shutil.which("dot") is None:
        sys.stderr.write(
            "journey: warning: Graphviz `dot` not found; the HTML has no flow diagram "
            "(install Graphviz to include it)\n"
        )
    if plan.format.binary and plan.jobs[0].target is None and sys.stdout.isatty():
        name = plan.format.name.upper()
        common.fail(f"refusing to write {name} to a terminal; use -o FILE or redirect stdout")
    options = RenderOptions(
        persona=persona,
        today=day,
        tool_version=__version__,
        score_settings=settings,
        templates=folder,
        layout=layout,
        view=view,
    )
    _refuse_inputs(plan, checked, config)
    _render_all(plan, options, checked)
    return 0


@dataclass
class _Checked:
    """What the first pass keeps of the maps: the invalid ones, each valid map's path and id
    (and its index entry for a folder render), the one map when there is one."""

    invalid: list[Checked] = field(default_factory=list)
    ids: list[tuple[str, str]] = field(default_factory=list)
    entries: list[IndexEntry] = field(default_factory=list)
    only: JourneyMap | None = None
    no_persona: str = ""  # the error for a --persona missing from a map
    inputs: Inputs = field(default_factory=lambda: _inputs())


def _check_all(maps: Maps, persona: str | None, *, index: bool) -> _Checked:
    """Load every map once to check it, keeping a summary, not the map: rendering loads each
    valid map again, one at a time, so memory stays flat over a folder of any size."""
    from journeykit.model import MapView, UnknownPersona
    from journeykit.runner import Checked, protect_maps

    checked = _Checked()
    for m in maps:
        protect_maps([m], checked.inputs)
        if not m.valid:
            checked.invalid.append(Checked.of(m))
            continue
        journey = m.journey
        assert journey is not None
        checked.ids.append((m.path, journey.id))
        try:
            MapView(journey, persona)
        except UnknownPersona as exc:
            checked.no_persona = checked.no_persona or f"{m.path}: {exc}"
            continue
        if index:  # jinja2 and the HTML renderer only for an index
            from journeykit.render.html import IndexEntry

            checked.entries.append(IndexEntry.of(journey, "", persona))
        if len(maps) == 1:
            checked.only = journey
    return checked


def _inputs() -> Inputs:
    from journeykit.output import Inputs

    return Inputs()


def _refuse_inputs(plan: Plan, checked: _Checked, config: Config) -> None:
    """Exit 2 before anything is written when an output would replace a map, a file a map
    includes, or the config."""
    from journeykit.render.plan import INDEX

    if config.path is not None:
        checked.inputs.add(config.path, f"the config {config.path}")
    targets = [job.target for job in plan.jobs if job.target is not None]
    if plan.folder is not None and plan.index:
        targets.append(plan.folder.root / INDEX)
    checked.inputs.check(targets)


def _templates(config: Config, flag: str | None) -> str | None:
    """The team's template folder: ``--templates``, else ``render: {templates: DIR}`` (relative
    to the config file). The config's model checks ``render:`` (an unknown key there is a typo or
    a wish, not something to ignore silently), also when the flag is given."""
    import os

    from journeykit.discovery import UsageError

    config.render  # noqa: B018 - checks the section
    if flag is not None:
        if not os.path.isdir(flag):
            raise UsageError(f"--templates {flag}: no such folder")
        return flag
    return config.templates_folder()


def _render_all(plan: Plan, options: RenderOptions, checked: _Checked) -> None:
    """Render map by map; into a hidden folder first when writing a folder, so that a failure
    writes nothing and memory holds one map at a time."""
    import shutil
    import sys
    import tempfile
    from pathlib import Path

    from journeykit.output import write_file
    from journeykit.render.plan import INDEX

    jobs = plan.jobs
    if plan.folder is None:
        assert checked.only is not None
        _write_one(plan, plan.format.render(checked.only, options))
        return
    try:
        plan.folder.prepare()
        staging = Path(tempfile.mkdtemp(prefix=".journey-render-", dir=plan.folder.root))
    except OSError as exc:
        common.fail(f"cannot write into {plan.folder.root}: {exc.strerror}")
    try:
        with _progress(len(jobs)) as advance:
            for job in jobs:
                advance(job.href)
                journey = checked.only or _reload(job.source)
                (staging / job.href).write_bytes(plan.format.render(journey, options))
        for job in jobs:
            assert job.target is not None
            write_file(job.target, (staging / job.href).read_bytes())
        if plan.index:
            from journeykit import __version__
            from journeykit.render.html import render_index

            pairs = zip(checked.entries, jobs, strict=True)
            entries = [replace(entry, href=job.href) for entry, job in pairs]
            plan.folder.write(INDEX, render_index(entries, __version__, options.templates))
    except OSError as exc:
        common.fail(f"cannot write into {plan.folder.root}: {exc.strerror}")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    count = len(jobs)
    index = f" and {INDEX}" if plan.index else ""
    maps = f"{count} map{'s' if count != 1 else ''}"
    sys.stderr.write(
        f"journey: rendered {maps} as {plan.format.name} into {plan.folder.root}{index}\n"
    )


def _reload(source: str) -> JourneyMap:
    from journeykit.validate import load

    loaded = load(source)
    if not loaded.valid:
        common.fail(f"{source} changed while rendering and is no longer valid; nothing was written")
    assert loaded.journey is not None
    return loaded.journey


@contextmanager
def _progress(total: int) -> Iterator[Callable[[str], None]]:
    """A progress bar on stderr for long runs (or any run of several maps on a terminal)."""
    import sys

    if total <= 1 or not (sys.stderr.isatty() or total >= PROGRESS_MIN_MAPS):
        yield lambda _name: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console(file=sys.stderr)
    columns = (
        TextColumn("rendering"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
    )
    with Progress(*columns, console=console, transient=console.is_terminal) as progress:
        task = progress.add_task("", total=total)
        started = False

        def advance(name: str) -> None:
            nonlocal started
            if started:
                progress.advance(task)
            started = True
            progress.update(task, description=name)

        yield advance
        progress.advance(task)


def _write_one(plan: Plan, data: bytes) -> None:
    import sys

    from journeykit.output import write_file

    job = plan.jobs[0]
    if job.target is None:
        try:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        except BrokenPipeError:
            pass
        return
    write_file(job.target, data)
    if plan.defaulted:
        sys.stderr.write(
            f"journey: wrote {job.target} (no -o given: <map-id>.html in the working directory)\n"
        )
