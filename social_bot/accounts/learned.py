"""What the daemon learns about a token set only in the environment, by asking the platform's
token introspection (LinkedIn's introspectToken, Graph's debug_token) once a day.

A token `socialbot connect` stored carries its expiry; one put in the environment by hand
does not, so without this the daemon would learn it was dead only when the platform refused
a publish. No secret is kept here: entries are keyed by the credential's fingerprint.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from social_bot.errors import UserError
from social_bot.logs import event, mask, secret_values

if TYPE_CHECKING:
    from social_bot.accounts.inspect import Introspection

log = logging.getLogger("socialbot.accounts")

ASK_EVERY = timedelta(days=1)
RETRY_AFTER_FAILURE = timedelta(hours=1)


@dataclass(frozen=True)
class Learned:
    fingerprint: str
    next_ask: datetime
    expires_at: datetime | None = None
    scopes: tuple[str, ...] | None = None
    dead: str | None = None  # the platform says the token is not active: why


class LearnedTokens:
    """Per platform, the last introspection of the environment's token."""

    def __init__(self, ask: Callable[[str, Mapping[str, str]], Introspection | None]
                 | None = None) -> None:
        from social_bot.accounts.inspect import introspect

        self._ask = ask or introspect
        self._lock = threading.Lock()
        self._known: dict[str, Learned] = {}

    def get(self, platform: str, fingerprint: str | None) -> Learned | None:
        with self._lock:
            found = self._known.get(platform)
        return found if found is not None and found.fingerprint == fingerprint else None

    def refresh(self, platform: str, fingerprint: str, env: Mapping[str, str],
                now: datetime) -> Learned | None:
        """Ask again when the last answer is a day old (an hour after a failure)."""
        with self._lock:
            last = self._known.get(platform)
        if last is not None and last.fingerprint == fingerprint and now < last.next_ask:
            return last
        try:
            found = self._ask(platform, env)
        except UserError as exc:
            event(log, "account.introspection_failed", logging.WARNING, platform=platform,
                  error=mask(str(exc), secret_values(env))[:200])
            learned = Learned(fingerprint, now + RETRY_AFTER_FAILURE,
                              last.expires_at if last and last.fingerprint == fingerprint
                              else None)
        else:
            if found is None:  # no endpoint, or no app credentials: ask again tomorrow
                learned = Learned(fingerprint, now + ASK_EVERY)
            else:
                # the platform's words go to chat and `comments list`: a message that quotes
                # the token or the app secret must not take them there
                dead = None if found.active else mask(found.reason or "inactive",
                                                      secret_values(env))
                learned = Learned(fingerprint, now + ASK_EVERY, found.expires_at, found.scopes,
                                  dead)
                event(log, "account.introspected", platform=platform, fingerprint=fingerprint,
                      expires_at=learned.expires_at.isoformat() if learned.expires_at else None,
                      active=learned.dead is None)
        with self._lock:
            self._known[platform] = learned
        return learned
