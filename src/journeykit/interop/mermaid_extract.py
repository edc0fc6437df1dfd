"""Finding Mermaid diagrams in a file: a bare diagram (``.mmd``), Markdown fences, HTML blocks.

* ``.mmd`` / ``.mermaid``: the whole file is one diagram (it may start with YAML front matter),
  unless it starts with a fence or a tag: then it is read like Markdown.
* Markdown: fences of three or more backticks or tildes whose info string is ``mermaid`` (also
  ``{mermaid}`` and ``{.mermaid}``), at any indentation (list items), closed by a fence of the same
  character at least as long; a fence never closed runs to the end of the file (with a warning).
  Other fences are skipped whole, so a diagram shown as code inside a ````` ```markdown ````` or
  ````` ```html ````` fence is not taken.
* HTML (and raw HTML in Markdown): ``<div class="mermaid">`` and ``<pre class="mermaid">`` (any
  class list holding the word ``mermaid``) up to the matching ``</div>`` / ``</pre>``; HTML entities
  in the text are unescaped.

``.md``, ``.markdown``, ``.html``… are only searched for embedded diagrams; any other name (and
stdin) is searched first, and taken as a bare diagram when nothing is embedded.

Every line of a diagram keeps the line and column it has in the original file, so a warning about
a diagram inside a README points at the README's line. Every scan here is linear in the input.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import PurePath

from journeykit import decoding
from journeykit.problems import Problem, Severity

BARE_SUFFIXES = frozenset({".mmd", ".mermaid"})
EMBEDDED_SUFFIXES = frozenset(
    {".md", ".markdown", ".mdown", ".mkd", ".mdx", ".html", ".htm", ".xhtml"}
)

_FENCE = re.compile(r"([ \t]*)(`{3,}|~{3,})(.*)")
_OPEN_TAG = re.compile(r"<(div|pre)(?=[\s>/])", re.IGNORECASE)
_CLASS = re.compile(r"""\sclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
_CLOSE_TAG = {
    "div": re.compile(r"</div\s*>", re.IGNORECASE),
    "pre": re.compile(r"</pre\s*>", re.IGNORECASE),
}


@dataclass(frozen=True, slots=True)
class SourceLine:
    """A line of a diagram, with the 1-based line and column of its first character in the file."""

    text: str
    line: int
    column: int = 1


@dataclass(frozen=True, slots=True)
class Block:
    """One diagram's text as found in the file; ``line`` is its fence or tag (or line 1)."""

    lines: tuple[SourceLine, ...]
    line: int
    where: str  # "file", "fence" or "html", for messages


def decode(data: bytes, path: str) -> tuple[str, list[Problem]]:
    """Text of a file: UTF-8 (a BOM is dropped), bad bytes replaced with a warning; ``\\r\\n``
    and ``\\r`` become ``\\n`` as Mermaid reads them."""
    decoded = decoding.decode(data, path, replace=True)
    text = decoded.text
    assert text is not None
    problems: list[Problem] = []
    if decoded.bad is not None:
        message = "not valid UTF-8: the bad bytes were replaced by U+FFFD"
        problems.append(decoded.bad.problem(message, severity=Severity.WARNING))
    return text.replace("\r\n", "\n").replace("\r", "\n"), problems


def find_blocks(text: str, path: str, name: str) -> tuple[list[Block], list[Problem]]:
    """Every Mermaid diagram in ``text``; ``name`` (the file name, or ``-``) picks the reading."""
    lines = text.split("\n")
    suffix = PurePath(name).suffix.lower() if name != "-" else ""
    if suffix in BARE_SUFFIXES and not _starts_embedded(text):
        return [_whole(lines)], []
    blocks, problems = _scan(lines, path)
    if blocks or suffix in EMBEDDED_SUFFIXES:
        return blocks, problems
    return [_whole(lines)], problems


def _starts_embedded(text: str) -> bool:
    """A ``.mmd`` file that starts with a fence or a tag holds its diagram the Markdown way."""
    start = text.lstrip()[:3]
    return start in ("```", "~~~") or start.startswith("<")


def _whole(lines: list[str]) -> Block:
    return Block(tuple(SourceLine(text, n) for n, text in enumerate(lines, 1)), 1, "file")


def _scan(lines: list[str], path: str) -> tuple[list[Block], list[Problem]]:
    blocks: list[Block] = []
    problems: list[Problem] = []
    i, start = 0, 0  # the scan position: line index, and the column index within that line
    while i < len(lines):
        line = lines[i]
        fence = _FENCE.match(line) if start == 0 else None
        if fence and not (fence.group(2)[0] == "`" and "`" in fence.group(3)):
            indent, marks, info = fence.groups()
            end = _fence_end(lines, i + 1, marks)
            if _is_mermaid(info):
                if end == len(lines):
                    problems.append(_unclosed(path, i + 1, len(indent) + 1, f"fence {marks}"))
                body = tuple(_dedent(lines[j], j + 1, len(indent)) for j in range(i + 1, end))
                blocks.append(Block(body, i + 1, "fence"))
            i, start = end + 1, 0
            continue
        tag = _open_tag(line, start)
        if tag is None:
            i, start = i + 1, 0
            continue
        name, content = tag
        block, i, start = _html_block(lines, i, content, name)
        if i >= len(lines):
            problems.append(_unclosed(path, block.line, 1, f"<{name}> block"))
        blocks.append(block)
    return blocks, problems


def _is_mermaid(info: str) -> bool:
    words = info.split(None, 1)
    return bool(words) and words[0].strip("{}").lstrip(".").lower() == "mermaid"


def _fence_end(lines: list[str], first: int, marks: str) -> int:
    """Index of the line closing a fence opened by ``marks`` (``len(lines)`` when none does)."""
    for j in range(first, len(lines)):
        rest = lines[j].strip(" \t")
        if len(rest) >= len(marks) and rest[0] == marks[0] and rest.count(marks[0]) == len(rest):
            return j
    return len(lines)


def _dedent(text: str, number: int, indent: int) -> SourceLine:
    cut = 0
    while cut < indent and cut < len(text) and text[cut] in " \t":
        cut += 1
    return SourceLine(text[cut:], number, cut + 1)


def _open_tag(line: str, start: int) -> tuple[str, int] | None:
    """The first ``<div class="mermaid">`` / ``<pre …>`` on ``line`` from ``start``: its tag name
    and the index just past its ``>``. Each character is looked at a bounded number of times."""
    gt = -1
    for match in _OPEN_TAG.finditer(line, start):
        if gt < match.end():
            gt = line.find(">", match.end())
            if gt < 0:
                return None
        lt = line.find("<", match.end(), gt)
        if lt >= 0:  # another tag starts before this one ends: not a well-formed tag
            continue
        found = _CLASS.search(line, match.end(), gt)
        if found:
            classes = next(g for g in found.groups() if g is not None)
            if "mermaid" in classes.lower().split():
                return match.group(1).lower(), gt + 1
    return None


def _html_block(lines: list[str], i: int, content: int, name: str) -> tuple[Block, int, int]:
    """The diagram inside an HTML element opened on line ``i``; returns it and where to go on."""
    closing = _CLOSE_TAG[name]
    body: list[SourceLine] = []
    opened_at, start = i + 1, content
    while i < len(lines):
        line = lines[i]
        end = closing.search(line, start)
        stop = end.start() if end else len(line)
        body.append(_unescaped(line[start:stop], i + 1, start + 1))
        if end:
            return Block(tuple(body), opened_at, "html"), i, end.end()
        i, start = i + 1, 0
    return Block(tuple(body), opened_at, "html"), i, 0


def _unescaped(text: str, number: int, column: int) -> SourceLine:
    return SourceLine(html.unescape(text) if "&" in text else text, number, column)


def _unclosed(path: str, line: int, column: int, what: str) -> Problem:
    message = f"this {what} is never closed: the diagram runs to the end of the file"
    return warning(path, line, column, "unclosed-block", message)


def warning(path: str, line: int, column: int, code: str, message: str) -> Problem:
    return Problem(path, line, column, code, message, Severity.WARNING)
