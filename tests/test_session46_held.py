"""An outside review (session 46): the daemon's passes under many held items.

A deleted Facebook comment whose policy hide is pending fails every pass (Graph answers a
deleted comment as one it may not load, so it is never recorded deleted: docs/moderation.md).
The retry took the oldest `batch` pending hides each pass: once `batch` of those piled up,
no later pending hide was ever tried again."""

from __future__ import annotations

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
