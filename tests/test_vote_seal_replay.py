"""Session 49, the attack re-review of the vote seal (/work/s49 attack2, findings A, B, F, G).

B: a seal did not name the revision number, so an edit A -> B -> A (the old hash again) let a
staff login copy the door's seals onto the new revision; and nothing compared a seal's time
with the record that voided the votes (a consent revocation), so copied seals published a
post whose patient had withdrawn. A: hold-release votes were not sealed at all. F: `audit
verify` took every vote as sealed. G: `socialbot check` did not warn that staff could swap
vote.pub or delete vote.key in the data directory.

"The door" is the App `make_app` builds (it holds the vote key, as the daemon does); "staff"
(`staff_app`, from test_vote_seal) is an App on the same database and audit key whose login
cannot read that key.
"""

from __future__ import annotations

import base64
import json

import pytest
from sqlalchemy import select
from test_daemon_helpers import AUTHOR, DANA, LUIS
from test_session49_approval_rounds import _file_app
from test_two_person_hardening import publish_all
from test_vote_seal import _queued, _seal_of, _write_vote, staff_app  # noqa: F401

from social_bot import audit, vote_seal
from social_bot.approvals import VerifiedIdentity, approve
from social_bot.db.models import AuditRecord, HoldRelease, Post, PostHold, utcnow
from social_bot.dismissals import send_back
from social_bot.domain import Status
from social_bot.errors import Refused
from social_bot.holds import hold, release
from social_bot.posts import edit_post, set_status, show_post

NOT_SEALED = "vote not sealed by the chat door"


def _approved(door, text: str) -> int:  # noqa: ANN001
    """Queued, then approved by Dana and Luis at the door."""
    post_id = _queued(door, text)
    approve(door, DANA, post_id)
    approve(door, LUIS, post_id)
    return post_id


def _both(door, post_id: int) -> dict[str, dict]:  # noqa: ANN001
    return {i: _seal_of(door, post_id, i) for i in ("slack:U01DANA", "slack:U02LUIS")}


def _replay(staff, post_id: int, seals: dict[str, dict]) -> None:  # noqa: ANN001
    """What the review's replay_seals.py did: new vote rows and records for the current
    revision carrying seals the door made for earlier votes, and the post marked approved."""
    _write_vote(staff, post_id, "Dana Whitfield", "slack:U01DANA", seal=seals["slack:U01DANA"])
    _write_vote(staff, post_id, "Luis Ortega", "slack:U02LUIS", seal=seals["slack:U02LUIS"])


def _void(app, post_id: int) -> None:  # noqa: ANN001
    """The trail's void of the current revision's votes (a revoked authorization: the
    post to blocked_phi, its vote rows deleted), then the post waiting for votes again on
    the same revision (as a staff login with the database can make it)."""
    with app.db.write() as session:
        post = session.get(Post, post_id)
        send_back(session, post, post.revisions[-1], None, "authorization #1 was revoked",
                  actor="Pat Alvarez", os_user="pat", action="post.consent_revoked", detail={})
    with app.db.write() as session:
        set_status(session, session.get(Post, post_id), Status.PENDING_APPROVAL,
                   actor="Pat Alvarez", action="post.dismissed")


def test_seals_copied_onto_a_later_revision_with_the_old_hash_do_not_count(make_app,
                                                                            staff_app):  # noqa: F811
    door = make_app()
    text = "Blood drive on Tuesday in the main lobby."
    post_id = _approved(door, text)
    seals = _both(door, post_id)
    # A -> B -> A: revision 3 has revision 1's hash
    edit_post(door, AUTHOR, post_id, text="Blood drive on Tuesday.")
    edit_post(door, AUTHOR, post_id, text=text)
    with door.db.read() as session:
        first, _, third = session.get(Post, post_id).revisions
        assert first.content_hash == third.content_hash
    _replay(staff_app, post_id, seals)
    assert publish_all(door)["x"].texts() == []
    shown = show_post(door, post_id)
    assert shown["status"] == "pending_approval"
    assert NOT_SEALED in shown["approvals_note"] and shown["approvals_holding"] == []


def _replayed_after_a_void(door, staff, text: str) -> int:  # noqa: ANN001
    """Approved at the door, its votes voided, then the door's seals replayed by staff onto
    the same revision (only the seal's time tells them apart)."""
    post_id = _approved(door, text)
    seals = _both(door, post_id)
    _void(door, post_id)
    with door.db.read() as session:
        assert audit.verify(session).ok
    _replay(staff, post_id, seals)
    return post_id


def test_seals_made_before_a_revocation_do_not_count_after_it(make_app, staff_app):  # noqa: F811
    door = make_app()
    post_id = _replayed_after_a_void(
        door, staff_app, "Welcome back to our volunteer, who ran the fun run today.")
    assert publish_all(door)["x"].texts() == []
    assert NOT_SEALED in show_post(door, post_id)["status_reason"]


def test_votes_the_door_seals_after_a_revocation_count(make_app):
    door = make_app()
    text = "Our parking lot is repaved and open again."
    post_id = _queued(door, text)
    approve(door, DANA, post_id)
    _void(door, post_id)
    approve(door, DANA, post_id)
    assert approve(door, LUIS, post_id).status == "approved"
    assert publish_all(door)["x"].texts() == [text]


def test_a_seal_from_before_revisions_were_sealed_does_not_count_until_approved_again(
        make_app):
    door = make_app()
    text = "Sports physicals every Saturday in August."
    post_id = _queued(door, text)
    keys = vote_seal.app_keys(door)
    with door.db.read() as session:
        revision_hash = session.get(Post, post_id).revisions[-1].content_hash
    for name, identity in (("Dana Whitfield", "slack:U01DANA"), ("Luis Ortega", "slack:U02LUIS")):
        at = "2026-12-07T05:00:00+00:00"  # the door's v1 seal, as sealed before this change
        signed = keys.door().sign(vote_seal._message_v1(post_id, revision_hash, identity,
                                                        "approve", at))
        old = {"at": at, "sig": base64.b64encode(signed).decode(),
               "key": keys.door().public.key_id}
        assert vote_seal.legacy(keys.public(), {"seal": old}, post_id=post_id,
                                revision_hash=revision_hash, identity=identity,
                                kind="approve")
        _write_vote(door, post_id, name, identity, seal=old)
    assert publish_all(door)["x"].texts() == []
    assert show_post(door, post_id)["status"] == "pending_approval"
    approve(door, DANA, post_id)
    assert approve(door, LUIS, post_id).status == "approved"
    assert publish_all(door)["x"].texts() == [text]
    with door.db.read() as session:
        sealed = [json.loads(r.detail)["seal"] for r in session.scalars(select(AuditRecord).where(
            AuditRecord.post_id == post_id, AuditRecord.action == "approval.sealed"))]
    assert [s["v"] for s in sealed] == [2, 2]


@pytest.mark.parametrize("offset", [-1, 1])
def test_a_seal_counts_only_when_made_after_the_void(offset: int, tmp_path):  # noqa: ANN001
    from datetime import UTC, datetime, timedelta

    from social_bot.settings import load_settings

    path = tmp_path / "door" / "vote.key"
    vote_seal.create_key(path)
    keys = vote_seal.VoteKeys(load_settings({"SOCIALBOT_DATA_DIR": str(tmp_path),
                                             "SOCIALBOT_VOTE_KEY_FILE": str(path)},
                                            dotenv=False))
    void = datetime(2026, 12, 7, 6, 0, 0, 500000, tzinfo=UTC)
    vote = {"post_id": 7, "revision": 2, "revision_hash": "a" * 64,
            "identity": "slack:U01DANA", "kind": "approve"}
    made = vote_seal.seal(keys, **vote, at=void + timedelta(milliseconds=offset))
    assert vote_seal.holds(keys.public(), {"seal": made.as_detail()}, **vote,
                           after=void) is (offset > 0)
    # a record whose time is naive (SQLite) compares as UTC
    assert vote_seal.holds(keys.public(), {"seal": made.as_detail()}, **vote,
                           after=void.replace(tzinfo=None)) is (offset > 0)


def test_the_trail_still_verifies_after_a_lapse_voided_the_votes(make_app):
    door = make_app()
    post_id = _queued(door, "Allergy season tips from our nurses.")
    approve(door, DANA, post_id)
    with door.db.write() as session:
        post = session.get(Post, post_id)
        send_back(session, post, post.revisions[-1], None, "authorization #1 expired",
                  actor="socialbot", os_user=None, action="post.authorization_lapsed",
                  detail={})
    with door.db.read() as session:
        assert audit.verify(session).ok


# -- A: release votes are sealed like approvals ---------------------------------------------

MINA = VerifiedIdentity("slack", "U03MINA")


def _held_post(door, text: str) -> int:  # noqa: ANN001
    """Approved by Dana and Luis at the door, then held by Mina."""
    post_id = _approved(door, text)
    hold(door, MINA, post_id, "wait, the photo release is unclear")
    return post_id


def _forge_releases(staff, post_id: int, seals: dict[str, dict] | None = None) -> None:  # noqa: ANN001
    """What the audit key and the database allow: release rows and their keyed records in
    Dana's and Luis's names (with copied seals, if given), and the post marked approved."""
    with staff.db.write() as session:
        post = session.get(Post, post_id)
        revision = post.revisions[-1]
        held = session.scalars(select(PostHold).where(PostHold.post_id == post_id)
                               .order_by(PostHold.id.desc())).first()
        for name, identity in (("Dana Whitfield", "slack:U01DANA"),
                               ("Luis Ortega", "slack:U02LUIS")):
            session.add(HoldRelease(hold_id=held.id, approver=name, identity=identity))
            extra = {"seal": seals[identity]} if seals else {}
            audit.append(session, actor=name, action="hold.release_vote", post_id=post_id,
                         revision=revision.number, revision_hash=revision.content_hash,
                         detail={"identity": identity, "hold": held.id, "votes": 2, **extra})
        held.released_at = utcnow()
        set_status(session, post, Status.APPROVED, actor="Luis Ortega", action="post.released",
                   detail={"released_by": ["Dana Whitfield", "Luis Ortega"]})


def _release_seals(door, post_id: int) -> dict[str, dict]:  # noqa: ANN001
    with door.db.read() as session:
        records = session.scalars(select(AuditRecord).where(
            AuditRecord.post_id == post_id, AuditRecord.action == "hold.release_vote"))
        return {json.loads(r.detail)["identity"]: json.loads(r.detail)["seal"]
                for r in records}


def test_a_staff_login_cannot_release_an_approvers_hold(make_app, staff_app):  # noqa: F811
    door = make_app()
    post_id = _held_post(door, "Clinic photos from the open house.")
    for who in (DANA, LUIS):  # the review's forge_release.py
        with pytest.raises(Refused, match="only by the chat door"):
            release(staff_app, who, post_id)
    assert show_post(door, post_id)["status"] == "held"
    assert publish_all(door)["x"].texts() == []


def test_release_votes_written_with_the_audit_key_alone_do_not_publish(make_app,
                                                                      staff_app):  # noqa: F811
    door = make_app()
    post_id = _held_post(door, "Clinic photos from the health fair.")
    _forge_releases(staff_app, post_id)
    assert publish_all(door)["x"].texts() == []
    assert show_post(door, post_id)["status"] == "held"  # the publisher restored the hold
    # ... and the approvers can still release it at the door (their rows are there)
    release(door, DANA, post_id)
    assert release(door, LUIS, post_id).released_now
    assert publish_all(door)["x"].texts() == ["Clinic photos from the health fair."]


def test_release_seals_of_an_earlier_hold_do_not_release_a_later_one(make_app,
                                                                    staff_app):  # noqa: F811
    door = make_app()
    text = "Clinic photos from the spring picnic."
    post_id = _held_post(door, text)
    release(door, DANA, post_id)
    assert release(door, LUIS, post_id).released_now
    seals = _release_seals(door, post_id)
    hold(door, MINA, post_id, "hold again, one face is not covered")
    _forge_releases(staff_app, post_id, seals)
    assert publish_all(door)["x"].texts() == []
    assert show_post(door, post_id)["status"] == "held"


def test_door_sealed_releases_publish(make_app):
    door = make_app()
    text = "Clinic photos from the charity walk."
    post_id = _held_post(door, text)
    assert not release(door, DANA, post_id).released_now
    assert release(door, LUIS, post_id).released_now
    assert set(_release_seals(door, post_id)["slack:U01DANA"]) == {"v", "at", "sig", "key"}
    assert publish_all(door)["x"].texts() == [text]


# -- F: `audit verify` checks the seals of approval and release votes ------------------------

def _verified(app):  # noqa: ANN001, ANN202
    with app.db.read() as session:
        return audit.verify(session)


def test_verify_names_a_vote_written_outside_the_door(make_app, staff_app):  # noqa: F811
    door = make_app()
    post_id = _queued(door, "Free blood pressure checks at the library.")
    approve(door, DANA, post_id)
    _write_vote(staff_app, post_id, "Luis Ortega", "slack:U02LUIS")
    result = _verified(door)
    assert not result.ok
    assert f"(approval.recorded of post {post_id}, revision 1) is not sealed" in result.problem


def test_verify_names_replayed_seals(make_app, staff_app):  # noqa: F811
    door = make_app()
    _replayed_after_a_void(door, staff_app,
                           "Welcome back to our volunteer, who ran the relay today.")
    result = _verified(door)
    assert not result.ok and "copied from an earlier vote" in result.problem


def test_verify_names_forged_release_votes(make_app, staff_app):  # noqa: F811
    door = make_app()
    post_id = _held_post(door, "Clinic photos from the bake sale.")
    _forge_releases(staff_app, post_id)
    result = _verified(door)
    assert not result.ok
    assert f"(hold.release_vote of post {post_id}, revision 1) is not sealed" in result.problem


def test_verify_names_a_release_without_its_votes(db, tmp_path, monkeypatch,  # noqa: ANN001
                                                  staff_app):  # noqa: F811
    door, _ = _file_app(db, tmp_path, monkeypatch)  # the trail names the approver list
    post_id = _held_post(door, "Clinic photos from the book fair.")
    release(door, DANA, post_id)  # one sealed release vote of the two required
    with staff_app.db.write() as session:
        set_status(session, session.get(Post, post_id), Status.APPROVED, actor="Luis Ortega",
                   action="post.released", detail={"released_by": ["Dana Whitfield"]})
    result = _verified(door)
    assert not result.ok
    assert (f"(post.released of post {post_id}, revision 1) is not backed by the release "
            "votes recorded since its hold began: 1 of 2") in result.problem


def test_verify_notes_votes_from_before_sealing_without_failing(make_app):
    door = make_app()
    post_id = _queued(door, "Our new phone tree starts on Monday.")
    _write_vote(door, post_id, "Dana Whitfield", "slack:U01DANA")  # as recorded before seals
    approve(door, LUIS, post_id)  # sealed: a later unsealed vote would be a problem
    result = _verified(door)
    assert result.ok
    assert any(note.startswith("1 vote record(s) from before votes were sealed")
               for note in result.notes)


# -- G: `socialbot check` warns when staff could replace vote.pub or delete vote.key ---------

def _settings(tmp_path, key_dir):  # noqa: ANN001, ANN202
    from social_bot.settings import load_settings

    return load_settings({"SOCIALBOT_DATA_DIR": str(tmp_path / "data"),
                          "SOCIALBOT_VOTE_KEY_FILE": str(key_dir / "vote.key")}, dotenv=False)


def test_check_warns_when_the_vote_key_is_in_the_data_directory(tmp_path):  # noqa: ANN001
    (tmp_path / "data").mkdir(mode=0o755)
    settings = _settings(tmp_path, tmp_path / "data")
    vote_seal.create_key(vote_seal.key_file(settings))
    (tmp_path / "data").chmod(0o755)
    found = vote_seal.placement(settings)
    assert len(found) == 1 and "is in the data directory" in found[0]


@pytest.mark.parametrize("target", ["vote.pub", "dir", "none"])
def test_check_warns_when_the_key_or_its_public_half_is_writable_by_others(target, tmp_path):  # noqa: ANN001
    key_dir = tmp_path / "daemon-only"
    settings = _settings(tmp_path, key_dir)
    vote_seal.create_key(vote_seal.key_file(settings))
    key_dir.chmod(0o755)
    if target == "vote.pub":
        (key_dir / "vote.pub").chmod(0o666)
    elif target == "dir":
        key_dir.chmod(0o775)
    found = vote_seal.placement(settings)
    if target == "none":
        assert found == []
    else:
        assert len(found) == 1 and "writable by others than its owner" in found[0]


def test_socialbot_check_prints_the_placement_warning(tmp_path):  # noqa: ANN001
    from click.testing import CliRunner

    from social_bot.cli import cli

    (tmp_path / "data").mkdir()
    vote_seal.create_key(tmp_path / "data" / "vote.key")
    env = {"SOCIALBOT_DATA_DIR": str(tmp_path / "data"), "SOCIALBOT_VOTE_KEY_FILE": "",
           "SOCIALBOT_POLICY": "", "SOCIALBOT_ENV_FILE": str(tmp_path / "none.env")}
    done = CliRunner().invoke(cli, ["check", "x"], env=env)
    assert "warning: the vote key" in done.stderr
    assert "is in the data directory" in done.stderr
