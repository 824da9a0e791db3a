"""A post whose votes hold again after the approver list changed back (an outside review,
session 48). SQLite and PostgreSQL (the `make_app` fixture runs both).

Dana and Luis approve; Luis leaves the policy; publishing sends the post back to
pending_approval (correct). Luis is put back on the list: both votes count again, but every
vote attempt was refused ("this revision already has all the approvals it needs", "has
already approved this revision") and the publisher never picks up a waiting post: only an
edit got it out. Now an eligible approver's approve makes it approved again, no vote added,
audited as `post.approved` with why "votes hold again under the current policy".
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from sqlalchemy import select
from test_daemon_helpers import DANA, LUIS, Clock, FakePlatforms, approved_post

from policies.approval import HOLDS_AGAIN
from social_bot.approvals import VerifiedIdentity, approve
from social_bot.audit import verify_database
from social_bot.chat.render import approvals_text
from social_bot.daemon.config import DaemonConfig
from social_bot.daemon.publisher import Publisher
from social_bot.db.models import Approval, AuditRecord
from social_bot.errors import Refused
from social_bot.posts import show_post

MINA = VerifiedIdentity("slack", "U03MINA")  # on the list, never voted
TEXT = "Flu shots on Saturday morning"


def _set_approvers(app, approvers) -> None:  # noqa: ANN001
    """The policy in force with this approver list (as an edited policy file reloads)."""
    app._policy = replace(app.policy, approval=replace(app.policy.approval,
                                                       approvers=tuple(approvers)))


def _publish(app) -> list[str]:  # noqa: ANN001
    platforms = FakePlatforms(("x",))
    Publisher(app, platforms, "w1", DaemonConfig(batch=10), clock=Clock()).run_lane("x")
    return platforms["x"].texts()


def _sent_back_then_readded(app) -> int:  # noqa: ANN001
    full = app.policy.approval.approvers
    post_id = approved_post(app, TEXT, ["x"])
    _set_approvers(app, [a for a in full if a.name != "Luis Ortega"])
    assert _publish(app) == []
    assert show_post(app, post_id)["status"] == "pending_approval"
    _set_approvers(app, full)  # the removal undone
    return post_id


def _approved_records(app, post_id: int) -> list[tuple[str, dict]]:  # noqa: ANN001
    with app.db.read() as session:
        return [(r.actor, json.loads(r.detail or "{}")) for r in session.scalars(
            select(AuditRecord).where(AuditRecord.post_id == post_id,
                                      AuditRecord.action == "post.approved")
            .order_by(AuditRecord.seq))]


def _votes(app, post_id: int) -> int:  # noqa: ANN001
    with app.db.read() as session:
        return len(session.scalars(select(Approval).where(Approval.post_id == post_id)).all())


def test_readded_approver_an_approve_makes_it_approved_again_and_it_publishes(make_app) -> None:  # noqa: ANN001
    app = make_app()
    post_id = _sent_back_then_readded(app)
    detail = show_post(app, post_id)
    assert detail["approvals_holding"] == ["Dana Whitfield", "Luis Ortega"]
    assert "hold again" in approvals_text(detail, 2)
    outcome = approve(app, MINA, post_id)  # was: "already has all the approvals it needs"
    assert outcome.approved_now and outcome.status == "approved"
    assert outcome.approvals == ["Dana Whitfield", "Luis Ortega"]  # no vote added for Mina
    assert _votes(app, post_id) == 2
    assert _publish(app) == [TEXT]
    assert show_post(app, post_id)["status"] == "published"
    (first_actor, _), (actor, again) = _approved_records(app, post_id)
    assert (first_actor, actor) == ("Luis Ortega", "Mina Okafor")
    assert again["why"] == HOLDS_AGAIN and again["approvers"] == ["Dana Whitfield",
                                                                  "Luis Ortega"]
    assert verify_database(app.db).ok


def test_a_voter_may_approve_again_also_the_one_who_completed_it(make_app) -> None:  # noqa: ANN001
    # Session 49: the index keeps one post.approved per revision and round, not per approver
    # (the one who completed it was refused "already approved this revision once")
    app = make_app()
    post_id = _sent_back_then_readded(app)
    assert approve(app, LUIS, post_id).approved_now
    assert [r["round"] for _, r in _approved_records(app, post_id)[1:]] == [2]
    with pytest.raises(Refused, match="not waiting for approval"):
        approve(app, DANA, post_id)  # the same round: approved already
    assert _publish(app) == [TEXT]
    assert verify_database(app.db).ok


def test_a_removed_approver_still_never_counts(make_app) -> None:  # noqa: ANN001
    app = make_app()
    full = app.policy.approval.approvers
    post_id = approved_post(app, TEXT, ["x"])
    _set_approvers(app, [a for a in full if a.name != "Luis Ortega"])
    assert _publish(app) == []
    for who, why in ((LUIS, "not on the approver list"), (DANA, "already approved")):
        with pytest.raises(Refused, match=why):
            approve(app, who, post_id)
    detail = show_post(app, post_id)
    assert detail["status"] == "pending_approval" and "hold again" not in approvals_text(
        detail, 2)
    assert _publish(app) == [] and len(_approved_records(app, post_id)) == 1
    # A new approver's vote is a vote: Dana's and Mina's count, Luis's does not
    outcome = approve(app, MINA, post_id)
    assert outcome.approvals == ["Dana Whitfield", "Mina Okafor"] and _votes(app, post_id) == 3
    assert "why" not in _approved_records(app, post_id)[-1][1]
    assert verify_database(app.db).ok


def test_policies_that_differ_approve_again_then_send_back_again(make_app) -> None:  # noqa: ANN001
    """The chat server still lists Luis, the daemon does not: the approve made under the
    chat's policy is undone by publishing under its own; nothing goes out on Luis's vote."""
    app = make_app()
    full = app.policy.approval.approvers
    post_id = _sent_back_then_readded(app)
    assert approve(app, MINA, post_id).approved_now  # chat: Luis listed
    _set_approvers(app, [a for a in full if a.name != "Luis Ortega"])  # daemon: not
    assert _publish(app) == []
    assert show_post(app, post_id)["status"] == "pending_approval"
    assert verify_database(app.db).ok
