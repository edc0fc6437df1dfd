"""``journey fmt``: one canonical layout for every map, as black and ruff format give Python.

:func:`format_text` is the whole formatter: ruamel.yaml's round-trip mode keeps comments, quoting,
anchors and block scalars; :mod:`journeykit.fmt.layout` applies the documented key order and list
style; the result is parsed again and compared with the input, value by value and type by type, so
a layout change can never change what the map says. A file with a YAML problem (a syntax error, a
duplicate key, a forbidden tag, more than one document, not UTF-8) is never formatted.
"""

from __future__ import annotations

import io
import math
import os
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from journeykit.config import Config
from journeykit.decoding import decode
from journeykit.discovery import expand
from journeykit.loader import parse_text
from journeykit.problems import Problem

CHANGED_MEANING = "fmt-changed-meaning"
LOST_COMMENT = "fmt-lost-comment"


@dataclass(frozen=True)
class Formatted:
    """The outcome for one file: the canonical text, or the problems that stop formatting it."""

    path: str
    before: str
    after: str | None
    problems: tuple[Problem, ...] = ()
    bom: bool = False  # the file started with a UTF-8 byte order mark: it keeps it

    @property
    def changed(self) -> bool:
        return self.after is not None and self.after != self.before

    def encoded(self) -> bytes:
        """The canonical text as the bytes to write."""
        assert self.after is not None
        return (b"\xef\xbb\xbf" if self.bom else b"") + self.after.encode("utf-8")


def format_bytes(raw: bytes, path: str) -> Formatted:
    decoded = decode(raw, path)
    if decoded.text is None:
        assert decoded.bad is not None
        return Formatted(path, "", None, (decoded.bad.not_text,))
    result = format_text(decoded.text, path)
    if raw.startswith(b"\xef\xbb\xbf"):
        return Formatted(path, result.before, result.after, result.problems, bom=True)
    return result


def format_text(text: str, path: str = "<text>") -> Formatted:
    """The canonical layout of ``text``; ``after`` is None when the file cannot be formatted."""
    parsed = parse_text(text, path)
    if parsed.problems:
        return Formatted(path, text, None, tuple(parsed.problems))
    if not isinstance(parsed.data, dict):
        return Formatted(path, text, text)  # empty, a list, a value: nothing to lay out
    try:
        after = _settle(text)
    except Exception as exc:  # ruamel reads a little differently than libyaml: never guess
        message = f"cannot format this file: {type(exc).__name__}: {exc}".splitlines()[0]
        return Formatted(path, text, None, (Problem(path, 1, 1, "yaml-syntax", message),))
    again = parse_text(after or "", path)
    if after is None or again.problems or not same(parsed.data, again.data):
        message = (
            "formatting would change what this file means, so it was left alone; this is a "
            "journeykit bug: please report it with the file"
        )
        return Formatted(path, text, None, (Problem(path, 1, 1, CHANGED_MEANING, message),))
    lost = Counter(comments(text)) - Counter(comments(after))
    if lost:
        line = next(i for i, row in enumerate(text.splitlines(), 1) if next(iter(lost)) in row)
        message = (
            "formatting would lose this comment (a comment inside brackets or braces that "
            "ruamel.yaml cannot keep), so the file was left alone; move the comment after "
            "the closing bracket or write the list in block style"
        )
        return Formatted(path, text, None, (Problem(path, line, 1, LOST_COMMENT, message),))
    return Formatted(path, text, after)


def _settle(text: str) -> str | None:
    """The layout, applied until it no longer changes (a comment ruamel.yaml moved on the first
    pass can move once more); None when it does not settle."""
    after = _layout(text)
    for _ in range(3):
        again = _layout(after)
        if again == after:
            return after
        after = again
    return None


_COMMENT = re.compile(r"(?:^|[ \t])(#.*)$")
_QUOTED = re.compile(r"\"(?:[^\"\\]|\\.)*\"|'(?:[^']|'')*'")


def comments(text: str) -> list[str]:
    """The comments of a YAML text, stripped: a ``#`` at the start of a line or after a space,
    outside quotes on that line (a safety net, not a YAML parser: what it mistakes for a comment
    it mistakes the same way before and after formatting)."""
    found = []
    for line in text.splitlines():
        match = _COMMENT.search(_QUOTED.sub('""', line))
        if match:
            found.append(match.group(1).strip())
    return found


def _layout(text: str) -> str:
    from ruamel.yaml import YAML

    from journeykit.fmt.layout import apply

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 1 << 30  # never re-wrap text: long lines stay long
    yaml.explicit_start = _has_start_marker(text)
    crlf = "\r\n" in text
    tree = yaml.load(text.replace("\r\n", "\n") if crlf else text)
    apply(tree)
    out = io.StringIO()
    yaml.dump(tree, out)
    result = out.getvalue()
    return result.replace("\n", "\r\n") if crlf else result


def _has_start_marker(text: str) -> bool:
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and not stripped.startswith("%"):
            return stripped == "---" or stripped.startswith("--- ")
    return False


def same(a: Any, b: Any) -> bool:
    """Equal values of equal types, all the way down (``1``, ``1.0`` and ``true`` differ)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def collect(paths: list[str], config: Config) -> list[str]:
    """The files to format: maps found as the other commands find them, and every file they
    include (persona libraries), each once, in order."""
    files = expand(paths, config)
    seen = {os.path.abspath(f) for f in files}
    result: list[str] = []
    for file in files:
        result.append(file)
        for included in _includes(file):
            key = os.path.abspath(included)
            if key not in seen:
                seen.add(key)
                result.append(included)
    return result


def _includes(path: str) -> list[str]:
    """The files ``path`` includes, directly or through other includes, that exist."""
    from journeykit.validate import load

    if path == "-":
        return []
    loaded = load(path)
    return [source.path for source in loaded.sources if source.data is not None]


__all__ = ["Formatted", "collect", "format_bytes", "format_text", "same"]
