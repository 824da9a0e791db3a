"""Engines and transactions for SQLite (WAL, single writer) and PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from social_bot.errors import UserError

if TYPE_CHECKING:
    from social_bot.audit_key import AuditKeys

SQLITE_BUSY_MS = 30_000
# SQLite has one writer per file. Threads of one process queue on this lock in order
# instead of sleeping in SQLite's busy handler, which made the slowest writes slower.
_sqlite_write_locks: dict[str, threading.RLock] = {}
_locks_guard = threading.Lock()


def _redacted(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unparsable DATABASE_URL>"


def make_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise UserError("DATABASE_URL is not a database URL (e.g. sqlite:///path or "
                        "postgresql+psycopg://user@host/db)") from None
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url, parsed.database)
    if parsed.get_backend_name() == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        return create_engine(parsed, pool_pre_ping=True, pool_size=10, max_overflow=20,
                             connect_args={"connect_timeout": 5})
    raise UserError(f"unsupported database {parsed.get_backend_name()!r}: use SQLite or PostgreSQL")


def _sqlite_engine(url: str, database: str | None) -> Engine:
    if database and database != ":memory:":
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # noqa: ANN001
        # Let SQLAlchemy, not pysqlite, decide when a transaction begins (see _on_begin).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:  # noqa: ANN001
        # Writers take the write lock up front: no lock upgrade deadlocks between processes.
        if conn.get_execution_options().get("sqlite_write"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")

    return engine


def _sqlite_lock(url: str) -> threading.RLock:
    with _locks_guard:
        return _sqlite_write_locks.setdefault(url, threading.RLock())


class Database:
    """One engine, and two kinds of transaction: read and write."""

    def __init__(self, url: str, audit_keys: AuditKeys | None = None) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        # Every session carries the audit key (social_bot/audit.py reads it from there):
        # without one, nothing that must be audited can be written.
        info = {"audit_keys": audit_keys}
        self.audit_keys = audit_keys
        self._read = sessionmaker(self.engine, expire_on_commit=False, info=info)
        self._write = sessionmaker(
            self.engine.execution_options(sqlite_write=True), expire_on_commit=False, info=info
        )
        self._write_lock = _sqlite_lock(url) if self.is_sqlite else None

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._read() as session, session.begin():
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        with self._write_lock or nullcontext(), self._write() as session, session.begin():
            yield session

    def check_ready(self) -> None:
        """A one-line error if the server is unreachable or the schema is not created yet."""
        try:
            with self.engine.connect() as conn:
                tables = set(inspect(conn).get_table_names())
        except OperationalError as exc:
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else "unreachable"
            raise UserError(f"cannot reach the database {_redacted(self.url)}: {reason}") from None
        if "posts" not in tables or "alembic_version" not in tables:
            raise UserError("the database has no socialbot tables yet: run `socialbot init`")

    def dispose(self) -> None:
        self.engine.dispose()


def describe_db_error(exc: Exception) -> str:
    """One line about a database failure, without the URL's password or the SQL."""
    orig = getattr(exc, "orig", None)
    text = str(orig if orig is not None else exc).strip().splitlines()
    return f"database error: {text[0] if text else type(exc).__name__}"
