"""Session 53's re-read of `init`'s undo (docs/history/security.md, "Session 53: fixes for the
attack review's low findings A2, A3, A4", A2): a failed `init`
removes only what it made, and never what a database that was there before still needs."""

from __future__ import annotations

import errno
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select
from test_audit_keyed import _legacy_chain

from social_bot import audit
from social_bot.db.engine import Database
from social_bot.db.models import AuditRecord
from social_bot.settings import load_audit_keys, load_settings

GOOD_KEY = "k" * 40


def test_a_failure_after_the_seal_keeps_the_audit_key_the_old_database_now_needs(
        db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from social_bot import storage

    _legacy_chain(db, 3)
    data = tmp_path / "data"
    settings = load_settings({"DATABASE_URL": db.url, "SOCIALBOT_DATA_DIR": str(data)},
                             dotenv=False)

    def disk_full(_mark: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage, "_mark_keyed", disk_full)
    with pytest.raises(OSError, match="No space"):
        storage.init_storage(settings)
    with db.read() as session:
        seal = session.scalars(select(AuditRecord).order_by(AuditRecord.id.desc())).first()
        assert seal.action == "audit.keyed"
        # before: audit.key was removed, and the seal's key with it (verify: "not configured")
        assert audit.verify(session, load_audit_keys(settings)).ok


_DAEMON = """
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1]); c.execute('pragma wal_autocheckpoint=0')
c.execute('insert into daemon_rows values (1)'); c.commit(); print('ok', flush=True)
time.sleep(60)
"""


def test_a_failure_never_removes_the_wal_of_a_database_that_was_there(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from social_bot import storage
    from social_bot.db import migrate

    settings = load_settings({"SOCIALBOT_DATA_DIR": str(tmp_path / "data"),
                              "SOCIALBOT_AUDIT_KEY": GOOD_KEY}, dotenv=False)
    storage.init_storage(settings).db.dispose()
    path = tmp_path / "data" / "socialbot.db"
    assert path.exists() and not Path(f"{path}-wal").exists()
    with sqlite3.connect(path) as con:
        con.execute("create table daemon_rows(x)")
    con.close()
    daemon: list[subprocess.Popen[str]] = []
    real = migrate.upgrade

    def upgrade_as_the_daemon_starts(db: Database) -> None:
        real(db)
        daemon.append(subprocess.Popen([sys.executable, "-c", _DAEMON, str(path)],
                                       stdout=subprocess.PIPE, text=True))
        assert daemon[0].stdout is not None and daemon[0].stdout.readline() == "ok\n"
        raise RuntimeError("the migration failed")

    monkeypatch.setattr(migrate, "upgrade", upgrade_as_the_daemon_starts)
    try:
        with pytest.raises(RuntimeError):
            storage.init_storage(settings)
        con = sqlite3.connect(path)
        try:  # before: 0, the daemon's -wal (with its commit) was removed by the undo
            assert con.execute("select count(*) from daemon_rows").fetchone()[0] == 1
        finally:
            con.close()
    finally:
        for process in daemon:
            process.kill()
            process.wait()
