"""Publish-time check: an approval does not stay good for ever.

An approved post went out however late: approved for "this Saturday", it was published 120
days later when the daemon ran again, with no new vote and no notice (an outside attack,
session 56, T3). The claim checked "not before the approved time", never "not long after".

An approval is good ``[approval] publish_within_days`` days (14 by default) after the
latest of: the approved schedule (the delivery's due time), the last vote on the current
revision, and the last release from a hold (two approvers looked at it again then). Past
that:

- a post nothing of which went out is put on hold by socialbot, with a notice in chat
  that says when it was approved for and what time it is now; two approvers release it
  (`/socialbot release ID`, which counts as their approval again) or someone cancels it;
- the rest of a post already under way (one platform out weeks ago, another held for its
  token since) fails with the same words: what went out stays, the rest is not sent
  unasked.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from social_bot import outbox
from social_bot.daemon.decide import Action
from social_bot.db.models import Approval, PostHold
from social_bot.domain import Status

if TYPE_CHECKING:
    from social_bot.daemon.preflight import ClaimContext, Refusal

SYSTEM_IDENTITY = "socialbot:late"


def _aware(moment: datetime | None) -> datetime | None:
    from datetime import UTC

    if moment is None:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def approved_since(ctx: ClaimContext) -> datetime | None:
    """The moment the approval of this delivery is counted from (see the module's doc)."""
    session, post, revision = ctx.session, ctx.post, ctx.revision
    last_vote = session.scalar(select(func.max(Approval.created_at)).where(
        Approval.post_id == post.id, Approval.revision_id == revision.id))
    released = session.scalar(select(func.max(PostHold.released_at)).where(
        PostHold.post_id == post.id))
    moments = [m for m in map(_aware, (ctx.delivery.due_at, last_vote, released)) if m]
    return max(moments, default=None)


def late_reason(ctx: ClaimContext, since: datetime, within: int) -> str:
    from social_bot.timefmt import show_time

    zone = ctx.app.settings.timezone
    return (f"post {ctx.post.id} was approved for {show_time(since, zone)}, and it is now "
            f"{show_time(ctx.now, zone)}: an approval is good for {within} day(s) "
            "([approval] publish_within_days), so it was not published unasked")


def late_check(ctx: ClaimContext) -> Refusal | None:
    from social_bot.daemon.preflight import Refusal
    from social_bot.holds import SYSTEM, add_system_hold
    from social_bot.posts import set_status

    within = ctx.app.policy.require_approval().publish_within_days
    since = approved_since(ctx)
    if since is None or ctx.now <= since + timedelta(days=within):
        return None
    reason = late_reason(ctx, since, within)
    if ctx.post.status == Status.APPROVED:
        what = (f"{reason}; two approvers publish it with `/socialbot release {ctx.post.id}` "
                "(after reading it again), or cancel it")
        add_system_hold(ctx.session, ctx.post, what, identity=SYSTEM_IDENTITY)
        set_status(ctx.session, ctx.post, Status.HELD, actor=SYSTEM, action="post.held",
                   reason=what, detail={"identity": SYSTEM_IDENTITY, "reason": what,
                                        "platform": ctx.platform})
        outbox.add(ctx.session, outbox.PostHeld(post_id=ctx.post.id,
                                                revision=ctx.revision.number, actor=SYSTEM,
                                                reason=what))
        return None  # the post is held: the claim stops (preflight.first_refusal)
    return Refusal(Action.FAIL, f"{reason}; what went out stays, the rest is not sent: make a "
                   "new post if it is still wanted", "late")
