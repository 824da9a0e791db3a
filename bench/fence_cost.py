"""The publisher's fence before each platform request (publisher.publish -> fence_read):
what session 52's authorization check adds to it, against the fence before (the delivery
row alone), in the same run, on SQLite and PostgreSQL (when it answers: BENCH_PG_URL, as
bench/queue_scale.py).

Three fences are timed, interleaved, REPEAT times each (median and 90th percentile, wall
milliseconds per request, and the CPU milliseconds of this process, which a loaded machine
moves less): the old one; the new one for a post resting on no authorization
(the delivery row alone, as before); the new one for a post resting on one authorization
(also the trail's `consent.revoked` records naming it, through ix_audit_consent, and its
row). The trail holds CONSENTS `consent.added` records (default 100 and 10,000) and a
revocation of every tenth (bench/consent_scale.py's registry); the authorization checked is
one in force, so the answer is "go on" (a revocation seen costs one full check more, once).

    PYTHONPATH=. python bench/fence_cost.py
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

from sqlalchemy import insert, select

from social_bot.daemon.claims import Attempt, DeliveryBook
from social_bot.db.engine import Database
from social_bot.db.migrate import upgrade
from social_bot.db.models import AuditRecord, Consent, Delivery, Post
from social_bot.domain import DeliveryStatus

sys.path.insert(0, str(Path(__file__).parent))
from consent_scale import _fill  # noqa: E402 - bench/ helpers
from queue_scale import KEYS, on_each_database  # noqa: E402

CONSENTS = tuple(int(n) for n in os.environ.get("CONSENTS", "100,10000").split(","))
REPEAT = int(os.environ.get("REPEAT", "500"))


def _old_fence(db: Database, attempt: Attempt) -> bool:
    """claim_current as it was before session 52: one autocommit read of the delivery."""
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        row = conn.execute(select(Delivery.status, Delivery.attempts)
                           .where(Delivery.id == attempt.delivery_id)).one_or_none()
    return (row is not None and row.status == DeliveryStatus.ATTEMPTING
            and row.attempts == attempt.attempts)


def _attempt(post_id: int, delivery_id: int, consents: tuple[int, ...]) -> Attempt:
    return Attempt(delivery_id, post_id, "facebook", "bench", (), 1, datetime.now(UTC),
                   consents=consents,
                   consents_expire=(datetime.now(UTC) + timedelta(days=300)
                                    if consents else None))


def fences(label: str, url: str) -> None:
    for count in CONSENTS:
        _fences(label, url, count)


def _fences(label: str, url: str, count: int) -> None:
    db = Database(url, audit_keys=KEYS)
    upgrade(db)
    with db.engine.begin() as conn:
        for table in (Delivery, Post, AuditRecord, Consent):
            conn.execute(table.__table__.delete())
    _fill(db, count)
    with db.engine.begin() as conn:
        post_id = conn.execute(insert(Post).values(
            status="publishing", author="bench").returning(Post.id)).scalar_one()
        delivery_id = conn.execute(insert(Delivery).values(
            post_id=post_id, platform="facebook", status="attempting",
            attempts=1).returning(Delivery.id)).scalar_one()
    book = SimpleNamespace(app=SimpleNamespace(db=db), clock=lambda: datetime.now(UTC))
    in_force = count // 2 + 1 if (count // 2 + 1) % 10 else count // 2 + 2
    plain, resting = _attempt(post_id, delivery_id, ()), _attempt(
        post_id, delivery_id, (in_force,))
    cases: dict[str, Callable[[], object]] = {
        "old fence": lambda: _old_fence(db, plain),
        "new, no authorization": lambda: DeliveryBook.fence_read(book, plain),
        "new, one authorization": lambda: DeliveryBook.fence_read(book, resting),
    }
    assert _old_fence(db, plain) is True
    assert DeliveryBook.fence_read(book, plain) == (True, False)
    assert DeliveryBook.fence_read(book, resting) == (True, False)
    revoked = _attempt(post_id, delivery_id, (10,))
    assert DeliveryBook.fence_read(book, revoked) == (True, True)  # every tenth revoked
    samples: dict[str, list[float]] = {name: [] for name in cases}
    cpu: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(REPEAT):
        for name, fence in cases.items():
            start, start_cpu = time.perf_counter(), time.process_time()
            fence()
            samples[name].append((time.perf_counter() - start) * 1000)
            cpu[name].append((time.process_time() - start_cpu) * 1000)
    old = statistics.median(samples["old fence"])
    old_cpu = statistics.median(cpu["old fence"])
    for name, times in samples.items():
        p90 = statistics.quantiles(times, n=10)[-1]
        used = statistics.median(cpu[name])
        print(f"[{label}] {count:>6,} authorizations: {name:<24} median "
              f"{statistics.median(times):6.3f} ms wall (p90 {p90:6.3f}), added "
              f"{statistics.median(times) - old:+6.3f} ms wall, {used - old_cpu:+6.3f} ms CPU "
              f"of this process ({REPEAT} requests)")
    db.dispose()


if __name__ == "__main__":
    if sys.argv[1:]:
        sys.exit("usage: python bench/fence_cost.py (CONSENTS, REPEAT in the environment)")
    on_each_database(fences)
