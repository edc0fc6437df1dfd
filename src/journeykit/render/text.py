"""Small text helpers shared by the renderers: control characters out, long text wrapped."""

from __future__ import annotations

import re
import textwrap

# C0/C1 controls but tab and newline, and the bidi overrides that can disguise text.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")


def clean(text: str) -> str:
    """Text safe to hand to any output format: no control characters, ``\\n`` line ends."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))


def one_line(text: str) -> str:
    return " ".join(clean(text).split())


def wrap(text: str, width: int, limit: int | None = None) -> list[str]:
    """``text`` folded to lines of at most ``width`` characters, keeping its own line breaks;
    with ``limit``, cut to that many characters first (ending with an ellipsis)."""
    text = clean(text).strip()
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(textwrap.wrap(paragraph, width, break_on_hyphens=False) or [""])
    return lines
