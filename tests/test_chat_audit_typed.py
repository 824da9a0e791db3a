"""What a refused chat command leaves in the audit trail: socialbot's own words as they
are, the words a person typed only as length and keyed digest (they may be PHI, and the
audit chain can never be purged). Both back ends, via the handlers the web layer calls."""

from __future__ import annotations

import json

from sqlalchemy import select
from test_web_support import chat_app_fixture  # noqa: F401 - fixture

from social_bot.approvals import VerifiedIdentity
from social_bot.audit import export_text
from social_bot.chat.actions import handle_action
from social_bot.chat.commands import handle_command, own_words
from social_bot.chat.typed import trace

DANA = VerifiedIdentity("slack", "U01DANA")
STRANGER = VerifiedIdentity("slack", "U09EVE")
# Made-up identifiers, typed where a command or an id belongs.
NAME_AS_COMMAND = "Wilhelmina Oyelaran-Stroud had her biopsy today"
NAME_AS_ID = "Oyelaran-Stroud"
FORGED_BUTTON = "socialbot.approve Wilhelmina Oyelaran-Stroud"


def refusals(app) -> list[dict]:  # noqa: ANN001
    from social_bot.db.models import AuditRecord

    with app.db.read() as session:
        return [json.loads(d) for d in session.scalars(
            select(AuditRecord.detail).where(AuditRecord.action == "chat.refused")
            .order_by(AuditRecord.id))]


def audit_key(app) -> bytes:  # noqa: ANN001
    from social_bot.audit import session_keys

    with app.db.read() as session:
        return session_keys(session).current


def everything_stored(app) -> str:  # noqa: ANN001
    with app.db.read() as session:
        return export_text(session, "jsonl") + export_text(session, "csv")


def test_typed_words_are_audited_as_length_and_keyed_digest_only(chat_app) -> None:  # noqa: ANN001
    assert handle_command(chat_app, DANA, NAME_AS_COMMAND).ok is False
    assert handle_command(chat_app, STRANGER, NAME_AS_COMMAND).ok is False
    answer = handle_command(chat_app, DANA, f"show {NAME_AS_ID}")
    assert not answer.ok and "positive whole number" in answer.text
    assert handle_action(chat_app, DANA, FORGED_BUTTON, "not json").ok is False

    unknown, stranger, bad_id, button = refusals(chat_app)
    stored = everything_stored(chat_app)
    for word in ("Wilhelmina", "Oyelaran", "biopsy", "wilhelmina", "oyelaran"):
        assert word not in stored
    key = audit_key(chat_app)
    first_word = NAME_AS_COMMAND.split()[0].lower()
    assert unknown == {"identity": "slack:U01DANA", "command": "[not a command]",
                       "reason": "unknown command",
                       "typed": [trace(key, first_word).as_detail()]}
    assert stranger["command"] == "[not a command]" and stranger["reason"] == "not an approver"
    assert stranger["typed"] == unknown["typed"]  # the same words: the same digest
    # A known command stays readable; the id typed in its place is not kept.
    assert bad_id == {"identity": "slack:U01DANA", "command": "show",
                      "reason": "the post id must be a positive whole number",
                      "typed": [{"chars": len(NAME_AS_ID),
                                 "digest": trace(key, NAME_AS_ID).digest}]}
    assert button["command"] == "[not a command]"
    assert button["typed"] == [trace(key, f"button {FORGED_BUTTON}").as_detail()]
    # An investigator holding the key can check a guess; a wrong guess does not match.
    assert trace(key, first_word).digest == unknown["typed"][0]["digest"]
    assert trace(key, "someone-else").digest != unknown["typed"][0]["digest"]
    assert trace(b"another-key-" + b"0" * 32, first_word).digest != unknown["typed"][0]["digest"]


def test_socialbot_own_words_are_kept_as_they_are(chat_app) -> None:  # noqa: ANN001
    assert handle_command(chat_app, DANA, "approve 999999").ok is False
    (record,) = refusals(chat_app)
    assert record["command"] == "approve" and "typed" not in record
    assert "999999" in record["reason"]  # socialbot's message: ids are not PHI
    assert own_words("button socialbot.comment.hide comment 12")
    assert own_words("resolve") and own_words("help")
    for forged in ("button socialbot.comment.hide comment x", "button socialbot.approve 3",
                   "approve 3", "button", "frobnicate", "button evil"):
        assert not own_words(forged), forged
