"""A comment carrying a lone surrogate (a JSON "\\ud800" escape from a platform) is stored and
judged like any other, and the comments polled beside it are not lost (review, session 15:
it used to fail its whole page on every poll)."""

from __future__ import annotations

from sqlalchemy import select
from test_daemon_helpers import Clock, FakePlatforms, approved_post

from adapters.base import RemoteComment
from social_bot.daemon.config import DaemonConfig
from social_bot.daemon.monitor import Monitor
from social_bot.daemon.publisher import Publisher
from social_bot.db.models import Comment
from social_bot.posts import show_post

CONFIG = DaemonConfig(retry_base=0.0, retry_cap=0.0, poll_interval=30.0, batch=10)


def test_the_page_is_stored_and_judged(make_app) -> None:  # noqa: ANN001
    app = make_app()
    platforms = FakePlatforms(["x"])
    post_id = approved_post(app, "Open house on Friday", ["x"])
    Publisher(app, platforms, "w1", CONFIG).run_lane("x")
    remote = {d["platform"]: d["remote_id"] for d in show_post(app, post_id)["deliveries"]}
    platforms["x"].add_comment(remote["x"], "Go to hell you morons", "troll")
    platforms["x"].add_comment(remote["x"], "my knee \ud800 hurts, should I ice it?", "kim\udfff")
    result = Monitor(app, platforms, "w1", CONFIG, clock=Clock()).run_platform("x")
    assert result.failed == 0 and result.stored == 2 and result.hidden == 1
    with app.db.read() as session:
        texts = set(session.scalars(select(Comment.text)))
    assert texts == {"Go to hell you morons", "my knee \ufffd hurts, should I ice it?"}


def test_the_value_type_replaces_only_lone_surrogates() -> None:
    from datetime import UTC, datetime

    comment = RemoteComment("1", "ann\ud83d", "fine 😀 \udc00 ok", datetime.now(UTC))
    assert (comment.author, comment.text) == ("ann\ufffd", "fine 😀 \ufffd ok")
    assert RemoteComment("2", "bo", "plain", datetime.now(UTC)).text == "plain"
