"""YAML text -> plain data plus a source map (the line:column of every key and value).

To load a map (read the file, merge its includes, validate it) use :func:`journeykit.maps.load_map`:
this module is its YAML step, also used for configs and by ``journey fmt`` and ``diff``.

We drive libyaml's event parser ourselves instead of PyYAML's constructor. That buys, for about half
the cost of ``yaml.load``:

* positions for every key and value, stored per container (no path tuples on the hot path);
* YAML 1.2 core-schema scalars (:mod:`journeykit.yaml_core`): only ``true``/``false`` are
  booleans, ``yes``/``no``/``on``/``off`` stay strings, ``1_000`` and ``0777``-style octals are not
  numbers, sexagesimals are text;
* safety: no tag but the standard ones is honoured (``!!python/...`` is an error, nothing is ever
  constructed from a tag), the expansion of aliases and the nesting depth are bounded, duplicate
  keys are reported at their second occurrence. The event parser is a state machine, so even a
  pathologically nested file cannot exhaust the C stack;
* keys starting with ``x-`` (users' own extensions, free at any level) are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

import yaml

from journeykit.decoding import decode
from journeykit.problems import Problem, quote
from journeykit.yaml_core import (
    ALLOWED_TAGS,
    MAYBE_TYPED,
    STD,
    TAG_TYPES,
    resolve_plain,
    tag_message,
)

MAX_DEPTH = 64
EXTENSION_PREFIX = "x-"  # keys of users' own, free at any level; skipped while loading
# The bound on aliases (billion laughs): the values aliases stand for, counted as if written out,
# may not exceed ALIAS_FACTOR times the values actually written plus ALIAS_SLACK, nor ALIAS_CEILING.
# Values written out are not bounded here: an honest map is as large as its file.
ALIAS_FACTOR = 10
ALIAS_SLACK = 10_000
ALIAS_CEILING = 2_000_000

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Loc = tuple[int, int]  # 1-based (line, column)
TOO_DEEP = (
    f"values are nested more than {MAX_DEPTH} levels deep; a journey map needs far fewer: "
    "flatten the structure"
)


@dataclass
class SourceMap:
    """Where each key and value of one parsed document stands.

    ``index`` maps ``id(container)`` to ``(loc, children)``: for a mapping, children maps each key
    to ``(key_loc, value_loc)``; for a sequence, it is the list of item locations. The root data is
    kept alive here so that the ids stay valid.
    """

    path: str
    root: Any = None
    index: dict[int, tuple[Loc, Any]] = field(default_factory=dict)

    def locate(self, path: tuple[str | int, ...], *, key: bool = False) -> Loc:
        """Position of the value at ``path`` (of its key with ``key=True``).

        A path that does not exist resolves to the deepest existing container: for a missing key,
        that is the mapping that lacks it.
        """
        node = self.root
        entry = self.index.get(id(node))
        if entry is None:
            return (1, 1)
        loc = entry[0]
        for i, segment in enumerate(path):
            entry = self.index.get(id(node))
            if entry is None:
                return loc
            children = entry[1]
            last = i == len(path) - 1
            if isinstance(children, dict) and isinstance(node, dict) and segment in children:
                key_loc, value_loc = children[segment]
                loc = key_loc if (key and last) else value_loc
                node = node[segment]
            elif (
                isinstance(children, list)
                and isinstance(segment, int)
                and 0 <= segment < len(children)
            ):
                loc = children[segment]
                node = node[segment]
            else:
                return entry[0]
        return loc


@dataclass
class Parsed:
    """One YAML document read from ``path``: its data, source map and the problems found."""

    path: str
    data: Any
    smap: SourceMap
    problems: list[Problem]
    text: str = ""  # the decoded source, for comment directives (`# journeykit: ...`)

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


class _Abort(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem


def parse_bytes(raw: bytes, path: str) -> Parsed:
    decoded = decode(raw, path)
    if decoded.text is None:
        assert decoded.bad is not None
        return Parsed(path, None, SourceMap(path), [decoded.bad.not_text])
    return parse_text(decoded.text, path)


def parse_text(text: str, path: str) -> Parsed:
    """Parse one YAML document. Never raises for bad input: problems come back in ``Parsed``."""
    return _parse(text, path, retry=True)


def _parse(text: str, path: str, *, retry: bool) -> Parsed:
    builder = _Builder(path)
    loader = _Loader(text)
    try:
        builder.run(loader)
    except _Abort as abort:
        return Parsed(path, None, SourceMap(path), [*builder.problems, abort.problem])
    except yaml.MarkedYAMLError as exc:
        if _libyaml_nesting_limit(exc):
            return _too_deep(text, path, exc, retry=retry)
        problem = _syntax_problem(path, exc, text)
        return Parsed(path, None, SourceMap(path), [*builder.problems, problem])
    except yaml.YAMLError as exc:  # reader errors carry a position of their own
        return Parsed(
            path, None, SourceMap(path), [*builder.problems, _reader_problem(path, text, exc)]
        )
    finally:
        loader.dispose()
    smap = SourceMap(path, builder.root, builder.index)
    return Parsed(path, builder.root, smap, builder.problems, text)


def _libyaml_nesting_limit(exc: yaml.MarkedYAMLError) -> bool:
    """libyaml's own depth limit (0.2.6 on): "exceeded maximum nesting depth" from its scanner,
    "Maximum nesting level reached" from its parser."""
    return "nesting" in f"{exc.context} {exc.problem}".lower()


def _too_deep(text: str, path: str, exc: yaml.MarkedYAMLError, *, retry: bool) -> Parsed:
    """Report libyaml's nesting limit as ours, at the first value nested past ``MAX_DEPTH``.

    libyaml (0.2.6 on) gives up past 1,000 levels while its scanner looks ahead for keys, before
    any event of the deep values reaches the builder. Everything before the point where it gave
    up is nested at least that deep, so parsing just that prefix (which libyaml accepts) brings
    the builder past ``MAX_DEPTH`` at the same place as a libyaml without a limit would.
    """
    mark = exc.problem_mark or exc.context_mark
    if retry and mark is not None and 0 < mark.index <= len(text):
        prefix = _parse(text[: mark.index], path, retry=False)
        if prefix.problems and prefix.problems[-1].code == "too-deep":
            return prefix
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Parsed(path, None, SourceMap(path), [Problem(path, line, column, "too-deep", TOO_DEEP)])


def _syntax_problem(path: str, exc: yaml.MarkedYAMLError, text: str = "") -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = " ".join(part for part in (exc.context, exc.problem) if part)
    # libyaml names no tab when one starts the line ("cannot start any token"): look at it
    lines = text.splitlines()
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    indented_by_tab = "\t" in source[: len(source) - len(source.lstrip())]
    hint = ""
    if "tab" in what or "'\\t'" in what or indented_by_tab:
        hint = "; YAML does not allow tabs for indentation, use spaces"
    elif "mapping values are not allowed" in what:
        hint = "; a value containing `: ` must be quoted"
    elif "expected '-' indicator" in what or "expected <block end>" in what:
        hint = "; check the indentation of this line against the lines above"
    elif "could not find expected ':'" in what:
        hint = "; check the indentation and that each key ends with `:`"
    return Problem(path, line, column, "yaml-syntax", f"YAML syntax error: {what}{hint}")


def _reader_problem(path: str, text: str, exc: yaml.YAMLError) -> Problem:
    position = getattr(exc, "position", None)
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    line = column = 1
    if isinstance(position, int):
        before = text[:position]
        line = before.count("\n") + 1
        column = position - (before.rfind("\n") + 1) + 1
        message = f"{message} (character offset {position})"
    return Problem(path, line, column, "yaml-syntax", f"YAML cannot read this file: {message}")


class _Builder:
    """Builds plain data from parser events, recording positions per container."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.root: Any = None
        self.index: dict[int, tuple[Loc, Any]] = {}
        self.problems: list[Problem] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.nodes = 0

    def _abort(self, loc: Loc, code: str, message: str) -> _Abort:
        return _Abort(Problem(self.path, loc[0], loc[1], code, message))

    def _scalar(self, event: Any, loc: Loc) -> Any:
        tag = event.tag
        value = event.value
        if tag is None:
            return resolve_plain(value) if event.implicit[0] else value
        if tag == "!" or tag == STD + "str":
            return value
        if tag not in ALLOWED_TAGS:
            raise self._abort(loc, "forbidden-tag", tag_message(tag))
        if tag in TAG_TYPES:
            resolved = resolve_plain(value)
            is_bool = isinstance(resolved, bool)
            if not isinstance(resolved, TAG_TYPES[tag]) or (is_bool and tag != STD + "bool"):
                raise self._abort(
                    loc, "yaml-syntax", f"{quote(value)} is not a valid {tag[len(STD) :]}"
                )
            return float(cast(float, resolved)) if tag == STD + "float" else resolved
        raise self._abort(loc, "forbidden-tag", f"tag `{tag}` cannot be used on a plain value")

    def run(self, loader: Any) -> None:
        """Collect each container's items and their locations flat; build the container at its end.

        A mapping's items alternate key, value; its keys are kept as written (``true:`` is the
        key "true"), so scalars in key position skip resolution altogether.
        """
        get_event = loader.get_event
        scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
        mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
        mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
        document_start = yaml.DocumentStartEvent
        # A frame: (items, locations, is_mapping, start location, anchor, nodes at start)
        stack: list[tuple[list[Any], list[Loc], bool, Loc, str | None, int]] = []
        items: list[Any] = []
        locs: list[Loc] = []
        in_mapping = False
        documents = 0
        nodes = 0  # values as if aliases were written out
        written = 0  # values written in the text (an alias counts as one)
        anchors = self.anchors
        maybe_typed = MAYBE_TYPED
        while True:
            event = get_event()
            if event is None:
                return
            kind = type(event)
            mark = event.start_mark
            loc = (mark.line + 1, mark.column + 1)
            if kind is scalar_event:
                nodes += 1
                written += 1
                value = event.value
                if event.tag is not None:
                    value = self._scalar(event, loc)
                elif in_mapping and not len(items) & 1:
                    pass  # a key: kept as written
                elif value and value[0] not in maybe_typed:
                    pass  # plain text, the common case: no resolution needed
                elif event.implicit[0]:
                    value = resolve_plain(value)
                if event.anchor:
                    anchors[event.anchor] = (value, 1)
            elif kind is mapping_start or kind is sequence_start:
                if event.tag is not None and event.tag not in ALLOWED_TAGS:
                    raise self._abort(loc, "forbidden-tag", tag_message(event.tag))
                if len(stack) >= MAX_DEPTH:
                    raise self._abort(loc, "too-deep", TOO_DEEP)
                nodes += 1
                written += 1
                stack.append((items, locs, in_mapping, loc, event.anchor, nodes))
                items, locs, in_mapping = [], [], kind is mapping_start
                continue
            elif kind is mapping_end or kind is sequence_end:
                children: Any
                if in_mapping:
                    value, children = self._mapping(items, locs)
                else:
                    value, children = items, locs
                items, locs, in_mapping, loc, anchor, start = stack.pop()
                self.index[id(value)] = (loc, children)
                if anchor:
                    anchors[anchor] = (value, nodes - start + 1)
            elif kind is alias_event:
                if event.anchor not in anchors:
                    raise self._abort(
                        loc, "yaml-syntax", f"alias {quote('*' + event.anchor)} has no anchor"
                    )
                value, size = anchors[event.anchor]
                written += 1
                nodes += size
                aliased = nodes - written
                if aliased > ALIAS_FACTOR * written + ALIAS_SLACK or aliased > ALIAS_CEILING:
                    raise self._abort(
                        loc,
                        "too-large",
                        f"aliases expand this document to {nodes:,} values from {written:,} "
                        "written (an alias bomb?); a journey map needs no such expansion: write "
                        "the values out or split the file",
                    )
            elif kind is document_start:
                documents += 1
                if documents > 1:
                    self.problems.append(
                        Problem(
                            self.path,
                            loc[0],
                            loc[1],
                            "multiple-documents",
                            "a journey map file holds one YAML document; remove this `---` "
                            "and what follows, or move it to its own file",
                        )
                    )
                    return
                continue
            else:  # stream and document end markers
                continue
            if stack:
                items.append(value)
                locs.append(loc)
            else:
                self.root = value

    def _mapping(
        self, items: list[Any], locs: list[Loc]
    ) -> tuple[dict[str, Any], dict[str, tuple[Loc, Loc]]]:
        """A mapping and its key and value locations, from alternating keys and values."""
        mapping: dict[str, Any] = {}
        children: dict[str, tuple[Loc, Loc]] = {}
        for i in range(0, len(items), 2):
            key = items[i]
            key_loc = locs[i]
            if type(key) is not str:
                if type(key) is dict or type(key) is list:
                    raise self._abort(
                        key_loc, "yaml-syntax", "a mapping key must be text, not a list or mapping"
                    )
                key = str(key)
            if key in children:
                self.problems.append(
                    Problem(
                        self.path,
                        key_loc[0],
                        key_loc[1],
                        "duplicate-key",
                        f"key {quote(key)} appears twice in this mapping (first at line "
                        f"{children[key][0][0]}); keep one of them",
                    )
                )
            elif key[:2] != EXTENSION_PREFIX:  # x- keys are users' own data: nothing reads them
                mapping[key] = items[i + 1]
                children[key] = (key_loc, locs[i + 1])
        return mapping, children


__all__ = [
    "ALIAS_CEILING",
    "ALIAS_FACTOR",
    "ALIAS_SLACK",
    "MAX_DEPTH",
    "Parsed",
    "SourceMap",
    "parse_bytes",
    "parse_text",
    "resolve_plain",
]
