"""Session 54's fixes of the second attack review's B1, B2, B3 (docs/history/security.md), beyond
the replays in tests/test_s53_attack2.py: one `init` at a time per data directory and an undo
that leaves a database another process holds; without /proc a name swapped for the
database between the look-up and the open is refused, never truncated, its descriptor never
closed; a symlinked database's real files are settled in their own folder's group. Texts and
files are this file's own."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from test_s53_wal import _probe

GOOD_KEY = "m" * 40

def _settings(data: Path):  # noqa: ANN202
    from social_bot.settings import load_settings

    return load_settings({"SOCIALBOT_DATA_DIR": str(data), "SOCIALBOT_AUDIT_KEY": GOOD_KEY},
                         dotenv=False)


# --- B1 ---------------------------------------------------------------------------------


def test_a_second_init_waits_for_the_first_and_finds_its_database(tmp_path: Path) -> None:
    from social_bot import storage

    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    first = storage._InitLock.take(data)  # another init, still running
    outcome: list[object] = []

    def second() -> None:
        try:
            storage.init_storage(_settings(data)).db.dispose()
            outcome.append("ready")
        except BaseException as exc:  # noqa: BLE001 - reported below
            outcome.append(exc)

    worker = threading.Thread(target=second, daemon=True)
    worker.start()
    try:
        time.sleep(1.0)
        assert outcome == [] and not (data / "socialbot.db").exists(), \
            "the second init did not wait for the first"
    finally:
        first.release()
    worker.join(timeout=60)
    assert outcome == ["ready"]
    assert (data / "socialbot.db").is_file()
    assert not (data / storage.INIT_LOCK).exists()


def test_a_lock_file_left_by_a_killed_init_does_not_hold_the_next(tmp_path: Path) -> None:
    """A kill -9 leaves `.init.lock` behind, unlocked: the next init takes it, finishes and
    removes it (flock dies with its process; the name alone is no lock)."""
    from social_bot import storage

    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    (data / storage.INIT_LOCK).write_bytes(b"")
    storage.init_storage(_settings(data)).db.dispose()
    assert (data / "socialbot.db").is_file()
    assert not (data / storage.INIT_LOCK).exists()


_HOLDER = """
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1]); c.execute('pragma journal_mode=wal').fetchall()
c.execute('select count(*) from sqlite_master').fetchall(); print('ok', flush=True)
time.sleep(60)
"""


def test_a_failing_init_keeps_the_new_database_while_another_process_has_it_open(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The database this init made, opened by another process (a daemon started by hand)
    before the migration failed: the undo used to unlink it with its -wal and -shm under
    that process; now it stays, and so do they."""
    from social_bot import storage
    from social_bot.db import migrate

    data = tmp_path / "data"
    path = data / "socialbot.db"
    holder: list[subprocess.Popen[str]] = []

    def upgrade_while_another_process_opens_it(_db) -> None:  # noqa: ANN001
        holder.append(subprocess.Popen([sys.executable, "-c", _HOLDER, str(path)],
                                       stdout=subprocess.PIPE, text=True))
        assert holder[0].stdout is not None and holder[0].stdout.readline() == "ok\n"
        raise RuntimeError("the migration failed")

    monkeypatch.setattr(migrate, "upgrade", upgrade_while_another_process_opens_it)
    try:
        with pytest.raises(RuntimeError):
            storage.init_storage(_settings(data))
        assert path.exists(), "the undo removed a database another process has open"
        assert Path(f"{path}-shm").exists()
    finally:
        for process in holder:
            process.kill()
            process.wait(timeout=30)


# --- B2 ---------------------------------------------------------------------------------


def _without_proc(monkeypatch: pytest.MonkeyPatch, before_open=None) -> None:  # noqa: ANN001
    """os.open as in a chroot without /proc mounted; ``before_open(path, flags)`` is called
    before every other open (a staff login's move between the look-up and the open)."""
    real_open = os.open

    def opener(path, flags, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        if str(path).startswith("/proc/"):
            raise FileNotFoundError(2, "No such file or directory", str(path))
        if before_open is not None:
            before_open(path, flags)
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", opener)


@pytest.mark.parametrize("call", ["read", "write"])
def test_without_proc_a_name_swapped_for_the_database_is_refused_and_keeps_the_locks(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call: str) -> None:
    """Without /proc the checked name is opened again by name; a staff login who swaps it
    for a hard link to the database between the look-up and that open gets a refusal: the
    database is not truncated (write) and the descriptor is not closed, so the lock this
    process holds on the database survives (another process still sees it)."""
    import fcntl

    from sqlalchemy import text

    from social_bot import filesafety
    from social_bot.db.engine import make_engine

    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    database = data / "socialbot.db"
    engine = make_engine(f"sqlite:///{database}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE notes (line TEXT)"))
        conn.execute(text("INSERT INTO notes VALUES ('kept')"))
    engine.dispose()
    size = database.stat().st_size
    target = data / "thumbnail.png"
    target.write_bytes(b"not a picture\n")
    held = os.open(database, os.O_RDWR)  # as SQLite's own descriptor and its lock
    fcntl.lockf(held, fcntl.LOCK_SH, 1, 100)
    swapped: list[bool] = []

    def swap(path, flags) -> None:  # noqa: ANN001
        if str(path) == str(target) and not flags & os.O_PATH and not swapped:
            os.link(database, data / ".swap")
            os.replace(data / ".swap", target)
            swapped.append(True)

    parked_before = len(filesafety._parked)
    _without_proc(monkeypatch, swap)
    try:
        with pytest.raises(PermissionError, match="database files"):
            if call == "read":
                filesafety.read_bytes_checked(target)
            else:
                filesafety.write_text_checked(target, "overwritten")
    finally:
        monkeypatch.undo()
    try:
        assert swapped
        assert database.stat().st_size == size
        assert _probe(database) == "held"
        assert len(filesafety._parked) == parked_before + 1
        with sqlite3.connect(database) as con:
            assert con.execute("SELECT line FROM notes").fetchall() == [("kept",)]
        con.close()
    finally:
        os.close(held)


def test_without_proc_open_checked_keeps_the_callers_flags(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fallback opens as the caller asked: O_TRUNC empties the checked file, a blocking
    open stays blocking, a symlink with O_NOFOLLOW is refused."""
    from social_bot import filesafety
    from social_bot.db.engine import make_engine

    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    engine = make_engine(f"sqlite:///{data / 'socialbot.db'}")
    with engine.connect():
        pass
    old = data / "old-notes.txt"
    old.write_text("long text from before\n")
    (data / "link.txt").symlink_to(old)
    _without_proc(monkeypatch)
    try:
        fd = filesafety.open_checked(old, os.O_WRONLY | os.O_TRUNC)
        try:
            assert os.get_blocking(fd)
            os.write(fd, b"new\n")
        finally:
            os.close(fd)
        assert old.read_text() == "new\n"
        with pytest.raises(OSError, match="Too many levels"):
            filesafety.open_checked(data / "link.txt", os.O_RDONLY | os.O_NOFOLLOW)
        filesafety.write_text_checked(data / "fresh.txt", "made now")
        assert (data / "fresh.txt").read_text() == "made now"
    finally:
        monkeypatch.undo()
        engine.dispose()


# --- B3 ---------------------------------------------------------------------------------


def _symlinked_database(tmp_path: Path) -> tuple[Path, Path]:
    store = tmp_path / "store"
    store.mkdir()
    store.chmod(0o2770)  # shared on purpose, in this user's group
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    link = data / "socialbot.db"
    link.symlink_to(store / "clinic.db")
    return link, store / "clinic.db"


def test_a_symlinked_database_is_settled_where_it_is(tmp_path: Path) -> None:
    """The database behind a symlinked name, and its -wal and -shm, get the group of the
    folder they are in (shared: 0660); the name's own folder (private) used to decide, and
    the target was made 0600."""
    from sqlalchemy import text

    from social_bot.db.engine import make_engine

    link, real = _symlinked_database(tmp_path)
    engine = make_engine(f"sqlite:///{link}")
    try:
        with engine.connect() as conn:
            conn.execute(text("CREATE TABLE t (x INTEGER)"))
            conn.commit()
        for end in ("", "-wal", "-shm"):
            assert (Path(f"{real}{end}").stat().st_mode & 0o777) == 0o660, end
    finally:
        engine.dispose()


@pytest.mark.skipif(os.geteuid() != 0, reason="a link owned by another user needs root")
def test_a_database_link_of_another_user_does_not_share_its_target(tmp_path: Path) -> None:
    from sqlalchemy import text

    from social_bot.db.engine import make_engine

    link, real = _symlinked_database(tmp_path)
    os.lchown(link, 54321, -1)
    engine = make_engine(f"sqlite:///{link}")
    try:
        with engine.connect() as conn:
            conn.execute(text("CREATE TABLE t (x INTEGER)"))
            conn.commit()
        assert (real.stat().st_mode & 0o777) == 0o600  # made private, not shared
    finally:
        engine.dispose()
