"""Retention for comments: a settled comment does not keep its words and author for ever.

A comment the classifier flagged as PHI (or anything else) kept its full text and the
commenter's name in every state, deleted included (an outside review, session 43). Now a
comment that is settled (see ``settled``) loses its text and author's name once its post's
monitoring window plus ``[retention] comments_days`` has passed (the daemon checks hourly),
or at once with ``socialbot comments purge ID``. What stays: ids (ours and the platform's),
the state, the flags' names and scores (their reasons quote the words, so they go), and a
keyed digest of the text, so that reading the same comment again on the platform is not
taken for a new or edited one. A comment still waiting for a person is never purged: the
person needs its words to decide. Each purge is audited with ids and counts only.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from social_bot import audit
from social_bot.app import App
from social_bot.audit_key import AuditKeys
from social_bot.chat.typed import trace
from social_bot.db.models import Comment, Delivery, utcnow
from social_bot.domain import IN_REVIEW, CommentState
from social_bot.errors import NotFound, UserError
from social_bot.posts import Staff, as_policy_names

log = logging.getLogger(__name__)

BATCH = 500  # comments per retention pass; the next hourly pass takes the rest


@dataclass(frozen=True)
class CommentsPurged:
    post_id: int
    comment_ids: tuple[int, ...]
    scrub_note: str | None = None  # why old copies of the text may still be on disk


def settled(state: str, resolved: bool) -> bool:
    """Nothing waits for a person: a comment nothing flagged, or one a person decided
    (kept, hidden, deleted), or one the platform says is gone. A comment flagged, waiting
    for the policy's hide, or hidden by the policy alone still waits."""
    return CommentState(state) not in IN_REVIEW or resolved


def _settled_clause():  # noqa: ANN202 - a SQLAlchemy expression
    return or_(Comment.state.not_in([str(s) for s in IN_REVIEW]),
               Comment.resolved_at.is_not(None))


def text_digest(keys: AuditKeys, text: str) -> str:
    """What a purged comment keeps of its words: the key's id and the keyed digest."""
    return f"{keys.current_id}:{trace(keys.current, text).digest}"


def reads_the_same(keys: AuditKeys, comment: Comment, text: str) -> bool:
    """Whether ``text`` (the comment read again from the platform) is what was stored: the
    text itself, or for a purged comment its digest. A digest under a key no longer held
    counts as the same: the words are not stored again on a guess."""
    if comment.purged_at is None:
        return comment.text == text
    kid, _, digest = (comment.text_digest or "").partition(":")
    key = keys.get(kid)
    if key is None:
        return True
    return trace(key, text).digest == digest


def _purge_rows(session: Session, rows: list[Comment], now: datetime) -> None:
    keys = audit.session_keys(session)
    for row in rows:
        row.text_digest = text_digest(keys, row.text)
        row.text = ""
        row.author = ""
        # the flags' reasons quote the comment's words; the names and scores stay
        row.flags = [{k: v for k, v in f.items() if k != "reason"} for f in row.flags or []]
        row.purged_at = now


def _audit(session: Session, post_id: int, rows: list[Comment], actor: str,
           os_user: str | None, why: str) -> None:
    audit.append(session, actor=actor, os_user=os_user, action="comments.purged",
                 post_id=post_id,
                 detail={"comment_ids": sorted(r.id for r in rows), "comments": len(rows),
                         "states": dict(sorted(Counter(r.state for r in rows).items())),
                         "why": why})


def purge_comment(app: App, comment_id: int, staff: Staff) -> CommentsPurged:
    """`socialbot comments purge ID`: empty one settled comment's text and author now."""
    staff = as_policy_names(app, staff)
    with app.db.write() as session:
        row = session.execute(
            select(Comment).where(Comment.id == comment_id).with_for_update()
        ).scalar_one_or_none()
        if row is None:
            raise NotFound(f"no comment with id {comment_id}")
        if row.purged_at is not None:
            raise UserError(f"comment {comment_id} is already purged: nothing to purge")
        if not settled(row.state, row.resolved_at is not None):
            raise UserError(f"comment {comment_id} is {row.state} and waits for a person's "
                          f"decision: resolve it first (`socialbot comments resolve "
                          f"{comment_id} --action keep|hide|delete`), then purge it")
        _purge_rows(session, [row], utcnow())
        _audit(session, row.post_id, [row], staff.name, staff.os_user, "asked")
        post_id = row.post_id
    return CommentsPurged(post_id, (comment_id,), app.db.scrub(("comments",)))


def purge_expired_comments(app: App, now: datetime | None = None) -> list[CommentsPurged]:
    """The retention pass: settled comments on posts whose monitoring window ended more
    than ``[retention] comments_days`` ago (the policy's window: a platform's shorter cap
    only stops polling sooner, so this is never early)."""
    days = app.policy.retention.comments_days
    if not days:
        return []
    now = now or utcnow()
    cutoff = now - timedelta(days=app.policy.moderation.monitor_days + days)
    due = (select(Comment.id, Comment.post_id)
           .join(Delivery, Delivery.id == Comment.delivery_id)
           .where(and_(Comment.purged_at.is_(None), Delivery.published_at.is_not(None),
                       Delivery.published_at < cutoff, _settled_clause()))
           .order_by(Comment.id).limit(BATCH))
    with app.db.read() as session:
        by_post: dict[int, list[int]] = {}
        for comment_id, post_id in session.execute(due):
            by_post.setdefault(post_id, []).append(comment_id)
    done: list[CommentsPurged] = []
    why = f"retention: {days} days after the monitoring window"
    for post_id, ids in by_post.items():
        with app.db.write() as session:
            # checked again under the lock: a poll or a person may have acted meanwhile
            rows = [r for r in session.scalars(
                        select(Comment).where(Comment.id.in_(ids)).with_for_update())
                    if r.purged_at is None and settled(r.state, r.resolved_at is not None)]
            if not rows:
                continue
            _purge_rows(session, rows, now)
            _audit(session, post_id, rows, "retention", None, why)
        done.append(CommentsPurged(post_id, tuple(sorted(r.id for r in rows))))
    if done and (note := app.db.scrub(("comments",))) is not None:
        log.warning("after the comment retention purge: %s", note)
        done = [CommentsPurged(d.post_id, d.comment_ids, note) for d in done]
    return done
