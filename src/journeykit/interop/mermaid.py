"""Reading a Mermaid ``journey`` diagram the way Mermaid does (its ``journey.jison`` grammar).

What is read, as Mermaid reads it:

* YAML front matter (``---`` lines) before the diagram: its ``title`` is the diagram's title
  unless a ``title`` statement follows; other keys (``config``…) are ignored.
* ``%%{init: …}%%`` directives (over several lines too) and ``%%`` comment lines are skipped;
  ``#`` starts a comment running to the end of the line, except in an entity code.
* ``journey`` first (keywords in any case; Mermaid itself wants ``journey`` in lower case);
  then ``title TEXT``, ``accTitle: TEXT``, ``accDescr: TEXT``, ``accDescr { … }`` over several
  lines, ``section NAME``, and tasks ``NAME: SCORE`` or ``NAME: SCORE: ACTOR, ACTOR…``.
  Indentation is free. Fields after the actors are ignored, as Mermaid ignores them (warning).
* Entity codes ``#9829;`` (a number) and ``#quot;`` (an HTML entity name) stand for that
  character, so ``#58;`` puts a colon in a name and ``#44;`` a comma in an actor's name.

Where journeykit is more lenient than Mermaid (Mermaid rejects or misreads these):

* ``;`` separates statements like a line break (``section A; Make tea: 5: Me``).
* ``%%`` after a space in the middle of a line starts a comment too (``Make tea: 5: Me %% ask
  Bob``); Mermaid would show it as text.
* A line that is not a keyword and has no ``:`` is a task without a score (warning).

Names are taken as Mermaid shows them: quotes stay, and ``journey render --format mermaid``
writes the characters Mermaid cannot take as entity codes, so a rendered map imports as the map
it came from.

Scores are kept as the text written; :mod:`journeykit.interop.mermaid_import` judges them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from html.entities import html5

from journeykit.interop.mermaid_extract import SourceLine, warning
from journeykit.loader import parse_text as parse_yaml
from journeykit.problems import Problem, quote

_ENTITY = re.compile(r"#(\w+);", re.ASCII)
_PLACEHOLDER = re.compile("\ue000(\\w+)\ue001", re.ASCII)
_ACC_LINE = re.compile(r"acc(title|descr)\s*:", re.IGNORECASE)
_ACC_BLOCK = re.compile(r"accdescr\s*\{", re.IGNORECASE)
_GAP = re.compile(r"[ \t\f\v;]*")  # blanks and empty statements between statements
_MID_COMMENT = re.compile(r"[ \t]%%")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


@dataclass
class Task:
    name: str
    score: str | None  # the score as written; None when the line has no ``:``
    actors: list[str]
    line: int
    column: int
    score_column: int


@dataclass
class Section:
    name: str | None  # None: the tasks written before any ``section``
    line: int
    column: int
    tasks: list[Task] = field(default_factory=list)


@dataclass
class Diagram:
    kind: str  # the first word: "journey", or "flowchart", "graph"…; "" for an empty block
    line: int  # where that word stands
    title: str | None = None
    front_title: str | None = None
    acc_title: str | None = None
    acc_descr: str | None = None
    sections: list[Section] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def tasks(self) -> list[Task]:
        return [task for section in self.sections for task in section.tasks]


@dataclass(frozen=True, slots=True)
class _Statement:
    kind: str  # "text", "accTitle" or "accDescr"
    text: str  # entity codes still encoded for "text"; decoded for the others
    line: int
    column: int


def parse_text(text: str, path: str = "-") -> Diagram:
    """Parse a diagram given as text (line 1 is the text's first line)."""
    return parse([SourceLine(t, n) for n, t in enumerate(text.split("\n"), 1)], path)


def parse(lines: Sequence[SourceLine], path: str) -> Diagram:
    """Parse one diagram's lines; never raises. A diagram that is not a journey comes back with
    its ``kind`` set and nothing else read."""
    diagram = Diagram("", lines[0].line if lines else 1)
    first = _front_matter(lines, diagram, path)
    reading = _Reader(diagram, path)
    for statement in _statements(lines[first:], diagram.problems, path):
        if not diagram.kind:
            word, rest = _first_word(statement)
            diagram.kind, diagram.line = word, statement.line
            if word.lower() != "journey":
                return diagram
            diagram.kind = "journey"
            if not rest.text:
                continue
            statement = rest
        reading.statement(statement)
    return diagram


def _encoded(text: str) -> str:
    """A line with its entity codes ``#name;`` as placeholders of the same length (columns hold),
    which no statement syntax can split; the private characters they use are taken out first."""
    if "\ue000" in text or "\ue001" in text:
        text = text.replace("\ue000", "\ufffd").replace("\ue001", "\ufffd")
    return _ENTITY.sub("\ue000\\1\ue001", text) if "#" in text else text


def _first_word(statement: _Statement) -> tuple[str, _Statement]:
    text = statement.text
    word = text.split(None, 1)[0] if statement.kind == "text" else statement.kind
    if statement.kind != "text":
        return word, statement
    rest = text[len(word) :]
    stripped = rest.lstrip()
    column = statement.column + len(word) + len(rest) - len(stripped)
    return _decode(word), _Statement("text", stripped.rstrip(), statement.line, column)


def _front_matter(lines: Sequence[SourceLine], diagram: Diagram, path: str) -> int:
    """Skip YAML front matter at the top, taking its title; the index of the next line."""
    first = 0
    while first < len(lines) and not lines[first].text.strip():
        first += 1
    if first == len(lines) or lines[first].text.strip() != "---":
        return 0
    for end in range(first + 1, len(lines)):
        if lines[end].text.strip() == "---":
            break
    else:
        return 0  # not front matter: Mermaid would not read it so either
    text = "\n" * (lines[first].line) + "\n".join(s.text for s in lines[first + 1 : end])
    parsed = parse_yaml(text, path)
    if not parsed.ok:
        where = parsed.problems[0] if parsed.problems else None
        line = where.line if where else lines[first].line
        message = "the front matter is not valid YAML; it was ignored"
        diagram.problems.append(warning(path, line, 1, "front-matter", message))
    elif isinstance(parsed.data, dict):
        title = parsed.data.get("title")
        if isinstance(title, str | int | float) and not isinstance(title, bool):
            diagram.front_title = _tidy(str(title)) or None
    return end + 1


def _statements(
    lines: Sequence[SourceLine], problems: list[Problem], path: str
) -> Iterator[_Statement]:
    """The statements of a diagram, without comments and directives, split at ``;``."""
    i = 0
    while i < len(lines):
        source = lines[i]
        text = _encoded(source.text)
        pos, cut = 0, -1
        while True:
            gap = _GAP.match(text, pos)
            pos = gap.end() if gap else pos
            if pos >= len(text):
                break
            column = source.column + pos
            if text.startswith("%%{", pos):
                i, text, pos, source = _skip_directive(lines, i, pos, problems, path)
                cut = -1
                continue
            if text.startswith("%%", pos):
                break
            acc = _ACC_LINE.match(text, pos)
            if acc:
                kind = "accTitle" if acc.group(1).lower() == "title" else "accDescr"
                yield _Statement(kind, _decode(text[acc.end() :]).strip(), source.line, column)
                break
            if _ACC_BLOCK.match(text, pos):
                start = text.index("{", pos) + 1
                value, i, text, pos, source = _acc_block(lines, i, text, start, problems, path)
                yield _Statement("accDescr", value, source.line, column)
                cut = -1
                continue
            if cut < pos:
                cut = _comment_start(text, pos)
            semi = text.find(";", pos, cut)
            end = cut if semi < 0 else semi
            if text[pos:end].strip():
                yield _Statement("text", text[pos:end].rstrip(), source.line, column)
            if semi < 0:
                break
            pos = semi + 1
        i += 1


def _comment_start(text: str, pos: int) -> int:
    """Where a comment starts: at ``#``, or at a ``%%`` that follows a space (leniency: Mermaid
    itself shows a ``%%`` in mid-line as text)."""
    end = text.find("#", pos)
    end = len(text) if end < 0 else end
    found = _MID_COMMENT.search(text, pos, end)
    return found.start() + 1 if found else end


def _skip_directive(
    lines: Sequence[SourceLine], i: int, pos: int, problems: list[Problem], path: str
) -> tuple[int, str, int, SourceLine]:
    """Past the ``}%%`` closing a directive opened at ``lines[i]``, column ``pos``."""
    opened = lines[i]
    start = pos + 3
    while i < len(lines):
        text = _encoded(lines[i].text)
        end = text.find("}%%", start)
        if end >= 0:
            return i, text, end + 3, lines[i]
        i, start = i + 1, 0
    message = "this %%{ directive is never closed by }%%; the rest of the diagram was skipped"
    problems.append(warning(path, opened.line, opened.column + pos, "unclosed-block", message))
    return i, "", 0, lines[-1]


def _acc_block(
    lines: Sequence[SourceLine], i: int, text: str, start: int, problems: list[Problem], path: str
) -> tuple[str, int, str, int, SourceLine]:
    """The text of ``accDescr { … }`` (lines joined as Mermaid joins them) and where it ends."""
    opened = lines[i]
    parts: list[str] = []
    while True:
        end = text.find("}", start)
        if end >= 0:
            parts.append(text[start:end])
            value = re.sub(r"\n[ \t]+", "\n", _decode("\n".join(parts)).strip())
            return value, i, text, end + 1, lines[i]
        parts.append(text[start:])
        i, start = i + 1, 0
        if i >= len(lines):
            message = "this accDescr { block is never closed by }; it runs to the diagram's end"
            problems.append(warning(path, opened.line, opened.column, "unclosed-block", message))
            value = re.sub(r"\n[ \t]+", "\n", _decode("\n".join(parts)).strip())
            return value, i, "", 0, lines[-1]
        text = _encoded(lines[i].text)


class _Reader:
    """Builds the diagram from its statements, one at a time."""

    def __init__(self, diagram: Diagram, path: str) -> None:
        self.diagram = diagram
        self.path = path

    def statement(self, statement: _Statement) -> None:
        text, diagram = statement.text, self.diagram
        if statement.kind == "accTitle":
            diagram.acc_title = _tidy(text) or None
        elif statement.kind == "accDescr":
            diagram.acc_descr = _CONTROL.sub(_keep_newline, text).strip() or None
        elif _keyword(text, "title"):
            diagram.title = _text(text[5:]) or None
        elif _keyword(text, "section"):
            name = _text(text[7:])
            diagram.sections.append(Section(name, statement.line, statement.column))
        else:
            self.task(statement)

    def task(self, statement: _Statement) -> None:
        text, line, column = statement.text, statement.line, statement.column
        if not self.diagram.sections:
            self.diagram.sections.append(Section(None, line, column))
        colon = text.find(":")
        if colon < 0:
            message = (
                f"task {quote(_text(text))} has no `: score`; it is kept without an experience"
            )
            self.warn(line, column, "no-score", message)
            self.add(Task(_text(text), None, [], line, column, column + len(text)))
            return
        fields = text[colon + 1 :].split(":")
        score = fields[0].strip()
        score_column = column + colon + 1 + len(fields[0]) - len(fields[0].lstrip())
        actors = fields[1].split(",") if len(fields) > 1 else []
        if any(f.strip() for f in fields[2:]):
            ignored = ":".join(fields[2:]).strip()
            message = f"{quote(_decode(ignored))} after the actors is ignored, as Mermaid does"
            self.warn(line, column, "ignored-text", message)
        names = [_text(a) for a in actors]
        name = _text(text[:colon])
        self.add(Task(name, _decode(score), [a for a in names if a], line, column, score_column))

    def add(self, task: Task) -> None:
        self.diagram.sections[-1].tasks.append(task)

    def warn(self, line: int, column: int, code: str, message: str) -> None:
        self.diagram.problems.append(warning(self.path, line, column, code, message))


def _keyword(text: str, word: str) -> bool:
    n = len(word)
    return text[:n].lower() == word and (len(text) == n or text[n] in " \t")


def _decode(text: str) -> str:
    """Entity codes back to text: ``#9829;`` → ♥, ``#quot;`` → ``"``; unknown codes stay."""
    if "\ue000" not in text:
        return text
    return _PLACEHOLDER.sub(_entity, text)


def _entity(match: re.Match[str]) -> str:
    name = match.group(1)
    if name.isdigit():
        number = int(name) if len(name) < 8 else -1
        if 0 < number <= 0x10FFFF and not 0xD800 <= number <= 0xDFFF:
            return chr(number)
    elif name + ";" in html5:
        return html5[name + ";"]
    return f"#{name};"


def _keep_newline(match: re.Match[str]) -> str:
    return "\n" if match.group() == "\n" else " "


def _tidy(text: str) -> str:
    return _CONTROL.sub(" ", text).strip()


def _text(text: str) -> str:
    """A title, a name or an actor: entity codes decoded, control characters gone."""
    return _tidy(_decode(text))
