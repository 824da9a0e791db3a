"""Publishing due deliveries exactly once: claim, call, record; reconcile whatever is in doubt.

The protocol (docs/daemon.md explains why it holds):
1. Claim in one short transaction: lock the post row, then the delivery row (SKIP LOCKED),
   re-check both, set the delivery `attempting` (attempts+1, claimed_by/at, content
   marker), audit the intent, move the post to `publishing`. COMMIT before any network.
2. Call the platform. Record the remote id/url in a new transaction; recompute the post.
3. A delivery left `attempting` (its worker died, or the call failed ambiguously) is first
   looked for on the platform (`find_published`): found -> published; not found -> retry.
   Nothing is ever published again while the first attempt is in doubt.

Lock order everywhere is post -> delivery -> audit head, the same as cancel/edit/approve,
so claims never deadlock with staff actions. Each platform has its own lane (thread), so a
slow or failing platform never holds back the others.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from adapters.base import (
    Adapter,
    AdapterError,
    AuthError,
    PermanentError,
    RateLimited,
    Rejected,
    RemotePost,
    TransientError,
    content_marker,
)
from social_bot import audit, metrics, outbox, publish_gate
from social_bot.daemon.config import backoff_seconds
from social_bot.daemon.pacing import PlatformWorker, drain
from social_bot.db.models import (
    Comment,
    Delivery,
    Finding,
    Post,
    Revision,
)
from social_bot.domain import DeliveryStatus, Status, overall_delivery_status
from social_bot.errors import UserError
from social_bot.logs import event
from social_bot.posts import current_revision, lock_post, set_status

log = logging.getLogger("socialbot.publisher")

# A post whose deliveries may be claimed.
CLAIMABLE = (Status.APPROVED, Status.PUBLISHING, Status.PARTIALLY_PUBLISHED)
WAITING = (DeliveryStatus.PENDING, DeliveryStatus.RETRY)
AdapterFor = Callable[[str], Adapter]


@dataclass(frozen=True)
class Candidate:
    """A delivery that looked due when read (to be re-checked under the locks)."""

    delivery_id: int
    post_id: int
    platform: str
    revision: int
    text: str
    is_reply: bool = False


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


@dataclass
class LaneResult:
    platform: str
    published: int = 0
    failed: int = 0
    retried: int = 0
    in_doubt: int = 0
    reconciled: int = 0
    blocked: int = 0
    errors: list[str] = field(default_factory=list)


class Publisher(PlatformWorker):
    # -- one pass of one platform --------------------------------------------------------

    def run_lane(self, platform: str) -> LaneResult:
        """Reconcile what is in doubt, then claim and publish what is due, for one platform."""
        result = LaneResult(platform)
        if self._paused(platform):
            return result
        self.reconcile(platform, result)
        drain(lambda: self.due(platform), lambda candidate: self._process(candidate, result),
              lambda: self._keep_going(platform), self.config.batch)
        metrics.QUEUE_DEPTH.labels(platform).set(self.queue_depth(platform))
        return result

    def _pause(self, platform: str, seconds: float) -> None:
        self.pauses.pause(platform, seconds)
        event(log, "platform.paused", platform=platform, seconds=round(seconds, 1))

    # -- reading -------------------------------------------------------------------------

    def due(self, platform: str) -> list[Candidate]:
        now = self.clock()
        stmt = (
            select(Delivery.id, Delivery.post_id, Post.current_revision, Revision.text,
                   Post.reply_to_comment_id)
            .join(Post, Post.id == Delivery.post_id)
            .join(Revision, (Revision.post_id == Post.id)
                  & (Revision.number == Post.current_revision))
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
                              row.reply_to_comment_id is not None)
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

    # -- claim and publish ---------------------------------------------------------------

    def _process(self, candidate: Candidate, result: LaneResult) -> None:
        try:
            findings = self.screen.post(candidate.text,
                                        "reply" if candidate.is_reply else "post")
        except UserError as exc:  # the screen fails closed: publish nothing, try next pass
            result.errors.append(str(exc))
            event(log, "screen.unavailable", logging.ERROR, post_id=candidate.post_id,
                  error=str(exc))
            return
        # Dismissed findings stay cleared only while their authorization is in force.
        verdict = publish_gate.screen_verdict(self.app, candidate.post_id, candidate.revision,
                                              findings, self.clock())
        if verdict.blocks:
            if self._block(candidate, verdict.findings, verdict.reason):
                result.blocked += 1
            return
        attempt = self.claim(candidate)
        if attempt is not None:
            self.publish(attempt, result)

    def claim(self, candidate: Candidate) -> Attempt | None:
        """Record the intent to publish and commit it, or None if someone else got there."""
        now = self.clock()
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
            try:
                reply_to = _reply_target(session, post, delivery.platform)
            except PermanentError as exc:
                gone = exc.reason
            else:
                gone = None
            if gone is None:
                attempt = self._claim_delivery(session, post, revision, delivery, now, reply_to)
        if gone is not None:
            self.fail(candidate.delivery_id, gone)
            return None
        event(log, "delivery.claimed", post_id=attempt.post_id, platform=attempt.platform,
              attempt=attempt.attempts, worker=self.worker_id)
        return attempt

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
        audit.append(session, actor=self.actor, action="delivery.attempting",
                     post_id=post.id, revision=revision.number,
                     revision_hash=revision.content_hash,
                     detail={"platform": delivery.platform, "attempt": delivery.attempts})
        if post.status == Status.APPROVED:
            set_status(session, post, Status.PUBLISHING, actor=self.actor,
                       action="post.publishing")
        return Attempt(delivery.id, post.id, delivery.platform, revision.text,
                       tuple(Path(m["path"]) for m in revision.media), delivery.attempts, now,
                       reply_to, tuple(m["sha256"] for m in revision.media))

    def publish(self, attempt: Attempt, result: LaneResult) -> None:
        try:
            adapter = self.adapter_for(attempt.platform)
            with self._heartbeat(attempt):
                if attempt.reply_to is not None:
                    remote = adapter.reply_to_comment(*attempt.reply_to, attempt.text)
                else:
                    # Exactly the approved bytes, re-hashed; a mismatch fails the delivery.
                    with publish_gate.verified_media(attempt.media,
                                                     attempt.media_hashes) as media:
                        remote = adapter.publish(attempt.text, media)
        except Exception as exc:  # noqa: BLE001 - every failure is sorted below
            self._after_failure(attempt, exc, result)
            return
        self.record_published(attempt, remote, how="published")
        result.published += 1

    @contextmanager
    def _heartbeat(self, attempt: Attempt) -> Iterator[None]:
        """Keep the claim alive while the platform call runs.

        A publish with images is many requests, each with its own timeout, so no lease fits
        every case; instead the claim is refreshed, and only a claim whose heartbeat stopped
        (its daemon died) is checked by another daemon.
        """
        done = threading.Event()
        every = max(0.5, self.config.lease.total_seconds() / 4)

        def beat() -> None:
            while not done.wait(every):
                with self.app.db.write() as session:
                    session.execute(
                        update(Delivery)
                        .where(Delivery.id == attempt.delivery_id,
                               Delivery.status == DeliveryStatus.ATTEMPTING,
                               Delivery.claimed_by == self.worker_id)
                        .values(heartbeat_at=self.clock()))

        thread = threading.Thread(target=beat, name="socialbot-heartbeat", daemon=True)
        thread.start()
        try:
            yield
        finally:
            done.set()
            thread.join()

    def _after_failure(self, attempt: Attempt, exc: Exception, result: LaneResult) -> None:
        reason = _reason(exc)
        if (isinstance(exc, Rejected) and "duplicate" in reason.lower()
                and attempt.reply_to is None):
            # "Duplicate" may mean our own earlier try went through (an error came back after
            # the platform applied it): look before calling it a failure.
            self._after_duplicate(attempt, reason, result)
        elif isinstance(exc, AuthError | Rejected | PermanentError):
            self.fail(attempt.delivery_id, reason)
            result.failed += 1
        elif isinstance(exc, RateLimited):
            delay = backoff_seconds(attempt.attempts, self.config.retry_base,
                                    self.config.retry_cap, exc.retry_after)
            self._pause(attempt.platform, delay)
            self._retry(attempt, reason, delay, "rate_limited", result)
        elif isinstance(exc, TransientError) and not exc.ambiguous:
            delay = backoff_seconds(attempt.attempts, self.config.retry_base,
                                    self.config.retry_cap)
            self._retry(attempt, reason, delay, "transient", result)
        else:
            # Ambiguous: the platform may have applied it. Never retry blind; reconcile first.
            delay = min(self.config.retry_cap, max(1.0, self.config.retry_base))
            self._in_doubt(attempt.delivery_id, attempt.attempts, reason, delay)
            result.in_doubt += 1

    def _after_duplicate(self, attempt: Attempt, reason: str, result: LaneResult) -> None:
        try:
            found = self._find_ours(attempt)
        except Exception as exc:  # noqa: BLE001 - cannot tell: stay in doubt, check again
            delay = min(self.config.retry_cap, max(1.0, self.config.retry_base))
            self._in_doubt(attempt.delivery_id, attempt.attempts, _reason(exc), delay)
            result.in_doubt += 1
            return
        if found is not None:
            self.record_published(attempt, found, how="reconciled")
            result.published += 1
        else:
            self.fail(attempt.delivery_id, reason)
            result.failed += 1

    def _find_ours(self, attempt: Attempt) -> RemotePost | None:
        """Our post on the platform, if the attempt went through.

        A match already recorded for another delivery is someone else's success (texts that
        differ only in their links look alike to the marker), so it does not count.
        """
        since = attempt.claimed_at - self.config.reconcile_slack
        found = self.adapter_for(attempt.platform).find_published(attempt.text, since=since)
        if found is None:
            return None
        with self.app.db.read() as session:
            taken = session.scalar(select(func.count(Delivery.id)).where(
                Delivery.platform == attempt.platform, Delivery.remote_id == found.id,
                Delivery.id != attempt.delivery_id))
        return None if taken else found

    # -- recording outcomes --------------------------------------------------------------

    def record_published(self, attempt: Attempt, remote: RemotePost, how: str) -> None:
        with self.app.db.write() as session:
            post = lock_post(session, attempt.post_id)
            delivery = _lock_delivery(session, attempt.delivery_id, skip_locked=False)
            assert delivery is not None
            if delivery.status == DeliveryStatus.PUBLISHED:
                if delivery.remote_id != remote.id:
                    event(log, "delivery.duplicate", logging.ERROR, post_id=post.id,
                          platform=delivery.platform, remote_id=remote.id,
                          recorded_remote_id=delivery.remote_id)
                return
            delivery.status = DeliveryStatus.PUBLISHED
            delivery.remote_id = remote.id
            delivery.url = remote.url
            delivery.published_at = self.clock()
            delivery.last_error = None
            delivery.next_attempt_at = None
            revision = current_revision(post)
            audit.append(session, actor=self.actor, action="delivery.published",
                         post_id=post.id, revision=revision.number,
                         revision_hash=revision.content_hash,
                         detail={"platform": delivery.platform, "remote_id": remote.id,
                                 "url": remote.url, "attempts": delivery.attempts, "how": how})
            self._settle_post(session, post)
        metrics.PUBLISHED.labels(attempt.platform).inc()
        event(log, "delivery.published", post_id=attempt.post_id, platform=attempt.platform,
              remote_id=remote.id, how=how, attempts=attempt.attempts)

    def fail(self, delivery_id: int, reason: str) -> None:
        """Stop one delivery for good, with the reason, audited and announced in chat."""
        with self.app.db.write() as session:
            delivery = session.get(Delivery, delivery_id)
            assert delivery is not None
            post = lock_post(session, delivery.post_id)
            delivery = _lock_delivery(session, delivery_id, skip_locked=False)
            assert delivery is not None
            if delivery.status in (DeliveryStatus.PUBLISHED, DeliveryStatus.FAILED,
                                   DeliveryStatus.CANCELLED):
                return
            delivery.status = DeliveryStatus.FAILED
            delivery.last_error = reason
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

    def _retry(self, attempt: Attempt, reason: str, delay: float, kind: str,
               result: LaneResult) -> None:
        if attempt.attempts >= self.config.max_attempts:
            self.fail(attempt.delivery_id,
                      f"gave up after {attempt.attempts} attempts; last error: {reason}")
            result.failed += 1
            return
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

    def _in_doubt(self, delivery_id: int, attempts: int, reason: str, delay: float) -> None:
        """Keep the delivery `attempting` (so nothing publishes it) until it is reconciled."""
        with self.app.db.write() as session:
            delivery = _lock_delivery(session, delivery_id, skip_locked=False)
            if not _still_mine(delivery, attempts):
                return
            delivery.next_attempt_at = self.clock() + timedelta(seconds=delay)
            delivery.last_error = f"in doubt, to be checked on the platform: {reason}"
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

    # -- reconciling ---------------------------------------------------------------------

    def in_doubt(self, platform: str) -> list[tuple[Attempt, int]]:
        """Attempts to check: this worker's own (a previous run died, or an ambiguous
        failure), or another worker's whose lease has run out."""
        now = self.clock()
        stmt = (
            select(Delivery, Revision.text, Revision.media, Post.reply_to_comment_id)
            .join(Post, Post.id == Delivery.post_id)
            .join(Revision, (Revision.post_id == Post.id)
                  & (Revision.number == Post.current_revision))
            .where(
                Delivery.platform == platform,
                Delivery.status == DeliveryStatus.ATTEMPTING,
                or_(Delivery.claimed_by == self.worker_id,
                    func.coalesce(Delivery.heartbeat_at, Delivery.claimed_at)
                    < now - self.config.lease),
                or_(Delivery.next_attempt_at.is_(None), Delivery.next_attempt_at <= now),
            )
            .order_by(Delivery.id)
            .limit(self.config.batch)
        )
        with self.app.db.read() as session:
            return [
                (Attempt(d.id, d.post_id, d.platform, text, tuple(Path(m["path"]) for m in media),
                         d.attempts, d.claimed_at or now,
                         ("reply", "") if reply_to is not None else None), d.attempts)
                for d, text, media, reply_to in session.execute(stmt)
            ]

    def reconcile(self, platform: str, result: LaneResult | None = None) -> None:
        result = result or LaneResult(platform)
        for attempt, attempts in self.in_doubt(platform):
            if self.stopping():
                return
            if attempt.reply_to is not None:
                # Platforms list no "recent replies" to look ours up in, so a reply in doubt
                # is never sent again (at most once): a person checks and answers by hand.
                self.fail(attempt.delivery_id, "the reply may or may not have been posted "
                          "(the connection failed mid-request); check the comment on the "
                          "platform before replying again")
                result.failed += 1
                continue
            try:
                found = self._find_ours(attempt)
            except RateLimited as exc:
                self._pause(platform, backoff_seconds(1, self.config.retry_base,
                                                      self.config.retry_cap, exc.retry_after))
                return
            except (AuthError, PermanentError) as exc:
                # The platform cannot be asked (token expired, no read permission): a person
                # must look, rather than the post waiting in doubt for ever or going out twice.
                self.fail(attempt.delivery_id, "may or may not have been published, and the "
                          f"platform cannot be checked ({_reason(exc)}): check by hand")
                result.failed += 1
                continue
            except Exception as exc:  # noqa: BLE001 - still in doubt: check again later
                delay = backoff_seconds(attempts, self.config.retry_base, self.config.retry_cap)
                self._in_doubt(attempt.delivery_id, attempts, _reason(exc), max(1.0, delay))
                continue
            result.reconciled += 1
            if found is not None:
                metrics.RECONCILED.labels(platform, "found").inc()
                self.record_published(attempt, found, how="reconciled")
                result.published += 1
            else:
                metrics.RECONCILED.labels(platform, "not_found").inc()
                self._not_found(attempt, attempts, result)

    def _not_found(self, attempt: Attempt, attempts: int, result: LaneResult) -> None:
        """The platform has no trace of the attempt: it is safe to publish again."""
        if attempts >= self.config.max_attempts:
            self.fail(attempt.delivery_id, f"gave up after {attempts} attempts; the platform "
                      "has no trace of the last one")
            result.failed += 1
            return
        with self.app.db.write() as session:
            post = lock_post(session, attempt.post_id)
            delivery = _lock_delivery(session, attempt.delivery_id, skip_locked=False)
            if not _still_mine(delivery, attempts):
                return
            delivery.status = DeliveryStatus.RETRY
            delivery.next_attempt_at = None
            revision = current_revision(post)
            audit.append(session, actor=self.actor, action="delivery.reconciled",
                         post_id=post.id, revision=revision.number,
                         revision_hash=revision.content_hash,
                         detail={"platform": delivery.platform, "found": False,
                                 "attempt": attempts, "claimed_by": delivery.claimed_by})
        metrics.RETRIES.labels(attempt.platform, "not_found").inc()
        event(log, "delivery.reconciled", post_id=attempt.post_id, platform=attempt.platform,
              found=False, attempt=attempts)

    # -- the PHI screen says no ----------------------------------------------------------

    def _block(self, candidate: Candidate, findings: list[Any],
               reason: str | None = None) -> bool:
        """The re-screen blocks: before anything went out, the whole post goes back to
        blocked_phi (the author edits, approvals start over); once some platform has it,
        the remaining deliveries fail with the reason (a post cannot be half-withdrawn)."""
        categories = sorted({str(getattr(f, "category", "phi")) for f in findings
                             if getattr(f, "severity", None) == "block"})
        reason = reason or ("the PHI screen now blocks this text at publishing time ("
                            + ", ".join(categories) + "); edit the post and have it approved "
                            "again")
        with self.app.db.write() as session:
            post = lock_post(session, candidate.post_id)
            if post.current_revision != candidate.revision or post.status not in CLAIMABLE:
                return False
            if post.status == Status.APPROVED:
                revision = current_revision(post)
                _add_findings(revision, findings)
                set_status(session, post, Status.BLOCKED_PHI, actor=self.actor,
                           action="post.blocked_at_publish", reason=reason,
                           detail={"categories": categories})
                outbox.add(session, outbox.PostBlockedAtPublish(
                    post_id=post.id, revision=revision.number, categories=tuple(categories),
                    reason=reason))
                event(log, "post.blocked_at_publish", logging.WARNING, post_id=post.id,
                      categories=categories)
                return True
        self.fail(candidate.delivery_id, reason)
        return True


def _lock_delivery(session: Session, delivery_id: int, *, skip_locked: bool = True
                   ) -> Delivery | None:
    stmt = select(Delivery).where(Delivery.id == delivery_id).with_for_update(
        skip_locked=skip_locked)
    return session.execute(stmt).scalar_one_or_none()


def _reply_target(session: Session, post: Post, platform: str) -> tuple[str, str] | None:
    """Where a reply post goes: our published post's remote id and the comment's remote id."""
    if post.reply_to_comment_id is None:
        return None
    comment = session.get(Comment, post.reply_to_comment_id)
    parent = session.get(Delivery, comment.delivery_id) if comment is not None else None
    if comment is None or parent is None or parent.remote_id is None:
        raise PermanentError("the comment this reply answers no longer exists")
    if comment.platform != platform:
        raise PermanentError(f"this reply answers a {comment.platform} comment; it cannot "
                             f"go out on {platform}")
    return parent.remote_id, comment.remote_id


def _is_due(delivery: Delivery, now: datetime) -> bool:
    return ((delivery.due_at is None or delivery.due_at <= now)
            and (delivery.next_attempt_at is None or delivery.next_attempt_at <= now))


def _still_mine(delivery: Delivery | None, attempts: int) -> bool:
    """Still the attempt we made or checked (attempts is the version: a new claim bumps it)."""
    return (delivery is not None and delivery.status == DeliveryStatus.ATTEMPTING
            and delivery.attempts == attempts)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, AdapterError):
        return str(exc) or type(exc).__name__
    return f"unexpected {type(exc).__name__}: {exc}"[:300]


def _add_findings(revision: Revision, findings: list[Any]) -> None:
    have = {(f.category, f.start, f.end) for f in revision.findings}
    for f in findings:
        if (f.category, f.start, f.end) in have:
            continue
        revision.findings.append(Finding(
            category=f.category, start=f.start, end=f.end, text=f.text, severity=f.severity,
            score=float(f.score), rule=f.rule, reason=f.reason, redaction=f.redaction))
