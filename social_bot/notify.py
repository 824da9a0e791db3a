"""Deliver the outbox to the chat channel (SLACK_WEBHOOK_URL) with retries.

Each message is claimed with a short lease (so two daemons do not both send it), posted
as Block Kit, then marked sent; a failure is recorded on the message (attempts, next
attempt with exponential backoff, last error without the URL) and logged. Nothing here
raises into the caller: a dead webhook never blocks the publishing queue.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import or_, select

from social_bot.app import App
from social_bot.db.models import Comment, OutboxMessage, utcnow

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=2)
BACKOFF_FIRST = 30  # seconds; doubles per attempt
BACKOFF_MAX = 3600


class WebhookError(Exception):
    """The webhook did not accept the message (a one-line reason without the URL)."""


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(BACKOFF_MAX, BACKOFF_FIRST * 2 ** max(0, attempts - 1)))


def _claim(app: App, limit: int, now: datetime) -> list[dict[str, Any]]:
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
        return [{"id": r.id, "kind": r.kind, "post_id": r.post_id, "comment_id": r.comment_id,
                 "payload": dict(r.payload or {}), "attempts": r.attempts} for r in rows]


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


def _post_message(app: App, message: dict[str, Any]) -> dict[str, Any] | None:
    from social_bot.chat.render import post_card, slack_escape
    from social_bot.posts import show_post

    detail = show_post(app, message["post_id"])
    payload, kind, post_id = message["payload"], message["kind"], message["post_id"]
    same_revision = payload.get("revision_hash") in (None, detail["revision_hash"])
    if kind == "post.pending_approval":
        if detail["status"] != "pending_approval" or not same_revision:
            return None  # superseded: a later message announces what happened since
        required = app.policy.require_approval().required
        text = f"Post {post_id} is waiting for approval"
        return {"text": text, "blocks": post_card(detail, required, note=f"*{text}*")}
    actor = slack_escape(str(payload.get("actor") or "someone"))
    if kind == "post.approved":
        who = " and ".join(detail["approvals"]) if same_revision else actor
        text = (f"Post {post_id} (revision {payload.get('revision', detail['revision'])}) is "
                f"approved by {slack_escape(who)}; it is published when due.")
    elif kind == "post.rejected":
        reason = slack_escape(str(payload.get("reason") or "no reason given"))
        text = f"Post {post_id} was rejected by {actor}: {reason}"
    elif kind == "delivery.failed":
        platform = slack_escape(str(payload.get("platform") or "a platform"))
        error = slack_escape(str(payload.get("error") or payload.get("last_error") or ""))
        text = f"Publishing post {post_id} to {platform} failed. {error}".strip()
    else:
        text = f"Post {post_id}: {slack_escape(kind)}"
    return {"text": text, "blocks": [{"type": "section",
                                      "text": {"type": "mrkdwn", "text": text[:3000]}}]}


def _comment_message(app: App, message: dict[str, Any]) -> dict[str, Any] | None:
    from social_bot.chat.render import comment_card
    from social_bot.comments import comment_view

    with app.db.read() as session:
        row = session.get(Comment, message["comment_id"])
        view = comment_view(row) if row is not None else None
    if view is None or view["state"] in ("kept", "deleted"):
        return None  # already decided (or gone): nothing to ask anyone
    text = f"Comment {view['id']} on {view['platform']} was flagged for review"
    return {"text": text, "blocks": comment_card(view, note=f"*{text}*")}


def render(app: App, message: dict[str, Any]) -> dict[str, Any] | None:
    """The webhook body for one outbox message, or None when it no longer needs sending."""
    if message["kind"].startswith("comment.") and message["comment_id"] is not None:
        return _comment_message(app, message)
    if message["post_id"] is not None:
        return _post_message(app, message)
    return {"text": f"socialbot: {message['kind']}"}


def _post(webhook_url: str, body: dict[str, Any], timeout: float) -> None:
    import requests

    try:
        answer = requests.post(webhook_url, json=body, timeout=timeout)
    except requests.RequestException as exc:
        # str(exc) would carry the URL, whose path is the webhook's secret.
        raise WebhookError(f"{type(exc).__name__} reaching {urlsplit(webhook_url).hostname}") \
            from None
    if answer.status_code >= 300:
        raise WebhookError(f"HTTP {answer.status_code}: {answer.text[:200]}")


def deliver_outbox(app: App, webhook_url: str | None, *, limit: int = 50,
                   timeout: float = 10.0) -> int:
    """Send what is due; return how many messages were sent. Never raises."""
    if not webhook_url:
        return 0
    try:
        batch = _claim(app, limit, utcnow())
    except Exception:
        log.exception("could not read the outbox")
        return 0
    sent = 0
    for message in batch:
        try:
            body = render(app, message)
            if body is not None:
                _post(webhook_url, body, timeout)
            error = None
        except WebhookError as exc:
            error = str(exc)
        except Exception as exc:  # a rendering bug must not wedge the queue either
            log.exception("outbox message %s could not be rendered", message["id"])
            error = f"{type(exc).__name__} while rendering"
        try:
            _finish(app, message["id"], error, message["attempts"])
        except Exception:
            log.exception("could not record the outcome of outbox message %s", message["id"])
            continue
        if error is None:
            sent += 1
        else:
            log.warning("chat notification %s (%s) failed, attempt %s: %s", message["id"],
                        message["kind"], message["attempts"] + 1, error)
    return sent
