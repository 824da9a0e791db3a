"""Session 52 attack review, finding 1: who wrote a revision was the `Staff` the caller
passed to `posts.create_post`; an approver wrote a post under another login's name from her
own login, approved it herself in chat, and it published.

With `[approval] os_witness = true` the writer counts only as the OS witnessed it: the
writing process leaves a file in the daemon's witness folder, whose owner (st_uid, set by
the kernel) the chat door maps to a login and seals (`revision.witnessed`); the door takes
no vote, and the publisher publishes nothing, without that seal for every revision.

The "logins" here are uids the password database is patched to name (`witness.login_of`),
and, where two people's files meet in one test, files given to another uid with os.chown
(root only). The texts are written for this test.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import POLICY_TOML, TEST_AUDIT_KEY, TEST_KEYS, keyword_screener
from sqlalchemy import select
from test_cli_session48 import invoke  # noqa: F401 - the fixture
from test_daemon_helpers import AUTHOR, DANA, LUIS
from test_two_person_hardening import publish_all

from policies.approval import ApprovalPolicy
from policies.config import load_policy_file
from social_bot import witness
from social_bot.app import App
from social_bot.approvals import approve
from social_bot.audit import verify_database
from social_bot.db.engine import Database
from social_bot.db.models import AuditRecord
from social_bot.errors import Refused, UserError
from social_bot.posts import Staff, create_post, edit_post, prepare_draft, show_post
from social_bot.settings import load_settings

TEXT = "Our clinic is closed Monday for staff training. See you Tuesday!"
# pat is a staff member with a login of his own: a witness counts only from a policy person
ON = POLICY_TOML.replace("[approval]\n", "[approval]\nos_witness = true\n"
                         'staff = [ { name = "Pat Author", os_user = "pat" } ]\n', 1)
as_root = pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another uid needs root")
PAT_UID, DANA_UID = 61001, 61002


@pytest.fixture
def policy_file(policy_file: Path) -> Path:
    """conftest's policy, with os_witness on."""
    policy_file.write_text(ON, encoding="utf-8")
    return policy_file


@pytest.fixture
def logins(monkeypatch):  # noqa: ANN001, ANN201
    """uid -> login, as the password database would answer; this process's uid is whoever
    the test says runs it (``logins[os.geteuid()] = "dana"``)."""
    names = {PAT_UID: "pat", DANA_UID: "dana"}
    monkeypatch.setattr(witness, "login_of", names.get)
    return names


@pytest.fixture
def door(make_app):  # noqa: ANN001, ANN201
    """The daemon's process after its start: the vote key and the witness folder made."""
    app = make_app()
    witness.ensure_spool(app.settings)
    return app


def _queued(app, staff: Staff = AUTHOR, text: str = TEXT) -> int:  # noqa: ANN001
    return create_post(app, staff, prepare_draft(app, text, ["x"]))


def _files(app, kind: str, post_id: int) -> list[Path]:  # noqa: ANN001
    return sorted(witness.spool_dir(app.settings).glob(f"{kind}-{post_id}-*"))


def _give(app, kind: str, post_id: int, uid: int) -> None:  # noqa: ANN001
    """The files as the kernel would have owned them, had that uid's process made them."""
    for path in _files(app, kind, post_id):
        os.chown(path, uid, -1)


def _witnessed(app, post_id: int) -> list[tuple[int, str]]:  # noqa: ANN001
    with app.db.read() as session:
        return [(r.revision, json.loads(r.detail)["identity"]) for r in session.scalars(
            select(AuditRecord).where(AuditRecord.post_id == post_id,
                                      AuditRecord.action == witness.ACTION))]


def test_the_spool_is_the_daemons_own_sticky_folder(door) -> None:  # noqa: ANN001
    info = witness.spool_dir(door.settings).stat()
    assert info.st_mode & 0o7777 == witness.SPOOL_MODE == 0o1733
    assert witness.spool_problem(door.settings) is None
    post_id = _queued(door)
    [left] = _files(door, witness.WROTE, post_id)
    assert left.stat().st_mode & 0o777 == 0o444  # nobody rewrites it to name another post


@as_root
def test_a_witness_folder_the_daemon_does_not_own_is_not_read(door, logins) -> None:  # noqa: ANN001
    logins[os.geteuid()] = "pat"
    post_id = _queued(door)
    os.chown(witness.spool_dir(door.settings), PAT_UID, -1)  # a staff login's folder
    assert "is not the daemon's own" in witness.spool_problem(door.settings)
    with pytest.raises(Refused, match="has no witness"):
        approve(door, DANA, post_id)
    with pytest.raises(UserError, match="not a folder of the daemon's own OS account"):
        witness.ensure_spool(door.settings)  # the daemon's next start


def test_a_post_written_under_another_login_is_refused_at_the_door(door, logins) -> None:  # noqa: ANN001
    """Finding 1's repro: Dana's process calls create_post as Pat; its file is Dana's."""
    logins[os.geteuid()] = "dana"
    post_id = _queued(door, Staff("Pat Alvarez", "pat"))
    for who in (DANA, LUIS):
        with pytest.raises(Refused, match=r"revision 1 of post \d+ has no witness from its "
                                          r"writer's OS login \(pat\): pat runs `socialbot "
                                          r"post witness \d+`, which shows it; check the "
                                          r"text first: if you did not write it, cancel"):
            approve(door, who, post_id)
    assert _witnessed(door, post_id) == []
    assert show_post(door, post_id)["status"] == "pending_approval"
    assert verify_database(door.db).ok


def test_the_writers_own_post_is_witnessed_approved_and_published(door, logins) -> None:  # noqa: ANN001
    logins[os.geteuid()] = "pat"
    post_id = _queued(door)
    approve(door, DANA, post_id)
    assert approve(door, LUIS, post_id).approved_now
    assert _witnessed(door, post_id) == [(1, "os:pat")]  # sealed once
    assert publish_all(door)["x"].texts() == [TEXT]
    assert verify_database(door.db).ok


@as_root
def test_the_files_owner_decides_not_the_process_that_reads_it(door, logins) -> None:  # noqa: ANN001
    post_id = _queued(door)  # Staff says pat ...
    _give(door, witness.WROTE, post_id, DANA_UID)  # ... the kernel says dana
    with pytest.raises(Refused, match="no witness from its writer's OS login"):
        approve(door, DANA, post_id)
    # Pat's own `socialbot post witness N`: his file, sealed at the next vote
    assert witness.leave(door.settings, witness.WROTE, post_id, 1,
                         show_post(door, post_id)["revision_hash"]) is None
    for path in _files(door, witness.WROTE, post_id):
        if path.stat().st_uid != DANA_UID:
            os.chown(path, PAT_UID, -1)
    approve(door, DANA, post_id)
    assert _witnessed(door, post_id) == [(1, "os:pat")]


@as_root
def test_every_revision_needs_its_writers_witness(door, logins) -> None:  # noqa: ANN001
    """Dana forges revision 1 as Pat; Pat's real edit does not make her words his."""
    post_id = _queued(door)
    _give(door, witness.WROTE, post_id, DANA_UID)
    edit_post(door, AUTHOR, post_id, text=TEXT + " Call us with questions.")
    for path in _files(door, witness.WROTE, post_id):
        if path.stat().st_uid != DANA_UID:
            os.chown(path, PAT_UID, -1)
    with pytest.raises(Refused, match="revision 1 of post"):
        approve(door, LUIS, post_id)
    assert _witnessed(door, post_id) == [(2, "os:pat")]


def test_another_posts_file_linked_under_this_posts_name_witnesses_nothing(
        door, logins) -> None:  # noqa: ANN001
    logins[os.geteuid()] = "pat"
    first = _queued(door)
    second = _queued(door, text=TEXT + " Happy holidays.")
    for path in _files(door, witness.WROTE, second):
        path.unlink()  # as if written before the spool existed
    [pats] = _files(door, witness.WROTE, first)
    os.link(pats, pats.with_name(f"{witness.WROTE}-{second}-1-0000000000000000"))
    with pytest.raises(Refused, match=f"revision 1 of post {second} has no witness"):
        approve(door, DANA, second)


def test_without_a_daemon_started_nothing_is_left_and_the_vote_names_the_step(
        make_app, logins) -> None:  # noqa: ANN001
    app = make_app()  # the spool was never made
    post_id = _queued(app)
    assert not witness.spool_dir(app.settings).exists()
    with pytest.raises(Refused, match=f"pat runs `socialbot post witness {post_id}`"):
        approve(app, DANA, post_id)


def _app_with(db, tmp_path: Path, toml: str) -> App:  # noqa: ANN001
    path = tmp_path / f"policy-{abs(hash(toml))}.toml"
    path.write_text(toml, encoding="utf-8")
    settings = load_settings({"SOCIALBOT_DATA_DIR": str(tmp_path / "data"),
                              "DATABASE_URL": db.url, "SOCIALBOT_POLICY": str(path),
                              "SOCIALBOT_AUDIT_KEY": TEST_AUDIT_KEY,
                              "SOCIALBOT_TIMEZONE": "UTC"}, dotenv=False)
    return App(settings, db=Database(db.url, audit_keys=TEST_KEYS),
               policy=load_policy_file(path), screener=keyword_screener,
               validator=lambda platform, text, media: [])


def test_the_publisher_refuses_an_unwitnessed_writer(db, tmp_path, logins) -> None:  # noqa: ANN001
    """Approved while os_witness was off (or by votes written some other way): publishing
    with it on sends the post back, saying why."""
    before = _app_with(db, tmp_path, POLICY_TOML)
    post_id = _queued(before)  # no spool: no witness
    approve(before, DANA, post_id)
    assert approve(before, LUIS, post_id).approved_now
    after = _app_with(db, tmp_path, ON)
    assert publish_all(after)["x"].texts() == []
    detail = show_post(after, post_id)
    assert detail["status"] == "pending_approval"
    assert "has no witness from its writer's OS login (pat)" in detail["status_reason"]
    before.close()
    after.close()


def test_off_by_default_and_a_setting_of_true_or_false() -> None:
    approvers = [{"name": "A", "slack_id": "U1", "os_user": "a"},
                 {"name": "B", "slack_id": "U2", "os_user": "b"}]
    assert ApprovalPolicy.from_toml({"approvers": approvers}).os_witness is False
    assert ApprovalPolicy.from_toml({"approvers": approvers, "os_witness": True}).os_witness
    with pytest.raises(ValueError, match="os_witness must be true or false"):
        ApprovalPolicy.from_toml({"approvers": approvers, "os_witness": "yes"})
    example = Path(witness.__file__).with_name("policy.example.toml")
    assert load_policy_file(example).approval.os_witness is True


def test_check_warns_when_off_with_more_than_one_staff_login() -> None:
    def policy(on: bool, *logins: str) -> ApprovalPolicy:
        return ApprovalPolicy.from_toml({"os_witness": on, "approvers": [
            {"name": f"P{i}", "slack_id": f"U{i}", "os_user": login}
            for i, login in enumerate(logins)]})

    warning = witness.off_warning(policy(False, "root", "daemon"))  # both exist here
    assert warning and "os_witness is off" in warning and "(daemon, root)" in warning
    assert witness.off_warning(policy(True, "root", "daemon")) is None
    assert witness.off_warning(policy(False, "root", "no-such-login-s52")) is None


LONG = ("Our team wishes every family a calm and healthy winter season and thanks you "
        "for choosing the clinic for your care this year. ") * 300  # more than chat shows


@as_root
def test_a_coded_approval_needs_the_approvers_own_read_file(door, logins) -> None:  # noqa: ANN001
    """Session 51's documented limit: a `post.read_in_cli` record any staff login can write.
    With os_witness the door also wants the file `post show` left, owned by that login."""
    from social_bot.chat import handle_command
    from social_bot.cli_views import record_read
    from social_bot.revision_code import shown_code

    post_id = create_post(door, AUTHOR, prepare_draft(door, LONG, ["facebook"]))
    _give(door, witness.WROTE, post_id, PAT_UID)
    detail = show_post(door, post_id)
    code = shown_code(detail["revision"], detail["revision_hash"])
    # Pat's process writes Dana's read record (the audit key allows it); its file is Pat's
    assert record_read(door, "dana", detail)
    _give(door, witness.READ, post_id, PAT_UID)
    reply = handle_command(door, DANA, f"approve {post_id} {code}")
    assert not reply.ok and "was not read under your login (dana)" in reply.text
    # Dana's own `post show`: her file
    witness.leave(door.settings, witness.READ, post_id, detail["revision"],
                  detail["revision_hash"])
    for path in _files(door, witness.READ, post_id):
        if path.stat().st_uid != PAT_UID:
            os.chown(path, DANA_UID, -1)
    assert handle_command(door, DANA, f"approve {post_id} {code}").ok


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_post_witness_leaves_the_file_of_the_login_that_runs_it(
        door, logins, invoke, monkeypatch) -> None:  # noqa: ANN001, F811
    logins[os.geteuid()] = "pat"
    post_id = _queued(door)
    for path in _files(door, witness.WROTE, post_id):
        path.unlink()  # written before the daemon's first start made the folder
    monkeypatch.setattr("social_bot.cli.posts_cmd.os_login", lambda: "dana")
    refused = invoke(door, "post", "witness", str(post_id))
    assert refused.exit_code == 2 and "no revision names your login (dana)" in refused.output
    monkeypatch.setattr("social_bot.cli.posts_cmd.os_login", lambda: "pat")
    done = invoke(door, "post", "witness", str(post_id), "--yes")  # no terminal here
    assert done.exit_code == 0, done.output
    assert "witnessed as the writer of revision(s) 1" in done.output
    approve(door, DANA, post_id)
    assert _witnessed(door, post_id) == [(1, "os:pat")]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_create_says_when_no_witness_could_be_left(make_app, invoke, logins) -> None:  # noqa: ANN001, F811
    app = make_app()  # no daemon has started: no witness folder
    done = invoke(app, "post", "create", "--text", TEXT, "--platform", "x")
    assert done.exit_code == 0, done.output
    post_id = int(done.stdout.strip())
    assert "does not exist yet" in done.output
    assert f"run `socialbot post witness {post_id}`" in done.output
    witness.ensure_spool(app.settings)
    quiet = invoke(app, "post", "create", "--text", TEXT + " Thanks!", "--platform", "x")
    assert quiet.exit_code == 0 and "witness" not in quiet.output
