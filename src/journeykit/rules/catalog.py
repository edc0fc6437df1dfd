"""The rule catalogue as text, Markdown (docs/lint.md is kept equal to it by a test) or JSON."""

from __future__ import annotations

import json

from journeykit.rules import MODULES, RULES, Rule, documentation


def render(fmt: str, rule_id: str | None = None) -> str:
    chosen = [RULES[rule_id]] if rule_id else list(MODULES)
    if fmt == "json":
        return json.dumps([_as_dict(rule) for rule in chosen], indent=2) + "\n"
    if fmt == "markdown":
        return markdown(chosen)
    if rule_id:
        return _text_one(RULES[rule_id])
    width = max(len(rule.ID) for rule in chosen)
    return "".join(f"{r.ID.ljust(width)}  {str(r.LEVEL).ljust(7)}  {r.SUMMARY}\n" for r in chosen)


def _as_dict(rule: Rule) -> dict[str, object]:
    return {
        "id": rule.ID,
        "level": str(rule.LEVEL),
        "summary": rule.SUMMARY,
        "options": {
            name: {"default": o.default, "help": o.help} for name, o in rule.OPTIONS.items()
        },
        "documentation": documentation(rule),
    }


def _options(rule: Rule, code: str = "") -> list[str]:
    return [f"{code}{name}{code}: {o.default:g} ({o.help})" for name, o in rule.OPTIONS.items()]


def _text_one(rule: Rule) -> str:
    lines = [f"{rule.ID}  (default level: {rule.LEVEL})", "", rule.SUMMARY, ""]
    if rule.OPTIONS:
        lines += ["Options (journeykit.yaml, under `rules:`):"]
        lines += [f"  {line}" for line in _options(rule)] + [""]
    lines += [documentation(rule), ""]
    return "\n".join(lines)


def markdown(rules: list[Rule]) -> str:
    out = ["| rule | default level | what it finds |", "|---|---|---|"]
    out += [f"| [`{r.ID}`](#{r.ID}) | {r.LEVEL} | {_cell(r.SUMMARY)} |" for r in rules]
    for rule in rules:
        out += ["", f"### {rule.ID}", "", f"Default level: **{rule.LEVEL}**. {rule.SUMMARY}"]
        if rule.OPTIONS:
            out += ["", "Options (name: default, meaning):", ""]
            out += [f"- {line}" for line in _options(rule, "`")]
        out += ["", documentation(rule)]
    return "\n".join(out) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")
