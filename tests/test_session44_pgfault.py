"""Several daemons on one database, under faults (an outside review, session 44).

Each test is the repro of a finding, bounded in count and time, on SQLite and PostgreSQL
where both apply: a daemon stopped past its lease (SIGSTOP, a VM pause) then resumed, a
heartbeat whose database write failed once, a worker lock whose PostgreSQL session was cut,
and a daemon whose clock is off the database's.
"""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
import test_publish_heartbeat as heartbeat
from sqlalchemy import select, text
from sqlalchemy.exc import OperationalError
from test_daemon_helpers import Clock, FakePlatforms, approved_post

from social_bot.daemon.claims import LaneResult
from social_bot.daemon.config import DaemonConfig
from social_bot.daemon.publisher import Publisher
from social_bot.db.models import AuditRecord
from social_bot.errors import UserError
from social_bot.posts import show_post

LEASE = DaemonConfig(retry_base=0.0, retry_cap=0.0, batch=10, lease=timedelta(seconds=1))
BOUND = 20  # seconds: a bound against a hang, not a speed target


def _claimed(daemon: Publisher, platform: str):  # noqa: ANN202
    """What the daemon's lane claims first (the intent committed, no platform call yet)."""
    (candidate,) = daemon.due(platform)
    attempt = daemon.claim(candidate)
    assert attempt is not None
    return attempt


def test_a_daemon_resumed_after_its_lease_does_not_publish_a_taken_over_claim(
        make_app) -> None:  # noqa: ANN001
    """Daemon A claims, then stops (SIGSTOP, a VM paused) before its request goes out. Its
    lease runs out; daemon B finds nothing on the platform and publishes. A resumes: before
    session 44 it sent its request too, and the post was on the page twice."""
    app = make_app()
    platforms = FakePlatforms(["facebook"])
    clock = Clock()
    post_id = approved_post(app, "Walk-in flu shots on Saturday", ["facebook"])
    stopped = Publisher(app, platforms, "daemon-a", LEASE, clock=clock)
    attempt = _claimed(stopped, "facebook")
    clock.advance(3 * LEASE.lease.total_seconds())  # A is stopped: no heartbeat
    taker = Publisher(app, platforms, "daemon-b", LEASE, clock=clock).run_lane("facebook")
    assert taker.reconciled == 1 and taker.published == 1
    stopped.publish(attempt, LaneResult("facebook"))  # A resumes where it stopped
    assert platforms["facebook"].texts() == ["Walk-in flu shots on Saturday"]
    assert platforms["facebook"].publish_calls == 1
    assert show_post(app, post_id)["status"] == "published"
    with app.db.read() as session:
        lost = session.scalars(select(AuditRecord.action).where(
            AuditRecord.action == "delivery.claim_lost")).all()
    assert lost == ["delivery.claim_lost"]


def test_a_resumed_daemon_whose_claim_was_requeued_leaves_it_to_the_next_claim(
        make_app) -> None:  # noqa: ANN001
    """The takeover found nothing and put the delivery back in the queue, and A resumes
    before anyone claimed it again: A sends nothing, and the next claim publishes once."""
    app = make_app()
    platforms = FakePlatforms(["x"])
    clock = Clock()
    approved_post(app, "Pharmacy hours change next week", ["x"])
    stopped = Publisher(app, platforms, "daemon-a", LEASE, clock=clock)
    attempt = _claimed(stopped, "x")
    clock.advance(3 * LEASE.lease.total_seconds())
    checker = Publisher(app, platforms, "daemon-b", LEASE, clock=clock)
    checker.reconcile("x")  # not found: back to retry, not claimed yet
    stopped.publish(attempt, LaneResult("x"))
    assert platforms["x"].publish_calls == 0
    assert checker.run_lane("x").published == 1
    assert platforms["x"].texts() == ["Pharmacy hours change next week"]


def test_a_heartbeat_outlives_a_failed_database_write(make_app, monkeypatch) -> None:  # noqa: ANN001
    """One heartbeat write failed (the connection cut under it, a database restart, a
    statement timeout): before session 44 the heartbeat thread died with a traceback on
    stderr and the claim went quiet while the upload went on, so another daemon took it
    over after the lease and published a second time."""
    app = make_app()
    platforms = FakePlatforms(["facebook"])
    fake = platforms["facebook"]
    clock = Clock()
    started, release = threading.Event(), threading.Event()
    real_publish = fake.publish

    def slow_publish(text, media=()):  # noqa: ANN001, ANN202
        started.set()
        release.wait(BOUND)
        return real_publish(text, media)

    fake.publish = slow_publish
    real_write = app.db.write
    failures = []

    def write_failing_once():  # noqa: ANN202
        if threading.current_thread().name == "socialbot-heartbeat" and not failures:
            failures.append(1)
            raise OperationalError("UPDATE deliveries", {}, Exception("connection lost"))
        return real_write()

    monkeypatch.setattr(app.db, "write", write_failing_once)
    approved_post(app, "Six photos from the 5K fun run", ["facebook"])
    slow = Publisher(app, platforms, "daemon-a", LEASE, clock=clock)
    runner = threading.Thread(target=slow.run_lane, args=("facebook",))
    runner.start()
    try:
        assert started.wait(BOUND)
        deadline = time.monotonic() + BOUND
        while not failures and time.monotonic() < deadline:
            time.sleep(0.05)
        assert failures, "the heartbeat never ran"
        clock.advance(3 * LEASE.lease.total_seconds())
        assert heartbeat._beat_reaches(app, clock.now), "no heartbeat after a failed one"
        other = Publisher(app, platforms, "daemon-b", LEASE, clock=clock).run_lane("facebook")
        assert other.reconciled == 0 and other.published == 0
    finally:
        release.set()
        runner.join(BOUND)
    assert fake.texts() == ["Six photos from the 5K fun run"]


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_a_worker_lock_cut_with_its_session_is_taken_again(db) -> None:  # noqa: ANN001
    """The worker lock is a PostgreSQL session's advisory lock: a database restart or a
    pg_terminate_backend drops it while the daemon runs on. Before session 44 a second
    process with the same worker id (a cron --once) then started and checked the first
    one's requests in flight as its own, at once. Now the daemon takes its lock again on
    its next pass, and stops if another process has it."""
    from social_bot.daemon.worker_lock import WorkerLock

    first = WorkerLock(db, "clinic-a")
    first.acquire()
    try:
        _cut(db, first)
        first.confirm()  # the daemon's next pass: the lock is taken again
        second = WorkerLock(db, "clinic-a")
        with pytest.raises(UserError, match="already running"):
            second.acquire()
        _cut(db, first)
        second.acquire()  # it got in before the first one's next pass
        try:
            with pytest.raises(UserError, match="clinic-a"):
                first.confirm()
        finally:
            second.release()
    finally:
        first.release()


def _cut(db, lock) -> None:  # noqa: ANN001
    """pg_terminate_backend on the lock's session, from another session."""
    pid = lock._held.execute(text("SELECT pg_backend_pid()")).scalar()
    lock._held.commit()
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid}).scalar()
        conn.commit()
        # pg_terminate_backend only signals the backend: its advisory locks go when it has
        # exited, a moment later under load (the test failed once so). Bounded wait.
        for _ in range(100):
            gone = not conn.execute(text("SELECT count(*) FROM pg_stat_activity WHERE pid = :p"),
                                    {"p": pid}).scalar()
            conn.commit()
            if gone:
                break
            time.sleep(0.05)


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_a_daemon_whose_clock_is_off_the_databases_refuses_to_start(db) -> None:  # noqa: ANN001
    """Leases compare one daemon's heartbeat with another daemon's clock. A host ten
    minutes ahead saw every live claim as abandoned, checked it while its request was in
    flight, found nothing and published it again."""
    from social_bot.daemon.worker_lock import check_clock

    ahead = Clock()
    ahead.advance(600)
    with pytest.raises(UserError, match="ahead of the database"):
        check_clock(db, ahead, timedelta(seconds=120))
    behind = Clock()
    behind.advance(-600)
    with pytest.raises(UserError, match="behind the database"):
        check_clock(db, behind, timedelta(seconds=120))
    check_clock(db, Clock(), timedelta(seconds=120))  # in step: nothing to say


def _daemon(app, platforms):  # noqa: ANN001, ANN202
    from social_bot.daemon.runner import Daemon

    return Daemon(app, worker_id="clinic-a", platforms=["facebook"], serve_http=False,
                  config=DaemonConfig(batch=10), publish_adapters=platforms,
                  poll_adapters=platforms)


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_a_daemon_whose_worker_id_was_taken_stops_before_publishing(make_app) -> None:  # noqa: ANN001
    from social_bot.daemon.worker_lock import WorkerLock

    app = make_app()
    platforms = FakePlatforms(["facebook"])
    approved_post(app, "Blood drive in the east lot on Friday", ["facebook"])
    daemon = _daemon(app, platforms)
    daemon.worker_lock.acquire()
    other = WorkerLock(app.db, "clinic-a")
    try:
        _cut(app.db, daemon.worker_lock)
        other.acquire()
        daemon._publish_job("facebook")
        assert daemon.stopping.is_set()
        assert daemon.refused is not None and "'clinic-a' lost its lock" in daemon.refused
        assert platforms["facebook"].publish_calls == 0
    finally:
        other.release()
        daemon.worker_lock.release()


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_a_daemon_whose_clock_jumped_stops_before_publishing(make_app) -> None:  # noqa: ANN001
    """A VM resumed from a pause may run on a stale clock until NTP catches up."""
    app = make_app()
    platforms = FakePlatforms(["facebook"])
    approved_post(app, "New parking entrance opens Monday", ["facebook"])
    daemon = _daemon(app, platforms)
    daemon.worker_lock.acquire()
    try:
        behind = Clock()
        behind.advance(-3600)
        daemon.publisher.clock = behind
        daemon._publish_job("facebook")
        assert daemon.stopping.is_set()
        assert daemon.refused is not None and "behind the database" in daemon.refused
        assert platforms["facebook"].publish_calls == 0
    finally:
        daemon.worker_lock.release()
