"""Publish-time checks: the one place to add a rule that must hold at the moment of the claim.

Each check is a small function that gets the locked rows of the claim transaction and returns
a `Refusal` (hold or fail the delivery, with a reason staff can act on) or None (go ahead).
They run in order inside the claim transaction, after the post and delivery rows are locked
and before the intent is recorded, so what a check proved is still true when the call starts.
A check does no network I/O (the transaction holds row locks).

To add one: write it in its own module (e.g. `social_bot/daemon/preflight_approvals.py`) and
append it to `CHECKS` below. Owners: approval re-proof (hardening), media re-hash and consent
(screen-review), platform auth hold (accounts).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from social_bot.daemon.decide import Action
from social_bot.daemon.preflight_access import access_check
from social_bot.domain import HoldKind

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from social_bot.app import App
    from social_bot.db.models import Delivery, Post, Revision


@dataclass(frozen=True)
class ClaimContext:
    """What a check may look at: the locked rows of the claim transaction."""

    app: App
    session: Session
    post: Post
    revision: Revision
    delivery: Delivery
    platform: str
    now: datetime
    actor: str


@dataclass(frozen=True)
class Refusal:
    """A check's "no". `action` is Action.HOLD (kept, a person fixes it, then it goes) or
    Action.FAIL (stopped for good); `check` names the rule in the audit record."""

    action: Action
    reason: str
    check: str
    hold_kind: HoldKind = HoldKind.CHECK

    def __post_init__(self) -> None:
        if self.action not in (Action.HOLD, Action.FAIL):
            raise ValueError("a preflight refusal holds or fails a delivery")


PreflightCheck = Callable[[ClaimContext], "Refusal | None"]

def _approvals(context: ClaimContext) -> Refusal | None:
    from social_bot.approval_proof import approvals_check

    return approvals_check(context)


# The checks, in order; the first refusal wins. The approval re-proof (hardening) comes
# first: without real approvals nothing else matters.
def _published(context: ClaimContext) -> Refusal | None:
    from social_bot.daemon.preflight_published import already_published_check

    return already_published_check(context)


def _delivery(context: ClaimContext) -> Refusal | None:
    from social_bot.publish_gate import delivery_check

    return delivery_check(context)


def _late(context: ClaimContext) -> Refusal | None:
    from social_bot.daemon.preflight_late import late_check

    return late_check(context)


def _hidden(context: ClaimContext) -> Refusal | None:
    from social_bot.publish_gate import hidden_check

    return hidden_check(context)


def _account(context: ClaimContext) -> Refusal | None:
    from social_bot.daemon.preflight_account import account_check

    return account_check(context)


def _consent(context: ClaimContext) -> Refusal | None:
    from social_bot.publish_gate import consent_check

    return consent_check(context)


CHECKS: list[PreflightCheck] = [
    _published,  # the keyed trail says it already went out: never twice (review, session 43)
    _approvals,
    _hidden,  # no invisible data carrier stored before the door refused them (session 50)
    _delivery,  # the platform, schedule and reply target the revision was approved for (s49)
    _consent,  # an authorization revoked or expired since the screen's verdict (session 44)
    # an approval is good publish_within_days after its time (session 56, T3); after
    # _consent, so an expired authorization sends the post back to blocked_phi, the
    # stronger answer, rather than to a hold whose release would meet the same block
    _late,
    _account,  # sent once to another account than the one in force: approvers decide
    access_check,  # accounts: the platform's credential can publish, else held (auth)
]


def first_refusal(context: ClaimContext,
                  checks: list[PreflightCheck] | None = None) -> Refusal | None:
    status = context.post.status
    for check in CHECKS if checks is None else checks:
        refusal = check(context)
        if refusal is not None:
            return refusal
        if context.post.status != status:
            # The check sent the post back (to waiting for votes, blocked, held): the claim
            # stops there. The next check judged a post no longer approved and failed its
            # delivery, which the post's state then refused with a traceback (review,
            # session 44: votes withdrawn, then an authorization out of force).
            return None
    return None
