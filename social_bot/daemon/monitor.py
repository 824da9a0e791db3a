"""Watching comments: poll each published delivery within the monitoring window, store each
comment once, classify it, hide it on the platform when the policy says so, announce flags.

A poll is claimed like a delivery (SKIP LOCKED, comments_polled_at moved forward), so
several daemons never poll one post at once. The cursor moves in the same transaction as
the comments it covers: a failed poll, or a crash before the commit, leaves the cursor
where it was and the next poll fetches the same comments again (inserting them is
idempotent: unique per platform and remote id).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from adapters._cursor import more_to_read
from adapters.base import AuthError, RateLimited, RateLimitInfo, RemoteComment
from policies.rendering import is_blank
from social_bot import audit, metrics, outbox
from social_bot.app import App
from social_bot.comment_retention import reads_the_same
from social_bot.daemon.budget import CallBudget
from social_bot.daemon.config import DaemonConfig
from social_bot.daemon.pacing import PlatformWorker
from social_bot.daemon.publisher import AdapterFor
from social_bot.daemon.screening import SharedScreen
from social_bot.db.models import AuditRecord, Comment, Delivery, Post, utcnow
from social_bot.domain import CommentAction, CommentState, DeliveryStatus
from social_bot.logs import event
from social_bot.posts import lock_post, withdraw_replies
from social_bot.reply_target import keep_since, stored_since, words_digest
from social_bot.vote_seal import app_keys

log = logging.getLogger("socialbot.monitor")

# Pause a platform's polls when fewer than this share of its rate limit is left.
RATE_RESERVE = 0.1
# When a platform reports a low budget without a reset time, wait this long.
DEFAULT_PAUSE = 60.0
# Characters of a comment the classifiers judge. Longer comments (platforms allow a few
# thousand; the sandbox and a broken client can send megabytes) are flagged for a person.
ANALYSED_CHARS = 20_000
TOO_LONG = "too_long"
# A comment the classifier fails on (a bug, a character nobody foresaw) is flagged for a person
# and stored, instead of failing the whole batch: a comment that began with a zero-width space
# failed every poll of its post, so later comments, PHI among them, were never stored or hidden
# (an outside review, session 41).
UNCHECKED = "unchecked"
# A comment holding characters no database stores (a NUL, half a UTF-16 pair) is stored with
# each one replaced by U+FFFD (adapters.base.RemoteComment) and flagged for a person: the words
# judged are not quite the words on the platform. One holding a NUL failed every poll of its
# post on PostgreSQL, and nothing after it was stored (an attack review, session 52, W2).
UNSTORABLE = "unstorable"
# classified when a batch fails, to tell a broken classifier (the poll fails and is retried, as
# before) from one comment it cannot read
_PLAIN_TEXT = "Thank you for the update!"
# Re-reading a post's comments for edits (an adapter's reread_paged: Facebook), once per
# edit_sweep_interval of a post's age: its comments edge page by page in order, at most
# REREAD_PAGES pages a sweep (1,000 comments at Facebook's 50 a page) and REREAD_MAX_CALLS
# calls (lapsed cursors tried and the trail's other-author anchors included), round-robin:
# each sweep goes on from Graph's cursor where the last one stopped (or an earlier one kept
# with it, should that one have lapsed), so each comment is read again within
# ceil(pages / REREAD_PAGES) sweeps (s54-fbedits: s54-cfix's read by id used Graph's multi-ID
# request, closed to new apps). The cursor is kept in the post's comment cursor, under
# REREAD_KEY, a list, the newest first (a JSON object's key the adapters do not use; a number
# left there by s54-cfix's read by id means "from the first page").
REREAD_PAGES = 20
REREAD_MAX_CALLS = 40
REREAD_KEY = "reread_after"
# What a stored re-read cursor may be (outside review F of session 54): at most this many, each
# printable ASCII of at most REREAD_CURSOR_CHARS characters (Graph's are short base64). Any
# other value found under REREAD_KEY (a corrupted row) is dropped with one log line, and the
# round goes on from the cursors left, or from the first page: nothing is skipped.
REREAD_CURSORS = 10
REREAD_CURSOR_CHARS = 4096


@dataclass(frozen=True)
class PollTarget:
    delivery_id: int
    post_id: int
    platform: str
    remote_id: str
    cursor: str | None
    claimed_at: datetime | None = None        # comments_polled_at set by the claim
    previous_poll: datetime | None = None     # put back when the pass stops before polling
    published_at: datetime | None = None      # the re-reads for edits are timed from it


@dataclass(frozen=True)
class Edited:
    """A stored comment read again with other words (or, on X, as a new version)."""

    row_id: int
    comment: RemoteComment  # as it reads now


# what store() did to one comment: (its id, its remote id, its flags)
Stored = tuple[int, str, list[Any]]


@dataclass
class PollResult:
    platform: str
    polled: int = 0
    failed: int = 0
    stored: int = 0
    flagged: int = 0
    hidden: int = 0
    edited: int = 0


def pause_for(info: RateLimitInfo | None, now: datetime, reserve: float = RATE_RESERVE
              ) -> float:
    """Seconds to wait before the next call, from the last rate-limit state (0: go on)."""
    if info is None or info.remaining is None:
        return 0.0
    floor = max(1, int((info.limit or 0) * reserve)) if reserve > 0 else 0
    if info.remaining > floor:
        return 0.0
    if info.reset_at is None:
        return DEFAULT_PAUSE
    return max(0.0, (info.reset_at - now).total_seconds())


class Monitor(PlatformWorker):
    def __init__(
        self,
        app: App,
        adapter_for: AdapterFor,
        worker_id: str,
        config: DaemonConfig | None = None,
        *,
        screen: SharedScreen | None = None,
        classifier: Any = None,
        clock: Callable[[], datetime] = utcnow,
        stopping: Callable[[], bool] = lambda: False,
        rate_reserve: float = RATE_RESERVE,
        budget: CallBudget | None = None,
    ) -> None:
        super().__init__(app, adapter_for, worker_id, config, screen=screen, clock=clock,
                         stopping=stopping, budget=budget)
        self._classifier = classifier
        self._injected = classifier is not None  # a test's stand-in is kept as given
        self._classified_under: Any = None  # the policy self._classifier was built with
        self.rate_reserve = rate_reserve
        self._held_for: dict[str, str | None] = {}  # platform -> why polling waits
        self._hide_cursor: dict[str, int] = {}  # platform -> last pending hide retried

    def in_force(self) -> Any:
        """The policy the monitor judges and hides under, read once per poll (and per hide
        retried): the flags, the hides and the trail's `policy.changed` record answer to one.
        While the file is refused, the last good one: hiding goes on (policy_watch)."""
        return self.app.policy_or_last_good

    @property
    def classifier(self) -> Any:
        return self.classifier_for(self.in_force())

    def classifier_for(self, policy: Any) -> Any:
        """The classifier under ``policy``'s thresholds. It was built once, at the first poll,
        so an edited `[moderation] thresholds` reloaded everywhere but here (session 46)."""
        if self._classifier is None or (not self._injected
                                        and self._classified_under is not policy):
            from policies.moderation import CommentClassifier

            self._classified_under = policy
            self._classifier = CommentClassifier(
                policy.moderation,
                phi_screen=lambda texts: self.screen(texts, "comment"),
                allow_domains=policy.phi.domains,
            )
        return self._classifier

    # -- one pass of one platform --------------------------------------------------------

    def run_platform(self, platform: str) -> PollResult:
        result = PollResult(platform)
        if self._paused(platform) or self._held(platform):
            return result
        self.retry_hides(platform, result)
        while self._may_poll(platform):
            targets = self.claim_polls(platform)
            for done, target in enumerate(targets):
                if not self._may_poll(platform) or not self._take_call(platform):
                    # Claimed but not polled: they go back to their place in the queue, so
                    # the next pass starts with them, not with the oldest post again.
                    self._release(targets[done:])
                    return result
                self.poll(target, result)
            if len(targets) < self.config.batch:
                break
        return result

    def _held(self, platform: str) -> bool:
        """Polling waits while the credential is known to be dead (not connected, expired,
        refused by the platform), as deliveries do: no calls that can only fail, and one log
        line when it starts and one when it ends, not one per post per pass. The daemon's
        account watch tells approvers, `comments list` and `socialbot check` say why, and a
        `socialbot connect` (a new credential) lets polling go on by itself."""
        watch = getattr(self.adapter_for, "watch", None)
        if watch is None:  # adapters not built from the stored credentials (tests, bench)
            return False
        reason = watch.problem(platform, self.clock(), polling=True)
        if reason != self._held_for.get(platform):
            self._held_for[platform] = reason
            if reason is not None:
                event(log, "comments.held", logging.WARNING, platform=platform, why=reason)
            else:
                event(log, "comments.resumed", platform=platform)
        return reason is not None

    def _may_poll(self, platform: str) -> bool:
        if not self._keep_going(platform) or self._held(platform):
            return False
        if self.budget.may_poll(platform):
            return True
        event(log, "comments.budget_spent", logging.WARNING, platform=platform,
              used=self.budget.used(platform))
        return False

    def _take_call(self, platform: str) -> bool:
        """A poll's first call, taken from the shared budget in one atomic step (another
        daemon may have spent the last one since _may_poll looked)."""
        if self.budget.take_poll_call(platform):
            return True
        event(log, "comments.budget_spent", logging.WARNING, platform=platform,
              used=self.budget.used(platform))
        return False

    def _release(self, targets: Sequence[PollTarget]) -> None:
        with self.app.db.write() as session:
            for target in targets:
                session.execute(
                    update(Delivery)
                    .where(Delivery.id == target.delivery_id,
                           Delivery.comments_polled_at == target.claimed_at)
                    .values(comments_polled_at=target.previous_poll))

    def _pause(self, platform: str, seconds: float, why: str) -> None:
        self.pauses.pause(platform, seconds)
        event(log, "comments.paused", platform=platform, seconds=round(seconds, 1), why=why)

    def monitor_days(self, platform: str) -> int:
        """The policy's window, cut to what the platform's API can serve (X: 7 days)."""
        from adapters import REGISTRY

        days = self.in_force().moderation.monitor_days
        cap = REGISTRY[platform].monitor_days_cap if platform in REGISTRY else None
        return min(days, cap) if cap else days

    def _due(self, now: datetime) -> Any:
        """Due for a poll by the post's age (policies/polling.py): often in its first hours,
        rarely after days."""
        first = timedelta(seconds=self.config.poll_interval)
        bands = []
        for start, end, every in self.in_force().polling.tiers(first):
            band = [Delivery.published_at <= now - start,
                    Delivery.comments_polled_at <= now - every]
            if end is not None:
                band.append(Delivery.published_at > now - end)
            bands.append(and_(*band))
        return or_(Delivery.comments_polled_at.is_(None), *bands)

    def claim_polls(self, platform: str) -> list[PollTarget]:
        """Published deliveries in the monitoring window and due by their age, least
        recently polled first, marked as polled now so that no other daemon polls them
        within the interval. Our own replies are deliveries too, but never polled: nothing
        answering them is a comment on our post."""
        now = self.clock()
        window = now - timedelta(days=self.monitor_days(platform))
        stmt = (
            select(Delivery)
            .join(Post, Post.id == Delivery.post_id)
            .where(
                Delivery.platform == platform,
                Delivery.status == DeliveryStatus.PUBLISHED,
                Delivery.remote_id.is_not(None),
                Delivery.published_at >= window,
                Post.reply_to_comment_id.is_(None),
                self._due(now),
            )
            .order_by(Delivery.comments_polled_at.asc().nulls_first(), Delivery.id)
            .limit(self.config.batch)
            .with_for_update(skip_locked=True)
        )
        with self.app.db.write() as session:
            targets = []
            for delivery in session.execute(stmt).scalars():
                previous = delivery.comments_polled_at
                delivery.comments_polled_at = now
                targets.append(PollTarget(delivery.id, delivery.post_id, platform,
                                          str(delivery.remote_id), delivery.comment_cursor,
                                          now, previous, delivery.published_at))
            return targets

    def poll(self, target: PollTarget, result: PollResult) -> None:
        platform = target.platform
        try:
            adapter = self.adapter_for(platform)
            before = getattr(adapter, "calls_made", 0)
            try:
                comments, cursor = adapter.fetch_comments(target.remote_id, target.cursor)
                again, position = self._reread(adapter, target)
                cursor = _with_reread_position(target.cursor, cursor, position)
            finally:  # the first call was taken before the poll
                self.budget.spend(platform, getattr(adapter, "calls_made", 0) - before - 1)
            # a read that goes on from where the last one stopped, or a ranked list read again,
            # hands back comments already stored: judged once, when first stored, and again
            # only when their words changed since (edited on the platform)
            comments, edits = self._sort_out(target, [*comments, *again])
            texts = [c.text for c in comments] + [e.comment.text for e in edits]
            in_force = self.in_force()
            flags = self.judge(texts, target, in_force) if texts else []
            flags = [[*f, *_unstorable(c)] for f, c in
                     zip(flags, [*comments, *(e.comment for e in edits)], strict=True)]
        except RateLimited as exc:
            result.failed += 1
            metrics.POLL_FAILURES.labels(platform).inc()
            self._pause(platform, exc.retry_after or DEFAULT_PAUSE, "rate limited")
            return
        except AuthError as exc:  # the credential is dead: hold polling until it changes
            result.failed += 1
            metrics.POLL_FAILURES.labels(platform).inc()
            watch = getattr(self.adapter_for, "watch", None)
            if watch is not None:
                watch.poll_refused(platform, str(exc))
            else:
                event(log, "comments.poll_failed", logging.WARNING, platform=platform,
                      post_id=target.post_id, error=str(exc)[:300])
            return
        except Exception as exc:  # noqa: BLE001 - the cursor stays; the next poll tries again
            result.failed += 1
            metrics.POLL_FAILURES.labels(platform).inc()
            event(log, "comments.poll_failed", logging.WARNING, platform=platform,
                  post_id=target.post_id, error=f"{type(exc).__name__}: {exc}"[:300])
            return
        wait = pause_for(adapter.rate_limit, self.clock(), self.rate_reserve)
        if wait > 0:
            self._pause(platform, wait, "rate limit nearly used up")
        new, changed = self.store(target, comments, flags[:len(comments)], cursor,
                                  list(zip(edits, flags[len(comments):], strict=True)),
                                  in_force)
        if more_to_read(cursor):
            # more comments than a poll's page bound: the next poll goes on from here
            event(log, "comments.backlog", logging.WARNING, platform=platform,
                  post_id=target.post_id, new=len(comments))
        result.polled += 1
        result.stored += len(new)
        result.edited += len(changed)
        metrics.mark_poll(platform)
        if new:
            metrics.COMMENTS_INGESTED.labels(platform).inc(len(new))
        # an edited comment goes the way a new one does: its flags counted, hidden when the
        # policy says so
        for comment_id, remote_id, comment_flags in [*new, *changed]:
            if comment_flags:
                result.flagged += 1
                for flag in comment_flags:
                    metrics.COMMENTS_FLAGGED.labels(platform, flag.flag).inc()
                if self._hide_wanted(platform, comment_flags, in_force) and self.hide(
                        platform, comment_id, remote_id, in_force):
                    result.hidden += 1

    def _reread(self, adapter: Any, target: PollTarget
                ) -> tuple[list[RemoteComment], list[str] | None]:
        """The post's comments read again for edits, when one is due: once per
        ``edit_sweep_interval`` of the post's age (the poll that crosses into a new interval
        since the post was published makes it), so the claim's times decide and no time of
        its own is stored; a poll that fails loses that interval's re-read (the next
        interval makes one). With the comments, the cursors the next paged re-read may go on
        from, the newest first (None: not read page by page; []: from the first page)."""
        every = self.config.edit_sweep_interval
        paged = getattr(adapter, "reread_paged", None)
        reread = getattr(adapter, "reread_comments", None)
        if paged is not None and _reread_trail(target.cursor)[1]:
            # logged once: the poll stores the cursors left without what was dropped
            event(log, "comments.reread_cursor_unreadable", logging.WARNING,
                  platform=target.platform, post_id=target.post_id,
                  detail="the stored re-read cursors were not all usable; dropped them")
        if (paged is None and reread is None) or every <= 0 or None in (
                target.published_at, target.previous_poll, target.claimed_at):
            return [], None  # the first poll of a post has stored nothing to read again

        def interval(moment: datetime | None) -> int:
            assert moment is not None and target.published_at is not None
            return int((moment - target.published_at).total_seconds() // every)

        if interval(target.claimed_at) <= interval(target.previous_poll):
            return [], None
        if paged is None:
            return list(reread(target.remote_id, target.cursor)), None
        again = paged(target.remote_id, _reread_position(target.cursor),
                      max_pages=REREAD_PAGES, max_calls=REREAD_MAX_CALLS)
        if getattr(again, "restarted", False):
            # Graph's cursors lapse (a comment deleted, or time): the round began again
            event(log, "comments.reread_restarted", logging.INFO, platform=target.platform,
                  post_id=target.post_id)
        trail = [str(c) for c in getattr(again, "trail", [])]
        return list(again), [c for c in trail if _usable_cursor(c)][:REREAD_CURSORS]

    def _sort_out(self, target: PollTarget, comments: Sequence[RemoteComment]
                  ) -> tuple[list[RemoteComment], list[Edited]]:
        """The comments not stored yet (a remote id is unique on its platform), each once, and
        the stored ones whose words changed: a stored id read with other text (Facebook,
        LinkedIn), or a new X id whose edit history names a stored one. A version a later
        one in the same read supersedes is left out (X's history names it)."""
        if not comments:
            return [], []
        superseded = {i for c in comments for i in c.earlier_ids}
        latest: dict[str, RemoteComment] = {}
        for comment in comments:
            if comment.id not in superseded:
                latest[comment.id] = comment  # a re-read, later than the poll's read, wins
        ids = list(dict.fromkeys([*latest, *superseded]))
        fresh: list[RemoteComment] = []
        edits: list[Edited] = []
        with self.app.db.read() as session:
            stored: dict[str, Comment] = {}
            for at in range(0, len(ids), 500):  # bound the IN list
                stored.update((row.remote_id, row) for row in session.scalars(
                    select(Comment).where(Comment.platform == target.platform,
                                          Comment.remote_id.in_(ids[at:at + 500]))))
            keys = audit.session_keys(session) if stored else None
            for comment in latest.values():
                earlier = next((stored[i] for i in reversed(comment.earlier_ids)
                                if i in stored), None)
                found = stored.get(comment.id) or earlier
                if found is None:
                    fresh.append(comment)
                elif comment.id not in stored or not reads_the_same(keys, found, comment.text):
                    # a purged comment keeps only a digest: the same words read again are
                    # no edit, or they would be stored again (comment_retention)
                    edits.append(Edited(found.id, comment))
        return fresh, edits

    def judge(self, texts: Sequence[str], target: PollTarget | None = None,
              policy: Any = None) -> list[list[Any]]:
        """Classify each text; one the classifier fails on is flagged for a person instead
        (_one_by_one). A text over ANALYSED_CHARS (issue 14.11: one 1.1-million-character
        comment used to fail every poll of its post) is read as a person reads it, runs of
        one blank or invisible character counted once (policies/moderation/as_read.py); what
        is still too long is judged on its first and last ANALYSED_CHARS, keeping each flag's
        higher score, so PHI or abuse at either end is hidden as it would be alone, and is
        flagged ``too_long`` as well, for a person to read the rest (session 54, C1: a third
        party's PHI padded with 20,001 spaces was flagged ``too_long`` only, never hidden)."""
        from policies.moderation import Flag
        from policies.moderation.as_read import as_read, visible_only, windows

        shown = list(texts)  # what each text reads as (the text itself when it fits)
        parts: list[tuple[int, str]] = []  # (which text, a part of it to classify)
        for i, text in enumerate(texts):
            if len(text) > ANALYSED_CHARS:
                shown[i] = as_read(text)
            parts += [(i, part) for part in windows(shown[i], ANALYSED_CHARS)]
            if len(shown[i]) > ANALYSED_CHARS and (bare := visible_only(shown[i])) != shown[i]:
                # its visible words too: pads of alternating blanks around a line are no one
                # repeated character (outside review D of session 54); two windows at most
                parts += [(i, part) for part in windows(bare, ANALYSED_CHARS)]
        results: list[list[Any]] = [[] for _ in texts]
        if parts:
            batch = [part for _, part in parts]
            try:
                classifier = (self.classifier if policy is None
                              else self.classifier_for(policy))
                classified = [list(flags) for flags in classifier.classify_many(batch)]
            except Exception:  # noqa: BLE001 - which comment it was is found below
                classified = self._one_by_one(batch, target)
            for (i, _), flags in zip(parts, classified, strict=True):
                results[i] = _strongest([*results[i], *flags]) if results[i] else flags
        for i, text in enumerate(texts):
            if len(shown[i]) > ANALYSED_CHARS:
                results[i] = [*results[i], Flag(
                    TOO_LONG, 1.0, f"too long to check in full ({len(text):,} characters; "
                    f"{len(shown[i]):,} as read): its first and last {ANALYSED_CHARS:,} were "
                    "checked, a person must read the rest")]
            elif is_blank(shown[i]):
                # a photo, sticker or GIF alone: the platform sends no text and nothing here
                # reads pictures posted as comments, so it is queued for a person rather than
                # stored as judged (an outside review, session 42: a photo can show a chart)
                results[i] = [Flag(UNCHECKED, 1.0, "has no text (a photo, sticker or GIF?): "
                                   "nothing in it was checked; a person must look at it on "
                                   "the platform")]
        return results

    def _one_by_one(self, texts: Sequence[str], target: PollTarget | None) -> list[list[Any]]:
        """Each comment of a batch the classifier failed on, classified alone, twice if need
        be; one it fails on both times is flagged for a person (stored and queued, not
        hidden: as for a comment too long to judge). Raises, so that the poll fails and is
        retried as before, where the classifier rather than a comment is at fault: it fails
        on plain text, before or after, or on most of the batch."""
        from policies.moderation import Flag

        self.classifier.classify_many([_PLAIN_TEXT])
        out: list[list[Any] | None] = []
        for text in texts:
            flags = None
            for _ in range(2):  # a failure that comes and goes is not the comment's
                try:
                    flags = list(self.classifier.classify_many([text])[0])
                    break
                except Exception as exc:  # noqa: BLE001 - flagged for a person below
                    error = type(exc).__name__
            if flags is None:
                event(log, "comment.unchecked", logging.WARNING,  # never the text: it may
                      platform=target.platform if target else None,  # carry PHI
                      post_id=target.post_id if target else None, chars=len(text), error=error)
            out.append(flags)
        failed = sum(flags is None for flags in out)
        if failed and (2 * failed > len(texts) > 1):
            raise RuntimeError(f"the classifier failed on {failed} of {len(texts)} comments")
        self.classifier.classify_many([_PLAIN_TEXT])
        return [flags if flags is not None else
                [Flag(UNCHECKED, 1.0, "could not be checked automatically (the classifier "
                      "failed on it): a person must read it")] for flags in out]

    # -- storing -------------------------------------------------------------------------

    def store(self, target: PollTarget, comments: Sequence[RemoteComment],
              flags: Sequence[Sequence[Any]], cursor: str | None,
              edits: Sequence[tuple[Edited, Sequence[Any]]] = (), policy: Any = None
              ) -> tuple[list[Stored], list[Stored]]:
        """Insert the new comments, record the edited ones' new words and move the cursor, in
        one transaction: (new, edited), each (comment id, remote id, flags). ``policy``: the
        one the flags were judged under; the trail names it before the first flag it records
        (the policy's hides were tied to no `policy.changed` record, session 46)."""
        from social_bot.policy_audit import note_policy

        in_force = policy if policy is not None else self.in_force()
        new: list[Stored] = []
        changed: list[Stored] = []
        unflagged: list[list[Any]] = []  # [comment id, platform id] for `comment.stored`
        stored: AuditRecord | None = None
        with self.app.db.write() as session:
            delivery = session.execute(
                select(Delivery).where(Delivery.id == target.delivery_id).with_for_update()
            ).scalar_one()
            _lock_replies(session, [edit.row_id for edit, _ in edits])
            if edits or any(flags):  # a record follows: the policy that judged it first
                note_policy(self.app, session, in_force, self.actor)
            for comment, comment_flags in zip(comments, flags, strict=True):
                comment_id = self._insert(session, target, comment, list(comment_flags),
                                          in_force)
                if comment_id is None:
                    continue  # seen before (a replayed page, or another daemon stored it)
                new.append((comment_id, comment.id, list(comment_flags)))
                if comment_flags:
                    self._announce(session, target, comment, comment_id, list(comment_flags),
                                   in_force)
                else:
                    unflagged.append([comment_id, comment.id, words_digest(
                        audit.session_keys(session), comment.author[:200], comment.text)])
            if unflagged:
                # where each comment is on the platform, keyed as it arrived (ids only, one
                # record a poll): a reply to one is aimed by it, not by the row a database
                # writer can swap (reply_target; session 51, session 50's last open item)
                # `since`: the watermark, carried in every record, so deleting the first
                # record does not raise it (the third and fourth reviews, 51)
                detail: dict[str, Any] = {"platform": target.platform, "comments": unflagged,
                                          "since": stored_since(session, unflagged)}
                stored = audit.append(session, actor=self.actor, action="comment.stored",
                                      post_id=target.post_id, detail=detail)
            for edit, comment_flags in edits:
                done = self._apply_edit(session, target, edit, list(comment_flags), in_force)
                if done is not None:
                    changed.append(done)
            if delivery.comment_cursor == target.cursor:
                delivery.comment_cursor = cursor
        if stored is not None:  # committed: the watermark outside the database (once)
            self._keep_since(stored)
        for name, rows in (("comment.stored", new), ("comment.edited", changed)):
            for comment_id, remote_id, comment_flags in rows:
                event(log, name, platform=target.platform, post_id=target.post_id,
                      comment_id=comment_id, remote_id=remote_id,
                      flags=[f.flag for f in comment_flags])
        return new, changed

    def _apply_edit(self, session: Session, target: PollTarget, edit: Edited,
                    comment_flags: list[Any], in_force: Any) -> Stored | None:
        """A comment edited on the platform after it was judged: its new words replace the
        old, judged as a new comment's are (flags, the policy's hide, the chat notice), and
        a person's decision on it is void (it was about the old words). Audited as
        comment.edited with both texts' length and keyed digest, never the words; on X the
        superseded version's id too. A deleted comment stays deleted."""
        from social_bot.chat.typed import trace

        row = session.execute(
            select(Comment).where(Comment.id == edit.row_id).with_for_update()
        ).scalar_one()
        comment = edit.comment
        keys = audit.session_keys(session)
        if row.state == CommentState.DELETED or (reads_the_same(keys, row, comment.text)
                                                 and row.remote_id == comment.id):
            return None  # deleted meanwhile, or another daemon recorded this edit
        key = keys.current
        detail: dict[str, Any] = {
            "comment_id": row.id, "platform": row.platform, "remote_id": comment.id,
            "was": trace(key, row.text).as_detail(), "now": trace(key, comment.text).as_detail(),
            "state_before": row.state, "flags": [f.flag for f in comment_flags],
            "words": words_digest(keys, row.author, comment.text)}
        if row.remote_id != comment.id:
            detail["superseded"] = row.remote_id
        if row.resolved_by is not None:
            detail["decision_void"] = row.resolved_by
        row.remote_id, row.text = comment.id, comment.text
        row.purged_at = row.text_digest = None  # new words, to be judged and kept anew
        row.flags = [f.to_dict() for f in comment_flags]
        row.fetched_at = self.clock()
        row.resolved_by = row.resolved_at = None
        row.last_error = None
        if row.state != CommentState.HIDDEN:  # hidden stays hidden, back in a person's queue
            row.state = str(self._initial_state(
                target.platform, replace(comment, hidden=row.hidden_on_platform), comment_flags,
                in_force))
        audit.append(session, actor=self.actor, action="comment.edited", post_id=row.post_id,
                     detail=detail)
        # a reply waiting to go out was written, and approved, for the old words
        withdraw_replies(session, row.id, self.actor,
                         f"comment {row.id} was edited on {row.platform} after this reply "
                         "was written: read its new words (`socialbot comments list`) and "
                         f"reply again if it still needs one (`socialbot comments reply {row.id}`)")
        if comment_flags:
            self._announce(session, target, comment, row.id, comment_flags, in_force)
        return row.id, comment.id, comment_flags

    def _hide_wanted(self, platform: str, comment_flags: Sequence[Any], in_force: Any) -> bool:
        """The policy wants it hidden and the platform can hide."""
        from adapters import adapter_class

        return (bool(comment_flags) and self._wants_hide(comment_flags, in_force)
                and adapter_class(platform).can_hide)

    def _initial_state(self, platform: str, comment: RemoteComment,
                       comment_flags: Sequence[Any], in_force: Any) -> CommentState:
        """HIDE_PENDING is set in the same transaction as the comment, so a hide lost to a
        crash between storing and hiding is retried by retry_hides."""
        if not comment_flags:
            return CommentState.NEW
        if self._hide_wanted(platform, comment_flags, in_force) and not comment.hidden:
            return CommentState.HIDE_PENDING
        return CommentState.FLAGGED

    def _keep_since(self, record: AuditRecord) -> None:
        """The watermark in the file beside the vote key, when it is not there yet
        (reply_target.keep_since): a database writer who deletes every `comment.stored`
        record no longer gets the row fallback back. A folder it cannot write is said in
        the log, and the poll goes on (the trail's watermark still holds)."""
        try:
            made = keep_since(app_keys(self.app), record)
        except OSError as exc:
            event(log, "comments.since_unkept", logging.WARNING, why=str(exc))
            return
        if made is not None:
            event(log, "comments.since_kept", path=str(made), record=record.seq)

    def _insert(self, session: Session, target: PollTarget, comment: RemoteComment,
                comment_flags: list[Any], in_force: Any) -> int | None:
        dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
        stmt = (
            dialect.insert(Comment)
            .values(
                delivery_id=target.delivery_id,
                post_id=target.post_id,
                platform=target.platform,
                remote_id=comment.id,
                parent_remote_id=comment.parent_id,
                author=comment.author[:200],
                text=comment.text,
                remote_created_at=comment.created_at,
                fetched_at=self.clock(),
                flags=[f.to_dict() for f in comment_flags],
                state=str(self._initial_state(target.platform, comment, comment_flags,
                                              in_force)),
                hidden_on_platform=bool(comment.hidden),
                last_error=None,
            )
            .on_conflict_do_nothing(index_elements=["platform", "remote_id"])
            .returning(Comment.id)
        )
        return session.execute(stmt).scalar_one_or_none()

    def _announce(self, session: Session, target: PollTarget, comment: RemoteComment,
                  comment_id: int, comment_flags: list[Any], in_force: Any) -> None:
        names = [f.flag for f in comment_flags]
        hide = self._wants_hide(comment_flags, in_force)
        audit.append(session, actor=self.actor, action="comment.flagged", post_id=target.post_id,
                     detail={"comment_id": comment_id, "platform": target.platform,
                             "remote_id": comment.id, "flags": names, "auto_hide": hide,
                             "words": words_digest(audit.session_keys(session),
                                                   comment.author[:200], comment.text)})
        outbox.add(session, outbox.CommentFlagged(
            post_id=target.post_id, comment_id=comment_id, platform=target.platform,
            flags=tuple(names), auto_hide=hide))

    # -- hiding --------------------------------------------------------------------------

    def _wants_hide(self, comment_flags: Sequence[Any], in_force: Any) -> bool:
        from policies.moderation import should_auto_hide

        return should_auto_hide(list(comment_flags), in_force.moderation)

    def hide(self, platform: str, comment_id: int, remote_id: str, in_force: Any = None
             ) -> bool:
        """The policy's hide, through the same apply_decision as a person's; a failure stays
        on the comment (still HIDE_PENDING) for retry_hides. While a person's decision about
        the comment is being applied the policy stands aside (comment_lock): it stands."""
        from social_bot.comments import apply_decision

        try:
            adapter = self.adapter_for(platform)
        except Exception as exc:  # noqa: BLE001 - no adapter now: retry_hides tries again
            event(log, "comment.hide_failed", logging.WARNING, platform=platform,
                  comment_id=comment_id, error=f"{type(exc).__name__}: {exc}"[:300])
            return False
        done = apply_decision(self.app, comment_id, CommentAction.HIDE, self.actor, adapter,
                              by_policy=True,
                              policy=in_force if in_force is not None else self.in_force())
        if done.error is not None:
            event(log, "comment.hide_failed", logging.WARNING, platform=platform,
                  comment_id=comment_id, error=done.error[:300])
        if not done.applied:
            return False
        metrics.COMMENTS_HIDDEN.labels(platform).inc()
        event(log, "comment.hidden", platform=platform, comment_id=comment_id)
        return True

    def retry_hides(self, platform: str, result: PollResult) -> None:
        """Flagged comments whose auto-hide failed earlier (the platform was down) or never
        ran (the daemon stopped between storing and hiding)."""
        from social_bot.comments import stored_flags

        # Round the queue, not its head: a pending hide that fails every pass (a comment
        # deleted on Facebook, which Graph answers as one it may not load) stays pending, and
        # with the oldest `batch` taken each pass, `batch` of those stopped every later one
        # from being tried again (an outside review, session 46). From after the last one
        # tried, then from the start: each is tried within ceil(pending / batch) passes.
        after, batch = self._hide_cursor.get(platform, 0), self.config.batch
        stmt = (
            select(Comment.id, Comment.remote_id, Comment.flags)
            .where(Comment.platform == platform, Comment.state == CommentState.HIDE_PENDING)
            .order_by(Comment.id)
        )
        with self.app.db.read() as session:
            rows = list(session.execute(stmt.where(Comment.id > after).limit(batch)))
            if len(rows) < batch and after:
                rows += session.execute(stmt.where(Comment.id <= after)
                                        .limit(batch - len(rows)))
        self._hide_cursor[platform] = rows[-1].id if rows else 0
        for row in rows:
            if self.stopping() or self._paused(platform):
                return
            in_force = self.in_force()
            try:
                flags = stored_flags(row.flags)
            except (KeyError, TypeError, ValueError, AttributeError):
                # flags edited in the database or of another version: before, the KeyError
                # ended this pass and the poll after it, every pass (session 46)
                event(log, "comment.flags_unreadable", logging.WARNING, platform=platform,
                      comment_id=row.id)
                self._no_longer_pending(row.id, "its stored flags cannot be read: the "
                                                "policy's hide is left to a person")
                continue
            if not self._wants_hide(flags, in_force):
                # the policy changed: a person decides now
                self._no_longer_pending(row.id)
            elif self.hide(platform, row.id, row.remote_id, in_force):
                result.hidden += 1

    def _no_longer_pending(self, comment_id: int, why: str | None = None) -> None:
        with self.app.db.write() as session:
            row = session.get(Comment, comment_id, with_for_update=True)
            if row is not None and row.state == CommentState.HIDE_PENDING:
                row.state = CommentState.FLAGGED
                if why is not None:
                    row.last_error = why


def _usable_cursor(value: object) -> bool:
    return (isinstance(value, str) and 0 < len(value) <= REREAD_CURSOR_CHARS
            and value.isascii() and value.isprintable())


def _reread_trail(cursor: str | None) -> tuple[list[str], bool]:
    """The platform's cursors the last paged re-read left, the newest first ([]: the first
    page; a number, s54-cfix's row id, means that too), and whether anything else stored
    there was dropped (a corrupted row: not a list of short printable strings)."""
    try:
        found = json.loads(cursor or "").get(REREAD_KEY)
    except (ValueError, AttributeError, RecursionError):
        return [], False  # not the adapters' JSON object: the adapter reads it afresh
    if found is None or (isinstance(found, int) and not isinstance(found, bool)):
        return [], False
    if isinstance(found, str):
        found = [found]
    if not isinstance(found, list):
        return [], True
    kept = [c for c in found if _usable_cursor(c)][:REREAD_CURSORS]
    return kept, len(kept) != len(found)


def _reread_position(cursor: str | None) -> list[str]:
    """The cursors of _reread_trail, without the flag."""
    return _reread_trail(cursor)[0]


def _with_reread_position(before: str | None, cursor: str | None,
                          position: list[str] | None) -> str | None:
    """The adapter's new ``cursor`` carrying the re-read's place in its round: ``position``
    when a paged re-read was made ([]: the first page), else the one ``before`` held. The
    adapters' cursors are JSON objects that ignore keys they do not know
    (adapters/_cursor.py); any other cursor is left as it is."""
    keep = position if position is not None else _reread_position(before)
    try:
        body = json.loads(cursor or "")
    except ValueError:
        return cursor
    if not isinstance(body, dict) or body.get(REREAD_KEY, []) == keep:
        return cursor
    if keep:
        body[REREAD_KEY] = keep
    else:
        body.pop(REREAD_KEY, None)
    return json.dumps(body)


def _strongest(flags: Sequence[Any]) -> list[Any]:
    """Each flag once, with its highest score (the parts of one long comment), in the order
    first raised."""
    best: dict[str, Any] = {}
    for flag in flags:
        if flag.flag not in best or flag.score > best[flag.flag].score:
            best[flag.flag] = flag
    return list(best.values())


def _unstorable(comment: RemoteComment) -> list[Any]:
    """The flag for a comment whose characters were replaced to be stored (none if not)."""
    from policies.moderation import Flag

    if not comment.replaced:
        return []
    return [Flag(UNSTORABLE, 1.0, f"held {comment.replaced} character(s) the database cannot "
                 "store (a NUL byte or a broken one), stored as U+FFFD: a person must read "
                 "it on the platform")]


def _lock_replies(session: Session, comment_ids: Sequence[int]) -> None:
    """Lock the reply posts to these (edited) comments before this transaction writes any
    audit record: `withdraw_replies` locks them after the comment.edited (and
    comment.flagged) records, whose head lock a reply's claim takes after its post's. On
    PostgreSQL the poll and the claim deadlocked ("deadlock detected": the poll's whole
    batch of comments rolled back; an outside review, session 44)."""
    if not comment_ids:
        return
    for post_id in session.scalars(select(Post.id).where(
            Post.reply_to_comment_id.in_(list(comment_ids))).order_by(Post.id)):
        lock_post(session, post_id)
