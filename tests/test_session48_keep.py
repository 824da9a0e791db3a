"""Session 48: keeping a comment flagged `phi` needs a reason by every door.

An outside review of s48-merge: the CLI asked for `--reason`, but the chat command
`resolve CID keep` and the comment card's Keep button un-hid a phi-flagged comment with no
reason, and its `comment.kept` record had none. The rule is now in the service
(comments.resolve_comment), so the CLI, the chat command and the button all pass through
it: the command takes `resolve CID keep WHY`; the button answers with that command.
SQLite and PostgreSQL (the `db` fixture)."""
from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import select
from test_comments_review import RecordingAdapter, published_facebook_post
from test_daemon_helpers import DANA

from social_bot.chat.actions import handle_action
from social_bot.chat.commands import handle_command
from social_bot.chat.render import COMMENT_ACTION
from social_bot.comments import apply_decision, decision_mark
from social_bot.db.models import AuditRecord, Comment
from social_bot.domain import CommentAction
from social_bot.errors import UserError

COMMENT_TEXT = "my A1C is 9.2"
FLAG_REASON = "health detail"


def _comment(db: Any, flag: str) -> int:
    with db.write() as session:
        post = published_facebook_post(session)
        row = Comment(delivery_id=post.deliveries[0].id, post_id=post.id, platform="facebook",
                      remote_id="200_1", author="Alma", text=COMMENT_TEXT,
                      flags=[{"flag": flag, "score": 0.9, "reason": FLAG_REASON}],
                      state="flagged", hidden_on_platform=True)
        session.add(row)
        session.flush()
        return row.id


@pytest.fixture
def hidden_phi(db: Any) -> int:
    return _comment(db, "phi")


@pytest.fixture
def adapter(monkeypatch: pytest.MonkeyPatch) -> RecordingAdapter:
    recording = RecordingAdapter()
    monkeypatch.setattr("social_bot.comments._default_adapters",
                        lambda _app: lambda _p: recording)
    return recording


def _records(app: Any, action: str) -> list[dict[str, Any]]:
    with app.db.read() as session:
        rows = session.scalars(select(AuditRecord).where(AuditRecord.action == action)
                               .order_by(AuditRecord.seq)).all()
        return [json.loads(r.detail) for r in rows]


def _hidden(app: Any, comment_id: int) -> bool:
    with app.db.read() as session:
        return session.get(Comment, comment_id).hidden_on_platform


def _command(app: Any, text: str) -> str:
    """A `/socialbot` line from Dana, an approver; the answer that follows."""
    first = handle_command(app, DANA, text)
    return first.later().text if first.later else first.text


def _click_keep(app: Any, comment_id: int) -> tuple[str, str]:
    with app.db.read() as session:
        mark = decision_mark(session.get(Comment, comment_id))
    first = handle_action(app, DANA, COMMENT_ACTION + "keep",
                          json.dumps({"comment": comment_id, "seen": mark}))
    assert first.later is not None, first.text
    return first.text, first.later().text


def test_the_chat_command_without_a_reason_is_refused_and_audited(make_app, hidden_phi,
                                                                  adapter) -> None:
    app = make_app()
    said = _command(app, f"resolve {hidden_phi} keep")
    assert said.startswith("Refused") and f"/socialbot resolve {hidden_phi} keep WHY" in said
    assert "not_phi" in said and "own_disclosure" in said
    assert adapter.calls == [] and _hidden(app, hidden_phi)
    assert _records(app, "comment.kept") == []
    refusal = _records(app, "chat.refused")[-1]
    assert refusal["command"] == "resolve"
    assert refusal["reason"] == "keeping a comment flagged phi needs a reason"


def test_the_chat_command_with_a_fixed_reason_keeps_and_records_it(make_app, hidden_phi,
                                                                   adapter) -> None:
    app = make_app()
    said = _command(app, f"resolve {hidden_phi} keep NOT_PHI")
    assert f"Comment {hidden_phi} is now kept" in said and "visible again on facebook" in said
    assert COMMENT_TEXT not in said and FLAG_REASON not in said  # chat gets no details
    assert adapter.calls == [("unhide", "200_1")] and not _hidden(app, hidden_phi)
    assert _records(app, "comment.kept")[0]["why"] == {"reason": "not_phi"}


def test_own_words_from_chat_are_screened_and_kept_as_a_digest(make_app, hidden_phi,
                                                               adapter) -> None:
    app = make_app()
    bad = "her SSN-LIKE is fine to show"
    said = _command(app, f"resolve {hidden_phi} keep {bad}")
    assert said.startswith("Refused") and "patient details (ssn)" in said
    assert "SSN-LIKE" not in said and bad not in said  # never echoed to chat
    assert adapter.calls == [] and _hidden(app, hidden_phi)
    refusal = _records(app, "chat.refused")[-1]
    assert "SSN-LIKE" not in json.dumps(refusal)
    assert refusal["typed"][0]["chars"] == len(bad)  # length and keyed digest only

    words = "the commenter asked us to show it"
    assert "is now kept" in _command(app, f"resolve {hidden_phi} keep {words}")
    why = _records(app, "comment.kept")[0]["why"]
    assert why["reason"] == "own_words" and why["words"]["chars"] == len(words)
    assert words not in json.dumps(_records(app, "comment.kept"))


def test_the_card_button_on_a_phi_comment_answers_with_the_command(make_app, hidden_phi,
                                                                  adapter) -> None:
    app = make_app()
    _first, said = _click_keep(app, hidden_phi)
    assert said.startswith("Refused") and f"/socialbot resolve {hidden_phi} keep WHY" in said
    assert COMMENT_TEXT not in said and FLAG_REASON not in said
    assert adapter.calls == [] and _hidden(app, hidden_phi)
    assert _records(app, "comment.kept") == []
    refusal = _records(app, "chat.refused")[-1]
    assert refusal["command"] == f"button {COMMENT_ACTION}keep comment {hidden_phi}"


def test_a_comment_flagged_otherwise_is_kept_as_before(make_app, db, adapter) -> None:
    app = make_app()
    abusive = _comment(db, "abuse")
    _first, said = _click_keep(app, abusive)
    assert f"Comment {abusive} is now kept" in said
    assert adapter.calls == [("unhide", "200_1")]
    assert "why" not in _records(app, "comment.kept")[0]


def test_only_keep_takes_a_reason_in_chat(make_app, hidden_phi, adapter) -> None:
    app = make_app()
    said = _command(app, f"resolve {hidden_phi} hide because")
    assert said.startswith("Refused") and "only keep takes a reason" in said
    assert adapter.calls == []


def test_the_decision_itself_refuses_a_keep_with_no_reason(make_app, hidden_phi,
                                                            adapter) -> None:
    """Under the decision lock too: a comment flagged phi after resolve_comment read it
    (or a caller that goes straight to apply_decision) is not un-hidden without a reason."""
    app = make_app()
    with pytest.raises(UserError, match="flagged phi"):
        apply_decision(app, hidden_phi, CommentAction.KEEP, "Dana", adapter)
    assert adapter.calls == [] and _hidden(app, hidden_phi)
