"""Session 52: deleting every `comment.stored` record no longer gives the row fallback back.

Session 51's closing note: a database writer who deleted every `comment.stored` record left
the trail no watermark, and every comment fell back to its row (`remote_id`, author, words:
columns any writer can change), so a reply could be aimed at the wrong person again. The
daemon now keeps the watermark in a file beside its vote key (reply_target.kept), naming the
record it took it from; a comment without a record is refused when that record is gone.
Each attack here swaps two comments' platform ids after removing the records: on the old
code the reply was then aimed at the other person. The comments are written for this test.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, select, update
from test_cli_hostile import run_main
from test_daemon_helpers import approved_post
from test_publish import FAST
from test_session49_gate import PAT, Replies, add_two_comments
from test_session50_reaim import _swap_remote_ids
from test_session51_attack3 import _poll_again
from test_session51_reply_aim import _two_polled

from social_bot import vote_seal
from social_bot.comments import reply_to_comment
from social_bot.daemon.publisher import Publisher
from social_bot.db.models import AuditHead, AuditRecord, Comment, Post, Revision
from social_bot.errors import Refused
from social_bot.posts import show_post

ANSWER = "Yes, 8 to noon. See you!"


def _kept(app: Any) -> Path:
    """The daemon's watermark file: beside its vote key."""
    return vote_seal.app_keys(app).path.parent / "comments.since"


def _stored_seqs(app: Any) -> list[int]:
    with app.db.read() as session:
        return list(session.scalars(select(AuditRecord.seq).where(
            AuditRecord.action == "comment.stored").order_by(AuditRecord.seq)))


def _delete_every_stored(app: Any) -> None:
    with app.db.write() as session:
        session.execute(delete(AuditRecord).where(AuditRecord.action == "comment.stored"))


def _relabel_every_stored(app: Any) -> None:
    """No gap for a count to see: the rows keep their seq and MAC, only another action."""
    with app.db.write() as session:
        session.execute(update(AuditRecord).where(AuditRecord.action == "comment.stored")
                        .values(action="comment.kept"))


def _cut_the_tail(app: Any) -> None:
    """Every record from the first `comment.stored` on removed, the head set back: only an
    anchor kept elsewhere shows it."""
    first = _stored_seqs(app)[0]
    with app.db.write() as session:
        before = session.scalar(select(AuditRecord).where(AuditRecord.seq == first - 1))
        session.execute(delete(AuditRecord).where(AuditRecord.seq >= first))
        session.execute(update(AuditHead).where(AuditHead.id == 1)
                        .values(seq=before.seq, hash=before.hash))


def _replies(app: Any) -> list[tuple[int, str | None]]:
    with app.db.read() as session:
        return [(p.reply_to_comment_id, r.reply_to_remote_id) for p, r in session.execute(
            select(Post, Revision).join(Revision, Revision.post_id == Post.id)
            .where(Post.reply_to_comment_id.is_not(None)))]


def _refusals(app: Any) -> list[dict[str, Any]]:
    with app.db.read() as session:
        return [json.loads(d) for d in session.scalars(select(AuditRecord.detail).where(
            AuditRecord.action == "reply.refused"))]


ATTACKS = [_delete_every_stored, _relabel_every_stored, _cut_the_tail]


@pytest.mark.parametrize("attack", ATTACKS, ids=lambda f: f.__name__.strip("_"))
def test_removing_the_stored_records_refuses_the_reply(make_app,  # noqa: ANN001
                                                       attack: Callable[[Any], None]) -> None:
    app = make_app()
    asked, other = _two_polled(app)
    anchor = _stored_seqs(app)[0]  # the poll's record, which the file names
    attack(app)
    _swap_remote_ids(app, asked, other)  # the row now names Robin's comment (200_2)
    with pytest.raises(Refused, match=f"comment {asked} has no keyed record under its post, "
                                      f"and the audit trail no longer holds record #{anchor}"):
        reply_to_comment(app, PAT, asked, text=ANSWER)
    assert _replies(app) == []  # before: a reply aimed at 200_2, Robin's
    assert _refusals(app) == [{"comment_id": asked, "why": "comment row unvouched"}]


def test_the_card_of_a_reply_written_before_shows_no_row_words(make_app) -> None:  # noqa: ANN001
    """A reply queued before the records were deleted: its card (post show, chat) does not
    show the row's author and words, which may now be anyone's."""
    app = make_app()
    asked, other = _two_polled(app)
    reply_id, _ = reply_to_comment(app, PAT, asked, text=ANSWER)
    _delete_every_stored(app)
    with app.db.write() as session:  # Robin's words under Casey's row
        session.execute(update(Comment).where(Comment.id == asked).values(
            author="Robin Park", text="Great team, thank you!"))
    shown = show_post(app, reply_id)["reply_to"]
    assert "Robin" not in json.dumps(shown) and "Great team" not in json.dumps(shown)
    assert "no longer holds record" in shown["unvouched"]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_command_says_so_in_one_line_and_exits_2(make_app, cli_env,  # noqa: ANN001
                                                     monkeypatch) -> None:  # noqa: ANN001
    app = make_app()
    asked, other = _two_polled(app)
    _delete_every_stored(app)
    _swap_remote_ids(app, asked, other)
    for name, value in cli_env.items():
        monkeypatch.setenv(name, value)
    code, out, err = run_main(("comments", "reply", str(asked), "--text", ANSWER))
    assert (code, out) == (2, "")
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(
        f"error: comment {asked} has no keyed record under its post, and the audit trail no "
        "longer holds record #")
    assert "socialbot audit verify" in lines[0]
    assert _replies(app) == [] and len(_refusals(app)) == 1


def _legacy_pair(app: Any) -> tuple[int, int]:
    """Two comment rows as stored before session 51: no record names them."""
    post_id = approved_post(app, "Flu shots all week", ["facebook"])
    Publisher(app, Replies(), "w0", FAST).run_lane("facebook")
    with app.db.write() as session:
        return add_two_comments(session, session.get(Post, post_id).deliveries[0])


def test_a_legacy_comment_still_falls_back_to_its_row(make_app) -> None:  # noqa: ANN001
    """A data directory from before session 51: no record, no file: the row is all there is
    (as before); and once the daemon has polled since, still so for the comments below the
    watermark."""
    app = make_app()
    asked, other = _legacy_pair(app)
    reply_to_comment(app, PAT, asked, text=ANSWER)
    _poll_again(app)  # the first `comment.stored` record, and the file
    assert json.loads(_kept(app).read_text())["since"] > other
    reply_to_comment(app, PAT, other, text="Thank you!")
    assert sorted(_replies(app)) == [(asked, "200_1"), (other, "200_2")]


def test_an_upgraded_daemon_keeps_the_trails_watermark_once(make_app) -> None:  # noqa: ANN001
    """Records from session 51, no file yet: the next poll writes it with the first record's
    watermark (and names the record it wrote); later polls leave it as it is."""
    app = make_app()
    asked, other = _two_polled(app)
    _kept(app).unlink()  # what a session 51 daemon left
    _poll_again(app)
    kept = json.loads(_kept(app).read_text())
    assert (kept["since"], kept["seq"]) == (asked, _stored_seqs(app)[-1])
    _poll_again(app, "400_1", "Clinic open late Thursday")
    assert json.loads(_kept(app).read_text()) == kept
    _delete_every_stored(app)
    _swap_remote_ids(app, asked, other)
    with pytest.raises(Refused, match="no longer holds record"):
        reply_to_comment(app, PAT, asked, text=ANSWER)


def test_a_file_that_is_not_socialbots_closes_the_row_fallback(make_app) -> None:  # noqa: ANN001
    app = make_app()
    asked, _ = _legacy_pair(app)
    _kept(app).write_text("since=999999\n")
    with pytest.raises(Refused, match="is not one socialbot wrote"):
        reply_to_comment(app, PAT, asked, text=ANSWER)
