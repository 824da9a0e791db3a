"""Session 49 (newcomer's item 6): a button whose hash is no revision of its post (garbled,
forged) is answered as malformed, in one fixed line, and audited as a refusal; a real older
revision's hash is still "changed since you saw it" with the new revision shown."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select
from test_web_support import chat_app_fixture, new_post  # noqa: F401 - fixtures

from social_bot.approvals import VerifiedIdentity
from social_bot.chat.actions import handle_action
from social_bot.chat.render import APPROVE, REJECT
from social_bot.posts import Staff, edit_post, show_post

DANA = VerifiedIdentity("slack", "U01DANA")
GARBLED = "0123456789abcdef" * 4  # well formed, and no revision's hash


def _refusals(app) -> list[dict]:  # noqa: ANN001
    from social_bot.db.models import AuditRecord

    with app.db.read() as session:
        return [json.loads(d) for d in session.scalars(
            select(AuditRecord.detail).where(AuditRecord.action == "chat.refused")
            .order_by(AuditRecord.id))]


def _click(app, action: str, post_id: int, shown: str, reason: str | None = None):  # noqa: ANN001, ANN202
    return handle_action(app, DANA, action, json.dumps({"post": post_id, "hash": shown}),
                         reason)


@pytest.mark.parametrize("action", [APPROVE, REJECT])
def test_a_garbled_hash_on_an_unchanged_post_is_malformed_not_changed(chat_app, action):
    post_id = new_post(chat_app)
    answer = _click(chat_app, action, post_id, GARBLED, reason="not now")
    assert answer.ok is False
    assert answer.text == "Refused: the button names no revision of this post"
    assert answer.blocks is None  # the post's text is not sent back for a bad button
    assert _refusals(chat_app)[-1]["reason"] == "the button names no revision of this post"
    post = show_post(chat_app, post_id)
    assert post["approvals"] == [] and post["status"] == "pending_approval"


def test_an_older_revisions_hash_is_still_changed_since_you_saw_it(chat_app):
    post_id = new_post(chat_app)
    old = show_post(chat_app, post_id)["revision_hash"]
    edit_post(chat_app, Staff("Pat Author", "pat"), post_id, text="Flu shots: weekdays 9-5.")
    answer = _click(chat_app, APPROVE, post_id, old)
    assert answer.ok is False
    assert "changed since you saw it" in answer.text and "revision 2" in answer.text
    assert show_post(chat_app, post_id)["approvals"] == []
    # and the current hash still counts
    current = show_post(chat_app, post_id)["revision_hash"]
    assert _click(chat_app, APPROVE, post_id, current).ok is True
    assert len(show_post(chat_app, post_id)["approvals"]) == 1
