"""Maps to and from other formats: Mermaid ``journey`` diagrams and CSV sheets.

``dump_map`` writes the YAML of a new map so that journeykit's own loader (YAML 1.2) reads back
exactly the data written: a string that would resolve to something else as a plain scalar
(``0o17``, ``1e3``, ``null``, ``2026-01-01``, ``yes``…) is quoted.
"""

from __future__ import annotations

import re
from typing import Any

SLUG_CHARS = re.compile(r"[^a-z0-9]+")


def slugify(text: str, fallback: str) -> str:
    """A FORMAT.md slug (``^[a-z0-9][a-z0-9-]*$``) from any text; ``fallback`` when none is left."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = SLUG_CHARS.sub("-", ascii_text.lower()).strip("-")
    return slug[:60].rstrip("-") or fallback


class Ids:
    """Unique slugs: ``slug``, then ``slug-2``, ``slug-3``… (amortised: 10,000 names all alike
    do not rescan the numbers taken). ``taken`` may be seeded with ids already in use."""

    def __init__(self, taken: set[str] | None = None) -> None:
        self.taken: set[str] = set() if taken is None else taken
        self._next: dict[str, int] = {}

    def make(self, slug: str) -> str:
        if slug not in self.taken:
            self.taken.add(slug)
            return slug
        n = self._next.get(slug, 2)
        while f"{slug}-{n}" in self.taken:
            n += 1
        self._next[slug] = n + 1
        self.taken.add(f"{slug}-{n}")
        return f"{slug}-{n}"


def dump_map(data: dict[str, Any], header: str = "") -> str:
    """YAML text for ``data`` (keys in insertion order), led by ``header`` comment lines."""
    import yaml

    from journeykit.loader import resolve_plain

    class _Dumper(yaml.SafeDumper):
        def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
            # list items indented under their key, as in hand-written maps and the examples
            super().increase_indent(flow, False)

    def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
        plain_safe = resolve_plain(value) == value and type(resolve_plain(value)) is str
        style = None if plain_safe and value.strip() == value else '"'
        if "\n" in value:
            style = "|" if plain_safe and not value.endswith(" ") else '"'
        if "\x85" in value:  # NEL: PyYAML breaks a quoted line there, which libyaml folds
            style = '"'
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    _Dumper.add_representer(str, _str)
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, indent=2)
    lead = "".join(f"# {line}\n".replace("# \n", "#\n") for line in header.splitlines())
    return lead + body
