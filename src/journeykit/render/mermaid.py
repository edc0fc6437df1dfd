"""The journey as a Mermaid ``journey`` diagram, which GitHub renders inside Markdown.

One ``section`` per stage (stages with no touchpoint in view are left out: Mermaid draws an empty
section as nothing), one task per touchpoint with the mean score rounded half up (1–5) and the
names of the personas who pass there as actors. A touchpoint without any experience gets the
neutral score 3 and a ``%%`` comment saying so.

Mermaid's lexer gives ``:``, ``#``, ``;`` and line breaks a meaning, so names use Mermaid's own
entity codes, which Mermaid replaces before it parses and shows as the character: ``:`` is
``#58;``, ``;`` is ``#59;``, ``#`` is ``#35;`` (the title keeps its ``:``), ``,`` in an actor's name
is ``#44;``, and ``%%`` (a comment) is ``#37;%``. HTML's ``<``, ``>`` and ``&`` are ``#60;``,
``#62;`` and ``#38;`` everywhere, so no name reaches a page as markup. A task name that would
read as a keyword (``section …``, ``title …``, ``accDescr …``) or a comment has its first
character written as an entity code. Nothing is lost but line breaks (spaces), so
``journey import mermaid`` reads the text back as the names it came from.
"""

from __future__ import annotations

import re

from journeykit.model import JourneyMap, MapView
from journeykit.render import RenderOptions
from journeykit.render.readings import round_half_up
from journeykit.render.text import one_line

# HTML's special characters, as entity codes: a page drawing the diagram with a loose security
# level puts names into the page as HTML, where ``<script>`` or ``<img onerror=…>`` would run.
_HTML = {"<": "#60;", ">": "#62;", "&": "#38;"}
_NAME = str.maketrans({":": "#58;", ";": "#59;", "#": "#35;", **_HTML})
_TITLE = str.maketrans({";": "#59;", "#": "#35;", **_HTML})  # a title may hold ":"
_ACTOR = str.maketrans({":": "#58;", ";": "#59;", "#": "#35;", ",": "#44;", **_HTML})
_KEYWORD = re.compile(r"^(journey\b|title\s|section\s|acc(title|descr)\b|%)", re.IGNORECASE)
_COMMENT = re.compile("%(?=%)")
INDENT = "    "


def _text(value: str, table: dict[int, str] = _NAME) -> str:
    return _COMMENT.sub("#37;", one_line(value).translate(table))


def _task(value: str, fallback: str) -> str:
    text = _text(value) or fallback
    return f"#{ord(text[0])};{text[1:]}" if _KEYWORD.match(text) else text


def _actor(value: str, fallback: str) -> str:
    return _text(value, _ACTOR) or fallback


def build_mermaid(journey: JourneyMap, options: RenderOptions) -> str:
    view = MapView(journey, options.persona)
    title = journey.title
    if options.persona is not None:
        title += f" — {view.personas[0].name}"
    title = _text(title, _TITLE) or journey.id
    lines = ["journey", f"{INDENT}title {title}"]
    for stage, touchpoints in view.stages:
        if not touchpoints:
            continue
        lines.append(f"{INDENT}section {_text(stage.name) or stage.id}")
        for tp in touchpoints:
            mean = view.mean_score(tp)
            if mean is None:
                lines.append(f"{INDENT * 2}%% {tp.id}: no experience recorded, shown as neutral")
            score = 3 if mean is None else round_half_up(mean)
            actors = ", ".join(_actor(p.name, p.id) for p in view.personas_at(tp))
            task = f"{INDENT * 2}{_task(tp.name, tp.id)}: {score}"
            lines.append(f"{task}: {actors}" if actors else task)
    return "\n".join(lines) + "\n"


def render_mermaid(journey: JourneyMap, options: RenderOptions) -> bytes:
    return build_mermaid(journey, options).encode("utf-8")
