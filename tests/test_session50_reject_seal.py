"""Session 50: `audit verify` checks the seals of rejections (session 49's "Left open").

Rejections were sealed at the chat door since the seal shipped, but `audit verify` checked
only approval and release votes: a rejection written with the audit key and the database
alone (an approver's name on it, no seal, or an approval's seal copied) verified as intact.
A forged rejection only stops a post, but the trail must say it was forged.

"The door" is the App `make_app` builds (it holds the vote key, as the daemon does);
"staff" (`staff_app`, from test_vote_seal) cannot read that key.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from test_daemon_helpers import DANA
from test_vote_seal import _queued, staff_app  # noqa: F401
from test_vote_seal_replay import _verified

from social_bot.approvals import approve, reject
from social_bot.db.models import AuditRecord, Post
from social_bot.domain import Status
from social_bot.posts import set_status


def _forged_rejection(staff: Any, post_id: int, **extra: object) -> None:
    """What the audit key and the database allow: the post rejected in an approver's name."""
    with staff.db.write() as session:
        set_status(session, session.get(Post, post_id), Status.REJECTED,
                   actor="Dana Whitfield", action="post.rejected", reason="off-brand",
                   detail={"identity": "slack:U01DANA", "reason": "off-brand", **extra})


def test_verify_names_a_rejection_written_outside_the_door(make_app, staff_app) -> None:  # noqa: F811
    door = make_app()
    approve(door, DANA, _queued(door, "Flu shots at the north clinic all week."))  # sealed
    post_id = _queued(door, "Flu shots at the south clinic all week.")
    _forged_rejection(staff_app, post_id)
    result = _verified(door)
    assert not result.ok
    assert f"(post.rejected of post {post_id}, revision 1) is not sealed" in result.problem


def test_verify_names_a_rejection_with_a_seal_copied_from_an_approval(make_app,
                                                                      staff_app) -> None:  # noqa: F811
    door = make_app()
    post_id = _queued(door, "Flu shots at the east clinic all week.")
    approve(door, DANA, post_id)
    with door.db.read() as session:
        seal = json.loads(session.scalars(select(AuditRecord.detail).where(
            AuditRecord.post_id == post_id,
            AuditRecord.action == "approval.recorded")).one())["seal"]
    _forged_rejection(staff_app, post_id, seal=seal)
    result = _verified(door)
    assert not result.ok
    assert (f"(post.rejected of post {post_id}, revision 1) carries a seal that does not "
            "verify") in result.problem


def test_a_rejection_at_the_door_verifies(make_app) -> None:
    door = make_app()
    post_id = _queued(door, "Flu shots at the west clinic all week.")
    reject(door, DANA, post_id, "the date is wrong")
    result = _verified(door)
    assert result.ok, result.problem


def test_a_rejection_from_before_seals_is_a_note_not_a_failure(make_app) -> None:
    door = make_app()
    post_id = _queued(door, "Flu shots at the central clinic all week.")
    _forged_rejection(door, post_id)  # as recorded before the door sealed votes
    result = _verified(door)
    assert result.ok, result.problem
    assert any(note.startswith("1 vote record(s) from before votes were sealed")
               for note in result.notes)
