"""Issue 14, items 2, 5 and 6: publishing re-proves its approvals; writers (authors and
editors, by OS login) cannot approve; --as is a display name, never the identity.

Each test replays an attack from the review: it failed on the code before this change.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import delete, select, update
from test_daemon_helpers import ALL, AUTHOR, FakePlatforms, approved_post
from test_publish import FAST

from policies.approval import (
    ApprovalPolicy,
    VoteEvidence,
    identity_problem,
    prove_approvals,
)
from policies.config import parse_policy
from social_bot import audit
from social_bot.app import App
from social_bot.approvals import VerifiedIdentity, approve
from social_bot.chat.typed import trace
from social_bot.cli.common import os_login
from social_bot.daemon.publisher import Publisher
from social_bot.db.models import Approval, AuditRecord, OutboxMessage, Post
from social_bot.errors import Refused
from social_bot.posts import Staff, create_post, edit_post, prepare_draft, show_post

DANA = VerifiedIdentity("slack", "U01DANA")
LUIS = VerifiedIdentity("slack", "U02LUIS")
MINA = VerifiedIdentity("slack", "U03MINA")
MINA_AT_SHELL = Staff("Mina at the shell", "mina")  # Mina's own OS login


def publish_all(app) -> FakePlatforms:  # noqa: ANN001
    platforms = FakePlatforms()
    publisher = Publisher(app, platforms, "w1", FAST)
    for platform in ALL:
        publisher.run_lane(platform)
    return platforms


def actions(app, post_id: int) -> list[str]:  # noqa: ANN001
    with app.db.read() as session:
        return list(session.scalars(select(AuditRecord.action).where(
            AuditRecord.post_id == post_id).order_by(AuditRecord.seq)))


# -- item 2: the status column alone never publishes ---------------------------------------

def test_status_set_to_approved_in_the_database_is_not_published(make_app):
    app = make_app()
    post_id = create_post(app, AUTHOR, prepare_draft(app, "Flu clinic Saturday", ["x"]))
    with app.db.write() as session:
        session.execute(update(Post).where(Post.id == post_id).values(status="approved"))
    platforms = publish_all(app)
    assert platforms["x"].texts() == []
    detail = show_post(app, post_id)
    assert detail["status"] == "pending_approval"
    assert "0 of 2 required approvals hold" in detail["status_reason"]
    assert "publish.refused" in actions(app, post_id)
    assert "delivery.attempting" not in actions(app, post_id)
    with app.db.read() as session:
        kinds = list(session.scalars(select(OutboxMessage.kind)
                                     .where(OutboxMessage.post_id == post_id)))
        assert audit.verify(session).ok  # the refusal is in the chain; nothing broke it
    assert "post.publish_refused" in kinds


def test_vote_whose_audit_record_was_removed_does_not_count(make_app):
    app = make_app()
    post_id = approved_post(app, "Walk-in hours this week", ["x"])
    with app.db.write() as session:
        record = session.scalars(select(AuditRecord).where(
            AuditRecord.post_id == post_id, AuditRecord.action == "approval.recorded")).first()
        session.execute(delete(AuditRecord).where(AuditRecord.id == record.id))
    assert publish_all(app)["x"].texts() == []
    assert "no intact audit record" in show_post(app, post_id)["status_reason"]


def test_vote_whose_audit_record_was_forged_does_not_count(make_app):
    app = make_app()
    post_id = approved_post(app, "Walk-in hours next week", ["x"])
    with app.db.write() as session:
        session.execute(update(AuditRecord).where(
            AuditRecord.post_id == post_id, AuditRecord.action == "approval.recorded")
            .values(actor="someone"))
    assert publish_all(app)["x"].texts() == []


def test_approver_removed_from_the_policy_no_longer_counts_at_publish(make_app, policy_file):
    app = make_app()
    post_id = approved_post(app, "Holiday hours posted", ["x"])
    text = policy_file.read_text().replace(
        '{ name = "Luis Ortega",    slack_id = "U02LUIS", mattermost_id = "luis", '
        'os_user = "luis" },\n', "")
    smaller = App(app.settings, db=app.db, policy=parse_policy(__import__("tomllib").loads(text)),
                  screener=app._screener, validator=app._validator)
    assert publish_all(smaller)["x"].texts() == []
    assert "slack:U02LUIS is not on the current approver list" in \
        show_post(app, post_id)["status_reason"]


def test_properly_approved_post_still_publishes(make_app):
    app = make_app()
    post_id = approved_post(app, "Flu shots are in", ["x", "facebook"])
    platforms = publish_all(app)
    assert platforms["x"].texts() == ["Flu shots are in"]
    assert show_post(app, post_id)["status"] == "published"
    assert "publish.refused" not in actions(app, post_id)


def test_prove_approvals_rule_over_plain_data():
    policy = ApprovalPolicy.from_toml({"required": 2, "approvers": [
        {"name": "A", "slack_id": "UA", "os_user": "a"},
        {"name": "B", "slack_id": "UB", "os_user": "b"},
        {"name": "C", "slack_id": "UC", "os_user": "c"}]})
    good = [VoteEvidence("slack:UA", "h", True), VoteEvidence("slack:UB", "h", True)]
    assert prove_approvals(policy, revision_hash="h", writers=["os:x"], votes=good).ok
    cases = {
        "another revision": [VoteEvidence("slack:UA", "old", True), good[1]],
        "not on the current approver list": [VoteEvidence("slack:UZ", "h", True), good[1]],
        "wrote a revision": [good[0], VoteEvidence("slack:UC", "h", True)],
        "no intact audit record": [VoteEvidence("slack:UA", "h", False), good[1]],
    }
    for problem, votes in cases.items():
        proof = prove_approvals(policy, revision_hash="h", writers=["os:x", "os:c"],
                                votes=votes)
        assert not proof.ok and problem in proof.reason
    twice = prove_approvals(policy, revision_hash="h", writers=[], votes=[good[0], good[0]])
    assert not twice.ok and twice.approvers == ("A",)
    assert not prove_approvals(None, revision_hash="h", writers=[], votes=good).ok


def test_a_forged_vote_row_neither_counts_nor_blocks_real_votes(make_app):
    app = make_app()
    post_id = create_post(app, AUTHOR, prepare_draft(app, "Lab closed on Monday", ["x"]))
    approve(app, DANA, post_id)
    with app.db.write() as session:  # a row for Luis with no audit record behind it
        revision = session.get(Post, post_id).revisions[-1]
        session.add(Approval(post_id=post_id, revision_id=revision.id,
                             content_hash=revision.content_hash, approver="Luis Ortega",
                             identity="slack:U02LUIS", ordinal=2))
    outcome = approve(app, MINA, post_id)  # the forged row does not fill the second slot
    assert outcome.status == "approved" and outcome.approvals == ["Dana Whitfield",
                                                                  "Mina Okafor"]
    assert publish_all(app)["x"].texts() == ["Lab closed on Monday"]


# -- item 5: every writer of any revision is excluded ----------------------------------------

def test_an_editor_cannot_approve_a_post_they_edited(make_app):
    app = make_app()
    post_id = create_post(app, AUTHOR, prepare_draft(app, "Clinic closes early Friday", ["x"]))
    edit_post(app, MINA_AT_SHELL, post_id, text="Clinic closes at 3 pm Friday")
    with pytest.raises(Refused, match="wrote a revision"):
        approve(app, MINA, post_id)
    approve(app, DANA, post_id)
    assert approve(app, LUIS, post_id).status == "approved"


def test_editor_who_slipped_in_a_vote_is_caught_at_publish(make_app):
    app = make_app()
    post_id = create_post(app, AUTHOR, prepare_draft(app, "Vaccines on Monday", ["x"]))
    edit_post(app, MINA_AT_SHELL, post_id, text="Vaccines on Monday and Tuesday")
    approve(app, DANA, post_id)
    # A vote by the editor written straight into the tables (with a valid audit record),
    # then the status set by hand: the proof at claim time still says no.
    with app.db.write() as session:
        post = session.get(Post, post_id)
        revision = post.revisions[-1]
        session.add(Approval(post_id=post_id, revision_id=revision.id,
                             content_hash=revision.content_hash, approver="Mina Okafor",
                             identity="slack:U03MINA", ordinal=2))
        audit.append(session, actor="Mina Okafor", action="approval.recorded",
                     post_id=post_id, revision=revision.number,
                     revision_hash=revision.content_hash,
                     detail={"identity": "slack:U03MINA", "ordinal": 2})
        post.status = "approved"
    assert publish_all(app)["x"].texts() == []
    assert "Mina Okafor wrote a revision" in show_post(app, post_id)["status_reason"]


# -- item 6: the writer is the OS login, mapped by the policy -----------------------------

def test_a_typed_name_is_not_the_identity(make_app):
    app = make_app()
    # Mina, at her own login, queues a post "as Mallory" and then tries to approve it.
    post_id = create_post(app, Staff("mina", "mina", display="Mallory"),
                          prepare_draft(app, "New parking lot open", ["x"]))
    with pytest.raises(Refused, match="wrote a revision"):
        approve(app, MINA, post_id)
    detail = show_post(app, post_id)
    assert detail["author"] == "Mina Okafor"  # the policy's name for the login
    assert detail["revisions"][0]["written_by"] == "os:mina"
    with app.db.read() as session:
        created = session.scalars(select(AuditRecord).where(
            AuditRecord.post_id == post_id, AuditRecord.action == "post.created")).one()
    assert created.actor == "Mina Okafor" and created.os_user == "mina"
    # The typed name is kept as its length and keyed digest only (review, session 43).
    assert json.loads(created.detail)["display_name"] == trace(
        app.db.audit_keys.current, "Mallory").as_detail()


def test_typing_an_approvers_name_does_not_lock_them_out(make_app):
    app = make_app()
    post_id = create_post(app, Staff("pat", "pat", display="Dana Whitfield"),
                          prepare_draft(app, "Saturday hours", ["x"]))
    approve(app, DANA, post_id)  # --as is only a display name: Dana did not write this
    assert approve(app, LUIS, post_id).status == "approved"


@pytest.mark.parametrize("approvers, message", [
    ([{"name": "A", "slack_id": "UA"}, {"name": "B", "slack_id": "UB", "os_user": "b"}],
     "has no os_user"),
])
def test_policy_that_cannot_tell_approver_from_author_is_refused(approvers, message):
    policy = ApprovalPolicy.from_toml({"required": 2, "approvers": approvers})
    problem = identity_problem(policy)
    assert problem and message in problem and "add os_user" in problem


def test_shared_login_is_refused():
    with pytest.raises(ValueError, match="shared by"):
        ApprovalPolicy.from_toml({"required": 2, "approvers": [
            {"name": "A", "slack_id": "UA", "os_user": "frontdesk"},
            {"name": "B", "slack_id": "UB", "os_user": "frontdesk"}]})
    with pytest.raises(ValueError, match="shared by"):
        ApprovalPolicy.from_toml({"required": 2, "approvers": [
            {"name": "A", "slack_id": "UA", "os_user": "a"},
            {"name": "B", "slack_id": "UB", "os_user": "b"}],
            "staff": [{"name": "Front Desk", "os_user": "A"}]})


def run(env, *args):  # noqa: ANN001, ANN201
    return subprocess.run([sys.executable, "-m", "social_bot", *args], env=env,
                          capture_output=True, text=True, timeout=120)


def test_cli_as_mallory_is_still_the_os_login(cli_env, db, tmp_path):
    """The OS login that runs the test is made an approver (Mina): `--as Mallory` and
    SOCIALBOT_USER change only the display name, so Mina still cannot approve."""
    login = os_login()
    policy = tmp_path / "login-policy.toml"
    policy.write_text(Path(cli_env["SOCIALBOT_POLICY"]).read_text().replace(
        'os_user = "mina"', f'os_user = "{login}"'))
    env = {**cli_env, "SOCIALBOT_POLICY": str(policy), "SOCIALBOT_USER": "Dana Whitfield"}
    done = run(env, "post", "create", "--text", "Flu shots on Saturday", "--platform", "x",
               "--as", "Mallory")
    assert done.returncode == 0, done.stderr
    post_id = int(done.stdout)
    shown = json.loads(run(env, "post", "show", str(post_id), "--json").stdout)
    assert shown["author"] == "Mina Okafor"
    assert shown["revisions"][0]["written_by"] == f"os:{login}"
    from policies.config import load_policy_file
    from social_bot.settings import load_settings

    app = App(load_settings({**env}, dotenv=False), db=db, policy=load_policy_file(policy))
    with pytest.raises(Refused, match="wrote a revision"):
        approve(app, MINA, post_id)


def test_cli_refuses_a_policy_with_an_approver_without_login(cli_env, tmp_path):
    policy = tmp_path / "no-login.toml"
    policy.write_text('[approval]\nrequired = 2\napprovers = [{name="A", slack_id="UA"}, '
                      '{name="B", slack_id="UB", os_user="b"}]\n')
    done = run({**cli_env, "SOCIALBOT_POLICY": str(policy)}, "post", "create", "--text", "hi",
               "--platform", "x")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "add os_user" in errors[0]
