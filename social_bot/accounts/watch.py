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
from social_bot.accounts.needs import missing
from social_bot.accounts.settings import warn_windows
from social_bot.accounts.store import (
    Credential,
    CredentialStore,
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
        self._lock = threading.Lock()
        self._cache: tuple[Any, dict[str, str], dict[str, Credential]] | None = None
        self._rejected: dict[str, tuple[str, str]] = {}  # platform -> (fingerprint, reason)
        self._last_tick: datetime | None = None
        self._refreshed: dict[str, datetime] = {}  # platform -> last refresh attempt

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

    # -- can we publish? -------------------------------------------------------------------

    def problem(self, platform: str, now: datetime | None = None) -> str | None:
        now = now or self.clock()
        try:
            fp = self.fingerprint(platform)
        except UserError as exc:  # e.g. credentials.json readable by others: held, and said
            return f"the credential file cannot be used ({exc})"
        if fp is None:
            return f"{platform} is not connected"
        with self._lock:
            rejected = self._rejected.get(platform)
        if rejected is not None and rejected[0] == fp:
            return rejected[1]
        credential = self.credential(platform)
        if credential is None:
            return None  # a credential from the environment: nothing known against it
        if credential.expires_at is not None and credential.expires_at <= now:
            return f"the {platform} token expired on {credential.expires_at:%Y-%m-%d %H:%M} UTC"
        lacking = missing(platform, credential.scopes or None, to_publish=True)
        if lacking:
            return f"the {platform} token lacks the permission(s) {', '.join(lacking)}"
        return None

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
        self.store.save(renewed)
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

    def _check_platform(self, platform: str, now: datetime) -> int:
        try:
            self._refresh(platform, now)
            fp = self.fingerprint(platform) or "none"
        except UserError:
            fp = "unreadable"  # problem() below says why
        now = self.clock()  # a refresh took a moment: judge the new token from here
        problem = self.problem(platform, now)
        if problem is None:
            self._release(platform)
        waiting = self._waiting(platform)
        if problem is not None:
            if not waiting:
                return 0  # nothing would fail: `socialbot check` reports it
            posts = ", ".join(str(p) for p, _ in waiting[:5]) + (" ..." if len(waiting) > 5
                                                                   else "")
            return self._notice(platform, fp, "access_missing", now, outbox.AccessMissing(
                platform=platform, problem=f"{problem}; held until it is fixed: post(s) {posts}"))
        credential = self.credential(platform)
        if credential is None or credential.expires_at is None:
            return 0
        expires = credential.expires_at
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
