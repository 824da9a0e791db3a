"""Why comment polling waits, for the review queue (`socialbot comments list`).

The daemon holds a platform's polling while its credential is known to be dead and records
that in `account_notices` (kind poll_held, once a day, with the chat warning). This process
is not the daemon, so it reads both what it can see itself (the credential store and the
environment: not connected, expired) and that record (the platform refused the token)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from social_bot.accounts.store import SECRETS, credential_source
from social_bot.db.models import AccountNotice, utcnow
from social_bot.demo_marker import is_demo_folder
from social_bot.errors import UserError

RECENT = timedelta(days=2)  # a daemon writes its record daily while the hold lasts


def polling_notes(app: Any, platforms: tuple[str, ...]) -> list[str]:
    from social_bot.accounts.watch import POLL_HELD, AccessWatch

    watch, now, notes, held = AccessWatch(app, platforms=platforms), utcnow(), [], []
    for platform in platforms:
        if not watch.watched(platform, now):
            continue  # nothing of ours there to read comments on
        reason = watch.problem(platform, now, polling=True)
        if reason is None:
            try:
                fp = watch.fingerprint(platform)
            except UserError:
                fp = None
            since = (now - RECENT).date().isoformat()
            with app.db.read() as session:
                recorded = session.scalar(select(AccountNotice.day).where(
                    AccountNotice.platform == platform, AccountNotice.fingerprint == fp,
                    AccountNotice.kind.in_((POLL_HELD, "access_missing")),
                    AccountNotice.day >= since).order_by(AccountNotice.day.desc()).limit(1))
            if recorded is None:
                continue
            reason = f"the daemon found the {platform} credential refused on {recorded}"
        if credential_source(platform, watch.env) == "environment":
            # The environment wins over `connect`'s store: the fix is a new setting.
            fix = (f"a new {' and '.join(SECRETS[platform])} in the daemon's environment, "
                   f"or none there and 'socialbot connect {platform}'")
        else:
            fix = f"'socialbot connect {platform}'"
        notes.append(f"comment polling on {platform} is held: {reason}; new comments are "
                     f"read again after {fix}; 'socialbot check' says more")
        held.append(platform)
    if held and is_demo_folder(app.settings.data_dir):
        # The demo connected its sandbox through its own environment, and both stopped
        # with it: "not connected" is true here but read as a fault after the demo's
        # "Look next" (the newcomer walk-through, session 50, finding 7).
        return [f"this is a `socialbot demo` folder: its sandbox stopped with the demo, so "
                f"no new comments are read on {', '.join(held)}; the comments listed are the "
                "demo's"]
    return notes
