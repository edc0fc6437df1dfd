"""The canonical layout of a map, applied to a ruamel.yaml round-trip tree in place.

The style (written down in docs/format.md, "Layout style"):

* keys in the documented order of their kind of thing: the field order of the model
  (``journeykit``, ``id``, ``title``, ... at the top), except in a touchpoint, whose order is the
  one the examples use (:data:`TOUCHPOINT_ORDER`: what it is, who passes, what happens, what is
  behind it, then how it feels and measures). A key the format does not know (``x-*``) keeps
  its place after the key it follows; one that comes first stays first;
* lists of ids (a touchpoint's or pain point's ``personas``, ``next``, ``addresses``) and an
  action's ``target`` in flow style (``[a, b]``, ``{metric: m, value: 1}``) when that fits on a
  line of :data:`FLOW_WIDTH` characters and no comment sits inside; everything else in block style;
* short lists of words (``tags``, a touchpoint's ``thoughts``, a persona's
  ``preferred_channels``) keep the style they are written in, flow or block, as long as a flow
  list fits on a line: the examples write them in block style, ``journey init``'s maps in flow;
* inside ``x-*`` keys and free mappings (``demographics``) nothing is reordered or restyled: that
  data is the user's own.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from journeykit.model.map import JourneyMap, Touchpoint, nested_model

FLOW_WIDTH = 100
# (model, key) whose value is written in flow style when short: the places the examples use it.
FLOW_KEYS = frozenset({"personas", "next", "addresses", "target", "events", "measure"})
_FLOW_OWNERS = frozenset({"Touchpoint", "PainPoint", "Opportunity", "Action", "Metric"})
# Lists of words written either way (the examples use block style, the init templates flow).
EITHER_KEYS = frozenset({"tags", "thoughts", "preferred_channels"})
TOUCHPOINT_ORDER = (
    "id", "name", "stage", "channel", "kind", "owner", "personas", "moment_of_truth",
    "description", "customer_action", "thoughts", "next", "backstage", "events", "experiences",
    "measurements",
)  # fmt: skip
_ORDERS: dict[type[BaseModel], tuple[str, ...]] = {Touchpoint: TOUCHPOINT_ORDER}


def key_order(model: type[BaseModel]) -> dict[str, int]:
    """The documented key order of one kind of thing (its model's field order by default)."""
    names = _ORDERS.get(model) or tuple(model.model_fields)
    return {name: i for i, name in enumerate(names)}


def apply(tree: Any) -> None:
    """Reorder and restyle the whole document ``tree`` (a ruamel ``CommentedMap``) in place."""
    _block(tree)
    _mapping(tree, JourneyMap, 0)
    _unflow_commented(tree)


def _unflow_commented(node: Any) -> bool:
    """Block style for any flow collection with a comment inside, and for the collections
    around it (a block cannot sit inside a flow collection): ruamel.yaml drops such comments
    when it writes flow style. This reaches into ``x-*`` data too. True when ``node`` or
    something inside it holds a comment this way."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if not isinstance(node, CommentedMap | CommentedSeq):
        return False
    children = node.values() if isinstance(node, CommentedMap) else node
    inner = [_unflow_commented(child) for child in children]  # every child, no short cut
    commented = bool(node.ca.items) or any(inner)
    if commented and node.fa.flow_style():
        node.fa.set_block_style()
    return commented


def _mapping(node: Any, model: type[BaseModel], indent: int) -> None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if not isinstance(node, CommentedMap) or node.merge:
        return  # merge keys (`<<`) are not part of the format: leave such a mapping as written
    _reorder(node, key_order(model))
    for key in list(node):
        if not isinstance(key, str) or key.startswith("x-") or key not in model.model_fields:
            continue
        value = node[key]
        inner = nested_model(model.model_fields[key].annotation)
        flow = key in FLOW_KEYS and model.__name__ in _FLOW_OWNERS
        if isinstance(value, CommentedSeq):
            if flow or (key in EITHER_KEYS and value.fa.flow_style()):
                _choose_flow(value, key, indent)
            elif key not in EITHER_KEYS:
                _block(value)
            if inner is not None:
                for item in value:
                    if isinstance(item, CommentedMap):
                        _block(item)
                    _mapping(item, inner, indent + 4)
        elif isinstance(value, CommentedMap) and flow:  # {metric, value}, a measure spec
            _choose_flow(value, key, indent)
            if inner is not None:
                _mapping(value, inner, indent + 2)
        elif isinstance(value, CommentedMap) and inner is not None:
            _block(value)
            _mapping(value, inner, indent + 2)


def _reorder(node: Any, order: dict[str, int]) -> None:
    """Sort known keys into ``order``; an unknown key travels with the known key before it."""
    groups: list[tuple[int, list[Any]]] = []
    for key in node:
        rank = order.get(key) if isinstance(key, str) else None
        if rank is None and groups:
            groups[-1][1].append(key)
        else:
            groups.append((-1 if rank is None else rank, [key]))
    wanted = [key for _, keys in sorted(groups, key=lambda g: g[0]) for key in keys]
    if wanted == list(node):
        return
    for key in wanted:
        node.move_to_end(key)


def _block(node: Any) -> None:
    if node.fa.flow_style():
        node.fa.set_block_style()


def _choose_flow(node: Any, key: str, indent: int) -> None:
    """Flow style when the items are short plain values, no comment sits inside, and it fits."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    items = list(node.items()) if isinstance(node, CommentedMap) else [(None, v) for v in node]
    # a mapping may hold a short list of plain values too: a measure spec's [from, to]
    lists = [v for _, v in items if isinstance(v, CommentedSeq) and isinstance(node, CommentedMap)]
    plain = all(
        _plain(v) or (v in lists and not v.ca.items and all(_plain(x) for x in v)) for _, v in items
    )
    # a comment between the items, or (for a block list) one after the key, keeps the block
    commented = bool(node.ca.items) or (
        not node.fa.flow_style() and bool(node.ca.comment and any(node.ca.comment))
    )
    if not plain or commented or (getattr(node, "anchor", None) and node.anchor.value):
        _block(node)
        return
    if isinstance(node, CommentedMap):
        shown = [(k, f"[{', '.join(map(str, v))}]" if v in lists else v) for k, v in items]
        text = "{" + ", ".join(f"{k}: {v}" for k, v in shown) + "}"
    else:
        text = "[" + ", ".join(str(v) for _, v in items) + "]"
    # "- key: " at worst: the indent of the mapping, a dash and the key
    if indent + 2 + len(key) + 2 + len(text) <= FLOW_WIDTH:
        node.fa.set_flow_style()
        for inner in lists:
            inner.fa.set_flow_style()
    else:
        _block(node)


def _plain(value: object) -> bool:
    return isinstance(value, str | int | float) and not isinstance(value, bool) and _short(value)


def _short(value: object) -> bool:
    text = str(value)
    return "\n" not in text and len(text) <= FLOW_WIDTH
