"""Session 49: the publisher publishes only where, when and to whom the approval said.

An outside review (session 49, findings 4 to 6) edited rows a database administrator can
write without the audit key: `deliveries.due_at` moved earlier published a post before its
approved schedule, a `deliveries` row added for another platform published it there, and
`posts.reply_to_comment_id` (outside every hash) could aim an approved reply at another
person's comment or turn it into a post. Each is refused at the claim (the real publisher),
nothing sent, the delivery failed with the reason, `publish.refused` audited, chat told.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select, update
from test_cli_hostile import run_main
from test_comments_review import published_facebook_post
from test_daemon_helpers import DANA, LUIS, FakePlatforms, approved_post
from test_publish import FAST

from social_bot import audit, posts
from social_bot.approvals import approve
from social_bot.comments import reply_to_comment
from social_bot.daemon.publisher import Publisher
from social_bot.db.models import AuditRecord, Comment, Delivery, OutboxMessage, Post, Revision
from social_bot.domain import ReplyRemote
from social_bot.posts import Staff, show_post
from social_bot.publish_gate import Approved, Outgoing, approved_delivery

PAT = Staff("Pat Author", "pat")
NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


# -- the rule, on plain data -------------------------------------------------------------

def test_the_rule_names_each_way_a_delivery_differs_from_its_approval() -> None:
    where = ReplyRemote("x", "1900")  # the comment's platform id (session 50)
    approved = Approved(("x", "linkedin"), NOW, 7, reply_remote=where)
    assert approved_delivery(approved, Outgoing("x", 7, NOW, where)) is None
    assert approved_delivery(approved, Outgoing("linkedin", 7, NOW + timedelta(hours=1),
                                                where)) is None
    assert "facebook is not among the platforms" in approved_delivery(
        approved, Outgoing("facebook", 7, NOW))
    assert "approved to go out at 2026-12-07 12:00 UTC" in approved_delivery(
        approved, Outgoing("x", 7, NOW - timedelta(seconds=1)))
    assert "answer to comment 7, and now names comment 8" in approved_delivery(
        approved, Outgoing("x", 8, NOW))
    assert "and now names no comment (a post)" in approved_delivery(
        approved, Outgoing("x", None, NOW))
    assert "answer to no comment (a post), and now names comment 7" in approved_delivery(
        Approved(("x",), None, None), Outgoing("x", 7, NOW))
    assert "cannot be proven" in approved_delivery(
        Approved(("x",), None, None, reply_known=False), Outgoing("x", None, NOW))


# -- through the publisher ---------------------------------------------------------------

def _refused(app: Any, post_id: int, platform: str) -> str:
    """The failed delivery's reason, after checking the refusal was audited and told."""
    detail = show_post(app, post_id)
    [delivery] = [d for d in detail["deliveries"] if d["platform"] == platform]
    assert delivery["status"] == "failed"
    assert delivery["last_error"].startswith("publishing refused: ")
    with app.db.read() as session:
        refused = session.scalars(select(AuditRecord).where(
            AuditRecord.post_id == post_id, AuditRecord.action == "publish.refused")).all()
        assert [json.loads(r.detail)["platform"] for r in refused] == [platform]
        told = session.scalars(select(OutboxMessage.kind).where(
            OutboxMessage.post_id == post_id, OutboxMessage.kind == "delivery.failed")).all()
        assert told == ["delivery.failed"]
    return delivery["last_error"]


def test_a_due_time_moved_earlier_does_not_publish_before_the_schedule(make_app) -> None:
    app = make_app()
    post_id = approved_post(app, "Flu shots all week", ["x"],
                            at=datetime.now(UTC) + timedelta(minutes=20))
    with app.db.write() as session:
        session.execute(update(Delivery).where(Delivery.post_id == post_id)
                        .values(due_at=datetime.now(UTC) - timedelta(minutes=5)))
    platforms = FakePlatforms()
    Publisher(app, platforms, "w1", FAST).run_lane("x")
    assert platforms["x"].publish_calls == 0
    assert "it was approved to go out at " in _refused(app, post_id, "x")


def test_a_delivery_added_for_another_platform_is_reported_and_not_published(
        make_app, cli_env, monkeypatch) -> None:
    app = make_app()
    post_id = approved_post(app, "Flu shots all week", ["x"])
    with app.db.write() as session:
        session.add(Delivery(post_id=post_id, platform="facebook", status="pending",
                             due_at=datetime.now(UTC) - timedelta(minutes=5), attempts=0))
    with app.db.read() as session:
        result = audit.verify(session)
        added = session.scalar(select(Delivery.id).where(Delivery.platform == "facebook"))
    assert not result.ok
    assert (f"delivery {added} of post {post_id} is on facebook, which its current revision "
            "was not approved for") in result.problem
    for name, value in cli_env.items():
        monkeypatch.setenv(name, value)
    code, out, err = run_main(("audit", "verify"))
    assert code == 1 and out == "" and "Flu shots" not in err
    assert err.startswith(f"audit trail BROKEN: delivery {added} of post {post_id} is on "
                          "facebook")
    platforms = FakePlatforms()
    publisher = Publisher(app, platforms, "w1", FAST)
    publisher.run_lane("facebook")
    publisher.run_lane("x")
    assert platforms["facebook"].publish_calls == 0
    assert platforms["x"].texts() == ["Flu shots all week"]  # the approved one still goes
    assert "facebook is not among the platforms" in _refused(app, post_id, "facebook")


@pytest.fixture
def two_comments(db):  # noqa: ANN201
    """A published Facebook post with two plain comments by two people: their ids."""
    with db.write() as session:
        return add_two_comments(session, published_facebook_post(session).deliveries[0])


def add_two_comments(session: Any, delivery: Delivery) -> tuple[int, int]:
    """Two plain Facebook comments by two people (200_1, 200_2) under the delivery: ids."""
    asked = [Comment(delivery_id=delivery.id, post_id=delivery.post_id, platform="facebook",
                     remote_id=f"200_{n}", author=who, text=text, flags=[], state="new")
             for n, (who, text) in enumerate((("Casey Lin", "Are you open on Saturday?"),
                                               ("Robin Park", "Great team, thank you!")),
                                              start=1)]
    session.add_all(asked)
    session.flush()
    return asked[0].id, asked[1].id


class Replies(FakePlatforms):
    """FakePlatforms whose adapters also answer comments (recorded, not sent anywhere)."""

    def __init__(self) -> None:
        super().__init__()
        self.sent: list[tuple[str, str, str]] = []
        for name in ("linkedin", "facebook", "x"):
            self[name].reply_to_comment = self._reply  # type: ignore[attr-defined]

    def _reply(self, post_remote: str, comment_remote: str, text: str) -> Any:
        from adapters.base import RemotePost

        self.sent.append((post_remote, comment_remote, text))
        return RemotePost(f"r-{len(self.sent)}", None)


def _approved_reply(app: Any, comment_id: int) -> int:
    reply_id, _ = reply_to_comment(app, PAT, comment_id, text="Yes, 8 to noon. See you!")
    approve(app, DANA, reply_id)
    assert approve(app, LUIS, reply_id).status == "approved"
    return reply_id


def _point_reply(app: Any, reply_id: int, target: int | None) -> None:
    with app.db.write() as session:
        session.execute(update(Post).where(Post.id == reply_id)
                        .values(reply_to_comment_id=target))


@pytest.mark.parametrize("elsewhere", [True, False], ids=["other_comment", "as_a_post"])
def test_a_reply_aimed_elsewhere_in_the_database_is_not_sent(make_app, two_comments,
                                                             elsewhere) -> None:
    asked, other = two_comments
    app = make_app()
    reply_id = _approved_reply(app, asked)
    with app.db.read() as session:
        assert session.scalar(select(Revision.reply_to_comment_id).where(
            Revision.post_id == reply_id)) == asked  # under the revision's hash
    _point_reply(app, reply_id, other if elsewhere else None)
    platforms = Replies()
    Publisher(app, platforms, "w1", FAST).run_lane("facebook")
    assert platforms.sent == [] and platforms["facebook"].publish_calls == 0
    now = f"comment {other}" if elsewhere else "no comment (a post)"
    assert (f"approved as an answer to comment {asked}, and now names {now}"
            in _refused(app, reply_id, "facebook"))


def test_a_post_made_a_reply_in_the_database_is_not_sent(make_app, two_comments) -> None:
    """A post's revision names no comment: pointed at one, it would go out under a person
    nobody approved it for (its `post.created` record says it answers none)."""
    asked, _ = two_comments
    app = make_app()
    post_id = approved_post(app, "Flu shots all week", ["facebook"])
    _point_reply(app, post_id, asked)
    platforms = Replies()
    Publisher(app, platforms, "w1", FAST).run_lane("facebook")
    assert platforms.sent == [] and platforms["facebook"].publish_calls == 0
    assert (f"approved as an answer to no comment (a post), and now names comment {asked}"
            in _refused(app, post_id, "facebook"))


def test_the_reply_target_is_under_the_revision_hash(make_app, two_comments) -> None:
    asked, other = two_comments
    app = make_app()
    reply_id = _approved_reply(app, asked)
    with app.db.write() as session:
        session.execute(update(Revision).where(Revision.post_id == reply_id)
                        .values(reply_to_comment_id=other))
        session.execute(update(Post).where(Post.id == reply_id)
                        .values(reply_to_comment_id=other))
    assert_votes_no_longer_hold(app, reply_id)


def assert_votes_no_longer_hold(app: Any, reply_id: int) -> None:
    """The reply's revision row no longer hashes as approved: nothing is sent, and the
    post goes back to waiting for approval."""
    with app.db.read() as session:
        revision = session.scalars(select(Revision).where(Revision.post_id == reply_id)).one()
        assert not audit.stored_hash_holds(revision, audit.session_keys(session))
    platforms = Replies()
    Publisher(app, platforms, "w1", FAST).run_lane("facebook")
    assert platforms.sent == []
    assert show_post(app, reply_id)["status"] == "pending_approval"


def test_a_reply_written_before_the_target_was_hashed_goes_out_and_is_held_to_its_record(
        make_app, two_comments, monkeypatch) -> None:
    """A revision written before session 49 has no hashed target: it still publishes, and
    its target is checked against its keyed `post.created` record."""
    asked, other = two_comments
    app = make_app()
    monkeypatch.setattr(posts, "answering_in_hash", lambda draft, _comment: draft)
    kept, moved = _approved_reply(app, asked), _approved_reply(app, other)
    monkeypatch.undo()
    with app.db.read() as session:
        assert session.scalars(select(Revision.reply_to_comment_id).where(
            Revision.post_id.in_((kept, moved)))).all() == [None, None]
    _point_reply(app, moved, asked)
    platforms = Replies()
    Publisher(app, platforms, "w1", FAST).run_lane("facebook")
    assert platforms.sent == [("100_200", "200_1", "Yes, 8 to noon. See you!")]
    assert show_post(app, kept)["status"] == "published"
    assert (f"approved as an answer to comment {other}, and now names comment {asked}"
            in _refused(app, moved, "facebook"))
