"""What follows a `socialbot connect`: the audit record, and the platform's held deliveries
put back in the queue (they were waiting for exactly this)."""

from __future__ import annotations

import logging
from typing import Any

from social_bot import audit
from social_bot.accounts.store import Credential
from social_bot.logs import event

log = logging.getLogger("socialbot.accounts")


def record_connect(app: Any, credential: Credential, actor: str, os_user: str | None) -> int:
    """Audit the new connection (never the token: its fingerprint) and release the platform's
    deliveries held for lack of access. Returns how many were released."""
    with app.db.write() as session:
        audit.append(session, actor=actor, os_user=os_user, action="account.connected",
                     detail={"platform": credential.platform, "account": credential.account,
                             "fingerprint": credential.fingerprint,
                             "scopes": list(credential.scopes),
                             "expires_at": credential.expires_at.isoformat()
                             if credential.expires_at else None})
    released = release_access_holds(app, credential.platform, actor)
    event(log, "account.connected", platform=credential.platform,
          fingerprint=credential.fingerprint, released=released)
    return released


def release_access_holds(app: Any, platform: str, actor: str) -> int:
    """Deliveries held because the platform could not be used go back in the queue."""
    try:
        from social_bot.daemon.claims import release_holds
        from social_bot.domain import HoldKind
    except ImportError:  # before the publisher's hold states exist: nothing is held
        return 0
    return release_holds(app, platform, (HoldKind.AUTH,), actor=actor)
