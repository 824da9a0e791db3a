"""Claiming a delivery and recording what became of it: every database transaction of the
publisher lives here (the network calls and the decisions do not).

The protocol (docs/daemon.md explains why it holds):
1. Claim in one short transaction: lock the post row, then the delivery row (SKIP LOCKED),
   re-check both, run the publish-time checks (social_bot.daemon.preflight), set the delivery
   `attempting` (attempts+1, claimed_by/at, content marker), audit the intent, move the post
   to `publishing`. COMMIT before any network.
2. The publisher calls the platform; the outcome is recorded here in a new transaction, as
   social_bot.daemon.decide said: published, retry, hold, in doubt (reconcile) or failed.

Lock order everywhere is post -> delivery -> audit head, the same as cancel/edit/approve,
so claims never deadlock with staff actions.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from adapters.base import PermanentError, RemotePost, content_marker
from social_bot import audit, metrics, outbox
from social_bot.accounts.identity import same_account
from social_bot.daemon import preflight
from social_bot.daemon.decide import Action, Decision, RetryPolicy
from social_bot.daemon.pacing import PlatformWorker
from social_bot.daemon.preflight_account import destination_now
from social_bot.db.models import AuditRecord, Comment, Delivery, Post, Revision
from social_bot.domain import (
    CommentState,
    DeliveryStatus,
    HoldKind,
    Status,
    overall_delivery_status,
)
from social_bot.logs import event
from social_bot.posts import answered, current_revision, lock_post, set_status

if TYPE_CHECKING:
    from policies.phi.answering import Answered

log = logging.getLogger("socialbot.publisher")

# A post whose deliveries may be claimed.
CLAIMABLE = (Status.APPROVED, Status.PUBLISHING, Status.PARTIALLY_PUBLISHED)
WAITING = (DeliveryStatus.PENDING, DeliveryStatus.RETRY)
SETTLED = (DeliveryStatus.PUBLISHED, DeliveryStatus.FAILED, DeliveryStatus.CANCELLED)
# held deliveries released per transaction (release_holds): each locks its post and writes a
# record under the chain head, so one transaction must not hold them for thousands
RELEASE_CHUNK = 100


@dataclass(frozen=True)
class Candidate:
    """A delivery that looked due when read (to be re-checked under the locks)."""

    delivery_id: int
    post_id: int
    platform: str
    revision: int
    text: str
    is_reply: bool = False
    alts: tuple[str, ...] = ()  # each image's alt text, re-screened with the text
    # a reply's comment as stored now, read with the reply (posts.answered)
    answering: str | Answered | None = None


@dataclass(frozen=True)
class Attempt:
    """A claimed delivery: the intent is committed, the platform call may begin."""

    delivery_id: int
    post_id: int
    platform: str
    text: str
    media: tuple[Path, ...]
    attempts: int
    claimed_at: datetime
    # For a reply post: (remote id of our published post, remote id of the comment).
    reply_to: tuple[str, str] | None = None
    # The approved hash of each image, re-checked just before upload.
    media_hashes: tuple[str, ...] = ()
    media_alts: tuple[str, ...] = ()  # each image's alt text ("" for none)
    # The authorizations the claimed revision's dismissals cite, and the first of their
    # expiries: the fence before each request checks them again (session 52, finding 7)
    consents: tuple[int, ...] = ()
    consents_expire: datetime | None = None


@dataclass
class LaneResult:
    platform: str
    published: int = 0
    failed: int = 0
    retried: int = 0
    in_doubt: int = 0
    reconciled: int = 0
    blocked: int = 0
    held: int = 0
    errors: list[str] = field(default_factory=list)


class DeliveryBook(PlatformWorker):
    """The publisher's transactions: read what is due, claim, record each outcome."""

    @property
    def retry_policy(self) -> RetryPolicy:
        return RetryPolicy(self.config.retry_base, self.config.retry_cap,
                           self.config.max_attempts)

    @property
    def doubted_here(self) -> set[int]:
        """The deliveries this process left in doubt: its own attempts, to check at once
        (the reconciler; a worker id alone may be another live process's). Only those, so
        the set stays small in a daemon that runs for months."""
        return self.__dict__.setdefault("_doubted_here", set())

    # -- reading -------------------------------------------------------------------------

    def due(self, platform: str) -> list[Candidate]:
        now = self.clock()
        stmt = (
            select(Delivery.id, Delivery.post_id, Post.current_revision, Revision.text,
                   Post.reply_to_comment_id, Revision.media, Comment.text.label("answering"),
                   Comment.author.label("answering_author"),
                   Comment.flags.label("answering_flags"))
            .join(Post, Post.id == Delivery.post_id)
            .join(Revision, (Revision.post_id == Post.id)
                  & (Revision.number == Post.current_revision))
            .outerjoin(Comment, Comment.id == Post.reply_to_comment_id)
            .where(
                Delivery.platform == platform,
                Delivery.status.in_([str(s) for s in WAITING]),
                Post.status.in_([str(s) for s in CLAIMABLE]),
                or_(Delivery.due_at.is_(None), Delivery.due_at <= now),
                or_(Delivery.next_attempt_at.is_(None), Delivery.next_attempt_at <= now),
            )
            .order_by(Delivery.id)
            .limit(self.config.batch)
        )
        with self.app.db.read() as session:
            return [Candidate(row.id, row.post_id, platform, row.current_revision, row.text,
                              row.reply_to_comment_id is not None,
                              tuple(m.get("alt") or "" for m in row.media or ()),
                              answered(row.answering, row.answering_author,
                                       row.answering_flags))
                    for row in session.execute(stmt)]

    def queue_depth(self, platform: str) -> int:
        stmt = (
            select(func.count(Delivery.id))
            .join(Post, Post.id == Delivery.post_id)
            .where(
                Delivery.platform == platform,
                Delivery.status.in_([*map(str, WAITING), str(DeliveryStatus.ATTEMPTING)]),
                Post.status.in_([str(s) for s in CLAIMABLE]),
            )
        )
        with self.app.db.read() as session:
            return int(session.execute(stmt).scalar_one())

    # -- the claim -----------------------------------------------------------------------

    def claim(self, candidate: Candidate) -> Attempt | None:
        """Record the intent to publish and commit it, or None if someone else got there
        (or a publish-time check refused it: then the delivery is held or failed)."""
        now = self.clock()
        refusal: preflight.Refusal | None = None
        with self.app.db.write() as session:
            if self.stopping():  # a stop asked for during the screen: claim nothing new
                return None
            post = lock_post(session, candidate.post_id)
            if post.status not in CLAIMABLE or post.current_revision != candidate.revision:
                return None
            delivery = _lock_delivery(session, candidate.delivery_id)
            if delivery is None or delivery.status not in WAITING or not _is_due(delivery, now):
                return None
            revision = current_revision(post)
            if (revision.text != candidate.text or tuple(
                    m.get("alt") or "" for m in revision.media or ()) != candidate.alts):
                # not the words the screen just read (`due`, another transaction): a
                # database writer's decoy while it read them, the real words back for the
                # proof, published what the screen in force blocks (reread C, session 54).
                # The next pass screens what the row holds then.
                event(log, "delivery.screened_text_changed", logging.WARNING,
                      post_id=candidate.post_id, platform=candidate.platform)
                return None
            try:
                reply_to = _reply_target(session, post, delivery.platform,
                                         destination_now(self.app, delivery.platform))
            except PermanentError as exc:
                refusal = preflight.Refusal(Action.FAIL, exc.reason, "reply_target")
            else:
                # The publish-time checks: see social_bot/daemon/preflight.py to add one.
                refusal = preflight.first_refusal(preflight.ClaimContext(
                    self.app, session, post, revision, delivery, delivery.platform, now,
                    self.actor))
            if refusal is None and post.status not in CLAIMABLE:
                return None  # a check withdrew the post (its approvals did not prove out)
            if refusal is None:
                attempt = self._claim_delivery(session, post, revision, delivery, now, reply_to)
        if refusal is not None:
            self._refused(candidate, refusal)
            return None
        event(log, "delivery.claimed", post_id=attempt.post_id, platform=attempt.platform,
              attempt=attempt.attempts, worker=self.worker_id)
        return attempt

    def _refused(self, candidate: Candidate, refusal: preflight.Refusal) -> None:
        event(log, "delivery.refused_at_claim", logging.WARNING, post_id=candidate.post_id,
              platform=candidate.platform, check=refusal.check, action=str(refusal.action))
        if refusal.action == Action.HOLD:
            self.hold(candidate.delivery_id, refusal.reason, refusal.hold_kind)
        else:
            self.fail(candidate.delivery_id, refusal.reason)

    def _claim_delivery(self, session: Session, post: Post, revision: Revision,
                        delivery: Delivery, now: datetime,
                        reply_to: tuple[str, str] | None) -> Attempt:
        """Inside the claim transaction: mark the attempt and audit the intent."""
        delivery.status = DeliveryStatus.ATTEMPTING
        delivery.attempts += 1
        delivery.claimed_by = self.worker_id
        delivery.claimed_at = now
        delivery.next_attempt_at = None
        delivery.published_hash = content_marker(revision.text)
        # the account the adapters publish to now (None without an account watch)
        delivery.account = destination_now(self.app, delivery.platform)
        audit.append(session, actor=self.actor, action="delivery.attempting",
                     post_id=post.id, revision=revision.number,
                     revision_hash=revision.content_hash,
                     detail={"platform": delivery.platform, "attempt": delivery.attempts,
                             **({"account": delivery.account} if delivery.account else {})})
        if post.status == Status.APPROVED:
            set_status(session, post, Status.PUBLISHING, actor=self.actor,
                       action="post.publishing")
        cited = [f.dismissal.consent for f in revision.findings
                 if f.dismissal is not None and f.dismissal.consent is not None]
        return Attempt(delivery.id, post.id, delivery.platform, revision.text,
                       tuple(Path(m["path"]) for m in revision.media), delivery.attempts, now,
                       reply_to, tuple(m["sha256"] for m in revision.media),
                       tuple(m.get("alt") or "" for m in revision.media),
                       tuple(sorted({c.id for c in cited})),
                       min((c.expires_at for c in cited), default=None))

    def claim_current(self, attempt: Attempt) -> bool:
        """True if the claim is still this attempt's (`fence_read`)."""
        return self.fence_read(attempt)[0]

    def fence_read(self, attempt: Attempt) -> tuple[bool, bool]:
        """(the claim is still this attempt's, an authorization it rests on may have
        lapsed since the claim), by autocommit reads: no BEGIN, no COMMIT and no lock, so
        nothing but Python runs between the rows' answer and the request's first byte
        (publisher.publish's fence). A False first answer is confirmed and audited by
        claim_lost, a True second one judged by `lapsed_since_claim`. An attempt whose
        revision rests on no authorization reads the delivery row alone."""
        from social_bot.consents import revocation_seen

        engine = self.app.db.engine
        columns = [Delivery.status, Delivery.attempts]
        if attempt.consents:  # the same round trip: one more column
            columns.append(revocation_seen(engine.dialect.name, attempt.consents)
                           .label("revoked"))
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            row = conn.execute(select(*columns)
                               .where(Delivery.id == attempt.delivery_id)).one_or_none()
        mine = (row is not None and row.status == DeliveryStatus.ATTEMPTING
                and row.attempts == attempt.attempts)
        if not mine or not attempt.consents:
            return mine, False
        expired = (attempt.consents_expire is not None
                   and attempt.consents_expire <= self.clock())
        return True, expired or bool(row.revoked)

    def lapsed_since_claim(self, attempt: Attempt) -> str | None:
        """Why the claimed revision no longer goes out because an authorization it rests
        on was revoked or expired since the claim, judged as the claim judged it
        (publish_gate.lapsed_reason: the rows and the keyed trail), or None."""
        from social_bot.publish_gate import lapsed_reason

        with self.app.db.read() as session:
            post = session.get(Post, attempt.post_id)
            if post is None:
                return None
            lapsed = lapsed_reason(session, post, current_revision(post), self.clock())
        return None if lapsed is None else lapsed[1]

    def claim_lost(self, attempt: Attempt) -> bool:
        """True if the claim is no longer this attempt's, checked just before the platform
        call. A daemon stopped past its lease (SIGSTOP, a paused VM) had its attempt checked
        and published by another daemon; resumed, it sent its request too and the post went
        out twice (an outside review, session 44). Its request is not sent: audited as
        delivery.claim_lost."""
        with self.app.db.write() as session:
            post = lock_post(session, attempt.post_id)
            delivery = _lock_delivery(session, attempt.delivery_id, skip_locked=False)
            if _still_mine(delivery, attempt.attempts):
                return False
            if delivery is None:
                return True
            revision = current_revision(post)
            audit.append(session, actor=self.actor, action="delivery.claim_lost",
                         post_id=post.id, revision=revision.number,
                         revision_hash=revision.content_hash,
                         detail={"platform": delivery.platform, "attempt": attempt.attempts,
                                 "now": {"status": str(delivery.status),
                                         "attempt": delivery.attempts,
                                         "claimed_by": delivery.claimed_by}})
        event(log, "delivery.claim_lost", logging.WARNING, post_id=attempt.post_id,
              platform=attempt.platform, attempt=attempt.attempts, worker=self.worker_id)
        return True

    # -- carrying out a decision ---------------------------------------------------------

    def apply(self, attempt: Attempt, decision: Decision, result: LaneResult) -> None:
        """Record what social_bot.daemon.decide said (RECONCILE with check_now is the
        caller's: it needs the platform)."""
        if decision.pause is not None:
            self._pause(attempt.platform, decision.pause)
        if decision.action == Action.FAIL:
            self.fail(attempt.delivery_id, decision.reason)
            result.failed += 1
        elif decision.action == Action.HOLD:
            self.hold(attempt.delivery_id, decision.reason,
                      HoldKind(decision.hold_kind or HoldKind.CONFIG))
            result.held += 1
        elif decision.action == Action.RETRY and decision.metric == "not_found":
            self._requeue_not_found(attempt)
        elif decision.action == Action.RETRY:
            self._retry(attempt, decision.reason, decision.delay, decision.metric, result)
        else:
            self._in_doubt(attempt.delivery_id, attempt.attempts, decision.reason,
                           decision.delay)
            result.in_doubt += 1

    def _pause(self, platform: str, seconds: float) -> None:
        self.pauses.pause(platform, seconds)
        event(log, "platform.paused", platform=platform, seconds=round(seconds, 1))

    # -- recording outcomes --------------------------------------------------------------

    def record_published(self, attempt: Attempt, remote: RemotePost, how: str) -> None:
        with self.app.db.write() as session:
            post = lock_post(session, attempt.post_id)
            delivery = _lock_delivery(session, attempt.delivery_id, skip_locked=False)
            assert delivery is not None
            if delivery.status == DeliveryStatus.PUBLISHED:
                if delivery.remote_id != remote.id:
                    # Two copies are live: a log line alone reached nobody (session 44's
                    # fault review). Audited and told in chat so a person deletes one.
                    revision = current_revision(post)
                    audit.append(session, actor=self.actor, action="delivery.duplicate",
                                 post_id=post.id, revision=revision.number,
                                 revision_hash=revision.content_hash,
                                 detail={"platform": delivery.platform,
                                         "remote_id": remote.id, "url": remote.url,
                                         "kept_remote_id": delivery.remote_id})
                    outbox.add(session, outbox.DeliveryDuplicate(
                        post_id=post.id, platform=delivery.platform,
                        kept_remote_id=delivery.remote_id or "", remote_id=remote.id,
                        url=remote.url or ""))
                    event(log, "delivery.duplicate", logging.ERROR, post_id=post.id,
                          platform=delivery.platform, remote_id=remote.id,
                          recorded_remote_id=delivery.remote_id)
                return
            delivery.status = DeliveryStatus.PUBLISHED
            delivery.remote_id = remote.id
            delivery.url = remote.url
            delivery.published_at = self.clock()
            delivery.last_error = None
            delivery.hold_kind = None
            delivery.next_attempt_at = None
            revision = current_revision(post)
            audit.append(session, actor=self.actor, action="delivery.published",
                         post_id=post.id, revision=revision.number,
                         revision_hash=revision.content_hash,
                         detail={"platform": delivery.platform, "remote_id": remote.id,
                                 "url": remote.url, "attempts": delivery.attempts, "how": how,
                                 **({"account": delivery.account} if delivery.account
                                    else {})})
            self._settle_post(session, post)
        metrics.PUBLISHED.labels(attempt.platform).inc()
        event(log, "delivery.published", post_id=attempt.post_id, platform=attempt.platform,
              remote_id=remote.id, how=how, attempts=attempt.attempts)

    def fail(self, delivery_id: int, reason: str) -> None:
        """Stop one delivery for good, with the reason, audited and announced in chat."""
        with self.app.db.write() as session:
            post, delivery = _lock_post_and_delivery(session, delivery_id)
            if delivery.status in SETTLED:
                return
            delivery.status = DeliveryStatus.FAILED
            delivery.last_error = reason
            delivery.hold_kind = None
            delivery.next_attempt_at = None
            revision = current_revision(post)
            audit.append(session, actor=self.actor, action="delivery.failed", post_id=post.id,
                         revision=revision.number, revision_hash=revision.content_hash,
                         detail={"platform": delivery.platform, "reason": reason,
                                 "attempts": delivery.attempts})
            outbox.add(session, outbox.DeliveryFailed(
                post_id=post.id, platform=delivery.platform, reason=reason,
                attempts=delivery.attempts))
            self._settle_post(session, post)
            platform, post_id = delivery.platform, post.id
        metrics.FAILED.labels(platform).inc()
        event(log, "delivery.failed", logging.WARNING, post_id=post_id, platform=platform,
              reason=reason)

    def hold(self, delivery_id: int, reason: str, kind: HoldKind) -> None:
        """Keep one delivery out of the queue until a person acts (see HoldKind): audited
        and announced in chat with the reason, which says what to do."""
        with self.app.db.write() as session:
            post, delivery = _lock_post_and_delivery(session, delivery_id)
            if delivery.status in SETTLED or delivery.status == DeliveryStatus.HELD:
                return
            delivery.status = DeliveryStatus.HELD
            delivery.hold_kind = str(kind)
            delivery.last_error = reason
            # spent credits may be bought at any time and nothing tells us: a held delivery
            # gets a new try after credits_retry (release_holds' due_by); other holds wait
            # for a person
            delivery.next_attempt_at = (
                self.clock() + timedelta(seconds=self.config.credits_retry)
                if kind == HoldKind.CREDITS else None)
            if kind == HoldKind.ACCOUNT:  # only two approvers release it
                from social_bot.holds import add_system_hold

                add_system_hold(session, post, reason)
            revision = current_revision(post)
            # a new try of a credits hold (hourly, and at each start) that met 402 again
            # was told again: one chat line per held post per hour (review, session 44)
            again = kind == HoldKind.CREDITS and _credits_retry(session, post, delivery)
            audit.append(session, actor=self.actor, action="delivery.held", post_id=post.id,
                         revision=revision.number, revision_hash=revision.content_hash,
                         detail={"platform": delivery.platform, "reason": reason,
                                 "kind": str(kind), "attempts": delivery.attempts})
            if not again:
                outbox.add(session, outbox.DeliveryHeld(
                    post_id=post.id, platform=delivery.platform, reason=reason,
                    hold_kind=str(kind)))
            self._settle_post(session, post)
            platform, post_id = delivery.platform, post.id
        event(log, "delivery.held", logging.WARNING, post_id=post_id, platform=platform,
              kind=str(kind), reason=reason)

    def _retry(self, attempt: Attempt, reason: str, delay: float, kind: str,
               result: LaneResult) -> None:
        with self.app.db.write() as session:
            post = lock_post(session, attempt.post_id)
            delivery = _lock_delivery(session, attempt.delivery_id, skip_locked=False)
            if not _still_mine(delivery, attempt.attempts):
                return
            delivery.status = DeliveryStatus.RETRY
            delivery.next_attempt_at = self.clock() + timedelta(seconds=delay)
            delivery.last_error = reason
            revision = current_revision(post)
            audit.append(session, actor=self.actor, action="delivery.retry", post_id=post.id,
                         revision=revision.number, revision_hash=revision.content_hash,
                         detail={"platform": delivery.platform, "reason": reason,
                                 "attempt": delivery.attempts, "delay_s": round(delay, 2)})
        metrics.RETRIES.labels(attempt.platform, kind).inc()
        result.retried += 1
        event(log, "delivery.retry", post_id=attempt.post_id, platform=attempt.platform,
              reason=reason, delay_s=round(delay, 2), attempt=attempt.attempts)

    def _requeue_not_found(self, attempt: Attempt) -> None:
        """The platform has no trace of the attempt: it is safe to publish again, at once."""
        with self.app.db.write() as session:
            post = lock_post(session, attempt.post_id)
            delivery = _lock_delivery(session, attempt.delivery_id, skip_locked=False)
            if not _still_mine(delivery, attempt.attempts):
                return
            delivery.status = DeliveryStatus.RETRY
            delivery.next_attempt_at = None
            revision = current_revision(post)
            audit.append(session, actor=self.actor, action="delivery.reconciled",
                         post_id=post.id, revision=revision.number,
                         revision_hash=revision.content_hash,
                         detail={"platform": delivery.platform, "found": False,
                                 "attempt": attempt.attempts,
                                 "claimed_by": delivery.claimed_by})
        metrics.RETRIES.labels(attempt.platform, "not_found").inc()
        event(log, "delivery.reconciled", post_id=attempt.post_id, platform=attempt.platform,
              found=False, attempt=attempt.attempts)

    def _in_doubt(self, delivery_id: int, attempts: int, reason: str, delay: float) -> None:
        """Keep the delivery `attempting` (so nothing publishes it) until it is reconciled."""
        with self.app.db.write() as session:
            delivery = _lock_delivery(session, delivery_id, skip_locked=False)
            if not _still_mine(delivery, attempts):
                return
            delivery.next_attempt_at = self.clock() + timedelta(seconds=delay)
            delivery.last_error = f"in doubt, to be checked on the platform: {reason}"
            self.doubted_here.add(delivery_id)
            platform, post_id = delivery.platform, delivery.post_id
        event(log, "delivery.in_doubt", logging.WARNING, post_id=post_id, platform=platform,
              reason=reason, check_in_s=round(delay, 2))

    def _settle_post(self, session: Session, post: Post) -> None:
        statuses = [d.status for d in post.deliveries if d.status != DeliveryStatus.CANCELLED]
        target = overall_delivery_status(statuses)
        if post.status == Status.APPROVED:
            # A failure before anything was claimed: the post starts publishing to end it.
            set_status(session, post, Status.PUBLISHING, actor=self.actor,
                       action="post.publishing")
        if target != post.status:
            set_status(session, post, target, actor=self.actor, action=f"post.{target}")


def release_holds(app: object, platform: str, kinds: tuple[HoldKind, ...], *,
                  actor: str, due_by: datetime | None = None) -> int:
    """Put held deliveries of one platform back in the queue (their next attempt is due at
    once): `socialbot connect` releases HoldKind.AUTH, a daemon start HoldKind.CONFIG (its
    settings may have changed), the housekeeping HoldKind.CREDITS whose new try is due by
    `due_by`. Returns how many were released.

    At most RELEASE_CHUNK a transaction: before (an outside review, session 46) all of
    them were released in one, which held the chain head, and on SQLite the write lock, for
    all of them: 1,000 credits holds come due together took 8.5 s with every lane, approval
    and poll waiting (bench/held_pass.py)."""
    released = 0
    wanted = [Delivery.platform == platform, Delivery.status == DeliveryStatus.HELD,
              Delivery.hold_kind.in_([str(k) for k in kinds])]
    if due_by is not None:
        wanted.append(Delivery.next_attempt_at <= due_by)
    after = 0
    while True:
        # a delivery passed over stays passed over (post ids only grow): each chunk moves on
        done, after = _release_chunk(app, platform, kinds, wanted, due_by, actor, after)
        released += done
        if after is None:
            break
    if released:
        event(log, "delivery.released", platform=platform, count=released,
              kinds=[str(k) for k in kinds])
    return released


def _release_chunk(app: object, platform: str, kinds: tuple[HoldKind, ...], wanted: list,
                   due_by: datetime | None, actor: str, after: int
                   ) -> tuple[int, int | None]:
    """Release up to RELEASE_CHUNK held deliveries of posts after ``after``: (how many,
    the last post id taken, or None when this was the last chunk)."""
    released = 0
    with app.db.write() as session:  # type: ignore[attr-defined]
        held = session.scalars(select(Delivery).where(*wanted, Delivery.post_id > after)
                               .order_by(Delivery.post_id).limit(RELEASE_CHUNK)).all()
        # Every post first, then the records: one post's audit record takes the audit
        # head, and a claim of the next post (its post locked, the head next) then
        # deadlocked with this transaction on PostgreSQL (the hourly credits retry runs
        # beside the lanes: an outside review, session 44).
        posts = {post_id: lock_post(session, post_id)
                 for post_id in dict.fromkeys(c.post_id for c in held)}
        for candidate in held:
            post = posts[candidate.post_id]
            delivery = _lock_delivery(session, candidate.id, skip_locked=False)
            # re-read under the lock: a withdrawal or an account switch may have changed it
            # since the list was read (a code review, session 43)
            if (delivery is None or delivery.status != DeliveryStatus.HELD
                    or delivery.hold_kind not in {str(k) for k in kinds}
                    or (due_by is not None and (delivery.next_attempt_at is None
                                                or delivery.next_attempt_at > due_by))):
                continue
            kind = delivery.hold_kind
            delivery.status = DeliveryStatus.RETRY
            delivery.hold_kind = None
            delivery.next_attempt_at = None
            revision = current_revision(post)
            audit.append(session, actor=actor, action="delivery.released", post_id=post.id,
                         revision=revision.number, revision_hash=revision.content_hash,
                         detail={"platform": platform, "kind": kind})
            released += 1
    return released, (held[-1].post_id if len(held) == RELEASE_CHUNK else None)


def _credits_retry(session: Session, post: Post, delivery: Delivery) -> bool:
    """Is this delivery's attempt the new try of a credits hold, which chat was told of?
    Its last hold-or-release record is then a `delivery.released` of kind credits."""
    records = audit.post_records(session, post.id,
                                 AuditRecord.action.in_(("delivery.held", "delivery.released")))
    for record in reversed(records):
        detail = json.loads(record.detail or "{}")
        if detail.get("platform") == delivery.platform:
            return (record.action == "delivery.released"
                    and detail.get("kind") == str(HoldKind.CREDITS))
    return False


def _lock_post_and_delivery(session: Session, delivery_id: int) -> tuple[Post, Delivery]:
    """Lock a delivery's post, then the delivery, in that order (the order every writer
    uses, so settling a delivery cannot deadlock against a vote or a claim)."""
    delivery = session.get(Delivery, delivery_id)
    assert delivery is not None
    post = lock_post(session, delivery.post_id)
    delivery = _lock_delivery(session, delivery_id, skip_locked=False)
    assert delivery is not None
    return post, delivery


def _lock_delivery(session: Session, delivery_id: int, *, skip_locked: bool = True
                   ) -> Delivery | None:
    # populate_existing: a row this session read before the lock is read again, or the
    # checks after the lock would see the stale copy (PostgreSQL; a code review, session 43)
    stmt = select(Delivery).where(Delivery.id == delivery_id).with_for_update(
        skip_locked=skip_locked).execution_options(populate_existing=True)
    return session.execute(stmt).scalar_one_or_none()


def _reply_target(session: Session, post: Post, platform: str,
                  account_now: str | None) -> tuple[str, str] | None:
    """Where a reply post goes: our published post's remote id and the comment's remote id.
    `account_now`: the account the adapters post as now (None: unknown)."""
    if post.reply_to_comment_id is None:
        return None
    comment = session.get(Comment, post.reply_to_comment_id)
    parent = session.get(Delivery, comment.delivery_id) if comment is not None else None
    if comment is None or parent is None or parent.remote_id is None:
        raise PermanentError("the comment this reply answers no longer exists")
    if comment.platform != platform:
        raise PermanentError(f"this reply answers a {comment.platform} comment; it cannot "
                             f"go out on {platform}")
    if comment.state == CommentState.DELETED:
        # no platform call: it could only fail, with the platform's raw words (an outside
        # review, session 44, saw Graph's "Unsupported post request" as the reason)
        by = comment.resolved_by or "its author or the platform"
        raise PermanentError(f"comment {comment.id} was deleted on {platform} (by {by}); "
                             "there is nothing to reply to")
    if parent.account and account_now and not same_account(platform, parent.account,
                                                           account_now):
        # The reply would go out as another organization, Page or X account, under a post
        # (and a commenter) of the old one: no approver saw that, and no release can make it
        # right (a hold released goes out the same way). Nothing is sent (an open finding of
        # session 44, fixed in session 45).
        raise PermanentError(f"comment {comment.id} is under a post made as {parent.account}, "
                             f"and {platform} now posts as {account_now}; nothing was "
                             f"sent: answer it from {parent.account} by hand")
    return parent.remote_id, comment.remote_id


def _is_due(delivery: Delivery, now: datetime) -> bool:
    return ((delivery.due_at is None or delivery.due_at <= now)
            and (delivery.next_attempt_at is None or delivery.next_attempt_at <= now))


def _still_mine(delivery: Delivery | None, attempts: int) -> bool:
    """Still the attempt we made or checked (attempts is the version: a new claim bumps it)."""
    return (delivery is not None and delivery.status == DeliveryStatus.ATTEMPTING
            and delivery.attempts == attempts)
