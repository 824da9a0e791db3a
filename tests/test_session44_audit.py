"""Session 44: the audit chain's open items from the session 43 review.

1. A revision's content hash is an HMAC under the audit key (its key id kept on the row),
   so an export (or `post show --json`) no longer confirms a guessed post text; approvals,
   buttons and the publish-time proof still bind to the stored hash, across a rotation.
2. `audit verify` compares rows with their keyed records: a revision's hash, words and
   writer, a post's status, a comment's flag or hide (session 43, findings 3 and 4).
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select, update
from test_audit_keyed import as_unkeyed
from test_daemon_helpers import AUTHOR, DANA, LUIS, FakePlatforms, approved_post
from test_monitor import ANGRY, CONFIG, comments, published
from test_session43_audit import OLD, app_on, publish_x, rotate, run

from social_bot import audit
from social_bot.approvals import approve
from social_bot.daemon.monitor import Monitor
from social_bot.db.models import Comment, Post, Revision
from social_bot.domain import RevisionContent
from social_bot.errors import UserError
from social_bot.posts import create_post, edit_post, prepare_draft, show_post
from social_bot.retention import purge_post


def verify_problem(app) -> str:  # noqa: ANN001
    with app.db.read() as session:
        result = audit.verify(session)
    return "" if result.ok else result.problem


# -- 1. a keyed content hash ---------------------------------------------------------------

def test_an_export_no_longer_confirms_a_guessed_text(make_app):
    app = make_app()
    text = "Get well soon, SSN-LIKE, from all of us on the third floor"
    post_id = create_post(app, AUTHOR, prepare_draft(app, text, ["x"]))
    purge_post(app, post_id, AUTHOR)
    guess = RevisionContent(text=text, platforms=("x",))
    with app.db.read() as session:
        exported = audit.export_text(session)
        revision = session.scalars(select(Revision).where(Revision.post_id == post_id)).one()
        stored, kid = revision.content_hash, revision.hash_key_id
    shown = json.dumps(show_post(app, post_id))
    # Whoever holds the export and guesses the words cannot check the guess...
    assert guess.content_hash() not in exported and guess.content_hash() not in shown
    # ...the key holder can, and the revision names the key.
    assert kid == app.db.audit_keys.current_id
    assert stored == guess.content_hash(app.db.audit_keys.current)
    assert stored in exported and not verify_problem(app)


def test_approve_and_publish_across_a_rotation_between_create_and_publish(
        database_url, policy_file, tmp_path):
    from social_bot.db.engine import Database

    old_db = Database(database_url, audit_keys=OLD)
    old_app = app_on(old_db, policy_file, tmp_path)
    post_id = create_post(old_app, AUTHOR, prepare_draft(old_app, "Flu shots on Saturday",
                                                         ["x"]))
    old_db.dispose()
    db = rotate(database_url)
    app = app_on(db, policy_file, tmp_path)
    approve(app, DANA, post_id)
    assert approve(app, LUIS, post_id).status == "approved"
    assert publish_x(app)["x"].texts() == ["Flu shots on Saturday"]
    assert show_post(app, post_id)["status"] == "published"
    with db.read() as session:
        assert session.scalars(select(Revision.hash_key_id)).one() == OLD.current_id
    assert not verify_problem(app)
    db.dispose()


def test_an_edit_that_changes_nothing_is_refused_after_a_rotation(
        database_url, policy_file, tmp_path):
    from social_bot.db.engine import Database

    old_db = Database(database_url, audit_keys=OLD)
    old_app = app_on(old_db, policy_file, tmp_path)
    post_id = create_post(old_app, AUTHOR, prepare_draft(old_app, "Open house Friday", ["x"]))
    old_db.dispose()
    db = rotate(database_url)
    app = app_on(db, policy_file, tmp_path)
    with pytest.raises(UserError, match="the edit changes nothing"):
        edit_post(app, AUTHOR, post_id, text="Open house Friday")
    assert edit_post(app, AUTHOR, post_id, text="Open house Saturday")["revision"] == 2
    with db.read() as session:
        kids = list(session.scalars(select(Revision.hash_key_id).order_by(Revision.number)))
    assert kids == [OLD.current_id, app.db.audit_keys.current_id]
    db.dispose()


def test_a_text_changed_in_the_database_is_refused_at_publish_and_named_by_verify(make_app):
    app = make_app()
    post_id = approved_post(app, "Flu shots all week", ["x"])
    changed = "Flu shots all week, ask for Maria Lopez in room 4"
    with app.db.write() as session:
        session.execute(update(Revision).where(Revision.post_id == post_id)
                        .values(text=changed))
    assert "revision 1 of post 1: its text, platforms, media or schedule no longer match" \
        in verify_problem(app)
    # Downgraded to a "legacy" plain hash of the new words, votes moved along: the keyed
    # records still name the keyed hash, so nothing counts.
    plain = RevisionContent(text=changed, platforms=("x",)).content_hash()
    with app.db.write() as session:
        session.execute(update(Revision).where(Revision.post_id == post_id)
                        .values(hash_key_id=None, content_hash=plain))
        from social_bot.db.models import Approval

        session.execute(update(Approval).where(Approval.post_id == post_id)
                        .values(content_hash=plain))
    assert publish_x(app)["x"].texts() == []
    assert show_post(app, post_id)["status"] == "pending_approval"
    assert "revision 1 of post 1 has another content hash than its audit record" \
        in verify_problem(app)


def test_a_revision_written_before_keyed_hashes_still_publishes(make_app, monkeypatch):
    app = make_app()
    plain = RevisionContent.content_hash
    # What an older socialbot wrote: a plain hash; the migration leaves hash_key_id NULL.
    monkeypatch.setattr(RevisionContent, "content_hash", lambda self, key=None: plain(self))
    post_id = create_post(app, AUTHOR, prepare_draft(app, "Flu shots on Saturday", ["x"]))
    monkeypatch.undo()
    with app.db.write() as session:
        session.execute(update(Revision).values(hash_key_id=None))
    with pytest.raises(UserError, match="the edit changes nothing"):
        edit_post(app, AUTHOR, post_id, text="Flu shots on Saturday")
    approve(app, DANA, post_id)
    assert approve(app, LUIS, post_id).status == "approved"
    assert publish_x(app)["x"].texts() == ["Flu shots on Saturday"]
    assert show_post(app, post_id)["revision_hash"] == RevisionContent(
        text="Flu shots on Saturday", platforms=("x",)).content_hash()
    assert not verify_problem(app)


# -- 2. verify compares rows with their keyed records ---------------------------------------

def test_verify_names_a_writer_changed_in_the_database(make_app):
    app = make_app()
    post_id = create_post(app, AUTHOR, prepare_draft(app, "Our new parking lot", ["x"]))
    assert not verify_problem(app)
    with app.db.write() as session:
        session.execute(update(Revision).where(Revision.post_id == post_id)
                        .values(written_by="os:dana", created_by="Dana"))
    assert verify_problem(app).startswith(
        "revision 1 of post 1 names os:dana (Dana) as its writer but its audit record #1 "
        "(post.created) names os:pat (Pat Author)")


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_verify_names_a_status_changed_in_the_database(make_app, cli_env):
    app = make_app()
    post_id = create_post(app, AUTHOR, prepare_draft(app, "Our new parking lot", ["x"]))
    with app.db.write() as session:
        session.execute(update(Post).where(Post.id == post_id).values(status="approved"))
    done = run(cli_env, "audit", "verify")
    assert done.returncode == 1, done.stderr
    assert "audit trail BROKEN: post 1 is approved but its last status change, audit record " \
           "#2 (post.screened), made it pending_approval" in done.stderr
    assert "Traceback" not in done.stderr


def test_verify_names_a_revision_row_added_in_the_database(make_app):
    app = make_app()
    post_id = create_post(app, AUTHOR, prepare_draft(app, "Our new parking lot", ["x"]))
    with app.db.write() as session:
        first = session.scalars(select(Revision)).one()
        session.add(Revision(post_id=post_id, number=2, text="Planted words", platforms=["x"],
                             media=[], content_hash=first.content_hash,
                             hash_key_id=first.hash_key_id, created_by="Pat Author",
                             written_by="os:pat"))
    assert verify_problem(app).startswith(
        "revision 2 of post 1 has no audit record of its writing")


def test_verify_names_a_comment_unflagged_or_unhidden_in_the_database(make_app):
    app = make_app()
    platforms = FakePlatforms(["linkedin", "x"])
    _, remote = published(app, platforms, names=("linkedin", "x"))
    monitor = Monitor(app, platforms, "w1", CONFIG)
    for name in ("linkedin", "x"):
        platforms[name].add_comment(remote[name], ANGRY, "troll")
        monitor.run_platform(name)
    rows = {c.platform: c for c in comments(app)}
    assert (rows["linkedin"].state, rows["x"].state) == ("flagged", "hidden")
    assert not verify_problem(app)
    with app.db.write() as session:  # a flag taken back: the comment leaves the queue
        session.execute(update(Comment).where(Comment.id == rows["linkedin"].id)
                        .values(state="new", flags=[]))
    assert verify_problem(app).startswith(
        f"comment {rows['linkedin'].id} is new but its audit record #")
    with app.db.write() as session:
        session.execute(update(Comment).where(Comment.id == rows["linkedin"].id)
                        .values(state="flagged"))
        session.execute(update(Comment).where(Comment.id == rows["x"].id)
                        .values(state="new", hidden_on_platform=False))
    problem = verify_problem(app)
    assert problem.startswith(f"comment {rows['x'].id} is new but its audit record #")
    assert "(comment.hidden) leaves it hidden" in problem


# -- 3. init does not seal keyed records rewritten as unkeyed ones (finding 6) -------------

def _rewrite_unkeyed(db) -> None:  # noqa: ANN001
    """Every record rewritten (a writer's name changed) and rechained unkeyed."""
    from social_bot.db.models import AuditHead, AuditRecord

    def mallory(record: AuditRecord) -> None:
        if record.action == "post.created":
            record.actor = "Mallory"

    with db.write() as session:
        records = list(session.scalars(select(AuditRecord).order_by(AuditRecord.seq)))
        session.get(AuditHead, 1).hash = as_unkeyed(session, records, mallory)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_init_does_not_seal_a_keyed_chain_rewritten_as_unkeyed(make_app, db, cli_env):
    assert run(cli_env, "init").returncode == 0
    app = make_app()
    create_post(app, AUTHOR, prepare_draft(app, "Our new parking lot", ["x"]))
    _rewrite_unkeyed(db)
    done = run(cli_env, "init")
    assert done.returncode == 2
    assert done.stderr.startswith("error: the audit chain ends in unkeyed records, but it "
                                  "was keyed before")
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    verified = run(cli_env, "audit", "verify")
    assert verified.returncode == 1 and "no record is keyed" in verified.stderr
