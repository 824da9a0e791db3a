"""Publish-time check (accounts): the platform's credential can publish.

Held, not failed, when the platform is not connected, its token expired, lacks a publishing
permission, or was refused by the platform: only `socialbot connect` can fix that, and the
post must go out by itself afterwards (HoldKind.AUTH, released by connect and by the
daemon's account watch once the platform can publish again). No network: the watch reads
the credential store (cached by its mtime) and what the adapters reported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from social_bot.accounts.watch import active_watch
from social_bot.daemon.decide import Action
from social_bot.domain import HoldKind

if TYPE_CHECKING:  # preflight imports this module to list it in CHECKS
    from social_bot.daemon.preflight import ClaimContext, Refusal


def access_check(ctx: ClaimContext) -> Refusal | None:
    from social_bot.daemon.preflight import Refusal

    watch = active_watch(ctx.app)
    if watch is None:  # a publisher on adapters that do not use the stored credentials
        return None
    problem = watch.problem(ctx.platform, ctx.now)
    if problem is None:
        return None
    watch.poke()  # tell approvers at the next housekeeping pass, not in a minute
    return Refusal(Action.HOLD, f"{problem}: held until `socialbot connect {ctx.platform}`; "
                   "it goes out by itself afterwards", "access", HoldKind.AUTH)
