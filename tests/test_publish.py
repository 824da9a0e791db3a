"""The publisher against an in-memory adapter, on SQLite and PostgreSQL: claim, publish,
record; failures sorted into retry / fail / in doubt; reconciling before any retry."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from test_daemon_helpers import ALL, AUTHOR, Clock, FakePlatforms, approved_post

from adapters.base import AuthError, RateLimited, Rejected, TransientError
from social_bot.daemon.config import DaemonConfig
from social_bot.daemon.publisher import Publisher
from social_bot.db.models import AuditRecord, Delivery, OutboxMessage
from social_bot.posts import cancel_post, show_post

FAST = DaemonConfig(retry_base=0.0, retry_cap=0.0, max_attempts=4, batch=10)


def make_publisher(app, platforms, worker="w1", clock=None, config=FAST):  # noqa: ANN001, ANN201
    return Publisher(app, platforms, worker, config, clock=clock or Clock())


def run_all(publisher: Publisher) -> None:
    for platform in ALL:
        publisher.run_lane(platform)


def deliveries(app, post_id: int) -> dict[str, dict]:  # noqa: ANN001
    return {d["platform"]: d for d in show_post(app, post_id)["deliveries"]}


def actions(app, post_id: int) -> list[str]:  # noqa: ANN001
    with app.db.read() as session:
        return list(session.scalars(select(AuditRecord.action).where(
            AuditRecord.post_id == post_id).order_by(AuditRecord.seq)))


def test_each_approved_delivery_is_published_once(make_app) -> None:  # noqa: ANN001
    app = make_app()
    platforms = FakePlatforms()
    ids = [approved_post(app, f"Flu clinic open Saturday, slot {n}") for n in range(3)]
    publisher = make_publisher(app, platforms)
    run_all(publisher)
    run_all(publisher)  # a second pass finds nothing to do
    for post_id in ids:
        detail = show_post(app, post_id)
        assert detail["status"] == "published"
        assert all(d["status"] == "published" and d["remote_id"] for d in detail["deliveries"])
        assert all(d["attempts"] == 1 for d in detail["deliveries"])
        assert actions(app, post_id).count("delivery.published") == 3
        assert "post.publishing" in actions(app, post_id)
    for name in ALL:
        assert sorted(platforms[name].texts()) == sorted(
            f"Flu clinic open Saturday, slot {n}" for n in range(3))


def test_not_approved_cancelled_and_future_posts_wait(make_app) -> None:  # noqa: ANN001
    from social_bot.posts import create_post, prepare_draft

    app = make_app()
    platforms = FakePlatforms()
    pending = create_post(app, AUTHOR, prepare_draft(app, "Waiting for votes", ["x"]))
    later = approved_post(app, "Next week", ["x"], at=datetime.now(UTC) + timedelta(hours=2))
    cancelled = approved_post(app, "Never mind", ["x"])
    cancel_post(app, AUTHOR, cancelled)
    clock = Clock()
    publisher = make_publisher(app, platforms, clock=clock)
    publisher.run_lane("x")
    assert platforms["x"].texts() == []
    assert show_post(app, pending)["status"] == "pending_approval"
    assert show_post(app, cancelled)["deliveries"][0]["status"] == "cancelled"
    clock.advance(2 * 3600 + 1)  # the scheduled time arrives
    publisher.run_lane("x")
    assert platforms["x"].texts() == ["Next week"]
    assert show_post(app, later)["status"] == "published"


def held_on_facebook(app, text: str = "The walk-in clinic opens an hour early on Mondays."
                     ):  # noqa: ANN001, ANN201
    """An approved post out on LinkedIn and X, its Facebook delivery held (a rejected token):
    (platforms, publisher, post id)."""
    platforms = FakePlatforms()
    platforms["facebook"].script = [AuthError("facebook: page token rejected; renew it")]
    post_id = approved_post(app, text)
    publisher = make_publisher(app, platforms)
    run_all(publisher)
    assert deliveries(app, post_id)["facebook"]["status"] == "held"
    return platforms, publisher, post_id


def test_auth_error_holds_one_platform_and_the_others_publish(make_app) -> None:  # noqa: ANN001
    app = make_app()
    platforms = FakePlatforms()
    platforms["facebook"].script = [AuthError("facebook: page token rejected; renew it")]
    post_id = approved_post(app, "Walk-in hours extended")
    publisher = make_publisher(app, platforms)
    run_all(publisher)
    run_all(publisher)  # held: not tried again
    got = deliveries(app, post_id)
    assert got["facebook"]["status"] == "held"  # not failed: a reconnect releases it
    assert "renew" in got["facebook"]["last_error"]
    assert platforms["facebook"].publish_calls == 1
    assert got["linkedin"]["status"] == got["x"]["status"] == "published"
    assert show_post(app, post_id)["status"] == "partially_published"
    with app.db.read() as session:
        kinds = list(session.scalars(select(OutboxMessage.kind).where(
            OutboxMessage.post_id == post_id)))
    assert "delivery.held" in kinds and "delivery.failed" not in kinds
    assert "delivery.held" in actions(app, post_id)


def test_rejected_content_fails_and_is_not_retried(make_app) -> None:  # noqa: ANN001
    app = make_app()
    platforms = FakePlatforms()
    platforms["x"].script = [Rejected("x: duplicate content")]
    post_id = approved_post(app, "Same as yesterday", ["x"])
    publisher = make_publisher(app, platforms)
    publisher.run_lane("x")
    publisher.run_lane("x")
    assert platforms["x"].publish_calls == 1
    assert show_post(app, post_id)["status"] == "failed"


def test_rate_limit_honours_retry_after_then_publishes(make_app) -> None:  # noqa: ANN001
    app = make_app()
    platforms = FakePlatforms()
    platforms["linkedin"].script = [RateLimited("linkedin: throttled", retry_after=30)]
    post_id = approved_post(app, "Vaccines in stock", ["linkedin"])
    clock = Clock()
    publisher = make_publisher(app, platforms, clock=clock)
    publisher.run_lane("linkedin")
    with app.db.read() as session:
        delivery = session.scalars(select(Delivery).where(Delivery.post_id == post_id)).one()
        assert delivery.status == "retry"
        assert delivery.next_attempt_at >= clock.now + timedelta(seconds=30)
    clock.advance(10)
    publisher.run_lane("linkedin")  # still paused and not due
    assert platforms["linkedin"].publish_calls == 1
    clock.advance(25)
    publisher.run_lane("linkedin")
    assert platforms["linkedin"].texts() == ["Vaccines in stock"]
    assert deliveries(app, post_id)["linkedin"]["attempts"] == 2


def test_plain_transient_errors_retry_until_the_limit(make_app) -> None:  # noqa: ANN001
    app = make_app()
    platforms = FakePlatforms()
    platforms["x"].script = [TransientError("x: 503", ambiguous=False)] * 10
    post_id = approved_post(app, "Closed on the holiday", ["x"])
    clock = Clock()
    publisher = make_publisher(app, platforms, clock=clock)
    for _ in range(6):
        publisher.run_lane("x")
        clock.advance(1)
    got = deliveries(app, post_id)["x"]
    assert got["status"] == "failed" and "gave up after 4 attempts" in got["last_error"]
    assert platforms["x"].publish_calls == 4
    assert platforms["x"].texts() == []


def test_drop_after_apply_is_reconciled_not_republished(make_app) -> None:  # noqa: ANN001
    app = make_app()
    platforms = FakePlatforms()
    platforms["facebook"].script = ["drop_after_apply"]
    post_id = approved_post(app, "New pediatrician joins us", ["facebook"])
    clock = Clock()
    publisher = make_publisher(app, platforms, clock=clock)
    publisher.run_lane("facebook")
    assert deliveries(app, post_id)["facebook"]["status"] == "attempting"  # in doubt
    publisher.run_lane("facebook")  # not yet time to check
    clock.advance(2)
    publisher.run_lane("facebook")
    assert platforms["facebook"].publish_calls == 1
    got = deliveries(app, post_id)["facebook"]
    assert got["status"] == "published"
    assert got["remote_id"] == platforms["facebook"].posts[0].id


def test_ambiguous_failure_not_applied_is_published_after_checking(make_app) -> None:  # noqa: ANN001
    app = make_app()
    platforms = FakePlatforms()
    platforms["x"].script = [TransientError("x: read timeout", ambiguous=True)]
    post_id = approved_post(app, "Parking lot repaved", ["x"])
    clock = Clock()
    publisher = make_publisher(app, platforms, clock=clock)
    publisher.run_lane("x")
    clock.advance(2)
    publisher.run_lane("x")  # reconcile: not found -> retry -> published, in one pass
    assert platforms["x"].texts() == ["Parking lot repaved"]
    assert "delivery.reconciled" in actions(app, post_id)
    assert show_post(app, post_id)["status"] == "published"


def test_a_restarted_worker_reconciles_its_own_attempts_before_the_lease(make_app) -> None:  # noqa: ANN001
    """Its own attempts without waiting for the lease, once their heartbeat has been quiet
    for half of it: a live process with the same worker id (one that got in when the lock
    was lost) beats every quarter lease (an outside review of session 44)."""
    app = make_app()
    platforms = FakePlatforms()
    applied = approved_post(app, "Applied before the crash", ["x"])
    lost = approved_post(app, "Lost in the crash", ["x"])
    clock = Clock()
    first = make_publisher(app, platforms, worker="host-a", clock=clock)
    # The first run claims both and dies: one request reached the platform, one did not.
    for candidate in first.due("x"):
        attempt = first.claim(candidate)
        assert attempt is not None
        if attempt.post_id == applied:
            platforms["x"]._apply(attempt.text)
    assert {d["status"] for p in (applied, lost) for d in show_post(app, p)["deliveries"]} == {
        "attempting"}
    other = make_publisher(app, platforms, worker="host-b")
    other.run_lane("x")  # another worker leaves them alone: their lease has not run out
    assert platforms["x"].publish_calls == 0
    restarted = make_publisher(app, platforms, worker="host-a", clock=clock)
    restarted.run_lane("x")  # at once, the claims could be another live process's
    assert platforms["x"].publish_calls == 0
    clock.advance(FAST.lease.total_seconds() / 2 + 1)  # quiet: the first run is dead
    restarted.run_lane("x")
    assert Counter(platforms["x"].texts()) == Counter(
        ["Applied before the crash", "Lost in the crash"])
    assert deliveries(app, applied)["x"]["attempts"] == 1
    assert deliveries(app, lost)["x"]["attempts"] == 2


def test_another_workers_attempt_is_reconciled_after_the_lease(make_app) -> None:  # noqa: ANN001
    app = make_app()
    platforms = FakePlatforms()
    post_id = approved_post(app, "Orphaned by a dead daemon", ["linkedin"])
    clock = Clock()
    dead = make_publisher(app, platforms, worker="dead", clock=clock)
    dead.claim(dead.due("linkedin")[0])
    survivor = make_publisher(app, platforms, worker="alive", clock=clock)
    survivor.run_lane("linkedin")
    assert platforms["linkedin"].publish_calls == 0
    clock.advance(FAST.lease.total_seconds() + 1)
    survivor.run_lane("linkedin")
    assert platforms["linkedin"].texts() == ["Orphaned by a dead daemon"]
    assert show_post(app, post_id)["status"] == "published"


def test_phi_screen_blocking_at_publish_time_sends_the_post_back(make_app) -> None:  # noqa: ANN001
    blocked_words: set[str] = set()

    def screener(texts, context="post"):  # noqa: ANN001, ANN202
        from types import SimpleNamespace as F

        return [[F(category="name", start=0, end=4, text=t[:4], severity="block", score=1.0,
                   rule="t", reason="a patient's name", redaction="[name]")]
                 if any(w in t for w in blocked_words) else [] for t in texts]

    app = make_app(screener=screener)
    platforms = FakePlatforms()
    post_id = approved_post(app, "Congratulations to Jordan on recovery")
    blocked_words.add("Jordan")  # the allow-list changed after approval
    run_all(make_publisher(app, platforms))
    detail = show_post(app, post_id)
    assert detail["status"] == "blocked_phi"
    assert "PHI screen" in detail["status_reason"]
    assert any(f["severity"] == "block" for f in detail["findings"])
    assert all(d["status"] == "pending" for d in detail["deliveries"])
    assert all(platforms[n].texts() == [] for n in ALL)


def test_phi_block_after_a_partial_publish_fails_the_rest(make_app) -> None:  # noqa: ANN001
    blocked_words: set[str] = set()

    def screener(texts, context="post"):  # noqa: ANN001, ANN202
        from types import SimpleNamespace as F

        return [[F(category="name", start=0, end=4, text="x", severity="block", score=1.0,
                   rule="t", reason="r", redaction="[n]")]
                 if any(w in t for w in blocked_words) else [] for t in texts]

    app = make_app(screener=screener)
    platforms = FakePlatforms()
    post_id = approved_post(app, "Thanks Jordan for the kind words")
    publisher = make_publisher(app, platforms)
    publisher.run_lane("linkedin")
    blocked_words.add("Jordan")
    publisher.screen._posts.clear()  # a new process would screen afresh
    publisher.run_lane("facebook")
    publisher.run_lane("x")
    got = deliveries(app, post_id)
    assert got["linkedin"]["status"] == "published"
    assert got["facebook"]["status"] == got["x"]["status"] == "failed"
    assert "PHI screen" in got["x"]["last_error"]
    assert show_post(app, post_id)["status"] == "partially_published"


@pytest.mark.timeout(120)
def test_two_workers_racing_publish_each_delivery_once(make_app) -> None:  # noqa: ANN001
    app = make_app()
    platforms = FakePlatforms()
    ids = [approved_post(app, f"Race {n}") for n in range(8)]
    workers = [make_publisher(app, platforms, worker=f"w{n}") for n in range(3)]
    errors: list[BaseException] = []

    def work(publisher: Publisher, platform: str) -> None:
        try:
            publisher.run_lane(platform)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(w, p)) for w in workers for p in ALL]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    for name in ALL:
        assert Counter(platforms[name].texts()) == Counter(f"Race {n}" for n in range(8))
    for post_id in ids:
        assert show_post(app, post_id)["status"] == "published"
