"""The journey as a Mermaid ``journey`` diagram, which GitHub renders inside Markdown.

One ``section`` per stage (stages with no touchpoint in view are left out: Mermaid draws an empty
section as nothing), one task per touchpoint with the mean score rounded half up (1–5) and the
names of the personas who pass there as actors. A touchpoint without any experience gets the
neutral score 3 and a ``%%`` comment saying so.

Mermaid's lexer gives ``:``, ``#``, ``;`` and line breaks a meaning, so they are replaced in names:
``:`` becomes ``꞉`` (U+A789, a colon look-alike; the title keeps its ``:``), ``#`` becomes ``＃``
(U+FF03), ``;`` becomes ``,`` and line breaks become spaces; ``%%`` (a comment) becomes
``% %``. Actor names also lose ``,`` (it separates actors) for ``‚`` (U+201A). A task name that
would read as a keyword (``section …``, ``title …``, ``accDescr …``) or start a comment is put
in double quotes, which Mermaid shows as they are.
"""

from __future__ import annotations

import re

from journeykit.model import JourneyMap
from journeykit.render import RenderOptions
from journeykit.render.text import one_line
from journeykit.render.view import MapView, round_half_up

_REPLACE = str.maketrans({":": "꞉", "#": "＃", ";": ","})
_REPLACE_TITLE = str.maketrans({"#": "＃", ";": ","})  # a title may hold ":"
_KEYWORD = re.compile(r"^(journey\b|title\s|section\s|acc(title|descr)\b|%)", re.IGNORECASE)
INDENT = "    "


def _text(value: str, table: dict[int, str] = _REPLACE) -> str:
    text = one_line(value).translate(table)
    while "%%" in text:
        text = text.replace("%%", "% %")
    return text


def _name(value: str, fallback: str) -> str:
    text = _text(value) or fallback
    return f'"{text}"' if _KEYWORD.match(text) else text


def _actor(value: str, fallback: str) -> str:
    return _text(value).replace(",", "‚") or fallback


def build_mermaid(journey: JourneyMap, options: RenderOptions) -> str:
    view = MapView(journey, options.persona)
    title = journey.title
    if options.persona is not None:
        title += f" — {view.personas[0].name}"
    title = _text(title, _REPLACE_TITLE) or journey.id
    lines = ["journey", f"{INDENT}title {title}"]
    for stage, touchpoints in view.stages:
        if not touchpoints:
            continue
        lines.append(f"{INDENT}section {_name(stage.name, stage.id)}")
        for tp in touchpoints:
            mean = view.mean_score(tp)
            if mean is None:
                lines.append(f"{INDENT * 2}%% {tp.id}: no experience recorded, shown as neutral")
            score = 3 if mean is None else round_half_up(mean)
            actors = ", ".join(_actor(p.name, p.id) for p in view.personas_at(tp))
            task = f"{INDENT * 2}{_name(tp.name, tp.id)}: {score}"
            lines.append(f"{task}: {actors}" if actors else task)
    return "\n".join(lines) + "\n"


def render_mermaid(journey: JourneyMap, options: RenderOptions) -> bytes:
    return build_mermaid(journey, options).encode("utf-8")
