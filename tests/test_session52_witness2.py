"""Session 52's second attack review (/work/s52/reports/attack2.md), findings A to E and the
`check` note, against the witness, the rival-key check and the vote key's folder.

A: a hard link to another login's writable file kept its owner and became a witness "by"
that login; B: `post witness` vouched for text it did not show; C: a staff login wrote an
acceptance of the real vote key after its own seals and silenced both checks; D: the vote
key's folder (by default the 2770 data directory) let staff swap the spool, vote.pub and
comments.since; E: the spool only grew and was listed under the write lock.

Logins are uids the password database is patched to name (`witness.login_of`, as in
tests/test_witness_session52.py); giving a file to another uid needs root. Texts are
written for this test.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from conftest import POLICY_TOML
from sqlalchemy import select
from test_cli_session48 import invoke  # noqa: F401 - the fixture
from test_daemon_helpers import DANA, LUIS
from test_session52_deploy import _daemon_app, _start, new_post
from test_witness_session52 import (  # noqa: F401 - fixtures
    PAT_UID,
    _files,
    _give,
    _queued,
    _witnessed,
    as_root,
    door,
    logins,
    policy_file,
)

from social_bot import audit, vote_seal, witness
from social_bot.approvals import approve
from social_bot.db.models import AuditRecord
from social_bot.errors import Refused, UserError
from social_bot.posts import Staff, show_post

SBD_UID = 61009  # the daemon's account of a shared deployment (not a policy person)


# --- A: a witness file is what `leave` makes, from a login that writes posts ------------

@as_root
def test_a_hard_link_to_another_logins_writable_file_is_no_witness(door, logins) -> None:  # noqa: ANN001, F811
    post_id = _queued(door)  # written as pat (the policy's staff member)
    for path in _files(door, witness.WROTE, post_id):
        path.unlink()  # pat's own witness is not there: only the linked file is
    digest = show_post(door, post_id)["revision_hash"]
    body = json.dumps({"kind": "wrote", "post": post_id, "revision": 1, "hash": digest})
    writable = witness.spool_dir(door.settings).parent / "socialbot.db-wal-standin"
    writable.write_text(body)
    os.chown(writable, PAT_UID, -1)
    writable.chmod(0o660)  # pat's file that another login may write (the shared -wal)
    linked = witness.spool_dir(door.settings) / f"wrote-{post_id}-1-0000000000000000"
    os.link(writable, linked)
    with pytest.raises(Refused, match="has no witness"):
        approve(door, DANA, post_id)  # two links
    writable.unlink()  # SQLite removed its -wal: one link left, still 0660
    with pytest.raises(Refused, match="has no witness"):
        approve(door, DANA, post_id)
    assert _witnessed(door, post_id) == []
    linked.chmod(0o444)  # what only its owner can do: as `leave` makes it, it counts
    approve(door, DANA, post_id)
    assert _witnessed(door, post_id) == [(1, "os:pat")]


@as_root
def test_a_writer_login_that_is_no_policy_person_is_not_witnessed(door, logins) -> None:  # noqa: ANN001, F811
    logins[SBD_UID] = "sbd"
    post_id = _queued(door, Staff("sbd", "sbd"))  # "by sbd": the daemon's own account
    _give(door, witness.WROTE, post_id, SBD_UID)  # a 0444 file of sbd's, one link
    with pytest.raises(Refused, match=r"has no witness from its writer's OS login \(sbd\)"):
        approve(door, DANA, post_id)
    assert _witnessed(door, post_id) == []


def test_the_daemons_own_login_is_no_writer_where_others_share_the_data(door, logins) -> None:  # noqa: ANN001, F811
    logins[os.geteuid()] = "pat"  # the file is this process's: the daemon's own uid
    post_id = _queued(door)
    door.settings.data_dir.chmod(0o2770)  # the shared deployment's data directory
    try:
        with pytest.raises(Refused, match="has no witness"):
            approve(door, DANA, post_id)
    finally:
        door.settings.data_dir.chmod(0o755)
    approve(door, DANA, post_id)  # one login's private data: the demo's case, witnessed
    assert _witnessed(door, post_id) == [(1, "os:pat")]


# --- E: the spool is emptied of sealed files, and read before the write lock ------------

def test_a_sealed_witness_file_is_removed_and_the_spool_read_outside_the_lock(
        door, logins, monkeypatch) -> None:  # noqa: ANN001, F811
    logins[os.geteuid()] = "pat"
    post_id = _queued(door)
    assert len(_files(door, witness.WROTE, post_id)) == 1
    writing = []
    real_write, real_scandir = door.db.write, os.scandir

    def write(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        writing.append(True)
        return real_write(*args, **kwargs)

    def scandir(path):  # noqa: ANN001, ANN202
        assert not writing, "the spool was listed inside the vote's write transaction"
        return real_scandir(path)

    monkeypatch.setattr(door.db, "write", write)
    monkeypatch.setattr(witness.os, "scandir", scandir)
    approve(door, DANA, post_id)
    monkeypatch.undo()
    assert _witnessed(door, post_id) == [(1, "os:pat")]
    assert _files(door, witness.WROTE, post_id) == []  # spent: the folder does not only grow
    assert approve(door, LUIS, post_id).approved_now  # the seal, not the file, counts now


# --- B: `post witness` shows what it vouches for, and asks -------------------------------

class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_post_witness_shows_the_text_and_asks_or_needs_yes(door, logins, invoke,  # noqa: ANN001, F811
                                                           monkeypatch) -> None:
    logins[os.geteuid()] = "pat"
    text = "Flu shots are walk-in this week, Monday to Thursday until five."
    post_id = _queued(door, text=text)
    for path in _files(door, witness.WROTE, post_id):
        path.unlink()
    monkeypatch.setattr("social_bot.cli.posts_cmd.os_login", lambda: "pat")
    quiet = invoke(door, "post", "witness", str(post_id))  # no terminal, no --yes
    assert quiet.exit_code == 2 and "--yes" in quiet.output
    assert len(quiet.output.strip().splitlines()) == 1
    assert _files(door, witness.WROTE, post_id) == []
    digest = show_post(door, post_id)["revision_hash"]
    monkeypatch.setattr("sys.stdin", _Terminal("n\n"))
    said_no = invoke(door, "post", "witness", str(post_id))
    assert text in said_no.output and digest[:12] in said_no.output
    assert "Did you write this?" in said_no.output and "revision 1" in said_no.output
    assert said_no.exit_code == 2 and "cancel the post" in said_no.output
    assert _files(door, witness.WROTE, post_id) == []
    monkeypatch.setattr("sys.stdin", _Terminal("y\n"))
    said_yes = invoke(door, "post", "witness", str(post_id))
    assert said_yes.exit_code == 0, said_yes.output
    assert len(_files(door, witness.WROTE, post_id)) == 1


def test_the_refusal_tells_the_writer_to_check_the_text_first(door, logins) -> None:  # noqa: ANN001, F811
    logins[os.geteuid()] = "dana"
    post_id = _queued(door, Staff("Pat Author", "pat"))
    with pytest.raises(Refused) as refused:
        approve(door, LUIS, post_id)
    assert "check the text first: if you did not write it, cancel the post" in \
        str(refused.value)


# --- C: an acceptance counts only when the key it accepts signed it, there ---------------

def _forge(app, detail: dict) -> None:  # noqa: ANN001
    """A staff login's own record: it holds the database and the audit key."""
    with app.db.write() as session:
        audit.append(session, actor="daemon:door1", os_user="sbd",
                     action=vote_seal.ACCEPTED, detail=detail)


def _real_then_rival(make_app, tmp_path: Path, policy: Path):  # noqa: ANN001, ANN202
    """The real door (its key, one seal), then a staff login's daemon that accepted its own
    key: the real door's App, its key id, and the rival's App and key id."""
    policy.write_text(POLICY_TOML)  # os_witness off: the keys are the matter here
    real = _daemon_app(make_app, tmp_path, "door")
    mine = _start(real)
    approve(real, DANA, new_post(real))
    theirs = vote_seal.ensure_door_key(_daemon_app(make_app, tmp_path, "pat").settings) \
        .public.key_id
    rival = _daemon_app(make_app, tmp_path, "pat", SOCIALBOT_VOTE_KEY_ACCEPT=theirs)
    assert _start(rival) == theirs
    return real, mine, rival, theirs


def test_a_written_acceptance_of_the_real_key_silences_nothing(
        make_app, tmp_path: Path, policy_file: Path) -> None:  # noqa: ANN001, F811
    real, mine, rival, theirs = _real_then_rival(make_app, tmp_path, policy_file)
    approve(rival, DANA, new_post(rival))  # sealed by the rival's key
    with real.db.read() as session:
        since = session.scalar(select(AuditRecord.seq).order_by(AuditRecord.seq.desc()))
    _forge(real, {"key": mine, "replaces": [theirs], "file": "/srv/door/vote.key"})
    with pytest.raises(UserError, match=f"by vote key {theirs}"):
        _start(real)  # the next start is refused ...
    assert theirs in vote_seal.other_keys(real.db, mine, since - 1).last  # ... and the look


def test_a_copied_signed_acceptance_does_not_count_at_another_place(
        make_app, tmp_path: Path, policy_file: Path) -> None:  # noqa: ANN001, F811
    real, mine, rival, theirs = _real_then_rival(make_app, tmp_path, policy_file)
    assert _start(_daemon_app(make_app, tmp_path, "door",
                              SOCIALBOT_VOTE_KEY_ACCEPT=mine)) == mine  # the admin's, signed
    with real.db.read() as session:
        signed = session.scalars(select(AuditRecord).where(
            AuditRecord.action == vote_seal.ACCEPTED).order_by(AuditRecord.seq.desc())).first()
        assert vote_seal.acceptance_key(signed.seq, signed.prev_hash, signed.detail) == mine
    approve(rival, DANA, new_post(rival))
    _forge(real, json.loads(signed.detail))  # the admin's signed acceptance, copied after
    with pytest.raises(UserError, match=f"by vote key {theirs}"):
        _start(real)


# --- D: the vote key's folder is the daemon's alone, or the daemon does not start --------

def test_the_daemon_refuses_a_vote_key_folder_others_can_write(make_app) -> None:  # noqa: ANN001
    from social_bot.daemon.runner import Daemon

    app = make_app()  # the vote key in the data directory: the default
    data = app.settings.data_dir
    data.mkdir(exist_ok=True)
    data.chmod(0o2770)  # docs/daemon.md's shared data directory
    with pytest.raises(UserError) as refused:
        Daemon(app, worker_id="d", serve_http=False, platforms=())
    line = str(refused.value)
    assert line.startswith("refusing to start the daemon") and "\n" not in line
    assert "SOCIALBOT_VOTE_KEY_FILE" in line and "docs/daemon.md" in line
    data.chmod(0o700)  # one login's private data directory (the demo): it starts
    Daemon(app, worker_id="d", serve_http=False, platforms=())
    assert witness.spool_problem(app.settings) is None


# --- `check` as a staff login: it cannot see the daemon's socket setting -----------------

@as_root
def test_check_as_staff_cannot_tell_whether_the_door_is_on_tcp(tmp_path: Path,
                                                                policy_file: Path) -> None:  # noqa: F811
    from social_bot.cli.accounts_cmd import _vote_key_exposure
    from social_bot.settings import load_settings

    policy_file.write_text(POLICY_TOML)
    env = {"SOCIALBOT_DATA_DIR": str(tmp_path / "data"), "SOCIALBOT_POLICY": str(policy_file),
           "SOCIALBOT_VOTE_KEY_FILE": str(tmp_path / "door" / "vote.key")}
    settings = load_settings(env, dotenv=False)
    vote_seal.ensure_door_key(settings)
    os.chown(tmp_path / "door" / "vote.key", SBD_UID, -1)  # the daemon's, not this login's
    said = " ".join(_vote_key_exposure(settings))
    assert "listens on TCP 127.0.0.1" not in said
    assert "cannot tell whether the chat endpoint listens on TCP" in said
