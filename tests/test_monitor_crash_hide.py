"""A flagged comment stored just before the daemon died is still hidden by the next pass."""

from __future__ import annotations

from test_daemon_helpers import FakePlatforms
from test_monitor import CONFIG, comments, published

from social_bot.daemon.monitor import Monitor


def test_hide_lost_to_a_crash_is_retried(make_app, monkeypatch) -> None:  # noqa: ANN001
    app = make_app()
    platforms = FakePlatforms(["facebook"])
    _, remote = published(app, platforms, names=["facebook"])
    platforms["facebook"].add_comment(remote["facebook"], "Go to hell you morons", "troll")
    monitor = Monitor(app, platforms, "w1", CONFIG)
    # The process "dies" between storing the comment and hiding it: hide() never runs.
    monkeypatch.setattr(monitor, "hide", lambda *a, **k: False)
    monitor.run_platform("facebook")
    stored = comments(app)[0]
    # The state itself says a hide is owed (no more last_error LIKE 'auto-hide%').
    assert stored.state == "hide_pending" and not stored.hidden_on_platform
    assert stored.last_error is None

    restarted = Monitor(app, platforms, "w1", CONFIG)
    restarted.run_platform("facebook")
    row = comments(app)[0]
    assert row.state == "hidden" and row.hidden_on_platform and row.last_error is None
    assert platforms["facebook"].hidden == {row.remote_id}
