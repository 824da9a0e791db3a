"""Session 53's A1 (docs/history/security.md, "Session 53: a staff command no longer deletes
the daemon's SQLite -wal"): settling the SQLite files' owner and mode must
never drop a POSIX lock SQLite holds. Closing any descriptor of a file drops every fcntl
lock the process holds on it; in a shared (2770) data directory each new connection opened
and closed the database, -wal and -shm, and the next staff command took itself for the last
connection and deleted the daemon's live -wal. Each test here fails on the code before."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_file_safety import base_env, run

ROOT = Path(__file__).resolve().parents[1]

_PROBE = """
import fcntl, os, sys
fd = os.open(sys.argv[1], os.O_RDWR)
try:
    fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, 100)
    print("free")
except OSError:
    print("held")
"""


def _probe(path: Path) -> str:
    """Whether another process finds bytes 100.. of ``path`` locked."""
    done = subprocess.run([sys.executable, "-c", _PROBE, str(path)], capture_output=True,
                          text=True, timeout=60)
    return done.stdout.strip() or done.stderr


@pytest.mark.parametrize("shared", [True, False])
def test_settling_a_file_this_process_has_locked_keeps_the_lock(tmp_path, shared) -> None:  # noqa: ANN001
    import fcntl

    from social_bot.filesafety import make_private_file, shared_group

    folder = tmp_path / "data"
    folder.mkdir()
    folder.chmod(0o2770 if shared else 0o700)
    held = folder / "socialbot.db-shm"
    held.write_bytes(b"\0" * 512)
    held.chmod(0o600)  # as an earlier version left it: settling has work to do
    fd = os.open(held, os.O_RDWR)
    try:
        fcntl.lockf(fd, fcntl.LOCK_SH, 1, 100)  # as SQLite's read lock on a -shm slot
        assert _probe(held) == "held"
        make_private_file(held, shared_group(folder))
        assert (held.stat().st_mode & 0o777) == (0o660 if shared else 0o600)
        assert _probe(held) == "held"  # before: "free", the open and close let go of it
    finally:
        os.close(fd)


_DAEMON = """
import sys
from sqlalchemy import text
from social_bot.db.engine import Database
db = Database(sys.argv[1])
first = db.engine.connect()
first.exec_driver_sql("PRAGMA wal_autocheckpoint=0")  # its frames stay in the -wal
first.execute(text("CREATE TABLE IF NOT EXISTS notes (body TEXT)"))
first.execute(text("INSERT INTO notes VALUES ('daemon one')"))
first.commit()
second = db.engine.connect()  # the daemon's next pooled connection (chat door, monitor)
second.execute(text("SELECT count(*) FROM notes")).all()
second.rollback()
print("ready", flush=True)
sys.stdin.readline()  # a staff command runs now
first.execute(text("INSERT INTO notes VALUES ('daemon two')"))
first.commit()
print("committed", flush=True)
sys.stdin.readline()  # a third process reads; then this one exits
first.close()
second.close()
db.dispose()
"""

_COUNT = """
import sys
from sqlalchemy import text
from social_bot.db.engine import Database
db = Database(sys.argv[1])
with db.read() as session:
    print(session.execute(text("SELECT count(*) FROM notes")).scalar())
db.dispose()
"""


def _python(script: str, *args: str, **kwargs) -> subprocess.Popen:  # noqa: ANN003
    return subprocess.Popen([sys.executable, "-c", script, *args], cwd=ROOT, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)},
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, **kwargs)


def _line(proc: subprocess.Popen) -> str:
    line = proc.stdout.readline().strip()
    assert line, proc.stderr.read() if proc.poll() is not None else "no line"
    return line


@pytest.mark.parametrize("shared", [True, False])
def test_a_staff_command_beside_a_running_daemon_loses_no_write(tmp_path, shared) -> None:  # noqa: ANN001
    """A daemon-like process holds two pooled connections with frames not yet checkpointed;
    the real CLI runs `post list` in the same (2770) data directory; then the daemon
    commits, and a third process must see its row and the -wal must still be there."""
    env = base_env(tmp_path)
    data = tmp_path / "data"
    data.mkdir()
    data.chmod(0o2770 if shared else 0o700)
    assert run(env, "init").returncode == 0
    url = f"sqlite:///{data / 'socialbot.db'}"
    daemon = _python(_DAEMON, url)
    try:
        assert _line(daemon) == "ready"
        staff = run(env, "post", "list")
        assert staff.returncode == 0, staff.stderr
        wal_kept = (data / "socialbot.db-wal").exists()
        daemon.stdin.write("\n")
        daemon.stdin.flush()
        assert _line(daemon) == "committed"
        reader = subprocess.run([sys.executable, "-c", _COUNT, url], cwd=ROOT, text=True,
                                capture_output=True, timeout=120,
                                env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert reader.returncode == 0, reader.stderr
        daemon.stdin.write("\n")
        daemon.stdin.flush()
        assert daemon.wait(timeout=60) == 0, daemon.stderr.read()
    finally:
        if daemon.poll() is None:
            daemon.kill()
            daemon.wait(timeout=30)
    assert wal_kept, "the staff command deleted the -wal the daemon still writes"
    assert reader.stdout.strip() == "2"  # before (shared): "1", the daemon's row was lost
    if shared:
        assert (data / "socialbot.db").stat().st_mode & 0o777 == 0o660


_CLOSE_ONE = """
import sys
from sqlalchemy import text
from social_bot.db.engine import Database
db = Database(sys.argv[1])
with db.read() as session:
    session.execute(text("SELECT count(*) FROM notes")).scalar()
db.dispose()  # the last connection of a process: SQLite checkpoints and deletes the -wal
"""


def test_an_approved_image_swapped_for_a_link_to_the_database_is_not_opened(tmp_path) -> None:  # noqa: ANN001
    """Someone with write access to media/ (the staff group, in a shared data directory)
    replaces an approved image with a hard link to the database file: the daemon, checking
    the image before publishing, opened and closed it and let go of SQLite's locks, so the
    next staff command deleted the -wal it still used (measured on the code before: the
    -wal was gone). Now it is refused unopened."""
    from sqlalchemy import text

    from social_bot.db.engine import Database
    from social_bot.publish_gate import MediaChanged, _read_regular

    data = tmp_path / "data"
    (data / "media").mkdir(parents=True)
    data.chmod(0o2770)
    url = f"sqlite:///{data / 'socialbot.db'}"
    db = Database(url)
    conn = db.engine.connect()
    try:
        conn.exec_driver_sql("PRAGMA wal_autocheckpoint=0")
        conn.execute(text("CREATE TABLE notes (body TEXT)"))
        conn.execute(text("INSERT INTO notes VALUES ('kept')"))
        conn.commit()
        planted = data / "media" / "approved.png"
        os.link(data / "socialbot.db", planted)  # 0660: the group may link it
        with pytest.raises(MediaChanged, match="database files"):
            _read_regular(planted)
        other = subprocess.run([sys.executable, "-c", _CLOSE_ONE, url], cwd=ROOT, text=True,
                               capture_output=True, timeout=120,
                               env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert other.returncode == 0, other.stderr
        assert (data / "socialbot.db-wal").exists()  # before: deleted under this process
    finally:
        conn.close()
        db.dispose()


def test_open_checked_opens_other_files_as_os_open_does(tmp_path) -> None:  # noqa: ANN001
    import errno

    from social_bot.db.engine import Database
    from social_bot.filesafety import open_checked

    db = Database(f"sqlite:///{tmp_path / 'own.db'}")
    with db.engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE IF NOT EXISTS t (x INTEGER)")
    try:
        plain = tmp_path / "plain.txt"
        plain.write_text("hello")
        fd = open_checked(plain, os.O_RDONLY | os.O_NOFOLLOW)
        with os.fdopen(fd, "rb") as fh:
            assert fh.read() == b"hello"
        made = tmp_path / "new.lock"
        os.close(open_checked(made, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600))
        assert made.exists()
        os.close(open_checked(made, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600))
        with pytest.raises(FileExistsError):
            open_checked(made, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with pytest.raises(FileNotFoundError):
            open_checked(tmp_path / "absent", os.O_RDONLY)
        link = tmp_path / "to-db"
        link.symlink_to(tmp_path / "own.db")
        with pytest.raises(OSError) as nofollow:
            open_checked(link, os.O_RDONLY | os.O_NOFOLLOW)
        assert nofollow.value.errno == errno.ELOOP
        for name in ("own.db", "to-db"):  # the database itself, and through a symlink
            with pytest.raises(OSError) as refused:
                open_checked(tmp_path / name, os.O_RDONLY)
            assert refused.value.errno == errno.EPERM, name
    finally:
        db.dispose()
