"""Session 54, the attack review's P1 and P2 (docs/history/security.md, docs/history/security.md):
every path that shows a revision to a person shows its stored words only while they still
hash to `content_hash`, the hash every button, code, sealed view and witness names. A
database writer's decoy is shown to nobody, and nothing is bound by a look at it.

Each test writes the decoy into the row as any login holding the database can, and fails
before the fix (the decoy was shown with the real revision's code, button or view)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import select, update
from test_cli_session48 import invoke  # noqa: F401 - the fixture
from test_web_support import new_post

from social_bot import outbox
from social_bot.approvals import VerifiedIdentity
from social_bot.chat import handle_command
from social_bot.chat.actions import handle_action
from social_bot.chat.memory import was_shown
from social_bot.chat.render import APPROVE
from social_bot.db.models import Approval, AuditRecord, Revision
from social_bot.notify import render
from social_bot.posts import show_post
from social_bot.revision_code import detail_code

DANA = VerifiedIdentity("slack", "U01DANA")
LUIS = VerifiedIdentity("slack", "U02LUIS")
# this module's own words, no devset or blind-set line
REAL = "From next month the clinic no longer takes walk-in patients on Saturdays."
DECOY = "Our lobby has new chairs and a water fountain; come and see them."
NOTICE = "does not match its hash"


def _set_text(app: Any, post_id: int, text: str) -> None:
    """What any login that can write the database can do to the current revision."""
    with app.db.write() as session:
        session.execute(update(Revision).where(Revision.post_id == post_id).values(text=text))


def _votes(app: Any, post_id: int) -> int:
    with app.db.read() as session:
        return len(list(session.scalars(select(Approval).where(Approval.post_id == post_id))))


def _buttons(blocks: Any) -> list[dict[str, Any]]:
    if isinstance(blocks, dict):
        own = [blocks] if blocks.get("type") == "button" else []
        return own + [b for v in blocks.values() for b in _buttons(v)]
    if isinstance(blocks, list):
        return [b for v in blocks for b in _buttons(v)]
    return []


def test_show_post_of_a_tampered_row_shows_nothing_of_it(make_app) -> None:  # noqa: ANN001
    app = make_app()
    post_id = new_post(app, REAL, shown_to=())
    honest = show_post(app, post_id)
    assert honest["text"] == REAL and "not_shown" not in honest  # the control
    _set_text(app, post_id, DECOY)
    detail = show_post(app, post_id)
    assert DECOY not in json.dumps(detail) and REAL not in json.dumps(detail)
    assert NOTICE in detail["text"] and "socialbot audit verify" in detail["text"]
    assert detail["not_shown"] and detail["media"] == []
    # the hash it carries is the decoy's, which no vote is bound to; the stored one is kept
    # in the list of revisions, as the audit trail names it
    assert detail["revision_hash"] != honest["revision_hash"]
    assert detail["revisions"][-1]["hash"] == honest["revision_hash"]
    _set_text(app, post_id, REAL)
    assert show_post(app, post_id)["text"] == REAL


def test_a_revision_whose_hash_key_is_not_held_is_not_shown(make_app) -> None:  # noqa: ANN001
    app = make_app()
    post_id = new_post(app, REAL, shown_to=())
    with app.db.write() as session:  # a key id nobody holds: nothing can be checked
        session.execute(update(Revision).where(Revision.post_id == post_id)
                        .values(hash_key_id="0123456789abcdef"))
    detail = show_post(app, post_id)
    assert REAL not in detail["text"] and "cannot be checked against its hash" in detail["text"]


def test_chat_show_of_a_tampered_row_prints_no_code_and_seals_no_view(make_app) -> None:  # noqa: ANN001
    app = make_app()
    post_id = new_post(app, REAL, shown_to=())
    code, real_hash = detail_code(show_post(app, post_id)), show_post(app, post_id)["revision_hash"]
    _set_text(app, post_id, DECOY)
    reply = handle_command(app, DANA, f"show {post_id}")
    shown = reply.text + json.dumps(reply.blocks or [])
    assert DECOY not in shown and code not in shown and NOTICE in shown
    assert not [b for b in _buttons(reply.blocks) if b["action_id"] == APPROVE]
    assert not was_shown(app.db, DANA.label, post_id, real_hash)
    _set_text(app, post_id, REAL)  # put back: the look at the decoy binds nothing
    refused = handle_command(app, DANA, f"approve {post_id} {code}")
    assert not refused.ok and _votes(app, post_id) == 0
    assert handle_command(app, DANA, f"show {post_id}").ok  # the real words, shown now
    assert was_shown(app.db, DANA.label, post_id, real_hash)


def test_chat_approve_of_a_tampered_row_is_refused_and_audited(make_app) -> None:  # noqa: ANN001
    app = make_app()
    post_id = new_post(app, REAL)  # both approvers were shown the real words
    code = detail_code(show_post(app, post_id))
    _set_text(app, post_id, DECOY)
    for command in (f"approve {post_id}", f"approve {post_id} {code}"):
        reply = handle_command(app, DANA, command)
        assert not reply.ok and NOTICE in reply.text and DECOY not in reply.text
    assert _votes(app, post_id) == 0
    with app.db.read() as session:
        reasons = [json.loads(r.detail).get("reason") for r in session.scalars(
            select(AuditRecord).where(AuditRecord.action == "chat.refused",
                                      AuditRecord.post_id == post_id))]
    assert reasons.count("revision's stored text does not match its hash") == 2


def test_the_waiting_card_of_a_tampered_row_has_no_button_nor_code(make_app) -> None:  # noqa: ANN001
    app = make_app()
    post_id = new_post(app, REAL, shown_to=())
    detail = show_post(app, post_id)
    message = outbox.PostPendingApproval(post_id=post_id, revision=1,
                                         revision_hash=detail["revision_hash"])
    honest = render(app, message)
    assert honest is not None and _buttons(honest["blocks"])  # the control: Approve, Reject
    _set_text(app, post_id, DECOY)
    for hash_named in (detail["revision_hash"], ""):  # the daemon's message, or one inserted
        body = render(app, outbox.PostPendingApproval(post_id=post_id, revision=1,
                                                      revision_hash=hash_named))
        assert body is not None  # drawn, saying why, rather than left unsent
        card = json.dumps(body)
        assert DECOY not in card and detail_code(detail) not in card and NOTICE in card
        assert _buttons(body["blocks"]) == []


def test_an_approve_button_clicked_while_the_row_is_tampered_counts_nothing(make_app) -> None:  # noqa: ANN001
    app = make_app()
    post_id = new_post(app, REAL, shown_to=())
    detail = show_post(app, post_id)
    body = render(app, outbox.PostPendingApproval(post_id=post_id, revision=1,
                                                  revision_hash=detail["revision_hash"]))
    assert body is not None
    approve = next(b for b in _buttons(body["blocks"]) if b["action_id"] == APPROVE)
    _set_text(app, post_id, DECOY)
    reply = handle_action(app, DANA, APPROVE, approve["value"])
    # before: refused as "changed since you saw it", with the decoy's card drawn below
    assert NOTICE in reply.text and _votes(app, post_id) == 0
    assert DECOY not in reply.text + json.dumps(reply.blocks or [])


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_cli_post_show_of_a_tampered_row_prints_no_code_and_records_no_read(
        make_app, invoke, monkeypatch) -> None:  # noqa: ANN001, F811
    app = make_app()
    post_id = new_post(app, REAL, shown_to=())
    code = detail_code(show_post(app, post_id))
    _set_text(app, post_id, DECOY)
    monkeypatch.setattr("social_bot.cli.posts_cmd.os_login", lambda: "dana")  # an approver
    text = invoke(app, "post", "show", str(post_id))
    assert text.exit_code == 0, text.output
    assert DECOY not in text.output and code not in text.output and NOTICE in text.output
    assert "no code: not shown" in text.output
    as_json = invoke(app, "post", "show", str(post_id), "--json")
    shown = json.loads(as_json.stdout)
    assert shown["code"] is None and NOTICE in shown["code_note"] and DECOY not in as_json.output
    with app.db.read() as session:  # dana's login was shown nothing: no read recorded
        assert session.scalar(select(AuditRecord).where(
            AuditRecord.action == "post.read_in_cli", AuditRecord.post_id == post_id)) is None


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_cli_post_show_does_not_point_at_an_image_that_is_not_the_hashed_one(
        make_app, invoke, monkeypatch, tmp_path) -> None:  # noqa: ANN001, F811
    """The image's row `path` is outside the hash (only its sha256 and alt text are in it):
    a database writer pointed it at a decoy file, or swapped the file's bytes, while an
    approver ran `post show`, and the code it printed approved the real image."""
    from PIL import Image

    from social_bot.posts import Staff, create_post, prepare_draft

    app = make_app()
    real, decoy = tmp_path / "real.png", tmp_path / "decoy.png"
    Image.new("RGB", (320, 200), (20, 120, 40)).save(real)
    Image.new("RGB", (320, 200), (200, 30, 30)).save(decoy)
    post_id = create_post(app, Staff("Pat Author", "pat"), prepare_draft(
        app, "Our new garden by the entrance", ["facebook"], media=[str(real)],
        alts=["Green plants by the front door"]))
    detail = show_post(app, post_id)
    code, stored = detail_code(detail), detail["media"][0]
    monkeypatch.setattr("social_bot.cli.posts_cmd.os_login", lambda: "pat")  # no approver
    honest = invoke(app, "post", "show", str(post_id))  # the control: path and code shown
    assert stored["path"] in honest.output and code in honest.output
    monkeypatch.setattr("social_bot.cli.posts_cmd.os_login", lambda: "dana")  # an approver
    with app.db.write() as session:
        session.execute(update(Revision).where(Revision.post_id == post_id).values(
            media=[{**stored, "path": str(decoy)}]))
    assert show_post(app, post_id)["revision_hash"] == detail["revision_hash"]  # hash holds
    swapped = invoke(app, "post", "show", str(post_id))
    assert swapped.exit_code == 0, swapped.output
    assert str(decoy) not in swapped.output and code not in swapped.output
    assert "cleaned copy not shown" in swapped.output and "no code: not shown" in swapped.output
    as_json = json.loads(invoke(app, "post", "show", str(post_id), "--json").stdout)
    assert as_json["code"] is None
    with app.db.read() as session:
        assert session.scalar(select(AuditRecord).where(
            AuditRecord.action == "post.read_in_cli", AuditRecord.post_id == post_id)) is None


def test_the_pending_list_does_not_preview_a_tampered_row(make_app) -> None:  # noqa: ANN001
    from social_bot.posts import list_posts

    app = make_app()
    post_id = new_post(app, REAL, shown_to=())
    assert list_posts(app)[0]["text"] == REAL  # the control
    _set_text(app, post_id, DECOY)
    [row] = list_posts(app, status="pending_approval")
    assert DECOY not in row["text"] and NOTICE in row["text"]
    reply = handle_command(app, DANA, "pending")
    assert DECOY not in reply.text and f"#{post_id}" in reply.text
