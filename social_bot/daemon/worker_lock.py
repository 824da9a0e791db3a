"""One running process per worker id.

A worker rechecks its own unfinished attempts at once on start-up, without waiting for
their lease: right after a crash, but wrong if another process with the same id (a
cron `--once` overlapping the daemon, a second copy) still has a request in flight. This
lock makes that second process refuse to start instead.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
from pathlib import Path
from typing import IO, Any

from sqlalchemy import text

from social_bot.db.engine import Database
from social_bot.errors import UserError


def _advisory_key(worker_id: str) -> int:
    digest = hashlib.sha256(f"socialbot-worker:{worker_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


class WorkerLock:
    def __init__(self, db: Database, worker_id: str) -> None:
        self.db = db
        self.worker_id = worker_id
        self._held: Any = None  # a PostgreSQL connection, or an open lock file

    def acquire(self) -> None:
        if self._held is not None:
            return
        taken = self._lock_sqlite() if self.db.is_sqlite else self._lock_postgres()
        if not taken:
            raise UserError(
                f"another socialbot daemon is already running as worker {self.worker_id!r} "
                "on this database; stop it, or give this one its own --worker-id"
            )

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
        handle: IO[str] = path.open("a")
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
        held, self._held = self._held, None
        if held is None:
            return
        if self.db.is_sqlite:
            fcntl.flock(held.fileno(), fcntl.LOCK_UN)
            held.close()
        else:
            held.execute(text("SELECT pg_advisory_unlock(:k)"),
                         {"k": _advisory_key(self.worker_id)})
            held.close()
