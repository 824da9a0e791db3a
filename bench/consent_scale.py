"""An authorization's audit check at 100 and 10,000 recorded authorizations: reading every
consent record in the trail (before session 50) against the index on the consent a record
names (ix_audit_consent, migration 0017), in the same run, on SQLite and PostgreSQL (when
it answers: BENCH_PG_URL, default the local server, in a private database dropped after).

`consents.audited_problem` runs for each dismissal citing an authorization, on each claim
of a post resting on one, and for each card or `consent list` line that shows one. The
trail holds CONSENTS `consent.added` records (default 100 and 10,000) and a revocation of
every tenth; CHECKS authorizations spread over the registry (default 100) are checked the
old way and the new, and must get the same answers (compared before timing). Figures: per
check, wall and CPU of this process (on a shared machine the wall clock is mostly the wait
for a core), with each query's plan.

    PYTHONPATH=. python bench/consent_scale.py
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from unittest import mock

from sqlalchemy import insert, select, text

from social_bot import consents
from social_bot.consents import audited_problem, name_digest
from social_bot.db.engine import Database
from social_bot.db.migrate import upgrade
from social_bot.db.models import AuditRecord, Consent

sys.path.insert(0, str(Path(__file__).parent))
from queue_scale import BATCH, KEYS, on_each_database, write_chain  # noqa: E402 - bench/ helpers

CONSENTS = tuple(int(n) for n in os.environ.get("CONSENTS", "100,10000").split(","))
CHECKS = int(os.environ.get("CHECKS", "100"))
EXPIRES = (datetime.now(UTC) + timedelta(days=365)).replace(microsecond=0)


def _name(i: int) -> str:
    return f"Bench Patient{i}"


def _trail(count: int) -> Callable[[int], dict[str, Any]]:
    """Record ``seq``: consent ``seq``'s `consent.added` for the first ``count``, then a
    `consent.revoked` of every tenth consent."""
    def record(seq: int) -> dict[str, Any]:
        if seq <= count:
            return {"action": "consent.added", "detail": json.dumps(
                {"consent": seq, "name_hmac": name_digest(KEYS.current, _name(seq)),
                 "scopes": ["name"], "form_ref": None, "form_sha256": None,
                 "expires_at": EXPIRES}, sort_keys=True, ensure_ascii=False, default=str)}
        return {"action": "consent.revoked", "detail": json.dumps(
            {"consent": (seq - count) * 10}, sort_keys=True)}
    return record


def _before_50(session: Any, consent_id: int) -> Iterable[AuditRecord]:
    """The lookup as it was before session 50: every consent record, in trail order (the
    caller skipped those naming another consent after parsing each one's detail)."""
    return session.scalars(select(AuditRecord).where(
        AuditRecord.action.in_(("consent.added", "consent.revoked")))
        .order_by(AuditRecord.seq))


def _plans(session: Any, consent_id: int) -> dict[str, str]:
    """Each lookup's plan for one authorization, as the database explains it."""
    bind = session.get_bind()
    before = (select(AuditRecord).where(
        AuditRecord.action.in_(("consent.added", "consent.revoked")))
        .order_by(AuditRecord.seq))
    now = consents.consent_records_query(bind.dialect.name, consent_id)
    explain = "EXPLAIN QUERY PLAN " if bind.dialect.name == "sqlite" else "EXPLAIN "
    out = {}
    for name, stmt in (("before", before), ("now", now)):
        sql = str(stmt.compile(bind, compile_kwargs={"literal_binds": True}))
        rows = session.execute(text(explain + sql))
        out[name] = " / ".join(" ".join(str(row[-1]).split()) for row in rows)
    return out


def _fill(db: Database, count: int) -> None:
    now = datetime.now(UTC)
    with db.engine.begin() as conn:
        for start in range(1, count + 1, BATCH):
            conn.execute(insert(Consent), [
                {"id": i, "patient_name": _name(i), "scopes": ["name"], "form_ref": "tray",
                 "recorded_by": "bench", "recorded_os_user": "bench", "recorded_at": now,
                 "expires_at": EXPIRES,
                 "revoked_at": now if i % 10 == 0 else None}
                for i in range(start, min(start + BATCH, count + 1))])
        write_chain(conn, KEYS, count + count // 10, _trail(count))
        if db.engine.dialect.name == "postgresql":
            conn.execute(text("SELECT setval('consents_id_seq', :n)"), {"n": count})
            conn.execute(text("ANALYZE"))


def _checked(db: Database, ids: list[int]) -> tuple[list[str | None], float, float]:
    """Each authorization's problem, and the wall and CPU milliseconds per check."""
    with db.read() as session:
        rows = [session.get(Consent, i) for i in ids]
        wall, cpu = time.perf_counter(), time.process_time()
        problems = [audited_problem(session, row) for row in rows]
        return (problems, (time.perf_counter() - wall) * 1000 / len(ids),
                (time.process_time() - cpu) * 1000 / len(ids))


def consent_checks(label: str, url: str) -> None:
    for count in CONSENTS:
        db = Database(url, audit_keys=KEYS)
        upgrade(db)
        with db.engine.begin() as conn:
            conn.execute(text("DELETE FROM audit_records"))
            conn.execute(text("DELETE FROM consents"))
        _fill(db, count)
        ids = sorted({1 + i * (count - 1) // max(1, CHECKS - 1) for i in range(CHECKS)})
        with mock.patch.object(consents, "_consent_records", _before_50):
            old, old_wall, old_cpu = _checked(db, ids)
        new, new_wall, new_cpu = _checked(db, ids)
        assert old == new, "the two lookups disagree"
        assert sum(p is not None for p in new) == sum(i % 10 == 0 for i in ids)
        with db.read() as session:
            plans = _plans(session, ids[len(ids) // 2])
        print(f"[{label}] {count:>6,} authorizations: one check before {old_wall:7.2f} ms "
              f"wall {old_cpu:7.2f} ms CPU, now {new_wall:5.2f} ms wall {new_cpu:5.2f} ms "
              f"CPU; before/now {old_wall / new_wall:6.1f}x wall, {old_cpu / new_cpu:6.1f}x "
              f"CPU ({len(ids)} checks each)")
        for name, plan in plans.items():
            print(f"[{label}]     plan {name}: {plan}")
        db.dispose()


def main() -> None:
    if sys.argv[1:]:
        print("usage: python bench/consent_scale.py (CONSENTS, CHECKS in the environment)",
              file=sys.stderr)
        sys.exit(2)
    on_each_database(consent_checks)


if __name__ == "__main__":
    main()
