"""Publish-time check: the account a delivery was first sent to is still the one in force.

`socialbot connect` to another organization, Page or X account holds what is waiting on that
platform (holds.hold_for_account), but a delivery in flight or in doubt at that moment is not
waiting: its check would then look on the NEW account, find nothing and send it again there,
with no release by the approvers, perhaps after it went out on the old one (a code review,
session 43). The account is recorded at the approval (approvals._record_destinations) and
at each claim; a delivery whose recorded account differs from the one in force (a connect, or
the daemon's environment changed) is held (HoldKind.ACCOUNT) for two approvers, who check the
old account first; their release clears the recorded account (holds._release_deliveries).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from social_bot.accounts.identity import same_account
from social_bot.accounts.watch import active_watch
from social_bot.daemon.decide import Action
from social_bot.domain import HoldKind
from social_bot.errors import UserError

if TYPE_CHECKING:
    from social_bot.app import App
    from social_bot.daemon.preflight import ClaimContext, Refusal


def destination_now(app: App, platform: str) -> str | None:
    """The account the adapters publish to now (None: no account watch, or unreadable)."""
    watch = active_watch(app)
    if watch is None:
        return None
    try:
        return watch.destination(platform)
    except UserError:  # the credential file became unreadable: the access check holds it
        return None


def moved_reason(platform: str, was: str, now: str) -> str:
    return (f"{platform}: this post was approved for (or first sent to) {was}, and "
            f"{platform} now posts to {now}; check {was} by hand for it, then two approvers "
            "release it (`/socialbot release ID`) to publish it to the new account")


def account_moved(app: App, platform: str, recorded: str | None) -> str | None:
    """Why a delivery recorded for ``recorded`` must not go on now, or None."""
    if not recorded:
        return None
    now = destination_now(app, platform)
    if now is None or same_account(platform, recorded, now):
        return None
    return moved_reason(platform, recorded, now)


def account_check(context: ClaimContext) -> Refusal | None:
    from social_bot.daemon.preflight import Refusal

    reason = account_moved(context.app, context.platform, context.delivery.account)
    if reason is None:
        return None
    return Refusal(Action.HOLD, reason, "account_changed", HoldKind.ACCOUNT)
