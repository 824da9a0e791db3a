"""Session 51: a reply to a comment never flagged is aimed by a keyed record, not the row.

Session 50 bound a reply's platform id under its revision's hash, taken from the comment's
last keyed record (`comment.flagged`, `comment.edited`), else from the comment row: a
database writer with no key who swapped two unflagged comments' `remote_id` before staff
wrote the reply aimed it at the other person from the start. The monitor now writes
`comment.stored` (ids only, one record a poll) naming each comment it stores unflagged, and
the reply takes the platform id from it. The comments are written for this test.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from test_daemon_helpers import DANA, LUIS, approved_post
from test_publish import FAST
from test_session49_gate import PAT, Replies, _refused
from test_session50_reaim import _swap_remote_ids

from adapters.base import RemoteComment
from social_bot.approvals import approve
from social_bot.comments import reply_to_comment
from social_bot.daemon.config import DaemonConfig
from social_bot.daemon.monitor import Monitor, PollTarget
from social_bot.daemon.publisher import Publisher
from social_bot.db.models import AuditRecord, Post, Revision


def _two_polled(app: Any) -> tuple[int, int]:
    """A published Facebook post and two plain comments stored by the monitor: ids."""
    post_id = approved_post(app, "Flu shots all week", ["facebook"])
    Publisher(app, Replies(), "w0", FAST).run_lane("facebook")
    with app.db.read() as session:
        delivery = session.get(Post, post_id).deliveries[0]
        target = PollTarget(delivery.id, post_id, "facebook", delivery.remote_id, None)
    monitor = Monitor(app, lambda name: None, "w1", DaemonConfig(batch=10),
                      classifier=object())
    now = datetime.now(UTC)
    comments = [RemoteComment("200_1", "Casey Lin", "Are you open on Saturday?", now),
                RemoteComment("200_2", "Robin Park", "Great team, thank you!", now)]
    new, _ = monitor.store(target, comments, [[], []], None)
    (first, _, _), (second, _, _) = new
    return first, second


def test_a_swap_before_the_reply_is_written_does_not_aim_it(make_app) -> None:  # noqa: ANN001
    app = make_app()
    asked, other = _two_polled(app)
    _swap_remote_ids(app, asked, other)  # before staff write the reply
    reply_id, _ = reply_to_comment(app, PAT, asked, text="Yes, 8 to noon. See you!")
    with app.db.read() as session:
        revision = session.scalars(select(Revision).where(Revision.post_id == reply_id)).one()
        # aimed where the comment was when it arrived, not where the row now says
        assert (revision.reply_to_platform, revision.reply_to_remote_id) == ("facebook", "200_1")


    approve(app, DANA, reply_id)
    assert approve(app, LUIS, reply_id).status == "approved"
    platforms = Replies()
    Publisher(app, platforms, "w1", FAST).run_lane("facebook")
    # the row names 200_2 now: the publisher refuses rather than answer the other person
    assert platforms.sent == []
    assert "was approved as facebook comment 200_1" in _refused(app, reply_id, "facebook")
    with app.db.read() as session:
        stored = session.scalars(select(AuditRecord.action).where(
            AuditRecord.action == "comment.stored")).all()
        assert len(stored) == 1  # one keyed record for the poll's comments, ids only
