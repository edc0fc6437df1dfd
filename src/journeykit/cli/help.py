"""`--help` text in plain boxes, without rich: the help of `journey` itself comes from the command
registry alone (``cli/app.py``), a command's help from its click parameters.

Rendering help with rich cost more than everything else `journey COMMAND --help` does. The layout
is the one typer draws (a usage line, the description, boxed panels of options and commands, the
examples), so the help reads the same; only colour is gone.

Every option shows a metavar a user understands: its choices (``[stylish|parsable|...]``), a word
(``PATH``, ``FILE``, ``N``) or the one the command gives; never a Python type such as ``<str>``.
"""

from __future__ import annotations

import os
import re
import sys
import textwrap
from collections.abc import Iterable, Sequence
from enum import Enum
from typing import Any

_MARKUP = re.compile(r"(?<!\\)\[/?(?:b|bold|i|italic|dim|u|code)\]")
# option names whose value is better named by a word than by the option itself
_WORDS = {
    "config": "FILE", "output": "PATH", "into": "FILE", "today": "YYYY-MM-DD", "git": "REF",
}  # fmt: skip
_NUMBERS = (int, float)
# a help page as data (see `describe`): usage, help and epilog text, rows of the boxes
Page = dict[str, Any]


def width() -> int:
    """``COLUMNS`` if set, else the terminal's width, else 80 (as typer's help had it)."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return max(int(columns), 40)
    if sys.stdout.isatty():
        import shutil

        return max(shutil.get_terminal_size().columns, 40)
    return 80


def plain(text: str) -> str:
    """Help text without its rich markup (``[b]``...``[/b]``), ``\\[`` unescaped."""
    return _MARKUP.sub("", text).replace("\\[", "[")


def paragraphs(text: str, columns: int) -> list[str]:
    """Each paragraph of ``text`` rewrapped to ``columns``, indented one space."""
    out = []
    for block in re.split(r"\n\s*\n", plain(textwrap.dedent(text)).strip()):
        joined = " ".join(line.strip() for line in block.splitlines())
        out.append(textwrap.fill(joined, columns - 2, initial_indent=" ", subsequent_indent=" "))
    return out


def box(
    title: str, rows: Sequence[Sequence[str]], columns: int, widths: Sequence[int] = ()
) -> list[str]:
    """A panel: ``rows`` in aligned columns, the last one wrapped to what is left of the width;
    ``widths`` sets the least width of the first columns (to align several panels)."""
    inner = columns - 4
    least = [*widths, *[0] * len(rows[0])]
    widths = [max([least[i], *(len(row[i]) for row in rows)]) for i in range(len(rows[0]) - 1)]
    lead = sum(w + 2 for w in widths if w)
    room = max(inner - lead, 20)
    lines = [f"╭─ {title} " + "─" * max(columns - len(title) - 5, 1) + "╮"]
    for row in rows:
        head = "".join(cell.ljust(w + 2) for cell, w in zip(row, widths, strict=False) if w)
        wrapped = textwrap.wrap(row[-1], room) or [""]
        for i, part in enumerate(wrapped):
            text = (head if i == 0 else " " * lead) + part
            lines.append("│ " + text.ljust(inner) + " │")
    lines.append("╰" + "─" * (columns - 2) + "╯")
    return lines


def page(usage: str, description: str, panels: Iterable[list[str]], epilog: str, cols: int) -> str:
    lines = ["", f" Usage: {usage}", ""]
    for para in paragraphs(description, cols) if description else []:
        lines += [para, ""]
    for panel in panels:
        lines += panel
    if epilog:
        lines.append("")
        for para in paragraphs(epilog, cols):
            lines += [para, ""]
    return "\n".join(lines).rstrip("\n") + "\n"


# ------------------------------------------------------------------------------------ the root


def root_help(
    summary: str,
    options: Sequence[tuple[str, str, str]],
    commands: Sequence[tuple[str, str, str]],
    panels: Sequence[str],
) -> str:
    """`journey --help`: ``options`` as (long, short, help), ``commands`` as (name, panel,
    summary), the panels in the order of ``panels``."""
    cols = width()
    boxes = [box("Options", [(long, short, text) for long, short, text in options], cols)]
    names = [max(len(name) for name, _, _ in commands)]
    for panel in [*panels, *sorted({p for _, p, _ in commands} - set(panels))]:
        rows = [(name, text) for name, p, text in commands if p == panel]
        if rows:
            boxes.append(box(panel, rows, cols, names))
    return page("journey [OPTIONS] COMMAND [ARGS]...", summary, boxes, "", cols)


# ------------------------------------------------------------------- a command or group (click)


def metavar(param: Any) -> str:
    """What to show for a parameter's value: its metavar, its choices or a word; '' for a flag."""
    if param.metavar:
        return str(param.metavar)
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return ""
    choices = choices_of(param)
    if choices:
        return "[" + "|".join(choices) + "]"
    desc = getattr(param, "type_descriptor", None)
    annotation = getattr(desc, "annotation", None)
    if annotation is bool:
        return ""
    if isinstance(annotation, type) and issubclass(annotation, _NUMBERS):
        return "N"
    name = _long_name(param) or str(param.name)
    return _WORDS.get(name, name.upper().replace("_", "-"))


def choices_of(param: Any) -> list[str] | None:
    """The values a parameter takes, from its Enum type or from ``common.completer``."""
    desc = getattr(param, "type_descriptor", None)
    annotation = getattr(desc, "annotation", None)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return [str(member.value) for member in annotation]
    complete = getattr(param, "_custom_shell_complete", None)
    fixed = getattr(getattr(complete, "__wrapped__", complete), "choices", None)
    if fixed is None:
        # typer wraps a completer: look for the one made by `common.completer` in its closure
        for cell in getattr(complete, "__closure__", None) or ():
            fixed = getattr(cell.cell_contents, "choices", None)
            if fixed is not None:
                break
    return [str(c) for c in fixed] if fixed else None


def _long_name(param: Any) -> str | None:
    for opt in getattr(param, "opts", ()):
        if opt.startswith("--"):
            return str(opt[2:])
    return None


def _default(param: Any) -> str:
    default = param.default
    if (
        param.param_type_name != "option"
        or getattr(param, "is_flag", False)
        or default is None
        or default is False
        or default == ""
        or default == ()
        or not getattr(param, "show_default", True)
        or type(default).__name__ == "Sentinel"
    ):
        return ""
    shown = default.value if isinstance(default, Enum) else default
    return f"[default: {shown}]"


def short_help(command: Any) -> str:
    """The first paragraph of a command's help, on one line."""
    text = plain(command.short_help or command.help or "")
    return " ".join(text.strip().split("\n\n")[0].split())


def command_help(command: Any, ctx: Any) -> str:
    """The help of a click command or group, in the boxes of :func:`page`."""
    return draw(describe(command, ctx), width())


def describe(command: Any, ctx: Any) -> Page:
    """What the help of a click command or group shows, as plain data (no width yet): what
    ``help_pages.json`` holds for `journey COMMAND --help` without typer."""
    params = [p for p in command.get_params(ctx) if not getattr(p, "hidden", False)]
    arguments = [p for p in params if p.param_type_name == "argument"]
    options = [p for p in params if p.param_type_name == "option"]
    argument_rows = []
    for p in arguments:
        shown = metavar(p) + ("..." if p.nargs == -1 else "")
        required = " [required]" if p.required else ""
        argument_rows.append([shown, (getattr(p, "help", None) or "") + required])
    option_rows = []
    for p in options:
        longs = [o for o in p.opts if o.startswith("--")]
        shorts = [o for o in p.opts if not o.startswith("--")]
        names = "/".join(longs + list(p.secondary_opts))
        text = " ".join(
            part for part in (plain(getattr(p, "help", None) or ""), _default(p)) if part
        )
        option_rows.append([names, ",".join(shorts), metavar(p), text])
    panels: dict[str, list[list[str]]] = {}
    if getattr(command, "commands", None):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                panel = getattr(sub, "rich_help_panel", None) or "Commands"
                panels.setdefault(panel, []).append([name, short_help(sub)])
    usage = " ".join([ctx.command_path, *usage_pieces(command, arguments, options)])
    return {
        "usage": usage,
        "help": command.help or "",
        "arguments": argument_rows,
        "options": option_rows,
        "commands": [[panel, rows] for panel, rows in panels.items()],
        "epilog": command.epilog or "",
        "help_options": list(ctx.help_option_names),
    }


def draw(described: Page, cols: int) -> str:
    """A help page from :func:`describe`'s data, wrapped to ``cols`` columns."""
    boxes = []
    if described["arguments"]:
        boxes.append(box("Arguments", described["arguments"], cols))
    if described["options"]:
        boxes.append(box("Options", described["options"], cols))
    boxes.extend(box(panel, rows, cols) for panel, rows in described["commands"])
    return page(described["usage"], described["help"], boxes, described["epilog"], cols)


def fast_help(path: Sequence[str], flag: str) -> str | None:
    """`journey COMMAND [SUBCOMMAND] --help` from ``help_pages.json``, without importing typer or
    the command; None if the page is not there or ``flag`` is not that command's help option
    (then typer takes the command line)."""
    described = load_pages().get(" ".join(path))
    if described is None or flag not in described["help_options"]:
        return None
    return draw(described, width())


def usage_pieces(command: Any, arguments: list[Any], options: list[Any]) -> list[str]:
    """``[OPTIONS]``, each argument (``FILE``, ``[PATHS]...``), ``COMMAND [ARGS]...``."""
    pieces = ["[OPTIONS]"] if options else []
    for p in arguments:
        name = metavar(p)
        pieces.append((name if p.required else f"[{name}]") + ("..." if p.nargs != 1 else ""))
    if getattr(command, "commands", None) is not None:
        pieces.append("COMMAND [ARGS]...")
    return pieces


def install(command: Any) -> None:
    """Give ``command`` (and its subcommands) this help, and a metavar to every parameter, so
    that usage lines and error messages name values the same way."""
    for param in command.params:
        if not param.metavar and param.param_type_name in ("argument", "option"):
            param.metavar = metavar(param) or None

    def format_help(ctx: Any, formatter: Any) -> None:
        formatter.write(command_help(command, ctx))

    command.format_help = format_help
    for sub in (getattr(command, "commands", None) or {}).values():
        install(sub)


# ----------------------------------------------------------- help_pages.json, written from typer


def pages() -> dict[str, Page]:
    """Every command's and subcommand's help page as data, keyed by its path ("import csv"),
    from the typer commands themselves (an import of every command)."""
    import typer

    from journeykit.cli.app import app

    found: dict[str, Page] = {}

    def walk(command: Any, path: list[str], parent: Any) -> None:
        settings = command.context_settings  # as make_context passes them
        ctx = command.context_class(command, info_name=path[-1], parent=parent, **settings)
        found[" ".join(path[1:])] = describe(command, ctx)
        for name in command.list_commands(ctx) if getattr(command, "commands", None) else ():
            sub = command.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                walk(sub, [*path, name], ctx)

    root: Any = typer.main.get_command(app)
    top = root.context_class(root, info_name="journey", **root.context_settings)
    for name in root.list_commands(top):
        walk(root.get_command(top, name), ["journey", name], top)
    return found


PAGES_FILE = os.path.join(os.path.dirname(__file__), "help_pages.json")


def load_pages() -> dict[str, Page]:
    """``help_pages.json``: every command's help page by its path ("import csv"). Written by
    `python -m journeykit.cli.help` from the typer commands; tests/test_cli_startup.py fails when
    a command's help no longer matches it. Data, not code: a JSON file costs no module import."""
    import json

    with open(PAGES_FILE, encoding="utf-8") as stream:
        loaded: dict[str, Page] = json.load(stream)
    return loaded


def pages_text() -> str:
    """The text of ``help_pages.json`` for the commands as they are now."""
    import json

    return json.dumps(pages(), indent=1, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    with open(PAGES_FILE, "w", encoding="utf-8") as out:
        out.write(pages_text())
    print(f"wrote {PAGES_FILE}")
