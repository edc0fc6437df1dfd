"""gitignore-like globs of ``files:``, ``ignore:`` and ``overrides[].files``, matched against a
path relative to the config's folder."""

from __future__ import annotations

import fnmatch
import functools
import re
from collections.abc import Iterable


def matches(path: str, patterns: list[str]) -> bool:
    """gitignore-like matching of a relative posix path.

    A pattern with no ``/`` but a trailing one matches a name at any depth; one with a ``/`` is
    anchored at the config's folder; a trailing ``/`` matches folders only; a match on a folder
    matches everything inside it; ``*`` and ``**`` match across ``/``.
    """
    return _compiled(tuple(patterns)).match(path)


@functools.lru_cache(maxsize=64)
def _compiled(patterns: tuple[str, ...]) -> Globs:
    return Globs(patterns)


class Globs:
    """The patterns of :func:`matches`, prepared once for any number of paths.

    50,000 ``ignore:`` globs took 10 s on three files when each path went through
    ``fnmatch`` (whose cache of compiled patterns holds fewer). Compiling 50,000 regular
    expressions is no faster, so each pattern is sorted by what it needs: a literal is looked up
    in a set; a pattern whose only wildcard is ``*`` is indexed by its literal head and tail and
    matched piece by piece; only ``?`` and ``[...]`` are compiled (``fnmatch.translate``).
    """

    def __init__(self, patterns: Iterable[str]) -> None:
        # per (anchored, folder only): literals, starred patterns by (head, tail) length, regexes
        self._groups: dict[tuple[bool, bool], _Group] = {}
        for raw in patterns:
            pattern = raw.removeprefix("./")
            folder_only = pattern.endswith("/")
            pattern = pattern.strip("/")
            if not pattern:
                continue
            anchored = "/" in pattern or raw.startswith("/")
            group = self._groups.get((anchored, folder_only))
            if group is None:
                group = self._groups[anchored, folder_only] = _Group()
            group.add(pattern)
            if "**/" in pattern:
                group.add(pattern.replace("**/", ""))

    def match(self, path: str) -> bool:
        parts = [part for part in path.split("/") if part not in ("", ".")]
        count = len(parts)
        for (anchored, folder_only), group in self._groups.items():
            starts = [0] if anchored else range(count)
            for i in starts:
                for j in range(i + 1, count + (0 if folder_only else 1)):
                    if group.match("/".join(parts[i:j])):
                        return True
        return False


class _Group:
    def __init__(self) -> None:
        self.literals: set[str] = set()
        self.starred: dict[tuple[int, int], dict[tuple[str, str], list[list[str]]]] = {}
        self.regexes: list[re.Pattern[str]] = []

    def add(self, pattern: str) -> None:
        if "*" not in pattern and "?" not in pattern and "[" not in pattern:
            self.literals.add(pattern)
        elif "?" in pattern or "[" in pattern:
            self.regexes.append(re.compile(fnmatch.translate(pattern)))
        else:
            head, *middle, tail = pattern.split("*")
            index = self.starred.setdefault((len(head), len(tail)), {})
            index.setdefault((head, tail), []).append([m for m in middle if m])

    def match(self, subject: str) -> bool:
        if subject in self.literals:
            return True
        size = len(subject)
        for (heads, tails), index in self.starred.items():
            if heads + tails > size:
                continue
            for middle in index.get((subject[:heads], subject[size - tails :]), ()):
                at = heads
                for piece in middle:  # leftmost first is right for `*`-only globs
                    at = subject.find(piece, at, size - tails)
                    if at < 0:
                        break
                    at += len(piece)
                else:
                    return True
        return any(regex.match(subject) for regex in self.regexes)
