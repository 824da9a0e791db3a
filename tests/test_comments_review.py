"""The review queue: decisions reach the platform, failures keep the comment flagged."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from adapters.base import TransientError
from social_bot.comments import list_comments, reply_to_comment, resolve_comment
from social_bot.db.models import AuditRecord, Comment, Delivery, Post, Revision
from social_bot.errors import NotFound, UserError
from social_bot.posts import Staff, edit_post, show_post


class RecordingAdapter:
    def __init__(self, fail: bool = False) -> None:
        self.calls: list[tuple[str, str]] = []
        self.fail = fail

    def _call(self, name: str, comment_id: str) -> None:
        if self.fail:
            raise TransientError("facebook: HTTP 500 from the Graph API")
        self.calls.append((name, comment_id))

    def hide_comment(self, comment_id: str) -> None:
        self._call("hide", comment_id)

    def unhide_comment(self, comment_id: str) -> None:
        self._call("unhide", comment_id)

    def delete_comment(self, comment_id: str, *, post_id: str,
                       parent_id: str | None = None) -> None:
        self._call("delete", comment_id)
        self.deleted_on = (post_id, parent_id)


def published_facebook_post(session) -> Post:  # noqa: ANN001
    """A post published on Facebook as 100_200 ("Flu shots"), added and flushed: comments
    are attached to its delivery (`post.deliveries[0]`)."""
    post = Post(status="published", author="Pat Author", current_revision=1)
    post.revisions.append(Revision(number=1, text="Flu shots", platforms=["facebook"],
                                   media=[], content_hash="c" * 64, created_by="Pat"))
    post.deliveries.append(Delivery(platform="facebook", status="published",
                                    remote_id="100_200", attempts=1))
    session.add(post)
    session.flush()
    return post


@pytest.fixture
def flagged(db):  # noqa: ANN201
    """A published Facebook post with one auto-hidden flagged comment and one plain one."""
    with db.write() as session:
        post = published_facebook_post(session)
        delivery = post.deliveries[0]
        hidden = Comment(delivery_id=delivery.id, post_id=post.id, platform="facebook",
                         remote_id="200_1", author="Alma", text="my A1C is 9.2",
                         flags=[{"flag": "phi", "score": 0.9, "reason": "health detail"}],
                         state="flagged", hidden_on_platform=True)
        plain = Comment(delivery_id=delivery.id, post_id=post.id, platform="facebook",
                        remote_id="200_2", author="Casey", text="Thanks!", flags=[],
                        state="new")
        session.add_all([hidden, plain])
        session.flush()
        return hidden.id, plain.id


def test_list_shows_flagged_with_reasons(make_app, flagged):
    app = make_app()
    rows = list_comments(app, flagged_only=True)
    assert [r["id"] for r in rows] == [flagged[0]]
    assert rows[0]["flags"][0]["reason"] == "health detail"
    assert len(list_comments(app)) == 2


@pytest.mark.parametrize(("action", "call", "state", "hidden"), [
    ("keep", ("unhide", "200_1"), "kept", False),
    ("delete", ("delete", "200_1"), "deleted", False),
])
def test_resolve_applies_on_platform_and_audits(make_app, flagged, action, call, state, hidden):
    app = make_app()
    adapter = RecordingAdapter()
    result = resolve_comment(app, "Dana Whitfield", flagged[0], action, lambda _p: adapter,
                             keep_reason="not_phi")  # flagged phi: a keep needs a reason
    assert adapter.calls == [call]
    assert result["state"] == state and result["hidden_on_platform"] is hidden
    with app.db.read() as session:
        record = session.scalars(select(AuditRecord).order_by(AuditRecord.seq.desc())).first()
    assert record.action == f"comment.{state}" and record.actor == "Dana Whitfield"


def test_hide_of_visible_comment_calls_platform(make_app, flagged):
    app = make_app()
    adapter = RecordingAdapter()
    result = resolve_comment(app, "Luis Ortega", flagged[1], "hide", lambda _p: adapter)
    assert adapter.calls == [("hide", "200_2")] and result["state"] == "hidden"


def test_failed_platform_call_leaves_comment_flagged_with_error(make_app, flagged):
    app = make_app()
    with pytest.raises(UserError, match="delete failed on facebook"):
        resolve_comment(app, "Dana Whitfield", flagged[0], "delete",
                        lambda _p: RecordingAdapter(fail=True))
    row = list_comments(app, flagged_only=True)[0]
    assert row["state"] == "flagged" and "HTTP 500" in row["last_error"]


def test_unknown_comment_and_action(make_app, flagged):
    app = make_app()
    with pytest.raises(NotFound):
        resolve_comment(app, "Dana", 999, "keep", lambda _p: RecordingAdapter())
    with pytest.raises(UserError, match="unknown action"):
        resolve_comment(app, "Dana", flagged[0], "burn", lambda _p: RecordingAdapter())


def test_reply_is_a_screened_post_attached_to_the_comment(make_app, flagged):
    seen = []

    def screener(texts, context):  # noqa: ANN001, ANN202
        seen.append(context)
        return [[] for _ in texts]

    app = make_app(screener=screener)
    post_id, draft = reply_to_comment(app, Staff("Pat Author", "pat"), flagged[0],
                                      template="phi")
    detail = show_post(app, post_id)
    assert seen == ["reply", "comment"]  # the comment's own findings too (session 52)
    assert detail["status"] == "pending_approval"
    assert detail["reply_to_comment_id"] == flagged[0]
    assert detail["platforms"] == ["facebook"]
    assert "call our office" in detail["text"]
    with pytest.raises(UserError, match="unknown reply template"):
        reply_to_comment(app, Staff("Pat Author"), flagged[0], template="nope")


def test_a_reply_stays_on_its_comment_platform_and_is_screened_as_a_reply(make_app, flagged):
    seen = []

    def screener(texts, context):  # noqa: ANN001, ANN202
        seen.append(context)
        return [[] for _ in texts]

    app = make_app(screener=screener)
    post_id, _ = reply_to_comment(app, Staff("Pat Author", "pat"), flagged[0], text="Thanks!")
    with pytest.raises(UserError, match="its platform cannot change"):
        edit_post(app, Staff("Pat Author", "pat"), post_id, platforms=["x"])
    edit_post(app, Staff("Pat Author", "pat"), post_id, text="Thank you, please call us.")
    assert seen == ["reply", "comment", "reply", "comment"]  # with its comment (session 52)
    assert show_post(app, post_id)["platforms"] == ["facebook"]
