"""Hold and release: stop an approved post before it is published, and let it go again.

One eligible approver may hold (stopping is always safe). Releasing takes the same
two-person rule as approving: two distinct approvers on the current policy's list, none of
them the author or the writer of any revision. Release votes are bound to the held
revision; an edit while held starts approval over (the post leaves ``held``).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from policies.approval import Approver, is_author
from policies.approval import check_vote as rule_check_vote
from social_bot import audit, outbox
from social_bot.app import App
from social_bot.approvals import VerifiedIdentity, resolve_approver
from social_bot.db.models import HoldRelease, Post, PostHold, utcnow
from social_bot.domain import Status
from social_bot.errors import Refused
from social_bot.posts import current_revision, lock_post, set_status


@dataclass(frozen=True)
class HoldOutcome:
    post_id: int
    status: str
    released_by: list[str]
    required: int
    released_now: bool = False


def _eligibility(app: App, approver: Approver | None, post: Post,
                 earlier: list[str]) -> str | None:
    """Why this approver may not act on this post's hold, or None."""
    policy = app.policy.require_approval()
    verdict = rule_check_vote(policy, approver, author=post.author,
                              author_os_user=post.author_os_user, earlier_votes=earlier)
    if not verdict.allowed:
        return verdict.reason.replace("approve", "release").replace("approved", "released")
    assert approver is not None
    if any(is_author(approver, r.created_by, None) for r in post.revisions):
        return "someone who wrote a revision of a post cannot release it"
    return None


def _refuse(app: App, identity: VerifiedIdentity, post_id: int, action: str,
            reason: str, actor: str | None) -> Refused:
    with app.db.write() as session:
        audit.append(session, actor=actor or identity.label, action=f"{action}.refused",
                     post_id=post_id, detail={"identity": identity.label, "reason": reason})
    return Refused(reason)


def hold(app: App, identity: VerifiedIdentity, post_id: int, reason: str) -> None:
    """Stop an approved post (screened ``reason``); refused unless it is approved."""
    approver = resolve_approver(app, identity)
    refusal = None if approver else "you are not on the approver list for this practice"
    if refusal is None:
        assert approver is not None
        with app.db.write() as session:
            post = lock_post(session, post_id)
            if post.status != Status.APPROVED:
                refusal = (f"post {post_id} is {post.status}: only an approved post that has "
                           "not started publishing can be held")
            else:
                revision = current_revision(post)
                session.add(PostHold(post_id=post.id, revision=revision.number,
                                     content_hash=revision.content_hash, held_by=approver.name,
                                     identity=identity.label, reason=reason, held_at=utcnow()))
                set_status(session, post, Status.HELD, actor=approver.name, action="post.held",
                           reason=reason or None,
                           detail={"identity": identity.label, "reason": reason})
                outbox.add(session, outbox.PostHeld(post_id=post.id, revision=revision.number,
                                                    actor=approver.name, reason=reason))
                return
    raise _refuse(app, identity, post_id, "hold", refusal, approver.name if approver else None)


def release(app: App, identity: VerifiedIdentity, post_id: int) -> HoldOutcome:
    """One approver's vote to release a held post; the second distinct one releases it."""
    policy = app.policy.require_approval()
    approver = resolve_approver(app, identity)
    outcome: HoldOutcome | None = None
    refusal: str | None = None
    try:
        with app.db.write() as session:
            post = lock_post(session, post_id)
            held = session.scalars(
                select(PostHold).where(PostHold.post_id == post.id,
                                       PostHold.released_at.is_(None))
                .order_by(PostHold.id.desc())).first()
            revision = current_revision(post)
            if post.status != Status.HELD or held is None \
                    or held.content_hash != revision.content_hash:
                refusal = f"post {post_id} is {post.status}, not on hold"
            else:
                votes = list(session.scalars(select(HoldRelease).where(
                    HoldRelease.hold_id == held.id).order_by(HoldRelease.id)))
                # Votes count only while their person is still an approver on the policy.
                earlier = []
                for vote in votes:
                    provider, _, user_id = vote.identity.partition(":")
                    still = resolve_approver(app, VerifiedIdentity(provider, user_id))
                    if still is not None and still.name not in earlier:
                        earlier.append(still.name)
                refusal = _eligibility(app, approver, post, earlier)
                if refusal is None:
                    assert approver is not None
                    session.add(HoldRelease(hold_id=held.id, approver=approver.name,
                                            identity=identity.label, created_at=utcnow()))
                    session.flush()
                    names = [*earlier, approver.name]
                    audit.append(session, actor=approver.name, action="hold.release_vote",
                                 post_id=post.id, revision=revision.number,
                                 revision_hash=revision.content_hash,
                                 detail={"identity": identity.label, "hold": held.id,
                                         "votes": len(names)})
                    done = len(names) >= policy.required
                    if done:
                        held.released_at = utcnow()
                        set_status(session, post, Status.APPROVED, actor=approver.name,
                                   action="post.released", detail={"released_by": names})
                        outbox.add(session, outbox.PostReleased(
                            post_id=post.id, revision=revision.number, actors=tuple(names)))
                    outcome = HoldOutcome(post.id, post.status, names, policy.required, done)
    except IntegrityError:
        refusal = "your release vote was already counted"
    if outcome is None:
        raise _refuse(app, identity, post_id, "release", refusal or "refused",
                      approver.name if approver else None)
    if outcome.released_now:
        from social_bot import events

        events.emit("post_approved", post_id=post_id)
    return outcome
