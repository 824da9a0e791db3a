"""Session 55's fixes of the chat-door review (docs/history/security.md): what the replays in
test_s55_attack_doors.py do not cover on their own (every route, both doors, the bound
kept, the reviewer's notes on clock skew, weak secrets and http:// reply prefixes)."""

from __future__ import annotations

import json
import logging
import secrets
import time
from dataclasses import replace
from urllib.parse import urlencode

import pytest
import requests
from test_web_support import (  # noqa: F401 - fixtures
    MM_TOKEN,
    capture_fixture,
    chat_app_fixture,
    command_body,
    new_post,
    raw_exchange,
    server_fixture,
    slack_headers,
    snapshot,
)

DANA = "U01DANA"


def _head(server, method: str, path: str) -> bytes:
    request = (f"{method} {path} HTTP/1.1\r\nHost: chat.attacker.example\r\n"
               "X-Forwarded-Proto: https\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
    return raw_exchange(server, request.encode()).split(b"\r\n\r\n", 1)[0]


# --- A1: no trailing-slash redirect, on any route -----------------------------------------


@pytest.mark.parametrize(("method", "path"), [
    ("POST", "/slack/actions/"), ("GET", "/metrics/"), ("POST", "/slack/commands/"),
    ("GET", "/healthz/"), ("POST", "/mattermost/commands/")])
def test_every_route_with_a_trailing_slash_is_a_404_without_location(chat_app, server,
                                                                     method, path):
    head = _head(server, method, path)
    assert head.startswith(b"HTTP/1.1 404"), head
    assert b"location:" not in head.lower(), head


# --- A2: a click on the largest card the product posts fits the limit -------------------------


def _click_of(shown: dict, ensure_ascii: bool) -> bytes:
    """A Slack click on ``shown`` with Slack's fields and a 500-character reason; with
    ``ensure_ascii`` as Slack may send it (\\u escapes and \\/), the larger encoding."""
    payload = {
        "type": "block_actions", "user": {"id": DANA, "username": "dana", "team_id": "T1"},
        "team": {"id": "T1", "domain": "practice"}, "channel": {"id": "C1", "name": "posts"},
        "trigger_id": secrets.token_hex(8), "response_url": "https://hooks.slack.com/a/b",
        "container": {"type": "message", "message_ts": "1.2", "is_ephemeral": True},
        "message": {"type": "message", "text": shown["text"], "blocks": [
            {**block, "block_id": "abcde"} for block in shown["blocks"]]},
        "state": {"values": {"socialbot.reason": {"reason": {
            "type": "plain_text_input", "value": "\U0001F389" * 500}}}},
        "actions": [{"type": "button", "action_id": "socialbot.reject",
                     "block_id": "socialbot.post", "value": "{}", "action_ts": "1"}],
    }
    raw = json.dumps(payload, ensure_ascii=ensure_ascii)
    return urlencode({"payload": raw.replace("/", "\\/") if ensure_ascii else raw}).encode()


@pytest.mark.parametrize("letters", ["\U0001F389\U0001FA7A\U0001F489", "Приглашаем ",
                                     "開放日歡迎", "Q&A <b> \"x\" "])
def test_a_click_on_the_largest_card_fits_the_action_limit(chat_app, letters):
    """The card of a post far longer than chat carries (its blocks and `show`'s text both
    at their budgets), in the scripts that encode largest: its click is under
    MAX_ACTION_BODY, and was over the 64 KiB it replaced (but Latin-ish text)."""
    from social_bot.chat.commands import _shown
    from social_bot.chat.guard import post_for_chat
    from social_bot.chat.render import SLACK
    from social_bot.posts import show_post
    from social_bot.web.verify import MAX_ACTION_BODY

    post_id = new_post(chat_app)
    detail = post_for_chat(show_post(chat_app, post_id), chat_app)
    detail = {**detail, "text": (letters * 20_000)[:20_000]}  # Facebook takes 63,206
    text, blocks, _ = _shown(chat_app, detail, SLACK)
    sizes = [len(_click_of({"text": text, "blocks": blocks}, e)) for e in (True, False)]
    assert max(sizes) < MAX_ACTION_BODY, sizes
    if not letters.startswith("Q&A"):
        assert max(sizes) > 64 * 1024, sizes


def test_a_click_body_over_the_limit_is_still_refused(chat_app, server):
    from social_bot.web.verify import MAX_ACTION_BODY

    before = snapshot(chat_app)
    body = urlencode({"payload": "{}", "pad": "a" * MAX_ACTION_BODY}).encode()
    answer = requests.post(f"{server.url}/slack/actions", data=body,
                           headers=slack_headers(body), timeout=30)
    assert answer.status_code == 413, answer.text
    assert snapshot(chat_app) == before


# --- A3: over-long ids refused at the door, both doors -------------------------------------


def test_an_overlong_mattermost_user_id_is_refused_at_the_door(chat_app, server):
    before = snapshot(chat_app)
    body = urlencode({"token": MM_TOKEN, "user_id": "d" * 65, "text": "pending",
                      "response_url": "https://mm.example/r"}).encode()
    answer = requests.post(f"{server.url}/mattermost/commands", data=body, timeout=30,
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert answer.status_code == 400 and "user_id" in answer.text, answer.text
    assert snapshot(chat_app) == before


def test_an_overlong_team_id_is_refused_on_a_command_and_a_click(chat_app, server):
    before = snapshot(chat_app)
    body = command_body("pending", DANA, "https://hooks.example/r/1", team_id="T" * 65)
    answer = requests.post(f"{server.url}/slack/commands", data=body,
                           headers=slack_headers(body), timeout=30)
    assert answer.status_code == 400 and "team_id" in answer.text, answer.text
    click = {"type": "block_actions", "user": {"id": DANA}, "team": {"id": "T" * 65},
             "response_url": "https://hooks.example/r/2",
             "actions": [{"action_id": "socialbot.approve", "value": "{}"}]}
    body = urlencode({"payload": json.dumps(click)}).encode()
    answer = requests.post(f"{server.url}/slack/actions", data=body,
                           headers=slack_headers(body), timeout=30)
    assert answer.status_code == 400 and "team id" in answer.text, answer.text
    assert snapshot(chat_app) == before


def test_a_64_character_user_id_still_reaches_the_command_layer(chat_app, server):
    """The bound is the button's (64): an id of that length is an unknown person, refused
    and audited by the command layer as before, on both databases alike."""
    before = snapshot(chat_app)
    body = command_body("pending", "U" * 64, "https://hooks.example/r/1")
    answer = requests.post(f"{server.url}/slack/commands", data=body,
                           headers=slack_headers(body), timeout=30)
    assert answer.status_code == 200, answer.text
    assert "Something went wrong" not in answer.text
    assert snapshot(chat_app)["audit"] == before["audit"] + 1


# --- the reviewer's notes -------------------------------------------------------------------


def test_a_stale_but_correctly_signed_request_logs_a_clock_hint(chat_app, server, caplog):
    body = command_body("pending", DANA, "https://hooks.example/r/1")
    stale = int(time.time()) - 3600
    with caplog.at_level(logging.WARNING, logger="social_bot.web.asgi"):
        answer = requests.post(f"{server.url}/slack/commands", data=body, timeout=30,
                               headers=slack_headers(body, timestamp=stale))
        assert answer.status_code == 401
        wrong = slack_headers(body, timestamp=stale, secret="not-the-secret-at-all")
        assert requests.post(f"{server.url}/slack/commands", data=body, timeout=30,
                             headers=wrong).status_code == 401
    hints = [r for r in caplog.records if r.getMessage() == "chat.slack_clock_skew"]
    assert len(hints) == 1, caplog.text  # the wrong secret's stale request: no hint
    assert 3590 <= hints[0].skew_seconds <= 3700
    assert "clock" in hints[0].hint
    assert b"pending" not in caplog.text.encode() and "signing-secret" not in caplog.text


def test_clock_skew_is_none_within_the_window_and_for_bad_headers():
    from test_web_support import SLACK_SECRET

    from social_bot.web.verify import slack_clock_skew

    body = b"a=b"
    now = 1_800_000_000

    def signed(timestamp: int, secret: str = SLACK_SECRET) -> dict[str, str]:
        # as Starlette's headers are read: lower-case names
        return {k.lower(): v for k, v in slack_headers(body, timestamp, secret).items()}

    assert slack_clock_skew(SLACK_SECRET, body, signed(now + 900), now=now) == -900
    assert slack_clock_skew(SLACK_SECRET, body, signed(now - 400), now=now) == 400
    assert slack_clock_skew(SLACK_SECRET, body, signed(now - 60), now=now) is None
    assert slack_clock_skew(SLACK_SECRET, body, signed(now - 400, "other-secret-xyz"),
                            now=now) is None
    for bad in ("9" * 5000, "", "１２３"):
        headers = {**signed(now + 900), "x-slack-request-timestamp": bad}
        assert slack_clock_skew(SLACK_SECRET, body, headers, now=now) is None


def test_check_warns_on_a_short_chat_secret():
    from social_bot.web.verify import weak_secret_warnings

    warned = weak_secret_warnings({"MATTERMOST_TOKEN": "test",
                                   "SLACK_SIGNING_SECRET": "0123456789abcdef0123456789abcdef"})
    assert len(warned) == 1 and "MATTERMOST_TOKEN is only 4 characters" in warned[0]
    assert "test" not in warned[0].replace("MATTERMOST_TOKEN", "")
    assert weak_secret_warnings({"SLACK_SIGNING_SECRET": "short"})[0].startswith(
        "SLACK_SIGNING_SECRET is only 5")
    assert weak_secret_warnings({}) == []
    assert weak_secret_warnings({"MATTERMOST_TOKEN": "a" * 26}) == []


@pytest.mark.parametrize(("prefix", "taken"), [
    ("http://chat.example-practice.org/hooks/", False),
    ("http://10.0.0.5:8065/hooks/", False),
    ("http://127.0.0.1.evil.example/", False),
    ("http://127.0.0.1:18999/hooks/", True),
    ("http://localhost:8065/", True),
    ("http://[::1]:8065/hooks/", True),
    ("https://chat.example-practice.org/hooks/", True),
])
def test_http_reply_prefixes_only_for_this_machine(chat_app, prefix, taken):
    from social_bot.errors import UserError
    from social_bot.settings import chat_settings

    settings = replace(chat_app.settings, env={
        **chat_app.settings.env,
        "SOCIALBOT_CHAT_RESPONSE_URL_PREFIXES": f"https://hooks.slack.com/,{prefix}"})
    if taken:
        assert prefix in chat_settings(settings).response_url_prefixes
    else:
        with pytest.raises(UserError, match="http:// only for 127.0.0.1"):
            chat_settings(settings)


def test_socialbot_check_prints_the_short_secret_warning(tmp_path):
    from click.testing import CliRunner

    from social_bot.cli import cli

    (tmp_path / "data").mkdir()
    env = {"SOCIALBOT_DATA_DIR": str(tmp_path / "data"), "SOCIALBOT_POLICY": "",
           "SOCIALBOT_ENV_FILE": str(tmp_path / "none.env"), "MATTERMOST_TOKEN": "hunter2"}
    done = CliRunner().invoke(cli, ["check", "x"], env=env)
    assert "warning: MATTERMOST_TOKEN is only 7 characters" in done.stderr, done.stderr
    assert "hunter2" not in done.stderr + done.stdout
