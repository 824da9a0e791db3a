"""A hold released in chat but refused at publishing (an outside review, session 47).
Chat's release compared display names, the publisher identities: an editor renamed in the
policy (same ids and login) could release, the daemon refused and restored the hold with no
notice, and `release` then answered "held, not on hold". Now release eligibility uses writer
identities as `approve()` does, and a restored hold reopens its row and tells the chat."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select
from test_daemon_helpers import Clock, FakePlatforms, approved_post

from policies.approval import Approver
from social_bot.approvals import VerifiedIdentity, approve
from social_bot.daemon.config import DaemonConfig
from social_bot.daemon.publisher import Publisher
from social_bot.db.models import OutboxMessage
from social_bot.errors import Refused
from social_bot.holds import hold, release
from social_bot.posts import Staff, create_post, edit_post, prepare_draft, show_post

DANA = VerifiedIdentity("slack", "U01DANA")
LUIS = VerifiedIdentity("slack", "U02LUIS")
MINA = VerifiedIdentity("slack", "U03MINA")


def _policy_with(app, **changes: Approver) -> None:  # noqa: ANN001
    """The policy in force with approvers replaced by name (same ids and login)."""
    approval = app.policy.approval
    approvers = tuple(changes.get(a.name, a) for a in approval.approvers)
    app._policy = replace(app.policy, approval=replace(approval, approvers=approvers))


def _held_notices(app, post_id: int) -> int:  # noqa: ANN001
    with app.db.read() as session:
        kinds = session.scalars(select(OutboxMessage.kind)
                                .where(OutboxMessage.post_id == post_id))
        return sum(str(k) == "post.held" for k in kinds)


def test_a_renamed_editor_cannot_release_in_chat(make_app) -> None:  # noqa: ANN001
    app = make_app()
    post_id = create_post(app, Staff("Pat Author", "pat"),
                          prepare_draft(app, "Open house on Friday", ["x"]))
    edit_post(app, Staff("Mina Okafor", "mina"), post_id, "Open house on Friday at noon")
    approve(app, DANA, post_id)
    approve(app, LUIS, post_id)
    hold(app, DANA, post_id, "checking the time")
    mina = next(a for a in app.policy.approval.approvers if a.name == "Mina Okafor")
    _policy_with(app, **{"Mina Okafor": replace(mina, name="Mina R. Okafor")})
    with pytest.raises(Refused, match="cannot release"):
        release(app, MINA, post_id)
    assert show_post(app, post_id)["status"] == "held"


def test_a_hold_the_publisher_restores_can_be_released_again(make_app) -> None:  # noqa: ANN001
    app = make_app()
    post_id = approved_post(app, "Open house on Friday", ["x"])
    hold(app, DANA, post_id, "checking the time")
    release(app, LUIS, post_id)
    release(app, MINA, post_id)
    assert show_post(app, post_id)["status"] == "approved"
    # Mina leaves the approver list before the claim: her release vote no longer counts
    # (the post's approvals, Dana's and Luis's, still do)
    mina = next(a for a in app.policy.approval.approvers if a.name == "Mina Okafor")
    _policy_with(app, **{"Mina Okafor": replace(mina, slack_id="U99GONE",
                                                mattermost_id=None, os_user=None)})
    platforms = FakePlatforms(("x",))
    publisher = Publisher(app, platforms, "w1", DaemonConfig(batch=10), clock=Clock())
    publisher.run_lane("x")
    assert platforms["x"].texts() == [] and show_post(app, post_id)["status"] == "held"
    assert _held_notices(app, post_id) == 2  # Dana's hold, and the restored one
    outcome = release(app, DANA, post_id)  # the hold takes votes again
    assert outcome.released_now and show_post(app, post_id)["status"] == "approved"
    publisher.run_lane("x")
    assert platforms["x"].texts() == ["Open house on Friday"]
