"""Where a reply goes, as the platform knows it: the answered comment's platform and id.

The comment row's `remote_id` is a column any database writer can change; swapped between
two comments it re-aimed an approved reply at the other person (an attack re-review, session
49, finding D). A reply's revision therefore holds the platform id under its keyed hash,
taken when the reply is written; where the trail has a keyed record of that comment (the
monitor's `comment.flagged`, or `comment.edited` when the words, and on X the id, changed),
that record is believed before the row. Since session 51 the monitor also writes
`comment.stored` (one record a poll) naming each comment it stores unflagged, so a comment
polled since then is never aimed by its row: a writer who swaps two such rows before the
reply is written no longer aims it from the start. Comments stored before have no record
and still fall back to the row.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from social_bot import audit
from social_bot.db.models import AuditRecord, Comment
from social_bot.domain import ReplyRemote

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# The records that name a comment's platform id as the monitor stored it.
_NAMING = ("comment.stored", "comment.flagged", "comment.edited")


def recorded_remote(session: Session, comment: Comment) -> ReplyRemote | None:
    """The platform id the last intact keyed record of this comment names, or None (a
    comment stored unflagged before session 51 has no record). Read by the comment's post,
    whose records the monitor writes them under (ix_audit_post)."""
    keys = audit.session_keys(session)
    records = audit.post_records(session, comment.post_id, AuditRecord.action.in_(_NAMING))
    for record in reversed(records):
        detail = json.loads(record.detail or "{}")
        remote = _named(detail, comment.id)
        if remote is None or not audit.record_intact(record, keys):
            continue
        platform = detail.get("platform")
        if isinstance(platform, str):
            return ReplyRemote(platform, remote)
    return None


def _named(detail: dict[str, Any], comment_id: int) -> str | None:
    """The platform id a record gives this comment: one comment's record (`comment_id`,
    `remote_id`), or a poll's `comment.stored` listing [comment id, platform id] pairs."""
    if detail.get("comment_id") == comment_id:
        remote = detail.get("remote_id")
        return remote if isinstance(remote, str) else None
    pairs = detail.get("comments")
    if isinstance(pairs, list):
        for pair in pairs:
            if (isinstance(pair, list) and len(pair) == 2 and pair[0] == comment_id
                    and isinstance(pair[1], str)):
                return pair[1]
    return None


def answered_remote(session: Session, comment_id: int | None) -> ReplyRemote | None:
    """The platform id a new reply to this comment is approved for: its keyed record's, or
    the row's where none names it. None for a post, or a comment that is not there."""
    comment = session.get(Comment, comment_id) if comment_id is not None else None
    if comment is None:
        return None
    return recorded_remote(session, comment) or ReplyRemote(comment.platform, comment.remote_id)
