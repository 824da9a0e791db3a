"""Session 55's small items (s55-small): the one folder test behind the daemon's TMPDIR check
and filesafety's folder walk, ..."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from social_bot.errors import UserError
from social_bot.filesafety import (
    FOLDER_MODE,
    FOLDER_OWNER,
    folder_open_to_others,
    folder_problem,
)
from social_bot.publish_gate import media_temp_base

OTHER_UID = 54321  # no login of this machine


def _folder(tmp_path: Path, mode: int, *, foreign: bool = False) -> Path:
    folder = tmp_path / f"tmp-{mode:o}{'-theirs' if foreign else ''}"
    folder.mkdir()
    folder.chmod(mode)
    if foreign:
        if os.geteuid() != 0:
            pytest.skip("giving a folder to another user needs root")
        os.chown(folder, OTHER_UID, -1)
    return folder


def _tmpdir_refusal(folder: Path, monkeypatch: pytest.MonkeyPatch) -> str | None:
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    try:
        media_temp_base()
    except UserError as exc:
        return str(exc)
    finally:
        monkeypatch.undo()
    return None


@pytest.mark.parametrize(("mode", "foreign", "why"), [
    (0o700, False, None), (0o755, False, None), (0o1777, False, None), (0o1770, False, None),
    (0o777, False, FOLDER_MODE), (0o2770, False, FOLDER_MODE), (0o720, False, FOLDER_MODE),
    (0o702, False, FOLDER_MODE), (0o700, True, FOLDER_OWNER), (0o1777, True, FOLDER_OWNER),
])
def test_the_temp_folder_check_and_the_folder_walk_refuse_the_same_folders(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: int, foreign: bool,
        why: str | None) -> None:
    """publish_gate.media_temp_base (the daemon's TMPDIR) and filesafety's folder walk each
    had their own owner and write-without-sticky-bit test; one predicate serves both now, so
    they cannot drift apart."""
    folder = _folder(tmp_path, mode, foreign=foreign)
    assert folder_open_to_others(os.stat(folder)) == why
    refused = _tmpdir_refusal(folder, monkeypatch)
    walked = folder_problem(folder / "settings.env")
    assert (refused is None) is (why is None)
    assert (walked is None) is (why is None)


def test_the_temp_folder_refusal_says_which_rule_it_breaks(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The TMPDIR refusal named both rules ("owned by another user, or writable by its group
    or others without the sticky bit") whichever one the folder broke; now it says which."""
    shared = _tmpdir_refusal(_folder(tmp_path, 0o2770), monkeypatch)
    assert shared is not None and "TMPDIR" in shared
    assert "(it is writable by its group or others without the sticky bit)" in shared
    assert "owned by" not in shared and "belongs to" not in shared
    theirs = _tmpdir_refusal(_folder(tmp_path, 0o1777, foreign=True), monkeypatch)
    assert theirs is not None and f"(it belongs to uid {OTHER_UID})" in theirs
    assert "sticky bit)" not in theirs.split(":")[0]
