"""The daemon's side of accounts: which credential each platform uses now, whether a post
there would fail for lack of access, and the chat warnings about it.

- `AccessWatch.problem(platform)`: why publishing to a platform must wait (not connected,
  token expired, a publishing permission missing, or the platform refused this very token),
  or None. No network: it reads the credential store and what the publisher reported.
- `AccessWatch.auth_failed(platform, reason)`: the publisher got an authentication error;
  until the credential changes (`socialbot connect`), the platform's deliveries are held.
- `AccessWatch.tick()`: at most once a minute, tell approvers in chat when a token expires
  within the warning window (7 days), and at once when a scheduled post would fail for lack
  of access. Each warning goes out once per token, kind and day (`account_notices`).
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from social_bot import outbox
from social_bot.accounts.learned import LearnedTokens
from social_bot.accounts.needs import missing, only_to_watch
from social_bot.accounts.settings import unwatched_platforms, warn_windows
from social_bot.accounts.store import (
    Credential,
    CredentialFileError,
    CredentialStore,
    damaged_entry,
    destination,
    env_fingerprint,
    platform_env,
)
from social_bot.db.models import AccountNotice, Delivery, Post, utcnow
from social_bot.errors import UserError
from social_bot.logs import event

log = logging.getLogger("socialbot.accounts")

PLATFORMS = ("linkedin", "facebook", "x")
TICK_EVERY = timedelta(minutes=1)
REFRESH_EVERY = timedelta(hours=12)  # at most one refresh attempt per platform in this span
# Deliveries that may still go out, of posts that may still be published.
WAITING_DELIVERIES = ("pending", "retry", "held")
LIVE_POSTS = ("pending_approval", "approved", "publishing", "partially_published")
POLL_HELD = "poll_held"  # the account_notices kind that also tells `comments list` why



_ACTIVE: weakref.WeakKeyDictionary[Any, AccessWatch] = weakref.WeakKeyDictionary()


def activate(app: Any, watch: AccessWatch) -> None:
    """Make `watch` the one the publish-time check consults for `app` (the daemon does this
    when its adapters read the credentials through the watch; a publisher built on other
    adapters, as in tests, is not checked)."""
    _ACTIVE[app] = watch


def active_watch(app: Any) -> AccessWatch | None:
    return _ACTIVE.get(app)


class AccessWatch:
    def __init__(self, app: Any, *, clock: Callable[[], datetime] = utcnow,
                 env: Mapping[str, str] | None = None,
                 platforms: tuple[str, ...] = PLATFORMS) -> None:
        self.app = app
        self.platforms = platforms
        self.clock = clock
        self.env = dict(env if env is not None else app.settings.env)
        self.store = CredentialStore(app.settings.data_dir)
        self.token_warn, _ = warn_windows(self.env)
        self.unwatched = unwatched_platforms(self.env)
        self._lock = threading.Lock()
        self._cache: tuple[Any, dict[str, str], dict[str, Credential]] | None = None
        self._rejected: dict[str, tuple[str, str]] = {}  # platform -> (fingerprint, reason)
        self._last_tick: datetime | None = None
        self._refreshed: dict[str, datetime] = {}  # platform -> last refresh attempt
        # Comment polls the platform refused: polling waits for a new credential.
        self._poll_rejected: dict[str, tuple[str, str]] = {}
        # Expiry of environment-only tokens, from the platform's introspection (daily).
        self.learned = LearnedTokens()

    # -- the credentials in use ------------------------------------------------------------

    def _load(self) -> tuple[dict[str, str], dict[str, Credential]]:
        """The adapters' settings and the stored credentials, reread when the file changes."""
        version = self.store.version()
        with self._lock:
            if self._cache is not None and self._cache[0] == version:
                return self._cache[1], self._cache[2]
        stored = self.store.load_all()
        merged = platform_env(self.env, None)
        for credential in stored.values():
            for name, value in credential.values.items():
                if not merged.get(name):
                    merged[name] = value
        with self._lock:
            self._cache = (version, merged, stored)
        return merged, stored

    def settings(self) -> dict[str, str]:
        """The settings to build adapters from (the environment wins over the store)."""
        return dict(self._load()[0])

    def fingerprint(self, platform: str) -> str | None:
        return env_fingerprint(platform, self._load()[0])

    def credential(self, platform: str) -> Credential | None:
        """The stored credential, if it is the one in use (the environment may override it)."""
        merged, stored = self._load()
        found = stored.get(platform)
        if found is None or found.fingerprint != env_fingerprint(platform, merged):
            return None
        return found

    def destination(self, platform: str) -> str | None:
        """Where a post to `platform` goes now ("organization 123", "Page 456", "@handle")."""
        merged, stored = self._load()
        return destination(platform, merged, stored.get(platform))

    # -- can we publish? -------------------------------------------------------------------

    def expires_at(self, platform: str) -> datetime | None:
        """When the token in use expires: from `connect`'s record, else from what the
        platform's introspection said of the environment's token (None: never, or unknown)."""
        credential = self.credential(platform)
        if credential is not None:
            return credential.expires_at
        learned = self.learned.get(platform, self.fingerprint(platform))
        return learned.expires_at if learned is not None else None

    def problem(self, platform: str, now: datetime | None = None, *,
                polling: bool = False) -> str | None:
        """Why publishing (or, with `polling`, reading comments) on `platform` must wait for a
        person; None when nothing known stands in the way."""
        now = now or self.clock()
        try:
            fp = self.fingerprint(platform)
        except CredentialFileError as exc:  # e.g. readable by others: held, and said why
            # This text goes to chat: the reason without the file's path (the CLI shows it).
            return f"the credential file cannot be used ({exc.reason})"
        if fp is None:
            if platform in self.store.damaged():
                return damaged_entry(platform).reason
            return f"{platform} is not connected"
        with self._lock:
            rejected = (self._poll_rejected if polling else self._rejected).get(platform)
        if rejected is not None and rejected[0] == fp:
            return rejected[1]
        learned = self.learned.get(platform, fp)
        if learned is not None and learned.dead:
            return f"{platform} says the token is no longer valid ({learned.dead})"
        expires = self.expires_at(platform)
        if expires is not None and expires <= now:
            return f"the {platform} token expired on {expires:%Y-%m-%d %H:%M} UTC"
        if polling:
            return None  # a token that cannot publish may still read: the poll will tell
        credential = self.credential(platform)
        scopes = credential.scopes if credential is not None else (
            learned.scopes if learned is not None else None)
        lacking = missing(platform, scopes or None, to_publish=True,
                          watched=platform not in self.unwatched)
        if not lacking:
            return None
        problem = f"the {platform} token lacks the permission(s) {', '.join(lacking)}"
        if only_to_watch(platform, lacking):
            # Publishing would work, but nobody would see a patient's details in a comment.
            problem += (f", without which socialbot cannot read or hide comments on the post "
                        f"(to publish there unwatched: SOCIALBOT_PUBLISH_UNWATCHED={platform})")
        return problem

    def poll_refused(self, platform: str, reason: str) -> None:
        """A comment poll was refused for the credential: no more polls with it (each would
        fail the same way) until it changes."""
        fp = self.fingerprint(platform)
        if fp is None:
            return
        with self._lock:
            known = self._poll_rejected.get(platform)
            self._poll_rejected[platform] = (fp, f"{platform} refused the credential when "
                                                 f"reading comments ({reason})")
        if known is None or known[0] != fp:
            self.poke()
            event(log, "account.poll_rejected", logging.WARNING, platform=platform,
                  fingerprint=fp)

    def auth_failed(self, platform: str, reason: str) -> None:
        """The platform refused the credential in use: hold until it changes."""
        fp = self.fingerprint(platform)
        if fp is None:
            return
        with self._lock:
            self._rejected[platform] = (fp, f"{platform} refused the credential ({reason})")
        self.poke()
        event(log, "account.rejected", logging.WARNING, platform=platform, fingerprint=fp)

    def poke(self) -> None:
        """Look again at the next tick (a hold was just made: tell approvers at once)."""
        self._last_tick = None

    # -- chat warnings -----------------------------------------------------------------------

    def tick(self, force: bool = False) -> int:
        """Queue the warnings that are due; returns how many were queued."""
        now = self.clock()
        if not force and self._last_tick is not None and now - self._last_tick < TICK_EVERY:
            return 0
        self._last_tick = now
        queued = 0
        for platform in self.platforms:
            queued += self._check_platform(platform, now)
        return queued

    def _waiting(self, platform: str) -> list[tuple[int, datetime | None]]:
        """(post id, due time) of the deliveries that may still go out on `platform`."""
        stmt = (select(Delivery.post_id, Delivery.due_at)
                .join(Post, Post.id == Delivery.post_id)
                .where(Delivery.platform == platform,
                       Delivery.status.in_(WAITING_DELIVERIES),
                       Post.status.in_(LIVE_POSTS))
                .order_by(Delivery.due_at, Delivery.post_id))
        with self.app.db.read() as session:
            return [(row.post_id, row.due_at) for row in session.execute(stmt)]

    def _refresh(self, platform: str, now: datetime) -> None:
        """LinkedIn: renew a token nearing expiry with the stored refresh token, when LinkedIn
        gave one and the app's credentials are set. A failure only leaves the warnings on."""
        credential = self.credential(platform)
        last = self._refreshed.get(platform)
        if (platform != "linkedin" or credential is None or not credential.refresh_token
                or credential.expires_at is None or credential.expires_at - now > self.token_warn
                or (credential.refresh_expires_at is not None
                    and credential.refresh_expires_at - now <= self.token_warn)  # no gain
                or (last is not None and now - last < REFRESH_EVERY)
                or not (self.env.get("LINKEDIN_CLIENT_ID")
                        and self.env.get("LINKEDIN_CLIENT_SECRET"))):
            return
        self._refreshed[platform] = now
        from social_bot import audit
        from social_bot.accounts.connect import refresh_linkedin

        try:
            renewed = refresh_linkedin(self.settings(), credential, now=self.clock)
        except UserError as exc:
            event(log, "account.refresh_failed", logging.WARNING, platform=platform,
                  error=str(exc))
            return
        if not self.store.replace(credential, renewed):
            # `socialbot connect` stored another connection while LinkedIn answered: that
            # one is newer and chosen by a person; this refresh's result is dropped.
            event(log, "account.refresh_dropped", logging.WARNING, platform=platform,
                  fingerprint=renewed.fingerprint, previous=credential.fingerprint)
            return
        with self.app.db.write() as session:
            audit.append(session, actor="socialbot-daemon", action="account.refreshed",
                         detail={"platform": platform, "fingerprint": renewed.fingerprint,
                                 "previous": credential.fingerprint,
                                 "expires_at": renewed.expires_at.isoformat()
                                 if renewed.expires_at else None})
        event(log, "account.refreshed", platform=platform, fingerprint=renewed.fingerprint)

    def _release(self, platform: str) -> None:
        """Deliveries held for lack of access go back in the queue once the platform can be
        used again (a new `socialbot connect`, a refreshed token, or a restart with new
        settings: one try, held again if still refused)."""
        from social_bot.accounts.service import release_access_holds

        release_access_holds(self.app, platform, "socialbot-daemon")

    def _learn(self, platform: str, now: datetime) -> None:
        """An environment-only token: ask the platform when it expires (once a day)."""
        fp = self.fingerprint(platform)
        if fp is not None and self.credential(platform) is None:
            self.learned.refresh(platform, fp, self.settings(), now)

    def watched(self, platform: str, now: datetime) -> bool:
        """A published post of ours on `platform` is still within comment monitoring."""
        days = self.app.policy.moderation.monitor_days
        stmt = (select(Delivery.id).join(Post, Post.id == Delivery.post_id)
                .where(Delivery.platform == platform, Delivery.status == "published",
                       Delivery.remote_id.is_not(None),
                       Delivery.published_at >= now - timedelta(days=days),
                       Post.reply_to_comment_id.is_(None)).limit(1))
        with self.app.db.read() as session:
            return session.scalar(stmt) is not None

    def _check_platform(self, platform: str, now: datetime) -> int:
        try:
            self._refresh(platform, now)
            self._learn(platform, now)
            fp = self.fingerprint(platform) or "none"
        except UserError:
            fp = "unreadable"  # problem() below says why
        now = self.clock()  # a refresh took a moment: judge the new token from here
        problem = self.problem(platform, now)
        if problem is None:
            self._release(platform)
        polling = self.problem(platform, now, polling=True)
        reading = polling is not None and self.watched(platform, now)
        waiting = self._waiting(platform)
        if problem is not None and waiting:
            posts = ", ".join(str(p) for p, _ in waiting[:5]) + (" ..." if len(waiting) > 5
                                                                   else "")
            return self._notice(platform, fp, "access_missing", now, outbox.AccessMissing(
                platform=platform, problem=f"{problem}; held until it is fixed: post(s) {posts}"
                + ("; comment polling is held too" if reading else "")))
        if reading:
            return self._notice(platform, fp, POLL_HELD, now, outbox.AccessMissing(
                platform=platform, problem=f"{polling}; comment polling is held until "
                                           f"'socialbot connect {platform}'"))
        if problem is not None:
            return 0  # nothing would fail: `socialbot check` reports it
        expires = self.expires_at(platform)
        if expires is None:
            return 0
        queued = 0
        late = [(p, due) for p, due in waiting if due is not None and due >= expires]
        if late:
            post_id, due = late[0]
            queued += self._notice(platform, fp, "post_after_expiry", now, outbox.AccessMissing(
                platform=platform,
                problem=f"post {post_id} is scheduled for {due:%Y-%m-%d %H:%M} UTC, after the "
                        f"{platform} token expires ({expires:%Y-%m-%d %H:%M} UTC)"
                        + (f", and {len(late) - 1} more" if len(late) > 1 else "")))
        left = expires - now
        if left <= self.token_warn:
            days = max(0, int(left / timedelta(days=1)))
            queued += self._notice(platform, fp, "token_expiring", now, outbox.TokenExpiring(
                platform=platform, expires_at=expires.isoformat(), days_left=days))
        return queued

    def _notice(self, platform: str, fp: str, kind: str, now: datetime,
                message: outbox.Message) -> int:
        """Queue one chat message unless this token had this warning today."""
        day = now.date().isoformat()
        key = (AccountNotice.platform == platform, AccountNotice.fingerprint == fp,
               AccountNotice.kind == kind, AccountNotice.day == day)
        with self.app.db.read() as session:
            if session.scalar(select(AccountNotice.id).where(*key)) is not None:
                return 0
        try:
            with self.app.db.write() as session:
                session.add(AccountNotice(platform=platform, fingerprint=fp, kind=kind, day=day))
                session.flush()  # the unique key: another daemon may have sent it just now
                outbox.add(session, message)
        except IntegrityError:
            return 0
        event(log, "account.notice", platform=platform, kind=kind, fingerprint=fp)
        return 1
