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
import errno
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
from social_bot.filesafety import (
    SHARED_DIR,
    flock_by,
    make_data_folder_open,
    make_private_open_file,
    open_checked,
    shared_group,
)

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
            if not flock_by(fd, deadline, _POLL):
                raise _busy(comment_id)
            yield
        finally:
            os.close(fd)  # closing lets go of the flock
    finally:
        local.release()


class _Refused(Exception):
    """The lock folder may not be used: what is wrong with it, and what to do."""


class _NotYet(_Refused):
    """Another account's process is making the shared folder or a lock file in it at this
    moment (made 0700/0600 by the umask, then opened to the group): tried again shortly."""


_SETTLE_TRIES = 20  # times _POLL: a second for another process to open what it just made


def _open_stripe(folder: Path, stripe: int, comment_id: int) -> int:
    """The stripe's lock file, opened, in a folder no one but those socialbot trusts with
    its database can put there. A folder someone else made or linked there (`<db>.locks`
    planted as a symlink to a folder of theirs) let them hold every stripe's flock: each
    person's decision then waited its whole WAIT_SECONDS and the policy's hide stood aside
    on every pass, silently, so flagged comments stayed visible (an attack on the lock,
    session 45). One clear error now.

    In a private folder (the database's folder closed to its group) the lock folder is this
    account's alone, 0700, as since session 45. In a folder staff share on purpose
    (`filesafety.shared_group`: group-writable, docs/daemon.md's `daemon:STAFFGROUP 2770`)
    the daemon and each staff login decide comments under their own accounts, so whoever
    comes first makes it 2770 in that group, and the others take it when it is a real
    folder (no link, no mount) in the data directory, in its group and closed to other
    users, in a data directory closed to other users. Only the data directory's owner and
    its group can make such a folder, and those accounts may already write the database
    (0660 in that group), so it grants nothing they lacked (session 52, s52-locks)."""
    group = shared_group(folder.parent)
    tries = _SETTLE_TRIES if group is not None else 1
    while True:
        tries -= 1
        try:
            return _open_in(folder, stripe, group)
        except _NotYet as exc:
            if tries <= 0:
                problem, hint = exc.args
                break
            time.sleep(_POLL)
        except _Refused as exc:
            problem, hint = exc.args
            break
        except OSError as exc:
            problem = f"cannot be used ({exc.strerror or type(exc).__name__})"
            hint = "socialbot needs to write beside its database"
            break
    raise UserError(f"comment {comment_id}: no decision was applied: the lock folder {folder} "
                    f"{problem}; {hint}")


def _open_in(folder: Path, stripe: int, group: int | None) -> int:
    # O_PATH: like the path it replaces, needs no read permission on the folder (Linux)
    parent = os.open(folder.parent, getattr(os, "O_PATH", os.O_RDONLY) | os.O_DIRECTORY)
    try:
        above = os.fstat(parent)
        with contextlib.suppress(FileExistsError):
            os.mkdir(folder.name, 0o700, dir_fd=parent)
        # judged by what the name is first (a folder closed to this account cannot be
        # opened to be judged), then opened without following a link and compared
        info = os.stat(folder.name, dir_fd=parent, follow_symlinks=False)
        _check_folder(info, above, folder, group)
        try:
            fd = os.open(folder.name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW,
                         dir_fd=parent)
        except OSError as exc:
            if exc.errno not in (errno.ELOOP, errno.ENOTDIR):
                raise
            raise _Refused("is not a folder (a link or a file)", _remove(group)) from None
        try:
            opened = os.fstat(fd)
            if (opened.st_dev, opened.st_ino) != (info.st_dev, info.st_ino):
                raise _NotYet("was replaced while it was checked", _remove(group))
            if group is not None:
                _settle_folder(fd, opened, above, folder, group)
            return _open_lock(fd, folder, f"comment-{stripe:02d}.lock", group)
        finally:
            os.close(fd)
    finally:
        os.close(parent)


def _open_lock(fd: int, folder: Path, name: str, group: int | None) -> int:
    try:
        lock = open_checked(name, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600, dir_fd=fd)
    except PermissionError:
        if group is None:
            raise
        raise _NotYet("cannot be used (a lock file in it is closed to the group; its "
                      f"owner may run `chmod 660 {folder / name}`)", _remove(group)) from None
    if group is not None:
        make_private_open_file(lock, folder / name, group)
    return lock


def _check_folder(info: os.stat_result, above: os.stat_result, folder: Path,
                  group: int | None) -> None:
    """Raises _Refused unless the lock folder (``info``, not followed) may hold the locks,
    in the folder ``above``: private, this account's alone; shared, see _open_stripe."""
    if not stat.S_ISDIR(info.st_mode):
        raise _Refused("is not a folder (a link or a file)", _remove(group))
    mine = info.st_uid == os.geteuid()
    if group is None:  # private: this account's alone (session 45)
        if not mine:
            raise _Refused(f"belongs to another account (uid {info.st_uid})", _remove(None))
        if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            raise _Refused("is writable by other accounts", _remove(None))
        return
    if info.st_mode & stat.S_IWOTH or (mine and info.st_gid != group
                                        and info.st_mode & stat.S_IWGRP):
        raise _Refused("is writable by other accounts", _remove(group))
    if mine:
        return
    whose = f"belongs to another account (uid {info.st_uid})"
    if above.st_mode & stat.S_IWOTH:
        raise _Refused(f"{whose} and {folder.parent} is open to all users",
                       f"close it to them (`chmod o-rwx {folder.parent}`) and remove the "
                       "lock folder")
    if info.st_gid != group:
        raise _Refused(f"{whose} outside {folder.parent}'s group (gid {info.st_gid})",
                       _remove(group))
    if info.st_dev != above.st_dev:
        raise _Refused(f"{whose} and is not a folder of {folder.parent} (a mount)",
                       _remove(group))
    if not _is_shared(info, group):
        raise _NotYet(f"{whose} and is closed to {folder.parent}'s group; its owner may run "
                      f"`chmod 2770 {folder}`", _remove(group))


def _settle_folder(fd: int, info: os.stat_result, above: os.stat_result, folder: Path,
                   group: int) -> None:
    """Shared: this account's folder made the group's (2770), with the lock files an
    earlier version made 0600 in it; another account's must sit in the data directory
    itself (its parent is the data directory, on the same file system)."""
    if info.st_uid != os.geteuid():
        dotdot = os.stat("..", dir_fd=fd, follow_symlinks=False)
        if (dotdot.st_dev, dotdot.st_ino) != (above.st_dev, above.st_ino):
            raise _Refused(f"belongs to another account (uid {info.st_uid}) and is not a "
                           f"folder of {folder.parent} (a mount)", _remove(group))
        return
    make_data_folder_open(fd, folder, group)
    if (info.st_gid, stat.S_IMODE(info.st_mode)) != (group, SHARED_DIR) \
            and _is_shared(os.fstat(fd), group):
        _share_lock_files(fd, folder, group)


def _is_shared(info: os.stat_result, group: int) -> bool:
    return info.st_gid == group and info.st_mode & 0o070 == 0o070


def _share_lock_files(fd: int, folder: Path, group: int) -> None:
    for name in os.listdir(fd):
        if name.startswith("comment-") and name.endswith(".lock"):
            with contextlib.suppress(OSError):
                lock = open_checked(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK,
                                    dir_fd=fd)
                try:
                    make_private_open_file(lock, folder / name, group)
                finally:
                    os.close(lock)


def _remove(group: int | None) -> str:
    if group is None:
        return "remove it: socialbot makes its own, private to the account that runs it"
    return ("remove it: socialbot makes its own, shared with the data directory's group "
            "and closed to other users")
