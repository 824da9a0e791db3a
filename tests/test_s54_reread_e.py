"""Session 54, reread E (docs/history/security.md): R3 (an unkeyed revision hash counts
only where an intact audit record of its writing names it) attacked as a database writer
without the audit key. Texts are this module's own.

E1. `purged_at` set in the database turned both checks off: the decoy with NULL key id and
    its plain hash was shown with an Approve button, and two votes made the post
    "approved" (the publisher refused it as purged). With a keyed hash the decoy was shown.
E2. The sealed unkeyed prefix vouched for the record as the session's ORM read it, while
    the seal walk read the rows again (and once a session): on PostgreSQL (read committed)
    a record that named the decoy when loaded and was put back before the walk vouched."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import create_engine, select, text, update
from test_daemon_helpers import AUTHOR, DANA, LUIS
from test_s54_r3 import DECOY, REAL, _downgrade, _plain, _seal_as_legacy

from social_bot import audit, outbox
from social_bot.approvals import approve
from social_bot.chat import handle_command
from social_bot.db.models import AuditRecord, Revision
from social_bot.errors import Refused
from social_bot.notify import render
from social_bot.posts import create_post, list_posts, prepare_draft, show_post

OTHER = "The flu clinic moves to the north wing on Thursday afternoons this winter."


def _mark_purged(app: Any) -> None:
    with app.db.write() as session:
        session.execute(update(Revision).values(purged_at=datetime.now(UTC)))


def _not_shown_anywhere(app: Any, post_id: int) -> None:
    detail = show_post(app, post_id)
    assert detail.get("not_shown") and DECOY not in json.dumps(detail)
    assert DECOY not in json.dumps(list_posts(app))
    body = render(app, outbox.PostPendingApproval(post_id=post_id, revision=1,
                                                  revision_hash=""))
    assert body is not None and DECOY not in json.dumps(body)
    reply = handle_command(app, DANA, f"show {post_id}")
    assert DECOY not in reply.text + json.dumps(reply.blocks or [])
    assert "Approve" not in json.dumps(reply.blocks or [])


def test_a_decoy_marked_purged_with_an_unkeyed_hash_is_not_shown_nor_approved(make_app) -> None:  # noqa: ANN001
    app = make_app()
    post_id = create_post(app, AUTHOR, prepare_draft(app, REAL, ["x"]))
    _downgrade(app, post_id)
    _mark_purged(app)
    _not_shown_anywhere(app, post_id)
    reply = handle_command(app, DANA, f"approve {post_id}")
    assert "is recorded" not in reply.text and DECOY not in reply.text
    with pytest.raises(Refused):
        approve(app, LUIS, post_id)
    assert show_post(app, post_id)["approvals"] == []


def test_a_decoy_marked_purged_with_a_keyed_hash_is_not_shown(make_app) -> None:  # noqa: ANN001
    """No NULL needed for the display: the purged mark alone skipped the hash check."""
    app = make_app()
    post_id = create_post(app, AUTHOR, prepare_draft(app, REAL, ["x"]))
    with app.db.write() as session:
        session.execute(update(Revision).values(text=DECOY, purged_at=datetime.now(UTC)))
    _not_shown_anywhere(app, post_id)


def test_an_honest_purge_still_shows_no_words_and_no_refusal(make_app) -> None:  # noqa: ANN001
    """The control: retention's purge empties the text; such a revision is no tampering."""
    app = make_app()
    post_id = create_post(app, AUTHOR, prepare_draft(app, REAL, ["x"]))
    with app.db.write() as session:
        session.execute(update(Revision).values(text="", purged_at=datetime.now(UTC)))
    detail = show_post(app, post_id)
    assert detail["text"] == "" and "not_shown" not in detail


def _legacy_pair(app: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> tuple[int, int]:
    """Two posts from before the chain was keyed (sealed by init); the second's revision
    then downgraded to the decoy."""
    honest = _plain(monkeypatch, app, OTHER)
    target = _plain(monkeypatch, app, REAL)
    _seal_as_legacy(app, tmp_path)
    with app.db.write() as session:
        row = session.scalar(select(Revision).where(Revision.post_id == target))
        row.text = DECOY
        row.content_hash = audit.stored_content(row).content_hash()
    return honest, target


def _record_of(app: Any, post_id: int) -> tuple[int, str]:
    with app.db.read() as session:
        record = session.scalar(select(AuditRecord).where(
            AuditRecord.post_id == post_id, AuditRecord.action == "post.created"))
        return record.seq, record.revision_hash


def _set_named_hash(url: str, seq: int, value: str) -> None:
    """The record's revision_hash, as another connection commits it (its own hash kept)."""
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("UPDATE audit_records SET revision_hash = :h WHERE seq = :s"),
                         {"h": value, "s": seq})
    finally:
        engine.dispose()


def test_a_sealed_record_that_named_the_decoy_only_while_read_does_not_vouch(
        make_app, monkeypatch, tmp_path) -> None:  # noqa: ANN001
    """The writer flips the post's unkeyed post.created record to name the decoy's hash
    and back. Here the flip back lands between the record's load and the seal walk (a
    race a writer can repeat; on PostgreSQL each statement reads what is committed then).
    SQLite reads one snapshot per transaction: there the flip back is never seen."""
    app = make_app()
    _honest, target = _legacy_pair(app, monkeypatch, tmp_path)
    seq, real = _record_of(app, target)
    with app.db.read() as session:
        forged = session.scalar(select(Revision.content_hash)
                                .where(Revision.post_id == target))
    _set_named_hash(app.db.url, seq, forged)
    loaded = audit.post_records

    def load_then_restore(*args: Any, **kwargs: Any) -> Any:
        records = loaded(*args, **kwargs)
        if any(r.seq == seq for r in records):
            _set_named_hash(app.db.url, seq, real)
        return records

    monkeypatch.setattr(audit, "post_records", load_then_restore)
    detail = show_post(app, target)
    assert detail.get("not_shown") and DECOY not in json.dumps(detail)


def test_the_session_seal_does_not_vouch_for_a_record_changed_after_it(
        make_app, monkeypatch, tmp_path) -> None:  # noqa: ANN001
    """One session checks an honest legacy revision (the seal is walked and kept), then a
    record is changed to name the decoy: the kept seal must not vouch for it."""
    app = make_app()
    honest, target = _legacy_pair(app, monkeypatch, tmp_path)
    seq, _real = _record_of(app, target)
    with app.db.read() as session:
        keys = audit.session_keys(session)
        rows = {r.post_id: r for r in session.scalars(select(Revision))}
        assert audit.unkeyed_hash_vouched(rows[honest], keys)
        _set_named_hash(app.db.url, seq, rows[target].content_hash)
        assert not audit.unkeyed_hash_vouched(rows[target], keys)
