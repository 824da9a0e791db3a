"""Session 51, third attack review, findings 1 and 2: a database writer with no audit key
still aimed a reply at the wrong person.

1. `purged_at` set over two rows whose words and authors were swapped turned off the words
   check, and `comments list` / `post show` still printed the swapped author and words.
2. Junk `comment.stored` rows below the first real one (negative seq, random hashes), or the
   first real one edited, blinded the watermark: a row moved to another post fell back to
   its row again; a negative id fell back too.
The comments are written for these tests.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select, update
from test_daemon_helpers import approved_post
from test_publish import FAST
from test_session49_gate import PAT, Replies
from test_session51_reply_aim import _two_polled
from test_session51_reply_rows import moved_row

from adapters.base import RemoteComment
from social_bot import vote_seal
from social_bot.comment_retention import purge_comment
from social_bot.comments import list_comments, reply_to_comment
from social_bot.daemon.config import DaemonConfig
from social_bot.daemon.monitor import Monitor, PollTarget
from social_bot.daemon.publisher import Publisher
from social_bot.db.models import AuditRecord, Comment, Post
from social_bot.errors import Refused


def _replies_to(app: Any, comment_id: int) -> list[int]:
    with app.db.read() as session:
        return list(session.scalars(select(Post.id).where(Post.reply_to_comment_id == comment_id)))


def _swap_words_marked_purged(app: Any, asked: int, other: int) -> None:
    with app.db.write() as session:
        a, b = session.get(Comment, asked), session.get(Comment, other)
        (a.text, a.author), (b.text, b.author) = (b.text, b.author), (a.text, a.author)
        a.purged_at = b.purged_at = datetime.now(UTC)


def test_purged_mark_set_by_a_writer_neither_skips_the_words_check_nor_shows(make_app) -> None:  # noqa: ANN001
    app = make_app()
    asked, other = _two_polled(app)  # Casey Lin (200_1), Robin Park (200_2)
    _swap_words_marked_purged(app, asked, other)
    row = next(r for r in list_comments(app) if r["id"] == asked)
    assert (row["author"], row["text"], row["purged"]) == ("", "", True)  # Robin's not shown
    with pytest.raises(Refused, match=f"comment {asked} is marked purged, but no keyed record"):
        reply_to_comment(app, PAT, asked, text="Thank you Robin, that means a lot!")
    assert _replies_to(app, asked) == []


def test_purged_mark_over_emptied_words_needs_the_purge_record(make_app) -> None:  # noqa: ANN001
    app = make_app()
    asked, _ = _two_polled(app)
    with app.db.write() as session:  # what a purge writes, but no `comments.purged` record
        row = session.get(Comment, asked)
        row.text, row.author, row.text_digest = "", "", "1:abc"
        row.purged_at = datetime.now(UTC)
    with pytest.raises(Refused, match="is marked purged"):
        reply_to_comment(app, PAT, asked, text="Thanks!")


def test_a_real_purge_is_still_answered_where_the_monitor_recorded_it(make_app) -> None:  # noqa: ANN001
    app = make_app()
    asked, _ = _two_polled(app)
    with app.db.write() as session:
        session.get(Comment, asked).state = "kept"
    purge_comment(app, asked, PAT)
    reply_id, _ = reply_to_comment(app, PAT, asked, text="Thanks!")
    assert _replies_to(app, asked) == [reply_id]


def _poll_again(app: Any, remote_id: str = "300_1", text: str = "Clinic closed Monday") -> None:
    post_id = approved_post(app, text, ["facebook"])
    Publisher(app, Replies(), "w2", FAST).run_lane("facebook")
    with app.db.read() as session:
        delivery = session.get(Post, post_id).deliveries[0]
        target = PollTarget(delivery.id, post_id, "facebook", delivery.remote_id, None)
    monitor = Monitor(app, lambda name: None, "w3", DaemonConfig(batch=10), classifier=object())
    comment = RemoteComment(remote_id, "Sam Hale", "See you then", datetime.now(UTC))
    assert monitor.store(target, [comment], [[]], None)[0]


def without_kept_file(app: Any) -> None:
    """A reader who cannot see the daemon's watermark file (session 52, reply_target.kept):
    the trail's own watermark must hold for it."""
    (vote_seal.app_keys(app).path.parent / "comments.since").unlink()


def _moved(app: Any) -> int:
    return moved_row(app, *_two_polled(app))


def test_junk_stored_records_below_the_first_do_not_reopen_the_row_fallback(make_app) -> None:  # noqa: ANN001
    app = make_app()
    asked = _moved(app)
    with app.db.write() as session:
        first = session.scalar(select(AuditRecord).order_by(AuditRecord.seq).limit(1))
        for i in range(25):  # more than any window a search could read
            session.add(AuditRecord(seq=-100 + i, at=first.at, actor="x",
                                    action="comment.stored", detail='{"comments": [[1, "x"]]}',
                                    hash=secrets.token_hex(32), prev_hash=secrets.token_hex(32),
                                    key_id=first.key_id))
    with pytest.raises(Refused, match="first `comment.stored` record not intact"):
        reply_to_comment(app, PAT, asked, text="Yes, 8 to noon. See you!")
    assert _replies_to(app, asked) == []


def test_an_edited_first_stored_record_does_not_raise_the_watermark(make_app) -> None:  # noqa: ANN001
    app = make_app()
    asked = _moved(app)
    with app.db.write() as session:
        first = session.scalar(select(AuditRecord).where(AuditRecord.action == "comment.stored")
                               .order_by(AuditRecord.seq).limit(1))
        first.detail = '{"comments": [[99999, "x"]]}'  # watermark above every comment
    with pytest.raises(Refused, match="first `comment.stored` record not intact"):
        reply_to_comment(app, PAT, asked, text="Yes, 8 to noon. See you!")


def test_a_non_positive_id_never_falls_back_to_its_row(make_app) -> None:  # noqa: ANN001
    app = make_app()
    asked = _moved(app)
    with app.db.write() as session:
        session.execute(update(Comment).where(Comment.id == asked).values(id=-5))
    with pytest.raises(Refused, match="non-positive id"):
        reply_to_comment(app, PAT, -5, text="Yes, 8 to noon. See you!")


def test_a_deleted_first_stored_record_does_not_raise_the_watermark(make_app) -> None:  # noqa: ANN001
    app = make_app()
    asked, other = _two_polled(app)  # the first `comment.stored` record names both
    _poll_again(app)  # a later poll: its record carries the first one's watermark
    moved_row(app, asked, other)
    with app.db.write() as session:
        first = session.scalar(select(AuditRecord).where(AuditRecord.action == "comment.stored")
                               .order_by(AuditRecord.seq).limit(1))
        session.delete(first)
    without_kept_file(app)  # which names the first record (session 52: refused for it)
    with pytest.raises(Refused, match=f"comment {asked} is not where the monitor recorded it"):
        reply_to_comment(app, PAT, asked, text="Yes, 8 to noon. See you!")
