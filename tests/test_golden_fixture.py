"""The golden-file fixture: it compares, it fails on a missing or different file, and only an
explicit update rewrites."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Golden


def test_equal_text_and_bytes_pass(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("é\n", encoding="utf-8")
    Golden(update=False).check(tmp_path / "a.txt", "é\n")
    Golden(update=False).check(tmp_path / "a.txt", "é\n".encode())


def test_a_difference_or_a_missing_file_fails_without_writing(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("old\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="differs"):
        Golden(update=False).check(path, "new\n")
    assert path.read_text(encoding="utf-8") == "old\n"
    with pytest.raises(AssertionError, match="missing"):
        Golden(update=False).check(tmp_path / "b.txt", "new\n")
    assert not (tmp_path / "b.txt").exists()


def test_update_rewrites(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "a.bin"
    Golden(update=True).check(path, b"\r\nx")
    assert path.read_bytes() == b"\r\nx"
