"""Issue 14 attacks on the chat endpoint, each replayed over real HTTP on loopback:
votes bound to what the voter was shown (7), replays after a restart (7), response_url
hosts, slow bodies, deep JSON, Markdown from commenters on Mattermost, refused-attempt
flooding, and hold/release with the two-person rule."""

from __future__ import annotations

import json
import socket
from dataclasses import replace
from datetime import timedelta
from urllib.parse import urlencode

import pytest
import requests
from sqlalchemy import select
from test_web_support import (  # noqa: F401 - fixtures
    MM_TOKEN,
    capture_fixture,
    chat_app_fixture,
    command_body,
    new_post,
    server_fixture,
    slack_headers,
)

from social_bot.revision_code import detail_code

DANA, LUIS, MINA, STRANGER = "U01DANA", "U02LUIS", "U03MINA", "U09EVE"


def slash(server, text: str, user: str, response_url: str = "https://hooks.example/r/1"):
    body = command_body(text, user, response_url)
    return requests.post(f"{server.url}/slack/commands", data=body, headers=slack_headers(body),
                         timeout=10)


def said(server, text: str, user: str) -> str:
    answer = slash(server, text, user)
    assert answer.status_code == 200, answer.text
    return answer.json()["text"]


def actions(app) -> list[str]:
    from social_bot.db.models import AuditRecord

    with app.db.read() as session:
        return list(session.scalars(select(AuditRecord.action).order_by(AuditRecord.id)))


def status(app, post_id: int) -> str:
    from social_bot.posts import show_post

    return show_post(app, post_id)["status"]


# --- item 7: a vote binds to a revision its voter was shown --------------------------------


def test_plain_approve_of_a_revision_never_shown_is_refused(chat_app, server):
    from social_bot.posts import Staff, edit_post, show_post

    post_id = new_post(chat_app, shown_to=())
    refused = said(server, f"approve {post_id}", DANA)
    assert refused.startswith("Refused") and f"/socialbot show {post_id}" in refused
    assert show_post(chat_app, post_id)["approvals"] == []
    assert "chat.refused" in actions(chat_app)

    said(server, f"show {post_id}", DANA)
    assert "(1/2)" in said(server, f"approve {post_id}", DANA)

    # Luis read revision 1; the author edits; Luis's plain approve must not land on rev 2.
    said(server, f"show {post_id}", LUIS)
    edit_post(chat_app, Staff("Pat Author", "pat"), post_id, text="Flu shots every weekday!")
    refused = said(server, f"approve {post_id}", LUIS)
    assert refused.startswith("Refused") and "revision 2" in refused
    assert show_post(chat_app, post_id)["approvals"] == []
    said(server, f"show {post_id}", LUIS)
    assert "(1/2)" in said(server, f"approve {post_id}", LUIS)


def test_the_code_binds_only_after_a_show(chat_app, server):
    """Since session 50 the code is checked on top of a view in full, not instead of one:
    an author holding the audit key can give an edit the code of what was read (an attack
    review, finding 5; tests/test_session50_view_seal_and_code.py)."""
    from social_bot.posts import show_post

    post_id = new_post(chat_app, shown_to=())
    code = detail_code(show_post(chat_app, post_id))
    assert "not been shown" in said(server, f"approve {post_id} {code}", DANA)
    said(server, f"show {post_id}", DANA)
    assert "(1/2)" in said(server, f"approve {post_id} {code}", DANA)


def test_a_view_on_mattermost_is_not_a_view_on_slack(chat_app, server):
    post_id = new_post(chat_app, shown_to=("mattermost:dana",))
    assert said(server, f"approve {post_id}", DANA).startswith("Refused")


def test_a_replay_is_refused_after_a_restart(chat_app):
    """The replay memory lives in the database: a second server (a restarted daemon)
    refuses the bytes the first one accepted."""
    from social_bot.web import build_asgi_app, serve_in_thread

    post_id = new_post(chat_app)
    body = command_body("pending", DANA, "https://hooks.example/r/1")
    headers = slack_headers(body)
    first = serve_in_thread(build_asgi_app(chat_app))
    try:
        assert requests.post(f"{first.url}/slack/commands", data=body, headers=headers,
                             timeout=10).status_code == 200
    finally:
        first.stop()
    second = serve_in_thread(build_asgi_app(chat_app))
    try:
        again = requests.post(f"{second.url}/slack/commands", data=body, headers=headers,
                              timeout=10)
        assert again.status_code == 401 and "already received" in again.text
        approve = command_body(f"approve {post_id}", DANA, "https://hooks.example/r/1")
        assert requests.post(f"{second.url}/slack/commands", data=approve,
                             headers=slack_headers(approve), timeout=10).status_code == 200
    finally:
        second.stop()


# --- the Low list ----------------------------------------------------------------------


@pytest.mark.parametrize("url", [
    "http://169.254.169.254/latest/meta-data/",   # cloud metadata
    "http://10.0.0.5/admin",
    "https://hooks.slack.com.evil.example/x",
    "https://hooks.slack.com@evil.example/x",
    "https://evil.example/hooks.slack.com/",
])
def test_response_url_only_on_allowed_hosts(make_app, url):
    from test_web_support import SLACK_SECRET

    from social_bot.web import build_asgi_app, serve_in_thread

    app = make_app()  # production default: only https://hooks.slack.com/
    app.settings = replace(app.settings, env={**app.settings.env,
                                              "SLACK_SIGNING_SECRET": SLACK_SECRET})
    server = serve_in_thread(build_asgi_app(app))
    try:
        body = command_body("help", DANA, url)
        answer = requests.post(f"{server.url}/slack/commands", data=body,
                               headers=slack_headers(body), timeout=10)
        assert answer.status_code == 400 and "allowed chat host" in answer.text \
            or "credentials" in answer.text
        payload = {"type": "block_actions", "user": {"id": DANA}, "response_url": url,
                   "actions": [{"action_id": "socialbot.approve",
                                "value": json.dumps({"post": 1, "hash": "0" * 64})}]}
        body = ("payload=" + requests.utils.quote(json.dumps(payload))).encode()
        click = requests.post(f"{server.url}/slack/actions", data=body,
                              headers=slack_headers(body), timeout=10)
        assert click.status_code == 400
        ok = command_body("help", DANA, "https://hooks.slack.com/commands/T1/2/abc")
        assert requests.post(f"{server.url}/slack/commands", data=ok,
                             headers=slack_headers(ok), timeout=10).status_code == 200
    finally:
        server.stop()


def test_a_slow_body_is_cut_off(chat_app):
    from social_bot.web import build_asgi_app, serve_in_thread

    chat_app.settings = replace(chat_app.settings, env={**chat_app.settings.env,
                                                        "SOCIALBOT_HTTP_BODY_TIMEOUT": "0.5"})
    server = serve_in_thread(build_asgi_app(chat_app))
    try:
        # The client never sends the rest of the body, so only the server's body timeout
        # can produce an answer; the socket's timeout is a bound against a hang.
        with socket.create_connection((server.host, server.port), timeout=60) as conn:
            conn.sendall(b"POST /slack/commands HTTP/1.1\r\nHost: x\r\nContent-Length: 200\r\n"
                         b"Content-Type: application/x-www-form-urlencoded\r\n\r\nuser_id=U")
            answer = b""
            while chunk := conn.recv(65536):
                answer += chunk
                if b"\r\n\r\n" in answer:
                    break
        assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
    finally:
        server.stop()


def test_deeply_nested_json_is_a_clean_400(chat_app, server, caplog):
    for depth in (5000, 33):
        raw = "[" * depth + "]" * depth
        body = ("payload=" + requests.utils.quote(raw)).encode()
        answer = requests.post(f"{server.url}/slack/actions", data=body,
                               headers=slack_headers(body), timeout=10)
        assert answer.status_code == 400, (depth, answer.text[:200])
        assert "nested deeper" in answer.text
    assert "Traceback" not in caplog.text and "RecursionError" not in caplog.text


def test_markdown_from_commenters_is_inert_on_mattermost(chat_app, server):
    from social_bot.db.models import Comment, Delivery

    post_id = new_post(chat_app)
    text = ("**URGENT** [click here](http://evil.example/login) ![x](http://t.example/p.png) "
            "# heading | a | b | ~~gone~~ _it_ `code` @channel")
    with chat_app.db.write() as session:
        delivery = session.query(Delivery).filter_by(post_id=post_id, platform="x").one()
        session.add(Comment(delivery_id=delivery.id, post_id=post_id, platform="x",
                            remote_id="c-md", author="[boss](http://evil.example)", text=text,
                            state="flagged",
                            flags=[{"flag": "spam", "score": 0.9, "reason": "link"}]))
    answer = requests.post(f"{server.url}/mattermost/commands", timeout=10, data=urlencode(
        {"user_id": "dana", "text": "comments", "token": MM_TOKEN,
         "response_url": "https://mm.example/r"}),
        headers={"Content-Type": "application/x-www-form-urlencoded"}).json()["text"]
    for live in ("**URGENT**", "[click here](", "![x](", "~~gone~~", "_it_", "`code`",
                 "@channel", "[boss](", "http://evil.example"):
        assert live not in answer, live
    assert "URGENT" in answer and "click here" in answer  # still readable


def test_refused_attempts_are_rate_limited_and_counted(chat_app, server):
    chat_app.settings = replace(chat_app.settings, env={**chat_app.settings.env,
                                                        "SOCIALBOT_CHAT_REFUSAL_LIMIT": "3"})
    before = actions(chat_app).count("chat.refused")
    for n in range(3):
        assert said(server, f"approve 99{n}", STRANGER).startswith("Refused")
    assert actions(chat_app).count("chat.refused") == before + 3
    for n in range(20):
        answer = said(server, f"approve 99{n}", STRANGER)
        assert "too many refused attempts" in answer
    trail = actions(chat_app)
    assert trail.count("chat.refused") == before + 3  # not one record per flood attempt
    assert trail.count("chat.refusals_limited") == 1
    from social_bot.db.models import ChatRefusals

    with chat_app.db.read() as session:
        row = session.get(ChatRefusals, f"slack:{STRANGER}")
        assert row.suppressed == 20 and row.refused == 3
    # Others are not affected, and a valid command of the limited user is not run either.
    assert not said(server, "pending", DANA).startswith("Refused")
    assert "too many" in said(server, "help", STRANGER)


def test_the_count_is_audited_when_the_window_closes(chat_app, server, monkeypatch):
    from social_bot.chat import memory
    from social_bot.db.models import AuditRecord, utcnow

    # The limiter's clock, moved by the test (no sleeping, and no window closing early
    # because a loaded machine took a while over the seven requests).
    now = [utcnow()]
    monkeypatch.setattr(memory, "utcnow", lambda: now[0])
    chat_app.settings = replace(chat_app.settings, env={**chat_app.settings.env,
                                                        "SOCIALBOT_CHAT_REFUSAL_LIMIT": "2",
                                                        "SOCIALBOT_CHAT_REFUSAL_WINDOW": "600"})
    for _ in range(2 + 5):
        said(server, "approve 1", STRANGER)
    now[0] += timedelta(seconds=599)
    assert "too many" in said(server, "approve 1", STRANGER)  # still inside the window
    now[0] += timedelta(seconds=2)
    assert "approver list" in said(server, "approve 1", STRANGER)  # served again
    with chat_app.db.read() as session:
        counts = [json.loads(d) for d in session.scalars(
            select(AuditRecord.detail).where(AuditRecord.action == "chat.refusals_limited")
            .order_by(AuditRecord.id))]
    assert [c["window_closed"] for c in counts] == [False, True]
    assert counts[1]["suppressed"] == 6 and counts[1]["refused"] == 2


def test_hold_and_release_need_two_approvers(chat_app, server):
    from social_bot.approvals import VerifiedIdentity, approve

    post_id = new_post(chat_app)
    approve(chat_app, VerifiedIdentity("slack", DANA), post_id)
    approve(chat_app, VerifiedIdentity("slack", LUIS), post_id)
    assert status(chat_app, post_id) == "approved"

    assert said(server, f"hold {post_id}", DANA).startswith("Refused")  # a reason is needed
    held = said(server, f"hold {post_id} the photo consent is being checked", DANA)
    assert "on hold" in held and status(chat_app, post_id) == "held"
    assert said(server, f"hold {post_id} again", LUIS).startswith("Refused")

    assert "(1/2)" in said(server, f"release {post_id}", DANA)
    assert said(server, f"release {post_id}", DANA).startswith("Refused")  # same person
    assert status(chat_app, post_id) == "held"
    assert said(server, f"release {post_id}", STRANGER).startswith("Refused")
    released = said(server, f"release {post_id}", LUIS)
    assert "released by Dana Whitfield and Luis Ortega" in released
    assert status(chat_app, post_id) == "approved"
    trail = actions(chat_app)
    assert "post.held" in trail and "post.released" in trail


def test_the_author_cannot_release(chat_app, server):
    from social_bot.approvals import VerifiedIdentity, approve

    post_id = new_post(chat_app, author=("Mina Okafor", "mina"))
    approve(chat_app, VerifiedIdentity("slack", DANA), post_id)
    approve(chat_app, VerifiedIdentity("slack", LUIS), post_id)
    said(server, f"hold {post_id} wait", DANA)
    assert "(1/2)" in said(server, f"release {post_id}", LUIS)
    refused = said(server, f"release {post_id}", MINA)
    assert refused.startswith("Refused") and "author" in refused
    assert status(chat_app, post_id) == "held"


def test_a_held_post_is_not_published(chat_app, server):
    from test_daemon_helpers import Clock, FakePlatforms, approved_post

    from social_bot.daemon.config import DaemonConfig
    from social_bot.daemon.publisher import Publisher

    post_id = approved_post(chat_app, "Open house on Friday", ["x"])
    said(server, f"hold {post_id} wrong date", LUIS)
    platforms = FakePlatforms(("x",))
    publisher = Publisher(chat_app, platforms, "w1", DaemonConfig(batch=10), clock=Clock())
    publisher.run_lane("x")
    assert platforms["x"].texts() == [] and status(chat_app, post_id) == "held"
    said(server, f"release {post_id}", LUIS)
    said(server, f"release {post_id}", MINA)
    publisher.run_lane("x")
    assert platforms["x"].texts() == ["Open house on Friday"]


def test_a_hold_reason_with_phi_is_refused(make_app):
    """The real screen: a hold reason naming a patient is neither stored nor echoed."""
    from social_bot.approvals import VerifiedIdentity
    from social_bot.chat import handle_command

    app = make_app(screener=None)
    post_id = new_post(app)
    from social_bot.approvals import approve

    approve(app, VerifiedIdentity("slack", DANA), post_id)
    approve(app, VerifiedIdentity("slack", LUIS), post_id)
    reply = handle_command(app, VerifiedIdentity("slack", DANA),
                           f"hold {post_id} Jane Doe (MRN 4471-2290) asked us to wait")
    from social_bot.chat.ownwords import unmark

    text = unmark(reply.text, ())[0]  # the refusal's own words are marked (session 47)
    assert text.startswith("Refused") and "Jane Doe" not in text
    assert "[patient name]" in text
    assert status(app, post_id) == "approved"
