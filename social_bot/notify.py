"""Deliver the outbox to the chat channel (SLACK_WEBHOOK_URL) with retries.

Each message is claimed with a short lease (so two daemons do not both send it), posted
as Block Kit, then marked sent; a failure is recorded on the message (attempts, next
attempt with exponential backoff, last error without the URL) and logged. Nothing here
raises into the caller: a dead webhook never blocks the publishing queue.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import or_, select, update

from adapters.base import DEFAULT_DEADLINE
from social_bot import outbox
from social_bot.app import App
from social_bot.chat.guard import Cleared, release, require_cleared
from social_bot.chat.ownwords import own
from social_bot.chat.render import slack_escape
from social_bot.db.models import Comment, OutboxMessage, utcnow

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=2)
# Seconds one pass may start messages for; the rest are handed back (not failed) for the
# next housekeeping pass. Before, a pass sent its whole batch (50) one after another, so a
# webhook trickling each answer held the pass up to 60 s a message, and every message after
# the lease (2 min) could be claimed and sent by a second daemon too. A pass now ends
# within PASS_BUDGET + WEBHOOK_DEADLINE, and no message is started unless its whole
# deadline ends inside its lease (LEASE_MARGIN to spare for recording the outcome).
PASS_BUDGET = 20.0
LEASE_MARGIN = 10.0
BACKOFF_FIRST = 30  # seconds; doubles per attempt
BACKOFF_MAX = 3600


class WebhookError(Exception):
    """The webhook did not accept the message (a one-line reason without the URL)."""


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(BACKOFF_MAX, BACKOFF_FIRST * 2 ** max(0, attempts - 1)))


@dataclass(frozen=True)
class Claimed:
    id: int
    attempts: int
    message: outbox.Message


def _claim(app: App, limit: int, now: datetime) -> list[Claimed]:
    """Lease up to ``limit`` due messages until ``now + LEASE``."""
    with app.db.write() as session:
        rows = session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.sent_at.is_(None),
                   or_(OutboxMessage.next_attempt_at.is_(None),
                       OutboxMessage.next_attempt_at <= now))
            .order_by(OutboxMessage.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        ).all()
        for row in rows:
            row.next_attempt_at = now + LEASE
        return [Claimed(r.id, r.attempts, outbox.from_row(r.kind, r.post_id, r.comment_id,
                                                          dict(r.payload or {})))
                for r in rows]


def _hand_back(app: App, ids: list[int], leased_until: datetime) -> None:
    """Messages this pass claimed and did not start: due again at once, attempts unchanged.
    Only while the lease is still this pass's (the row's next attempt is its lease)."""
    with app.db.write() as session:
        session.execute(update(OutboxMessage)
                        .where(OutboxMessage.id.in_(ids), OutboxMessage.sent_at.is_(None),
                               OutboxMessage.next_attempt_at == leased_until)
                        .values(next_attempt_at=None)
                        .execution_options(synchronize_session=False))


def _finish(app: App, message_id: int, error: str | None, attempts: int) -> None:
    with app.db.write() as session:
        row = session.get(OutboxMessage, message_id)
        if row is None:
            return
        if error is None:
            row.sent_at, row.last_error = utcnow(), None
        else:
            row.attempts = attempts + 1
            row.last_error = error[:500]
            row.next_attempt_at = utcnow() + backoff(row.attempts)


# --- what each kind of message looks like ------------------------------------------------
# One function per message class. Each returns the webhook body, or None when the
# message no longer needs sending. Whatever they return still goes through the chat
# guard before it is posted (deliver_outbox), so a renderer cannot leak by mistake.

Body = dict[str, Any]


def _section(text: str) -> Body:
    return {"text": text, "blocks": [{"type": "section",
                                      "text": {"type": "mrkdwn", "text": text[:3000]}}]}


def _detail(app: App, post_id: int | None) -> dict[str, Any]:
    from social_bot.chat.guard import post_for_chat
    from social_bot.posts import show_post

    assert post_id is not None
    return post_for_chat(show_post(app, post_id), app)


def _pending(app: App, m: outbox.PostPendingApproval) -> Body | None:
    from social_bot.chat.render import post_card

    detail = _detail(app, m.post_id)
    # the current revision's stored hash: `revision_hash` is not it when the row's words no
    # longer hash to it (posts.post_detail), and that card says so rather than go unsent
    stored = next((r["hash"] for r in detail["revisions"]
                   if r["number"] == detail["revision"]), detail["revision_hash"])
    if detail["status"] != "pending_approval" or m.revision_hash not in ("", stored):
        return None  # superseded: a later message announces what happened since
    from social_bot.chat.commands import guard_cut

    required = app.policy.require_approval().required
    text = f"Post {m.post_id} is waiting for approval"
    # what the guard will take out of the text as the card leaves is counted first, so the
    # card says so, has no Approve button and shows no code (session 51, A6 and N5)
    detail = guard_cut(app, detail)
    return {"text": text, "blocks": post_card(detail, required, note=f"*{text}*")}


def _approved(app: App, m: outbox.PostApproved) -> Body:
    detail = _detail(app, m.post_id)
    same = m.revision_hash in ("", detail["revision_hash"])
    names = detail["approvals"] if same else [m.actor or "someone"]
    who = " and ".join(own(slack_escape(n)) for n in names)
    return _section(f"Post {m.post_id} (revision {m.revision or detail['revision']}) is "
                    f"approved by {who}; it is published when due.")


def _rejected(app: App, m: outbox.PostRejected) -> Body:
    reason = slack_escape(m.reason or "no reason given")
    return _section(f"Post {m.post_id} was rejected by {own(slack_escape(m.actor or 'someone'))}: "
                    f"{reason}")


def _cancelled(app: App, m: outbox.PostCancelled) -> Body:
    reason = f": {slack_escape(m.reason)}" if m.reason else ""
    return _section(f"Post {m.post_id} (revision {m.revision}) was *cancelled* by "
                    f"{own(slack_escape(m.actor or 'someone'))}{reason}. Nothing more of it is "
                    "published, and its approval buttons no longer count.")


def _blocked(app: App, m: outbox.PostBlockedAtPublish) -> Body:
    categories = ", ".join(m.categories) or "identifiers"
    return _section(
        f":no_entry: Post {m.post_id} (revision {m.revision}) was *not published*: the PHI "
        f"screen run just before publishing now finds patient information in it "
        f"({slack_escape(categories)}). It is back with its author as blocked; after an "
        f"edit it needs two new approvals. Details: `socialbot post show {m.post_id}`.")


def _consent_revoked(app: App, m: outbox.PostConsentRevoked) -> Body:
    votes = (f"the {m.approvals_voided} approval(s) it had no longer count"
             if m.approvals_voided else "its approval buttons no longer count")
    what = (f"a dismissal in it no longer holds ({slack_escape(m.why)})" if m.why else
            f"authorization #{m.consent}, which cleared a finding in it, was revoked")
    return _section(
        f":no_entry: Post {m.post_id} (revision {m.revision}) is *blocked* again: "
        f"{what}, and {votes}. It is back with its author; after an edit it needs two new "
        f"approvals. Details: `socialbot post show {m.post_id}`.")


def _refused(app: App, m: outbox.PostPublishRefused) -> Body:
    problems = "; ".join(m.problems) or "its approvals could not be re-proven"
    return _section(
        f":no_entry: Post {m.post_id} (revision {m.revision}) was *not published*: "
        f"publishing re-checks the approvals and refused ({slack_escape(problems)}). "
        f"Nothing went out; `socialbot audit verify` and `socialbot post show {m.post_id}` "
        "show what is wrong.")


def _held(app: App, m: outbox.PostHeld) -> Body:
    reason = f": {slack_escape(m.reason)}" if m.reason else ""
    return _section(
        f":double_vertical_bar: Post {m.post_id} (revision {m.revision}) is *on hold* by "
        f"{own(slack_escape(m.actor or 'an approver'))}{reason}. It will not be published until "
        f"two approvers (not the author) run `/socialbot release {m.post_id}`.")


def _released(app: App, m: outbox.PostReleased) -> Body:
    who = " and ".join(own(slack_escape(n)) for n in m.actors) or "two approvers"
    return _section(f"Post {m.post_id} (revision {m.revision}) was released from hold by "
                    f"{who}; it is published when due.")


def _delivery_failed(app: App, m: outbox.DeliveryFailed) -> Body:
    platform = slack_escape(m.platform or "a platform")
    why = slack_escape(m.reason) if m.reason else "no reason was recorded"
    tries = f" after {m.attempts} attempt(s)" if m.attempts else ""
    return _section(f":warning: Publishing post {m.post_id} to {platform} failed{tries}: {why}")


def _delivery_held(app: App, m: outbox.DeliveryHeld) -> Body:
    platform = slack_escape(m.platform or "a platform")
    why = slack_escape(m.reason) if m.reason else "no reason was recorded"
    # a credits hold is tried again by itself (SOCIALBOT_CREDITS_RETRY): "not retried"
    # contradicted the reason printed after it
    retried = "tried again by itself" if m.hold_kind == "credits" else "not retried"
    return _section(f":double_vertical_bar: Post {m.post_id} is held for {platform} (not "
                    f"failed, {retried}): {why}")


def _delivery_duplicate(app: App, m: outbox.DeliveryDuplicate) -> Body:
    platform = slack_escape(m.platform or "a platform")
    where = slack_escape(m.url or m.remote_id or "its id was not returned")
    return _section(f":warning: Post {m.post_id} went out *twice* on {platform}: socialbot "
                    f"keeps {slack_escape(m.kept_remote_id or 'the first')} and also found "
                    f"{where}. Delete the second copy on {platform} by hand.")


def _comment(app: App, m: outbox.CommentFlagged) -> Body | None:
    from social_bot.chat.guard import comment_for_chat
    from social_bot.chat.render import comment_card
    from social_bot.comments import comment_view

    with app.db.read() as session:
        row = session.get(Comment, m.comment_id)
        view = comment_view(row) if row is not None else None
    if view is None or view["state"] in ("kept", "deleted"):
        return None  # already decided (or gone): nothing to ask anyone
    view = comment_for_chat(app, [view])[0]
    text = f"Comment {view['id']} on {view['platform']} was flagged for review" \
        f"{_hide_note(m.platform or str(view['platform']), m.auto_hide)}"
    if any(f.get("flag") == "crisis" for f in view["flags"]):
        text = f"URGENT: {text}; it may be a person in crisis, reach them today"
    return {"text": text, "blocks": comment_card(view, note=f"*{text}*")}


def _hide_note(platform: str, auto_hide: bool) -> str:
    """What happened on the platform. The policy may want a comment hidden where the platform
    cannot hide one (LinkedIn): saying "hidden" there told approvers a patient's details were
    off the page while they stayed visible (the newcomer walk-through, session 50)."""
    from adapters import can_hide

    if not auto_hide:
        return ""
    if can_hide(platform):
        return " and hidden on the platform until someone decides"
    return (f"; {slack_escape(platform)} cannot hide comments, so it stays visible until "
            "someone deletes it")


def _token_expiring(app: App, m: outbox.TokenExpiring) -> Body:
    platform = slack_escape(m.platform or "a platform")
    return _section(f":hourglass: The {platform} access token expires in {m.days_left} day(s) "
                    f"({slack_escape(m.expires_at or 'date unknown')}). Renew it with "
                    f"`socialbot connect {platform}` before then, or publishing there stops.")


def _access_missing(app: App, m: outbox.AccessMissing) -> Body:
    platform = slack_escape(m.platform or "a platform")
    problem = slack_escape(m.problem or "no usable credential")
    return _section(f":warning: socialbot cannot use {platform}: {problem}. Fix it with "
                    f"`socialbot connect {platform}`, then `socialbot check`.")


def _policy_refused(app: App, m: outbox.PolicyRefused) -> Body:
    from social_bot.chat.guard import POLICY_REFUSED_BODY

    return dict(POLICY_REFUSED_BODY)


def _policy_restored(app: App, m: outbox.PolicyRestored) -> Body:
    return {"text": ":white_check_mark: socialbot can use its policy file again: votes, "
                    "screening and publishing go on."}


def _vote_key_rival(app: App, m: outbox.VoteKeyRival) -> Body:
    keys = ", ".join(slack_escape(k) for k in m.keys) or "another key"
    return _section(f":rotating_light: socialbot: the audit trail now holds votes sealed (or a "
                    f"vote key accepted) by vote key {keys} (audit record #{m.record}), not "
                    "by the running daemon's: another daemon may be running on this database "
                    "with a key of its own, and may send approved posts back. Ask your admin "
                    "to find and stop it (docs/daemon.md, \"Session 52\").")


def _unknown(app: App, m: outbox.UnknownMessage) -> Body:
    return {"text": f"socialbot: {slack_escape(m.raw_kind)}"}


RENDERERS: dict[type[outbox.Message], Callable[[App, Any], Body | None]] = {
    outbox.PostPendingApproval: _pending,
    outbox.PostApproved: _approved,
    outbox.PostRejected: _rejected,
    outbox.PostCancelled: _cancelled,
    outbox.PostBlockedAtPublish: _blocked,
    outbox.PostConsentRevoked: _consent_revoked,
    outbox.PostPublishRefused: _refused,
    outbox.PostHeld: _held,
    outbox.PostReleased: _released,
    outbox.DeliveryFailed: _delivery_failed,
    outbox.DeliveryHeld: _delivery_held,
    outbox.DeliveryDuplicate: _delivery_duplicate,
    outbox.CommentFlagged: _comment,
    outbox.TokenExpiring: _token_expiring,
    outbox.AccessMissing: _access_missing,
    outbox.PolicyRefused: _policy_refused,
    outbox.PolicyRestored: _policy_restored,
    outbox.VoteKeyRival: _vote_key_rival,
    outbox.UnknownMessage: _unknown,
}


def render(app: App, message: outbox.Message) -> Body | None:
    """The webhook body for one message (before the guard), or None when no longer needed."""
    return RENDERERS[type(message)](app, message)


# Seconds for one webhook POST, answer included (adapters._deadline), as for a platform call.
WEBHOOK_DEADLINE = DEFAULT_DEADLINE


def _post(webhook_url: str, body: Cleared, timeout: float) -> None:
    import requests

    from adapters._deadline import request_within

    payload = require_cleared(body)
    try:
        # The read timeout bounds one read only: a webhook trickling its answer held the
        # daemon's housekeeping (and every message after this one) until it chose to stop.
        answer = request_within(WEBHOOK_DEADLINE, "POST", webhook_url, json=payload,
                                timeout=timeout)
    except requests.RequestException as exc:
        # str(exc) would carry the URL, whose path is the webhook's secret.
        raise WebhookError(f"{type(exc).__name__} reaching {urlsplit(webhook_url).hostname}") \
            from None
    if answer.status_code >= 300:
        raise WebhookError(f"HTTP {answer.status_code}: {answer.text[:200]}")


def deliver_outbox(app: App, webhook_url: str | None, *, limit: int = 50,
                   timeout: float = 10.0) -> int:
    """Send what is due, starting messages for PASS_BUDGET seconds at most; return how many
    were sent. What is left is handed back for the next pass. Never raises."""
    if not webhook_url:
        return 0
    began, now = time.monotonic(), utcnow()
    try:
        batch = _claim(app, limit, now)
    except Exception:
        log.exception("could not read the outbox")
        return 0
    # the last moment a message may start: its deadline must end inside its lease
    stop_at = began + min(PASS_BUDGET,
                          LEASE.total_seconds() - WEBHOOK_DEADLINE - LEASE_MARGIN)
    sent = 0
    for index, claimed in enumerate(batch):
        if time.monotonic() >= stop_at:
            left = [c.id for c in batch[index:]]
            try:
                _hand_back(app, left, now + LEASE)
            except Exception:  # the lease runs out on its own: they are sent then
                log.exception("could not hand back %s outbox messages", len(left))
            log.info("chat notifications: %s left for the next pass (this one took %.0f s)",
                     len(left), time.monotonic() - began)
            break
        message = claimed.message
        try:
            out = render(app, message)
            if out is not None:
                _post(webhook_url, release(app, out), timeout)
            error = None
        except WebhookError as exc:
            error = str(exc)
        except Exception as exc:  # a rendering bug must not wedge the queue either
            log.exception("outbox message %s could not be rendered", claimed.id)
            error = f"{type(exc).__name__} while rendering"
        try:
            _finish(app, claimed.id, error, claimed.attempts)
        except Exception:
            log.exception("could not record the outcome of outbox message %s", claimed.id)
            continue
        if error is None:
            sent += 1
        else:
            log.warning("chat notification %s (%s) failed, attempt %s: %s", claimed.id,
                        getattr(message, "raw_kind", None) or message.kind,
                        claimed.attempts + 1, error)
    return sent
