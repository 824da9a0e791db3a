"""Session 51 attack review, finding 2: a reply still went to the wrong person.

(a) A comment row moved to another post had no keyed record among that post's, and the
reply fell back to the row (a swapped `remote_id`). (b) Two rows' words and authors swapped,
ids untouched: staff answered Robin's words under Casey's id and the reply reached Casey.
Now a comment stored since the first `comment.stored` record with no record under its post
is refused, and every naming record carries a keyed digest of author and words that the
row must still match. The comments are written for this test.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import select, update
from test_daemon_helpers import approved_post
from test_publish import FAST
from test_session49_gate import PAT, Replies
from test_session50_reaim import _swap_remote_ids
from test_session51_reply_aim import _two_polled

from social_bot.audit import verify_database
from social_bot.comments import reply_to_comment
from social_bot.daemon.publisher import Publisher
from social_bot.db.models import AuditRecord, Comment, Post
from social_bot.errors import Refused
from social_bot.posts import show_post


def _replies_to(app: Any, comment_id: int) -> list[int]:
    with app.db.read() as session:
        return list(session.scalars(select(Post.id).where(Post.reply_to_comment_id == comment_id)))


def _refusals(app: Any) -> list[dict[str, Any]]:
    with app.db.read() as session:
        return [json.loads(d) for d in session.scalars(select(AuditRecord.detail).where(
            AuditRecord.action == "reply.refused"))]


def moved_row(app: Any, asked: int, other: int) -> int:
    """The asked comment's row moved to another published post, its remote id swapped."""
    decoy = approved_post(app, "Open house next week", ["facebook"])
    Publisher(app, Replies(), "w8", FAST).run_lane("facebook")
    _swap_remote_ids(app, asked, other)
    with app.db.write() as session:
        session.execute(update(Comment).where(Comment.id == asked).values(post_id=decoy))
    return asked


def test_a_row_moved_to_another_post_is_refused_not_aimed_by_the_row(make_app) -> None:  # noqa: ANN001
    app = make_app()
    asked = moved_row(app, *_two_polled(app))
    with pytest.raises(Refused, match=f"comment {asked} is not where the monitor recorded it"):
        reply_to_comment(app, PAT, asked, text="Yes, 8 to noon. See you!")
    assert _replies_to(app, asked) == []
    assert _refusals(app) == [{"comment_id": asked, "why": "comment row unvouched"}]
    assert verify_database(app.db).ok  # the refusal's record is an ordinary one


def test_swapped_words_and_authors_are_refused_and_not_shown(make_app) -> None:  # noqa: ANN001
    app = make_app()
    asked, other = _two_polled(app)
    reply_id, _ = reply_to_comment(app, PAT, other, text="Thank you Robin, that means a lot!")
    with app.db.write() as session:
        a, b = session.get(Comment, asked), session.get(Comment, other)
        (a.text, a.author), (b.text, b.author) = (b.text, b.author), (a.text, a.author)
    with pytest.raises(Refused, match=f"comment {asked}'s author or words are not what"):
        reply_to_comment(app, PAT, asked, text="Thank you Robin, that means a lot!")
    assert _replies_to(app, asked) == []
    assert len(_refusals(app)) == 1
    # the card of the reply written before the swap shows no one's words as Robin's
    shown = show_post(app, reply_id)["reply_to"]
    assert "Great team" not in shown["text"] and "Casey" not in json.dumps(shown)
    assert "author or words are not what the monitor stored" in shown["unvouched"]


def test_an_untouched_comment_is_answered_and_one_record_a_poll_holds_digests(make_app) -> None:  # noqa: ANN001
    app = make_app()
    asked, other = _two_polled(app)
    reply_id, _ = reply_to_comment(app, PAT, asked, text="Yes, 8 to noon. See you!")
    shown = show_post(app, reply_id)["reply_to"]
    assert (shown["author"], "unvouched" in shown) == ("Casey Lin", False)
    with app.db.read() as session:
        details = [json.loads(d) for d in session.scalars(select(AuditRecord.detail).where(
            AuditRecord.action == "comment.stored"))]
    assert len(details) == 1
    pairs = details[0]["comments"]
    assert [p[:2] for p in pairs] == [[asked, "200_1"], [other, "200_2"]]
    assert all(isinstance(p[2], str) and ":" in p[2] for p in pairs)
    assert "Casey" not in json.dumps(details) and "Saturday" not in json.dumps(details)
