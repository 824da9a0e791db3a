"""Publishing due deliveries exactly once: one lane (thread) per platform, so a slow or
failing platform never holds back the others.

A pass of a lane: reconcile what is in doubt (social_bot.daemon.reconcile), then for each due
delivery re-run the PHI screen, claim it (social_bot.daemon.claims, where the publish-time
checks of social_bot.daemon.preflight run), call the platform under a heartbeat, and record
the outcome as social_bot.daemon.decide says. docs/daemon.md explains why this holds.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import update

from adapters.base import Adapter
from social_bot import audit, metrics, outbox, publish_gate
from social_bot.daemon.claims import (
    CLAIMABLE,
    WAITING,
    Attempt,
    Candidate,
    LaneResult,
)
from social_bot.daemon.decide import Action, decide, outcome_of
from social_bot.daemon.pacing import drain
from social_bot.daemon.reconcile import Reconciler
from social_bot.db.models import Delivery, Finding, Revision
from social_bot.domain import DeliveryStatus, Status
from social_bot.errors import UserError
from social_bot.logs import event
from social_bot.posts import current_revision, lock_post, set_status

log = logging.getLogger("socialbot.publisher")

AdapterFor = Callable[[str], Adapter]

__all__ = ["CLAIMABLE", "WAITING", "AdapterFor", "Attempt", "Candidate", "LaneResult",
           "Publisher"]


class _StoodDown(Exception):  # noqa: N818 - not an error: the claim is another's now
    """The claim was lost before a request's first byte: nothing more goes out."""


class _Lapsed(Exception):  # noqa: N818 - not an error: the delivery fails with the reason
    """An authorization the claimed revision rests on was revoked or expired since the
    claim: nothing more goes out (session 52's attack review, finding 7)."""


class Publisher(Reconciler):
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

    # -- screen, claim, publish ----------------------------------------------------------

    def _process(self, candidate: Candidate, result: LaneResult) -> None:
        try:
            context = "reply" if candidate.is_reply else "post"
            findings = [*self.screen.post(candidate.text, context, candidate.answering),
                        *self._alt_findings(candidate)]  # a new list: the screen caches
            findings = self._read_together(candidate, context, findings)
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

    def _alt_findings(self, candidate: Candidate) -> list[Any]:
        """The alt texts go out with the images, so they are re-screened like the text (an
        outside review, session 43), as at create: source alt:N, so a dismissal recorded
        on one still clears it."""
        from social_bot.media_screen import alt_findings

        out: list[Any] = []
        for n, alt in enumerate(candidate.alts, start=1):
            if alt.strip():
                out += alt_findings(n, self.screen.post(alt, "post"))
        return out

    def _answered_edited(self, adapter: Adapter, attempt: Attempt) -> bool:
        """Read the answered comment once more (one GET) just before the reply: if its words
        are not those stored, the reply, written and approved for the old words, is
        cancelled and a person asked to read the new ones. The edit sweep sees an edit only
        when it runs (hourly by default), and a reply went out under "Can I come by on
        Tuesday?" edited to name an HIV test (an outside attack, session 56, T4)."""
        from social_bot.comment_retention import reads_the_same
        from social_bot.db.models import Comment
        from social_bot.posts import cancel_with_deliveries

        assert attempt.reply_to is not None
        read = getattr(adapter, "comment_text", None)  # a stand-in adapter may lack it
        now = read(attempt.reply_to[1]) if read is not None else None
        if now is None:  # no single read on this platform
            return False
        with self.app.db.write() as session:
            post = lock_post(session, attempt.post_id)
            comment = session.get(Comment, post.reply_to_comment_id)
            delivery = session.get(Delivery, attempt.delivery_id)
            if comment is None or reads_the_same(audit.session_keys(session), comment, now):
                return False
            if delivery is None or delivery.status != DeliveryStatus.ATTEMPTING or \
                    delivery.attempts != attempt.attempts or \
                    Status(post.status) is not Status.PUBLISHING:
                return False  # no longer this attempt's: its owner goes on
            why = (f"comment {comment.id} was edited on {comment.platform} after this reply "
                   "was written (read again just before sending): read its new words "
                   "(`socialbot comments list`) and reply again if it still needs one "
                   f"(`socialbot comments reply {comment.id}`)")
            cancel_with_deliveries(session, post, actor=self.actor, action="post.cancelled",
                                   detail={"comment_id": comment.id, "read_before_reply": True},
                                   reason=why)
        event(log, "reply.cancelled_comment_edited", logging.WARNING, post_id=attempt.post_id,
              platform=attempt.platform)
        return True

    def _read_together(self, candidate: Candidate, context: str,
                       findings: list[Any]) -> list[Any]:
        """The text read with the alt texts, as one, as at create (media_screen.read_together):
        a name in the text with the care in an alt text blocks here too."""
        from social_bot.media_screen import read_together, with_read_together

        added = read_together(
            lambda joined: self.screen.post(joined, context, candidate.answering),
            candidate.text, findings,
            [(f"alt:{n}", alt) for n, alt in enumerate(candidate.alts, start=1)])
        return with_read_together(findings, added) if added else findings

    def publish(self, attempt: Attempt, result: LaneResult) -> None:
        from adapters._deadline import before_each_send

        def fence() -> None:
            # Checked again once each request is connected, just before its first byte: a
            # daemon paused (SIGSTOP, a paused VM) after the check below, during the name
            # lookup, connect, TLS or between a post's uploads, found its claim taken on
            # resuming and published too (docs/security.md, session 46).
            # The authorizations too: a revocation during a photo post's uploads let its
            # last request, the one that makes it public, go out 14 s after it (session
            # 52); the claim had checked them once.
            mine, suspect = self.fence_read(attempt)
            if not mine:
                if self.claim_lost(attempt):
                    raise _StoodDown
                suspect = bool(attempt.consents)  # still ours after all: judge them fully
            if suspect and (reason := self.lapsed_since_claim(attempt)) is not None:
                raise _Lapsed(reason)

        adapter, before = None, 0
        try:
            adapter = self.adapter_for(attempt.platform)
            before = getattr(adapter, "calls_made", 0)
            with self._heartbeat(attempt), before_each_send(fence):
                if attempt.reply_to is not None:
                    if self.claim_lost(attempt):
                        return
                    if self._answered_edited(adapter, attempt):
                        return
                    remote = adapter.reply_to_comment(*attempt.reply_to, attempt.text)
                else:
                    # Exactly the approved bytes, re-hashed; a mismatch fails the delivery.
                    with publish_gate.verified_media(attempt.media,
                                                     attempt.media_hashes) as media:
                        alts = ({"alt_texts": attempt.media_alts}
                                if any(attempt.media_alts) else {})
                        if self.claim_lost(attempt):
                            return
                        remote = adapter.publish(attempt.text, media, **alts)
        except _StoodDown:  # audited as delivery.claim_lost; the claim's owner goes on
            self._count_calls(attempt.platform, adapter, before)
            return
        except _Lapsed as lapsed:  # as the claim's check: failed, audited, told in chat
            self._count_calls(attempt.platform, adapter, before)
            event(log, "delivery.authorization_lapsed", logging.WARNING,
                  post_id=attempt.post_id, platform=attempt.platform)
            self.fail(attempt.delivery_id, str(lapsed))
            result.failed += 1
            return
        except Exception as exc:  # noqa: BLE001 - every failure is decided in one place
            self._count_calls(attempt.platform, adapter, before)
            outcome = outcome_of(exc, attempt.attempts, is_reply=attempt.reply_to is not None)
            decision = decide(outcome, self.retry_policy, random.random())
            if decision.action == Action.RECONCILE and decision.check_now:
                self.check(attempt, result, after_duplicate=decision.reason)
            else:
                self.apply(attempt, decision, result)
            return
        self._count_calls(attempt.platform, adapter, before)
        self.record_published(attempt, remote, how="published")
        result.published += 1

    def _count_calls(self, platform: str, adapter: Adapter | None, before: int) -> None:
        """Publishing spends the shared daily budget too (it is never refused by it)."""
        if adapter is not None:
            self.budget.spend(platform, getattr(adapter, "calls_made", 0) - before)

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
                # One failed write (the connection cut, a database restart) must not end the
                # beats: a claim gone quiet while the upload runs on is taken over after the
                # lease and published twice (an outside review, session 44).
                try:
                    with self.app.db.write() as session:
                        session.execute(
                            update(Delivery)
                            .where(Delivery.id == attempt.delivery_id,
                                   Delivery.status == DeliveryStatus.ATTEMPTING,
                                   Delivery.claimed_by == self.worker_id)
                            .values(heartbeat_at=self.clock()))
                except Exception as exc:  # noqa: BLE001 - the next beat tries again
                    event(log, "delivery.heartbeat_failed", logging.WARNING,
                          post_id=attempt.post_id, platform=attempt.platform,
                          error=f"{type(exc).__name__}: {exc}"[:300])

        thread = threading.Thread(target=beat, name="socialbot-heartbeat", daemon=True)
        thread.start()
        try:
            yield
        finally:
            done.set()
            thread.join()

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


def _add_findings(revision: Revision, findings: list[Any]) -> None:
    have = {(f.category, f.start, f.end, f.source or "text") for f in revision.findings}
    for f in findings:
        source = getattr(f, "source", None) or "text"  # alt:N for an image's alt text
        if (f.category, f.start, f.end, source) in have:
            continue
        revision.findings.append(Finding(
            category=f.category, start=f.start, end=f.end, text=f.text, severity=f.severity,
            score=float(f.score), rule=f.rule, reason=f.reason, redaction=f.redaction,
            source=source))

