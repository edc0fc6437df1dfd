"""The Markdown format, ready to post as a pull-request comment.

A summary table of counts by class, then per map: a section for the map's own settings (personas,
stages, metrics, objectives), one per touchpoint, then pain points, opportunities and actions; the
mean score per persona and stage before and after; and the scorecard when there is one.

User text is escaped for Markdown: backslashes, pipes, backticks, ``*``, ``_``, ``[``, ``]``,
``<``, ``>``, ``&``, ``#``, ``~``, ``!`` are neutralised, newlines become ``<br>`` and ``@`` gets a
zero-width space, so a name can neither break a table, inject a link, an image or HTML, nor
mention anyone.
"""

from __future__ import annotations

import re
from typing import Any

from journeykit.diff.model import (
    Change,
    ChangeClass,
    DiffResult,
    Kind,
    MapDiff,
    ScoreDelta,
    count_classes,
)
from journeykit.diff.values import inline, list_items, plural, scalar, score, score_delta, summary

ICONS = {
    ChangeClass.REGRESSION: "🔴",
    ChangeClass.REMOVAL: "🟠",
    ChangeClass.CHANGE: "🔵",
    ChangeClass.IMPROVEMENT: "🟢",
}
_SPECIAL = re.compile(r"([\\`*_\[\]|#~!])")
# Control characters but tab, LF and CR, which `escape` turns into a blank and line breaks.
_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
# Sections in the order they appear; a change belongs to the first whose key starts its path.
_GROUPS = (
    ("objectives", "Objectives"),
    ("metrics", "Metrics"),
    ("personas", "Personas"),
    ("stages", "Stages"),
    ("pain_points", "Pain points"),
    ("opportunities", "Opportunities"),
    ("actions", "Actions"),
)
_LIMIT = 200


def escape(text: str) -> str:
    """User text made inert for Markdown (and safe inside a table cell)."""
    text = _CONTROL.sub(
        lambda m: (
            f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"U+{ord(m.group()):04X}"
        ),
        text,
    )
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _SPECIAL.sub(r"\\\1", text).replace("@", "@&#8203;")  # no @mentions from map text
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ").replace("\n", "<br>")


def code(ident: str) -> str:
    """An id in backticks (ids are slugs; anything else is escaped as text instead)."""
    return f"`{ident}`" if re.fullmatch(r"[a-z0-9_][a-z0-9_.-]*", ident) else escape(ident)


def render(result: DiffResult) -> str:
    out = ["## Journey map diff", ""]
    out.append(f"{escape(result.old_label)} → {escape(result.new_label)}")
    out.append("")
    counts = result.counts()
    changed = [m for m in result.maps if m.changes]
    if not changed:
        out.append("No semantic changes" + (" (formatting only)." if result.maps else "."))
        return "\n".join(out) + "\n"
    out += ["| class | changes |", "|---|---:|"]
    out += [f"| {ICONS[cls]} {cls} | {n} |" for cls, n in counts.items()]
    out.append("")
    for diff in changed:
        out += _map(diff)
    return "\n".join(out) + "\n"


def _map(diff: MapDiff) -> list[str]:
    title = diff.names.get(("map", diff.map_id))
    head = f"### Map {code(diff.map_id)}" + (f": {escape(title)}" if title else "")
    where = f"{escape(diff.old_path or '(none)')} → {escape(diff.new_path or '(none)')}"
    out = [head, "", f"{where} · {_counts(diff)}", ""]
    sections: dict[str, list[Change]] = {}
    for change in diff.changes:
        sections.setdefault(_section(change), []).append(change)
    for key, changes in sections.items():
        out += [f"#### {_title(key, diff)}", ""]
        out += _table(changes, _prefix(key))
    if diff.means and any(c.old != c.new for c in diff.means):
        out += _means(diff)
    if diff.scores:
        out += _scores(diff.scores)
    return out


def _counts(diff: MapDiff) -> str:
    counts = count_classes(diff.changes)
    return ", ".join(f"{ICONS[cls]} {plural(n, cls)}" for cls, n in counts.items() if n)


def _section(change: Change) -> str:
    path = change.path
    if not path:
        return "map"
    if path[0] == "touchpoints" and len(path) >= 2:
        return f"touchpoints.{path[1]}"
    return path[0] if any(path[0] == key for key, _ in _GROUPS) else "map"


def _prefix(key: str) -> int:
    """How many path segments the section title already says."""
    if key == "map":
        return 0
    return 2 if key.startswith("touchpoints.") else 1


def _title(key: str, diff: MapDiff) -> str:
    if key.startswith("touchpoints."):
        ident = key.split(".", 1)[1]
        name = diff.names.get(("touchpoint", ident))
        return f"Touchpoint {code(ident)}" + (f": {escape(name)}" if name else "")
    return dict(_GROUPS).get(key, "The map")


def _table(changes: list[Change], skip: int) -> list[str]:
    out = ["| | change | where | before | after |", "|---|---|---|---|---|"]
    for change in changes:
        where = ".".join(change.path[skip:]) or "·"
        before, after = _cells(change)
        note = f" ({escape(change.note)})" if change.note and change.kind is Kind.CHANGED else ""
        note += _implied(change)
        out.append(
            f"| {ICONS[change.cls]} {change.cls} | {change.kind}{note} | "
            f"{code(where) if where != '·' else where} | {before} | {after} |"
        )
    out.append("")
    return out


def _implied(change: Change) -> str:
    """The flow edges folded into a change of order, in its table cell."""
    if not change.implied:
        return ""
    edges = [
        f"{'+' if e.kind is Kind.ADDED else '−'} {' → '.join(code(str(x)) for x in e.path[1::2])}"
        for e in change.implied
    ]
    return "<br>implied flow: " + ", ".join(edges)


def _cells(change: Change) -> tuple[str, str]:
    if change.kind is Kind.ADDED:
        return "", escape(_cut(summary(change)))
    if change.kind is Kind.REMOVED:
        return escape(_cut(summary(change))), ""
    if change.kind is Kind.REORDERED:
        return _ids(change.old), _ids(change.new)
    if scalar(change.old) and scalar(change.new):
        return escape(inline(change.old)), escape(inline(change.new))
    items = list_items(change.old, change.new)
    if items is not None and (items[0] or items[1]):
        removed, added = items
        return (
            "<br>".join("− " + escape(_cut(inline(v))) for v in removed),
            "<br>".join("+ " + escape(_cut(inline(v))) for v in added),
        )
    return escape(_cut(inline(change.old))), escape(_cut(inline(change.new)))


def _cut(text: str) -> str:
    return text if len(text) <= _LIMIT else text[: _LIMIT - 1] + "…"


def _ids(value: Any) -> str:
    return ", ".join(code(str(v)) for v in value) if isinstance(value, list) else ""


def _means(diff: MapDiff) -> list[str]:
    stages = [s for s in diff.stages if any(c.stage == s for c in diff.means)]
    personas = [p for p in diff.personas if any(c.persona == p for c in diff.means)]
    cells = {(c.persona, c.stage): c for c in diff.means}
    out = ["#### Mean score per persona and stage", ""]
    out.append("| persona | " + " | ".join(escape(diff.name("stage", s)) for s in stages) + " |")
    out.append("|---|" + "---:|" * len(stages))
    for persona in personas:
        row = [escape(diff.name("persona", persona))]
        for stage in stages:
            cell = cells.get((persona, stage))
            row.append(_mean(cell.old, cell.new) if cell else "–")
        out.append("| " + " | ".join(row) + " |")
    out.append("")
    return out


def _mean(old: float | None, new: float | None) -> str:
    if old == new:
        return "–" if old is None else f"{old:.2f}"
    before = "–" if old is None else f"{old:.2f}"
    after = "–" if new is None else f"{new:.2f}"
    delta = f" ({new - old:+.2f})" if old is not None and new is not None else ""
    return f"**{before} → {after}**{delta}"


def _scores(rows: list[ScoreDelta]) -> list[str]:
    out = ["#### Scorecard", "", "| score | before | after | Δ |", "|---|---:|---:|---:|"]
    for row in rows:
        delta, before, after = score_delta(row.old, row.new), score(row.old), score(row.new)
        out.append(f"| {escape(row.name)} | {before} | {after} | {delta} |")
    out.append("")
    return out


__all__ = ["escape", "render"]
