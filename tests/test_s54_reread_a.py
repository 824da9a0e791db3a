"""An outside reviewer's attack on session 54's file-safety and init changes
(docs/history/security.md): the init lock's descriptor is never one of the database's, so
letting go of the lock cannot drop the POSIX locks SQLite holds (session 53's A1). Texts and
files are this file's own."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_s53_wal import _probe

from social_bot.errors import UserError

KEY = "q" * 40


def _settings(data: Path):  # noqa: ANN202
    from social_bot.settings import load_settings

    return load_settings({"SOCIALBOT_DATA_DIR": str(data), "SOCIALBOT_AUDIT_KEY": KEY},
                         dotenv=False)


_INIT = """
import sys
from social_bot.settings import load_settings
from social_bot.storage import init_storage
env = {"SOCIALBOT_DATA_DIR": sys.argv[1], "SOCIALBOT_AUDIT_KEY": sys.argv[2]}
init_storage(load_settings(env, dotenv=False)).db.dispose()
"""


def _own_locks(path: Path) -> list[str]:
    """The POSIX locks this process holds on ``path`` (by inode, from /proc/locks)."""
    ino = os.stat(path).st_ino
    with open("/proc/locks") as fh:
        return [line for line in fh
                if f":{ino} " in line and f" {os.getpid()} " in line and "POSIX" in line]


def test_a_hard_link_planted_as_the_init_lock_does_not_drop_the_database_locks(
        tmp_path: Path) -> None:
    """A staff login (group rw on the database, write in the shared data directory) links
    the database as `.init.lock`; the next `socialbot init` opened it as its lock, and its
    release closed that descriptor with the database open: the POSIX lock SQLite holds on a
    WAL database while connected was gone when init returned. Now init refuses the link."""
    from social_bot import filesafety, storage

    data = tmp_path / "data"
    # the first init in its own process: this one has noted no database, as a fresh
    # `socialbot init` has not when it takes the lock
    subprocess.run([sys.executable, "-c", _INIT, str(data), KEY], check=True, timeout=120,
                   env={**os.environ, "PYTHONPATH": os.getcwd()})
    database = data / "socialbot.db"
    saved = set(filesafety._sqlite_databases)
    filesafety._sqlite_databases.clear()
    os.link(database, data / storage.INIT_LOCK)
    try:
        try:
            report = storage.init_storage(_settings(data))
        except UserError as exc:
            assert "hard link" in str(exc)
            return
        try:
            assert _own_locks(database), "the init lock's release dropped SQLite's locks"
        finally:
            report.db.dispose()
    finally:
        filesafety._sqlite_databases.update(saved)


def test_the_database_made_a_link_to_the_held_init_lock_is_not_closed_at_release(
        tmp_path: Path) -> None:
    """The other way round: while init holds its lock, the database name is made a link to
    the lock file (the name was free or replaced), so the engine opens the lock's inode.
    Release must not close that descriptor (it parks it, as open_checked does)."""
    from social_bot import filesafety, storage
    from social_bot.db.engine import make_engine

    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    lock = storage._InitLock.take(data)
    database = data / "socialbot.db"
    os.link(data / storage.INIT_LOCK, database)
    engine = make_engine(f"sqlite:///{database}")  # notes it as this process's database
    held = os.open(database, os.O_RDWR)
    parked = len(filesafety._parked)
    try:
        fcntl.lockf(held, fcntl.LOCK_SH, 1, 100)
        lock.release()
        assert _probe(database) == "held"
        assert len(filesafety._parked) == parked + 1
    finally:
        os.close(held)
        engine.dispose()


def test_a_permission_refusal_of_a_database_file_is_not_taken_for_another_users_lock(
        tmp_path: Path) -> None:
    """In a process with the database noted, `.init.lock` linked to it is refused by
    open_checked with EPERM; that is said at once, not read as another user's fresh lock
    file for five seconds."""
    import time

    from social_bot import storage
    from social_bot.db.engine import make_engine

    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    database = data / "socialbot.db"
    engine = make_engine(f"sqlite:///{database}")
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("CREATE TABLE t (x)")
        os.link(database, data / storage.INIT_LOCK)
        started = time.monotonic()
        with pytest.raises(PermissionError, match="database files"):
            storage._InitLock.take(data)
        assert time.monotonic() - started < 3
    finally:
        engine.dispose()


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait(timeout=30)
    return child.pid


def test_the_media_cleanup_never_opens_a_database_swapped_in_for_a_stale_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A daemon whose TMPDIR is a folder other logins can write in (no sticky bit): between
    the cleanup's look at a dead publisher's folder and its removal, a staff login renames
    the folder and links the database under its name. shutil.rmtree(path) opened that name
    (O_RDONLY, whatever it is), found it was not the folder it looked at, and closed it: the
    daemon's POSIX locks on its database were gone (A1). Now the folder is opened once, as a
    folder only (O_DIRECTORY | O_NOFOLLOW), and emptied through that descriptor."""
    from social_bot import publish_gate
    from social_bot.db.engine import make_engine
    from social_bot.publish_gate import MEDIA_PREFIX, remove_stale_media_folders

    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    database = data / "socialbot.db"
    engine = make_engine(f"sqlite:///{database}")
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE t (x)")
    shared = tmp_path / "shared-tmp"
    shared.mkdir()
    shared.chmod(0o777)  # other logins write here; no sticky bit
    name = f"{MEDIA_PREFIX}{_dead_pid()}-abc123"
    (shared / name).mkdir(mode=0o700)
    (shared / name / "copy-1.png").write_bytes(b"copy")
    held = os.open(database, os.O_RDWR)  # as SQLite's descriptor and its lock
    real_kill = os.kill
    swapped: list[bool] = []

    def kill(pid: int, sig: int) -> None:  # the pid check: after the look, before removal
        if not swapped:
            os.rename(shared / name, shared / "moved-away")
            os.link(database, shared / name)
            swapped.append(True)
        real_kill(pid, sig)

    try:
        fcntl.lockf(held, fcntl.LOCK_SH, 1, 100)
        monkeypatch.setattr(publish_gate.os, "kill", kill)
        remove_stale_media_folders(shared)
        monkeypatch.undo()
        assert swapped
        assert _probe(database) == "held", "the cleanup opened and closed the database"
        assert database.stat().st_size > 0
    finally:
        os.close(held)
        engine.dispose()


def _approved_image(tmp_path: Path) -> tuple[Path, str]:
    import hashlib

    image = tmp_path / "photo.png"
    image.write_bytes(b"\x89PNG the approved picture")
    return image, hashlib.sha256(image.read_bytes()).hexdigest()


def test_copies_in_a_temp_folder_others_can_rename_in_are_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """TMPDIR a folder staff share without the sticky bit: after verified_media hashed and
    copied the approved image, another login renamed the copy folder and put its own under
    the same name; the upload read the other login's picture. Now such a folder is refused
    before anything is copied."""
    import tempfile

    from social_bot.publish_gate import MediaChanged, verified_media

    image, digest = _approved_image(tmp_path)
    shared = tmp_path / "shared-tmp"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setattr(tempfile, "tempdir", str(shared))
    try:
        with verified_media([image], [digest]) as copies:
            folder = copies[0].parent
            os.rename(folder, shared / "aside")  # the other login, between hash and upload
            folder.mkdir()
            copies[0].write_bytes(b"\x89PNG something else")
            sent = copies[0].read_bytes()  # what the adapter uploads
    except MediaChanged as exc:
        assert "TMPDIR" in str(exc)
        return
    assert sent == image.read_bytes(), "the platform got another picture than the approved"


def test_the_daemon_start_refuses_a_temp_folder_others_can_rename_in(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    from social_bot.daemon.runner import Daemon

    shared = tmp_path / "shared-tmp"
    shared.mkdir()
    shared.chmod(0o2770)  # a staff group's folder
    monkeypatch.setattr(tempfile, "tempdir", str(shared))
    with pytest.raises(UserError, match="TMPDIR"):
        Daemon._remove_stale_media(object())  # type: ignore[arg-type]
    shared.chmod(0o1777)  # as /tmp: the sticky bit keeps others' hands off our folders
    Daemon._remove_stale_media(object())  # type: ignore[arg-type]
    shared.chmod(0o700)
    Daemon._remove_stale_media(object())  # type: ignore[arg-type]


def test_an_init_waiting_for_one_that_fails_on_a_new_folder_says_so(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first init made the data directory, failed and removed it; the second, which
    waited on its lock, then failed with a bare FileNotFoundError (no file named). Now it
    says what happened, or finishes."""
    import threading
    import time

    from social_bot import export_key, storage

    data = tmp_path / "data"
    real = export_key.create_signing_key
    calls: list[int] = []

    def first_fails(folder):  # noqa: ANN001, ANN202
        calls.append(1)
        if len(calls) == 1:
            time.sleep(1.5)
            raise RuntimeError("the first init fails")
        return real(folder)

    monkeypatch.setattr(export_key, "create_signing_key", first_fails)
    outcome: dict[str, object] = {}

    def run(tag: str) -> None:
        try:
            storage.init_storage(_settings(data)).db.dispose()
            outcome[tag] = "ready"
        except BaseException as exc:  # noqa: BLE001 - reported below
            outcome[tag] = exc

    first = threading.Thread(target=run, args=("first",), daemon=True)
    first.start()
    time.sleep(0.5)
    second = threading.Thread(target=run, args=("second",), daemon=True)
    second.start()
    first.join(timeout=60)
    second.join(timeout=60)
    assert isinstance(outcome["first"], RuntimeError)
    assert outcome["second"] == "ready" or (
        isinstance(outcome["second"], UserError) and "again" in str(outcome["second"])), \
        outcome["second"]
