"""`comments` and `resolve` in chat, and the Keep/Hide/Delete buttons (platform faked)."""

from __future__ import annotations

import json
import time

import pytest
from test_web_support import (  # noqa: F401 - fixtures
    capture_fixture,
    chat_app_fixture,
    command_body,
    new_post,
    server_fixture,
    slack_headers,
    snapshot,
)


class FakeAdapter:
    def __init__(self, calls: list, fail: bool = False) -> None:
        self.calls, self.fail = calls, fail

    def _do(self, what: str, remote_id: str) -> None:
        from adapters.base import AdapterError

        time.sleep(0.05)
        if self.fail:
            raise AdapterError("platform said 500")
        self.calls.append((what, remote_id))

    def hide_comment(self, remote_id: str) -> None:
        self._do("hide", remote_id)

    def unhide_comment(self, remote_id: str) -> None:
        self._do("unhide", remote_id)

    def delete_comment(self, remote_id: str, *, post_id: str,
                       parent_id: str | None = None) -> None:
        self._do("delete", remote_id)


@pytest.fixture
def platform(monkeypatch):
    from social_bot import comments

    state = {"calls": [], "fail": False}
    monkeypatch.setattr(comments, "_default_adapters",
                        lambda app: lambda name: FakeAdapter(state["calls"], state["fail"]))
    return state


def flagged_comment(app, text: str = "This clinic is a scam <!here>", on: str = "x") -> int:
    """A flagged comment on ``on`` (X hides but cannot delete someone's reply; LinkedIn
    deletes but cannot hide: session 52 offers and tries only what the platform can do)."""
    from social_bot.db.models import Comment, Delivery

    post_id = new_post(app)
    with app.db.write() as session:
        delivery = session.query(Delivery).filter_by(post_id=post_id, platform=on).one()
        delivery.remote_id = "tw-1"
        row = Comment(delivery_id=delivery.id, post_id=post_id, platform=on, remote_id="c-77",
                      author="angry_person", text=text, state="flagged",
                      flags=[{"flag": "abuse", "score": 0.9, "reason": "insult"}])
        session.add(row)
        session.flush()
        return row.id


def slash(server, text: str, user: str, response_url: str):
    import requests

    body = command_body(text, user, response_url)
    return requests.post(f"{server.url}/slack/commands", data=body, headers=slack_headers(body),
                         timeout=10).json()


def comment_state(app, comment_id: int) -> str:
    from social_bot.db.models import Comment

    with app.db.read() as session:
        return session.get(Comment, comment_id).state


def test_comments_lists_flagged_ones(chat_app, server, capture):
    comment_id = flagged_comment(chat_app)
    text = slash(server, "comments", "U01DANA", capture.url)["text"]
    assert f"#{comment_id}" in text and "abuse" in text and "&lt;!here&gt;" in text


def test_resolve_answers_at_once_and_reports_later(chat_app, server, capture, platform):
    comment_id = flagged_comment(chat_app)
    first = slash(server, f"resolve {comment_id} hide", "U01DANA", capture.url)
    assert first["text"].startswith("Working on it")
    result = capture.wait_for(1)[0]["body"]
    assert f"Comment {comment_id} is now hidden" in result["text"]
    assert platform["calls"] == [("hide", "c-77")]
    assert comment_state(chat_app, comment_id) == "hidden"


def test_resolve_failure_is_reported_and_leaves_it_flagged(chat_app, server, capture, platform):
    platform["fail"] = True
    comment_id = flagged_comment(chat_app, on="linkedin")
    slash(server, f"resolve {comment_id} delete", "U02LUIS", capture.url)
    result = capture.wait_for(1)[0]["body"]
    assert result["text"].startswith("Refused") and "platform said 500" in result["text"]
    assert comment_state(chat_app, comment_id) == "flagged"


def test_resolve_usage_and_strangers(chat_app, server, capture, platform):
    comment_id = flagged_comment(chat_app)
    before = snapshot(chat_app)
    bad = slash(server, f"resolve {comment_id} burn", "U01DANA", capture.url)["text"]
    assert bad.startswith("Refused") and "keep" in bad
    stranger = slash(server, f"resolve {comment_id} hide", "U09EVE", capture.url)["text"]
    assert "not on this practice's approver list" in stranger
    time.sleep(0.2)
    assert capture.received == [] and platform["calls"] == []
    assert snapshot(chat_app)["comments"] == before["comments"]


def test_comment_buttons(chat_app, server, capture, platform):
    import requests

    from social_bot.chat.render import comment_card
    from social_bot.comments import list_comments

    comment_id = flagged_comment(chat_app, on="linkedin")
    card = comment_card(next(c for c in list_comments(chat_app) if c["id"] == comment_id))
    buttons = next(b for b in card if b["type"] == "actions")["elements"]
    assert [b["text"]["text"] for b in buttons] == ["Keep", "Delete"]
    payload = {"type": "block_actions", "user": {"id": "U02LUIS"}, "response_url": capture.url,
               "actions": [{"action_id": buttons[1]["action_id"], "value": buttons[1]["value"]}]}
    body = ("payload=" + requests.utils.quote(json.dumps(payload))).encode()
    answer = requests.post(f"{server.url}/slack/actions", data=body, headers=slack_headers(body),
                           timeout=10)
    assert answer.status_code == 200
    update = capture.wait_for(1)[0]["body"]
    assert update["replace_original"] is True and "is now deleted" in update["text"]
    assert not any(b["type"] == "actions" for b in update["blocks"])
    assert comment_state(chat_app, comment_id) == "deleted"
    assert platform["calls"] == [("delete", "c-77")]
