"""Session 54, R3 (docs/history/security.md, docs/history/security.md): a revision whose
`hash_key_id` is NULL (a plain SHA-256, as before session 44) counts only where an intact
audit record of its writing names its hash. A database writer without the audit key who
puts a decoy, NULL and the decoy's plain hash in the row gets the not-shown card, a refused
vote and a refused publish. An honest revision from before keyed hashes, or from before the
chain was keyed (sealed by `init`), is still shown and still publishes. Texts are this
module's own."""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import TEST_AUDIT_KEY
from sqlalchemy import select, update
from test_audit_keyed import as_unkeyed
from test_daemon_helpers import AUTHOR, DANA, LUIS
from test_session43_audit import publish_x

from social_bot import audit, outbox
from social_bot.approvals import approve
from social_bot.chat import handle_command
from social_bot.db.models import AuditHead, AuditRecord, Revision
from social_bot.domain import RevisionContent
from social_bot.errors import Refused
from social_bot.notify import render
from social_bot.posts import create_post, list_posts, prepare_draft, show_post

REAL = "The pharmacy window opens at eight from Monday, half an hour earlier than now."
DECOY = "Parking on the east lot is free for visitors all of next week."


def _plain(monkeypatch: pytest.MonkeyPatch, app: Any, text: str) -> int:
    """A post as a socialbot from before session 44 wrote it: a plain hash, no key id."""
    plain = RevisionContent.content_hash
    monkeypatch.setattr(RevisionContent, "content_hash", lambda self, key=None: plain(self))
    post_id = create_post(app, AUTHOR, prepare_draft(app, text, ["x"]))
    monkeypatch.undo()
    with app.db.write() as session:
        session.execute(update(Revision).where(Revision.post_id == post_id)
                        .values(hash_key_id=None))
    return post_id


def _downgrade(app: Any, post_id: int, text: str = DECOY) -> None:
    """What a database writer without the audit key can do: new words, NULL key id, their
    plain hash."""
    with app.db.write() as session:
        row = session.scalar(select(Revision).where(Revision.post_id == post_id))
        row.text, row.hash_key_id = text, None
        row.content_hash = audit.stored_content(row).content_hash()


def _seal_as_legacy(app: Any, tmp_path: Any) -> None:
    """Every record so far rewritten as the unkeyed code wrote it, then sealed by `init`:
    a database from before the chain was keyed."""
    from social_bot.settings import load_settings
    from social_bot.storage import init_storage

    with app.db.write() as session:
        records = list(session.scalars(select(AuditRecord).order_by(AuditRecord.seq)))
        for record in records:  # older records named no hash key
            detail = json.loads(record.detail or "{}")
            detail.pop("hash_key", None)
            record.detail = json.dumps(detail, sort_keys=True)
        session.get(AuditHead, 1).hash = as_unkeyed(session, records)
    settings = load_settings({"DATABASE_URL": app.db.url,
                              "SOCIALBOT_DATA_DIR": str(tmp_path / "init"),
                              "SOCIALBOT_AUDIT_KEY": TEST_AUDIT_KEY}, dotenv=False)
    init_storage(settings).db.dispose()


def _refused_everywhere(app: Any, post_id: int) -> None:
    detail = show_post(app, post_id)
    assert detail["not_shown"] and DECOY not in json.dumps(detail)
    assert "unkeyed hash" in detail["text"]
    body = render(app, outbox.PostPendingApproval(post_id=post_id, revision=1,
                                                  revision_hash=""))
    assert body is not None
    assert DECOY not in json.dumps(body) and "not shown" in json.dumps(body)
    assert DECOY not in json.dumps(list_posts(app))
    reply = handle_command(app, DANA, f"show {post_id}")
    assert DECOY not in reply.text + json.dumps(reply.blocks or [])
    assert "Approve" not in json.dumps(reply.blocks or [])
    reply = handle_command(app, DANA, f"approve {post_id}")
    assert DECOY not in reply.text and "not shown" in reply.text
    with pytest.raises(Refused):
        approve(app, LUIS, post_id)
    assert show_post(app, post_id)["approvals"] == []


def test_a_pending_revision_downgraded_to_an_unkeyed_hash_is_refused(make_app) -> None:  # noqa: ANN001
    app = make_app()
    post_id = create_post(app, AUTHOR, prepare_draft(app, REAL, ["x"]))
    _downgrade(app, post_id)
    _refused_everywhere(app, post_id)


def test_an_old_unkeyed_revision_rewritten_is_refused(make_app, monkeypatch) -> None:  # noqa: ANN001
    """A revision that was unkeyed all along: its post.created record names the real words'
    plain hash, not the decoy's."""
    app = make_app()
    post_id = _plain(monkeypatch, app, REAL)
    assert show_post(app, post_id)["text"] == REAL  # the control
    _downgrade(app, post_id)
    _refused_everywhere(app, post_id)


def test_votes_on_a_downgraded_revision_do_not_publish_it(make_app, monkeypatch) -> None:  # noqa: ANN001
    """Votes cast on the decoy's hash while a check was missed (here: switched off) do not
    publish it: the publisher asks the same question."""
    app = make_app()
    post_id = create_post(app, AUTHOR, prepare_draft(app, REAL, ["x"]))
    _downgrade(app, post_id)
    monkeypatch.setattr(audit, "unkeyed_hash_vouched", lambda revision, keys: True,
                        raising=False)
    approve(app, DANA, post_id)
    assert approve(app, LUIS, post_id).status == "approved"
    monkeypatch.undo()
    platforms = publish_x(app)
    assert platforms["x"].texts() == []
    assert show_post(app, post_id)["status"] == "pending_approval"
    with app.db.read() as session:
        refused = session.scalars(select(AuditRecord).where(
            AuditRecord.action == "publish.refused")).all()
    assert refused and "unkeyed hash" in refused[-1].detail


def test_a_revision_from_before_keyed_hashes_is_still_shown_and_published(
        make_app, monkeypatch) -> None:  # noqa: ANN001
    app = make_app()
    post_id = _plain(monkeypatch, app, REAL)
    detail = show_post(app, post_id)
    assert detail["text"] == REAL and "not_shown" not in detail
    assert list_posts(app)[0]["text"] == REAL
    approve(app, DANA, post_id)
    assert approve(app, LUIS, post_id).status == "approved"
    assert publish_x(app)["x"].texts() == [REAL]


def test_a_post_from_before_the_chain_was_keyed_is_shown_and_says_what_to_run(
        make_app, monkeypatch, tmp_path) -> None:  # noqa: ANN001
    """Its post.created record is unkeyed, covered by init's seal: the words are shown and
    can be voted on. Publishing it was refused before this change too (the reply target
    needs an intact keyed post.created record, session 49/50); the refusal now says what
    to run."""
    app = make_app()
    post_id = _plain(monkeypatch, app, REAL)
    _seal_as_legacy(app, tmp_path)
    with app.db.read() as session:
        first = session.scalar(select(AuditRecord).where(AuditRecord.seq == 1))
        assert first.action == "post.created" and first.key_id is None
        assert audit.verify(session).ok
    detail = show_post(app, post_id)
    assert detail["text"] == REAL and "not_shown" not in detail
    assert list_posts(app)[0]["text"] == REAL
    approve(app, DANA, post_id)
    assert approve(app, LUIS, post_id).status == "approved"
    assert publish_x(app)["x"].texts() == []
    with app.db.read() as session:
        refused = session.scalars(select(AuditRecord).where(
            AuditRecord.action == "publish.refused")).all()
    assert refused and "cancel it (`socialbot post cancel`) and queue it again" \
        in refused[-1].detail


def test_an_unkeyed_record_rewritten_to_name_a_decoy_does_not_vouch_for_it(
        make_app, monkeypatch, tmp_path) -> None:  # noqa: ANN001
    """Before the chain was keyed, records held plain hashes too: a writer who changes the
    post.created record to name the decoy's hash and recomputes the unkeyed records after
    it breaks their link to the keyed seal."""
    app = make_app()
    post_id = _plain(monkeypatch, app, REAL)
    _seal_as_legacy(app, tmp_path)
    _downgrade(app, post_id)
    with app.db.read() as session:
        forged = session.scalar(select(Revision.content_hash))
    with app.db.write() as session:
        unkeyed = list(session.scalars(select(AuditRecord).where(
            AuditRecord.key_id.is_(None)).order_by(AuditRecord.seq)))

        def name_decoy(record: AuditRecord) -> None:
            if record.action == "post.created":
                record.revision_hash = forged

        as_unkeyed(session, unkeyed, name_decoy)
    _refused_everywhere(app, post_id)
