"""``journey rules`` lists the lint rules; ``journey rules RULE`` documents one."""

from __future__ import annotations

from enum import StrEnum

import typer

from journeykit.cli import common


class RulesFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


def register(app: typer.Typer) -> None:
    app.command(
        "rules",
        rich_help_panel=common.PANEL_REFERENCE,
        epilog=common.examples("journey rules", "journey rules unaddressed-pain-point"),
    )(rules)


def rules(
    rule: str = typer.Argument(None, help="A rule id: print its documentation."),
    fmt: RulesFormat = typer.Option(
        RulesFormat.text, "--format", "-f", help="text, markdown (for docs) or json."
    ),
) -> int:
    """List the lint rules (id, default level, summary), or document one rule.

    Set levels and options in journeykit.yaml under `rules:`; see `journey rules RULE`.
    """
    from journeykit.rules import RULES
    from journeykit.rules.catalog import render

    if rule is not None and rule not in RULES:
        from journeykit.problems import quote, suggest

        hint = suggest(rule, RULES) or "; `journey rules` lists them"
        common.fail(f"unknown rule {quote(rule)}{hint}")
    common.write_stdout(render(fmt.value, rule))
    return common.EXIT_OK
