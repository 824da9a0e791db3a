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
from sqlalchemy.orm import Session

from policies.approval import ApprovalPolicy, Approver, wrote_it
from policies.approval import check_vote as rule_check_vote
from social_bot import audit, outbox, vote_seal
from social_bot.app import App
from social_bot.approval_proof import all_writers, hold_start, release_voters
from social_bot.approvals import VerifiedIdentity, approver_under, seal_detail
from social_bot.db.models import Delivery, HoldRelease, Post, PostHold, utcnow
from social_bot.domain import DeliveryStatus, HoldKind, Status
from social_bot.errors import Refused
from social_bot.policy_audit import note_policy
from social_bot.posts import current_revision, lock_post, set_status


@dataclass(frozen=True)
class HoldOutcome:
    post_id: int
    status: str
    released_by: list[str]
    required: int
    released_now: bool = False


def _eligibility(policy: ApprovalPolicy, approver: Approver | None, writers: list[str],
                 earlier: list[str]) -> str | None:
    """Why this approver may not act on this post's hold, or None."""
    verdict = rule_check_vote(policy, approver, writers=writers, earlier_votes=earlier)
    if not verdict.allowed:
        if approver is not None and any(wrote_it(approver, w) for w in writers):
            return "the author of a post, or anyone who edited it, cannot release it"
        return verdict.reason.replace("approve", "release").replace("approved", "released")
    return None


def _refuse(app: App, identity: VerifiedIdentity, post_id: int, action: str,
            reason: str, actor: str | None) -> Refused:
    with app.db.write() as session:
        audit.append(session, actor=actor or identity.label, action=f"{action}.refused",
                     post_id=post_id, detail={"identity": identity.label, "reason": reason})
    return Refused(reason)


def hold(app: App, identity: VerifiedIdentity, post_id: int, reason: str) -> None:
    """Stop an approved post (screened ``reason``); refused unless it is approved."""
    in_force = app.policy  # read once, and named in the trail as a vote's is
    approver = approver_under(in_force.require_approval(), identity)
    refusal = None if approver else "you are not on the approver list for this practice"
    if refusal is None:
        assert approver is not None
        with app.db.write() as session:
            post = lock_post(session, post_id)
            note_policy(app, session, in_force, approver.name)
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
    in_force = app.policy  # one reading for the voter, the earlier votes and the rule
    policy = in_force.require_approval()
    approver = approver_under(policy, identity)
    keys = vote_seal.app_keys(app)
    outcome: HoldOutcome | None = None
    refusal: str | None = None
    try:
        with app.db.write() as session:
            post = lock_post(session, post_id)
            note_policy(app, session, in_force, approver.name if approver else identity.label)
            held = session.scalars(
                select(PostHold).where(PostHold.post_id == post.id,
                                       PostHold.released_at.is_(None))
                .order_by(PostHold.id.desc())).first()
            revision = current_revision(post)
            start = hold_start(session, post, revision)
            # Only the chat door seals votes (vote_seal.py): elsewhere no release is taken,
            # as no approval is (an attack re-review, session 49, finding A)
            door_refusal = vote_seal.door_problem(keys) if approver is not None else None
            if door_refusal is not None:
                refusal = door_refusal
            elif not _held(post) or held is None or start is None \
                    or held.content_hash != revision.content_hash:
                refusal = f"post {post_id} is {post.status}, not on hold"
            else:
                # Votes count only when the door sealed them after this hold began, while
                # their person is still an approver on the policy and wrote no revision (the
                # publisher counts them so: approval_proof.release_voters).
                writers = all_writers(session, post)
                earlier = release_voters(session, policy, post, revision, start)
                refusal = _eligibility(policy, approver, writers, earlier)
                if refusal is None and approver is not None and post.status == Status.HELD:
                    from social_bot.dismissals import refuse_lapsed

                    refusal = refuse_lapsed(session, post, revision, actor=approver.name,
                                            identity=identity.label, verb="released")
                if refusal is None:
                    assert approver is not None
                    # A row of this person's may be there already without a sealed vote
                    # (written before release votes were sealed, or outside the door): the
                    # door seals their vote now, one row per person and hold stays
                    if session.scalars(select(HoldRelease.id).where(
                            HoldRelease.hold_id == held.id,
                            HoldRelease.approver == approver.name)).first() is None:
                        session.add(HoldRelease(hold_id=held.id, approver=approver.name,
                                                identity=identity.label, created_at=utcnow()))
                        session.flush()
                    names = [*earlier, approver.name]
                    audit.append(session, actor=approver.name, action="hold.release_vote",
                                 post_id=post.id, revision=revision.number,
                                 revision_hash=revision.content_hash,
                                 detail={"identity": identity.label, "hold": held.id,
                                         "votes": len(names),
                                         **seal_detail(keys, post.id, revision, identity,
                                                       "release")})
                    done = len(names) >= policy.required
                    if done:
                        held.released_at = utcnow()
                        if post.status == Status.HELD:
                            set_status(session, post, Status.APPROVED, actor=approver.name,
                                       action="post.released", detail={"released_by": names})
                        _release_deliveries(session, post, approver.name, names)
                        # an account change: approved for the new account. Only that
                        # hold: a release of a late hold (preflight_late) had cleared the
                        # account each delivery was approved for, and a Page switched
                        # meanwhile went unasked (a re-read, session 56)
                        if held.held_by == SYSTEM and held.identity == ACCOUNT_HOLD:
                            _forget_destinations(post)
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


# The account holds (a `socialbot connect` to another account) are made by socialbot itself.
SYSTEM = "socialbot"
# Deliveries that may still go out, and the holds an account change replaces: a reconnect or
# a restart would release these by themselves, to the new account.
_WAITING = (DeliveryStatus.PENDING, DeliveryStatus.RETRY, DeliveryStatus.HELD)
_REPLACED_KINDS = (None, HoldKind.AUTH, HoldKind.CONFIG, HoldKind.CREDITS)
_UNDER_WAY = (Status.PUBLISHING, Status.PARTIALLY_PUBLISHED)


def _held(post: Post) -> bool:
    """On hold for approvers: the whole post, or (part of it out already) its deliveries
    held for an account change."""
    return post.status == Status.HELD or post.status in _UNDER_WAY and any(
        d.status == DeliveryStatus.HELD and d.hold_kind == HoldKind.ACCOUNT
        for d in post.deliveries)


def _forget_destinations(post: Post) -> None:
    """The approvers released a hold socialbot made for an account change: what still waits
    goes to the account in force now (daemon/preflight_account.py reads the recorded one)."""
    for delivery in post.deliveries:
        if delivery.status in _WAITING:
            delivery.account = None


def _release_deliveries(session: Session, post: Post, actor: str, names: list[str]) -> None:
    """Deliveries held for an account change go back in the queue with the post's release."""
    revision = current_revision(post)
    for delivery in post.deliveries:
        if delivery.status == DeliveryStatus.HELD and delivery.hold_kind == HoldKind.ACCOUNT:
            delivery.status = DeliveryStatus.RETRY
            delivery.hold_kind = None
            delivery.next_attempt_at = None
            # the approvers checked the old account: it goes to the one in force now
            # (preflight_account holds a delivery recorded for another account)
            delivery.account = None
            audit.append(session, actor=actor, action="delivery.released", post_id=post.id,
                         revision=revision.number, revision_hash=revision.content_hash,
                         detail={"platform": delivery.platform, "kind": str(HoldKind.ACCOUNT),
                                 "released_by": names})


def hold_for_account(app: App, platform: str, reason: str, *, actor: str,
                     os_user: str | None) -> list[int]:
    """Hold every post still to go out on `platform`, whose account is about to change:
    approvers approved it for the old one. A post not yet under way is held whole (as an
    approver's `/socialbot hold`); one already out elsewhere has its `platform` delivery held
    (HoldKind.ACCOUNT). Either way two approvers release it with `/socialbot release ID`.
    Returns the ids of the posts held."""
    stmt = (select(Delivery.post_id).join(Post, Post.id == Delivery.post_id)
            .where(Delivery.platform == platform,
                   Delivery.status.in_([str(s) for s in _WAITING]),
                   Post.status.in_([str(s) for s in (Status.APPROVED, Status.HELD,
                                                       *_UNDER_WAY)]))
            .order_by(Delivery.post_id))
    with app.db.read() as session:
        post_ids = list(session.scalars(stmt))
    held: list[int] = []
    for post_id in post_ids:
        with app.db.write() as session:
            post = lock_post(session, post_id)  # then the delivery: the order every writer uses
            delivery = session.scalars(select(Delivery).where(
                Delivery.post_id == post_id, Delivery.platform == platform)
                .with_for_update()).one()
            if _hold_one(session, post, delivery, reason, actor, os_user):
                held.append(post_id)
    return held


ACCOUNT_HOLD = f"{SYSTEM}:connect"


def add_system_hold(session: Session, post: Post, reason: str,
                    identity: str = ACCOUNT_HOLD) -> None:
    """The hold two approvers release (`/socialbot release`), made by socialbot itself for an
    account change: at `socialbot connect`, or when a delivery sent to the old account comes
    back to be checked or sent again (daemon/preflight_account.py); or, with another
    ``identity``, for an approval past its lifetime (daemon/preflight_late.py)."""
    revision = current_revision(post)
    session.add(PostHold(post_id=post.id, revision=revision.number,
                         content_hash=revision.content_hash, held_by=SYSTEM,
                         identity=identity, reason=reason, held_at=utcnow()))


def _hold_one(session: Session, post: Post, delivery: Delivery, reason: str, actor: str,
              os_user: str | None) -> bool:
    waiting = delivery.status in (DeliveryStatus.PENDING, DeliveryStatus.RETRY) or (
        delivery.status == DeliveryStatus.HELD and delivery.hold_kind in _REPLACED_KINDS)
    if not waiting or post.status not in (Status.APPROVED, Status.HELD, *_UNDER_WAY):
        return False  # it moved on since it was read
    revision = current_revision(post)
    what = f"{reason}; two approvers release it with `/socialbot release {post.id}`"
    add_system_hold(session, post, reason)
    detail = {"identity": f"{SYSTEM}:connect", "reason": what, "platform": delivery.platform}
    if post.status == Status.APPROVED:
        set_status(session, post, Status.HELD, actor=actor, os_user=os_user,
                   action="post.held", reason=what, detail=detail)
    elif post.status == Status.HELD:  # already held by an approver: this hold comes on top
        audit.append(session, actor=actor, os_user=os_user, action="post.held",
                     post_id=post.id, revision=revision.number,
                     revision_hash=revision.content_hash, detail=detail)
    else:  # part of it is out already: only this platform's delivery waits
        delivery.status = DeliveryStatus.HELD
        delivery.hold_kind = str(HoldKind.ACCOUNT)
        delivery.last_error = what
        delivery.next_attempt_at = None
        audit.append(session, actor=actor, os_user=os_user, action="delivery.held",
                     post_id=post.id, revision=revision.number,
                     revision_hash=revision.content_hash,
                     detail={**detail, "kind": str(HoldKind.ACCOUNT)})
    outbox.add(session, outbox.PostHeld(post_id=post.id, revision=revision.number,
                                        actor=SYSTEM, reason=reason))
    return True
