"""Values as YAML text that journeykit's YAML 1.2 loader reads back exactly as they were."""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml

from journeykit.loader import resolve_plain

Scalar = str | int | float | dt.date


def render_scalar(value: Scalar, style: str | None = None) -> str:
    """``value`` as one line of YAML, valid in block and flow context, that journeykit's YAML 1.2
    loader reads back as exactly ``value``. ``style`` (``'`` or ``"``) keeps a file's quoting."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)  # finite floats only: the model refuses inf and nan
    if isinstance(value, dt.date):
        return value.isoformat()
    plain = resolve_plain(value)
    if not (isinstance(plain, str) and plain == value) or value.strip() != value:
        style = '"'
    if any(ch in value for ch in "\n\r\x85\u2028\u2029"):
        style = '"'
    node = yaml.MappingNode(
        "tag:yaml.org,2002:map",
        [
            (
                yaml.ScalarNode("tag:yaml.org,2002:str", "v"),
                yaml.ScalarNode("tag:yaml.org,2002:str", value, style=style),
            )
        ],
        flow_style=True,
    )
    text = yaml.serialize(node, Dumper=yaml.SafeDumper, width=1_000_000, allow_unicode=True)
    assert text.startswith("{v: ") and text.endswith("}\n"), text
    return text[4:-2]


def flow_mapping(data: dict[str, Any]) -> str:
    """A mapping (of scalars and lists of such mappings) in flow style: ``{a: 1, b: [{c: x}]}``."""
    parts = []
    for key, value in data.items():
        if isinstance(value, list):
            parts.append(f"{key}: [{', '.join(flow_mapping(v) for v in value)}]")
        else:
            parts.append(f"{key}: {render_scalar(value)}")
    return "{" + ", ".join(parts) + "}"
