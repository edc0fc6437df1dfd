"""The terminal format, after dyff: the dotted path of each change, then ``± old → new``.

Coloured only when asked (the CLI decides: a terminal, ``--color``, ``NO_COLOR``). User text is
escaped for the terminal: control characters (escape sequences, carriage returns, bidi overrides)
are shown as ``\\xNN`` and newlines as ``\\n``, so a map can never move the cursor or recolour
the screen.
"""

from __future__ import annotations

import re
from typing import Any

from journeykit.diff.model import Change, ChangeClass, DiffResult, Kind, MapDiff, ScoreDelta
from journeykit.diff.values import inline, list_items, plural, scalar, score, score_delta, summary

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}

RESET = "\x1b[0m"
_CLASS_STYLE = {
    ChangeClass.REGRESSION: "\x1b[1;31m",
    ChangeClass.REMOVAL: "\x1b[33m",
    ChangeClass.CHANGE: "\x1b[36m",
    ChangeClass.IMPROVEMENT: "\x1b[32m",
}
_BOLD, _GREEN, _RED, _YELLOW, _DIM = "\x1b[1m", "\x1b[32m", "\x1b[31m", "\x1b[33m", "\x1b[2m"


def safe(text: str) -> str:
    """User text fit for a terminal: no raw control characters."""
    return _CONTROL.sub(
        lambda m: (
            _NAMED.get(m.group(), f"\\x{ord(m.group()):02x}")
            if ord(m.group()) < 0x100
            else f"\\u{ord(m.group()):04x}"
        ),
        text,
    )


def safe_lines(text: str) -> str:
    """Like :func:`safe`, line by line, keeping the line breaks."""
    return "\n".join(safe(line) for line in text.split("\n"))


class _Painter:
    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, text: str, style: str) -> str:
        return f"{style}{text}{RESET}" if self.color and text else text


def render(result: DiffResult, color: bool = False) -> str:
    paint = _Painter(color)
    out = [paint(f"journey diff {safe(result.old_label)} → {safe(result.new_label)}", _BOLD)]
    if not result.maps:
        out.append("no journey maps to compare")
    for diff in result.maps:
        out.append("")
        out.extend(_map(diff, paint))
    total = len(result.changes)
    out.append("")
    out.append(_counts(result.counts(), paint) if total else "no semantic changes")
    return "\n".join(out) + "\n"


def _counts(counts: dict[ChangeClass, int], paint: _Painter) -> str:
    return ", ".join(
        paint(plural(n, cls), _CLASS_STYLE[cls]) if n else plural(n, cls)
        for cls, n in counts.items()
    )


def _map(diff: MapDiff, paint: _Painter) -> list[str]:
    where = f"{safe(diff.old_path or '/dev/null')} → {safe(diff.new_path or '/dev/null')}"
    lines = [paint(f"map {diff.map_id}", _BOLD) + f"  ({where})"]
    if not diff.changes:
        lines.append("  no semantic changes")
    for change in diff.changes:
        lines.extend(_change(change, paint))
        lines.extend(_implied(change, paint))
    if diff.scores:
        lines.append(paint("scorecard", _BOLD))
        for row in diff.scores:
            lines.append(f"  {safe(row.name)}  ± {score(row.old)} → {score(row.new)}{_delta(row)}")
    return lines


def _delta(row: ScoreDelta) -> str:
    delta = score_delta(row.old, row.new)
    return f"  ({delta})" if delta not in ("", "0.0") else ""


def _change(change: Change, paint: _Painter) -> list[str]:
    path = safe(change.dotted) if change.path else "(the whole map)"
    head = f"{paint(path, _BOLD)}  {paint(f'[{change.cls}]', _CLASS_STYLE[change.cls])}"
    note = f"  ({safe(change.note)})" if change.note else ""
    if change.kind is Kind.ADDED:
        return [head, "  " + paint("+ " + safe(summary(change)), _GREEN)]
    if change.kind is Kind.REMOVED:
        return [head, "  " + paint("- " + safe(summary(change)), _RED)]
    if change.kind is Kind.REORDERED:
        order = f"{_ids(change.old)} → {_ids(change.new)}"
        return [head, "  " + paint("± order ", _YELLOW) + safe(order)]
    if scalar(change.old) and scalar(change.new):
        values = f"{safe(inline(change.old))} → {safe(inline(change.new))}"
        return [head, "  " + paint("± ", _YELLOW) + values + note]
    lines = [head, "  " + paint("± ", _YELLOW) + (safe(change.note) or f"{change.kind}")]
    items = list_items(change.old, change.new)
    if items is not None:
        removed, added = items
        lines += ["    " + paint("- " + safe(inline(v)), _RED) for v in removed]
        lines += ["    " + paint("+ " + safe(inline(v)), _GREEN) for v in added]
        if not removed and not added:
            lines.append(f"    order {safe(inline(change.old))} → {safe(inline(change.new))}")
        return lines
    lines.append("    " + paint("- " + safe(inline(change.old)), _RED))
    lines.append("    " + paint("+ " + safe(inline(change.new)), _GREEN))
    return lines


def _implied(change: Change, paint: _Painter) -> list[str]:
    """The flow edges that changed only because of this change, one per line."""
    if not change.implied:
        return []
    lines = ["  implied flow:"]
    for edge in change.implied:
        sign, colour = ("+ ", _GREEN) if edge.kind is Kind.ADDED else ("- ", _RED)
        lines.append("    " + paint(sign + safe(edge.note.removeprefix("flow ")), colour))
    return lines


def _ids(value: Any) -> str:
    return ", ".join(str(v) for v in value) if isinstance(value, list) else inline(value)


__all__ = ["render", "safe", "safe_lines"]
