"""`audit verify`: rows that aim an approved post elsewhere than its approval said.

The publisher refuses each at the claim (publish_gate); verify names them by ids, so the
compliance officer learns of the edit before (or without) a claim. Only posts not yet
settled are read: a published, failed, rejected or cancelled post goes nowhere more, and a
comment edited on X (a new platform id) cancels its replies first (posts.withdraw_replies).
Two queries, one row per waiting reply or delivery.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from social_bot.db.models import Comment, Delivery, Post, Revision
from social_bot.domain import FINAL, DeliveryStatus

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

_OPEN = [str(s) for s in FINAL]
_UNSENT = [str(DeliveryStatus.PENDING), str(DeliveryStatus.RETRY), str(DeliveryStatus.HELD)]
_CURRENT = (Revision.post_id == Post.id) & (Revision.number == Post.current_revision)


def moved_replies(session: Session) -> list[str]:
    """Each unsettled reply whose post row names another comment than its current revision
    was approved for, or whose approved comment's row names another platform id than the
    revision (an attack re-review, session 49, finding D: `comments.remote_id` swapped)."""
    rows = session.execute(
        select(Post.id, Post.reply_to_comment_id, Revision.reply_to_comment_id,
               Revision.reply_to_platform, Revision.reply_to_remote_id,
               Comment.platform, Comment.remote_id)
        .join(Revision, _CURRENT)
        .outerjoin(Comment, Comment.id == Revision.reply_to_comment_id)
        .where(Revision.reply_to_comment_id.is_not(None), Post.status.not_in(_OPEN))
        .order_by(Post.id))
    found = []
    for post, named, approved, platform, remote, now_platform, now in rows:
        if named != approved:
            found.append(f"reply post {post} was approved to answer comment {approved}, and the "
                         f"post row now names comment {named} (changed in the database)")
        elif remote is not None and (platform, remote) != (now_platform, now):
            found.append(f"reply post {post} was approved to answer {platform} comment {remote} "
                         f"(comment {approved}), and that row now names {now} on "
                         f"{now_platform} (changed in the database)")
    return found


def early_deliveries(session: Session) -> list[str]:
    """Each delivery not yet sent whose due time is before the schedule its post's current
    revision was approved for (session 49, finding 4: `deliveries.due_at` moved earlier).
    `posts._sync_deliveries` is the one writer of `due_at`, and it copies the schedule."""
    rows = session.execute(
        select(Delivery.id, Delivery.post_id, Delivery.due_at, Revision.scheduled_at)
        .join(Post, Post.id == Delivery.post_id)
        .join(Revision, _CURRENT)
        .where(Revision.scheduled_at.is_not(None), Delivery.status.in_(_UNSENT),
               Post.status.not_in(_OPEN))
        .order_by(Delivery.id))
    return [f"delivery {delivery} of post {post} is due before the schedule its current "
            "revision was approved for (a due time changed in the database)"
            for delivery, post, due, scheduled in rows
            if due is None or due < scheduled]
