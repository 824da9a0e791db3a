"""What the `policy.changed` pointer search costs in a long trail (session 46 review).

A new `policy.changed` record looks for the earlier record holding the same file's policy
(`policy_audit._first_holding`, a `LIKE` over the records' detail) and for the record of the
same change, while it holds the trail's head lock (every other writer waits). `action` has
no index, so the search reads the whole trail, not only the `policy.changed` records. This
fills AUDIT records (default 200,000; one in POLICY_EVERY, default 100, a policy.changed
record of a few hundred bytes, the rest 200-byte comment records), then times one search for
a file the trail has never named (the whole scan) and for one it named early. SQLite, and
PostgreSQL when it answers (BENCH_PG_URL), in a private database dropped afterwards.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url

from social_bot import audit, policy_audit
from social_bot.audit_key import AuditKeys
from social_bot.db.engine import Database
from social_bot.db.migrate import upgrade
from social_bot.db.models import AuditHead, AuditRecord

AUDIT = int(os.environ.get("AUDIT", "200000"))
POLICY_EVERY = int(os.environ.get("POLICY_EVERY", "100"))
BATCH = 5000
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
    now = datetime.now(UTC)
    prev = audit.GENESIS
    with db.engine.begin() as conn:
        for start in range(1, AUDIT + 1, BATCH):
            rows = []
            for seq in range(start, min(start + BATCH, AUDIT + 1)):
                action, detail = _detail(seq)
                fields = {"seq": seq, "at": now.isoformat(timespec="microseconds"),
                          "actor": "bench", "os_user": "bench", "action": action,
                          "post_id": None, "revision": None, "revision_hash": None,
                          "detail": detail, "prev_hash": prev, "key_id": KEYS.current_id}
                fields["hash"] = prev = audit.record_mac(fields, KEYS.current)
                rows.append({**fields, "at": now})
            conn.execute(insert(AuditRecord), rows)
        conn.execute(AuditHead.__table__.update().values(seq=AUDIT, hash=prev))
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


def run(label: str, url: str) -> None:
    db = Database(url, audit_keys=KEYS)
    upgrade(db)
    fill(db)
    print(f"[{label}] {AUDIT:,} audit records, {AUDIT // POLICY_EVERY:,} policy.changed")
    print(f"[{label}] a file never named (whole scan): {timed(db, sha256=_sha(7)):8.1f} ms")
    print(f"[{label}] a file named early:              {timed(db, sha256=_sha(0)):8.1f} ms")
    db.dispose()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        run("sqlite", f"sqlite:///{Path(tmp) / 'bench.db'}")
    pg = make_url(os.environ.get("BENCH_PG_URL",
                                 "postgresql+psycopg://postgres@127.0.0.1:5432/test"))
    name = f"sbbench_{secrets.token_hex(3)}"
    admin = create_engine(pg, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # noqa: BLE001
        print(f"[postgresql] skipped: {exc}", file=sys.stderr)
        return
    try:
        run("postgresql", pg.set(database=name).render_as_string(hide_password=False))
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


if __name__ == "__main__":
    main()
