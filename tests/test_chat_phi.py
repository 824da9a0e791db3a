"""No PHI leaves through chat (issue 14, item 1), over real HTTP with the real PHI screen.

PHI is seeded into a post, a comment (and its author and flag reasons) and a rejection
reason; the whole flow runs: the daemon's chat endpoint (Slack and Mattermost doors),
buttons, slow follow-ups to response_url, and the outbox delivered to a webhook. A
loopback stand-in receives everything sent to chat; none of the identifiers may appear
in it, nor in any answer the endpoint gave. The full text stays in the local database.
"""

from __future__ import annotations

import json
from dataclasses import replace
from urllib.parse import urlencode

import pytest
import requests
from sqlalchemy import select
from test_daemon_helpers import Clock, FakePlatforms, approved_post
from test_web_support import (
    MM_TOKEN,
    SLACK_SECRET,
    Capture,
    command_body,
    new_post,
    slack_headers,
)

from social_bot.daemon.config import DaemonConfig
from social_bot.daemon.monitor import Monitor
from social_bot.daemon.publisher import Publisher

POST_PHI = ("Jane Doe (DOB 03/14/1962, MRN 4471-2290) is recovering well after her knee "
            "replacement with us.")
REASON_PHI = "Do not post this, Jane Doe's MRN 4471-2290 is visible in it"
COMMENT_PHI = "My neighbor Robert Kline was treated for HIV here last March 3rd, ask him"
COMMENTER = "Robert Kline"
IDENTIFIERS = ("Jane Doe", "Doe's", "03/14/1962", "4471-2290", "Robert Kline", "Kline",
               "March 3rd")
CONFIG = DaemonConfig(retry_base=0.0, retry_cap=0.0, poll_interval=30.0, batch=10)
DANA, LUIS = "U01DANA", "U02LUIS"

pytestmark = pytest.mark.timeout(180)


@pytest.fixture
def phi_app(make_app):
    """The real PHI screen (spaCy), the chat secrets, replies allowed to the stand-in."""
    app = make_app(screener=None)
    app.settings = replace(app.settings, env={**app.settings.env,
                                              "SLACK_SIGNING_SECRET": SLACK_SECRET,
                                              "MATTERMOST_TOKEN": MM_TOKEN})
    return app


class Seen:
    """Everything that went to chat: answers of the endpoint and what the stand-in got."""

    def __init__(self, app, capture: Capture) -> None:
        from social_bot.web import build_asgi_app, serve_in_thread

        self.app, self.capture = app, capture
        self.answers: list[str] = []
        app.settings = replace(app.settings, env={
            **app.settings.env, "SOCIALBOT_CHAT_RESPONSE_URL_PREFIXES": capture.url + "/"})
        self.server = serve_in_thread(build_asgi_app(app))

    def slack(self, text: str, user: str = DANA) -> dict:
        body = command_body(text, user, self.capture.url + "/respond")
        answer = requests.post(f"{self.server.url}/slack/commands", data=body,
                               headers=slack_headers(body), timeout=30)
        self.answers.append(answer.text)
        return answer.json()

    def mattermost(self, text: str, user: str = "dana") -> dict:
        fields = {"user_id": user, "text": text, "token": MM_TOKEN,
                  "response_url": self.capture.url + "/mm"}
        answer = requests.post(f"{self.server.url}/mattermost/commands",
                               data=urlencode(fields), timeout=30,
                               headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.answers.append(answer.text)
        return answer.json()

    def click(self, button: dict, user: str = LUIS, reason: str | None = None) -> None:
        payload = {"type": "block_actions", "user": {"id": user},
                   "response_url": self.capture.url + "/click",
                   "actions": [{"action_id": button["action_id"], "value": button["value"]}]}
        if reason is not None:
            payload["state"] = {"values": {"socialbot.reason": {"reason": {"value": reason}}}}
        body = ("payload=" + requests.utils.quote(json.dumps(payload))).encode()
        answer = requests.post(f"{self.server.url}/slack/actions", data=body,
                               headers=slack_headers(body), timeout=30)
        assert answer.status_code == 200
        self.answers.append(answer.text)

    def everything(self) -> str:
        return json.dumps([self.answers, [r["body"] for r in self.capture.received]])

    def close(self) -> None:
        self.server.stop()


@pytest.fixture
def seen(phi_app):
    capture = Capture()
    watcher = Seen(phi_app, capture)
    yield watcher
    watcher.close()
    capture.close()


def _flagged_phi_comment(app) -> int:
    """A published post, a PHI comment on it, the real monitor and classifier."""
    from social_bot.db.models import Comment

    platforms = FakePlatforms(("x",))
    approved_post(app, "Our open house is on Friday afternoon.", ["x"])
    Publisher(app, platforms, "w1", CONFIG).run_lane("x")
    remote = platforms["x"].posts[0].id
    platforms["x"].add_comment(remote, COMMENT_PHI, COMMENTER)
    assert Monitor(app, platforms, "w1", CONFIG, clock=Clock()).run_platform("x").flagged == 1
    with app.db.read() as session:
        row = session.scalars(select(Comment).where(Comment.text == COMMENT_PHI)).one()
        assert "phi" in {f["flag"] for f in row.flags}
        return row.id


def test_no_identifier_reaches_chat(phi_app, seen):
    from social_bot.db.models import AuditRecord
    from social_bot.notify import deliver_outbox
    from social_bot.posts import Staff, create_post, prepare_draft, show_post

    blocked = create_post(phi_app, Staff("Pat Author", "pat"),
                          prepare_draft(phi_app, POST_PHI, ["x"]))
    assert show_post(phi_app, blocked)["status"] == "blocked_phi"
    pending = new_post(phi_app, "Flu shots are available every weekday.")
    comment_id = _flagged_phi_comment(phi_app)

    # `show` of the blocked post, on both doors: redacted, with counts and categories.
    shown = seen.slack(f"show {blocked}")
    assert "[patient name]" in shown["text"] and "[record number]" in shown["text"]
    assert "Redacted for chat" in shown["text"] and "socialbot post show" in shown["text"]
    assert "\\[patient name\\]" in seen.mattermost(f"show {blocked}")["text"]  # escaped

    # A rejection reason with PHI: refused, shown redacted, stored nowhere.
    refused = seen.slack(f"reject {pending} {REASON_PHI}")
    assert refused["text"].startswith("Refused") and "[patient name]" in refused["text"]
    assert show_post(phi_app, pending)["status"] == "pending_approval"
    refused_mm = seen.mattermost(f"reject {pending} {REASON_PHI}", "luis")
    assert refused_mm["text"].startswith("Refused")

    # The same through the Reject button with the reason typed in the card's box.
    card = seen.slack(f"show {pending}", LUIS)
    reject_button = next(b for b in card["blocks"] if b["type"] == "actions")["elements"][1]
    seen.click(reject_button, LUIS, REASON_PHI)
    seen.capture.wait_for(1)
    assert show_post(phi_app, pending)["status"] == "pending_approval"

    # Flagged comments: the listing, the card after a button, the webhook card.
    listing = seen.slack("comments")["text"]
    assert f"#{comment_id}" in listing and "phi" in listing
    assert "[commenter name]" in listing
    seen.mattermost("comments")
    deliver_outbox(phi_app, seen.capture.url + "/webhook", limit=50)
    webhook = [r["body"] for r in seen.capture.received if r["path"] == "/webhook"]
    flagged_card = next(b for b in webhook if b["text"].startswith(f"Comment {comment_id}"))
    assert "phi" in json.dumps(flagged_card)

    everything = seen.everything()
    for identifier in IDENTIFIERS:
        assert identifier not in everything, identifier
    with phi_app.db.read() as session:
        details = " ".join(session.scalars(select(AuditRecord.detail)))
    assert "4471-2290" not in details  # the refused reason was not stored either


def test_the_guard_redacts_what_a_renderer_forgot(phi_app):
    """The choke point itself: a body naming a patient is redacted, whatever built it."""
    from social_bot.chat.guard import Cleared, release, require_cleared

    body = {"text": POST_PHI, "blocks": [{"type": "section",
                                          "text": {"type": "mrkdwn", "text": POST_PHI}}]}
    cleared = release(phi_app, body)
    sent = json.dumps(require_cleared(cleared))
    assert all(i not in sent for i in IDENTIFIERS)
    assert cleared.redacted.get("name") == 2 and "[date]" in sent
    with pytest.raises(TypeError):
        require_cleared(body)  # a raw dict cannot be sent
    with pytest.raises(TypeError):
        Cleared(body)  # nor dressed up as a cleared one


def test_a_failing_screen_sends_nothing_but_a_fixed_line(phi_app):
    from social_bot.chat.guard import WITHHELD, release, require_cleared

    def broken(texts, context):  # noqa: ANN001, ANN202
        raise RuntimeError("model missing")

    phi_app._screener = broken
    sent = require_cleared(release(phi_app, {"text": POST_PHI}))
    assert sent == {"response_type": "ephemeral", "text": WITHHELD}
