"""Session 53's second attack review of the A1 fixes (docs/history/security.md, "Session 53:
second-round attack"): replays of
what it found, each marked xfail(strict=True) so CI stays green until a fix lands (then the
test XPASSes, CI turns red, and the fixer removes the mark). Texts and files are this
file's own."""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

GOOD_KEY = "q" * 40

_OTHER_PROCESS = """
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
con.execute("PRAGMA journal_mode=WAL")
con.execute("CREATE TABLE IF NOT EXISTS from_the_other_process (note TEXT)")
con.execute("INSERT INTO from_the_other_process VALUES ('written by the first init')")
con.commit()
con.close()
"""


def _settings(data: Path):  # noqa: ANN202
    from social_bot.settings import load_settings

    return load_settings({"SOCIALBOT_DATA_DIR": str(data), "SOCIALBOT_AUDIT_KEY": GOOD_KEY},
                         dotenv=False)


def test_a_failing_init_keeps_a_database_another_process_made_meanwhile(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two `socialbot init` runs on a new data directory: both find no socialbot.db, one
    creates and migrates it, the other waits on the lock and fails with "database is
    locked"; its undo then deleted the database the first had just reported ready
    (measured: 2 of 26 rounds of two real `init` processes)."""
    from sqlalchemy.exc import OperationalError

    from social_bot import storage
    from social_bot.db import migrate

    data = tmp_path / "data"
    db_file = data / "socialbot.db"
    real_database = storage.Database

    def database_after_the_other_init(url, **kwargs):  # noqa: ANN001, ANN003, ANN202
        # the other init creates and fills the database after this one's look
        subprocess.run([sys.executable, "-c", _OTHER_PROCESS, str(db_file)], check=True,
                       timeout=60)
        return real_database(url, **kwargs)

    def locked(_db) -> None:  # noqa: ANN001
        raise OperationalError("upgrade", {}, Exception("database is locked"))

    monkeypatch.setattr(storage, "Database", database_after_the_other_init)
    monkeypatch.setattr(migrate, "upgrade", locked)
    with pytest.raises(OperationalError):
        storage.init_storage(_settings(data))
    assert db_file.exists(), "the other process's database was removed by this init's undo"
    con = sqlite3.connect(db_file)
    try:
        rows = con.execute("SELECT note FROM from_the_other_process").fetchall()
    finally:
        con.close()
    assert rows == [("written by the first init",)]


def test_open_checked_reads_a_plain_file_without_proc(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A chroot or container without /proc mounted: open_checked reopens the O_PATH
    descriptor through /proc/self/fd, which is missing, so after the first engine every
    image, watermark, policy and key file read says "No such file or directory" about a
    file that is there (measured with `unshare --mount` and a tmpfs over /proc)."""
    from sqlalchemy import text

    from social_bot.db.engine import make_engine
    from social_bot.filesafety import read_bytes_checked

    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    leaflet = data / "clinic-leaflet.txt"
    leaflet.write_bytes(b"open on saturdays\n")
    engine = make_engine(f"sqlite:///{data / 'socialbot.db'}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (x INTEGER)"))

    real_open = os.open

    def no_proc(path, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        if str(path).startswith("/proc/"):
            raise FileNotFoundError(2, "No such file or directory", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", no_proc)
    try:
        assert read_bytes_checked(leaflet) == b"open on saturdays\n"
    finally:
        monkeypatch.undo()
        engine.dispose()


def test_a_link_to_the_shm_of_a_symlinked_database_is_refused(tmp_path: Path) -> None:
    """SQLite resolves a symlinked database path and keeps -wal/-shm beside the target;
    `is_sqlite_file` looks for them beside the configured name, finds none, and so opens a
    hard link to the real -shm (closing it drops the -shm locks the process holds)."""
    from sqlalchemy import text

    from social_bot.db.engine import make_engine
    from social_bot.filesafety import open_checked

    store = tmp_path / "store"
    store.mkdir(mode=0o700)
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    (data / "socialbot.db").symlink_to(store / "clinic.db")
    engine = make_engine(f"sqlite:///{data / 'socialbot.db'}")
    try:
        with engine.connect() as conn:
            conn.execute(text("CREATE TABLE t (x INTEGER)"))
            conn.commit()
            assert (store / "clinic.db-shm").exists()
            planted = data / "thumbnail.png"
            os.link(store / "clinic.db-shm", planted)
            with pytest.raises(PermissionError):
                os.close(open_checked(planted, os.O_RDONLY))
    finally:
        engine.dispose()


_READ_APPROVED = """
import sys
from pathlib import Path
from social_bot.publish_gate import MediaChanged, _read_regular
try:
    _read_regular(Path(sys.argv[1]))
    print("read")
except MediaChanged as exc:
    print("refused:", exc)
"""


def test_an_approved_image_swapped_for_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    """In the shared media folder (2770, no sticky bit) a group member may replace an
    approved image by a named pipe; the publisher's re-read opens it without O_NONBLOCK
    and waits for a writer for ever (measured with real logins: the daemon's publish
    thread sat in wait_for_partner and no later post on that platform was published)."""
    pipe = tmp_path / "approved-photo.png"
    os.mkfifo(pipe, 0o600)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    try:
        done = subprocess.run([sys.executable, "-c", _READ_APPROVED, str(pipe)],
                              capture_output=True, text=True, timeout=8, env=env)
    except subprocess.TimeoutExpired:
        pytest.fail("the read of the approved image is still waiting on the pipe")
    assert done.stdout.startswith("refused:"), done.stdout + done.stderr


def _call_on_a_pipe(pipe: Path, call: str) -> str:
    """`filesafety.<call>` on a named pipe in a child process, bounded: what it printed
    ("refused: <errno> <strerror>"), or the test fails when the child is still waiting."""
    os.mkfifo(pipe, 0o600)
    code = ("import sys\nfrom social_bot import filesafety\n"
            f"try:\n    filesafety.{call}\n"
            "except OSError as exc:\n    print('refused:', exc.errno, exc.strerror)\n")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    try:
        done = subprocess.run([sys.executable, "-c", code, str(pipe)], capture_output=True,
                              text=True, timeout=8, env=env)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{call} is still waiting on the pipe")
    return done.stdout.strip() or done.stderr


@pytest.mark.parametrize("reader", ["read_bytes_checked", "read_text_checked"])
def test_the_checked_readers_refuse_a_pipe_at_once(tmp_path: Path, reader: str) -> None:
    """B4's fix in the shared readers (keys, media uploads, the comment watermark): a named
    pipe under the name is refused, not waited on."""
    said = _call_on_a_pipe(tmp_path / "vote.pub", f"{reader}(sys.argv[1])")
    assert said == f"refused: {errno.EINVAL} not a regular file", said


def test_the_checked_writer_refuses_a_pipe_at_once(tmp_path: Path) -> None:
    """The write side (re-read D): a named pipe under `.vote.pub.tmp` or
    `audit.sign.<id>.pub` is refused, not waited on until someone reads it."""
    said = _call_on_a_pipe(tmp_path / "audit.sign.0123456789abcdef.pub",
                           "write_text_checked(sys.argv[1], 'x')")
    assert said.startswith("refused:"), said
