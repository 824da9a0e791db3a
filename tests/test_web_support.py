"""Helpers for the chat endpoint and notification tests (no tests here).

A loopback capture server stands in for Slack's response_url and incoming webhook; the
Slack signature is computed by hand here (not with the SDK the server uses), so the
tests check the server against Slack's published scheme.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import socket
import threading
import time
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlencode

import pytest
from sqlalchemy import func, select

SLACK_SECRET = "test-signing-secret-0123456789abcdef"
MM_TOKEN = "test-mattermost-token-abcdef"
# Where the tests' chat stand-ins listen (any port on loopback) and the made-up hosts
# older tests use; production allows only https://hooks.slack.com/ by default.
TEST_RESPONSE_PREFIXES = ("https://hooks.example/,https://mm.example/,https://h.example/,"
                          "http://127.0.0.1/")
# Every approver identity of the test policy, on both doors.
APPROVER_IDS = ("slack:U01DANA", "slack:U02LUIS", "slack:U03MINA",
                "mattermost:dana", "mattermost:luis", "mattermost:mina")


def slack_headers(body: bytes, timestamp: int | None = None,
                  secret: str = SLACK_SECRET) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), b"v0:" + ts.encode() + b":" + body,
                      hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}",
            "Content-Type": "application/x-www-form-urlencoded"}


class Capture:
    """A loopback HTTP server that records JSON posted to it and answers with ``status``."""

    def __init__(self) -> None:
        self.received: list[dict] = []
        self.status = 200
        capture = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                capture.received.append({"path": self.path, "body": json.loads(raw or b"{}")})
                self.send_response(capture.status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def wait_for(self, count: int, timeout: float = 30.0) -> list[dict]:  # a liveness bound
        deadline = time.monotonic() + timeout
        while len(self.received) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        assert len(self.received) >= count, f"expected {count} posts, got {self.received}"
        return self.received

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(name="capture")
def capture_fixture():
    server = Capture()
    yield server
    server.close()


@pytest.fixture(name="chat_app")
def chat_app_fixture(make_app, monkeypatch):
    """An App whose environment carries the Slack secret and the Mattermost token.

    Slack's answer deadline is lifted: on a loaded CI machine a command can take longer than
    2.5 s, and then the answer goes to response_url instead, which these tests do not read.
    The test of the deadline itself sets it low again."""
    from social_bot.web import asgi

    monkeypatch.setattr(asgi, "DEADLINE", 120.0)
    app = make_app()
    app.settings = replace(app.settings, env={**app.settings.env,
                                              "SLACK_SIGNING_SECRET": SLACK_SECRET,
                                              "MATTERMOST_TOKEN": MM_TOKEN,
                                              "SOCIALBOT_CHAT_RESPONSE_URL_PREFIXES":
                                              TEST_RESPONSE_PREFIXES})
    return app


@pytest.fixture(name="server")
def server_fixture(chat_app):
    from social_bot.web import build_asgi_app, serve_in_thread

    handle = serve_in_thread(build_asgi_app(chat_app))
    yield handle
    handle.stop()


def raw_exchange(server, request: bytes, timeout: float = 10.0) -> bytes:  # noqa: ANN001
    """Send ``request`` as written on its own connection and return the whole answer (the
    server closes the connection); ``timeout`` bounds each socket wait against a hang."""
    with socket.create_connection((server.host, server.port), timeout=timeout) as conn:
        conn.sendall(request)
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
    return answer


def command_body(text: str, user_id: str, response_url: str, **extra: str) -> bytes:
    # Slack gives every request its own trigger_id, so no two real requests are identical.
    fields = {"token": "legacy-ignored", "team_id": "T1", "channel_id": "C1",
              "user_id": user_id, "user_name": "someone", "command": "/socialbot",
              "text": text, "response_url": response_url,
              "trigger_id": secrets.token_hex(8), **extra}
    return urlencode(fields).encode()


def snapshot(app) -> dict:
    """Everything a chat request could change, to compare before and after."""
    from social_bot.db.models import (
        Approval,
        AuditRecord,
        Comment,
        OutboxMessage,
        Post,
    )

    with app.db.read() as session:
        return {
            "posts": session.execute(select(Post.id, Post.status, Post.current_revision)
                                     .order_by(Post.id)).all(),
            "approvals": session.execute(select(Approval.post_id, Approval.revision_id,
                                                Approval.approver).order_by(Approval.id)).all(),
            "comments": session.execute(select(Comment.id, Comment.state)
                                        .order_by(Comment.id)).all(),
            "outbox": session.scalar(select(func.count(OutboxMessage.id))),
            "audit": session.scalar(select(func.count(AuditRecord.id))),
        }


def without_audit(state: dict) -> dict:
    return {k: v for k, v in state.items() if k != "audit"}


def new_post(app, text: str = "Flu shots are available every weekday.",
             author: tuple[str, str | None] = ("Pat Author", "pat"),
             shown_to: tuple[str, ...] = APPROVER_IDS) -> int:
    """A pending post; by default every approver counts as having run `show` on it (tests
    of other things use plain `approve ID`; test_chat_binding covers the binding)."""
    from social_bot.chat.memory import record_view
    from social_bot.posts import Staff, create_post, prepare_draft, show_post

    post_id = create_post(app, Staff(*author), prepare_draft(app, text, ["linkedin", "x"]))
    content_hash = show_post(app, post_id)["revision_hash"]
    for identity in shown_to:
        record_view(app.db, identity, post_id, content_hash)
    return post_id
