"""An outside re-read of branch s55-doorfix as an attacker (docs/history/security.md):
what its fixes still let through (a control character in an id, a resent stale request
flooding the log, a reply prefix with a bad port), and the attacks they withstood, kept as
guards (redirect variants, a chunked body past the limit, loopback look-alikes)."""

from __future__ import annotations

import json
import logging
import time
from dataclasses import replace
from urllib.parse import urlencode

import pytest
import requests
from test_web_support import (  # noqa: F401 - fixtures
    MM_TOKEN,
    chat_app_fixture,
    command_body,
    raw_exchange,
    server_fixture,
    slack_headers,
    snapshot,
)

DANA = "U01DANA"



# --- found: a NUL (or any control) in an id reached the database -----------------------------


@pytest.mark.parametrize("bad", ["U\x00A", "\x00", "U01\nDANA", "U\u202eANAD"])
def test_a_control_character_in_an_id_is_refused_at_every_door(chat_app, server, bad):
    """Was: SQLite audited a refusal, PostgreSQL failed the insert ("Something went wrong",
    a logged exception): the same split A3 fixed for length."""
    before = snapshot(chat_app)
    body = urlencode({"token": MM_TOKEN, "user_id": bad, "text": "pending",
                      "response_url": "https://mm.example/r"}).encode()
    answer = requests.post(f"{server.url}/mattermost/commands", data=body, timeout=30,
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert answer.status_code == 400 and "user_id" in answer.text, answer.text
    body = command_body("pending", DANA, "https://hooks.example/r/1", team_id=bad)
    answer = requests.post(f"{server.url}/slack/commands", data=body,
                           headers=slack_headers(body), timeout=30)
    assert answer.status_code == 400 and "team_id" in answer.text, answer.text
    click = {"type": "block_actions", "user": {"id": bad}, "team": {"id": "T1"},
             "response_url": "https://hooks.example/r/2",
             "actions": [{"action_id": "socialbot.approve", "value": "{}"}]}
    body = urlencode({"payload": json.dumps(click)}).encode()
    answer = requests.post(f"{server.url}/slack/actions", data=body,
                           headers=slack_headers(body), timeout=30)
    assert answer.status_code == 400 and "user id" in answer.text, answer.text
    assert snapshot(chat_app) == before


# --- found: one old signed request, resent, wrote one WARNING line per send --------------------


def test_a_resent_stale_request_logs_the_clock_hint_once_a_minute(chat_app, server, caplog,
                                                                  monkeypatch):
    from social_bot.web import asgi

    body = command_body("pending", DANA, "https://hooks.example/r/1")
    headers = slack_headers(body, timestamp=int(time.time()) - 400)
    with caplog.at_level(logging.WARNING, logger="social_bot.web.asgi"):
        for _ in range(20):
            answer = requests.post(f"{server.url}/slack/commands", data=body, timeout=30,
                                   headers=headers)
            assert answer.status_code == 401
        monkeypatch.setattr(asgi, "SKEW_LOG_EVERY", 0.0)
        requests.post(f"{server.url}/slack/commands", data=body, timeout=30, headers=headers)
    hints = [r for r in caplog.records if r.getMessage() == "chat.slack_clock_skew"]
    assert [h.left_out for h in hints] == [0, 19], caplog.text
    assert "replay" in hints[0].hint


# --- found: a reply prefix with a bad port was taken, then raised in the door -------------------


@pytest.mark.parametrize("prefix", ["https://hooks.example:99999/", "http://localhost:99999/",
                                    "https://hooks.example:8x/"])
def test_a_reply_prefix_with_a_bad_port_is_refused_at_start(chat_app, prefix):
    from social_bot.errors import UserError
    from social_bot.settings import chat_settings

    settings = replace(chat_app.settings, env={
        **chat_app.settings.env, "SOCIALBOT_CHAT_RESPONSE_URL_PREFIXES": prefix})
    with pytest.raises(UserError, match="port"):
        chat_settings(settings)


# --- withstood: kept as guards ---------------------------------------------------------------


@pytest.mark.parametrize("path", [
    "/slack/commands/?x=1", "//slack/commands/", "/slack/commands%2F", "/slack/commands//",
    "/slack/commands/.", "/slack/./commands", "/slack/../slack/commands/", "/healthz/?a=b",
    "/healthz%2F", "/SLACK/commands", "http://evil.example/slack/commands/"])
def test_no_path_variant_is_redirected(chat_app, server, path):
    for method in ("POST", "GET"):
        head = raw_exchange(server, (f"{method} {path} HTTP/1.1\r\nHost: evil.example\r\n"
                                     "Content-Length: 0\r\nConnection: close\r\n\r\n"
                                     ).encode(), timeout=20)
        head = head.split(b"\r\n\r\n", 1)[0]
        assert not head.startswith(b"HTTP/1.1 3"), head
        assert b"location:" not in head.lower(), head


def test_an_unsigned_chunked_click_past_the_limit_is_413_without_a_length(chat_app, server):
    from social_bot.web.verify import MAX_ACTION_BODY

    before = snapshot(chat_app)
    chunk = b"a" * 65536
    chunks = MAX_ACTION_BODY // len(chunk) + 2
    request = (b"POST /slack/actions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
               b"Content-Type: application/x-www-form-urlencoded\r\nConnection: close\r\n\r\n"
               + b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(chunks))
               + b"0\r\n\r\n")
    assert raw_exchange(server, request, timeout=20).startswith(b"HTTP/1.1 413"), \
        "not refused for size"
    assert snapshot(chat_app) == before


@pytest.mark.parametrize(("prefix", "taken"), [
    ("http://127.0.0.1.evil.example/", False), ("http://localhost@evil.example/", False),
    ("http://localhost.evil.example/", False), ("http://localhost:80@evil.example/", False),
    ("http://0.0.0.0/", False), ("http://[::ffff:127.0.0.1]/", False), ("http://127.1/", False),
    ("http://2130706433/", False), ("http://localhost./", False), ("HTTP://localhost/", False),
    ("http://[::ffff:8.8.8.8]/", False),
    ("http://[::1]/", True), ("http://LOCALHOST/", True), ("http://127.255.255.254/", True),
    ("http://[0:0:0:0:0:0:0:1]/", True)])
def test_loopback_look_alikes(prefix, taken):
    from social_bot.settings import _loopback_http

    assert _loopback_http(prefix) is taken


def test_a_credentialed_loopback_prefix_still_only_replies_to_this_machine():
    """``http://evil.example@localhost/`` passes as loopback (its host is localhost); a reply
    URL with credentials or a backslash is refused, so nothing goes to evil.example."""
    from social_bot.web.verify import Rejected, check_response_url

    prefixes = ("http://evil.example@localhost/",)
    assert check_response_url("http://localhost/r/1", prefixes)
    for url in ("http://evil.example@localhost/r/1", "http://evil.example\\@localhost/r/1",
                "http://localhost@evil.example/r/1"):
        with pytest.raises(Rejected):
            check_response_url(url, prefixes)
