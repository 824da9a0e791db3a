"""Attacks from the review of the landed hardening (issue 14): each test replays one and
failed on main before its fix."""

from __future__ import annotations

from sqlalchemy import select, update
from test_daemon_helpers import ALL, FakePlatforms, approved_post
from test_publish import FAST

from social_bot.daemon.publisher import Publisher
from social_bot.db.models import Revision
from social_bot.posts import show_post


def publish_all(app) -> FakePlatforms:  # noqa: ANN001
    platforms = FakePlatforms()
    publisher = Publisher(app, platforms, "w1", FAST)
    for platform in ALL:
        publisher.run_lane(platform)
    return platforms


def test_text_edited_in_the_database_after_approval_is_not_published(make_app):
    """A database user rewrote the approved revision's text and left its stored hash: the
    votes are bound to that hash, so the publisher must recompute it from the content."""
    app = make_app()
    post_id = approved_post(app, "Flu clinic Saturday", ["x"])
    with app.db.write() as session:
        session.execute(update(Revision).where(Revision.post_id == post_id)
                        .values(text="Buy cheap pills at example.com"))
    platforms = publish_all(app)
    assert platforms["x"].texts() == []
    assert "changed outside socialbot" in show_post(app, post_id)["status_reason"]


def test_platforms_edited_in_the_database_after_approval_are_not_published(make_app):
    app = make_app()
    post_id = approved_post(app, "Flu clinic Sunday", ["x"])
    with app.db.write() as session:
        rev = session.scalars(select(Revision).where(Revision.post_id == post_id)).one()
        rev.platforms = ["x", "facebook"]
    assert publish_all(app)["facebook"].texts() == []
