"""What the `policy.changed` pointer search costs in a long trail (session 46 review).

A new `policy.changed` record looks for the earlier record holding the same file's policy
(`policy_audit._first_holding`, a `LIKE` over the records' detail) and for the record of the
same change, while it holds the trail's head lock (every other writer waits). `action` has
no index, so the search reads the whole trail, not only the `policy.changed` records. This
fills AUDIT records (default 200,000; one in POLICY_EVERY, default 100, a policy.changed
record of a few hundred bytes, the rest 200-byte comment records), then times one search for
a file the trail has never named (the whole scan) and for one it named early. SQLite, and
PostgreSQL when it answers (SOCIALBOT_BENCH_PG_URL), in a private database dropped afterwards.
Prints the database's plan for the first search; SCHEMA=keyed_hash runs it on the schema
before the index on (action, seq) that session 46 added (migration 0012), for comparison.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import event, text

from social_bot import policy_audit
from social_bot.audit_key import AuditKeys
from social_bot.db.engine import Database
from social_bot.db.migrate import upgrade

AUDIT = int(os.environ.get("AUDIT", "200000"))
POLICY_EVERY = int(os.environ.get("POLICY_EVERY", "100"))
KEYS = AuditKeys.from_secret(secrets.token_hex(32))  # a throwaway key for this run


def _sha(n: int) -> str:
    return hashlib.sha256(str(n).encode()).hexdigest()


def _detail(seq: int) -> tuple[str, str]:
    if seq % POLICY_EVERY == 0:
        n = seq // POLICY_EVERY
        body = {"sha256": _sha(n % 2), "previous_sha256": _sha((n + 1) % 2), "noticed_by":
                "daemon:w1", "file": "/etc/socialbot/policy.toml", "owner": "root"}
        body.update({"policy": {"approval.required": 2}, "changes": {}} if n < 3
                    else {"policy_in": POLICY_EVERY, "changes_in": POLICY_EVERY})
        return "policy.changed", json.dumps(body, sort_keys=True)
    return "comment.flagged", json.dumps({"comment_id": seq, "flags": ["negative"],
                                          "platform": "x", "remote_id": f"{seq:020d}",
                                          "auto_hide": False, "note": "x" * 80},
                                         sort_keys=True)


def fill(db: Database) -> None:
    from queue_scale import write_chain

    with db.engine.begin() as conn:
        write_chain(conn, KEYS, AUDIT, lambda seq: dict(zip(("action", "detail"),
                                                            _detail(seq), strict=True)))
        if db.engine.dialect.name == "postgresql":
            conn.execute(text("ANALYZE"))


def timed(db: Database, **named: str) -> float:
    samples = []
    for _ in range(7):
        with db.read() as session:
            start = time.perf_counter()
            policy_audit._first_holding(session, "policy", **named)
            samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def plan(db: Database, **named: str) -> list[str]:
    """The database's plan for the search (EXPLAIN QUERY PLAN / EXPLAIN), one line a step."""
    seen: list[tuple[str, object]] = []

    def capture(conn, cursor, statement, parameters, context, many):  # noqa: ANN001, ARG001
        if "audit_records" in statement and "LIKE" in statement.upper():
            seen.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", capture)
    try:
        with db.read() as session:
            policy_audit._first_holding(session, "policy", **named)
    finally:
        event.remove(db.engine, "before_cursor_execute", capture)
    statement, parameters = seen[-1]
    sqlite = db.engine.dialect.name == "sqlite"
    with db.engine.connect() as conn:
        cursor = conn.connection.cursor()
        cursor.execute(("EXPLAIN QUERY PLAN " if sqlite else "EXPLAIN ") + statement,
                       parameters)
        return [str(row[-1] if sqlite else row[0]) for row in cursor.fetchall()]


def run(label: str, url: str, revision: str = "head") -> None:
    db = Database(url, audit_keys=KEYS)
    upgrade(db, revision)
    fill(db)
    print(f"[{label}] {AUDIT:,} audit records, {AUDIT // POLICY_EVERY:,} policy.changed, "
          f"schema at {revision}")
    print(f"[{label}] a file never named: {timed(db, sha256=_sha(7)):8.1f} ms")
    print(f"[{label}] a file named early: {timed(db, sha256=_sha(0)):8.1f} ms")
    print(f"[{label}] plan of the first:")
    for step in plan(db, sha256=_sha(7)):
        print(f"[{label}]   {step}")
    db.dispose()


def main() -> None:
    from chat_load import pg_database  # a private database, dropped afterwards

    # SCHEMA=keyed_hash: the schema before the (action, seq) index (migration 0012)
    revision = os.environ.get("SCHEMA", "head")
    with tempfile.TemporaryDirectory() as tmp:
        run("sqlite", f"sqlite:///{Path(tmp) / 'bench.db'}", revision)
    pg = pg_database()
    if pg is None:
        return
    url, drop = pg
    try:
        run("postgresql", url, revision)
    finally:
        drop()


if __name__ == "__main__":
    main()
