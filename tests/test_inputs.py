"""Only regular files are read, at most 64 MiB of each: no input hangs a command or fills memory.

Inputs that hung or exhausted memory before run in a subprocess with a timeout (and, where the
failure was a MemoryError, an address-space limit), so a regression fails instead of hanging.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from journeykit import inputs
from journeykit.inputs import MAX_INPUT_BYTES, InputError, read_file, read_stream

from .conftest import MINIMAL, RunCli

NOT_REGULAR = "not a regular file"
needs_posix = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and /dev/zero are POSIX")


def journey(
    *args: str, cwd: Path, stdin: int | None = None, memory: int | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``journey`` in a child process; a hang fails the test after 60 s."""

    def limit() -> None:  # pragma: no cover - runs in the child
        if memory is not None:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return subprocess.run(
        [sys.executable, "-m", "journeykit", *args],
        cwd=cwd,
        stdin=stdin if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limit,
        env={**os.environ, "NO_COLOR": "1"},
    )


@needs_posix
def test_a_device_named_on_the_command_line_exits_2(tmp_path: Path) -> None:
    result = journey("validate", "/dev/zero", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "journey: error: /dev/zero: not a regular file (a character device); "
        "journeykit reads only regular files\n"
    )


@needs_posix
def test_endless_stdin_stops_at_the_cap(tmp_path: Path) -> None:
    with open("/dev/zero", "rb") as zero:
        result = journey("validate", "-", cwd=tmp_path, stdin=zero.fileno())
    assert result.returncode == 2
    assert "journey: error: <stdin>: the input is larger than 64 MiB" in result.stderr
    assert "Traceback" not in result.stderr


@needs_posix
def test_a_fifo_in_a_folder_is_a_located_problem_not_a_hang(tmp_path: Path) -> None:
    (tmp_path / "ok.journey.yaml").write_text(MINIMAL)
    os.mkfifo(tmp_path / "stray.journey.yaml")
    result = journey("validate", "-f", "parsable", ".", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == (
        "stray.journey.yaml:1:1: error [unreadable] not a regular file (a named pipe); "
        "journeykit reads only regular files\n"
    )


@needs_posix
def test_a_fifo_named_on_the_command_line_exits_2(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "stray.journey.yaml")
    result = journey("lint", "stray.journey.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert f"stray.journey.yaml: {NOT_REGULAR} (a named pipe)" in result.stderr


@needs_posix
def test_a_link_to_dev_zero_in_a_folder_is_a_located_problem(tmp_path: Path) -> None:
    (tmp_path / "ok.journey.yaml").write_text(MINIMAL)
    (tmp_path / "zero.journey.yaml").symlink_to("/dev/zero")
    result = journey("lint", "-f", "parsable", ".", cwd=tmp_path)
    assert result.returncode == 1
    assert (
        "zero.journey.yaml:1:1: error [unreadable] not a regular file (a character device)"
        in result.stdout
    )


@needs_posix
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("render", "/dev/zero", "-o", "out.html"), f"/dev/zero: {NOT_REGULAR}"),
        (("diff", "/dev/zero", "ok.journey.yaml"), f"[unreadable] {NOT_REGULAR}"),
        (("diff", "ok.journey.yaml", "/dev/zero"), f"[unreadable] {NOT_REGULAR}"),
        (("import", "csv", "/dev/zero"), f"cannot read /dev/zero: {NOT_REGULAR}"),
        (("import", "mermaid", "/dev/zero"), f"cannot read /dev/zero: {NOT_REGULAR}"),
        (("export", "csv", "/dev/zero"), f"{NOT_REGULAR} (a character device)"),
        (("diff", "--textconv", "/dev/zero"), f"/dev/zero: {NOT_REGULAR}"),
    ],
)
def test_no_memory_error_under_a_memory_limit(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    (tmp_path / "ok.journey.yaml").write_text(MINIMAL)
    result = journey(*args, cwd=tmp_path, memory=1 << 30)
    assert "Traceback" not in result.stderr
    assert result.returncode == 2
    assert message in result.stdout + result.stderr
    assert not (tmp_path / "out.html").exists()


def test_a_file_past_the_cap_is_refused_without_reading_it(tmp_path: Path, cli: RunCli) -> None:
    big = tmp_path / "big.journey.yaml"
    with big.open("wb") as stream:
        stream.truncate(MAX_INPUT_BYTES + 1)  # sparse: nothing is written
    result = cli("validate", "-f", "parsable", str(big))
    assert result.exit_code == 2
    assert f"{big}:1:1: error [unreadable] the input is larger than 64 MiB" in result.stdout


@needs_posix
def test_config_that_is_a_device_is_named_so(tmp_path: Path, cli: RunCli, write_map) -> None:
    result = cli("validate", "--config", "/dev/zero", str(write_map()))
    assert result.exit_code == 2
    assert result.stderr == (
        "/dev/zero:1:1: error [config] not a regular file (a character device); "
        "journeykit reads only regular files\n"
    )


def test_a_missing_config_is_still_not_found(cli: RunCli, write_map) -> None:
    result = cli("validate", "--config", "nowhere.yaml", str(write_map()))
    assert result.exit_code == 2
    assert "nowhere.yaml:1:1: error [config] config file not found" in result.stderr


def test_a_huge_integer_in_the_config_is_a_located_config_problem(
    tmp_path: Path, cli: RunCli, write_map
) -> None:
    path = write_map()
    (tmp_path / "journeykit.yaml").write_text(
        "score:\n  weights:\n    completeness: 1" + "0" * 400 + "\n"
    )
    result = cli("score", str(path), "--config", str(tmp_path / "journeykit.yaml"))
    assert result.exit_code == 2
    assert result.stderr == (
        f"{tmp_path / 'journeykit.yaml'}:3:19: error [config] weight of `completeness` must be a "
        "number ≥ 0\n"
    )


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ('"a\\0b"', "include `a\\x00b` is not a usable file name: it contains a NUL character"),
        ("x" * 300, "is not a usable file name: File name too long"),
        (".", "include `.` is a folder, not a file; name a file in it"),
        ("sub", "include `sub` is a folder, not a file; name a file in it"),
    ],
)
def test_includes_that_cannot_name_a_file_are_located_problems(
    tmp_path: Path, cli: RunCli, write_map, entry: str, message: str
) -> None:
    (tmp_path / "sub").mkdir()
    text = MINIMAL.replace("personas:\n", f"include: [{entry}]\npersonas:\n", 1)
    path = write_map(text)
    result = cli("validate", "-f", "parsable", str(path))
    assert result.exit_code == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.startswith(f"{path}:4:11: error [include-not-found] ")
    assert message in result.stdout


@needs_posix
def test_an_included_fifo_is_unreadable_not_a_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "personas.yaml")
    text = MINIMAL.replace("personas:\n", "include: [personas.yaml]\npersonas:\n", 1)
    (tmp_path / "m.journey.yaml").write_text(text)
    result = journey("validate", "-f", "parsable", "m.journey.yaml", cwd=tmp_path)
    assert result.returncode == 2  # as for any unreadable input of the one map given
    assert result.stdout == (
        "personas.yaml:1:1: error [unreadable] not a regular file (a named pipe); "
        "journeykit reads only regular files\n"
    )


def test_the_reader_takes_up_to_the_cap_and_refuses_one_byte_more(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    monkeypatch.setattr(inputs, "MAX_INPUT_BYTES", 5)
    assert read_stream(io.BytesIO(b"12345")) == b"12345"
    with pytest.raises(InputError, match="larger than"):
        read_stream(io.BytesIO(b"123456"))
    path = tmp_path / "f"
    path.write_bytes(b"12345")
    assert read_file(path) == b"12345"
    path.write_bytes(b"123456")
    with pytest.raises(InputError, match="larger than"):
        read_file(path)
    link = tmp_path / "link"
    link.symlink_to(path.name)
    path.write_bytes(b"ok")
    assert read_file(link) == b"ok"


def test_the_cap_leaves_room_for_large_generated_maps() -> None:
    assert MAX_INPUT_BYTES == 64 * 1024 * 1024  # documented in docs/format.md
    assert "64 MiB" in (Path(__file__).parents[1] / "docs" / "format.md").read_text()
