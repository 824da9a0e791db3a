"""Engines and transactions for SQLite (WAL, single writer) and PostgreSQL."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from social_bot.errors import UserError
from social_bot.filesafety import make_private_file, note_sqlite_database, shared_group
from social_bot.logs import event as log_event

if TYPE_CHECKING:
    from social_bot.audit_key import AuditKeys, KeyWatch

log = logging.getLogger("socialbot.audit")

SQLITE_BUSY_MS = 30_000
# How long the scrub after a purge waits for readers (SQLite's checkpoint) or the table lock
# (PostgreSQL's VACUUM FULL) before it gives up and says so (Database.scrub).
SCRUB_WAIT_MS = 2_000
# SQLite has one writer per file. Threads of one process queue on this lock in order
# instead of sleeping in SQLite's busy handler, which made the slowest writes slower.
_sqlite_write_locks: dict[str, threading.RLock] = {}
_locks_guard = threading.Lock()


def _redacted(url: str) -> str:
    """The URL for an error line, without secrets: everything between "://" and the last "@"
    (the user and password, however an unescaped "@" or ":" splits them) is "***", and so is
    the value of every query parameter whose name speaks of a secret (password, passwd, pwd,
    sslpassword, token, key...). SQLAlchemy's hide_password left "?password=..." whole and
    printed the tail of "u:Sup@er@host" (an outside review, session 43)."""
    import re

    scheme, sep, rest = url.partition("://")
    if not sep or not scheme:
        return "<unparsable DATABASE_URL>"
    if "@" in rest:
        rest = "***" + rest[rest.rindex("@"):]
    rest = re.sub(r"(?i)([?&;][^=&;]*(?:pass|pwd|secret|token|key)[^=&;]*=)[^&;]*", r"\1***",
                  rest)
    return f"{scheme}://{rest}"


def _scrubbed(text: str, url: str) -> str:
    """A driver's message about ``url`` without its password: the driver splits an
    unescaped "@" where it likes and printed "failed to resolve host 'erSecret123@h'"; every
    part of the user information after the user name (3 characters or more) is "***"."""
    import re

    userinfo = url.partition("://")[2].rpartition("@")[0]
    parts = {p for p in re.split(r"[:@]", userinfo)[1:] if len(p) >= 3}
    for part in sorted(parts | {userinfo.partition(":")[2]} - {""}, key=len, reverse=True):
        text = text.replace(part, "***")
    return text


def _parse(url: str):  # noqa: ANN202 - sqlalchemy URL
    try:
        return make_url(url)
    except ArgumentError:
        raise UserError("DATABASE_URL is not a database URL (e.g. sqlite:///path or "
                        "postgresql+psycopg://user@host/db)") from None


def sqlite_file(url: str) -> Path | None:
    """The SQLite database file `url` names (None: not SQLite, or in memory)."""
    parsed = _parse(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:" or parsed.database.startswith("file:"):
        return None
    return Path(parsed.database).expanduser()


def existing_sqlite_mode(url: str) -> bool:
    """For a command that needs an initialised database: True when the SQLite file can
    only be read (a compliance officer's read-only copy or permissions), False when it is
    writable or the database is not a SQLite file. A missing file is an error naming
    `socialbot init`, and nothing is created (no directory, no empty database)."""
    import os

    path = sqlite_file(url)
    if path is None:
        return False
    if not path.is_file():
        raise UserError(f"no database at {path}: run `socialbot init` first "
                        "(or set SOCIALBOT_DATA_DIR / DATABASE_URL to where it is)")
    # WAL needs to create -wal/-shm beside the file: a read-only directory is read-only use.
    return not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))


# A database error's message holds no bound values: SQLAlchemy's "[parameters: (...)]" put a
# comment's author and words in the daemon's error line when a comment's INSERT failed (a
# full disk; an outside attack review, session 52, W1), and logs are often shipped to a third
# party. Every engine the app makes takes it (migrations run on one of these connections).
HIDE_PARAMETERS = True


def _terse(engine: Engine) -> Engine:
    """The engine, its errors saying the driver's first line only: PostgreSQL's message goes
    on with "DETAIL:  Failing row contains (...)" or "Key (...)=(...)", the row's values,
    which hide_parameters does not reach."""

    @event.listens_for(engine, "handle_error")
    def _first_line(ctx) -> None:  # noqa: ANN001
        exc = ctx.sqlalchemy_exception
        if isinstance(exc, DBAPIError) and exc.args and isinstance(exc.args[0], str):
            exc.args = (exc.args[0].strip().splitlines()[0] if exc.args[0].strip() else "",
                        *exc.args[1:])

    return engine


def check_url(url: str):  # noqa: ANN201 - sqlalchemy URL
    """The parsed URL of a database socialbot can use, else the UserError saying why (also
    what `socialbot init` checks before it writes anything)."""
    parsed = _parse(url)
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise UserError(f"unsupported database {parsed.get_backend_name()!r}: use SQLite or "
                        "PostgreSQL")
    return parsed


def make_engine(url: str, *, read_only: bool = False) -> Engine:
    parsed = check_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url, parsed.database, read_only)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return _terse(create_engine(parsed, pool_pre_ping=True, pool_size=10, max_overflow=20,
                                connect_args={"connect_timeout": 5},
                                hide_parameters=HIDE_PARAMETERS))


def _sqlite_engine(url: str, database: str | None, read_only: bool = False) -> Engine:
    files: list[Path] = []
    if read_only and database:
        # SQLite's own read-only open: no journal-mode change, no -wal/-shm created, and
        # any write fails instead of touching the file.
        from urllib.parse import quote

        path = Path(database).expanduser().resolve()
        note_sqlite_database(path)
        url = f"sqlite:///file:{quote(str(path))}?mode=ro&uri=true"
        if not any(Path(f"{path}{end}").exists() for end in ("-wal", "-shm")):
            # A WAL database with no writer attached: SQLite would need to create -shm in a
            # directory we cannot write, unless told the file will not change under us.
            url += "&immutable=1"
    elif database and database != ":memory:":
        path = Path(database).expanduser()
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        files = [path]
        note_sqlite_database(path)  # no other code of this process opens its files
    engine = _terse(create_engine(url, connect_args={"timeout": SQLITE_BUSY_MS / 1000},
                                  hide_parameters=HIDE_PARAMETERS))
    # The files' owner and mode are settled once per engine, before its first connection
    # and again just after it (that connection may have created them), never in every
    # connection's hook, and never through a descriptor closed in this process: closing one
    # drops the process's POSIX locks, SQLite's own, on that file (filesafety._settle;
    # session 53's attack review, A1: a staff command deleted the daemon's live -wal).
    settled: list[bool] = []

    @event.listens_for(engine, "do_connect")
    def _before_first(_dialect, _record, _cargs, _cparams) -> None:  # noqa: ANN001
        if files and not settled:
            settle_sqlite_files(files[0])

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # noqa: ANN001
        # Let SQLAlchemy, not pysqlite, decide when a transaction begins (see _on_begin).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        if not read_only:  # switching to WAL is a write; a WAL file opens read-only as is
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        # Deleted and overwritten content is zeroed in the file, not left in free space: a
        # purged patient's name must not stay readable there (some builds default it off).
        cur.execute("PRAGMA secure_delete=ON")
        if files:
            # The file SQLite opened (a symlinked name resolved): its -wal and -shm are
            # beside it, and they are the files to guard and settle (B3).
            opened = [row[2] for row in cur.execute("PRAGMA database_list") if row[1] == "main"]
            if opened and opened[0]:
                note_sqlite_database(opened[0])
        cur.close()
        if files and not settled:
            settle_sqlite_files(files[0])
            settled.append(True)

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:  # noqa: ANN001
        # Writers take the write lock up front: no lock upgrade deadlocks between processes.
        if conn.get_execution_options().get("sqlite_write"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")

    return engine


def settle_sqlite_files(path: Path) -> None:
    """The database ``path``, its -wal, -shm and -journal: 0600, or in a folder staff
    share on purpose (group-writable) 0660 and the folder's group (session 52, finding 4:
    the daemon's start set them 0600 and locked the staff out). Files an older version (or
    another umask) made world-readable are tightened; SQLite gives a new -wal and -shm the
    database file's mode. Safe while this process holds connections to them: no
    descriptor of theirs is opened and closed (filesafety._settle)."""
    group_allowed = True
    if path.is_symlink():
        # SQLite follows the link and keeps -wal and -shm beside its target: those are the
        # files to settle, in the target folder's group (session 53's second attack review,
        # B3). What a link another user made points at is made private, never shared.
        if _foreign_link(path):
            log.warning("not sharing the database files behind %s: the link belongs to "
                        "another user", path)
            group_allowed = False
        path = Path(os.path.realpath(path))
    group = shared_group(path.parent) if group_allowed else None
    for end in ("", "-wal", "-shm", "-journal"):
        make_private_file(path.with_name(path.name + end), group)


def _foreign_link(path: Path) -> bool:
    try:
        return os.lstat(path).st_uid not in (os.geteuid(), 0)
    except OSError:
        return False


def _sqlite_lock(url: str) -> threading.RLock:
    with _locks_guard:
        return _sqlite_write_locks.setdefault(url, threading.RLock())


class Database:
    """One engine, and two kinds of transaction: read and write."""

    def __init__(self, url: str, audit_keys: AuditKeys | None = None, *,
                 read_only: bool = False, key_watch: KeyWatch | None = None,
                 timezone: str | None = None) -> None:
        self.url = url
        self.read_only = read_only
        self.engine = make_engine(url, read_only=read_only)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        # Every session carries the audit key (social_bot/audit.py reads it from there):
        # without one, nothing that must be audited can be written. Sessions copy this
        # dict when they open, so a reloaded key reaches every later session.
        self._key_watch = key_watch
        # ... and the practice's zone (SOCIALBOT_TIMEZONE), which an authorization's
        # expiry day is read in wherever a row is shown (timefmt.session_zone)
        self._info: dict[str, object] = {"audit_keys": audit_keys,
                                         "audit_key_reload": self._reload_keys,
                                         "timezone": timezone}
        self.audit_keys = audit_keys
        self._read = sessionmaker(self.engine, expire_on_commit=False, info=self._info)
        self._write = sessionmaker(
            self.engine.execution_options(sqlite_write=True), expire_on_commit=False,
            info=self._info
        )
        # One snapshot for a whole read (PostgreSQL's default, READ COMMITTED, takes one per
        # statement): `audit verify` compares the chain, its head and the tables, and rows
        # another process committed between its statements were reported as tampering (an
        # outside review, session 44). SQLite's BEGIN already reads one snapshot (WAL).
        self._snapshot = self._read if self.is_sqlite else sessionmaker(
            self.engine.execution_options(isolation_level="REPEATABLE READ"),
            expire_on_commit=False, info=self._info)
        self._write_lock = _sqlite_lock(url) if self.is_sqlite else None

    def carry(self, name: str, value: object) -> None:
        """Put ``value`` in every session's info under ``name``, unless one is there (the
        App's VoteKeys, social_bot/vote_seal.py)."""
        self._info.setdefault(name, value)

    def carried(self, name: str) -> object:
        return self._info.get(name)

    def use_timezone(self, name: str | None) -> None:
        """The practice's zone for sessions opened from now on (None: the machine's)."""
        self._info["timezone"] = name

    def _use_keys(self, keys: AuditKeys) -> None:
        if self.audit_keys is None or keys.current_id != self.audit_keys.current_id:
            log_event(log, "audit.key_reloaded", logging.WARNING, key_id=keys.current_id,
                      was=self.audit_keys.current_id if self.audit_keys else None)
        self.audit_keys = keys
        self._info["audit_keys"] = keys

    def _reload_keys(self) -> AuditKeys | None:
        """The audit keys read again from their files (None without a watch or a key)."""
        keys = self._key_watch.load() if self._key_watch is not None else None
        if keys is not None:
            self._use_keys(keys)
        return keys

    def _refresh_keys(self) -> None:
        """`audit rotate-key` in another process changed the key files: use the new key."""
        keys = self._key_watch.changed() if self._key_watch is not None else None
        if keys is not None:
            self._use_keys(keys)

    @contextmanager
    def read(self, *, snapshot: bool = False) -> Iterator[Session]:
        """A read transaction; ``snapshot``: every statement sees the same committed state
        (REPEATABLE READ on PostgreSQL), for a reader that compares tables with each other."""
        self._refresh_keys()
        with (self._snapshot if snapshot else self._read)() as session, session.begin():
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        if self.read_only:
            raise UserError(f"the database {_redacted(self.url)} is read-only for you: "
                            "this command changes it")
        self._refresh_keys()
        with self._write_lock or nullcontext(), self._write() as session, session.begin():
            yield session

    def scrub(self, tables: Sequence[str]) -> str | None:
        """After a purge committed: let the overwritten text leave the files. SQLite keeps
        the old pages in the -wal file until a checkpoint resets it (secure_delete covers
        the main file only), so a TRUNCATE checkpoint empties it; PostgreSQL keeps the old
        row versions in the table until VACUUM FULL rewrites it, which needs autocommit
        and the table's owner. Returns None when done, else a line saying what could not
        be done (for the log; the purge itself stands either way)."""
        try:
            if self.is_sqlite:
                return self._truncate_wal()
            return self._vacuum(tables)
        except Exception as exc:  # noqa: BLE001 - a purge that committed is not undone
            return describe_db_error(exc)

    def _truncate_wal(self) -> str | None:
        raw = self.engine.raw_connection()
        cur = raw.cursor()
        try:
            # a reader holding an old snapshot makes it wait: a short wait, then say so
            cur.execute(f"PRAGMA busy_timeout={SCRUB_WAIT_MS}")
            busy, _frames, _done = cur.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:  # the connection goes back to the pool as it came
            cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
            cur.close()
            raw.close()
        if busy:
            return ("the -wal file could not be emptied now (another connection was reading); "
                    "SQLite's next checkpoint with no reader does it")
        return None

    def _vacuum(self, tables: Sequence[str]) -> str | None:
        busy: list[str] = []
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            # VACUUM of a table one does not own is skipped with a WARNING, not an error
            owned = set(conn.execute(text(
                "SELECT relname FROM pg_class WHERE relname = ANY(:names) AND relkind = 'r' "
                "AND pg_has_role(current_user, relowner, 'USAGE')"),
                {"names": list(tables)}).scalars())
            refused = [t for t in tables if t not in owned]
            conn.exec_driver_sql(f"SET lock_timeout = {SCRUB_WAIT_MS}")
            try:
                for table in (t for t in tables if t in owned):
                    try:
                        # FULL rewrites the table's files: a plain VACUUM frees the old row
                        # versions but leaves their bytes in the page until overwritten
                        # (measured, session 43). It locks the table: briefly, or not at all.
                        conn.exec_driver_sql(f'VACUUM FULL "{table}"')
                    except OperationalError:  # the lock was not free within SCRUB_WAIT_MS
                        conn.exec_driver_sql(f'VACUUM "{table}"')
                        busy.append(table)
            finally:  # the connection goes back to the pool as it came
                conn.exec_driver_sql("RESET lock_timeout")
        return _vacuum_note(refused, busy)

    def check_ready(self) -> None:
        """A one-line error if the server is unreachable or the schema is not created yet."""
        try:
            with self.engine.connect() as conn:
                tables = set(inspect(conn).get_table_names())
        except OperationalError as exc:
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else "unreachable"
            reason = _scrubbed(reason, self.url)
            raise UserError(f"cannot reach the database {_redacted(self.url)}: {reason}") from None
        if "posts" not in tables or "alembic_version" not in tables:
            raise UserError("the database has no socialbot tables yet: run `socialbot init`")

    def dispose(self) -> None:
        self.engine.dispose()


def _vacuum_note(refused: list[str], busy: list[str]) -> str | None:
    notes = []
    if refused:
        notes.append(f"VACUUM of {', '.join(refused)} not permitted for this database user: "
                     "old row versions keep the purged text until the tables' owner runs "
                     "VACUUM FULL on them")
    if busy:
        notes.append(f"{', '.join(busy)} in use: vacuumed, not rewritten; the purged text's "
                     "bytes stay in free space until overwritten or a VACUUM FULL")
    return "; ".join(notes) or None


def describe_db_error(exc: Exception) -> str:
    """One line about a database failure, without the URL's password or the SQL."""
    orig = getattr(exc, "orig", None)
    text = str(orig if orig is not None else exc).strip().splitlines()
    return f"database error: {text[0] if text else type(exc).__name__}"
