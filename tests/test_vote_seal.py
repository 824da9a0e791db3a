"""Session 49, an outside review's finding 1: every staff login holds the audit key and the
database, so it could call `approvals.approve` itself (or write the vote rows and their
keyed records) and publish with no approver involved. A vote now counts only with the seal
of the chat door: an Ed25519 signature by the daemon's vote key (social_bot/vote_seal.py).

"The door" here is the App `make_app` builds (it holds the vote key, as the daemon does);
"staff" is an App on the same database and audit key whose login cannot read that key.
"""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

import pytest
from conftest import TEST_AUDIT_KEY, TEST_KEYS, keyword_screener
from sqlalchemy import select
from test_daemon_helpers import AUTHOR, DANA, LUIS
from test_two_person_hardening import publish_all

from policies.config import load_policy_file
from social_bot import audit, vote_seal
from social_bot.app import App
from social_bot.approval_proof import approval_round
from social_bot.approvals import approve
from social_bot.db.engine import Database
from social_bot.db.models import Approval, AuditRecord, Post
from social_bot.domain import Status
from social_bot.errors import Refused
from social_bot.export_key import SigningKey
from social_bot.posts import create_post, edit_post, prepare_draft, set_status, show_post
from social_bot.settings import load_settings

NOT_SEALED = "vote not sealed by the chat door"


@pytest.fixture
def staff_app(db, policy_file: Path, tmp_path: Path):  # noqa: ANN001, ANN201
    """A staff login's process: same data dir, database and audit key as the door, but the
    vote key is out of its reach (the daemon's own account owns it)."""
    settings = load_settings({"SOCIALBOT_DATA_DIR": str(tmp_path / "data"),
                              "DATABASE_URL": db.url, "SOCIALBOT_POLICY": str(policy_file),
                              "SOCIALBOT_AUDIT_KEY": TEST_AUDIT_KEY,
                              "SOCIALBOT_VOTE_KEY_FILE": str(tmp_path / "daemon-only" /
                                                             "vote.key"),
                              "SOCIALBOT_TIMEZONE": "UTC"}, dotenv=False)
    app = App(settings, db=Database(db.url, audit_keys=TEST_KEYS),
              policy=load_policy_file(policy_file), screener=keyword_screener,
              validator=lambda platform, text, media: [])
    yield app
    app.close()


def _queued(app, text: str) -> int:  # noqa: ANN001
    return create_post(app, AUTHOR, prepare_draft(app, text, ["x"]))


def _write_vote(app, post_id: int, name: str, identity: str, **extra: object) -> None:  # noqa: ANN001
    """What the audit key and the database allow: a vote row, its keyed record (with
    whatever seal the writer has), and the post marked approved."""
    with app.db.write() as session:
        post = session.get(Post, post_id)
        revision = post.revisions[-1]
        ordinal = len(revision.approvals) + 1
        session.add(Approval(post_id=post_id, revision_id=revision.id,
                             content_hash=revision.content_hash, approver=name,
                             identity=identity, ordinal=ordinal))
        session.flush()
        audit.append(session, actor=name, action="approval.recorded", post_id=post_id,
                     revision=revision.number, revision_hash=revision.content_hash,
                     detail={"identity": identity, "ordinal": ordinal, **extra})
        if ordinal >= 2:
            set_status(session, post, Status.APPROVED, actor=name, action="post.approved",
                       detail={"approvers": [a.approver for a in revision.approvals]},
                       approval_round=approval_round(session, post, revision))


def _seal_of(app, post_id: int, identity: str) -> dict:  # noqa: ANN001
    with app.db.read() as session:
        records = session.scalars(select(AuditRecord).where(
            AuditRecord.post_id == post_id, AuditRecord.action == "approval.recorded"))
        for record in records:
            detail = json.loads(record.detail)
            if detail["identity"] == identity:
                return detail["seal"]
    raise AssertionError(f"no vote by {identity}")


def test_the_reviews_forge_through_the_service_function_is_refused(make_app, staff_app):
    door = make_app()
    post_id = _queued(door, "Our clinic will be closed on Friday for staff training.")
    for who in (DANA, LUIS):
        with pytest.raises(Refused, match="only by the chat door"):
            approve(staff_app, who, post_id)
    assert publish_all(door)["x"].texts() == []
    assert show_post(door, post_id)["status"] == "pending_approval"


def test_votes_written_with_the_audit_key_alone_do_not_publish(make_app, staff_app):
    door = make_app()
    post_id = _queued(door, "Flu shots on Saturday morning.")
    _write_vote(staff_app, post_id, "Dana Whitfield", "slack:U01DANA")
    _write_vote(staff_app, post_id, "Luis Ortega", "slack:U02LUIS")
    with door.db.read() as session:
        assert audit.verify(session).ok  # the trail itself cannot tell
    assert publish_all(door)["x"].texts() == []
    shown = show_post(door, post_id)
    assert shown["status"] == "pending_approval"
    assert NOT_SEALED in shown["status_reason"]
    assert NOT_SEALED in shown["approvals_note"] and shown["approvals_holding"] == []


def test_door_recorded_votes_publish_and_carry_a_seal(make_app):
    door = make_app()
    post_id = _queued(door, "Walk-in hours extended this week.")
    approve(door, DANA, post_id)
    assert approve(door, LUIS, post_id).status == "approved"
    assert set(_seal_of(door, post_id, "slack:U01DANA")) == {"v", "at", "sig", "key"}
    assert publish_all(door)["x"].texts() == ["Walk-in hours extended this week."]


def test_a_seal_by_another_key_with_vote_pub_replaced_does_not_count(make_app, staff_app):
    door = make_app()
    post_id = _queued(door, "New parking lot opens Monday.")
    approve(door, DANA, post_id)
    # Staff make a key of their own and put its public half where `post show` reads it:
    # the publisher checks with the half of the key it holds, not with vote.pub
    mine = SigningKey.generate()
    path = vote_seal.key_file(door.settings)
    vote_seal.public_file(path).write_text(mine.public.text + "\n", encoding="utf-8")
    with door.db.read() as session:
        revision = session.get(Post, post_id).revisions[-1]
        at = "2026-12-07T05:00:00+00:00"
        signed = mine.sign(vote_seal.message(post_id, revision.number, revision.content_hash,
                                             "slack:U02LUIS", "approve", at))
    _write_vote(staff_app, post_id, "Luis Ortega", "slack:U02LUIS",
                seal={"at": at, "sig": base64.b64encode(signed).decode(),
                      "key": mine.public.key_id})
    assert publish_all(door)["x"].texts() == []
    assert NOT_SEALED in show_post(door, post_id)["status_reason"]


def test_a_real_seal_copied_to_another_identity_does_not_count(make_app, staff_app):
    door = make_app()
    post_id = _queued(door, "Pharmacy closes at noon on Christmas Eve.")
    approve(door, DANA, post_id)
    _write_vote(staff_app, post_id, "Luis Ortega", "slack:U02LUIS",
                seal=_seal_of(door, post_id, "slack:U01DANA"))
    assert publish_all(door)["x"].texts() == []
    assert "Luis Ortega " + "cast a " + NOT_SEALED in show_post(door, post_id)["approvals_note"]


def test_seals_of_an_earlier_revision_do_not_count_on_the_new_one(make_app, staff_app):
    door = make_app()
    post_id = _queued(door, "Blood drive on Tuesday.")
    approve(door, DANA, post_id)
    approve(door, LUIS, post_id)
    seals = {i: _seal_of(door, post_id, i) for i in ("slack:U01DANA", "slack:U02LUIS")}
    edit_post(door, AUTHOR, post_id, text="Blood drive on Tuesday and Wednesday.")
    _write_vote(staff_app, post_id, "Dana Whitfield", "slack:U01DANA",
                seal=seals["slack:U01DANA"])
    _write_vote(staff_app, post_id, "Luis Ortega", "slack:U02LUIS",
                seal=seals["slack:U02LUIS"])
    assert publish_all(door)["x"].texts() == []
    assert NOT_SEALED in show_post(door, post_id)["status_reason"]


@pytest.mark.parametrize("field", ["post", "number", "revision", "identity", "kind", "at",
                                   "sig"])
def test_a_seal_holds_for_exactly_the_vote_it_was_made_for(field: str, tmp_path: Path):
    path = tmp_path / "door" / "vote.key"
    assert vote_seal.create_key(path)
    keys = vote_seal.VoteKeys(load_settings({"SOCIALBOT_DATA_DIR": str(tmp_path),
                                             "SOCIALBOT_VOTE_KEY_FILE": str(path)},
                                            dotenv=False))
    made = vote_seal.seal(keys, post_id=7, revision=1, revision_hash="a" * 64,
                          identity="slack:U01DANA", kind="approve")
    vote = {"post_id": 7, "revision": 1, "revision_hash": "a" * 64, "identity": "slack:U01DANA",
            "kind": "approve"}
    detail = {"seal": made.as_detail()}
    assert vote_seal.holds(keys.public(), detail, **vote)
    changed = {"post": {"post_id": 8}, "number": {"revision": 3},
               "revision": {"revision_hash": "b" * 64},
               "identity": {"identity": "slack:U02LUIS"}, "kind": {"kind": "reject"}}
    if field in changed:
        assert not vote_seal.holds(keys.public(), detail, **{**vote, **changed[field]})
    elif field == "at":
        later = {**made.as_detail(), "at": "2030-01-01T00:00:00+00:00"}
        assert not vote_seal.holds(keys.public(), {"seal": later}, **vote)
    else:
        raw = bytearray(base64.b64decode(made.signature))
        raw[0] ^= 1
        bad = {**made.as_detail(), "sig": base64.b64encode(bytes(raw)).decode()}
        assert not vote_seal.holds(keys.public(), {"seal": bad}, **vote)


def test_a_restarted_door_keeps_its_key_and_its_votes(make_app, db, policy_file):
    door = make_app()
    post_id = _queued(door, "Eye exams return in January.")
    approve(door, DANA, post_id)
    first = vote_seal.ensure_door_key(door.settings).public
    door.close()
    # the daemon starts again: a new process, a new connection, the same key file
    again = App(door.settings, db=Database(db.url, audit_keys=TEST_KEYS),
                policy=load_policy_file(policy_file), screener=keyword_screener,
                validator=lambda platform, text, media: [])
    try:
        assert vote_seal.ensure_door_key(again.settings).public == first
        assert approve(again, LUIS, post_id).status == "approved"
        assert publish_all(again)["x"].texts() == ["Eye exams return in January."]
    finally:
        again.close()


def test_votes_from_before_the_upgrade_count_once_approved_again_in_chat(make_app):
    door = make_app()
    post_id = _queued(door, "Dental cleanings now on Thursdays.")
    # recorded as the code before this change did: a vote row and its record, no seal
    _write_vote(door, post_id, "Dana Whitfield", "slack:U01DANA")
    _write_vote(door, post_id, "Luis Ortega", "slack:U02LUIS")
    assert publish_all(door)["x"].texts() == []
    assert show_post(door, post_id)["status"] == "pending_approval"
    assert approve(door, DANA, post_id).status == "pending_approval"
    assert approve(door, LUIS, post_id).status == "approved"
    assert publish_all(door)["x"].texts() == ["Dental cleanings now on Thursdays."]
    with door.db.read() as session:
        assert audit.verify(session).ok


def test_check_warns_when_the_vote_key_is_not_the_daemons_alone(tmp_path: Path):
    path = tmp_path / "door" / "vote.key"
    vote_seal.create_key(path)
    settings = load_settings({"SOCIALBOT_DATA_DIR": str(tmp_path),
                              "SOCIALBOT_VOTE_KEY_FILE": str(path)}, dotenv=False)
    assert vote_seal.exposure(settings, people=["pat"], login="socialbot") is None
    assert "a person's login" in vote_seal.exposure(settings, people=["pat"], login="pat")
    assert "does not own it" in vote_seal.exposure(settings, login_uid=os.geteuid() + 1)
    path.chmod(0o640)
    assert "open to others" in vote_seal.exposure(settings)


def test_socialbot_check_prints_the_warning(tmp_path: Path):
    from click.testing import CliRunner

    from social_bot.cli import cli

    path = tmp_path / "door" / "vote.key"
    vote_seal.create_key(path)
    path.chmod(0o644)
    env = {"SOCIALBOT_DATA_DIR": str(tmp_path / "data"), "SOCIALBOT_VOTE_KEY_FILE": str(path),
           "SOCIALBOT_POLICY": "", "SOCIALBOT_ENV_FILE": str(tmp_path / "none.env")}
    done = CliRunner().invoke(cli, ["check", "x"], env=env)
    assert "warning: the vote key" in done.stderr and "chmod 600" in done.stderr
