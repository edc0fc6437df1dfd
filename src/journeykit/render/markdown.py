"""A tiny, safe Markdown subset for description fields ("Markdown allowed in renderings").

The text is HTML-escaped first; only then are these turned into markup: paragraphs (blank lines),
``**bold**``, ``*emphasis*``, ```code``` and ``[text](url)`` links whose URL starts with
``http://``, ``https://`` or ``mailto:``. Anything else (headings, lists, images, raw HTML) is
shown as the text it is. Links open nothing by themselves: no request is made until a reader
clicks one.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from journeykit.render.text import clean

_CODE = re.compile(r"`([^`\n]+)`")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_EM = re.compile(r"(?<![*\w])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![*\w])")
_LINK = re.compile(r"\[([^\[\]\n]+)\]\(((?:https?://|mailto:)[^\s()<>]+)\)")


def _inline(escaped: str) -> str:
    """Bold, emphasis and links on already-escaped text (code spans are handled by the caller)."""
    text = _LINK.sub(r'<a href="\2" rel="noopener noreferrer">\1</a>', escaped)
    text = _BOLD.sub(r"<strong>\1</strong>", text)
    return _EM.sub(r"<em>\1</em>", text)


def _paragraph(text: str) -> str:
    parts = _CODE.split(str(escape(" ".join(text.split()))))
    # split() with one group alternates: text, code, text, code, ...
    return "".join(
        f"<code>{part}</code>" if i % 2 else _inline(part) for i, part in enumerate(parts)
    )


def markdown(text: str | None) -> Markup:
    """``text`` as safe HTML paragraphs (an empty Markup for no text)."""
    if not text:
        return Markup("")
    paragraphs = [p for p in re.split(r"\n\s*\n", clean(text)) if p.strip()]
    return Markup("".join(f"<p>{_paragraph(p)}</p>" for p in paragraphs))
