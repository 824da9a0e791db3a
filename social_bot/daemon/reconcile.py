"""Reconciliation: an attempt left `attempting` (its worker died, or the call failed in a way
that may have been applied) is looked for on the platform before anything else happens.

Found -> published. Not found -> published again (safe: the platform has no trace). The
lookup itself failing goes through social_bot.daemon.decide like any other outcome. Nothing
is ever published again while the first attempt is in doubt.
"""

from __future__ import annotations

import random
from pathlib import Path

from sqlalchemy import and_, func, or_, select

from adapters.base import RemotePost, content_marker, links_of
from social_bot import metrics
from social_bot.daemon.claims import Attempt, DeliveryBook, LaneResult
from social_bot.daemon.decide import Failure, Outcome, Stage, decide, outcome_of
from social_bot.db.models import Delivery, Post, Revision
from social_bot.domain import DeliveryStatus, HoldKind

# a delivery that may be its link twin's: waiting, in flight or in doubt, held
OPEN = (DeliveryStatus.PENDING, DeliveryStatus.RETRY, DeliveryStatus.ATTEMPTING,
        DeliveryStatus.HELD)
LINK_TWIN = ("may or may not have been published: the platform's copy {id} has these words "
             "but its links are shortened, and post {twin} has the same words with other "
             "links, so which of the two went out cannot be told: check by hand")
REPLY_IN_DOUBT = ("the reply may or may not have been posted (the connection failed "
                  "mid-request); check the comment on the platform before replying again")


class Reconciler(DeliveryBook):
    def in_doubt(self, platform: str) -> list[tuple[Attempt, int]]:
        """Attempts to check: this worker's own (a previous run died, or an ambiguous
        failure), or another worker's whose lease has run out.

        "Own" is what this process left in doubt at once, and any other claim under this
        worker id (a previous run's) once its heartbeat has been quiet for half a lease (a
        live process beats every quarter): a second process with this worker id, which
        gets in when a cut PostgreSQL session dropped the worker lock (a cron `--once` on
        the same host), took the running daemon's requests in flight for its own, found
        nothing yet and published them again (an outside review of session 44; the lock's
        re-take stops the first daemon only at its next pass)."""
        now = self.clock()
        last_sign = func.coalesce(Delivery.heartbeat_at, Delivery.claimed_at)
        own = and_(Delivery.claimed_by == self.worker_id,
                   or_(Delivery.id.in_(sorted(self.doubted_here)),
                       last_sign < now - self.config.lease / 2))
        stmt = (
            select(Delivery, Revision.text, Revision.media, Post.reply_to_comment_id)
            .join(Post, Post.id == Delivery.post_id)
            .join(Revision, (Revision.post_id == Post.id)
                  & (Revision.number == Post.current_revision))
            .where(
                Delivery.platform == platform,
                Delivery.status == DeliveryStatus.ATTEMPTING,
                or_(own, last_sign < now - self.config.lease),
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
        for attempt, _attempts in self.in_doubt(platform):
            if self.stopping() or self._paused(platform):
                return
            if attempt.reply_to is not None:
                # Platforms list no "recent replies" to look ours up in, so a reply in doubt
                # is never sent again (at most once): a person checks and answers by hand.
                self.fail(attempt.delivery_id, REPLY_IN_DOUBT)
                result.failed += 1
                continue
            self.check(attempt, result)

    def check(self, attempt: Attempt, result: LaneResult, *,
              after_duplicate: str | None = None) -> None:
        """Look for the attempt on the platform and record the answer. `after_duplicate` is
        the platform's duplicate refusal that led here (then "not found" is a failure)."""
        moved = self._account_moved(attempt)
        if moved is not None:  # the new account cannot tell whether it went out on the old
            self.hold(attempt.delivery_id, moved, HoldKind.ACCOUNT)
            result.held += 1
            return
        try:
            found = self.find_ours(attempt)
        except Exception as exc:  # noqa: BLE001 - every failure is decided in one place
            outcome = outcome_of(exc, attempt.attempts, stage=Stage.CHECK,
                                 after_duplicate=after_duplicate is not None,
                                 in_doubt_for=max(0.0, (self.clock() - attempt.claimed_at)
                                                  .total_seconds()))
            self.apply(attempt, decide(outcome, self.retry_policy, random.random()), result)
            return
        if after_duplicate is None:
            result.reconciled += 1
            metrics.RECONCILED.labels(attempt.platform,
                                      "found" if found else "not_found").inc()
        if found is not None and found.links_unknown:
            twin = self._link_twin(attempt)
            if twin is not None:
                # the platform's copy shortens the links (t.co, lnkd.in) and post `twin`
                # has these words with other links: which of the two went out cannot be
                # told, and a guess would credit one post with the other's (session 56, T2)
                self.fail(attempt.delivery_id, LINK_TWIN.format(twin=twin, id=found.id))
                result.failed += 1
                return
        if found is not None:
            self.record_published(attempt, found, how="reconciled")
            result.published += 1
            return
        outcome = Outcome(Failure.NOT_FOUND, after_duplicate or "not found on the platform",
                          attempt.attempts, stage=Stage.CHECK,
                          after_duplicate=after_duplicate is not None)
        self.apply(attempt, decide(outcome, self.retry_policy), result)

    def _link_twin(self, attempt: Attempt) -> int | None:
        """Another post whose delivery on this platform is waiting, in doubt, or went out
        since the attempt began, and whose text has the attempt's words with other links:
        the one a match with shortened links may belong to (``adapters.base.same_post``)."""
        since = attempt.claimed_at - self.config.reconcile_slack
        stmt = (
            select(Delivery.post_id, Revision.text)
            .join(Post, Post.id == Delivery.post_id)
            .join(Revision, (Revision.post_id == Post.id)
                  & (Revision.number == Post.current_revision))
            .where(Delivery.platform == attempt.platform, Delivery.id != attempt.delivery_id,
                   Delivery.status != DeliveryStatus.CANCELLED,
                   or_(Delivery.status.in_(OPEN), Delivery.claimed_at >= since))
            .order_by(Delivery.id))
        with self.app.db.read() as session:
            rows = session.execute(stmt).all()
        ours = links_of(attempt.text)
        marker = content_marker(attempt.text)
        return next((post_id for post_id, text in rows if content_marker(text) == marker
                     and links_of(text) != ours), None)

    def _account_moved(self, attempt: Attempt) -> str | None:
        from social_bot.daemon.preflight_account import account_moved

        with self.app.db.read() as session:
            recorded = session.scalar(select(Delivery.account).where(
                Delivery.id == attempt.delivery_id))
        return account_moved(self.app, attempt.platform, recorded)

    def find_ours(self, attempt: Attempt) -> RemotePost | None:
        """Our post on the platform, if the attempt went through.

        A match already recorded for another delivery is someone else's success (texts that
        differ only in their links look alike to the marker): the search passes over those
        and goes on to older matches. Before session 42 it stopped at the newest match and,
        finding it taken, concluded "not found", so a photo post went out again on Facebook
        and a text post was marked failed as a duplicate while it was live (an outside review).
        """
        since = attempt.claimed_at - self.config.reconcile_slack
        with self.app.db.read() as session:
            taken = set(session.scalars(select(Delivery.remote_id).where(
                Delivery.platform == attempt.platform, Delivery.remote_id.is_not(None),
                Delivery.id != attempt.delivery_id, Delivery.published_at >= since)))
        return self.adapter_for(attempt.platform).find_published(
            attempt.text, since=since, exclude=frozenset(str(t) for t in taken))
