"""Bytes to text, the one way every input is decoded: text, or where and why it is not text.

Positions are 1-based lines and columns in characters (code points), as editors count them and as
the YAML parser reports its own positions: a bad byte after ``é`` or ``😀`` on a line is at the
column an editor shows, not at a byte count. A line ends at ``\\r\\n``, ``\\r`` or ``\\n``.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from journeykit.problems import Problem, Severity

UTF8_BOM = b"\xef\xbb\xbf"
_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class Undecodable:
    """Where the bytes of ``path`` stop being text in ``encoding``."""

    path: str
    line: int
    column: int  # in characters, as editors count them
    offset: int  # byte offset of the first bad byte
    byte: int  # its value
    encoding: str
    binary: bool  # a NUL among the first kilobyte: likely not a text file at all

    def problem(
        self, message: str, code: str = "encoding", severity: Severity = Severity.ERROR
    ) -> Problem:
        return Problem(self.path, self.line, self.column, code, message, severity)

    @property
    def not_text(self) -> Problem:
        """The problem of a map or config file that is not UTF-8."""
        hint = " (it looks like binary data)" if self.binary else ""
        return self.problem(
            f"file is not UTF-8 text{hint}: invalid byte 0x{self.byte:02x} at byte offset "
            f"{self.offset}; save the file as UTF-8"
        )


@dataclass(frozen=True, slots=True)
class Decoded:
    """``text`` (None when undecodable, unless bad bytes were replaced) and the first bad place."""

    text: str | None
    bad: Undecodable | None = None


def decode(data: bytes, path: str, encoding: str = "utf-8", *, replace: bool = False) -> Decoded:
    """Decode ``data``; a UTF-8 byte-order mark is dropped when reading UTF-8.

    With ``replace``, bad bytes become U+FFFD and ``bad`` says where the first one was. An unknown
    ``encoding`` raises ``LookupError``.
    """
    utf8 = codecs.lookup(encoding).name == "utf-8"
    if utf8 and data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM) :]
    try:
        return Decoded(data.decode(encoding))
    except UnicodeDecodeError as exc:
        bad = _locate(data, path, encoding, exc.start)
        return Decoded(data.decode(encoding, "replace") if replace else None, bad)


def _locate(data: bytes, path: str, encoding: str, start: int) -> Undecodable:
    before = data[:start].decode(encoding, "replace")  # valid by definition, but be safe
    breaks = _BREAK.findall(before)
    last = max(before.rfind("\n"), before.rfind("\r"))
    return Undecodable(
        path,
        line=len(breaks) + 1,
        column=len(before) - (last + 1) + 1,
        offset=start,
        byte=data[start],
        encoding=encoding,
        binary=b"\x00" in data[:1024],
    )


__all__ = ["UTF8_BOM", "Decoded", "Undecodable", "decode"]
