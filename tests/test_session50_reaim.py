"""Session 50: the open holes of the approval path (session 49's lead's summary, "Left open").

D (an attack re-review, session 49): a database writer with no key swapped
`comments.remote_id` between two comments, and an approved reply went out under the other
person's comment; nothing keyed the comment's platform id. Now the revision's keyed hash
covers the answered comment's platform and platform id, the publisher refuses a reply whose
comment row names another, and `audit verify` names it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select, update
from test_daemon_helpers import DANA, LUIS, approved_post
from test_publish import FAST
from test_session49_gate import (
    PAT,
    Replies,
    _approved_reply,
    _point_reply,
    _refused,
    add_two_comments,
    assert_votes_no_longer_hold,
)
from test_vote_seal_replay import _verified

from social_bot import audit, posts
from social_bot.approvals import approve
from social_bot.comments import reply_to_comment
from social_bot.daemon.publisher import Publisher
from social_bot.db.models import Comment, Delivery, Post, Revision
from social_bot.domain import ReplyRemote
from social_bot.posts import edit_post, show_post
from social_bot.publish_gate import Approved, Outgoing, approved_delivery

TEXT = "Yes, 8 to noon. See you!"


@pytest.fixture
def two_comments(make_app):  # noqa: ANN201
    """A post published on Facebook through the publisher (so the trail verifies), with two
    plain comments by two people (rows only: an unflagged comment has no audit record)."""
    app = make_app()
    post_id = approved_post(app, "Flu shots all week", ["facebook"])
    Publisher(app, Replies(), "w0", FAST).run_lane("facebook")
    with app.db.write() as session:
        delivery = session.get(Post, post_id).deliveries[0]
        assert delivery.status == "published"
        return add_two_comments(session, delivery)


def _under(app: Any, comment_id: int) -> str:
    """The platform id of our published post the comment is under."""
    with app.db.read() as session:
        comment = session.get(Comment, comment_id)
        return session.get(Delivery, comment.delivery_id).remote_id


def _swap_remote_ids(app: Any, first: int, second: int) -> None:
    """What the review did: the two comment rows trade platform ids (through a free value,
    the pair (platform, remote_id) is unique)."""
    with app.db.write() as session:
        a, b = (session.scalar(select(Comment.remote_id).where(Comment.id == i))
                for i in (first, second))
        for comment_id, remote in ((first, "swapping"), (second, a), (first, b)):
            session.execute(update(Comment).where(Comment.id == comment_id)
                            .values(remote_id=remote))


# -- D: the answered comment's platform id is what the approval covers ---------------------

def test_the_rule_holds_a_reply_to_its_approved_platform_id() -> None:
    now = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
    asked = ReplyRemote("facebook", "200_1")
    approved = Approved(("facebook",), None, 7, reply_remote=asked)
    assert approved_delivery(approved, Outgoing("facebook", 7, now, asked)) is None
    assert ("comment 7 was approved as facebook comment 200_1, and its row now names "
            "facebook comment 200_2") in approved_delivery(
        approved, Outgoing("facebook", 7, now, ReplyRemote("facebook", "200_2")))
    assert "its row now names x comment 200_1" in approved_delivery(
        approved, Outgoing("facebook", 7, now, ReplyRemote("x", "200_1")))
    assert "its row now names nothing" in approved_delivery(
        approved, Outgoing("facebook", 7, now, None))
    assert "cannot be proven" in approved_delivery(
        Approved(("facebook",), None, 7), Outgoing("facebook", 7, now, asked))
    assert approved_delivery(Approved(("x",), None, None), Outgoing("x", None, now)) is None


def test_a_reply_re_aimed_through_the_comment_row_is_not_sent(make_app, two_comments) -> None:
    asked, other = two_comments
    app = make_app()
    reply_id = _approved_reply(app, asked)
    _swap_remote_ids(app, asked, other)
    result = _verified(app)
    assert not result.ok
    assert (f"reply post {reply_id} was approved to answer facebook comment 200_1 (comment "
            f"{asked}), and that row now names 200_2") in result.problem
    platforms = Replies()
    Publisher(app, platforms, "w1", FAST).run_lane("facebook")
    assert platforms.sent == [] and platforms["facebook"].publish_calls == 0
    assert (f"comment {asked} was approved as facebook comment 200_1, and its row now names "
            "facebook comment 200_2" in _refused(app, reply_id, "facebook"))


def test_the_answered_platform_id_is_under_the_revision_hash(make_app, two_comments) -> None:
    asked, _ = two_comments
    app = make_app()
    reply_id = _approved_reply(app, asked)
    with app.db.read() as session:
        revision = session.scalars(select(Revision).where(Revision.post_id == reply_id)).one()
        assert (revision.reply_to_platform, revision.reply_to_remote_id) == ("facebook", "200_1")
    # the row and the comment moved together: the hash no longer holds, the votes neither
    _swap_remote_ids(app, asked, _)
    with app.db.write() as session:
        session.execute(update(Revision).where(Revision.post_id == reply_id)
                        .values(reply_to_remote_id="200_2"))
    assert_votes_no_longer_hold(app, reply_id)


def test_an_untouched_reply_goes_out_under_its_comment(make_app, two_comments) -> None:
    asked, _ = two_comments
    app = make_app()
    reply_id = _approved_reply(app, asked)
    assert _verified(app).ok
    platforms = Replies()
    Publisher(app, platforms, "w1", FAST).run_lane("facebook")
    assert platforms.sent == [(_under(app, asked), "200_1", TEXT)]
    assert show_post(app, reply_id)["status"] == "published"


def test_an_edit_keeps_the_platform_id_first_approved(make_app, two_comments) -> None:
    """The edit's revision names the platform id its earlier revision did, not the row's
    (a swap between the two would otherwise be approved with the edit)."""
    asked, other = two_comments
    app = make_app()
    reply_id, _ = reply_to_comment(app, PAT, asked, text=TEXT)
    _swap_remote_ids(app, asked, other)
    edit_post(app, PAT, reply_id, text="Yes, 8 to noon on Saturday. See you!")
    with app.db.read() as session:
        stored = session.scalars(select(Revision.reply_to_remote_id).where(
            Revision.post_id == reply_id).order_by(Revision.number)).all()
    assert stored == ["200_1", "200_1"]
    approve(app, DANA, reply_id)
    approve(app, LUIS, reply_id)
    platforms = Replies()
    Publisher(app, platforms, "w1", FAST).run_lane("facebook")
    assert platforms.sent == []
    assert "approved as facebook comment 200_1" in _refused(app, reply_id, "facebook")


def _without_platform_id(monkeypatch: Any) -> None:
    """Replies written before this change: the comment id hashed, not its platform id."""
    monkeypatch.setattr(posts, "answered_remote", lambda session, comment_id: None,
                        raising=False)


def test_a_reply_written_before_is_held_to_the_keyed_comment_record(
        make_app, two_comments, monkeypatch) -> None:
    """Its platform id is not hashed: the comment's keyed `comment.flagged` record names it
    (the monitor wrote it when the comment came in). Matching, it goes out; moved, not."""
    asked, other = two_comments
    app = make_app()
    with app.db.write() as session:
        for comment_id, remote in ((asked, "200_1"), (other, "200_2")):
            post_id = session.get(Comment, comment_id).post_id
            audit.append(session, actor="socialbot-daemon", action="comment.flagged",
                         post_id=post_id, detail={"comment_id": comment_id,
                                                  "platform": "facebook", "remote_id": remote,
                                                  "flags": ["question"], "auto_hide": False})
    _without_platform_id(monkeypatch)
    kept, moved = _approved_reply(app, asked), _approved_reply(app, other)
    monkeypatch.undo()
    with app.db.read() as session:
        assert session.scalars(select(Revision.reply_to_remote_id).where(
            Revision.post_id.in_((kept, moved)))).all() == [None, None]
    with app.db.write() as session:  # the second comment's row now names a third id
        session.execute(update(Comment).where(Comment.id == other).values(remote_id="200_9"))
    Publisher(app, platforms := Replies(), "w1", FAST).run_lane("facebook")
    assert platforms.sent == [(_under(app, asked), "200_1", TEXT)]
    assert show_post(app, kept)["status"] == "published"
    assert "approved as facebook comment 200_2" in _refused(app, moved, "facebook")


def test_a_reply_written_before_without_a_comment_record_is_not_sent(
        make_app, two_comments, monkeypatch) -> None:
    """No keyed record names the comment's platform id (an unflagged comment): the target
    cannot be proven, nothing goes out, and the reason says what to do."""
    asked, _ = two_comments
    app = make_app()
    _without_platform_id(monkeypatch)
    reply_id = _approved_reply(app, asked)
    monkeypatch.undo()
    Publisher(app, platforms := Replies(), "w1", FAST).run_lane("facebook")
    assert platforms.sent == []
    reason = _refused(app, reply_id, "facebook")
    assert f"named where comment {asked} is on the platform" in reason
    assert "cannot be proven" in reason
    assert "socialbot comments reply" in reason


# -- the upgrade: migration 0017 adds two empty columns (revisions written before keep their
# hash: the tests above that write replies "before" publish one through its keyed record)

def _migrate(db: Any, to: str) -> None:
    from alembic import command

    from social_bot.db.migrate import alembic_config

    cfg = alembic_config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        (command.upgrade if to == "head" else command.downgrade)(cfg, to)


def test_migration_0017_adds_the_columns_and_goes_back(db) -> None:
    from sqlalchemy import inspect

    def columns() -> set[str]:
        with db.engine.connect() as conn:
            return {c["name"] for c in inspect(conn).get_columns("revisions")}

    assert {"reply_to_platform", "reply_to_remote_id"} <= columns()
    _migrate(db, "reply_in_hash")  # the schema before this change
    assert not {"reply_to_platform", "reply_to_remote_id"} & columns()
    assert "reply_to_comment_id" in columns()
    _migrate(db, "head")
    assert {"reply_to_platform", "reply_to_remote_id"} <= columns()


def test_an_edit_binds_the_platform_id_of_a_reply_written_before(make_app, two_comments,
                                                                  monkeypatch) -> None:
    """The way on for a reply written before and not yet approved: an edit, even one that
    changes no word, writes a revision naming the platform id, and that one goes out."""
    asked, _ = two_comments
    app = make_app()
    _without_platform_id(monkeypatch)
    reply_id, _ = reply_to_comment(app, PAT, asked, text=TEXT)
    monkeypatch.undo()
    assert edit_post(app, PAT, reply_id)["revision"] == 2
    approve(app, DANA, reply_id)
    approve(app, LUIS, reply_id)
    Publisher(app, platforms := Replies(), "w1", FAST).run_lane("facebook")
    assert platforms.sent == [(_under(app, asked), "200_1", TEXT)]


# -- `audit verify` names the other rows the publisher holds to the approval ---------------
# (session 49 left them to the publisher alone: "Not done" in docs/security.md)

def test_verify_names_a_reply_post_row_pointed_at_another_comment(make_app,
                                                                  two_comments) -> None:
    asked, other = two_comments
    app = make_app()
    reply_id = _approved_reply(app, asked)
    _point_reply(app, reply_id, other)
    result = _verified(app)
    assert not result.ok
    assert (f"reply post {reply_id} was approved to answer comment {asked}, and the post row "
            f"now names comment {other}") in result.problem


def test_verify_names_a_due_time_moved_before_the_approved_schedule(make_app) -> None:
    app = make_app()
    post_id = approved_post(app, "Flu shots all week", ["x"],
                            at=datetime.now(UTC) + timedelta(minutes=20))
    assert _verified(app).ok
    with app.db.write() as session:
        session.execute(update(Delivery).where(Delivery.post_id == post_id)
                        .values(due_at=datetime.now(UTC) - timedelta(minutes=5)))
        delivery = session.scalar(select(Delivery.id).where(Delivery.post_id == post_id))
    result = _verified(app)
    assert not result.ok
    assert (f"delivery {delivery} of post {post_id} is due before the schedule its current "
            "revision was approved for") in result.problem
