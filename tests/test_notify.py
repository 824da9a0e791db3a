"""Outbox delivery to a loopback webhook: buttons, announcements, failure then retry."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import select
from test_web_support import capture_fixture, chat_app_fixture, new_post  # noqa: F401 - fixtures


def outbox(app) -> list:
    from social_bot.db.models import OutboxMessage

    with app.db.read() as session:
        return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def test_pending_post_gets_buttons_bound_to_its_revision(chat_app, capture):
    from social_bot.notify import deliver_outbox
    from social_bot.posts import show_post

    post_id = new_post(chat_app)
    assert deliver_outbox(chat_app, capture.url + "/services/T/B/secret") == 1
    body = capture.wait_for(1)[0]["body"]
    assert body["text"] == f"Post {post_id} is waiting for approval"
    actions = next(b for b in body["blocks"] if b["type"] == "actions")["elements"]
    assert [a["text"]["text"] for a in actions] == ["Approve", "Reject"]
    value = json.loads(actions[0]["value"])
    assert value == {"post": post_id, "hash": show_post(chat_app, post_id)["revision_hash"]}
    assert all(m.sent_at is not None for m in outbox(chat_app))
    assert deliver_outbox(chat_app, capture.url) == 0  # nothing sent twice


def test_failure_is_recorded_then_retried(chat_app, capture):
    from social_bot.db.models import OutboxMessage, utcnow
    from social_bot.notify import deliver_outbox

    new_post(chat_app)
    capture.status = 500
    secret_url = capture.url + "/services/T000/B000/XXXXsecretXXXX"
    assert deliver_outbox(chat_app, secret_url) == 0
    (message,) = outbox(chat_app)
    assert message.sent_at is None and message.attempts == 1
    assert message.last_error.startswith("HTTP 500") and "secret" not in message.last_error
    assert message.next_attempt_at > utcnow() + timedelta(seconds=20)
    capture.status = 200
    assert deliver_outbox(chat_app, secret_url) == 0  # not due yet: backoff holds it
    assert len(capture.received) == 1
    with chat_app.db.write() as session:
        session.get(OutboxMessage, message.id).next_attempt_at = utcnow() - timedelta(seconds=1)
    assert deliver_outbox(chat_app, secret_url) == 1
    assert len(capture.wait_for(2)) == 2
    (message,) = outbox(chat_app)
    assert message.sent_at is not None and message.last_error is None


def test_unreachable_webhook_never_raises_and_hides_the_url(chat_app, caplog):
    import socket

    from social_bot.notify import deliver_outbox

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    new_post(chat_app)
    assert deliver_outbox(chat_app, f"http://127.0.0.1:{port}/hooks/TOPSECRET", timeout=2) == 0
    (message,) = outbox(chat_app)
    assert message.attempts == 1 and "ConnectionError" in message.last_error
    assert "TOPSECRET" not in message.last_error and "TOPSECRET" not in caplog.text
    assert deliver_outbox(chat_app, None) == 0


def test_announcements_and_superseded_cards(chat_app, capture):
    from social_bot.approvals import VerifiedIdentity, approve, reject
    from social_bot.notify import deliver_outbox

    approved = new_post(chat_app)
    rejected = new_post(chat_app, "Another post")
    approve(chat_app, VerifiedIdentity("slack", "U01DANA"), approved)
    approve(chat_app, VerifiedIdentity("slack", "U02LUIS"), approved)
    reject(chat_app, VerifiedIdentity("slack", "U01DANA"), rejected, "<!channel> wrong date")
    assert len(outbox(chat_app)) == 4  # two pending cards, approved, rejected
    assert deliver_outbox(chat_app, capture.url) == 4
    texts = [r["body"]["text"] for r in capture.wait_for(2)]
    # The pending cards are stale (both posts moved on), so only the outcomes are posted.
    assert len(texts) == 2
    assert f"Post {approved} (revision 1) is approved by Dana Whitfield and Luis Ortega" in texts[0]
    assert f"Post {rejected} was rejected by Dana Whitfield: &lt;!channel&gt; wrong date" \
        in texts[1]


def test_flagged_comment_gets_keep_hide_delete(chat_app, capture):
    from social_bot.db.models import Comment, Delivery, OutboxMessage
    from social_bot.notify import deliver_outbox

    post_id = new_post(chat_app)
    with chat_app.db.write() as session:
        delivery = session.query(Delivery).filter_by(post_id=post_id, platform="x").one()
        row = Comment(delivery_id=delivery.id, post_id=post_id, platform="x", remote_id="c1",
                      author="someone", text="You misdiagnosed my mother", state="flagged",
                      flags=[{"flag": "negative", "score": 0.8, "reason": "complaint"}])
        session.add(row)
        session.flush()
        session.add(OutboxMessage(kind="comment.flagged", post_id=post_id, comment_id=row.id,
                                  payload={}))
    assert deliver_outbox(chat_app, capture.url, limit=10) == 2
    bodies = [r["body"] for r in capture.wait_for(2)]
    comment = next(b for b in bodies if b["text"].startswith("Comment"))
    actions = next(b for b in comment["blocks"] if b["type"] == "actions")["elements"]
    # X deletes only the account's own posts: no Delete on an X reply's card (session 52)
    assert [a["text"]["text"] for a in actions] == ["Keep", "Hide"]
    assert "You misdiagnosed my mother" in json.dumps(comment["blocks"])
