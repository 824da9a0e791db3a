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


# --- B2: the descriptors parked by race wins are bounded -----------------------------------

def test_without_proc_race_wins_park_at_most_park_limit_descriptors(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without /proc, each time a staff login swaps a checked name for a link to the
    database between the look-up and the open by name, the descriptor of the database is
    kept open until exit (closing it would drop SQLite's locks). On main there was no bound:
    a login winning the race again and again used up the process's descriptors. Now, past
    PARK_LIMIT parked descriptors, the open by name is refused before it opens anything, with
    a line saying why; the database, its lock and reads through /proc are untouched."""
    import fcntl
    import sqlite3

    from test_s53_wal import _probe
    from test_s54_b123 import _without_proc

    from social_bot import filesafety
    from social_bot.db.engine import make_engine

    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    database = data / "socialbot.db"
    engine = make_engine(f"sqlite:///{database}")  # notes it as this process's database
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE notes (line TEXT)")
        conn.exec_driver_sql("INSERT INTO notes VALUES ('kept')")
    engine.dispose()
    target = data / "thumbnail.png"
    picture = b"\x89PNG a thumbnail\n"
    held = os.open(database, os.O_RDWR)  # as SQLite's own descriptor and its lock
    fcntl.lockf(held, fcntl.LOCK_SH, 1, 100)
    parked: list[int] = []
    monkeypatch.setattr(filesafety, "_parked", parked)
    wins = [0]

    def swap(path, flags) -> None:  # noqa: ANN001 - the staff login wins every race
        if str(path) == str(target) and not flags & os.O_PATH:
            os.link(database, data / ".swap")
            os.replace(data / ".swap", target)
            wins[0] += 1

    limit = filesafety.PARK_LIMIT
    refusals: list[OSError] = []
    try:
        for _ in range(limit + 10):
            target.unlink(missing_ok=True)  # the link the last race left: not written through
            target.write_bytes(picture)  # the real thumbnail back under its name
            with monkeypatch.context() as chroot:
                _without_proc(chroot, swap)
                try:
                    filesafety.read_bytes_checked(target)
                except OSError as exc:
                    refusals.append(exc)
        assert len(refusals) == limit + 10
        assert len(parked) == limit, "race wins parked descriptors without a bound"
        assert wins[0] == limit, "an open by name was tried after the limit"
        last = refusals[-1]
        assert "mount /proc" in str(last) and "restart socialbot" in str(last)
        assert _probe(database) == "held"
        target.unlink()
        target.write_bytes(picture)
        assert filesafety.read_bytes_checked(target) == picture  # /proc there: reads go on
        with sqlite3.connect(database) as con:
            assert con.execute("SELECT line FROM notes").fetchall() == [("kept",)]
        con.close()
    finally:
        os.close(held)
        for fd in parked:  # the test's own: its lock is gone with `held`
            os.close(fd)
