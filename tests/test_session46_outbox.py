"""Session 46: one housekeeping pass of the outbox has a budget.

Before, a pass sent its whole batch (up to 50 chat messages) one after another; a webhook
that trickled each answer held the pass for as long as every answer took (60 s a message
at the deadline), and the messages behind the lease could be claimed and sent again by a
second daemon. Now a pass starts messages for PASS_BUDGET seconds and hands the rest back,
due at once and not counted as failed. The webhook here is a 127.0.0.1 server trickling each
answer (2 bytes, TRICKLE s apart); six messages, a 1 s budget: at most six passes.
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import select

TRICKLE = 0.2  # seconds between the two bytes of each answer
BUDGET = 1.0
MESSAGES = 6


class Trickling:
    def __init__(self) -> None:
        self.received: list[str] = []
        trickling = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                trickling.received.append(json.loads(raw)["text"])
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                for byte in (b"o", b"k"):
                    time.sleep(TRICKLE)
                    self.wfile.write(byte)
                    self.wfile.flush()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/services/T/B/secret"
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.1},
                         daemon=True).start()


@pytest.fixture
def webhook() -> Iterator[Trickling]:
    server = Trickling()
    yield server
    server.server.shutdown()
    server.server.server_close()


def _queue(app, count: int) -> None:  # noqa: ANN001
    from social_bot import outbox

    with app.db.write() as session:
        for days in range(1, count + 1):
            outbox.add(session, outbox.TokenExpiring(platform="linkedin", days_left=days,
                                                     expires_at="2030-01-01"))


def _rows(app) -> list:  # noqa: ANN001
    from social_bot.db.models import OutboxMessage

    with app.db.read() as session:
        return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def test_a_trickling_webhook_holds_one_pass_for_its_budget_and_loses_nothing(
        make_app, webhook, monkeypatch) -> None:
    from social_bot import notify

    monkeypatch.setattr(notify, "PASS_BUDGET", BUDGET, raising=False)
    app = make_app()
    _queue(app, MESSAGES)
    began = time.monotonic()
    first = notify.deliver_outbox(app, webhook.url)
    took = time.monotonic() - began
    assert 1 <= first < MESSAGES  # the budget ran out before the batch did
    assert took < BUDGET + 2 * TRICKLE + 1.5  # the last message started, then the pass ended
    left = [row for row in _rows(app) if row.sent_at is None]
    assert len(left) == MESSAGES - first
    # handed back: due at once, not counted as a failure, no error recorded
    assert all(r.next_attempt_at is None and r.attempts == 0 and r.last_error is None
               for r in left)
    passes, sent = 1, first
    while sent < MESSAGES and passes < MESSAGES:
        sent += notify.deliver_outbox(app, webhook.url)
        passes += 1
    assert sent == MESSAGES and passes > 1
    assert all(row.sent_at is not None for row in _rows(app))
    # each message reached chat exactly once, in the order it was queued
    assert len(webhook.received) == MESSAGES
    assert all(n == 1 for n in Counter(webhook.received).values())
    days = [int(text.split("expires in ")[1].split(" ")[0]) for text in webhook.received]
    assert days == list(range(1, MESSAGES + 1))


def test_no_message_starts_when_its_deadline_would_outlast_its_lease(
        make_app, webhook, monkeypatch) -> None:
    # A lease too short for one more deadline: a message started then could still be in
    # flight when a second daemon claims it, and chat would see it twice.
    from datetime import timedelta

    from social_bot import notify

    monkeypatch.setattr(notify, "LEASE", timedelta(seconds=3))
    monkeypatch.setattr(notify, "LEASE_MARGIN", 0.5, raising=False)
    monkeypatch.setattr(notify, "WEBHOOK_DEADLINE", 2.0)
    app = make_app()
    _queue(app, MESSAGES)
    first = notify.deliver_outbox(app, webhook.url)
    assert 1 <= first < MESSAGES
    assert len(webhook.received) == first
    assert all(r.next_attempt_at is None for r in _rows(app) if r.sent_at is None)
