"""An outside review of the audit trail (session 43): each test replays one of its findings.

The attacker is the one docs/security.md names: write access to the database, not to the
data directory, and (finding 1) a copy of an audit key that was since retired.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import keyword_screener
from sqlalchemy import select, update
from test_daemon_helpers import AUTHOR, DANA, FakePlatforms, approved_post
from test_publish import FAST

from policies.config import load_policy_file
from social_bot import audit
from social_bot.app import App
from social_bot.approvals import approve
from social_bot.audit_key import AuditKeys, create_key_file, rotate_key_file
from social_bot.chat.typed import trace
from social_bot.daemon.publisher import Publisher
from social_bot.db.engine import Database
from social_bot.db.models import AuditRecord, Delivery, Post
from social_bot.errors import Refused, UserError
from social_bot.posts import (
    Staff,
    cancel_post,
    create_post,
    edit_post,
    prepare_draft,
    show_post,
)
from social_bot.settings import load_settings

OLD_SECRET = "the-key-a-leaver-kept-a-copy-of-" + "1" * 16
NEW_SECRET = "the-key-written-by-rotate-key---" + "2" * 16
OLD = AuditKeys.from_secret(OLD_SECRET)
# What a process reads after `audit rotate-key`: the new key, the old one from its file.
ROTATED = AuditKeys.from_secret(NEW_SECRET, retired_files=(OLD_SECRET,))


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "social_bot", *args], env=env,
                          capture_output=True, text=True, timeout=120)


def publish_x(app: App) -> FakePlatforms:
    platforms = FakePlatforms()
    Publisher(app, platforms, "w1", FAST).run_lane("x")
    return platforms


def app_on(db: Database, policy_file: Path, tmp_path: Path) -> App:
    settings = load_settings({"SOCIALBOT_DATA_DIR": str(tmp_path / "data"),
                              "DATABASE_URL": db.url, "SOCIALBOT_POLICY": str(policy_file),
                              "SOCIALBOT_AUDIT_KEY": NEW_SECRET}, dotenv=False)
    return App(settings, db=db, policy=load_policy_file(policy_file),
               screener=keyword_screener, validator=lambda platform, text, media: [])


def rotate(db_url: str) -> Database:
    """`audit rotate-key` as the chain sees it: the key_rotated record, under the new key."""
    db = Database(db_url, audit_keys=ROTATED)
    with db.write() as session:
        audit.append(session, actor="socialbot audit rotate-key", action="audit.key_rotated",
                     detail={"old_key_id": OLD.current_id, "new_key_id": ROTATED.current_id})
    return db


# -- finding 1: a retired key signs nothing after its retirement ---------------------------

def test_votes_signed_with_a_retired_key_after_the_rotation_are_refused(
        database_url, policy_file, tmp_path, monkeypatch):
    before = Database(database_url, audit_keys=OLD)
    with before.write() as session:
        audit.append(session, actor="Pat Author", action="post.note", detail={"n": 1})
    before.dispose()
    db = rotate(database_url)
    app = app_on(db, policy_file, tmp_path)
    post_id = create_post(app, AUTHOR, prepare_draft(app, "Our new parking lot opens Monday",
                                                     ["x"]))
    # The leaver writes rows directly with the product's MAC and the old key (no check of
    # the chain's last key, which only the product's own writer does).
    monkeypatch.setattr(audit, "_keys_for_next",
                        lambda session, *_: audit.session_keys(session))
    forger_db = Database(database_url, audit_keys=OLD)
    forger = app_on(forger_db, policy_file, tmp_path)
    # Since session 50 a vote needs the revision's stored content to recompute to its hash,
    # which a process holding only the retired key cannot do: refused at once (its refusal
    # record, written with the retired key, is what verify names below).
    with pytest.raises(Refused, match="is not what its hash says"):
        approve(forger, DANA, post_id)
    forger_db.dispose()
    monkeypatch.undo()

    with db.read() as session:
        result = audit.verify(session)
    assert not result.ok
    assert f"audit key {OLD.current_id}, which record #2 retired" in result.problem
    assert publish_x(app)["x"].texts() == []
    assert show_post(app, post_id)["status"] == "pending_approval"
    db.dispose()


def test_votes_signed_before_the_rotation_still_publish(database_url, policy_file, tmp_path):
    old_db = Database(database_url, audit_keys=OLD)
    old_app = app_on(old_db, policy_file, tmp_path)
    post_id = approved_post(old_app, "Flu shots on Saturday", ["x"])
    old_db.dispose()
    db = rotate(database_url)
    app = app_on(db, policy_file, tmp_path)
    assert publish_x(app)["x"].texts() == ["Flu shots on Saturday"]
    assert show_post(app, post_id)["status"] == "published"
    with db.read() as session:
        assert audit.verify(session).ok
    db.dispose()


def test_a_retired_key_file_no_rotation_named_is_refused(database_url, monkeypatch):
    stray = AuditKeys.from_secret(NEW_SECRET, retired_files=(OLD_SECRET,))
    db = Database(database_url, audit_keys=OLD)
    with db.write() as session:
        audit.append(session, actor="Pat Author", action="post.note", detail={"n": 1})
    db.dispose()
    db = Database(database_url, audit_keys=stray)
    # the product's own writer refuses a key no rotation record introduced (session 46)...
    with pytest.raises(UserError, match="without an audit.key_rotated record"), \
            db.write() as session:
        audit.append(session, actor="Pat Author", action="post.note", detail={"n": 2})
    # ... and verify names it when written some other way
    monkeypatch.setattr(audit, "_keys_for_next", lambda session, *_: audit.session_keys(session))
    with db.write() as session:
        audit.append(session, actor="Pat Author", action="post.note", detail={"n": 2})
    with db.read() as session:
        result = audit.verify(session)
    assert not result.ok and "which no audit.key_rotated record retired" in result.problem
    db.dispose()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_running_process_follows_rotate_key(database_url, policy_file, tmp_path):
    data = tmp_path / "data"
    create_key_file(data)
    settings = load_settings({"SOCIALBOT_DATA_DIR": str(data), "DATABASE_URL": database_url,
                              "SOCIALBOT_POLICY": str(policy_file)}, dotenv=False)

    def running() -> App:
        return App(settings, policy=load_policy_file(policy_file), screener=keyword_screener,
                   validator=lambda platform, text, media: [])

    daemon = running()  # loads audit.key now, as a daemon does at start
    create_post(daemon, AUTHOR, prepare_draft(daemon, "Before the rotation", ["x"]))
    stale = Database(database_url, audit_keys=daemon.db.audit_keys)  # one that never looks
    old_id, new_id = rotate_key_file(data)
    cli = running()
    with cli.db.write() as session:
        audit.append(session, actor="socialbot audit rotate-key", action="audit.key_rotated",
                     detail={"old_key_id": old_id, "new_key_id": new_id})
    create_post(daemon, AUTHOR, prepare_draft(daemon, "After the rotation", ["x"]))
    with cli.db.read() as session:
        keys = list(session.scalars(select(AuditRecord.key_id).order_by(AuditRecord.seq)))
        assert audit.verify(session).ok
    assert keys == [old_id, old_id, new_id, new_id, new_id]
    refused = pytest.raises(UserError, match="rotated or changed after socialbot started")
    with refused, stale.write() as session:
        audit.append(session, actor="Pat Author", action="post.note")
    stale.dispose()


# -- finding 7: rotate-key refuses when the key in force is the environment's -------------

@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_rotate_key_refuses_when_the_key_comes_from_the_environment(cli_env, tmp_path):
    key_file = create_key_file(tmp_path / "data")
    done = run(cli_env, "audit", "rotate-key")
    assert done.returncode == 2
    assert done.stderr.startswith("error: the audit key in force comes from "
                                  "SOCIALBOT_AUDIT_KEY")
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert key_file is not None and key_file.is_file()
    assert list((tmp_path / "data").glob("audit.key.*.retired")) == []


# -- finding 2: withdrawn words stay withdrawn ---------------------------------------------

def test_a_cancelled_post_set_back_to_approved_is_not_published(make_app):
    app = make_app()
    post_id = approved_post(app, "Clinic closed for the staff retreat on Friday", ["x"])
    cancel_post(app, AUTHOR, post_id)
    with app.db.write() as session:
        session.execute(update(Post).where(Post.id == post_id).values(status="approved"))
        session.execute(update(Delivery).where(Delivery.post_id == post_id)
                        .values(status="pending"))
    assert publish_x(app)["x"].texts() == []
    shown = show_post(app, post_id)
    assert shown["status"] == "cancelled"
    assert "the post was cancelled (audit record #" in shown["status_reason"]


def test_a_revision_replaced_by_an_edit_is_not_published(make_app):
    app = make_app()
    post_id = approved_post(app, "Dr. Priya Raman joins us Monday", ["x"])
    edit_post(app, AUTHOR, post_id, text="Dr. Priya Raman joins us Tuesday")
    with app.db.write() as session:
        session.execute(update(Post).where(Post.id == post_id)
                        .values(status="approved", current_revision=1))
    assert publish_x(app)["x"].texts() == []
    shown = show_post(app, post_id)
    assert shown["status"] == "pending_approval"
    assert "revision 1 was replaced by revision 2" in shown["status_reason"]


# -- finding 5: a delivery row set back to pending is not published twice -----------------

def test_a_published_delivery_reset_in_the_database_is_not_sent_again(make_app):
    app = make_app()
    post_id = approved_post(app, "Flu shots all week", ["x"])
    platforms = FakePlatforms()
    publisher = Publisher(app, platforms, "w1", FAST)
    publisher.run_lane("x")
    with app.db.write() as session:
        session.execute(update(Post).where(Post.id == post_id).values(status="approved"))
        session.execute(update(Delivery).where(Delivery.post_id == post_id).values(
            status="pending", remote_id=None, url=None, published_at=None,
            published_hash=None, claimed_by=None, claimed_at=None, next_attempt_at=None))
    publisher.run_lane("x")
    assert platforms["x"].texts() == ["Flu shots all week"]
    delivery = show_post(app, post_id)["deliveries"][0]
    assert delivery["status"] == "failed"
    assert delivery["last_error"].startswith("already published on x as x-1 (audit record #")


# -- finding 8: a time that is not one is a broken record, not a crash ---------------------

@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_garbage_time_is_named_broken(cli_env, db):
    for n in range(3):
        with db.write() as session:
            audit.append(session, actor="Pat Author", action="post.note", detail={"n": n})
    path = db.url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE audit_records SET at = 'garbage' WHERE seq = 2")
    with db.read() as session:
        result = audit.verify(session)
        assert '"at": "garbage"' in audit.export_text(session)
    assert not result.ok and result.problem.startswith("audit record #2 ")
    done = run(cli_env, "audit", "verify")
    assert done.returncode == 1 and "audit trail BROKEN: audit record #2 " in done.stderr


# -- finding 9: a typed --as name is kept as a digest, as other typed text -----------------

def test_a_typed_display_name_does_not_reach_the_chain(make_app):
    app = make_app()
    typed = "Maria Lopez MRN 5583921"
    staff = Staff("pat", "pat", display=typed)
    post_id = create_post(app, staff, prepare_draft(app, "Welcome back to our clinic", ["x"]))
    edit_post(app, staff, post_id, text="Welcome back to our clinic on Monday")
    with app.db.read() as session:
        exported = audit.export_text(session)
        details = [json.loads(r.detail) for r in session.scalars(select(AuditRecord).where(
            AuditRecord.action.in_(("post.created", "post.edited"))))]
    assert "Maria" not in exported and "5583921" not in exported
    expected = trace(app.db.audit_keys.current, typed).as_detail()
    assert [d["display_name"] for d in details] == [expected, expected]

