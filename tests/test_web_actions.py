"""Slack buttons over real HTTP: the clicker's identity acts on the revision the card showed."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import requests
from test_web_support import (  # noqa: F401 - fixtures
    capture_fixture,
    chat_app_fixture,
    new_post,
    server_fixture,
    slack_headers,
    snapshot,
    without_audit,
)


def click(server, response_url: str, user: str, action_id: str, value: dict,
          reason: str | None = None, headers: dict | None = None,
          team: str = "T1") -> requests.Response:
    payload = {
        "type": "block_actions", "user": {"id": user, "username": "someone"},
        "team": {"id": team}, "channel": {"id": "C1"}, "response_url": response_url,
        "actions": [{"type": "button", "action_id": action_id, "block_id": "socialbot.post",
                     "value": json.dumps(value), "action_ts": "1"}],
    }
    if reason is not None:
        payload["state"] = {"values": {"socialbot.reason": {"reason": {
            "type": "plain_text_input", "value": reason}}}}
    body = urlencode({"payload": json.dumps(payload)}).encode()
    return requests.post(f"{server.url}/slack/actions", data=body, timeout=10,
                         headers=headers or slack_headers(body))


def card_value(app, post_id: int) -> dict:
    from social_bot.chat.render import post_card
    from social_bot.posts import show_post

    blocks = post_card(show_post(app, post_id), 2)
    buttons = next(b for b in blocks if b["type"] == "actions")["elements"]
    assert [b["action_id"] for b in buttons] == ["socialbot.approve", "socialbot.reject"]
    return json.loads(buttons[0]["value"])


def test_two_clicks_approve_and_update_the_message(chat_app, server, capture):
    from social_bot.posts import show_post

    post_id = new_post(chat_app)
    value = card_value(chat_app, post_id)
    assert click(server, capture.url, "U01DANA", "socialbot.approve", value).status_code == 200
    first = capture.wait_for(1)[0]["body"]
    assert first["replace_original"] is True and "(1/2)" in first["text"]
    assert any(b["type"] == "actions" for b in first["blocks"])  # still waiting: buttons stay
    assert click(server, capture.url, "U02LUIS", "socialbot.approve", value).status_code == 200
    second = capture.wait_for(2)[1]["body"]
    assert second["replace_original"] is True and "approved by" in second["text"]
    assert not any(b["type"] == "actions" for b in second["blocks"])  # done: no buttons
    assert show_post(chat_app, post_id)["status"] == "approved"


def test_stale_button_is_refused_with_the_new_revision(chat_app, server, capture):
    from social_bot.posts import Staff, edit_post, show_post

    post_id = new_post(chat_app)
    old = card_value(chat_app, post_id)
    edit_post(chat_app, Staff("Pat Author", "pat"), post_id, text="Changed text for the card.")
    before = snapshot(chat_app)
    click(server, capture.url, "U01DANA", "socialbot.approve", old)
    note = capture.wait_for(1)[0]["body"]
    assert note["replace_original"] is False and "changed since you saw it" in note["text"]
    shown = json.dumps(note["blocks"])
    assert "Changed text for the card." in shown
    assert show_post(chat_app, post_id)["revision_hash"] in shown  # new buttons, new revision
    assert without_audit(snapshot(chat_app)) == without_audit(before)


def test_reject_needs_a_reason_typed_in_the_card(chat_app, server, capture):
    from social_bot.posts import show_post

    post_id = new_post(chat_app)
    value = card_value(chat_app, post_id)
    before = snapshot(chat_app)
    click(server, capture.url, "U02LUIS", "socialbot.reject", value)
    note = capture.wait_for(1)[0]["body"]
    assert "reason" in note["text"] and note["replace_original"] is False
    assert without_audit(snapshot(chat_app)) == without_audit(before)
    click(server, capture.url, "U02LUIS", "socialbot.reject", value, reason="Wrong clinic hours")
    done = capture.wait_for(2)[1]["body"]
    assert done["replace_original"] is True and "rejected" in done["text"]
    detail = show_post(chat_app, post_id)
    assert detail["status"] == "rejected" and detail["status_reason"] == "Wrong clinic hours"


def test_button_refusals_change_nothing(chat_app, server, capture):
    post_id = new_post(chat_app, author=("Mina Okafor", "mina"))
    value = card_value(chat_app, post_id)
    before = snapshot(chat_app)
    cases = [("U09EVE", "socialbot.approve", value, "approver list"),
             ("U03MINA", "socialbot.approve", value, "author"),
             ("U01DANA", "socialbot.approve", {"post": "1; DROP TABLE posts", "hash": "x"},
              "no valid id"),
             ("U01DANA", "socialbot.publish", value, "not one socialbot knows")]
    for n, (user, action_id, val, expect) in enumerate(cases, start=1):
        assert click(server, capture.url, user, action_id, val).status_code == 200
        body = capture.wait_for(n)[n - 1]["body"]
        assert body["text"].startswith("Refused") and expect in body["text"], body
    assert without_audit(snapshot(chat_app)) == without_audit(before)


def test_unverified_clicks_get_401_and_change_nothing(chat_app, server, capture):
    post_id = new_post(chat_app)
    value = card_value(chat_app, post_id)
    before = snapshot(chat_app)
    forged = {"X-Slack-Signature": "v0=" + "0" * 64, "X-Slack-Request-Timestamp": "1700000000",
              "Content-Type": "application/x-www-form-urlencoded"}
    assert click(server, capture.url, "U01DANA", "socialbot.approve", value,
                 headers=forged).status_code == 401
    body = b"payload=%7Bnot+json"
    answer = requests.post(f"{server.url}/slack/actions", data=body, headers=slack_headers(body),
                           timeout=10)
    assert answer.status_code == 400 and "not JSON" in answer.text
    assert snapshot(chat_app) == before
    assert capture.received == []
