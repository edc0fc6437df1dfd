"""Where every id is defined and referred to, across a map and the files it includes.

Pure: no LSP library here. Positions are 0-based lines and 0-based columns in code points (the
server converts them to the client's units). Everything works on the raw data of each file, so it
also answers for a map that does not validate, as long as its YAML parses.
"""

from __future__ import annotations

import re
import typing
from dataclasses import dataclass, field
from typing import Any

from journeykit.loader import Parsed
from journeykit.model.map import KINDS, JourneyMap, nested_model
from journeykit.workspace import LoadedMap

# Every place a value names an id, as the path of keys from the top (lists in between are
# implied), and the kind of thing it names. validate.py checks the same places; a test keeps the
# two in step.
REFERENCES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("touchpoints", "stage"), "stages"),
    (("touchpoints", "personas"), "personas"),
    (("touchpoints", "next"), "touchpoints"),
    (("touchpoints", "experiences", "persona"), "personas"),
    (("touchpoints", "measurements", "metric"), "metrics"),
    (("pain_points", "touchpoint"), "touchpoints"),
    (("pain_points", "personas"), "personas"),
    (("opportunities", "addresses"), "pain_points"),
    (("actions", "opportunity"), "opportunities"),
    (("actions", "target", "metric"), "metrics"),
    (("objectives", "metric"), "metrics"),
)
REFERENCE_KIND = dict(REFERENCES)


@dataclass(frozen=True, order=True)
class Span:
    """A range in one file: 0-based line, start and end columns (code points)."""

    file: str
    line: int
    start: int
    end: int

    def contains(self, file: str, line: int, column: int) -> bool:
        return file == self.file and line == self.line and self.start <= column <= self.end


@dataclass(frozen=True)
class Occurrence:
    """An id where it is defined (an ``id:`` value) or named (a reference)."""

    kind: str  # the list key of the kind: "personas", "stages", ...
    ident: str
    span: Span
    definition: bool
    where: tuple[str | int, ...]  # the path of the value in its file's data


_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")


def token_span(line: str, column: int) -> tuple[int, int]:
    """The extent of the YAML token starting at ``column``: the text inside quotes, a plain
    scalar up to a comment (or a ``,``/``]``/``}`` inside brackets), a whole flow collection."""
    if column >= len(line):
        return column, column
    slug = _SLUG.match(line, column)
    if slug and line[slug.end() : slug.end() + 1] in ("", " ", ",", "]", "}", "\t"):
        return column, slug.end()
    first = line[column]
    if first in "\"'":
        i = column + 1
        while i < len(line):
            if first == '"' and line[i] == "\\":
                i += 2
                continue
            if line[i] == first:
                if first == "'" and line[i + 1 : i + 2] == "'":
                    i += 2
                    continue
                return column + 1, i
            i += 1
        return column + 1, len(line.rstrip())
    if first in "[{":
        closing, depth = {"[": "]", "{": "}"}[first], 0
        for i in range(column, len(line)):
            if line[i] == first:
                depth += 1
            elif line[i] == closing:
                depth -= 1
                if depth == 0:
                    return column, i + 1
        return column, len(line.rstrip())
    in_flow = line[:column].count("[") + line[:column].count("{") > (
        line[:column].count("]") + line[:column].count("}")
    )
    end = column
    while end < len(line):
        char = line[end]
        if char == "#" and end > 0 and line[end - 1] in " \t":
            break
        if char == ":" and (end + 1 == len(line) or line[end + 1] in " \t"):
            break
        if in_flow and char in ",]}":
            break
        end += 1
    return column, column + len(line[column:end].rstrip())


class FileText:
    """The lines of one file, for spans."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()

    def span(self, file: str, loc: tuple[int, int]) -> Span:
        line, column = loc[0] - 1, loc[1] - 1
        text = self.lines[line] if 0 <= line < len(self.lines) else ""
        start, end = token_span(text, column)
        return Span(file, line, start, end)


@dataclass
class MapSymbols:
    """The ids of one map (its own file and its includes): definitions, references, items."""

    path: str
    files: list[str] = field(default_factory=list)
    occurrences: list[Occurrence] = field(default_factory=list)
    definitions: dict[tuple[str, str], Occurrence] = field(default_factory=dict)
    items: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    texts: dict[str, FileText] = field(default_factory=dict)
    sources: dict[str, Parsed] = field(default_factory=dict)

    def key(self, occurrence: Occurrence) -> tuple[str, ...]:
        """What an occurrence means, the same in every map sharing a definition."""
        found = self.definitions.get((occurrence.kind, occurrence.ident))
        if found is None:
            return ("unresolved", self.path, occurrence.kind, occurrence.ident)
        span = found.span
        return (occurrence.kind, occurrence.ident, span.file, str(span.line), str(span.start))

    def at(self, file: str, line: int, column: int) -> Occurrence | None:
        for occurrence in self.occurrences:
            if occurrence.span.contains(file, line, column):
                return occurrence
        return None

    def ids(self, kind: str) -> list[str]:
        return [ident for k, ident in self.definitions if k == kind]

    def extent(self, kind: str, ident: str) -> tuple[int, int]:
        """The first and last (0-based) line of the item defining ``ident``."""
        span = self.definitions[(kind, ident)].span
        return _extent(self.sources[span.file], self.items[(kind, ident)], span.line)


def build(loaded: LoadedMap) -> MapSymbols:
    """The symbols of a loaded map (valid or not; its main file must parse to a mapping)."""
    symbols = MapSymbols(loaded.path)
    for source in (loaded.main, *loaded.sources):
        if source.path in symbols.texts:
            continue
        symbols.files.append(source.path)
        symbols.texts[source.path] = FileText(source.text)
        symbols.sources[source.path] = source
        if isinstance(source.data, dict):
            _definitions(symbols, source)
    if isinstance(loaded.main.data, dict):
        _references(symbols, loaded.main)
    return symbols


def _definitions(symbols: MapSymbols, source: Parsed) -> None:
    data = source.data
    text = symbols.texts[source.path]
    index = source.smap.index
    for kind in KINDS:
        items = data.get(kind)
        if not isinstance(items, list):
            continue
        for i, item in enumerate(items):
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                continue
            where = (kind, i, "id")
            span = text.span(source.path, index[id(item)][1]["id"][1])
            occurrence = Occurrence(kind, item["id"], span, True, where)
            symbols.occurrences.append(occurrence)
            key = (kind, item["id"])
            if key not in symbols.definitions:
                symbols.definitions[key] = occurrence
                symbols.items[key] = item


def _extent(source: Parsed, item: Any, first: int) -> tuple[int, int]:
    """The first and last (0-based) line of an item: the last line any of its values starts on,
    plus the lines of a multi-line block scalar that ends it."""
    last = first
    stack = [item]
    while stack:
        node = stack.pop()
        entry = source.smap.index.get(id(node))
        if entry is None:
            continue
        children = entry[1]
        locs = [v for _, v in children.values()] if isinstance(children, dict) else children
        values = list(node.values()) if isinstance(node, dict) else list(node)
        for loc, value in zip(locs, values, strict=False):
            extra = value.count("\n") if isinstance(value, str) else 0
            last = max(last, loc[0] - 1 + extra)
            if isinstance(value, dict | list):
                stack.append(value)
    return first, last


def _trie(references: tuple[tuple[tuple[str, ...], str], ...]) -> dict[str, Any]:
    root: dict[str, Any] = {}
    for keys, kind in references:
        node = root
        for key in keys[:-1]:
            node = node.setdefault(key, {})
        node[keys[-1]] = kind
    return root


_TRIE = _trie(REFERENCES)


def _references(symbols: MapSymbols, source: Parsed) -> None:
    text = symbols.texts[source.path]
    index = source.smap.index
    found: list[tuple[tuple[str | int, ...], dict[str, Any], str, str]] = []
    _visit(source.data, _TRIE, (), found)
    for where, owner, key, kind in found:
        value = owner[key]
        if isinstance(value, str):
            loc = index[id(owner)][1][key][1]
            span = text.span(source.path, loc)
            symbols.occurrences.append(Occurrence(kind, value, span, False, where))
        elif isinstance(value, list):
            item_locs = index[id(value)][1]
            for j, ident in enumerate(value):
                if isinstance(ident, str):
                    span = text.span(source.path, item_locs[j])
                    symbols.occurrences.append(Occurrence(kind, ident, span, False, (*where, j)))


def _visit(
    node: dict[str, Any],
    trie: dict[str, Any],
    path: tuple[str | int, ...],
    found: list[tuple[tuple[str | int, ...], dict[str, Any], str, str]],
) -> None:
    """Collect ``(path, mapping holding the value, its key, kind)`` for every reference."""
    for key, inner in trie.items():
        if key not in node:
            continue
        value = node[key]
        if isinstance(inner, str):
            found.append(((*path, key), node, key, inner))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, dict):
                    _visit(item, inner, (*path, key, i), found)
        elif isinstance(value, dict):
            _visit(value, inner, (*path, key), found)


# ---------------------------------------------------------------------------------------------
# Where the cursor is, from the text alone (it may not parse while the user types)

_KEY = re.compile(r"^(\s*(?:-\s+)*)([^\s#\-:'\"][^:#]*?|-[^\s:#][^:#]*?):(?:\s|$)")
_ITEM = re.compile(r"^(\s*)-(?:\s|$)")


def key_path_at(lines: list[str], line: int, column: int) -> tuple[list[str], bool]:
    """The keys leading to the value at the cursor, outermost first, and whether the cursor sits
    in a list (a flow list on the line or a block item ``- ``)."""
    text = lines[line][:column] if line < len(lines) else ""
    keys: list[str] = []
    in_list = False
    match = _KEY.match(text)
    if match and text[match.end() :].lstrip().startswith("["):
        keys, indent, in_list = [match.group(2).strip()], len(match.group(1)), True
    elif match:
        keys, indent = [match.group(2).strip()], len(match.group(1))
    else:
        item = _ITEM.match(text)
        if not item:
            return [], False
        in_list, indent = True, len(item.group(1)) + 1
        for above in range(line - 1, -1, -1):
            found = _KEY.match(lines[above])
            if found and len(found.group(1)) < indent and not lines[above][found.end() :].strip():
                keys, indent = [found.group(2).strip()], len(found.group(1))
                line = above
                break
            if found and len(found.group(1)) < indent:
                return [], False
        else:
            return [], False
    for above in range(line - 1, -1, -1):
        if indent == 0:
            break
        raw = lines[above]
        found = _KEY.match(raw)
        if found and len(found.group(1)) < indent and not raw[found.end() :].strip():
            keys.insert(0, found.group(2).strip())
            indent = len(found.group(1))
        elif raw.strip() and not raw.lstrip().startswith("#"):
            content = len(raw) - len(raw.lstrip(" -"))
            if content < indent and not found:
                return [], False
    return (keys if indent == 0 else []), in_list


def enum_values(keys: list[str]) -> list[str]:
    """The values the format allows at ``keys`` (an enum or a boolean), from the model."""
    model: Any = JourneyMap
    annotation: Any = None
    for key in keys:
        if model is None or key not in model.model_fields:
            return []
        annotation = model.model_fields[key].annotation
        model = nested_model(annotation)
    if annotation is None:
        return []
    return _literals(annotation)


def _literals(annotation: Any) -> list[str]:
    if annotation is bool:
        return ["true", "false"]
    if typing.get_origin(annotation) is typing.Literal:
        return [str(a) for a in typing.get_args(annotation)]
    if typing.get_origin(annotation) is list:
        return []
    values: list[str] = []
    for arg in typing.get_args(annotation):
        for value in _literals(arg):
            if value not in values:
                values.append(value)
    return values


def reference_kind(keys: list[str]) -> str | None:
    return REFERENCE_KIND.get(tuple(keys))


# ---------------------------------------------------------------------------------------------
# What to say about an id


def describe(symbols: MapSymbols, kind: str, ident: str) -> str | None:
    """Markdown for a hover: what the id names."""
    item = symbols.items.get((kind, ident))
    if item is None:
        return None
    word = KINDS[kind]
    title = item.get("name") or item.get("statement") or item.get("description") or ident
    lines = [f"**{_md(str(title))}** — {word} `{ident}`"]
    if kind == "personas":
        if isinstance(item.get("segment"), str):
            lines.append(f"\n{_md(item['segment'])}")
        goals = [g for g in item.get("goals") or [] if isinstance(g, str)]
        if goals:
            lines.append("\nGoals:")
            lines.extend(f"- {_md(goal)}" for goal in goals)
    elif kind == "touchpoints":
        stage = item.get("stage")
        if isinstance(stage, str):
            stage_item = symbols.items.get(("stages", stage)) or {}
            name = stage_item.get("name")
            shown = f"{_md(str(name))} (`{stage}`)" if name else f"`{stage}`"
            lines.append(f"\nStage: {shown}")
        scores = [
            e["score"]
            for e in item.get("experiences") or []
            if isinstance(e, dict) and type(e.get("score")) is int
        ]
        if scores:
            mean = sum(scores) / len(scores)
            many = "s" if len(scores) != 1 else ""
            lines.append(f"\nMean score: {mean:.1f} of 5 ({len(scores)} experience{many})")
        else:
            lines.append("\nNo experiences scored yet")
    elif kind == "stages" and isinstance(item.get("goal"), str):
        lines.append(f"\nGoal: {_md(item['goal'])}")
    elif kind == "metrics":
        unit = f", {item['unit']}" if isinstance(item.get("unit"), str) else ""
        lines.append(f"\nKind: {_md(str(item.get('kind')))}{_md(unit)}")
    elif kind == "pain_points":
        lines.append(f"\nSeverity: {_md(str(item.get('severity', 'medium')))}")
    definition = symbols.definitions[(kind, ident)].span
    lines.append(f"\n*Defined in {_md(definition.file)}, line {definition.line + 1}*")
    return "\n".join(lines)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>])")


def _md(text: str) -> str:
    """User text shown as Markdown, its markup characters escaped."""
    return _MD_SPECIAL.sub(r"\\\1", text.replace("\n", " "))
