"""What follows a `socialbot connect`: the audit record, and the platform's held deliveries
put back in the queue (they were waiting for exactly this)."""

from __future__ import annotations

import logging
from typing import Any

from social_bot import audit
from social_bot.accounts.identity import switched
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


def hold_for_new_destination(app: Any, platform: str, before: str | None, after: str | None,
                             actor: str, os_user: str | None) -> list[int]:
    """`connect` is about to send `platform`'s posts to another account (organization, Page,
    X account): the approvers approved them for `before`, so each post still waiting to go
    out there is put on hold until two approvers release it (`/socialbot release ID`).
    Called before the new credential is stored, so the daemon cannot publish one in between.
    Returns the ids of the posts held. Nothing when either account is unknown (a first
    connect: approvers saw no account) or they are the same."""
    if not switched(platform, before, after):
        return []
    from social_bot.holds import hold_for_account

    reason = (f"the {platform} account changed from {before} to {after} (socialbot connect "
              f"by {actor}) after this post was approved")
    held = hold_for_account(app, platform, reason, actor=actor, os_user=os_user)
    with app.db.write() as session:
        audit.append(session, actor=actor, os_user=os_user, action="account.switched",
                     detail={"platform": platform, "from": before, "to": after,
                             "held_posts": held})
    event(log, "account.switched", logging.WARNING, platform=platform, held=len(held))
    return held
