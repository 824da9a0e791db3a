"""Approvals after the approver list changes, and a rejected post (an outside newcomer's
walk-through, session 48). SQLite and PostgreSQL (the `make_app` fixture runs both).

1. Dana and Luis approve; Luis leaves the policy; publishing refuses and sends the post back
   to pending_approval. Another approver's vote was refused "this vote was already counted"
   (the audit index allowed one `post.approved` record per revision, ever): the post could
   leave review only by an edit. Now the vote counts and the post publishes, and the trail
   says why Luis's vote did not.
2. `post show`, `post list` and chat `show` counted recorded votes (2/2) next to the
   publisher's "1 of 2 required approvals hold": they now count as publishing does.
3. `post edit` of a rejected post said it had started publishing; it says a rejection is
   final and to write a new post.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from sqlalchemy import select
from test_daemon_helpers import AUTHOR, DANA, LUIS, Clock, FakePlatforms, approved_post

from social_bot.approvals import VerifiedIdentity, approve, reject
from social_bot.daemon.config import DaemonConfig
from social_bot.daemon.publisher import Publisher
from social_bot.db.models import AuditRecord
from social_bot.errors import Refused
from social_bot.holds import hold, release
from social_bot.posts import edit_post, list_posts, show_post
from social_bot.revision_code import detail_code

MINA = VerifiedIdentity("slack", "U03MINA")  # on the list, never voted


def _without(app, name: str) -> None:  # noqa: ANN001
    """The policy in force with one approver removed (as an edited policy file reloads)."""
    approval = app.policy.approval
    kept = tuple(a for a in approval.approvers if a.name != name)
    assert len(kept) == len(approval.approvers) - 1
    app._policy = replace(app.policy, approval=replace(approval, approvers=kept))


def _publisher(app):  # noqa: ANN001, ANN202
    platforms = FakePlatforms(("x",))
    return platforms, Publisher(app, platforms, "w1", DaemonConfig(batch=10), clock=Clock())


def _records(app, post_id: int, action: str) -> list[dict]:  # noqa: ANN001
    with app.db.read() as session:
        return [json.loads(r.detail or "{}") for r in session.scalars(
            select(AuditRecord).where(AuditRecord.post_id == post_id,
                                      AuditRecord.action == action).order_by(AuditRecord.seq))]


def _withdrawn_for_luis(app) -> int:  # noqa: ANN001
    """A post Dana and Luis approved, sent back to waiting by publishing once Luis left."""
    post_id = approved_post(app, "Flu shots on Saturday morning", ["x"])
    _without(app, "Luis Ortega")
    platforms, publisher = _publisher(app)
    publisher.run_lane("x")
    assert platforms["x"].texts() == []
    assert show_post(app, post_id)["status"] == "pending_approval"
    return post_id


def test_a_new_vote_completes_an_approval_publishing_withdrew(make_app) -> None:  # noqa: ANN001
    app = make_app()
    post_id = _withdrawn_for_luis(app)
    outcome = approve(app, MINA, post_id)  # was: Refused("this vote was already counted")
    assert outcome.approved_now and outcome.approvals == ["Dana Whitfield", "Mina Okafor"]
    platforms, publisher = _publisher(app)
    publisher.run_lane("x")
    assert platforms["x"].texts() == ["Flu shots on Saturday morning"]
    assert show_post(app, post_id)["status"] == "published"
    # the trail: the first approval, the refusal, and the second approval with the reason
    first, second = _records(app, post_id, "post.approved")
    assert first["approvers"] == ["Dana Whitfield", "Luis Ortega"]
    assert second["approvers"] == ["Dana Whitfield", "Mina Okafor"]
    assert second["not_counted"] == ["slack:U02LUIS is not on the current approver list"]
    assert "not_counted" not in first
    from social_bot.audit import verify_database

    assert verify_database(app.db).ok


def test_a_revision_still_cannot_be_approved_twice_in_one_round(make_app) -> None:  # noqa: ANN001
    """The index that replaced one-approval-per-revision still stops a second
    `post.approved` record for the same revision and round, by anyone (session 49: the
    round replaced the approver in its key)."""
    from sqlalchemy.exc import IntegrityError

    from social_bot import audit

    app = make_app()
    post_id = approved_post(app, "Lab opens at seven", ["x"])
    for actor in ("Luis Ortega", "Mina Okafor"):
        with pytest.raises(IntegrityError), app.db.write() as session:
            audit.append(session, actor=actor, action="post.approved", post_id=post_id,
                         revision=1, revision_hash="0" * 64, detail={}, approval_round=1)
    with pytest.raises(ValueError, match="approval round"), app.db.write() as session:
        audit.append(session, actor="Luis Ortega", action="post.approved", post_id=post_id,
                     revision=1, revision_hash="0" * 64, detail={})


def test_a_hold_on_a_post_approved_again_is_restored_and_released_again(make_app) -> None:  # noqa: ANN001
    """The same for a hold release: on the post approved again, a release whose voter then
    left is restored by publishing, and a release vote by an approver still listed (who
    had not voted on the hold) releases it; the post publishes."""
    from policies.approval import Approver

    app = make_app()
    post_id = _withdrawn_for_luis(app)
    approve(app, MINA, post_id)
    approval = app.policy.approval
    kim = Approver("Kim Lee", slack_id="U04KIM", mattermost_id="kim", os_user="kim")
    app._policy = replace(app.policy, approval=replace(
        approval, approvers=(*approval.approvers, kim)))
    hold(app, DANA, post_id, "checking the date")
    release(app, MINA, post_id)
    release(app, VerifiedIdentity("slack", "U04KIM"), post_id)
    _without(app, "Kim Lee")
    platforms, publisher = _publisher(app)
    publisher.run_lane("x")
    assert platforms["x"].texts() == [] and show_post(app, post_id)["status"] == "held"
    assert release(app, DANA, post_id).released_now
    publisher.run_lane("x")
    assert platforms["x"].texts() == ["Flu shots on Saturday morning"]


def test_show_and_list_count_the_votes_that_hold(make_app) -> None:  # noqa: ANN001
    app = make_app()
    approved = approved_post(app, "Closed on the holiday Monday", ["x"])
    _without(app, "Luis Ortega")
    detail = show_post(app, approved)
    assert detail["approvals"] == ["Dana Whitfield", "Luis Ortega"]  # as recorded
    assert detail["approvals_holding"] == ["Dana Whitfield"]
    assert detail["approvals_not_counted"] == [
        {"approver": "Luis Ortega", "why": "is no longer an approver"}]
    assert detail["approvals_note"] == \
        "1 of 2 approvals hold (Luis Ortega is no longer an approver)"
    row = next(r for r in list_posts(app, "approved") if r["id"] == approved)
    assert (row["approvals"], row["approvals_holding"]) == (2, 1)
    assert row["approvals_note"] == detail["approvals_note"]


def test_show_without_a_change_reads_as_before(make_app) -> None:  # noqa: ANN001
    app = make_app()
    post_id = approved_post(app, "Closed on the holiday Monday", ["x"])
    detail = show_post(app, post_id)
    assert detail["approvals_holding"] == detail["approvals"] == ["Dana Whitfield",
                                                                   "Luis Ortega"]
    assert detail["approvals_note"] == "" and detail["approvals_not_counted"] == []


def test_chat_show_says_which_approval_no_longer_holds(make_app) -> None:  # noqa: ANN001
    from social_bot.chat.commands import handle_command
    from social_bot.chat.guard import release as for_chat

    app = make_app()
    post_id = _withdrawn_for_luis(app)
    reply = handle_command(app, MINA, f"show {post_id}")
    text = for_chat(app, {"text": reply.text}).body["text"]
    assert "Approvals: Dana Whitfield · 1 of 2 approvals hold (Luis Ortega is no longer " \
           "an approver)" in text
    assert "(2/2)" not in text
    pending = for_chat(app, {"text": handle_command(app, MINA, "pending").text}).body["text"]
    assert f"#{post_id} rev 1 · x · 1/2 approvals" in pending
    code = detail_code(show_post(app, post_id))
    approved = handle_command(app, MINA, f"approve {post_id} {code}")
    assert "already counted" not in approved.text and "Refused" not in approved.text
    assert show_post(app, post_id)["status"] == "approved"


def test_a_rejected_post_is_not_edited_back_into_review(make_app) -> None:  # noqa: ANN001
    app = make_app()
    from social_bot.posts import create_post, prepare_draft

    post_id = create_post(app, AUTHOR, prepare_draft(app, "Open house on Friday", ["x"]))
    reject(app, LUIS, post_id, "wrong date")
    with pytest.raises(Refused) as refused:
        edit_post(app, AUTHOR, post_id, "Open house on Saturday")
    said = str(refused.value)
    assert said == (f"post {post_id} was rejected by an approver, and a rejection is final: "
                    "it cannot be edited back into review; put the corrected text in a new "
                    "post (`socialbot post create`)")
    assert "started publishing" not in said and "\n" not in said
    assert show_post(app, post_id)["revision"] == 1


LUIS_LINE = ('  { name = "Luis Ortega",    slack_id = "U02LUIS", mattermost_id = "luis", '
             'os_user = "luis" },\n')


def test_the_cli_shows_and_lists_what_holds_and_refuses_editing_a_rejection(
        cli_env, db, policy_file, tmp_path) -> None:  # noqa: ANN001
    from conftest import POLICY_TOML
    from test_cli_posts import run
    from test_session45_policy import app_reading

    env = {**cli_env, "COLUMNS": "200"}
    created = [int(run(env, "post", "create", "--text", text, "--platform", "x").stdout)
               for text in ("Closed on the holiday Monday", "Open house on Friday")]
    approved, rejected = created
    app = app_reading(db, tmp_path, policy_file)
    approve(app, DANA, approved)
    approve(app, LUIS, approved)
    reject(app, DANA, rejected, "wrong day")
    assert LUIS_LINE in POLICY_TOML
    policy_file.write_text(POLICY_TOML.replace(LUIS_LINE, ""), encoding="utf-8")

    shown = run(env, "post", "show", str(approved))
    assert shown.returncode == 0, shown.stderr
    assert ("Approvals of this revision: Dana Whitfield · 1 of 2 approvals hold (Luis "
            "Ortega is no longer an approver)") in shown.stdout
    listed = run(env, "post", "list", "--status", "approved")
    assert listed.returncode == 0, listed.stderr
    assert "1 (1 void)" in listed.stdout
    assert (f"Post {approved}: 1 of 2 approvals hold (Luis Ortega is no longer an "
            "approver)") in listed.stdout

    edited = run(env, "post", "edit", str(rejected), "--text", "Open house on Saturday")
    assert edited.returncode == 2
    assert edited.stderr.strip().splitlines() == [
        f"error: post {rejected} was rejected by an approver, and a rejection is final: it "
        "cannot be edited back into review; put the corrected text in a new post "
        "(`socialbot post create`)"]
