"""Mermaid ``journey`` diagrams → journey maps (one map per diagram).

* title → the map's ``title`` and ``id`` (a slug); no title: front matter ``title``, then
  ``accTitle``, then a title made from the file name. ``accDescr`` → ``description``; an
  ``accTitle`` that differs from the title is kept under ``x-mermaid: {accTitle: …}``.
* sections → stages in order (tasks before any section go to a stage "Journey"; a section without
  tasks is kept as an empty stage); tasks → touchpoints; actors → personas (``name`` is the actor's
  text); a task's score → one experience per actor, all with that score, and the touchpoint's
  ``personas`` lists exactly its actors. A task without actors gets the default persona "Customer"
  (the diagram's own actor of that slug when there is one).
* ids are slugs of the names, made unique (``make-tea``, ``make-tea-2``); a name with no Latin
  letters or digits (CJK, emoji) gets ``task-3``, ``stage-2``, ``persona-4`` (its position).
* scores: a whole number 1–5 as is; below 1 or above 5 → clamped to 1 or 5 (warning); another
  number between → rounded half up (warning); not a number or missing → no experience, the
  touchpoint is kept (warning). Every warning names the line and column in the original file.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from journeykit.interop import Ids, dump_map, slugify
from journeykit.interop.mermaid import Diagram, Task, parse
from journeykit.interop.mermaid_extract import decode, find_blocks, warning
from journeykit.problems import Problem, Severity, one_line, quote

INFO = Severity.INFO

DEFAULT_PERSONA = ("customer", "Customer")
LEAD_STAGE = "Journey"  # the stage of tasks written before any section
NAME_LIMIT, TEXT_LIMIT = 500, 10_000  # characters in a name, in the description
# A diagram that would build more values than this is skipped: no journey drawn by hand comes near,
# and the bound keeps a hostile page from building a huge map in memory.
MAX_VALUES = 2_000_000
TOUCHPOINT_VALUES = 10  # the fewest values a touchpoint takes
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


@dataclass
class ImportedMap:
    id: str
    title: str
    line: int  # where the diagram starts in the source
    data: dict[str, Any]
    text: str  # the YAML to write


@dataclass
class ImportResult:
    maps: list[ImportedMap] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    journeys: int = 0  # journey diagrams found, with or without tasks
    others: int = 0  # Mermaid diagrams of other kinds, skipped
    empty: int = 0  # diagrams with no statement at all (only comments, front matter…), skipped


def import_mermaid(
    data: bytes,
    path: str,
    today: dt.date,
    *,
    name: str | None = None,
    map_id: str | None = None,
    title: str | None = None,
) -> ImportResult:
    """Every journey diagram in ``data`` as a map. ``path`` is shown in messages; ``name`` (the
    file name, default ``path``) picks how the file is read and the fallback title."""
    name = path if name is None else name
    result = ImportResult()
    text, problems = decode(data, path)
    result.problems.extend(problems)
    blocks, problems = find_blocks(text, path, name)
    result.problems.extend(problems)
    base = _title_from_name(name)
    map_ids = Ids()
    chosen = {"map_id": map_id, "title": title}
    for block in blocks:
        diagram = parse(block.lines, path)
        if diagram.kind != "journey":
            if diagram.kind:
                result.others += 1
                message = (
                    f"skipped a {quote(diagram.kind)} diagram: only journey diagrams are imported"
                )
            else:
                result.empty += 1
                message = "skipped an empty diagram"
            result.problems.append(Problem(path, diagram.line, 1, "not-journey", message, INFO))
            continue
        result.journeys += 1
        result.problems.extend(diagram.problems)
        if not diagram.tasks:
            message = "skipped a journey without tasks: a map needs at least one touchpoint"
            result.problems.append(warning(path, diagram.line, 1, "no-tasks", message))
            continue
        result.problems.extend(_shorten(diagram, path))
        fallback = base if not result.maps else f"{base} {len(result.maps) + 1}"
        too_many = len(diagram.tasks) * TOUCHPOINT_VALUES > MAX_VALUES  # a quick first check
        built = {} if too_many else build_map(diagram, today, fallback, map_ids, **chosen)
        if too_many or _values(built) > MAX_VALUES:
            message = (f"skipped a journey too large to import: more than {MAX_VALUES:,} "
                       "values; split the diagram")  # fmt: skip
            result.problems.append(warning(path, diagram.line, 1, "too-large", message))
            continue
        header = f"Imported by `journey import mermaid` from {one_line(path)}, line {diagram.line}."
        text = dump_map(built, header=header)
        result.maps.append(ImportedMap(built["id"], built["title"], diagram.line, built, text))
        result.problems.extend(_score_problems(diagram, path))
    result.problems.sort()
    return result


def _shorten(diagram: Diagram, path: str) -> list[Problem]:
    """Cut names past ``NAME_LIMIT`` characters and the description past ``TEXT_LIMIT``: they
    are labels on a diagram, and a 5 MB name is an accident (writing it would take minutes)."""
    found: list[Problem] = []

    def cut(text: str, limit: int, line: int, what: str) -> str:
        if len(text) <= limit:
            return text
        message = f"{what} is {len(text):,} characters long; shortened to {limit:,}"
        found.append(warning(path, line, 1, "too-long", message))
        return text[: limit - 1] + "…"

    for attr in ("title", "front_title", "acc_title"):
        if (value := getattr(diagram, attr)) is not None:
            setattr(diagram, attr, cut(value, NAME_LIMIT, diagram.line, "the title"))
    if diagram.acc_descr is not None:
        diagram.acc_descr = cut(diagram.acc_descr, TEXT_LIMIT, diagram.line, "accDescr")
    for section in diagram.sections:
        if section.name is not None:
            section.name = cut(section.name, NAME_LIMIT, section.line, "a section name")
        for task in section.tasks:
            task.name = cut(task.name, NAME_LIMIT, task.line, "a task name")
            task.actors = [cut(a, NAME_LIMIT, task.line, "an actor's name") for a in task.actors]
    return found


def _title_from_name(name: str) -> str:
    if name == "-":
        return "Imported journey"
    stem = PurePath(name).name.split(".")[0]
    words = " ".join(re.sub(r"[-_.]+", " ", stem).split())
    return words[:1].upper() + words[1:] if words else "Imported journey"


def build_map(
    diagram: Diagram,
    today: dt.date,
    fallback_title: str,
    map_ids: Ids,
    *,
    map_id: str | None = None,
    title: str | None = None,
) -> dict[str, Any]:
    """The map data of one journey diagram (which has at least one task)."""
    shown = title or diagram.title or diagram.front_title or diagram.acc_title or fallback_title
    ident = map_ids.make(map_id or slugify(shown, slugify(fallback_title, "journey")))
    personas, actor_ids = _personas(diagram)
    stages: list[dict[str, Any]] = []
    touchpoints: list[dict[str, Any]] = []
    stage_ids, tp_ids = Ids(), Ids()
    number = 0
    for n, section in enumerate(diagram.sections, 1):
        if section.name is None and not section.tasks:
            continue
        name = LEAD_STAGE if section.name is None else section.name or f"Stage {n}"
        stage = stage_ids.make(slugify(name, f"stage-{n}"))
        stages.append({"id": stage, "name": name})
        for task in section.tasks:
            number += 1
            touchpoints.append(_touchpoint(task, number, stage, tp_ids, actor_ids))
    data: dict[str, Any] = {"journeykit": 1, "id": ident, "title": shown}
    if diagram.acc_descr:
        data["description"] = diagram.acc_descr
    data["updated"] = today
    if diagram.acc_title and diagram.acc_title != shown:
        data["x-mermaid"] = {"accTitle": diagram.acc_title}
    data.update(personas=personas, stages=stages, touchpoints=touchpoints)
    return data


def _values(data: Any) -> int:
    """How many values (scalars and containers) the loader counts in ``data``."""
    count, todo = 0, [data]
    while todo:
        item = todo.pop()
        count += 1
        if isinstance(item, dict):
            count += len(item)  # the keys
            todo.extend(item.values())
        elif isinstance(item, list):
            todo.extend(item)
    return count


def _personas(diagram: Diagram) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Personas in order of first appearance, and the persona id of every actor (the default
    persona's under the key ``""``)."""
    ids = Ids()
    actor_ids: dict[str, str] = {}
    order: list[str] = []
    for task in diagram.tasks:
        for actor in task.actors or [""]:
            if actor in actor_ids or not actor:
                if not actor and "" not in order:
                    order.append("")
                continue
            actor_ids[actor] = ids.make(slugify(actor, f"persona-{len(actor_ids) + 1}"))
            order.append(actor)
    if "" in order:
        own = next((a for a, i in actor_ids.items() if i == DEFAULT_PERSONA[0]), None)
        actor_ids[""] = DEFAULT_PERSONA[0] if own is not None else ids.make(DEFAULT_PERSONA[0])
        if own is not None:
            order.remove("")
    names = {"": DEFAULT_PERSONA[1]}
    return [{"id": actor_ids[a], "name": names.get(a, a)} for a in order], actor_ids


def _touchpoint(
    task: Task, number: int, stage: str, ids: Ids, actor_ids: dict[str, str]
) -> dict[str, Any]:
    name = task.name or f"Task {number}"
    personas = list(dict.fromkeys(actor_ids[a] for a in task.actors or [""]))
    tp: dict[str, Any] = {
        "id": ids.make(slugify(name, f"task-{number}")),
        "name": name,
        "stage": stage,
        "personas": personas,
    }
    score, _ = judge_score(task.score)
    if score is not None:
        tp["experiences"] = [{"persona": p, "score": score} for p in personas]
    return tp


def judge_score(text: str | None) -> tuple[int | None, str]:
    """The 1–5 score a task's score text becomes, and why it changed ("" when it did not)."""
    kept = "the touchpoint is kept without an experience"
    if not text:
        return None, f"no score; {kept}"
    shown = f"score {quote(text)}"
    if not _NUMBER.fullmatch(text):
        return None, f"{shown} is not a number; {kept}"
    value = float(text)
    if value < 1:
        return 1, f"{shown} is below 1; clamped to 1"
    if value > 5:
        return 5, f"{shown} is above 5; clamped to 5"
    if value != int(value):
        rounded = math.floor(value + 0.5)
        return rounded, f"{shown} is not a whole number; rounded to {rounded}"
    return int(value), ""


def _score_problems(diagram: Diagram, path: str) -> list[Problem]:
    found = []
    for task in diagram.tasks:
        if task.score is None:
            continue  # the parser already said the line has no score
        _, why = judge_score(task.score)
        if why:
            message = f"task {quote(task.name)}: {why}"
            found.append(warning(path, task.line, task.score_column, "score", message))
    return found
