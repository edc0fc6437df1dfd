"""Inline suppression, yamllint-style, read from the comments of each source file.

* ``# journeykit: disable-line RULE [RULE ...]`` at the end of a line silences those rules on
  that line; on a line of its own it silences them on the next line that holds YAML.
* ``# journeykit: disable RULE ...`` ... ``# journeykit: enable RULE ...`` silences a range.
* ``# journeykit: disable-file`` silences every rule in the file (``disable-file RULE ...``: those).

Without rule ids a directive applies to every rule. Rule ids may be separated by spaces or commas;
text after `` -- `` is a free reason (``# journeykit: disable-line dead-end-touchpoint -- exit``).
A directive naming an unknown rule, or an unknown directive, is reported as ``bad-directive``.
Validation problems are never suppressed: a map that does not validate is not a map.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from journeykit.problems import Problem, Severity, quote
from journeykit.validate import suggest

CODE = "bad-directive"
VERBS = ("disable-line", "disable", "enable", "disable-file")
_MARK = "journeykit:"
_ID = re.compile(r"[^\s,]+")
ALL = "*"
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Directives:
    """The suppressions of one file and the problems with its directives."""

    file_rules: set[str] = field(default_factory=set)  # ALL for every rule
    lines: dict[int, set[str]] = field(default_factory=dict)
    # (line, disable?, rules) in file order; the last event at or before a line decides
    events: list[tuple[int, bool, set[str]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def suppresses(self, problem: Problem) -> bool:
        code = problem.code
        if ALL in self.file_rules or code in self.file_rules:
            return True
        on_line = self.lines.get(problem.line)
        if on_line is not None and (ALL in on_line or code in on_line):
            return True
        disabled = False
        for line, disable, rules in self.events:
            if line > problem.line:
                break
            if ALL in rules or code in rules:
                disabled = disable
        return disabled


def parse(
    text: str,
    path: str,
    known: Collection[str],
    unsuppressible: Callable[[str], bool] = lambda code: False,
) -> Directives:
    """Read the ``# journeykit:`` comments of ``text``, checking rule ids against ``known``."""
    found = Directives()
    lines: list[str] | None = None
    number, counted = 1, 0
    candidates = list(_directives(text))
    in_text = _in_scalar(text) if candidates else None
    for start, body_start, body_end in candidates:
        if in_text is not None and in_text(start):
            continue  # ` # journeykit:` inside a quoted or block string is text, not a comment
        number += text.count("\n", counted, start)
        counted = start
        line_start = text.rfind("\n", 0, start) + 1

        def report(column: int, message: str, number: int = number) -> None:
            found.problems.append(Problem(path, number, column, CODE, message, Severity.ERROR))

        body = text[body_start:body_end].split(" --", 1)[0]
        body_start -= line_start
        words = list(_ID.finditer(body))
        verb = words[0].group() if words else ""
        if verb not in VERBS:
            what = f"unknown directive {quote(verb)}" if verb else "empty directive"
            report(body_start + 1, f"{what}; use one of {', '.join(VERBS)}")
            continue
        rules: set[str] = set()
        for word in words[1:]:
            rule = word.group()
            column = body_start + word.start() + 1
            if rule in known:
                rules.add(rule)
            elif unsuppressible(rule):
                report(column, f"{quote(rule)} is a validation error, which cannot be "
                       "suppressed; fix the map instead")  # fmt: skip
            else:
                hint = suggest(rule, list(known)) or "; `journey rules` lists the rules"
                report(column, f"unknown rule {quote(rule)} in a `# journeykit:` directive{hint}")
        if len(words) > 1 and not rules:
            continue  # every id was wrong: suppress nothing rather than everything
        targets = rules or {ALL}
        if verb == "disable-file":
            found.file_rules |= targets
        elif verb == "disable-line":
            own_line = not text[line_start:start].strip()
            if own_line:
                lines = text.split("\n") if lines is None else lines
            target = _next_content(lines, number) if lines and own_line else number
            found.lines.setdefault(target, set()).update(targets)
        else:
            found.events.append((number, verb == "disable", targets))
    return found


def _directives(text: str) -> Iterator[tuple[int, int, int]]:
    """``(position of #, start of body, end of line)`` of each ``# journeykit:`` comment.

    A comment starts at a line start or after a blank (YAML's rule). ``str.find`` keeps this fast:
    most maps hold the text only once, in ``journeykit: 1``.
    """
    pos = text.find(_MARK)
    while pos != -1:
        at = pos - 1
        while at >= 0 and text[at] in " \t":
            at -= 1
        if at >= 0 and text[at] == "#" and (at == 0 or text[at - 1] in " \t\n\r"):
            end = text.find("\n", pos)
            end = len(text) if end == -1 else end
            body = pos + len(_MARK)
            while body < end and text[body] in " \t":
                body += 1
            yield at, body, end - (text[end - 1 : end] == "\r")
        pos = text.find(_MARK, pos + len(_MARK))


def _in_scalar(text: str) -> Callable[[int], bool]:
    """Whether a position of ``text`` lies inside a scalar (a quoted string, a ``|`` block).

    A line scanner cannot tell ``# journeykit:`` in a comment from the same words in a value; the
    YAML scanner can. It only runs for a file that holds a candidate directive. After a syntax
    error (the map is invalid anyway) the rest of the file counts as comments, as before.
    """
    starts: list[int] = []
    ends: list[int] = []
    try:
        for token in yaml.scan(text, Loader=_LOADER):
            if isinstance(token, yaml.ScalarToken):
                starts.append(token.start_mark.index)
                ends.append(token.end_mark.index)
    except yaml.YAMLError:
        pass

    def inside(position: int) -> bool:
        i = bisect.bisect_right(starts, position) - 1
        return i >= 0 and position < ends[i]

    return inside


def _next_content(lines: list[str], number: int) -> int:
    for later in range(number, len(lines)):  # `number` is 1-based: index `number` is the next line
        stripped = lines[later].strip()
        if stripped and not stripped.startswith("#"):
            return later + 1
    return number
