"""Surgical edits of a hand-written map: change only the text of what changes.

A map is a user's file in git, with comments, key order, quoting, blank lines and indentation of
their own. A YAML round trip (even ruamel.yaml's) re-indents sequences, drops trailing spaces and
normalises spacing, so a one-cell change in a sheet would show as a diff of dozens of lines.
Instead, the file is composed into nodes that keep their start and end positions, and each change
becomes a text edit at those positions: a scalar is replaced where it stands, a new key or list item
is inserted as new lines in the indentation (and flow or block style) the file already uses.

The caller checks the result: it re-reads the edited text and compares it with the data it
expected (see ``csv_io``), so an unusual layout can never silently produce different data.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from journeykit.errors import JourneyError
from journeykit.interop.yaml_scalar import Scalar, flow_mapping, render_scalar

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_ANCHOR = re.compile(r"(?:^|[\s\[{,])&[^\s,\[\]{}]")  # `&name` outside a word: maybe an anchor


class _Composer(_Base):  # type: ignore[misc]
    """Nodes with positions only: tags are never used, so no resolver runs per scalar."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        return ""


HEADER_KEYS = ("id", "name", "stage", "channel", "kind", "owner")


class EditError(JourneyError):
    """The file's layout does not allow a safe text edit (anchors, aliases, odd structure);
    ``line`` and ``column`` (1-based) say where, when a place is to blame."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.line, self.column = line, column


@dataclass(order=True)
class _Edit:
    start: int
    end: int
    seq: int
    text: str = field(compare=False)


def _key(node: yaml.Node) -> Any:
    return node.value if isinstance(node, yaml.ScalarNode) else None


def get(mapping: yaml.MappingNode, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    for k, v in mapping.value:
        if _key(k) == key:
            return k, v
    return None


class MapText:
    """The text of one map file and the edits planned on it; :meth:`result` applies them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.nl = "\r\n" if "\r\n" in text else "\n"
        self._edits: list[_Edit] = []
        self._styles: dict[str, tuple[int, bool, int]] = {}
        try:
            root = yaml.compose(text, Loader=_Composer)
        except yaml.YAMLError as exc:  # the caller validated the file first; defensive
            raise EditError(f"cannot parse the map again: {exc}") from None
        if not isinstance(root, yaml.MappingNode):
            raise EditError("the map is not a mapping")
        found = get(root, "touchpoints")
        if found is None or not isinstance(found[1], yaml.SequenceNode):
            raise EditError("the map has no list of touchpoints")
        self.touchpoints: yaml.SequenceNode = found[1]
        if _ANCHOR.search(text):  # no anchor, no alias: skip the walk over every node
            self._check_no_aliases(root)
        self.by_id: dict[str, yaml.MappingNode] = {}
        for item in self.touchpoints.value:
            if isinstance(item, yaml.MappingNode):
                ident = get(item, "id")
                if ident is not None:
                    self.by_id[str(ident[1].value)] = item

    def _check_no_aliases(self, root: yaml.Node) -> None:
        """A node reached twice is an alias: editing it would change every place it is used."""
        seen: set[int] = set()
        shared: set[int] = set()
        stack = [root]
        while stack:
            node = stack.pop()
            if id(node) in seen:
                shared.add(id(node))
                continue
            seen.add(id(node))
            if isinstance(node, yaml.MappingNode):
                stack.extend(n for pair in node.value for n in pair)
            elif isinstance(node, yaml.SequenceNode):
                stack.extend(node.value)
        inner: list[yaml.Node] = [self.touchpoints]
        while inner:
            node = inner.pop()
            if id(node) in shared:
                raise EditError(
                    "this value is used again through a YAML alias (&anchor … *anchor) inside "
                    "`touchpoints`; an edit there would change every place that uses it, so edit "
                    "that part by hand, or write the value out in each place",
                    node.start_mark.line + 1,
                    node.start_mark.column + 1,
                )
            if isinstance(node, yaml.MappingNode):
                inner.extend(n for pair in node.value for n in pair)
            elif isinstance(node, yaml.SequenceNode):
                inner.extend(node.value)

    # -- positions ------------------------------------------------------------------------------

    def _content_end(self, node: yaml.Node) -> int:
        """Offset just past the last character of ``node``'s own text (not blank lines after)."""
        if isinstance(node, yaml.ScalarNode):
            end = int(node.end_mark.index)
            if node.style in ("|", ">"):
                while end > node.start_mark.index and self.text[end - 1] in " \t\r\n":
                    end -= 1
            return end
        if isinstance(node, yaml.MappingNode | yaml.SequenceNode) and not node.flow_style:
            last = node.value[-1]
            return self._content_end(last[1] if isinstance(node, yaml.MappingNode) else last)
        return int(node.end_mark.index)

    def _below(self, node: yaml.Node) -> int:
        """Where new lines go after ``node``: the start of the line after its text, or past the
        trailing blank lines of a ``|+`` / ``>+`` block scalar at its end (they are its value)."""
        last = node
        while isinstance(last, yaml.MappingNode | yaml.SequenceNode) and not last.flow_style:
            last = last.value[-1][1] if isinstance(last, yaml.MappingNode) else last.value[-1]
        if isinstance(last, yaml.ScalarNode) and last.style in ("|", ">"):
            start = int(last.start_mark.index)
            header = self.text[start : self._line_after(start)].split("#", 1)[0]
            end = int(last.end_mark.index)
            if "+" in header and (end == len(self.text) or self.text[end - 1] == "\n"):
                return end
        return self._line_after(self._content_end(node))

    def _line_after(self, offset: int) -> int:
        """Start of the line after the one holding ``offset`` (past a trailing comment)."""
        newline = self.text.find("\n", offset)
        return len(self.text) if newline < 0 else newline + 1

    def _insert_lines(self, offset: int, lines: Sequence[str]) -> None:
        text = "".join(line + self.nl for line in lines)
        if offset == len(self.text) and self.text and not self.text.endswith("\n"):
            text = self.nl + text
        self._add(offset, offset, text)

    def _add(self, start: int, end: int, text: str) -> None:
        self._edits.append(_Edit(start, end, len(self._edits), text))

    # -- edits ----------------------------------------------------------------------------------

    def set_value(self, mapping: yaml.MappingNode, key: str, value: Scalar) -> None:
        """Set ``key`` of ``mapping`` to a scalar: in place if present, else as a new key placed
        after the header keys (id, name, stage, channel, kind, owner) that precede it."""
        found = get(mapping, key)
        if found is not None:
            key_node, old = found
            if isinstance(old, yaml.ScalarNode) and old.end_mark.index > old.start_mark.index:
                style = old.style if old.style in ("'", '"') else None
                start, end = int(old.start_mark.index), self._content_end(old)
                self._add(start, end, render_scalar(value, style))
                return
            # an empty (null) value: rewrite the whole `key:` pair on its line
            colon = self.text.index(":", key_node.end_mark.index)
            end = max(colon + 1, self._content_end(old))
            key_text = self.text[key_node.start_mark.index : key_node.end_mark.index]
            self._add(int(key_node.start_mark.index), end, f"{key_text}: {render_scalar(value)}")
            return
        self._add_key(mapping, key, render_scalar(value))

    def _add_key(self, mapping: yaml.MappingNode, key: str, rendered: str) -> None:
        earlier = HEADER_KEYS[: HEADER_KEYS.index(key)] if key in HEADER_KEYS else HEADER_KEYS
        after = None
        for k, v in mapping.value:
            if _key(k) in earlier:
                after = v
        if after is None:
            after = mapping.value[-1][1]
        if mapping.flow_style:
            self._add(self._content_end(after), self._content_end(after), f", {key}: {rendered}")
            return
        indent = " " * int(mapping.value[0][0].start_mark.column)
        self._insert_lines(self._below(after), [f"{indent}{key}: {rendered}"])

    def set_score(self, experience: yaml.MappingNode, score: int) -> None:
        found = get(experience, "score")
        if found is None:
            raise EditError("an experience has no score")
        start, end = int(found[1].start_mark.index), self._content_end(found[1])
        self._add(start, end, str(score))

    def add_experiences(self, touchpoint: yaml.MappingNode, items: list[dict[str, Any]]) -> None:
        """Append ``{persona, score}`` items to the touchpoint's experiences."""
        self.add_items(touchpoint, "experiences", items)

    def add_items(
        self, touchpoint: yaml.MappingNode, key: str, items: list[dict[str, Any]]
    ) -> None:
        """Append mappings to the touchpoint's list ``key`` (experiences, measurements), creating
        the list if needed, in the style (flow or block, indentation) the file uses for it."""
        found = get(touchpoint, key)
        flows = ", ".join(flow_mapping(item) for item in items)
        if found is not None and isinstance(found[1], yaml.SequenceNode):
            seq = found[1]
            if seq.flow_style:
                if seq.value:
                    end = self._content_end(seq.value[-1])
                    self._add(end, end, ", " + flows)
                else:
                    start = int(seq.start_mark.index) + 1
                    self._add(start, start, flows)
                return
            last = seq.value[-1]
            dash = self._dash_column(seq)
            flow = isinstance(last, yaml.MappingNode) and bool(last.flow_style)
            inner = self._inner(last, dash)
            lines = [line for item in items for line in self._item_lines(item, dash, flow, inner)]
            self._insert_lines(self._below(last), lines)
            return
        if found is not None:
            raise EditError(f"`{key}` is not a list", *_place(found[1]))
        if touchpoint.flow_style:
            end = self._content_end(touchpoint.value[-1][1])
            self._add(end, end, f", {key}: [{flows}]")
            return
        key_col = int(touchpoint.value[0][0].start_mark.column)
        offset, flow, inner = self._list_style(key)
        lines = [" " * key_col + f"{key}:"]
        for item in items:
            lines += self._item_lines(item, key_col + offset, flow, inner)
        self._insert_lines(self._below(touchpoint), lines)

    def remove_touchpoints(self, removed: Sequence[yaml.Node]) -> None:
        """Delete touchpoints: their lines (and one blank line after each when the file separates
        touchpoints by blank lines), or their entries of a flow list. Comments above them stay."""
        items = self.touchpoints.value
        gone = {id(node) for node in removed}
        if self.touchpoints.flow_style:
            kept = [i for i, node in enumerate(items) if id(node) not in gone]
            last = kept[-1] if kept else -1
            for i in range(last):  # an entry before a kept one goes with the comma after it
                if id(items[i]) in gone:
                    start, end = items[i].start_mark.index, items[i + 1].start_mark.index
                    self._add(int(start), int(end), "")
            if last < len(items) - 1:  # the entries after the last kept one, with the comma before
                start = self._content_end(items[last]) if kept else int(items[0].start_mark.index)
                self._add(start, self._content_end(items[-1]), "")
            return
        blank = self._blank_between(items)
        for item in items:
            if id(item) not in gone:
                continue
            start = self._line_start(self._dash_of(item))
            end = self._line_after(self._content_end(item))
            if blank and self.text[end : self._line_after(end)].strip() == "":
                end = self._line_after(end)
            self._add(start, end, "")

    def _line_start(self, offset: int) -> int:
        return self.text.rfind("\n", 0, offset) + 1

    def add_touchpoint(self, after: yaml.MappingNode | None, data: dict[str, Any]) -> None:
        """Insert a new touchpoint after ``after`` (before the first one when ``None``)."""
        items = self.touchpoints.value
        if self.touchpoints.flow_style:
            if after is None:
                start = int(self.touchpoints.start_mark.index) + 1
                self._add(start, start, flow_mapping(data) + (", " if items else ""))
            else:
                end = self._content_end(after)
                self._add(end, end, ", " + flow_mapping(data))
            return
        dash = self._dash_column(self.touchpoints)
        first = items[0]
        inner = self._inner(first, dash)
        offset, flow, exp_inner = self._list_style("experiences")
        lines = self._item_lines(
            {k: v for k, v in data.items() if k != "experiences"}, dash, False, inner
        )
        if data.get("experiences"):
            lines.append(" " * (dash + inner) + "experiences:")
            for exp in data["experiences"]:
                lines += self._item_lines(exp, dash + inner + offset, flow, exp_inner)
        blank = [""] if self._blank_between(items) else []
        if after is None:
            self._insert_lines(self._line_start(self._dash_of(first)), [*lines, *blank])
        else:
            self._insert_lines(self._below(after), [*blank, *lines])

    # -- the file's own style -------------------------------------------------------------------

    def _dash_column(self, seq: yaml.SequenceNode) -> int:
        """Column of the ``-`` of a block sequence's items."""
        dash = self._dash_of(seq.value[0])
        return dash - self._line_start(dash)

    def _dash_of(self, item: yaml.Node) -> int:
        """Offset of the ``-`` that opens a block sequence's item: before the item on its first
        line (``- id: x``), or alone on a line above it (``-`` or ``- # note``, then ``id: x``)."""
        end = int(item.start_mark.index)
        while end > 0:
            start = self._line_start(end)
            before = self.text[start:end]
            if before.lstrip().startswith("-"):
                return start + len(before) - len(before.lstrip())
            end = start - 1  # the line above: blank, a comment, or the dash's own line
        raise EditError("cannot find the `-` of this list item", item.start_mark.line + 1)

    def _inner(self, item: yaml.Node, dash: int) -> int:
        """How far an item's keys stand right of its dash (2 in `- id: x`)."""
        if isinstance(item, yaml.MappingNode) and not item.flow_style:
            return max(int(item.start_mark.column) - dash, 2)
        return 2

    def _list_style(self, key: str) -> tuple[int, bool, int]:
        """(dash offset under its key, flow items?, key offset from the dash) of the first
        ``key`` list of a touchpoint in the file; else that of `experiences`; else defaults that
        follow the touchpoints list."""
        if key not in self._styles:
            self._styles[key] = self._find_list_style(key)
        return self._styles[key]

    def _find_list_style(self, key: str) -> tuple[int, bool, int]:
        for tp in self.touchpoints.value:
            if not isinstance(tp, yaml.MappingNode) or tp.flow_style:
                continue
            found = get(tp, key)
            if found and isinstance(found[1], yaml.SequenceNode) and not found[1].flow_style:
                seq = found[1]
                if not seq.value:
                    continue
                dash = self._dash_column(seq)
                first = seq.value[0]
                flow = isinstance(first, yaml.MappingNode) and bool(first.flow_style)
                key_col = int(found[0].start_mark.column)
                return dash - key_col, flow, self._inner(first, dash)
        if key != "experiences":
            return self._list_style("experiences")
        dash = self._dash_column(self.touchpoints) if not self.touchpoints.flow_style else 2
        return dash, False, 2

    def _blank_between(self, items: list[yaml.Node]) -> bool:
        """Are the file's touchpoints separated by blank lines?"""
        for before, nxt in itertools.pairwise(items):
            gap = self.text[self._line_after(self._content_end(before)) : nxt.start_mark.index]
            return any(not line.strip() for line in gap.splitlines()[:-1])
        return False

    def _item_lines(self, data: dict[str, Any], dash: int, flow: bool, inner: int) -> list[str]:
        if flow:
            return [" " * dash + "- " + flow_mapping(data)]
        lines = []
        for i, (key, value) in enumerate(data.items()):
            lead = " " * dash + "-" + " " * (inner - 1) if i == 0 else " " * (dash + inner)
            lines.append(f"{lead}{key}: {render_scalar(value)}")
        return lines

    # -- result ---------------------------------------------------------------------------------

    def result(self) -> str:
        """The text with every planned edit applied; edits at one offset keep their order."""
        out: list[str] = []
        position = 0
        for edit in sorted(self._edits):
            if edit.start < position:
                raise EditError("two changes overlap in one place of the file")
            out.append(self.text[position : edit.start])
            out.append(edit.text)
            position = edit.end
        out.append(self.text[position:])
        return "".join(out)


def _place(node: yaml.Node) -> tuple[int, int]:
    return int(node.start_mark.line) + 1, int(node.start_mark.column) + 1
