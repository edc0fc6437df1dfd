"""The one exception type for "this command cannot go on": a message for people and an exit code.

Everything a user can cause and fix (a bad argument, an unreadable file, a config mistake, an
output that would replace an input) is raised as a :class:`JourneyError` or a subclass, and the
CLI catches it in one place, prints ``journey: error: <message>`` on stderr and exits with
``exit_code`` (2 unless said otherwise). Findings in a map are not errors: they are
:class:`journeykit.problems.Problem` values, reported and counted.
"""

from __future__ import annotations

from collections.abc import Sequence


class JourneyError(Exception):
    """A failure the user can fix. ``str(error)`` is the whole message; no traceback is shown."""

    exit_code: int = 2
    #: Where the failure lies, when it lies in files (see LocatedError): located ``problems``
    #: (``journeykit.problems.Problem``), reported by the CLI as ``FILE:LINE:COL: error [code]
    #: message`` lines instead of the message; with ``headline``, after the message.
    problems: Sequence[object] = ()
    headline: bool = False

    def __init__(self, message: str, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code

    @property
    def message(self) -> str:
        return str(self)


class LocatedError(JourneyError):
    """A failure whose causes are located problems (in a config, a map): the CLI reports each
    as ``FILE:LINE:COL: error [code] message``; with ``headline``, after the message."""

    def __init__(
        self, problems: Sequence[object], message: str = "", *, headline: bool = False
    ) -> None:
        super().__init__(message or f"{len(problems)} problem(s)")
        self.problems = problems
        self.headline = headline
