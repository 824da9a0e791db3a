"""The comment monitor against in-memory adapters, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select, update
from test_daemon_helpers import ALL, Clock, FakePlatforms, approved_post

from adapters.base import RateLimited, RateLimitInfo, TransientError
from social_bot.daemon.config import DaemonConfig
from social_bot.daemon.monitor import Monitor, pause_for
from social_bot.daemon.publisher import Publisher
from social_bot.db.models import AuditRecord, Comment, Delivery, OutboxMessage
from social_bot.posts import show_post

CONFIG = DaemonConfig(retry_base=0.0, retry_cap=0.0, poll_interval=30.0, batch=10)
KIND = "Thank you, the staff were wonderful!"
ANGRY = "Go to hell you morons"


def published(app, platforms, text="Open house on Friday", names=ALL):  # noqa: ANN001, ANN201
    post_id = approved_post(app, text, names)
    publisher = Publisher(app, platforms, "w1", CONFIG)
    for name in names:
        publisher.run_lane(name)
    return post_id, {d["platform"]: d["remote_id"] for d in show_post(app, post_id)["deliveries"]}


def comments(app) -> list[Comment]:  # noqa: ANN001
    with app.db.read() as session:
        return list(session.scalars(select(Comment).order_by(Comment.id)))


def test_comments_are_stored_once_classified_and_hidden_by_policy(make_app) -> None:  # noqa: ANN001
    app = make_app()
    platforms = FakePlatforms()
    post_id, remote = published(app, platforms)
    for name in ALL:
        platforms[name].add_comment(remote[name], KIND, "fan")
        platforms[name].add_comment(remote[name], ANGRY, "troll")
    clock = Clock()
    monitor = Monitor(app, platforms, "w1", CONFIG, clock=clock)
    for name in ALL:
        result = monitor.run_platform(name)
        assert result.stored == 2 and result.flagged == 1
    clock.advance(31)
    for name in ALL:  # polled again: nothing new, nothing duplicated
        assert monitor.run_platform(name).stored == 0
    rows = comments(app)
    assert len(rows) == 6
    by = {(c.platform, c.text): c for c in rows}
    for name in ALL:
        assert by[(name, KIND)].state == "new" and by[(name, KIND)].flags == []
        angry = by[(name, ANGRY)]
        assert {f["flag"] for f in angry.flags} >= {"abuse"}
    # Facebook and X can hide; LinkedIn cannot, so its abusive comment waits for a person.
    assert by[("facebook", ANGRY)].state == "hidden" and by[("x", ANGRY)].hidden_on_platform
    assert by[("linkedin", ANGRY)].state == "flagged"
    assert platforms["facebook"].hidden == {by[("facebook", ANGRY)].remote_id}
    with app.db.read() as session:
        outbox = session.scalar(select(func.count()).where(OutboxMessage.kind == "comment.flagged"))
        audited = list(session.scalars(select(AuditRecord.action).where(
            AuditRecord.post_id == post_id, AuditRecord.action.like("comment.%"))))
    assert outbox == 3
    assert audited.count("comment.flagged") == 3 and audited.count("comment.hidden") == 2


def test_a_failed_poll_leaves_the_cursor_and_skips_nothing(make_app) -> None:  # noqa: ANN001
    app = make_app()
    platforms = FakePlatforms(["x"])
    _, remote = published(app, platforms, names=["x"])
    platforms["x"].add_comment(remote["x"], "first")
    clock = Clock()
    monitor = Monitor(app, platforms, "w1", CONFIG, clock=clock)
    monitor.run_platform("x")
    with app.db.read() as session:
        cursor = session.scalar(select(Delivery.comment_cursor))
    platforms["x"].add_comment(remote["x"], "second")
    platforms["x"].fetch_script = [TransientError("x: 500")]
    clock.advance(31)
    assert monitor.run_platform("x").failed == 1
    with app.db.read() as session:
        assert session.scalar(select(Delivery.comment_cursor)) == cursor
    clock.advance(31)
    assert monitor.run_platform("x").stored == 1
    assert [c.text for c in comments(app)] == ["first", "second"]


def test_a_replayed_page_stores_nothing_twice(make_app) -> None:  # noqa: ANN001
    app = make_app()
    platforms = FakePlatforms(["facebook"])
    _, remote = published(app, platforms, names=["facebook"])
    platforms["facebook"].add_comment(remote["facebook"], "hello")
    clock = Clock()
    monitor = Monitor(app, platforms, "w1", CONFIG, clock=clock)
    monitor.run_platform("facebook")
    with app.db.write() as session:  # as if the cursor had not been saved
        session.execute(update(Delivery).values(comment_cursor=None))
    clock.advance(31)
    assert monitor.run_platform("facebook").stored == 0
    assert len(comments(app)) == 1


def test_a_failed_auto_hide_is_retried(make_app) -> None:  # noqa: ANN001
    app = make_app()
    platforms = FakePlatforms(["x"])
    _, remote = published(app, platforms, names=["x"])
    platforms["x"].add_comment(remote["x"], ANGRY)
    platforms["x"].hide_script = [TransientError("x: 503")]
    monitor = Monitor(app, platforms, "w1", CONFIG, clock=Clock())
    assert monitor.run_platform("x").hidden == 0
    row = comments(app)[0]
    assert row.state == "hide_pending" and row.last_error.startswith("auto-hide failed")
    assert monitor.run_platform("x").hidden == 1
    assert comments(app)[0].state == "hidden" and platforms["x"].hidden


def test_only_deliveries_in_the_monitoring_window_are_polled(make_app) -> None:  # noqa: ANN001
    app = make_app()
    platforms = FakePlatforms(["linkedin"])
    _, remote = published(app, platforms, names=["linkedin"])
    platforms["linkedin"].add_comment(remote["linkedin"], "late comment")
    old = datetime.now(UTC) - timedelta(days=app.policy.moderation.monitor_days + 1)
    with app.db.write() as session:
        session.execute(update(Delivery).values(published_at=old))
    assert Monitor(app, platforms, "w1", CONFIG).run_platform("linkedin").polled == 0
    assert comments(app) == []


def test_rate_limits_pause_the_platform(make_app) -> None:  # noqa: ANN001
    app = make_app()
    platforms = FakePlatforms(["x"])
    _, remote = published(app, platforms, names=["x"])
    platforms["x"].add_comment(remote["x"], "hi")
    platforms["x"].fetch_script = [RateLimited("x: 429", retry_after=120)]
    clock = Clock()
    monitor = Monitor(app, platforms, "w1", CONFIG, clock=clock)
    monitor.run_platform("x")
    clock.advance(60)
    assert monitor.run_platform("x").polled == 0  # paused, not even asked
    clock.advance(61)
    assert monitor.run_platform("x").stored == 1


def test_pause_for_reads_the_remaining_budget() -> None:
    now = datetime.now(UTC)
    reset = now + timedelta(seconds=300)
    assert pause_for(None, now) == 0
    assert pause_for(RateLimitInfo(remaining=200, limit=300, reset_at=reset), now) == 0
    assert pause_for(RateLimitInfo(remaining=10, limit=300, reset_at=reset), now) == 300
    assert pause_for(RateLimitInfo(remaining=0, limit=100, reset_at=None), now) > 0
    assert pause_for(RateLimitInfo(remaining=5, limit=300, reset_at=reset), now, reserve=0) == 0
