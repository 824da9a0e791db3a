"""One decision about a comment at a time, its platform call included.

`comments.apply_decision` reads a comment, makes the platform call the decision needs and
records the result. Two decisions about one comment at once (the daemon's policy hide and a
person's keep, or two people) could each read the comment before the other's call, so the
platform ended as the last call left it and the database as the last write did: a comment
hidden on the platform while the database said kept and not hidden, or the reverse (an
outside review, session 44). The read, the call and the record now run inside this lock, so
each decision starts from what the one before it did.

The lock is not a database row lock: holding one (or SQLite's single write lock) through an
HTTP call would stop every other writer for as long as the platform takes. On PostgreSQL it
is a transaction-level advisory lock on a connection of its own; on SQLite a `flock` on one
of STRIPES small files in a folder beside the database (two comments may share one: they
then wait for each other, which is harmless), behind a thread lock of the same stripe.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import text

from social_bot.db.engine import Database
from social_bot.errors import UserError

STRIPES = 64
# How long a decision waits for another one about the same comment (its platform call is
# bounded by the adapter's timeouts, well under this).
WAIT_SECONDS = 120.0
_POLL = 0.05
_threads: dict[tuple[str, int], threading.Lock] = {}
_threads_guard = threading.Lock()


class Busy(UserError):
    """Another decision about the comment is still being applied."""


def _key(comment_id: int) -> int:
    digest = hashlib.sha256(f"socialbot-comment-decision:{comment_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def _busy(comment_id: int) -> Busy:
    return Busy(f"comment {comment_id}: another decision about it is still being applied "
                "on the platform; try again in a minute")


@contextlib.contextmanager
def decision_lock(db: Database, comment_id: int, *, wait: bool = True,
                  seconds: float = WAIT_SECONDS) -> Iterator[None]:
    """Hold the comment's decision lock; raises Busy when it is not free (at once when
    ``wait`` is False, else after ``seconds``)."""
    if db.is_sqlite:
        with _sqlite_lock(db, comment_id, wait, seconds):
            yield
        return
    with db.engine.connect() as conn:
        if wait:
            conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{int(seconds * 1000)}ms'")
            try:
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _key(comment_id)})
            except Exception as exc:  # lock_timeout: someone's call is taking very long
                raise _busy(comment_id) from exc
        elif not conn.execute(text("SELECT pg_try_advisory_xact_lock(:k)"),
                              {"k": _key(comment_id)}).scalar():
            raise _busy(comment_id)
        try:
            yield
        finally:
            conn.rollback()  # ends the transaction, and its advisory lock with it


@contextlib.contextmanager
def _sqlite_lock(db: Database, comment_id: int, wait: bool, seconds: float) -> Iterator[None]:
    stripe = comment_id % STRIPES
    with _threads_guard:
        local = _threads.setdefault((db.url, stripe), threading.Lock())
    if not local.acquire(timeout=seconds if wait else 0):
        raise _busy(comment_id)
    try:
        database = db.engine.url.database
        if not database or database == ":memory:":
            yield  # one process only
            return
        folder = Path(f"{database}.locks")
        folder.mkdir(mode=0o700, exist_ok=True)
        fd = os.open(folder / f"comment-{stripe:02d}.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            deadline = time.monotonic() + (seconds if wait else 0)
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise _busy(comment_id) from None
                    time.sleep(_POLL)
            yield
        finally:
            os.close(fd)  # closing lets go of the flock
    finally:
        local.release()
