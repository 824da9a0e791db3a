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
import stat
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from social_bot.db.engine import Database
from social_bot.errors import UserError

STRIPES = 64
# How long a decision waits for another one about the same comment (its platform call ends
# by SOCIALBOT_REQUEST_DEADLINE, 60 s by default, well under this; adapters/_deadline.py).
WAIT_SECONDS = 120.0
_POLL = 0.05
LOCK_NOT_AVAILABLE = "55P03"  # PostgreSQL's SQLSTATE when lock_timeout ran out
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
            # at least 1 ms: PostgreSQL reads a lock_timeout of 0 as "wait for ever"
            conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{max(1, int(seconds * 1000))}ms'")
            try:
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _key(comment_id)})
            except DBAPIError as exc:
                # lock_timeout (55P03): someone's call is taking very long. Anything else (the
                # server gone) is not "busy": said as the database error it is.
                if getattr(exc.orig, "sqlstate", None) != LOCK_NOT_AVAILABLE:
                    raise
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
    # one deadline for both waits: the thread lock's and the file's
    deadline = time.monotonic() + (seconds if wait else 0)
    if not local.acquire(timeout=seconds if wait else 0):
        raise _busy(comment_id)
    try:
        database = db.engine.url.database
        if not database or database == ":memory:":
            yield  # one process only
            return
        fd = _open_stripe(Path(f"{database}.locks"), stripe, comment_id)
        try:
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


def _open_stripe(folder: Path, stripe: int, comment_id: int) -> int:
    """The stripe's lock file, opened, in a folder that is this account's alone. A folder
    someone else made or linked there (`<db>.locks` planted as a symlink to a folder of
    theirs) let them hold every stripe's flock: each person's decision then waited its whole
    WAIT_SECONDS and the policy's hide stood aside on every pass, silently, so flagged
    comments stayed visible (an attack on the lock, session 45). One clear error now."""
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        info = folder.lstat()
        if not stat.S_ISDIR(info.st_mode):
            problem = "is not a folder (a link or a file)"
        elif info.st_uid != os.geteuid():
            problem = f"belongs to another account (uid {info.st_uid})"
        elif info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            problem = "is writable by other accounts"
        else:
            return os.open(folder / f"comment-{stripe:02d}.lock",
                           os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        hint = "remove it: socialbot makes its own, private to the account that runs it"
    except OSError as exc:
        problem = f"cannot be used ({exc.strerror or type(exc).__name__})"
        hint = "socialbot needs to write beside its database"
    raise UserError(f"comment {comment_id}: no decision was applied: the lock folder {folder} "
                    f"{problem}; {hint}")
