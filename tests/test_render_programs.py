"""render.programs.run_program: the one way rendering runs dot and rsvg-convert."""

from __future__ import annotations

import shutil

import pytest

from journeykit.render import RenderError
from journeykit.render.programs import run_program

needs_sh = pytest.mark.skipif(shutil.which("sh") is None, reason="no POSIX shell")


def run(program: str, args: list[str], timeout: float = 10.0) -> bytes:
    missing = RenderError("install it")
    return run_program(program, args, "input", label="Tool", timeout=timeout, missing=missing)


@needs_sh
def test_stdin_in_stdout_out() -> None:
    assert run("sh", ["-c", "tr a-z A-Z"]) == b"INPUT"


def test_a_missing_program_raises_the_given_error() -> None:
    with pytest.raises(RenderError, match="install it"):
        run("journeykit-no-such-program", [])


@needs_sh
def test_a_failure_shows_the_last_line_without_control_characters() -> None:
    with pytest.raises(RenderError) as caught:
        run("sh", ["-c", "echo first >&2; printf 'bad \\033[31mred\\n' >&2; exit 3"])
    assert str(caught.value).startswith("Tool failed: bad ")
    assert "\x1b" not in str(caught.value)


@needs_sh
def test_a_program_that_hangs_is_stopped() -> None:
    with pytest.raises(RenderError, match=r"Tool took longer than 0.3 s and was stopped"):
        run("sh", ["-c", "sleep 20"], timeout=0.3)
