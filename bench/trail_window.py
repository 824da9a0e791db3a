"""What `trail_gap`'s check of every record since a post's first costs (session 52).

The publisher refuses a post while a record written since its first one is missing
(`audit.missing_after`, a count) or changed (`audit.altered_since`: each record's MAC, read
as plain rows; a record this process verified before and whose fields are unchanged is
compared by a keyed digest, not verified again). Here a trail of N records (1,000, 10,000,
100,000 by default; TRAIL, comma separated) is written whose first record is the post's
`post.created` and the rest other posts' comment records, and timed from record 1 in one
run: a plain `count(*)` of the records since (the reference), `missing_after`,
`altered_since` the first time in this process (cold: every MAC) and again (warm: the
median of REPEAT). Wall clock in ms, and this process's CPU time beside the two
`altered_since` figures (on a shared machine the wall clock is mostly the wait for a core).
SQLite (a fresh file), then PostgreSQL if one answers (BENCH_PG_URL, as queue_scale.py).

    PYTHONPATH=. python bench/trail_window.py
"""

from __future__ import annotations

import json
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import delete, func, insert, select

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from queue_scale import KEYS, on_each_database, timed, write_chain  # noqa: E402

from social_bot import audit  # noqa: E402
from social_bot.db.engine import Database  # noqa: E402
from social_bot.db.migrate import upgrade  # noqa: E402
from social_bot.db.models import AuditHead, AuditRecord, Post  # noqa: E402

TRAIL = tuple(int(n) for n in os.environ.get("TRAIL", "1000,10000,100000").split(","))
REPEAT = int(os.environ.get("REPEAT", "5"))


def _record(seq: int) -> dict:
    """Record 1: post 1 written; then comment records of other posts, detail sized as the
    monitor's (a comment id, its state, a keyed words digest)."""
    if seq == 1:
        return {"post_id": 1, "revision": 1, "action": "post.created",
                "detail": json.dumps({"hash_key": KEYS.current_id, "platforms": ["x"]})}
    return {"post_id": 2 + seq % 50, "action": "comment.kept", "detail": json.dumps(
        {"comment": seq, "platform": "facebook", "state_before": "flagged",
         "words": f"{KEYS.current_id}:{'0' * 32}", "reason": "read by staff"},
        sort_keys=True)}


def bench(label: str, url: str) -> None:
    db = Database(url, audit_keys=KEYS)
    upgrade(db)
    now = datetime.now(UTC)
    with db.engine.begin() as conn:
        conn.execute(insert(Post), [{"id": i, "status": "approved", "author": "bench",
                                     "current_revision": 1, "created_at": now,
                                     "updated_at": now} for i in range(1, 53)])
    print(f"[{label}] records since the post's first | count(*) ms | missing_after ms | "
          "altered_since cold ms (CPU) | warm ms (CPU)")
    for n in TRAIL:
        with db.engine.begin() as conn:
            conn.execute(delete(AuditRecord))
            write_chain(conn, KEYS, n, _record)
        with db.read() as session:
            count = select(func.count()).select_from(AuditRecord).where(AuditRecord.seq >= 1)
            assert session.scalar(count) == n
            assert session.get(AuditHead, 1).seq == n
            plain = timed(lambda s=session, c=count: s.scalar(c), REPEAT)
            gap = timed(lambda s=session: audit.missing_after(s, 1), REPEAT)
            cpu = time.process_time()
            cold = timed(lambda s=session: audit.altered_since(s, 1), 1)
            cold_cpu = (time.process_time() - cpu) * 1000
            cpu = time.process_time()
            warm = timed(lambda s=session: audit.altered_since(s, 1), REPEAT)
            warm_cpu = (time.process_time() - cpu) * 1000 / REPEAT
            assert audit.altered_since(session, 1) is None
        print(f"[{label}] {n:>7,} | {plain:8.2f} | {gap:8.2f} | {cold:8.1f} ({cold_cpu:.0f}) | "
              f"{warm:8.1f} ({warm_cpu:.0f})", flush=True)
    db.dispose()


if __name__ == "__main__":
    on_each_database(bench)
