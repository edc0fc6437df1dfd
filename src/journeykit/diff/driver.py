"""git's external diff protocol: ``path old-file old-hex old-mode new-file new-hex new-mode``.

An added file's old side is ``/dev/null``, a deleted file's new side too. Git hands over the old
blob as a temporary file, so a map's includes are read from the working tree (the revision is not
passed to external drivers); ``journey diff --git BASE HEAD`` reads them from the revisions. When a
side is not a valid map, the driver falls back to a line diff so that ``git diff`` keeps working.
"""

from __future__ import annotations

import datetime as dt
import difflib
import tempfile
from pathlib import Path

from journeykit.diff import format_text
from journeykit.diff.build import compare_pair
from journeykit.diff.model import DiffResult
from journeykit.diff.sources import Git, Mirror, SourceError, worktree_reader
from journeykit.inputs import InputError, read_file
from journeykit.validate import load
from journeykit.workspace import LoadedMap

NULL = "/dev/null"


def external_diff(
    path: str,
    old_file: str,
    new_file: str,
    today: dt.date,
    color: bool,
    new_path: str | None = None,
) -> str:
    """The text git shows for ``path``: a semantic diff, or a line diff when that cannot be.

    ``new_path`` is where a renamed file lives now (git's ninth argument): the new side's
    includes are resolved from there, as its relative paths were written for that place.
    """
    new_path = new_path or path
    try:
        top = Git().top
    except SourceError:
        top = Path.cwd()
    old = _side(path, old_file, top, f"a/{path}")
    new = _side(new_path, new_file, top, f"b/{new_path}")
    invalid = [m for m in (old, new) if m is not None and not m.valid]
    if invalid:
        return _fallback(path, new_path, old_file, new_file, invalid)
    result = DiffResult(old.path if old else NULL, new.path if new else NULL)
    result.maps.append(compare_pair(old, new, today))
    return format_text.render(result, color)


def _side(path: str, file: str, top: Path, display: str) -> LoadedMap | None:
    if file == NULL:
        return None
    try:
        data = read_file(file)
    except InputError:
        return load(file, display=display)  # reports the file as unreadable
    with tempfile.TemporaryDirectory(prefix="journey-driver-") as tmp:
        local = Mirror(Path(tmp), worktree_reader(top)).place(path, data)
        assert local is not None
        return load(local, display=display)


def _fallback(
    path: str, new_path: str, old_file: str, new_file: str, invalid: list[LoadedMap]
) -> str:
    lines = [
        f"journey: {format_text.safe(m.path)} is not a valid journey map "
        f"({len(m.problems)} problem(s), run `journey validate`); showing a line diff"
        for m in invalid
    ]
    before = _lines(old_file)
    after = _lines(new_file)
    diff = difflib.unified_diff(before, after, f"a/{path}", f"b/{new_path}")
    text = "".join(line if line.endswith("\n") else line + "\n" for line in diff)
    return "\n".join(lines) + "\n" + format_text.safe_lines(text)


def _lines(file: str) -> list[str]:
    if file == NULL:
        return []
    try:
        return Path(file).read_text("utf-8", errors="replace").splitlines(keepends=True)
    except OSError:
        return []


__all__ = ["NULL", "external_diff"]
