"""`socialbot init` as a function: private data directory, audit key, schema, sealed chain.

The demo and the tests build their storage the same way.
"""

from __future__ import annotations

import contextlib
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
    try:
        made.folder(settings.data_dir)
        make_private_dir(settings.data_dir)
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
        if db is not None:
            db.dispose()
        made.undo()
        raise
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
    folders that did not exist, and a SQLite database (with its -wal/-shm) that did not."""

    def __init__(self) -> None:
        self.files: list[Path] = []
        self.folders: list[Path] = []

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
        from social_bot.db.engine import sqlite_file

        path = sqlite_file(url)
        if path is None:
            return  # PostgreSQL: its tables are the server's; a rerun of init finishes them
        self.folder(path.parent)
        if path.exists():
            # Its -wal and -shm are never ours to remove, even when absent now: a process
            # that opens the database meanwhile (the daemon starting) makes them and writes
            # into them, and removing them loses what it commits (as session 53's A1).
            return
        for name in (path.name, path.name + "-wal", path.name + "-shm"):
            self.files.append(path.parent / name)

    def undo(self) -> None:
        for path in reversed(self.files):
            path.unlink(missing_ok=True)
        for folder in sorted(self.folders, key=lambda p: len(p.parts), reverse=True):
            with contextlib.suppress(OSError):
                folder.rmdir()  # only when empty: never what someone else put there


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

