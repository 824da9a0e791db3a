"""The chat endpoint over real HTTP on loopback: commands, refusals, and what they change."""

from __future__ import annotations

import json
import socket
import threading
import time
from urllib.parse import urlencode

import pytest
import requests
from test_web_support import (  # noqa: F401 - fixtures
    MM_TOKEN,
    capture_fixture,
    chat_app_fixture,
    command_body,
    new_post,
    server_fixture,
    slack_headers,
    snapshot,
    without_audit,
)

from social_bot.revision_code import shown_code

DANA, LUIS, MINA, STRANGER = "U01DANA", "U02LUIS", "U03MINA", "U09EVE"


def slash(server, text: str, user: str, response_url: str = "https://hooks.example/r/1",
          **kw) -> requests.Response:
    body = command_body(text, user, response_url)
    return requests.post(f"{server.url}/slack/commands", data=body, headers=slack_headers(body),
                         timeout=10, **kw)


def reply_text(response: requests.Response) -> str:
    assert response.status_code == 200, response.text
    return response.json()["text"]


def audit_actions(app) -> list[str]:
    from sqlalchemy import select

    from social_bot.db.models import AuditRecord

    with app.db.read() as session:
        return list(session.scalars(select(AuditRecord.action).order_by(AuditRecord.id)))


# --- the happy path ---------------------------------------------------------------------


def test_two_approvers_take_a_post_to_approved(chat_app, server):
    from social_bot.posts import show_post

    post_id = new_post(chat_app)
    listing = reply_text(slash(server, "pending", DANA))
    assert f"#{post_id}" in listing and "0/2 approvals" in listing

    shown = slash(server, f"show {post_id}", DANA).json()
    assert shown["response_type"] == "ephemeral"
    assert "Flu shots are available every weekday." in shown["text"]
    assert "linkedin, x" in shown["text"] and "Screen findings: none" in shown["text"]
    buttons = [b for b in shown["blocks"] if b["type"] == "actions"][0]["elements"]
    assert json.loads(buttons[0]["value"])["hash"] == show_post(chat_app, post_id)["revision_hash"]

    first = slash(server, f"approve {post_id}", DANA).json()
    assert first["response_type"] == "ephemeral" and "(1/2)" in first["text"]
    assert show_post(chat_app, post_id)["status"] == "pending_approval"

    second = slash(server, f"approve {post_id}", LUIS).json()
    assert second["response_type"] == "in_channel"
    assert "approved by Dana Whitfield and Luis Ortega" in second["text"]
    detail = show_post(chat_app, post_id)
    assert detail["status"] == "approved"
    assert detail["approvals"] == ["Dana Whitfield", "Luis Ortega"]


def test_mattermost_and_slack_approvers_together(chat_app, server):
    from social_bot.posts import show_post

    post_id = new_post(chat_app)
    assert "(1/2)" in reply_text(slash(server, f"approve {post_id}", DANA))
    body = urlencode({"token": MM_TOKEN, "user_id": "luis", "user_name": "luis",
                      "text": f"approve {post_id}", "response_url": "https://mm.example/r"})
    answer = requests.post(f"{server.url}/mattermost/commands", data=body, timeout=10,
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert answer.status_code == 200 and answer.json()["response_type"] == "in_channel"
    assert show_post(chat_app, post_id)["status"] == "approved"


# --- refused before the command layer: nothing at all changes (not even the audit) --------


def _assert_unverified(chat_app, server, body: bytes, headers: dict[str, str],
                       path: str = "/slack/commands", status: int = 401) -> str:
    before = snapshot(chat_app)
    answer = requests.post(f"{server.url}{path}", data=body, headers=headers, timeout=10)
    assert answer.status_code == status, answer.text
    assert snapshot(chat_app) == before
    return answer.text


def test_forged_signature_is_refused(chat_app, server):
    post_id = new_post(chat_app)
    body = command_body(f"approve {post_id}", DANA, "https://hooks.example/r")
    forged = slack_headers(body, secret="not-the-secret")
    text = _assert_unverified(chat_app, server, body, forged)
    assert "signature could not be verified" in text


def test_body_altered_after_signing_is_refused(chat_app, server):
    post_id = new_post(chat_app)
    signed = command_body(f"show {post_id}", DANA, "https://hooks.example/r")
    altered = command_body(f"approve {post_id}", DANA, "https://hooks.example/r")
    _assert_unverified(chat_app, server, altered, slack_headers(signed))


def test_old_timestamp_is_refused(chat_app, server):
    post_id = new_post(chat_app)
    body = command_body(f"approve {post_id}", DANA, "https://hooks.example/r")
    stale = slack_headers(body, timestamp=int(time.time()) - 6 * 60)
    _assert_unverified(chat_app, server, body, stale)
    future = slack_headers(body, timestamp=int(time.time()) + 6 * 60)
    _assert_unverified(chat_app, server, body, future)


@pytest.mark.parametrize("drop", [("X-Slack-Signature",), ("X-Slack-Request-Timestamp",),
                                  ("X-Slack-Signature", "X-Slack-Request-Timestamp")])
def test_missing_headers_are_refused(chat_app, server, drop):
    post_id = new_post(chat_app)
    body = command_body(f"approve {post_id}", DANA, "https://hooks.example/r")
    headers = {k: v for k, v in slack_headers(body).items() if k not in drop}
    _assert_unverified(chat_app, server, body, headers)


def test_non_numeric_timestamp_is_refused(chat_app, server):
    body = command_body("pending", DANA, "https://hooks.example/r")
    headers = {**slack_headers(body), "X-Slack-Request-Timestamp": "soon"}
    _assert_unverified(chat_app, server, body, headers)


def test_signed_body_that_is_not_utf8_is_refused(chat_app, server):
    """Slack only sends UTF-8; the SDK cannot check anything else, so it is unverified."""
    body = b"\xff\xfe\x00user_id=U01DANA&text=pending"
    _assert_unverified(chat_app, server, body, slack_headers(body))


@pytest.mark.parametrize("body", [
    b"user_id=U01DANA&user_id=U09EVE&text=pending&response_url=https%3A%2F%2Fh.example%2Fr",
    b"user_id=U01DANA&&&text",
    b"text=pending&response_url=https%3A%2F%2Fh.example%2Fr",  # no user_id
    b"user_id=U01DANA&text=pending&response_url=javascript%3Aalert(1)",
    b"user_id=U01DANA&text=%ff%fe&response_url=https%3A%2F%2Fh.example%2Fr",
])
def test_malformed_signed_bodies_are_refused(chat_app, server, body):
    new_post(chat_app)
    text = _assert_unverified(chat_app, server, body, slack_headers(body), status=400)
    assert "malformed" in text


def test_oversized_body_refused_before_parsing(chat_app, server):
    big = command_body("pending", DANA, "https://hooks.example/r") + b"&pad=" + b"a" * 20000
    _assert_unverified(chat_app, server, big, slack_headers(big), status=413)


def test_oversized_chunked_body_refused(chat_app, server):
    """No Content-Length at all (chunked): the server reads with a cap."""
    big = command_body("pending", DANA, "https://hooks.example/r") + b"&pad=" + b"a" * 40000
    headers = slack_headers(big)
    before = snapshot(chat_app)
    answer = requests.post(f"{server.url}/slack/commands", headers=headers, timeout=10,
                           data=(big[i:i + 4096] for i in range(0, len(big), 4096)))
    assert answer.status_code == 413
    assert snapshot(chat_app) == before


def test_content_length_that_lies_is_not_trusted(chat_app, server):
    """A small declared length with a big body: only the declared bytes are read; unsigned."""
    post_id = new_post(chat_app)
    before = snapshot(chat_app)
    body = command_body(f"approve {post_id}", DANA, "https://hooks.example/r")
    headers = slack_headers(body)
    host, port = server.host, server.port
    head = (f"POST /slack/commands HTTP/1.1\r\nHost: {host}\r\nContent-Length: 20\r\n"
            f"X-Slack-Signature: {headers['X-Slack-Signature']}\r\n"
            f"X-Slack-Request-Timestamp: {headers['X-Slack-Request-Timestamp']}\r\n"
            "Connection: close\r\n\r\n").encode()
    with socket.create_connection((host, port), timeout=10) as conn:
        conn.sendall(head + body + b"a" * 30000)
        conn.shutdown(socket.SHUT_WR)
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 401"), answer[:200]
    assert snapshot(chat_app) == before


# --- refused by the rules: told clearly; posts and approvals unchanged --------------------


def _assert_refused(chat_app, server, text: str, user: str, expect: str) -> None:
    before = snapshot(chat_app)
    answer = reply_text(slash(server, text, user))
    assert answer.startswith("Refused") and expect in answer, answer
    assert without_audit(snapshot(chat_app)) == without_audit(before)


def test_unknown_user_is_refused_and_audited(chat_app, server):
    post_id = new_post(chat_app)
    for text in ("pending", f"show {post_id}", f"approve {post_id}", f"reject {post_id} no",
                 "comments", "resolve 1 hide"):
        _assert_refused(chat_app, server, text, STRANGER, "not on this practice's approver list")
    refusals = [a for a in audit_actions(chat_app) if a == "chat.refused"]
    assert len(refusals) == 6


def test_the_author_cannot_approve(chat_app, server):
    by_name = new_post(chat_app, author=("Mina Okafor", None))
    by_login = new_post(chat_app, "Another update", author=("Front Desk", "mina"))
    _assert_refused(chat_app, server, f"approve {by_name}", MINA, "author")
    _assert_refused(chat_app, server, f"approve {by_login}", MINA, "author")
    assert audit_actions(chat_app).count("approval.refused") == 2


def test_the_same_approver_twice(chat_app, server):
    post_id = new_post(chat_app)
    assert "(1/2)" in reply_text(slash(server, f"approve {post_id}", DANA))
    _assert_refused(chat_app, server, f"approve {post_id}", DANA, "already approved")


def test_a_replayed_signed_request_is_refused(chat_app, server):
    """The same signed bytes sent again (captured, then replayed after an edit) count once."""
    from social_bot.posts import Staff, edit_post, show_post

    post_id = new_post(chat_app)
    body = command_body(f"approve {post_id}", DANA, "https://hooks.example/r/1")
    headers = slack_headers(body)
    first = requests.post(f"{server.url}/slack/commands", data=body, headers=headers, timeout=10)
    assert "(1/2)" in reply_text(first)
    edit_post(chat_app, Staff("Pat Author", "pat"), post_id, text="Flu shots: weekdays 9-5.")
    before = snapshot(chat_app)
    again = requests.post(f"{server.url}/slack/commands", data=body, headers=headers, timeout=10)
    assert again.status_code == 401 and "already received" in again.text
    assert snapshot(chat_app) == before
    assert show_post(chat_app, post_id)["approvals"] == []


def test_stale_revision_is_refused_and_the_new_one_shown(chat_app, server):
    from social_bot.posts import Staff, edit_post, show_post

    post_id = new_post(chat_app)
    old_hash = show_post(chat_app, post_id)["revision_hash"]
    edit_post(chat_app, Staff("Pat Author", "pat"), post_id, text="Flu shots: weekdays 9-5.")
    new = show_post(chat_app, post_id)
    before = snapshot(chat_app)
    answer = slash(server, f"approve {post_id} {shown_code(1, old_hash)}", DANA).json()
    assert answer["text"].startswith("Refused") and "changed since you saw it" in answer["text"]
    assert "revision 2" in answer["text"] and "Flu shots: weekdays 9-5." in answer["text"]
    assert shown_code(2, new["revision_hash"]) in answer["text"]
    assert without_audit(snapshot(chat_app)) == without_audit(before)
    # The current revision's code is accepted.
    ok = reply_text(slash(server, f"approve {post_id} {shown_code(2, new['revision_hash'])}", DANA))
    assert "(1/2)" in ok


def test_cancelled_post_cannot_be_approved(chat_app, server):
    from social_bot.posts import Staff, cancel_post

    post_id = new_post(chat_app)
    cancel_post(chat_app, Staff("Pat Author", "pat"), post_id)
    _assert_refused(chat_app, server, f"approve {post_id}", DANA, "cancelled")
    _assert_refused(chat_app, server, f"reject {post_id} too late", DANA, "cancelled")


def test_published_post_cannot_be_approved(chat_app, server):
    from social_bot.db.models import Post

    post_id = new_post(chat_app)
    with chat_app.db.write() as session:
        session.get(Post, post_id).status = "published"
    _assert_refused(chat_app, server, f"approve {post_id}", DANA, "published")


@pytest.mark.parametrize("text", ["approve abc", "approve 1.5", "approve -1", "approve 0",
                                  "approve \u0661", "show 1e3", "approve 99999999999999999999",
                                  "resolve x hide"])
def test_ids_that_are_not_numbers(chat_app, server, text):
    new_post(chat_app)
    _assert_refused(chat_app, server, text, DANA, "must be a positive whole number")


@pytest.mark.parametrize("text", ["approve 1; DROP TABLE posts", "approve $(rm -rf /)",
                                  "show 1' OR '1'='1", "approve `id`", "approve 1 && reboot",
                                  "show 1|cat /etc/passwd"])
def test_shell_and_sql_metacharacters(chat_app, server, text):
    from social_bot.posts import list_posts

    new_post(chat_app)
    _assert_refused(chat_app, server, text, DANA, "Refused")
    assert len(list_posts(chat_app)) == 1  # the table is there and untouched


def test_a_reason_with_sql_is_stored_as_text(chat_app, server):
    from social_bot.posts import list_posts, show_post

    post_id = new_post(chat_app)
    reason = "'; DROP TABLE posts; -- $(rm -rf /)"
    answer = reply_text(slash(server, f"reject {post_id} {reason}", DANA))
    assert "rejected" in answer
    assert show_post(chat_app, post_id)["status_reason"] == reason
    assert len(list_posts(chat_app)) == 1


def test_unknown_command_and_help(chat_app, server):
    assert "/socialbot pending" in reply_text(slash(server, "help", DANA))
    assert "/socialbot pending" in reply_text(slash(server, "", DANA))
    _assert_refused(chat_app, server, "publish 1", DANA, "unknown command")
    _assert_refused(chat_app, server, "reject 1", DANA, "reason is required")


def test_post_text_cannot_ping_the_channel(chat_app, server):
    post_id = new_post(chat_app, "Open house <!channel> <@U01DANA> <https://evil.example|ok>")
    text = reply_text(slash(server, f"show {post_id}", DANA))
    assert "<!channel>" not in text and "&lt;!channel&gt;" in text


# --- Mattermost ---------------------------------------------------------------------------


def _mattermost(server, fields: dict[str, str], headers: dict[str, str] | None = None):
    return requests.post(f"{server.url}/mattermost/commands", data=urlencode(fields),
                         timeout=10, headers={"Content-Type": "application/x-www-form-urlencoded",
                                              **(headers or {})})


def test_mattermost_token_checks(chat_app, server):
    post_id = new_post(chat_app)
    fields = {"user_id": "dana", "text": f"approve {post_id}",
              "response_url": "https://mm.example/r"}
    before = snapshot(chat_app)
    for bad in ({}, {"token": ""}, {"token": "wrong"}, {"token": MM_TOKEN[:-1]}):
        answer = _mattermost(server, {**fields, **bad})
        assert answer.status_code == 401 and "token does not match" in answer.text
    assert snapshot(chat_app) == before
    ok = _mattermost(server, fields, {"Authorization": f"Token {MM_TOKEN}"})
    assert ok.status_code == 200 and "(1/2)" in ok.json()["text"]
    unknown = _mattermost(server, {**fields, "token": MM_TOKEN, "user_id": "eve",
                                   "user_name": "dana"})
    assert "not on this practice's approver list" in unknown.json()["text"]


def test_unconfigured_doors_refuse(make_app):
    from social_bot.web import build_asgi_app, serve_in_thread

    app = make_app()  # no SLACK_SIGNING_SECRET, no MATTERMOST_TOKEN
    handle = serve_in_thread(build_asgi_app(app))
    try:
        post_id = new_post(app)
        before = snapshot(app)
        body = command_body(f"approve {post_id}", DANA, "https://hooks.example/r")
        for path in ("/slack/commands", "/slack/actions", "/mattermost/commands"):
            answer = requests.post(f"{handle.url}{path}", data=body, headers=slack_headers(body),
                                   timeout=10)
            assert answer.status_code == 503 and "not configured" in answer.text
        assert snapshot(app) == before
    finally:
        handle.stop()


# --- answering in time, health, metrics ---------------------------------------------------


def test_slow_work_answers_at_once_and_follows_up(chat_app, server, capture, monkeypatch):
    from social_bot.chat import commands
    from social_bot.web import asgi

    real = commands.handle_command
    # An ordering, not a stopwatch: the command cannot finish until the test has the
    # answer, so an answer at all proves it came before the work ended.
    answered = threading.Event()

    def slow(*args):
        answered.wait(60)
        return real(*args)

    monkeypatch.setattr(asgi, "DEADLINE", 0.2)
    monkeypatch.setattr(asgi, "handle_command", slow)
    post_id = new_post(chat_app)
    try:
        answer = reply_text(slash(server, f"approve {post_id}", DANA, response_url=capture.url))
    finally:
        answered.set()
    assert answer.startswith("Working on it")
    follow_up = capture.wait_for(1)[0]["body"]
    assert "(1/2)" in follow_up["text"] and follow_up["response_type"] == "ephemeral"


def test_healthz_and_metrics(chat_app, server):
    health = requests.get(f"{server.url}/healthz", timeout=10)
    assert health.status_code == 200 and health.json() == {"status": "ok"}
    slash(server, "help", DANA)
    metrics = requests.get(f"{server.url}/metrics", timeout=10)
    assert metrics.status_code == 200
    assert 'socialbot_chat_requests_total{door="slack",outcome="ok"}' in metrics.text
    assert requests.get(f"{server.url}/slack/commands", timeout=10).status_code == 405


def test_refused_attempts_by_an_approver_are_audited_too(chat_app, server):
    """An unknown id, a malformed one or an unknown command: each leaves an audit record."""
    for text in ("approve 999999", "approve 1; DROP TABLE posts", "frobnicate 3"):
        before = len(audit_actions(chat_app))
        assert reply_text(slash(server, text, DANA)).startswith("Refused")
        actions = audit_actions(chat_app)
        assert len(actions) == before + 1 and actions[-1] == "chat.refused", text


# --- the workspace (session 50 attack review: the door keyed a person by user id alone) ----


def test_slack_team_id_refuses_another_workspace(chat_app, capture):
    from dataclasses import replace

    from test_web_actions import card_value, click

    from social_bot.posts import show_post

    chat_app.settings = replace(chat_app.settings,
                                env={**chat_app.settings.env, "SLACK_TEAM_ID": "T1"})
    handle = server_in(chat_app)
    try:
        post_id = new_post(chat_app)
        before = snapshot(chat_app)
        body = command_body(f"approve {post_id}", DANA, "https://hooks.example/r/1",
                            team_id="T9OTHER")
        answer = requests.post(f"{handle.url}/slack/commands", data=body,
                               headers=slack_headers(body), timeout=10)
        assert answer.status_code == 403 and "workspace" in answer.text
        value = card_value(chat_app, post_id)
        payload_team = click(handle, capture.url, DANA, "socialbot.approve", value,
                             team="T9OTHER")
        assert payload_team.status_code == 403
        assert snapshot(chat_app) == before  # refused at the door: not even an audit record
        assert "(1/2)" in reply_text(slash(handle, f"approve {post_id}", DANA))  # team T1
        assert show_post(chat_app, post_id)["status"] == "pending_approval"
    finally:
        handle.stop()


def server_in(app):  # noqa: ANN001, ANN201
    from social_bot.web import build_asgi_app, serve_in_thread

    return serve_in_thread(build_asgi_app(app))


def test_check_warns_when_the_slack_team_is_not_set():
    from social_bot.web.verify import slack_team_warning

    assert "SLACK_TEAM_ID" in slack_team_warning({"SLACK_SIGNING_SECRET": "s"})
    assert slack_team_warning({}) is not None
    assert slack_team_warning({"SLACK_SIGNING_SECRET": "s", "SLACK_TEAM_ID": "T1"}) is None
    assert slack_team_warning({"MATTERMOST_TOKEN": "m"}) is None  # Mattermost alone
