"""The ``journey`` command tree: a registry of commands, each loaded only when it is used.

Adding a command
----------------
Write ``journeykit/cli/<name>.py`` defining ``register(app)`` (see ``validate.py``), and add one
line to ``COMMANDS`` below: the command's name, the panel of `journey --help` it sits in, and the
one-line summary that `journey --help` shows (the first paragraph of its docstring). A command's
module is its name with ``_`` for ``-``, and a trailing ``_`` if that is a Python keyword. The order
of ``COMMANDS`` is the order of `journey --help`. A plain name (``"measure"``) also works, but then
`journey --help` must import that module to show it; tests/test_cli_startup.py asks for the full
entry and checks it against the command. Then run `python -m journeykit.cli.help`: it rewrites
``help_pages.json``, from which `journey COMMAND --help` is drawn (the same test fails until then).

A command parses, calls the core, reports, and returns its exit code (0 clean, 1 findings); to
stop with exit 2 it raises ``journeykit.errors.JourneyError`` (``common.fail``). ``Root.invoke``
below is the one place either becomes the process's exit.

Why a registry
--------------
`journey --help` is drawn from ``COMMANDS`` alone, without importing typer, `journey COMMAND
--help` from ``help_pages.json`` (the commands' own help as data), and `journey COMMAND` imports
typer and that one command's module only: start-up stays instant however many commands
there are. ``app`` (the typer application the tests drive) is built on first use, the same way.
"""

from __future__ import annotations

import keyword
import sys
from collections.abc import Iterator, MutableMapping, Sequence
from typing import TYPE_CHECKING, Any

from journeykit import __version__

if TYPE_CHECKING:
    import typer

    from journeykit.errors import JourneyError

# The panels of `journey --help`, in the order shown; every command names one.
PANEL_START = "Start and exchange"
PANEL_CHECK = "Check"
PANEL_REVIEW = "Review and publish"
PANEL_REFERENCE = "Reference"
PANEL_GIT = "Git plumbing"
PANELS = (PANEL_START, PANEL_CHECK, PANEL_REVIEW, PANEL_REFERENCE, PANEL_GIT)


class Command(str):
    """A command's name (the string itself), with the panel and summary `journey --help` shows."""

    panel: str
    summary: str

    def __new__(cls, name: str, panel: str = "", summary: str = "") -> Command:
        self = super().__new__(cls, name)
        self.panel, self.summary = panel, summary
        return self

    @property
    def name(self) -> str:
        return str(self)


COMMANDS: tuple[str, ...] = (
    Command("init", PANEL_START, "Set up a repository for journey maps, with a first map to edit."),
    Command(
        "import", PANEL_START, "Create or update maps from Mermaid journey diagrams or CSV sheets."
    ),
    Command("export", PANEL_START, "Write maps in other formats: CSV sheets for spreadsheets."),
    Command(
        "validate",
        PANEL_CHECK,
        "Check maps against the format: schema, types, ranges and references.",
    ),
    Command(
        "lint",
        PANEL_CHECK,
        "Validate maps, then report weak spots (`journey rules` lists the rules).",
    ),
    Command(
        "score",
        PANEL_CHECK,
        "Score maps: completeness, evidence, experience, KPI attainment, and priorities.",
    ),
    Command(
        "diff",
        PANEL_REVIEW,
        "Compare journey maps by id: personas, stages, touchpoints, scores, pains, actions.",
    ),
    Command(
        "render",
        PANEL_REVIEW,
        "Render maps as a self-contained HTML page, a flow diagram (svg, png, pdf, dot) or "
        "Mermaid.",
    ),
    Command(
        "measure",
        PANEL_REVIEW,
        "Measure a map on customer event logs: reach, stage funnel, time between stages, "
        "transitions and scores per touchpoint.",
    ),
    Command(
        "conform",
        PANEL_REVIEW,
        "Compare the map's planned flow with customers' actual journeys: fitness, the most "
        "common paths, skipped steps, unplanned moves and planned moves nobody takes.",
    ),
    Command(
        "rules",
        PANEL_REFERENCE,
        "List the lint rules (id, default level, summary), or document one rule.",
    ),
    Command(
        "schema", PANEL_REFERENCE, "Print the JSON Schema (draft 2020-12) of a journey map file."
    ),
    Command(
        "git-diff-driver",
        PANEL_GIT,
        "The external diff command git runs for journey maps (git's seven-argument protocol).",
    ),
    Command(
        "fmt",
        PANEL_CHECK,
        "Lay maps out canonically: key order, indentation, list style; comments stay.",
    ),
    Command("lsp", PANEL_REFERENCE, "Run the journey map language server on stdin/stdout."),
)

SUMMARY = "Customer journey maps as code: validate, lint, diff, score and render YAML journey maps."
# The options of `journey` itself, as `journey --help` shows them: (long, short, help).
ROOT_OPTIONS = (
    ("--version", "-V", "Show the version and exit."),
    ("--install-completion", "", "Install completion for the current shell."),
    (
        "--show-completion",
        "",
        "Show completion for the current shell, to copy it or customize the installation.",
    ),
    ("--help", "-h", "Show this message and exit."),
)


def module_name(command: str) -> str:
    name = command.replace("-", "_")
    return f"journeykit.cli.{name}_" if keyword.iskeyword(name) else f"journeykit.cli.{name}"


def entries() -> list[Command]:
    """``COMMANDS`` as full entries; a plain name is completed from its module (an import)."""
    found = []
    for entry in COMMANDS:
        if not isinstance(entry, Command):
            from journeykit.cli.help import short_help

            command = load(entry)
            panel = getattr(command, "rich_help_panel", None) or ""
            entry = Command(entry, panel, short_help(command))
        found.append(entry)
    return found


def root_help() -> str:
    """`journey --help`, from the registry alone."""
    from journeykit.cli import help

    rows = [(e.name, e.panel, e.summary) for e in entries()]
    return help.root_help(SUMMARY, ROOT_OPTIONS, rows, PANELS)


def help_for(path: list[str], flag: str = "--help") -> str | None:
    """`journey [COMMAND [SUBCOMMAND]] --help` (or ``-h``) without typer: the root's from the
    registry, a command's from ``help_pages.json``; None when that has no such page (typer takes
    the command line)."""
    if not path:
        return root_help()
    if len(path) > 2 or path[0] not in COMMANDS:
        return None
    from journeykit.cli.help import fast_help

    return fast_help(path, flag)


def load(name: str) -> Any:
    """The click command (or group) of one command: its module imported and registered."""
    import importlib

    import typer

    from journeykit.cli.help import install
    from journeykit.cli.params import lighten_command

    holder = typer.Typer()
    holder.callback()(_nothing)
    importlib.import_module(module_name(name)).register(holder)
    command = typer.main.get_command(holder).commands[name]  # type: ignore[attr-defined]
    install(command)
    lighten_command(command)
    return command


def _nothing() -> None:
    """Lets a throwaway typer app hold one command under its name."""


class _Commands(MutableMapping[str, Any]):
    """The root's commands by name; each is loaded on first access."""

    def __init__(self) -> None:
        self._names = [str(e) for e in COMMANDS]
        self._loaded: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._loaded:
            if name not in self._names:
                raise KeyError(name)
            self._loaded[name] = load(name)
        return self._loaded[name]

    def __setitem__(self, name: str, command: Any) -> None:
        if name not in self._names:
            self._names.append(name)
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        self._names.remove(name)
        self._loaded.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._names))

    def __len__(self) -> int:
        return len(self._names)


def _build() -> typer.Typer:
    import typer
    from typer.core import TyperGroup

    class Root(TyperGroup):
        """`journey`: commands from the registry, help from the registry, `--version` eager."""

        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.commands = _Commands()
            self.params.insert(0, _version_option())

        def format_help(self, ctx: Any, formatter: Any) -> None:
            formatter.write(root_help())

        def get_params(self, ctx: Any) -> list[Any]:
            from journeykit.cli.params import lighten

            return lighten(super().get_params(ctx))

        def invoke(self, ctx: Any) -> Any:
            """Run the command; its return value is the exit code, a JourneyError exits with
            its message and code. The one place a command's outcome becomes the process's."""
            from journeykit.errors import JourneyError

            try:
                code = super().invoke(ctx)
            except JourneyError as error:
                code = report_error(error)
            if isinstance(code, int) and code:
                ctx.exit(code)
            return code

    app = typer.Typer(
        name="journey",
        cls=Root,
        help=SUMMARY,
        no_args_is_help=True,
        context_settings={"help_option_names": ["-h", "--help"]},
        pretty_exceptions_enable=False,
    )
    app.callback()(_root)
    return app


def _root() -> None:
    """Customer journey maps as code."""


def _version_option() -> Any:
    """`--version`, built as typer builds `--help`: its options declared in a signature are
    coerced through pydantic, which `journey --help` must not import."""
    from typer._coercion import bool_flag_type_descriptor
    from typer.core import TyperOption

    def show(ctx: Any, _param: Any, value: bool) -> None:
        if value and not ctx.resilient_parsing:
            sys.stdout.write(f"journey {__version__}\n")
            ctx.exit(0)

    return TyperOption(
        param_decls=["--version", "-V"],
        is_flag=True,
        expose_value=False,
        is_eager=True,
        help="Show the version and exit.",
        callback=show,
        required=False,
        type_descriptor=bool_flag_type_descriptor(),
    )


_app: typer.Typer | None = None


def __getattr__(name: str) -> Any:
    if name == "app":
        global _app
        if _app is None:
            _app = _build()
        return _app
    raise AttributeError(name)


def report_error(error: JourneyError) -> int:
    """Report a JourneyError on stderr and return its exit code: ``journey: error: <message>``,
    or its located problems, one ``FILE:LINE:COL: severity [code] message`` line each."""
    from typing import cast

    from journeykit.problems import Problem, one_line

    problems = cast("Sequence[Problem]", error.problems)
    if not problems or error.headline:
        sys.stderr.write(f"journey: error: {one_line(str(error))}\n")
    if problems:
        from journeykit.cli.report import emit

        emit(problems, "parsable", sys.stderr)
    return error.exit_code


def run(args: list[str]) -> int:
    import typer

    app = __getattr__("app")
    try:
        app(args=args, prog_name="journey", standalone_mode=True)
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 2)
    except KeyboardInterrupt:
        typer.echo("journey: interrupted", err=True)
        return 130
    return 0
