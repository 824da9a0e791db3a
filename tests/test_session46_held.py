"""An outside review (session 46): the daemon's passes under many held items.

A deleted Facebook comment whose policy hide is pending fails every pass (Graph answers a
deleted comment as one it may not load, so it is never recorded deleted: docs/moderation.md).
The retry took the oldest `batch` pending hides each pass: once `batch` of those piled up,
no later pending hide was ever tried again."""

from __future__ import annotations

from sqlalchemy import select
from test_daemon_helpers import FakePlatforms
from test_monitor import CONFIG, comments, published

from adapters.base import NotVisible
from social_bot.daemon.monitor import Monitor, PollResult


def test_pending_hides_that_always_fail_do_not_starve_the_rest(make_app, monkeypatch):
    app = make_app()
    platforms = FakePlatforms(["facebook"])
    _, remote = published(app, platforms, names=["facebook"])
    fb = platforms["facebook"]
    stuck = CONFIG.batch + 2  # more than one pass takes
    for n in range(stuck + 1):
        fb.add_comment(remote["facebook"], "Go to hell you morons", f"troll{n}")
    monitor = Monitor(app, platforms, "w1", CONFIG)
    monkeypatch.setattr(monitor, "hide", lambda *a, **k: False)  # stored, never hidden
    monitor.run_platform("facebook")
    monkeypatch.undo()
    rows = comments(app)
    assert len(rows) == stuck + 1 and {r.state for r in rows} == {"hide_pending"}
    deleted = {r.remote_id for r in rows[:stuck]}  # deleted on Facebook: each hide fails
    real_hide = fb.hide_comment

    def hide(comment_id: str) -> None:
        if comment_id in deleted:
            raise NotVisible("facebook", "comment deleted or not loadable")
        real_hide(comment_id)

    monkeypatch.setattr(fb, "hide_comment", hide)
    last = rows[-1]
    passes = -(-len(rows) // CONFIG.batch)  # every pending hide tried within this many
    for _ in range(passes):
        monitor.retry_hides("facebook", PollResult("facebook"))
    assert fb.hidden == {last.remote_id}
    states = {r.id: r.state for r in comments(app)}
    assert states[last.id] == "hidden"
    assert [states[r.id] for r in rows[:stuck]] == ["hide_pending"] * stuck


def test_a_release_of_many_held_deliveries_is_made_in_bounded_transactions(make_app,
                                                                           monkeypatch):
    """Before: every due hold was released in one transaction, which held the chain head
    (and on SQLite the database's write lock) for all of them: the bench measured 8,000
    statements and 8.5 s for 1,000 credits holds come due together, with every lane,
    approval and poll waiting (bench/held_pass.py)."""
    from datetime import timedelta

    from sqlalchemy import event, update
    from test_daemon_helpers import approved_post

    from social_bot.daemon import claims
    from social_bot.db.models import Delivery, utcnow
    from social_bot.domain import HoldKind

    app = make_app()
    posts = [approved_post(app, f"Open house on day {n}", ["x"]) for n in range(5)]
    with app.db.write() as session:
        session.execute(update(Delivery).where(Delivery.post_id.in_(posts)).values(
            status="held", hold_kind=str(HoldKind.CREDITS),
            next_attempt_at=utcnow() - timedelta(minutes=1)))
    monkeypatch.setattr(claims, "RELEASE_CHUNK", 2, raising=False)
    commits: list[int] = []
    event.listen(app.db.engine, "commit", lambda conn: commits.append(1))
    released = claims.release_holds(app, "x", (HoldKind.CREDITS,), actor="daemon:w1",
                                    due_by=utcnow())
    assert released == 5
    assert len(commits) == 3  # 2 + 2 + 1
    with app.db.read() as session:
        states = set(session.scalars(
            select(Delivery.status).where(Delivery.post_id.in_(posts))))
    assert states == {"retry"}


def test_one_unreadable_pending_hide_does_not_stop_the_others_nor_the_poll(make_app):
    """Before: a pending hide whose stored flags could not be read (edited in the database,
    or the JSON of another version) raised KeyError out of retry_hides, which runs first in
    every poll of the platform: no pending hide after it was tried, and no comment on any
    post of that platform was read again, pass after pass."""
    from sqlalchemy import update as sql_update

    from social_bot.db.models import Comment

    app = make_app()
    platforms = FakePlatforms(["facebook"])
    _, remote = published(app, platforms, names=["facebook"])
    fb = platforms["facebook"]
    for n in range(2):
        fb.add_comment(remote["facebook"], "Go to hell you morons", f"troll{n}")
    monitor = Monitor(app, platforms, "w1", CONFIG)
    real = monitor.hide
    monitor.hide = lambda *a, **k: False  # stored, never hidden
    monitor.run_platform("facebook")
    monitor.hide = real
    bad, good = comments(app)
    with app.db.write() as session:
        session.execute(sql_update(Comment).where(Comment.id == bad.id)
                        .values(flags=[{"label": "abuse"}]))
    monitor.run_platform("facebook")  # before: KeyError, out of the whole poll
    rows = {r.id: r for r in comments(app)}
    assert rows[good.id].state == "hidden" and fb.hidden == {good.remote_id}
    assert rows[bad.id].state == "flagged"  # a person decides what the policy cannot read
