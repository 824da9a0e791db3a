"""Publishing re-proves its approvals: the claim path asks `approvals_hold` before it
records any intent to publish. The rule itself is `policies.approval.prove_approvals`;
this module only gathers its evidence from the database and records a refusal.

A status column set to "approved" by hand, a vote whose audit record was removed or
forged without the audit key, an approver since removed from the policy, or an approver
who also wrote a revision: each leaves the post unpublished, with the refusal audited
and announced in chat.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from policies.approval import (
    MIN_REQUIRED,
    Proof,
    VoteEvidence,
    by_identity,
    prove_approvals,
    wrote_it,
)
from social_bot import audit, outbox, vote_seal, witness
from social_bot.audit_approvals import ROUND_BEGINS, VOIDS, begins_round
from social_bot.audit_key import AuditKeys
from social_bot.db.models import Approval, AuditRecord, Post, PostHold, Revision
from social_bot.domain import HoldKind, Status
from social_bot.logs import event

if TYPE_CHECKING:
    from social_bot.daemon.preflight import ClaimContext, Refusal

log = logging.getLogger("socialbot.publisher")


def writer_identities(post: Post) -> list[str]:
    """Everyone who wrote any revision: OS logins or verified chat ids (a typed name only
    for revisions recorded before writers were)."""
    writers: list[str] = []
    if post.author_os_user:
        writers.append(f"os:{post.author_os_user}")
    for revision in post.revisions:
        writers.append(revision.written_by or f"name:{revision.created_by}")
    return list(dict.fromkeys(writers))


VOTE_RECORDS = ("approval.recorded", "approval.sealed", *VOIDS)


def vote_evidence(session: Session, post: Post, revision: Revision) -> list[VoteEvidence]:
    # By revision number too: approval rows moved in the database would pass otherwise.
    records = audit.intact_revision_records(session, post.id, revision.number,
                                            revision.content_hash, VOTE_RECORDS)
    votes = session.scalars(select(Approval).where(Approval.revision_id == revision.id)
                            .order_by(Approval.ordinal))
    return votes_from(records, votes, post_id=post.id, revision=revision.number,
                      revision_hash=revision.content_hash,
                      public=vote_seal.session_public(session))


def votes_from(records: Iterable[AuditRecord], votes: Iterable[Approval], *, post_id: int,
               revision: int, revision_hash: str, public: Any) -> list[VoteEvidence]:
    """The revision's vote rows (by ordinal) with whether each has an intact record and the
    chat door's seal: from the revision's intact vote, seal and void records, in chain
    order."""
    intact: set[str] = set()
    sealed: set[str] = set()
    voided_at = None
    for r in records:
        if r.action in VOIDS:
            # Revoking an authorization (or its lapse) voided every vote cast before it: a
            # vote row put back in the database does not count again, though its record is
            # intact; nor does a record written since with a seal made before it (copied
            # from a voided vote: an attack re-review, session 49, finding B)
            intact.clear()
            sealed.clear()
            voided_at = r.at
        elif identity := (detail := json.loads(r.detail or "{}")).get("identity"):
            if r.action == "approval.recorded":
                intact.add(identity)
            # ... and only the chat door can seal a vote (vote_seal.py): one written with
            # the audit key and the database alone has no valid seal
            if vote_seal.holds(public, detail, post_id=post_id, revision=revision,
                               revision_hash=revision_hash, identity=identity,
                               kind="approve", after=voided_at):
                sealed.add(identity)
    return [VoteEvidence(v.identity, v.content_hash, v.identity in intact, v.approver,
                         sealed=v.identity in sealed)
            for v in votes]


@dataclass(frozen=True)
class Standing:
    """A revision's recorded votes re-checked under the policy in force now (the rule the
    publisher proves them by): who still counts, and why each other vote does not."""

    holding: tuple[str, ...]
    dropped: tuple[tuple[str, str], ...]  # (the name recorded with the vote, why)
    required: int

    @property
    def summary(self) -> str:
        """"1 of 2 approvals hold (Luis Ortega is no longer an approver)", or "" when every
        recorded vote still counts."""
        if not self.dropped:
            return ""
        why = "; ".join(f"{name} {reason}" for name, reason in self.dropped)
        return f"{len(self.holding)} of {self.required} approvals hold ({why})"

    def as_detail(self) -> dict[str, Any]:
        return {"approvals_holding": list(self.holding), "approvals_note": self.summary,
                "approvals_not_counted": [{"approver": n, "why": w} for n, w in self.dropped],
                "approvals_required": self.required}


def standing(session: Session, policy: object, post: Post, revision: Revision) -> Standing:
    """The current revision's votes as the publisher would count them now. Without an
    approval policy (a command that reads none) nothing can be re-checked: every recorded
    vote is shown as recorded."""
    votes = vote_evidence(session, post, revision)
    writers = all_writers(session, post) if getattr(policy, "approval", None) else []
    return standing_of(policy, revision, writers, votes)


def standing_of(policy: object, revision: Revision, writers: Sequence[str],
                votes: Sequence[VoteEvidence]) -> Standing:
    """`standing` from its evidence, without the database: the one and the many-posts path
    (`standings`) count by this, read from `prove_approvals`' Proof."""
    approval = getattr(policy, "approval", None)
    if approval is None:
        return Standing(tuple(dict.fromkeys(v.name for v in votes)), (), MIN_REQUIRED)
    proof = prove_approvals(approval, revision_hash=revision.content_hash,
                            writers=writers, votes=votes)
    return Standing(proof.approvers, tuple((name, str(why)) for name, why in proof.dropped),
                    proof.required)


def standings(session: Session, policy: object,
              current: Sequence[tuple[Post, Revision]]) -> dict[int, Standing]:
    """`standing` of many posts' current revisions, by post id, in two statements whatever
    their number (the vote rows; the posts' vote, revocation and writing records), where
    `standing` takes about four per post: `post list` re-proved each listed post alone,
    66 ms for 50 posts and about 1.3 s for 1,000 (a review, session 48). The posts come
    with their revisions loaded (`writer_identities` reads them all)."""
    if not current:
        return {}
    keys = audit.session_keys(session)
    public = vote_seal.session_public(session)
    by_revision: dict[int, list[Approval]] = {rev.id: [] for _, rev in current}
    for vote in session.scalars(select(Approval).where(
            Approval.revision_id.in_(list(by_revision)))
            .order_by(Approval.revision_id, Approval.ordinal)):
        by_revision[vote.revision_id].append(vote)
    by_post: dict[int, list[AuditRecord]] = {post.id: [] for post, _ in current}
    for record in session.scalars(select(AuditRecord).where(
            AuditRecord.post_id.in_(list(by_post)),
            AuditRecord.action.in_((*VOTE_RECORDS, *WRITES))).order_by(AuditRecord.seq)):
        by_post[record.post_id].append(record)
    out: dict[int, Standing] = {}
    for post, revision in current:
        records = by_post[post.id]
        # as audit.intact_revision_records selects them, and audited_writers
        on_revision = audit.of_revision(records, revision.number, revision.content_hash,
                                        VOTE_RECORDS, keys)
        writers = writers_of(post, writers_from([r for r in records if r.action in WRITES],
                                                keys)) \
            if getattr(policy, "approval", None) else []
        out[post.id] = standing_of(policy, revision, writers,
                                   votes_from(on_revision, by_revision[revision.id],
                                             post_id=post.id, revision=revision.number,
                                             revision_hash=revision.content_hash,
                                             public=public))
    return out


def approval_round(session: Session, post: Post, revision: Revision) -> int:
    """The round of approval this revision is in: how many intact records of the keyed trail
    moved it into pending_approval (the screen, publishing sending it back because its votes
    no longer hold, a finding cleared again). Its `post.approved` record carries it, and the
    index uq_audit_approval_round allows one per revision and round (session 49: one per
    approver left a post stuck after as many send-backs as there are approvers)."""
    keys = audit.session_keys(session)
    records = session.scalars(select(AuditRecord).where(
        AuditRecord.post_id == post.id, AuditRecord.revision == revision.number,
        AuditRecord.detail.contains(ROUND_BEGINS)))
    return sum(1 for r in records if begins_round(r.action, json.loads(r.detail or "{}"))
               and audit.record_intact(r, keys))


CONTENT_CHANGED = ("the revision's stored content no longer matches the hash its votes were "
                   "cast on (it was changed outside socialbot)")


UNVOUCHED = ("the revision's unkeyed hash is named by no intact audit record of its writing "
             "(its text and hash were changed outside socialbot)")


def _content_problem(session: Session, revision: Revision) -> str:
    """Why the stored content cannot be proven: changed, or keyed with a key we lack."""
    kid = revision.hash_key_id
    if kid is not None and revision.purged_at is None \
            and audit.session_keys(session).get(kid) is None:
        return (f"the revision's hash is keyed with audit key {kid}, which is not configured "
                "(a retired key? see SOCIALBOT_AUDIT_OLD_KEYS): its content cannot be proven")
    return CONTENT_CHANGED


WRITES = audit.WRITES


def audited_writers(session: Session, post: Post) -> list[str]:
    """The writers the keyed audit trail names (the OS login of every record that created
    or edited a revision): the `written_by` column alone can be changed by anyone with
    database access, which would let a writer approve their own post."""
    records = session.scalars(select(AuditRecord).where(
        AuditRecord.post_id == post.id, AuditRecord.action.in_(WRITES)))
    return writers_from(records, audit.session_keys(session))


def writers_from(records: Iterable[AuditRecord], keys: AuditKeys) -> list[str]:
    """The OS logins of these post.created / post.edited records whose MAC holds."""
    return [f"os:{r.os_user}" for r in records if r.os_user and audit.record_intact(r, keys)]


def all_writers(session: Session, post: Post) -> list[str]:
    """Everyone who wrote a revision, by identity: the revisions' writers and the ones the
    keyed trail names. The publisher's proof, its hold check and a release in chat count
    writers so, and must agree: a release chat let through and publishing refused left
    the post stuck (an outside review, session 47)."""
    return writers_of(post, audited_writers(session, post))


def writers_of(post: Post, audited: Iterable[str]) -> list[str]:
    """`all_writers` from the writers the keyed trail names (`writers_from`)."""
    return list(dict.fromkeys([*writer_identities(post), *audited]))


def keyed_cancellation(session: Session, post: Post) -> AuditRecord | None:
    """The intact `post.cancelled` record of this post, if any: a cancellation is final,
    whatever the status column says now."""
    keys = audit.session_keys(session)
    records = audit.post_records(session, post.id, AuditRecord.action == "post.cancelled")
    return next((r for r in records if audit.record_intact(r, keys)), None)


def superseding_edit(session: Session, post: Post, revision: Revision) -> AuditRecord | None:
    """The intact `post.edited` record of a later revision, if any: its writer withdrew this
    revision's words and voided its votes, whatever `posts.current_revision` says now."""
    keys = audit.session_keys(session)
    records = audit.post_records(session, post.id, AuditRecord.action == "post.edited",
                                 AuditRecord.revision > revision.number)
    return next((r for r in records if audit.record_intact(r, keys)), None)


def withdrawn(session: Session, post: Post, revision: Revision) -> str | None:
    """Why the keyed trail says these words were withdrawn, or None. Votes prove a
    revision was approved, not that it still stands: the rows that say it does (status,
    current revision) can be set back by anyone with database access."""
    if (cancelled := keyed_cancellation(session, post)) is not None:
        return (f"the post was cancelled (audit record #{cancelled.seq}); its status was set "
                "back outside socialbot")
    if (edit := superseding_edit(session, post, revision)) is not None:
        return (f"revision {revision.number} was replaced by revision {edit.revision} (audit "
                f"record #{edit.seq}); the post's current revision was set back outside "
                "socialbot")
    return trail_gap(session, post)


def trail_gap(session: Session, post: Post) -> str | None:
    """Why a gap in the trail since this post was created stops it, or None. The checks
    above (and the hold, delivery and published checks) trust the *absence* of a record: a
    cancellation, an edit, a hold, a withdrawal, a publish deleted from the database would
    otherwise let the post out again (an outside review, session 44, did it with a
    revocation; `audit.missing_after`). Records are numbered without gaps and never deleted,
    so any gap after the post's first record is someone's deletion. And every record since
    that first one must still be what was written (`audit.altered_since`): one relabelled
    in the database (its seq and MAC kept, its post_id or action changed) is a stop the
    checks above can no longer select, which counting never saw (session 52)."""
    first = session.scalar(select(func.min(AuditRecord.seq))
                           .where(AuditRecord.post_id == post.id))
    if first is None:
        return None  # no record at all: the votes' own check refuses it
    missing = audit.missing_after(session, first)
    if missing:
        return (f"{missing} audit record(s) written since this post was created are missing "
                "from the trail (removed in the database; `socialbot audit verify` names "
                "where): nothing is published while a record that could stop it may be gone. "
                "Restore the database from a backup, or cancel this post and queue it again "
                "(a post created after the gap publishes as usual)")
    # ... nor a record kept with its seq and MAC but relabelled (its post or action
    # changed): the checks above select by those columns and never saw it (session 52)
    if (altered := audit.altered_since(session, first)) is not None:
        return (f"audit record #{altered.seq} (now reading {altered.action}), written since "
                f"this post was created, was changed in the database: it {altered.problem}. "
                "Nothing is published while a record that could stop it may have been "
                "relabelled. Restore the database from a backup (`socialbot audit verify` "
                "names the record), or cancel this post and queue it again (a post created "
                "after that record publishes as usual)")
    return None


def prove(session: Session, policy: object, post: Post, revision: Revision,
          writers: list[str] | None = None) -> Proof:
    """``writers``: `all_writers` of the post, when the caller read them already."""
    approval = getattr(policy, "approval", None)
    writers = all_writers(session, post) if writers is None else writers
    proof = prove_approvals(approval, revision_hash=revision.content_hash,
                            writers=writers,
                            votes=vote_evidence(session, post, revision))
    # A purged revision's text is gone: nothing approved is left to publish.
    keys = audit.session_keys(session)
    if revision.purged_at is not None or not audit.stored_hash_holds(revision, keys):
        return Proof(False, proof.approvers, proof.required,
                     (*proof.problems, _content_problem(session, revision)))
    if not audit.unkeyed_hash_vouched(revision, keys):
        return Proof(False, proof.approvers, proof.required, (*proof.problems, UNVOUCHED))
    if (reason := withdrawn(session, post, revision)) is not None:
        return Proof(False, proof.approvers, proof.required, (*proof.problems, reason))
    # with [approval] os_witness: every writer as the OS witnessed it (witness.py)
    if (unproven := witness.problem(session, policy, post)) is not None:
        return Proof(False, proof.approvers, proof.required, (*proof.problems, unproven))
    return proof


HOLD_STARTS = ("post.held", "delivery.held")


def release_voters(session: Session, approval: Any, post: Post, revision: Revision,
                   since: AuditRecord) -> list[str]:
    """The approvers whose release votes on this revision count against the hold begun by
    record ``since``: an intact `hold.release_vote` record after it, sealed by the chat door
    (kind "release") after it, by someone on the list who wrote no revision. Unsealed votes
    (written with the audit key and the database alone, or before release votes were
    sealed) do not count (an attack re-review, session 49, finding A)."""
    records = audit.intact_revision_records(session, post.id, revision.number,
                                            revision.content_hash, ("hold.release_vote",))
    writers = all_writers(session, post)
    public = vote_seal.session_public(session)
    released: list[str] = []
    for r in records:
        if r.seq < since.seq:
            continue
        detail = json.loads(r.detail or "{}")
        identity = detail.get("identity") or ""
        who = by_identity(approval, identity) if approval is not None else None
        if who is None or who.name in released or any(wrote_it(who, w) for w in writers):
            continue
        if vote_seal.holds(public, detail, post_id=post.id, revision=revision.number,
                           revision_hash=revision.content_hash, identity=identity,
                           kind="release", after=since.at):
            released.append(who.name)
    return released


def hold_start(session: Session, post: Post, revision: Revision,
               actions: tuple[str, ...] = HOLD_STARTS) -> AuditRecord | None:
    """The last intact record of these that held this revision, or None."""
    records = audit.intact_revision_records(session, post.id, revision.number,
                                            revision.content_hash, actions)
    if "delivery.held" in actions:
        records = [r for r in records if r.action != "delivery.held" or
                   json.loads(r.detail or "{}").get("kind") == str(HoldKind.ACCOUNT)]
    return records[-1] if records else None


def unreleased_hold(session: Session, policy: object, post: Post,
                    revision: Revision) -> str | None:
    """Why this revision is still on hold, from the keyed audit trail, or None. A hold
    (`post.held`) ends only with sealed release votes by `required` distinct eligible
    approvers recorded after it (`release_voters`); the status column alone, set back to
    "approved" in the database, does not end it."""
    approval = getattr(policy, "approval", None)
    last = hold_start(session, post, revision, ("post.held",))
    if last is None:
        return None
    released = release_voters(session, approval, post, revision, last)
    required = getattr(approval, "required", 2)
    if len(released) >= required:
        return None
    return (f"held by {last.actor} and not released ({len(released)} of {required} "
            "release votes sealed by the chat door)")


def _platform_records(session: Session, post: Post, platform: str,
                      actions: tuple[str, ...]) -> list[tuple[AuditRecord, dict]]:
    """This post's intact records of these actions that name ``platform``, in chain order."""
    keys = audit.session_keys(session)
    out = []
    for record in audit.post_records(session, post.id, AuditRecord.action.in_(actions)):
        detail = json.loads(record.detail or "{}") if isinstance(record.detail, str) \
            else dict(record.detail or {})
        named = detail.get("platform") == platform or platform in (detail.get("platforms")
                                                                     or ())
        if named and audit.record_intact(record, keys):
            out.append((record, detail))
    return out


def delivery_stopped(session: Session, post: Post, revision: Revision, platform: str,
                     policy: object) -> str | None:
    """Why the keyed trail says this one delivery must not go out, or None: a person
    withdrew it (`post.withdrawn`), or an account change held it (`delivery.held`, kind
    account) and no release by the approvers followed (`delivery.released`, kind account,
    with the sealed release votes of the ``policy``'s required approvers after the hold).
    The delivery row alone, set back to `retry` in the database, does not undo either (a
    code review, session 43), nor a release record written without the votes (session 49)."""
    records = _platform_records(session, post, platform,
                                ("post.withdrawn", "delivery.held", "delivery.released"))
    for record, _ in records:
        if record.action == "post.withdrawn":
            return (f"{platform} was withdrawn from this post (audit record #{record.seq}); "
                    "its delivery was set back outside socialbot")
    open_hold: AuditRecord | None = None
    approval = getattr(policy, "approval", None)
    required = getattr(approval, "required", 2)
    for record, detail in records:
        if detail.get("kind") != str(HoldKind.ACCOUNT):
            continue
        if record.action == "delivery.held":
            open_hold = record
        elif open_hold is not None and len(release_voters(
                session, approval, post, revision, open_hold)) >= required:
            open_hold = None
    if open_hold is not None:
        return (f"{platform} was held when its account changed (audit record "
                f"#{open_hold.seq}) and two approvers have not released it")
    return None


def _reopen_hold(session: Session, post: Post, revision: Revision, held: str) -> None:
    """The hold row of this revision open again, so `/socialbot release` takes votes for it
    (a released row left the post "held, not on hold": only `post cancel` was left), and
    the approvers told in chat: a restored hold was silent (an outside review, session 47)."""
    row = session.scalars(select(PostHold).where(
        PostHold.post_id == post.id, PostHold.content_hash == revision.content_hash)
        .order_by(PostHold.id.desc())).first()
    if row is not None:
        row.released_at = None
    outbox.add(session, outbox.PostHeld(
        post_id=post.id, revision=revision.number, actor="socialbot",
        reason=f"publishing refused the release ({held.split('(')[-1].rstrip(')')}); "
               "the release votes of anyone who wrote a revision or left the approver "
               "list do not count"))


def refused_for(ctx: ClaimContext, problem: str) -> None:
    """Audit and log one publish-time refusal with a single problem."""
    post, revision = ctx.post, ctx.revision
    audit.append(ctx.session, actor=ctx.actor, action="publish.refused", post_id=post.id,
                 revision=revision.number, revision_hash=revision.content_hash,
                 detail={"platform": ctx.platform, "problems": [problem],
                         "status_was": post.status})
    event(log, "publish.refused", logging.WARNING, post_id=post.id, platform=ctx.platform,
          reason=problem)


def approvals_check(ctx: ClaimContext) -> Refusal | None:
    """The preflight check (social_bot/daemon/preflight.py). When the current revision's
    approvals do not prove out, the refusal is audited and announced in this (the claim's)
    transaction, and then:
    - an approved post goes back to waiting for approval (None is returned; the claim sees
      the post is no longer claimable and stops): new votes can complete it;
    - a delivery of a post already partly published fails with the reason."""
    from social_bot.daemon.decide import Action
    from social_bot.daemon.preflight import Refusal
    from social_bot.policy_audit import note_policy
    from social_bot.posts import cancel_with_deliveries, set_status

    session, post, revision = ctx.session, ctx.post, ctx.revision
    in_force = ctx.app.policy  # read once: the proof and the holds answer to one policy
    if (stopped := delivery_stopped(session, post, revision, ctx.platform, in_force)) is not None:
        refused_for(ctx, stopped)
        return Refusal(Action.FAIL, f"publishing refused: {stopped}", "withdrawn")
    note_policy(ctx.app, session, in_force, ctx.actor)
    proof = prove(session, in_force, post, revision)
    if proof.ok:
        held = unreleased_hold(session, in_force, post, revision)
        if held is None:
            return None
        refused_for(ctx, held)
        if post.status == Status.APPROVED:
            set_status(session, post, Status.HELD, actor=ctx.actor, action="post.hold_restored",
                       reason=f"publishing refused: {held}")
            _reopen_hold(session, post, revision, held)
            return None
        return Refusal(Action.FAIL, f"publishing refused: {held}", "hold")
    reason = f"publishing refused: {proof.reason}"
    audit.append(session, actor=ctx.actor, action="publish.refused", post_id=post.id,
                 revision=revision.number, revision_hash=revision.content_hash,
                 detail={"platform": ctx.platform, "approvers": list(proof.approvers),
                         "required": proof.required, "problems": list(proof.problems),
                         "status_was": post.status})
    outbox.add(session, outbox.PostPublishRefused(
        post_id=post.id, revision=revision.number, revision_hash=revision.content_hash,
        problems=proof.problems or (proof.reason,)))
    event(log, "publish.refused", logging.WARNING, post_id=post.id, platform=ctx.platform,
          reason=reason)
    if post.status == Status.APPROVED and keyed_cancellation(session, post) is not None:
        # Back to what the trail says (not to waiting for votes, which could start again).
        cancel_with_deliveries(session, post, actor=ctx.actor, action="post.cancel_restored",
                               reason=reason)
        return None
    if post.status == Status.APPROVED:
        set_status(session, post, Status.PENDING_APPROVAL, actor=ctx.actor,
                   action="post.approval_withdrawn", reason=reason)
        return None
    return Refusal(Action.FAIL, reason, "approvals")
