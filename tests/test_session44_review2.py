"""Session 44, an outside review of the keyed content hash and `audit verify`'s new checks.

1. On PostgreSQL `audit verify` read the chain, the head and each table in statements of
   their own (READ COMMITTED): a daemon committing in between (a new revision, a status
   change, a comment) made a healthy database fail ("revision 2 of post 1 has no audit
   record of its writing", "records were removed from the end").
2. A revision marked purged in the database was not recomputed, whatever its words: whoever
   could write the database erased or replaced an approved (or published) post's words and
   `verify` passed, though no `revision.purged` record says it was purged.
3. A revision's writer was compared only when `written_by` was set: `written_by` set to
   NULL (the publisher then falls back to the typed name) and `created_by` changed verified.
4. `posts.current_revision` set back to words an edit withdrew verified.
The last test is an attack that held (a revision re-hashed under a retired key).
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select, update
from test_daemon_helpers import AUTHOR, approved_post

from social_bot import audit
from social_bot.db.models import Revision
from social_bot.posts import create_post, edit_post, prepare_draft
from social_bot.retention import purge_post


def verify_problem(app) -> str:  # noqa: ANN001
    result = audit.verify_database(app.db)
    return "" if result.ok else result.problem


# -- 1. one snapshot on PostgreSQL ----------------------------------------------------------

@pytest.mark.parametrize("database_url", ["postgresql", "sqlite"], indirect=True)
@pytest.mark.parametrize("when", ["after the chain", "before the tables"])
def test_verify_reads_one_snapshot_while_others_write(make_app, monkeypatch, when):
    app = make_app()
    post_id = create_post(app, AUTHOR, prepare_draft(app, "Flu shots on Saturday", ["x"]))
    done: list[int] = []

    def someone_edits() -> None:
        # Another process (a CLI user, a daemon) commits while verify is reading.
        if not done:
            done.append(edit_post(app, AUTHOR, post_id, text="Flu shots on Sunday")["revision"])

    if when == "after the chain":
        rows = audit._rows

        def rows_then_edit(session):  # noqa: ANN001, ANN202
            yield from rows(session)
            someone_edits()

        monkeypatch.setattr(audit, "_rows", rows_then_edit)
    else:
        problems = audit._Tables.problems

        def edit_then_problems(self, session, keys):  # noqa: ANN001, ANN202
            someone_edits()
            return problems(self, session, keys)

        monkeypatch.setattr(audit._Tables, "problems", edit_then_problems)
    assert verify_problem(app) == ""
    assert done == [2]
    monkeypatch.undo()
    assert verify_problem(app) == ""


# -- 2. a purge nobody recorded -------------------------------------------------------------

def test_verify_names_a_purge_with_no_record(make_app):
    app = make_app()
    post_id = approved_post(app, "Flu shots all week", ["x"])
    with app.db.write() as session:
        session.execute(update(Revision).where(Revision.post_id == post_id)
                        .values(text="", purged_at=datetime.now(UTC)))
    assert verify_problem(app).startswith(
        "revision 1 of post 1 is marked purged but no audit record says it was")
    with app.db.write() as session:  # other words, "purged": recomputed, so named
        session.execute(update(Revision).where(Revision.post_id == post_id)
                        .values(text="Flu shots all week, ask for Maria Lopez"))
    assert "revision 1 of post 1" in verify_problem(app)


def test_a_recorded_purge_still_verifies(make_app):
    app = make_app()
    post_id = create_post(app, AUTHOR, prepare_draft(app, "Get well, SSN-LIKE", ["x"]))
    edit_post(app, AUTHOR, post_id, text="Get well soon, from all of us")
    purge_post(app, post_id, AUTHOR)
    with app.db.read() as session:
        purged = [r.number for r in session.scalars(select(Revision).order_by(Revision.number))
                  if r.purged_at is not None]
    assert purged == [1]
    assert verify_problem(app) == ""


# -- 3. a writer set to NULL ----------------------------------------------------------------

def test_verify_names_a_writer_set_to_null(make_app):
    app = make_app()
    post_id = create_post(app, AUTHOR, prepare_draft(app, "Our new parking lot", ["x"]))
    assert verify_problem(app) == ""
    with app.db.write() as session:
        session.execute(update(Revision).where(Revision.post_id == post_id)
                        .values(written_by=None, created_by="Dana"))
    assert verify_problem(app).startswith("revision 1 of post 1 names ")
    with app.db.write() as session:  # the name put back, the login left NULL
        session.execute(update(Revision).where(Revision.post_id == post_id)
                        .values(created_by="Pat Author"))
    assert verify_problem(app).startswith("revision 1 of post 1 names no writer")


# -- 4. a post pointed back at words an edit withdrew ---------------------------------------

def test_verify_names_a_current_revision_set_back(make_app):
    from social_bot.db.models import Post

    app = make_app()
    post_id = create_post(app, AUTHOR, prepare_draft(app, "Flu shots on Saturday", ["x"]))
    edit_post(app, AUTHOR, post_id, text="Flu shots on Sunday")
    assert verify_problem(app) == ""
    with app.db.write() as session:
        session.execute(update(Post).where(Post.id == post_id).values(current_revision=1))
    assert verify_problem(app).startswith(
        "post 1 shows revision 1 but its audit record #")


# -- held: a revision re-keyed with a retired key its attacker holds -------------------------

def test_a_revision_rehashed_under_a_retired_key_is_refused_and_named(
        database_url, policy_file, tmp_path):
    from test_session43_audit import OLD, app_on, publish_x, rotate

    from social_bot.db.models import Approval
    from social_bot.domain import RevisionContent
    from social_bot.posts import show_post

    db = rotate(database_url)  # OLD retired; the leaver kept a copy
    app = app_on(db, policy_file, tmp_path)
    post_id = approved_post(app, "Flu shots all week", ["x"])
    changed = "Flu shots all week, ask for Maria Lopez in room 4"
    forged = RevisionContent(text=changed, platforms=("x",)).content_hash(OLD.current)
    with db.write() as session:
        session.execute(update(Revision).where(Revision.post_id == post_id).values(
            text=changed, content_hash=forged, hash_key_id=OLD.current_id))
        session.execute(update(Approval).where(Approval.post_id == post_id)
                        .values(content_hash=forged))
    assert publish_x(app)["x"].texts() == []
    assert show_post(app, post_id)["status"] == "pending_approval"
    assert verify_problem(app).startswith(
        "revision 1 of post 1 has another content hash than its audit record")
    db.dispose()
