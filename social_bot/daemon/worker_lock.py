"""One running process per worker id.

A worker rechecks its own unfinished attempts without waiting for their lease (a previous
run's once their heartbeat is quiet for half a lease: reconcile.Reconciler.in_doubt):
right after a crash, but wrong if another process with the same id (a cron `--once`
overlapping the daemon, a second copy) still has a request in flight. This lock makes
that second process refuse to start instead.

On PostgreSQL the lock lives as long as one database session: a database restart or a
pg_terminate_backend ends it while the daemon runs on. `confirm`, called before each
publish pass, takes it again, or stops the daemon if another process took it meanwhile.
Leases compare one daemon's times with another's, so `check_clock` refuses a daemon whose
clock is off the database's.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import IO, Any

from sqlalchemy import text

from social_bot.db.engine import Database
from social_bot.errors import UserError
from social_bot.filesafety import open_checked

# Tries, and the pause between them, before a lock lost with its session and not taken back
# is read as another process's (about 2 s: a terminated backend's exit).
RETAKE_TRIES = 20
RETAKE_PAUSE = 0.1


def _advisory_key(worker_id: str) -> int:
    digest = hashlib.sha256(f"socialbot-worker:{worker_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


class WorkerLock:
    def __init__(self, db: Database, worker_id: str) -> None:
        self.db = db
        self.worker_id = worker_id
        self._held: Any = None  # a PostgreSQL connection, or an open lock file
        self._guard = threading.Lock()  # the publish lanes confirm from their own threads
        self._wanted = False  # acquired and not released: confirm takes it again if lost

    def acquire(self) -> None:
        if self._held is not None:
            return
        taken = self._lock_sqlite() if self.db.is_sqlite else self._lock_postgres()
        if not taken:
            raise UserError(
                f"another socialbot daemon is already running as worker {self.worker_id!r} "
                "on this database; stop it, or give this one its own --worker-id"
            )
        self._wanted = True

    def confirm(self) -> None:
        """Still ours (PostgreSQL: its session is alive), else taken again; raises UserError
        if another process with this worker id took it while it was lost."""
        if self.db.is_sqlite:
            return  # a lock file is held by this process until it closes it
        with self._guard:
            if not self._wanted:
                return  # not acquired (or released at stop): nothing to confirm
            held = self._held
            if held is not None:
                try:
                    held.execute(text("SELECT 1"))
                    held.commit()
                    return
                except Exception:  # noqa: BLE001 - the session is gone, its lock with it
                    self._held = None
                    _close_quietly(held)
            # (the database down: this raises, and the next pass tries again). A backend
            # that was terminated lets go of its advisory locks only once it has exited, a
            # moment after its client saw the connection close: a few tries before deciding
            # another process took it, not a stop on our own lock's echo.
            for _ in range(RETAKE_TRIES):
                if self._lock_postgres():
                    return
                time.sleep(RETAKE_PAUSE)
            raise UserError(
                f"worker {self.worker_id!r} lost its lock on the database (the connection "
                "was cut) and another process running as that worker took it: this one "
                "stops; give each daemon its own --worker-id")

    def _lock_postgres(self) -> bool:
        conn = self.db.engine.connect()
        got = conn.execute(text("SELECT pg_try_advisory_lock(:k)"),
                           {"k": _advisory_key(self.worker_id)}).scalar()
        conn.commit()
        if got:
            self._held = conn
        else:
            conn.close()
        return bool(got)

    def _lock_sqlite(self) -> bool:
        database = self.db.engine.url.database or "memory"
        safe = re.sub(r"[^A-Za-z0-9_.-]", "_", self.worker_id)[:80]
        path = Path(f"{database}.worker-{safe}.lock")
        # not a file SQLite holds under another name (filesafety.open_checked)
        handle: IO[str] = os.fdopen(open_checked(
            path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o666), "a")
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        handle.truncate(0)
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self._held = handle
        return True

    def release(self) -> None:
        self._wanted = False
        held, self._held = self._held, None
        if held is None:
            return
        if self.db.is_sqlite:
            fcntl.flock(held.fileno(), fcntl.LOCK_UN)
            held.close()
        else:
            with contextlib.suppress(Exception):  # a cut session took its lock with it
                held.execute(text("SELECT pg_advisory_unlock(:k)"),
                             {"k": _advisory_key(self.worker_id)})
            _close_quietly(held)


def _close_quietly(conn: Any) -> None:
    with contextlib.suppress(Exception):  # a dead connection: nothing left to free
        conn.close()


def check_clock(db: Database, clock: Callable[[], datetime], lease: timedelta) -> None:
    """Refuse a daemon whose clock is off the database's by more than a quarter lease.

    A lease is one daemon's heartbeat compared with another daemon's clock: a host ten
    minutes ahead saw every live claim as abandoned, checked it while its request was still
    in flight, found nothing and published it again (an outside review, session 44). The
    database's clock is the one all daemons share. SQLite has one daemon: nothing to compare.
    """
    if db.is_sqlite:
        return
    with db.engine.connect() as conn:
        database_now = conn.execute(text("SELECT now()")).scalar_one()
    skew = (clock() - database_now).total_seconds()
    allowed = lease.total_seconds() / 4
    if abs(skew) > allowed:
        way = "ahead of" if skew > 0 else "behind"
        raise UserError(
            f"this host's clock is {abs(skew):.0f} s {way} the database's; daemons sharing a "
            f"database compare claim times, so more than {allowed:g} s (a quarter of "
            "SOCIALBOT_CLAIM_LEASE) could publish a post twice: set the clock (NTP) first")
