"""`socialbot init` as a function: private data directory, audit key, schema, sealed chain.

The demo and the tests build their storage the same way.
"""

from __future__ import annotations

import contextlib
import errno
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from social_bot.audit_key import KEY_FILE, AuditKeys
from social_bot.db.engine import Database
from social_bot.errors import UserError
from social_bot.filesafety import make_private_dir
from social_bot.settings import Settings, load_audit_keys

# In the data directory: the chain was keyed when init last ran (see _mark_keyed).
KEYED_MARK = "audit.chain_keyed"


@dataclass
class InitReport:
    db: Database
    notes: list[str] = field(default_factory=list)


def init_storage(settings: Settings) -> InitReport:
    """Create or migrate everything; safe to run again. The caller disposes ``.db``.

    Every setting is checked before the first write, and a failure after it removes what
    this run created (never a file that was there before): `SOCIALBOT_AUDIT_KEY=short
    socialbot init` exited 2 after it had written the export signing key (session 53's
    attack review, A2)."""
    from social_bot import audit
    from social_bot.audit_key import create_key_file, missing_key_error
    from social_bot.db.migrate import upgrade
    from social_bot.export_key import SIGNING_KEY_FILE, create_signing_key

    _check_before_writing(settings)
    notes: list[str] = []
    made = _Created()
    db: Database | None = None
    lock: _InitLock | None = None
    try:
        made.folder(settings.data_dir)
        make_private_dir(settings.data_dir)
        # One init at a time per data directory: two racing on a new one both found no
        # database, and the loser's undo removed the winner's (second attack review, B1).
        lock = _InitLock.take(settings.data_dir)
        if not settings.env.get("SOCIALBOT_AUDIT_KEY"):
            created = made.file(create_key_file(settings.data_dir))
            if created is not None:
                notes.append(f"audit key created: {created} (0600). Back it up apart from "
                             "the database: without it the audit trail cannot be verified")
        signing = create_signing_key(settings.data_dir)
        if signing is not None:
            made.file(settings.data_dir / SIGNING_KEY_FILE)
            notes.append(f"export signing key created: {settings.data_dir / SIGNING_KEY_FILE} "
                         f"(0600). Its public key, for whoever checks exports (`socialbot audit "
                         f"public-key` prints it again): {signing.public.text}")
        keys = load_audit_keys(settings)
        if keys is None:
            raise missing_key_error()
        made.database(settings.database_url)
        db = Database(settings.database_url, audit_keys=keys)
        upgrade(db)
        mark = settings.data_dir / KEYED_MARK
        with db.write() as session:
            if audit.is_legacy_head(session):
                _seal(session, keys, mark)
                notes.append("the existing audit chain was sealed with the audit key")
                sealed = True
            else:
                sealed = False
        if sealed:  # committed: a database that was there before now needs this key
            made.keep(settings.data_dir)
        made.file(_mark_keyed(mark))
    except BaseException:
        empty = made.holds_nothing(db)
        if db is not None:
            db.dispose()
        made.undo(empty)
        if lock is not None:
            lock.release()
        made.undo_folders()
        raise
    lock.release()
    return InitReport(db, notes)


def _check_before_writing(settings: Settings) -> None:
    """What init reads, refused before anything is written: the audit key in force (or the
    one in audit.key), SOCIALBOT_AUDIT_OLD_KEYS and retired key files, the database URL."""
    from social_bot.audit_key import load_keys, new_key_text
    from social_bot.db.engine import check_url

    check_url(settings.database_url)
    if load_audit_keys(settings) is None:
        # no key yet: init makes audit.key; the retired keys must hold beside any key
        load_keys(settings.data_dir, {**settings.env, "SOCIALBOT_AUDIT_KEY": new_key_text()})


class _Created:
    """What one `init` run created, to remove if it fails: files it made with O_EXCL,
    folders that did not exist, and a SQLite database file it made with O_EXCL (by inode:
    only that file, and only while it holds nothing; its -wal and -shm are SQLite's)."""

    def __init__(self) -> None:
        self.files: list[Path] = []
        self.folders: list[Path] = []
        self.db_file: tuple[Path, int, int] | None = None  # path, st_dev, st_ino

    def file(self, path: Path | None) -> Path | None:
        if path is not None:
            self.files.append(path)
        return path

    def keep(self, data_dir: Path) -> None:
        """Once the seal is committed to a database this run did not make, its audit key
        (and the folder holding it) must stay: without it the trail cannot be verified."""
        self.files = [f for f in self.files if f.name != KEY_FILE or f.parent != data_dir]
        self.folders = [f for f in self.folders if f not in (data_dir, *data_dir.parents)]

    def folder(self, path: Path) -> None:
        """``path`` and its missing parents, deepest first, as they are about to be made."""
        missing = [p for p in (path, *path.parents) if not p.exists()]
        self.folders.extend(p for p in missing if p not in self.folders)

    def database(self, url: str) -> None:
        """Make the SQLite database file (empty: SQLite takes an empty file for a new
        database) with O_EXCL, so "this run made it" is decided by the kernel, not by a look
        that another process's creation can overtake (second attack review, B1). A file
        that is there is never ours, nor its -wal and -shm, even when absent now: a process
        that opens the database meanwhile (the daemon starting) makes them and writes into
        them, and removing them loses what it commits (as session 53's A1)."""
        from social_bot.db.engine import sqlite_file

        path = sqlite_file(url)
        if path is None:
            return  # PostgreSQL: its tables are the server's; a rerun of init finishes them
        self.folder(path.parent)
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        except FileExistsError:
            return
        try:
            st = os.fstat(fd)
        finally:
            os.close(fd)  # no engine of this process has this new file yet: no lock to drop
        self.db_file = (path, st.st_dev, st.st_ino)

    def holds_nothing(self, db: Database | None) -> bool:
        """Whether the database this run made holds no table, no index, nothing: what
        another process wrote into it meanwhile, or a migration this run completed, is
        kept (a rerun of init goes on from it)."""
        if self.db_file is None:
            return False
        if db is None:
            try:
                return os.stat(self.db_file[0]).st_size == 0
            except OSError:
                return False
        try:
            with db.engine.connect() as conn:
                return not conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
        except Exception:  # noqa: BLE001 - unreadable (locked, damaged): keep it
            return False

    def undo(self, database_empty: bool = False) -> None:
        """Remove the files this run made; the database only when ``database_empty``, the
        name still names the file this run made, and no other process has it open (SQLite
        removes -wal and -shm at the last connection's close, so while either is there
        someone else holds it). -wal and -shm are never removed by name."""
        for path in reversed(self.files):
            path.unlink(missing_ok=True)
        if self.db_file is None or not database_empty:
            return
        path, dev, ino = self.db_file
        try:
            st = os.lstat(path)
        except OSError:
            return
        if (st.st_dev, st.st_ino) != (dev, ino):
            return
        if any(os.path.lexists(f"{path}{end}") for end in ("-wal", "-shm", "-journal")):
            return
        path.unlink(missing_ok=True)

    def undo_folders(self) -> None:
        for folder in sorted(self.folders, key=lambda p: len(p.parts), reverse=True):
            with contextlib.suppress(OSError):
                folder.rmdir()  # only when empty: never what someone else put there


INIT_LOCK = ".init.lock"


class _InitLock:
    """An exclusive flock on ``<data dir>/.init.lock``, held for the whole of one init: a
    second init waits for the first to finish, then finds its database. The file is
    removed by whoever holds the lock when it lets go; a waiter that then gets the lock on
    the removed file takes a new one (the name must still name the file it locked)."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path, self.fd = path, fd

    @classmethod
    def take(cls, data_dir: Path, wait_s: float = 300.0) -> _InitLock:
        import time

        from social_bot.filesafety import (
            flock_by,
            make_private_open_file,
            open_regular,
            shared_group,
        )

        path = data_dir / INIT_LOCK
        deadline = time.monotonic() + wait_s
        opened_by = time.monotonic() + 5.0
        while True:
            if time.monotonic() > deadline:
                raise UserError(f"{path} kept changing for {wait_s:.0f} s: another login is "
                                "replacing it; try again when it is done")
            try:
                fd = open_regular(path, os.O_RDONLY | os.O_CREAT | os.O_NOFOLLOW, 0o600)
            except FileNotFoundError:
                if data_dir.is_dir():
                    raise
                # the init this one waited for made the folder, failed, and removed it
                raise UserError(f"{data_dir} was removed while this `socialbot init` waited: "
                                "the init before it failed and took back what it made; "
                                "run `socialbot init` again") from None
            except PermissionError as exc:
                if exc.errno != errno.EACCES or not os.path.lexists(path):
                    # EPERM: open_checked's refusal of a database file under this name
                    raise  # this user cannot write in the data directory: as before
                # made by another user's init an instant ago, not yet opened to the group
                if time.monotonic() > opened_by:
                    raise UserError(f"cannot open {path}: another user's `socialbot init` "
                                    "made it; if none is running, remove the file") from None
                time.sleep(0.1)
                continue
            try:
                if os.fstat(fd).st_nlink != 1:
                    # A hard link planted under this name (to the database, its -shm: a
                    # staff login can make one) would be closed at release, with the
                    # database open, dropping SQLite's POSIX locks (A1; reread-a of s54).
                    raise UserError(f"{path} is a hard link to another file; remove it "
                                    "(a lock file `socialbot init` makes has one link)")
                make_private_open_file(fd, path, shared_group(data_dir))
                if not flock_by(fd, deadline, 0.1):
                    raise UserError(f"another `socialbot init` has been running in "
                                    f"{data_dir} for {wait_s:.0f} s (it holds "
                                    f"{path}); try again when it is done")
                here = os.fstat(fd)
                try:
                    now = os.lstat(path)
                except FileNotFoundError:
                    now = None
                if now is not None and (now.st_dev, now.st_ino) == (here.st_dev, here.st_ino):
                    lock, fd = cls(path, fd), -1
                    return lock
            finally:
                if fd >= 0:
                    os.close(fd)

    def release(self) -> None:
        if self.fd < 0:
            return
        from social_bot.filesafety import is_sqlite_file, park

        with contextlib.suppress(OSError):
            self.path.unlink()
        if is_sqlite_file(os.fstat(self.fd)):
            # the database was made a link to this file meanwhile (the name replaced while
            # init ran): closing would drop SQLite's locks (A1); kept open until exit
            park(self.fd)
        else:
            os.close(self.fd)
        self.fd = -1


def _seal(session, keys: AuditKeys, mark: Path) -> None:  # noqa: ANN001
    """Records written before the chain was keyed: this record's MAC covers their last hash,
    so from now on none of them can be rewritten unnoticed."""
    from social_bot import audit

    if mark.is_file():
        raise UserError(
            "the audit chain ends in unkeyed records, but it was keyed before "
            f"({mark} says so): its keyed records were rewritten as unkeyed ones. Not "
            "sealing them; restore the database from a backup and check it with "
            "`socialbot audit verify --anchor`")
    legacy = audit.verify(session, keys, cross_check=False)
    intact = legacy.problem.startswith("no record is keyed")
    audit.append(session, actor="socialbot init", action="audit.keyed",
                 detail={"legacy_records": _legacy_count(session),
                         "legacy_chain_intact": intact})


def _mark_keyed(mark: Path) -> Path | None:
    """Remember, where the database administrator cannot write, that this chain is keyed:
    whoever rewrote every keyed record as an unkeyed one (plain SHA-256, which anyone can
    compute) would otherwise have the next `init` seal the rewrite (session 43, finding 6)."""
    try:
        fd = os.open(mark, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(f"audit chain keyed as of "
                     f"{datetime.now(UTC).isoformat(timespec='seconds')}: socialbot init will "
                     "not seal unkeyed records after it (docs/security.md)\n")
    except BaseException:
        mark.unlink(missing_ok=True)
        raise
    return mark


def _legacy_count(session) -> int:  # noqa: ANN001
    from sqlalchemy import func, select

    from social_bot.db.models import AuditRecord

    return int(session.scalar(select(func.count(AuditRecord.id))
                              .where(AuditRecord.key_id.is_(None))) or 0)

