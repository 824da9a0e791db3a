"""Approve and reject: the only way a post becomes publishable.

The identity is the one a chat platform verified (the chat endpoint supplies it); the
two-person rule itself lives in policies/approval.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError

from policies.approval import (
    HOLDS_AGAIN,
    ApprovalPolicy,
    Approver,
    Void,
    find_approver,
    holds_again,
)
from policies.approval import check_vote as rule_check_vote
from social_bot import audit, events, vote_seal, witness
from social_bot.app import App
from social_bot.approval_proof import all_writers, approval_round, prove
from social_bot.db.models import Approval, Revision
from social_bot.domain import Status, check_votable
from social_bot.errors import Refused
from social_bot.policy_audit import note_policy
from social_bot.posts import current_revision, hidden_in_revision, lock_post, set_status


@dataclass(frozen=True)
class VerifiedIdentity:
    """A user id as verified by a chat platform (signature or token checked)."""

    provider: str  # "slack" | "mattermost"
    user_id: str

    @property
    def label(self) -> str:
        return f"{self.provider}:{self.user_id}"


@dataclass(frozen=True)
class VoteOutcome:
    post_id: int
    status: str
    approvals: list[str]
    required: int
    approver: str
    approved_now: bool = False
    revision: int = 0
    revision_hash: str = ""


def resolve_approver(app: App, identity: VerifiedIdentity) -> Approver | None:
    return approver_under(app.policy.require_approval(), identity)


def approver_under(policy: ApprovalPolicy, identity: VerifiedIdentity) -> Approver | None:
    if identity.provider == "slack":
        return find_approver(policy, slack_id=identity.user_id)
    if identity.provider == "mattermost":
        return find_approver(policy, mattermost_id=identity.user_id)
    return None


def _refuse(app: App, identity: VerifiedIdentity, post_id: int, action: str, reason: str,
            actor: str | None) -> Refused:
    """Record the refused attempt in its own transaction, and return the error to raise."""
    with app.db.write() as session:
        audit.append(session, actor=actor or identity.label, action=f"{action}.refused",
                     post_id=post_id, detail={"identity": identity.label, "reason": reason})
    return Refused(reason)


def _vote_problem(post, revision, shown_hash: str | None,  # noqa: ANN001
                  keys: audit.AuditKeys | None = None) -> str | None:
    """Why no vote may be cast on this post now (state, or a stale revision), or None.
    ``keys``: an approval's, whose revision's stored content must hold its hash (a
    rejection needs no proof of what it ends)."""
    try:
        check_votable(post.status)
    except Refused as exc:
        return str(exc)
    if shown_hash and shown_hash != revision.content_hash:
        return (f"post {post.id} changed since you saw it: it is now revision "
                f"{revision.number}; review the new text before voting")
    if keys is not None and not (audit.stored_hash_holds(revision, keys)
                                 and audit.unkeyed_hash_vouched(revision, keys)):
        # the vote names `content_hash`; a column changed in the database (to the hash of
        # the revision the approvers read) must not collect it (session 50, second attack
        # review, finding 4): the publisher refuses such a revision, and so does the vote
        return (f"post {post.id}'s revision {revision.number} is not what its hash says (it "
                "was changed outside socialbot); nothing was counted")
    return None


def _record_destinations(app: App, post: object) -> None:
    """Where each platform posts at the moment of the approval (the organization, Page or
    X account the daemon's credentials name), so that a later change of account, by
    `socialbot connect` or by the daemon's environment, holds the post for the approvers at
    its claim (daemon/preflight_account.py) instead of sending it where nobody approved it.
    Nothing is recorded where no account watch runs (approvals outside the daemon)."""
    from social_bot.daemon.preflight_account import destination_now

    for delivery in getattr(post, "deliveries", ()):
        where = destination_now(app, delivery.platform)
        if where is not None:
            delivery.account = where


def approve(app: App, identity: VerifiedIdentity, post_id: int,
            shown_hash: str | None = None) -> VoteOutcome:
    """Count one verified approver's vote on the current revision.

    ``shown_hash`` is the revision the approver saw (chat buttons carry it): if the post
    changed since, the vote is refused rather than applied to text nobody read.
    """
    # One reading of the policy for the whole vote: a reload between two readings had
    # checked the voter against one approver list and counted earlier votes under another
    in_force = app.policy
    policy = in_force.require_approval()
    approver = approver_under(policy, identity)
    keys = vote_seal.app_keys(app)
    outcome: VoteOutcome | None = None
    # the writers' witness files, read before the write lock is taken (witness.gather)
    files = witness.gather(app.settings, keys, post_id) if approver is not None else []
    spent: list[str] = []
    try:
        with app.db.write() as session:
            post = lock_post(session, post_id)
            revision = current_revision(post)
            note_policy(app, session, in_force, approver.name if approver else identity.label)
            # Only the chat door seals votes (vote_seal.py): elsewhere none is taken
            door_refusal = vote_seal.door_problem(keys)
            if door_refusal is None and approver is not None:
                # the writers' files in the witness folder, sealed as the OS says who wrote
                spent = witness.collect(session, app.settings, keys, post, in_force, files)
            # The votes that count are the ones the publisher will accept (the same rule,
            # policies.approval.prove_approvals): a row without its intact audit record, or
            # by someone no longer listed, neither counts nor blocks a real vote.
            # The writers as the publisher counts them (the revisions' columns and the keyed
            # trail): judged by the columns alone, an author who rewrote them in the
            # database had her own vote sealed and was told it counted (session 52's attack
            # review, finding 5); the publisher refused it later
            writers = all_writers(session, post)
            proof = prove(session, in_force, post, revision, writers)
            earlier = list(proof.approvers)
            # ... and the trail of the vote says which recorded votes did not count, and why
            # (an approver removed from the policy: publishing withdrew the approval)
            void = {"not_counted": list(proof.problems)} if proof.problems else {}
            # Someone not on the list learns nothing about the post, not even its state.
            refusal = None if approver else "you are not on the approver list for this practice"
            refusal = refusal or door_refusal or _vote_problem(post, revision, shown_hash,
                                                                 audit.session_keys(session))
            # a revision stored before the door refused data carriers (session 50, F3)
            refusal = refusal or hidden_in_revision(post.id, revision)  # approver set here
            # a writer the OS did not witness may be anyone's name (session 52, finding 1)
            refusal = refusal or witness.problem(session, in_force, post)
            if refusal is None and approver is not None:
                # a dismissal resting on an authorization no longer in force: no vote
                from social_bot.dismissals import refuse_lapsed

                refusal = refuse_lapsed(session, post, revision, actor=approver.name,
                                        identity=identity.label, verb="approved")
            if refusal is None and proof.ok:
                # Waiting, yet the votes recorded already prove it (publishing sent it back
                # when they did not): no vote to add; approved again, saying why
                verdict = holds_again(policy, approver, holding=earlier, writers=writers)
                refusal = None if verdict.allowed else verdict.reason
            elif refusal is None:
                verdict = rule_check_vote(policy, approver, writers=writers,
                                          earlier_votes=earlier)
                refusal = None if verdict.allowed else verdict.reason
            if refusal is None and approver is not None and verdict.again:
                # The destinations recorded with the first approval stay: the votes that
                # count were cast for those accounts, not for where the daemon posts now
                set_status(session, post, Status.APPROVED, actor=approver.name,
                           action="post.approved",
                           detail={"approvers": earlier, "why": HOLDS_AGAIN,
                                   "identity": identity.label, **void},
                           approval_round=approval_round(session, post, revision))
                outcome = VoteOutcome(post.id, post.status, earlier, policy.required,
                                      approver.name, True, revision.number,
                                      revision.content_hash)
            elif refusal is None and approver is not None:
                sealed = seal_detail(keys, post.id, revision, identity, "approve")
                unsealed = next((a for a in revision.approvals
                                 if a.identity == identity.label
                                 and (a.approver, Void.UNSEALED) in proof.dropped), None)
                if unsealed is not None:
                    # A vote recorded before votes were sealed (or never by the door): the
                    # approver approves again, and the door seals that row's vote
                    audit.append(session, actor=approver.name, action="approval.sealed",
                                 post_id=post.id, revision=revision.number,
                                 revision_hash=revision.content_hash,
                                 detail={"identity": identity.label,
                                         "ordinal": unsealed.ordinal, **sealed, **void})
                else:
                    ordinal = len(revision.approvals) + 1
                    session.add(Approval(post_id=post.id, revision_id=revision.id,
                                         content_hash=revision.content_hash,
                                         approver=approver.name, identity=identity.label,
                                         ordinal=ordinal))
                    session.flush()
                    audit.append(session, actor=approver.name, action="approval.recorded",
                                 post_id=post.id, revision=revision.number,
                                 revision_hash=revision.content_hash,
                                 detail={"identity": identity.label, "ordinal": ordinal,
                                         **sealed, **void})
                if verdict.completes:
                    _record_destinations(app, post)
                    set_status(session, post, Status.APPROVED, actor=approver.name,
                               action="post.approved",
                               detail={"approvers": [*earlier, approver.name], **void},
                               approval_round=approval_round(session, post, revision))
                outcome = VoteOutcome(post.id, post.status, [*earlier, approver.name],
                                      policy.required, approver.name, verdict.completes,
                                      revision.number, revision.content_hash)
        witness.remove(app.settings, spent)  # their seals are committed: the files are spent
    except IntegrityError:
        # The constraints caught a race the row lock did not (one vote per person and
        # revision, one `post.approved` per revision and round): the other vote won; nothing
        # was written here.
        refusal = "this vote was already counted"
    if outcome is None:
        raise _refuse(app, identity, post_id, "approval", refusal or "refused",
                      approver.name if approver else None)
    if outcome.approved_now:
        events.emit("post_approved", post_id=post_id)
    return outcome


def seal_detail(keys: vote_seal.VoteKeys, post_id: int, revision: Revision,
                identity: VerifiedIdentity, kind: str) -> dict[str, object]:
    """The door's seal for an audit record's detail ({} only where no vote is taken)."""
    made = vote_seal.seal(keys, post_id=post_id, revision=revision.number,
                          revision_hash=revision.content_hash, identity=identity.label,
                          kind=kind)
    return {"seal": made.as_detail()} if made is not None else {}


def reject(app: App, identity: VerifiedIdentity, post_id: int, reason: str,
           shown_hash: str | None = None) -> VoteOutcome:
    """A listed approver (not the author) ends the post, with a reason."""
    in_force = app.policy
    policy = in_force.require_approval()
    approver = approver_under(policy, identity)
    reason = " ".join(reason.split())
    keys = vote_seal.app_keys(app)
    outcome: VoteOutcome | None = None
    with app.db.write() as session:
        post = lock_post(session, post_id)
        revision = current_revision(post)
        note_policy(app, session, in_force, approver.name if approver else identity.label)
        refusal = None if approver else "you are not on the approver list for this practice"
        refusal = refusal or vote_seal.door_problem(keys)
        refusal = refusal or (None if reason else "give a reason for the rejection")
        refusal = refusal or _vote_problem(post, revision, shown_hash)
        if refusal is None:
            verdict = rule_check_vote(policy, approver, writers=all_writers(session, post),
                                      earlier_votes=[])
            refusal = None if verdict.allowed else verdict.reason
        if refusal is None and approver is not None:
            set_status(session, post, Status.REJECTED, actor=approver.name,
                       action="post.rejected", reason=reason,
                       detail={"identity": identity.label, "reason": reason,
                               **seal_detail(keys, post.id, revision, identity,
                                             "reject")})
            outcome = VoteOutcome(post.id, post.status, [a.approver for a in revision.approvals],
                                  policy.required, approver.name, False, revision.number,
                                  revision.content_hash)
    if outcome is None:
        raise _refuse(app, identity, post_id, "rejection", refusal or "refused",
                      approver.name if approver else None)
    return outcome
