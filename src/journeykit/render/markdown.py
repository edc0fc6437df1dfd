"""A small, safe Markdown subset for description fields ("Markdown allowed in renderings").

Parsed by markdown-it-py (CommonMark's rules, so emphasis and links nest as they should) with
only these enabled: paragraphs (blank lines), ``**bold**``, ``*emphasis*``, ```code```,
backslash escapes and ``[text](url)`` links whose URL starts with ``http://``, ``https://`` or
``mailto:``. Raw HTML is off (shown as text, escaped), and anything else (headings, lists,
images, other links) is shown as the text it is. Links open nothing by themselves: no request
is made until a reader clicks one.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from journeykit.render.text import clean

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token
    from markdown_it.utils import OptionsDict

SCHEMES = ("http://", "https://", "mailto:")


def _safe_link(url: str) -> bool:
    return url.lower().startswith(SCHEMES)


def _link_open(self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
    tokens[idx].attrSet("rel", "noopener noreferrer")
    return str(self.renderToken(tokens, idx, options, env))


def _space(self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
    return " "


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt  # here: imported only when a page is rendered

    md = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": False})
    md.enable(["emphasis", "backticks", "link", "escape", "newline"])
    md.validateLink = _safe_link  # type: ignore[method-assign]
    md.add_render_rule("link_open", _link_open)
    for kind in ("softbreak", "hardbreak"):  # a line break inside a paragraph is a space
        md.add_render_rule(kind, _space)
    return md


def markdown(text: str | None) -> Markup:
    """``text`` as safe HTML paragraphs (an empty Markup for no text)."""
    if not text:
        return Markup("")
    html = _parser().render(clean(text))
    return Markup(html.replace("</p>\n", "</p>").strip())
