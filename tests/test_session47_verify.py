"""Session 47: `audit verify`'s messages on tampered records, pinned before a faster verify.

A faster verify was tried (branch s47-verify, commit 008de4a) and withdrawn: it missed its
3x decision rule (docs/history/security.md, "Session 47"). These tests tamper with what each of its
changed paths read (the record's MAC, key and time, each revision's recomputed hash, the
cross-checks) and expect the message `audit verify` gives, so a next attempt keeps them.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update
from test_daemon_helpers import AUTHOR, approved_post

from social_bot import audit
from social_bot.audit_key import AuditKeys
from social_bot.db.engine import Database
from social_bot.db.models import Approval, AuditRecord, Post, Revision
from social_bot.posts import create_post, prepare_draft

OLD_SECRET = "a-key-the-practice-used-last-year-" + "3" * 16
NEW_SECRET = "a-key-put-in-force-by-rotate-key--" + "4" * 16
OLD = AuditKeys.from_secret(OLD_SECRET)
ROTATED = AuditKeys.from_secret(NEW_SECRET, retired_files=(OLD_SECRET,))


def problem(db: Database, keys: AuditKeys | None = None) -> str:
    with db.read() as session:
        result = audit.verify(session, keys=keys)
    return "" if result.ok else result.problem


def record(db: Database, seq: int) -> AuditRecord:
    with db.read() as session:
        row = session.scalars(select(AuditRecord).where(AuditRecord.seq == seq)).one()
        session.expunge(row)
        return row


def where(row: AuditRecord) -> str:
    return f"audit record #{row.seq} (row id {row.id}, {row.action})"


def edit_record(db: Database, seq: int, **values: object) -> None:
    with db.write() as session:
        session.execute(update(AuditRecord).where(AuditRecord.seq == seq).values(**values))


def note(db: Database, detail: dict) -> None:
    with db.write() as session:
        audit.append(session, actor="Renée O'Hara", action="post.note", detail=detail)


# -- the record MAC: canonical JSON, time as stored, the HMAC ------------------------------

@pytest.mark.parametrize("change", ["actor", "detail", "at", "prev_hash"])
def test_an_edited_record_fails_with_its_mac_message(db, change):
    note(db, {"said": 'a "quoted" café note\n', "n": 7})
    note(db, {"said": "the next one"})
    assert problem(db) == ""
    row = record(db, 1)
    values = {"actor": {"actor": "Someone Else"},
              "detail": {"detail": row.detail.replace("café", "cafe")},
              "at": {"at": row.at + timedelta(microseconds=1)},
              "prev_hash": {"prev_hash": "1" * 64}}[change]
    edit_record(db, 1, **values)
    message = ("does not follow the record before it" if change == "prev_hash"
               else "was edited after it was written (its MAC does not match)")
    assert problem(db) == f"{where(row)} {message}"


def test_a_record_naming_a_key_nobody_holds_fails_as_before(db):
    note(db, {"n": 1})
    edit_record(db, 1, key_id="f" * 16)
    assert problem(db) == (f"{where(record(db, 1))} was written with audit key {'f' * 16}, "
                           "which is not configured (a retired key? see "
                           "SOCIALBOT_AUDIT_OLD_KEYS)")


def test_a_retired_key_signing_after_its_rotation_fails_as_before(database_url):
    old_db = Database(database_url, audit_keys=OLD)
    note(old_db, {"n": 1})
    old_db.dispose()
    db = Database(database_url, audit_keys=ROTATED)
    with db.write() as session:
        audit.append(session, actor="socialbot audit rotate-key", action="audit.key_rotated",
                     detail={"old_key_id": OLD.current_id, "new_key_id": ROTATED.current_id})
    note(db, {"n": 2})
    assert problem(db) == ""  # the old key's record still verifies under the retired key
    # A record the leaver signs with the old key after the rotation: a valid MAC, refused.
    with db.write() as session:
        last = session.scalars(select(AuditRecord).order_by(AuditRecord.seq.desc())).first()
        fields = {"seq": last.seq + 1, "at": datetime.now(UTC).isoformat(
                      timespec="microseconds"), "actor": "leaver", "os_user": None,
                  "action": "post.note", "post_id": None, "revision": None,
                  "revision_hash": None, "detail": "{}", "prev_hash": last.hash,
                  "key_id": OLD.current_id}
        fields["hash"] = audit.record_mac(fields, OLD.current)
        session.add(AuditRecord(**{**fields, "at": datetime.fromisoformat(fields["at"])}))
        session.execute(update(audit.AuditHead).values(seq=fields["seq"], hash=fields["hash"]))
    forged = record(db, 4)
    assert problem(db) == (f"{where(forged)} was written with audit key {OLD.current_id}, "
                           "which record #2 retired: a retired key cannot sign later records")
    db.dispose()


# -- each revision recomputed under its key, from its stored columns -----------------------

@pytest.mark.parametrize("column", ["text", "platforms", "media", "scheduled_at"])
def test_a_revision_changed_in_the_database_fails_as_before(make_app, column):
    app = make_app()
    post_id = approved_post(app, "Flu shots on Saturday from nine", ["x", "linkedin"])
    assert problem(app.db) == ""
    changed = {"text": "Flu shots on Sunday from nine", "platforms": ["x"],
               "media": [{"path": "m/a.png", "sha256": "ab" * 32}],
               "scheduled_at": datetime(2027, 1, 5, 9, tzinfo=UTC)}[column]
    with app.db.write() as session:
        session.execute(update(Revision).where(Revision.post_id == post_id)
                        .values({column: changed}))
    assert problem(app.db).startswith(
        f"revision 1 of post {post_id}: its text, platforms, media or schedule no longer "
        f"match the hash its audit record #1 (post.created) names (changed in the database)")


def test_a_revision_hashed_under_a_retired_key_is_still_recomputed(database_url, make_app):
    app = make_app()
    post_id = create_post(app, AUTHOR, prepare_draft(app, "Open late on Thursdays", ["x"]))
    # The practice's key retired since: the revision and its record stay under it.
    retired = AuditKeys.from_secret("a-newer-key-in-force-after-rotation-" + "5" * 16,
                                    retired=(app.db.audit_keys.current.decode(),))
    assert problem(app.db, retired) == ""
    with app.db.write() as session:
        session.execute(update(Revision).where(Revision.post_id == post_id)
                        .values(text="Open late on Fridays"))
    assert "no longer match the hash its audit record #1" in problem(app.db, retired)


# -- the cross-checks against the tables ------------------------------------------------

def test_a_status_set_in_the_database_fails_as_before(make_app):
    app = make_app()
    first = approved_post(app, "Closed on the holiday Monday", ["x"])
    second = approved_post(app, "Closed on the holiday Tuesday", ["x"])  # the same details
    assert problem(app.db) == ""
    with app.db.write() as session:
        session.execute(update(Post).where(Post.id == second).values(status="published"))
        seq = session.scalar(select(AuditRecord.seq).where(
            AuditRecord.post_id == second, AuditRecord.action == "post.approved"))
    assert first != second
    assert problem(app.db) == (f"post {second} is published but its last status change, "
                               f"audit record #{seq} (post.approved), made it approved")


def test_a_vote_removed_in_the_database_fails_as_before(make_app):
    app = make_app()
    post_id = approved_post(app, "The lab opens at seven", ["x"])
    with app.db.write() as session:
        vote = session.scalars(select(Approval).order_by(Approval.id)).first()
        identity, content_hash = vote.identity, vote.content_hash
        session.delete(vote)
    assert problem(app.db).startswith(
        f"the audit trail records approval of post {post_id} (revision {content_hash[:12]}) "
        f"by {identity}, which is not in the database")
