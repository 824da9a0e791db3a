"""Session 49: approval rounds, and `audit verify` holding each `post.approved` to its votes.
SQLite and PostgreSQL (the `db` and `make_app` fixtures run both).

1. The index kept one `post.approved` record per revision and approver (migration 0014): after
   more send-backs than there are approvers, no approve got the post out. Now one per
   revision and approval round (a round begins with each move into pending_approval).
2. `audit verify` did not check a `post.approved` record against the votes behind it: one
   planted with the audit key verified.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace

from conftest import POLICY_TOML, TEST_AUDIT_KEY, keyword_screener
from sqlalchemy import select
from test_concurrent_approvals import LIVENESS, start_voters, stop_voters
from test_daemon_helpers import AUTHOR, DANA, Clock, FakePlatforms, approved_post

from social_bot import audit
from social_bot.approvals import VerifiedIdentity, approve
from social_bot.audit import verify_database
from social_bot.daemon.config import DaemonConfig
from social_bot.daemon.publisher import Publisher
from social_bot.db.models import AuditRecord, Post
from social_bot.posts import create_post, prepare_draft, show_post

MINA = VerifiedIdentity("slack", "U03MINA")
TEXT = "Walk-in flu shots all week"
SEND_BACKS = 4  # more than the policy's three approvers


def _publish(app) -> list[str]:  # noqa: ANN001
    platforms = FakePlatforms(("x",))
    Publisher(app, platforms, "w1", DaemonConfig(batch=10), clock=Clock()).run_lane("x")
    return platforms["x"].texts()


def _without_luis(app) -> None:  # noqa: ANN001
    approval = app.policy.approval
    app._policy = replace(app.policy, approval=replace(approval, approvers=tuple(
        a for a in approval.approvers if a.name != "Luis Ortega")))


def _approved_rounds(app, post_id: int) -> list[int]:  # noqa: ANN001
    with app.db.read() as session:
        return [json.loads(r.detail)["round"] for r in session.scalars(
            select(AuditRecord).where(AuditRecord.post_id == post_id,
                                      AuditRecord.action == "post.approved")
            .order_by(AuditRecord.seq))]


def test_sent_back_more_often_than_there_are_approvers_each_round_approves_once(
        make_app, policy_file) -> None:  # noqa: ANN001
    """Three approvers' processes race to approve again after each send-back; exactly one
    wins each round, also after every approver has approved this revision once."""
    app = make_app()
    full = app.policy
    post_id = approved_post(app, TEXT, ["x"])
    _without_luis(app)  # the publisher's policy: Luis's vote does not hold
    jobs, results, workers, _barrier = start_voters(app, policy_file)
    try:
        for send_back in range(SEND_BACKS):
            assert _publish(app) == []
            assert show_post(app, post_id)["status"] == "pending_approval"
            for queue in jobs:  # the voters' policy lists Luis: the votes hold again
                queue.put(post_id)
            answers = [results.get(timeout=LIVENESS) for _ in workers]
            assert [a for a in answers if not a.startswith("refused")] == ["approved"], \
                (send_back, answers)
    finally:
        stop_voters(jobs, workers)
    rounds = _approved_rounds(app, post_id)
    assert len(rounds) == SEND_BACKS + 1 and len(set(rounds)) == len(rounds)
    app._policy = full
    assert _publish(app) == [TEXT]
    assert verify_database(app.db).ok


# -- audit verify: each post.approved against the votes behind it ------------------------------

def _file_app(db, tmp_path, monkeypatch):  # noqa: ANN001, ANN202
    """An App reading its policy file as the daemon does: the trail names the policy."""
    from social_bot import policy_watch
    from social_bot.app import App
    from social_bot.settings import load_settings

    monkeypatch.setattr(policy_watch, "CHECK_EVERY", 0.0)
    path = tmp_path / "live-policy.toml"
    path.write_text(POLICY_TOML, encoding="utf-8")
    settings = load_settings({"SOCIALBOT_DATA_DIR": str(tmp_path / "data"),
                              "DATABASE_URL": db.url, "SOCIALBOT_POLICY": str(path),
                              "SOCIALBOT_AUDIT_KEY": TEST_AUDIT_KEY,
                              "SOCIALBOT_TIMEZONE": "UTC"}, dotenv=False)
    return App(settings, db=db, screener=keyword_screener,
               validator=lambda platform, text, media: []), path


def _plant_approved(app, post_id: int, approval_round: int) -> int:  # noqa: ANN001
    """A `post.approved` record written with the audit key (and the status column set), as
    someone holding the key and database access could."""
    with app.db.write() as session:
        post = session.get(Post, post_id)
        revision = post.revisions[-1]
        record = audit.append(session, actor="Mina Okafor", action="post.approved",
                              post_id=post_id, revision=revision.number,
                              revision_hash=revision.content_hash,
                              detail={"from": "pending_approval", "to": "approved",
                                      "approvers": ["Dana Whitfield", "Mina Okafor"]},
                              approval_round=approval_round)
        post.status = "approved"
        return record.seq


def _no_names(text: str) -> None:
    for word in ("Dana", "Luis", "Mina", "U01DANA", "U03MINA", "slack:", TEXT):
        assert word not in text


def test_verify_fails_a_keyed_post_approved_its_votes_do_not_back(db, tmp_path,
                                                                   monkeypatch) -> None:  # noqa: ANN001
    app, _ = _file_app(db, tmp_path, monkeypatch)
    post_id = create_post(app, AUTHOR, prepare_draft(app, TEXT, ["x"], None))
    approve(app, DANA, post_id)  # one vote of two
    assert verify_database(app.db).ok
    seq = _plant_approved(app, post_id, approval_round=1)
    result = verify_database(app.db)
    assert not result.ok
    assert result.problem.startswith(f"audit record #{seq} (post.approved of post {post_id}, "
                                     "revision 1) is not backed by the votes recorded before "
                                     "it: 1 of 2 required approvals hold under the policy of "
                                     "audit record #")
    _no_names(result.problem)


def test_verify_fails_a_second_post_approved_in_one_round(db, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    """Votes that hold do not make a second approval of one round: nothing sent it back."""
    app, _ = _file_app(db, tmp_path, monkeypatch)
    post_id = approved_post(app, TEXT, ["x"])
    assert verify_database(app.db).ok
    seq = _plant_approved(app, post_id, approval_round=7)  # another round, past the index
    result = verify_database(app.db)
    assert not result.ok and result.problem.startswith(
        f"audit record #{seq} (post.approved of post {post_id}, revision 1) approves it a "
        "second time in one approval round")
    _no_names(result.problem)


def test_verify_judges_each_approval_under_the_policy_of_its_time(db, tmp_path,
                                                                   monkeypatch) -> None:  # noqa: ANN001
    """Luis leaves the file after the first approval; Mina's vote completes it again under
    the new file: both records verify, and none is left unjudged."""
    app, path = _file_app(db, tmp_path, monkeypatch)
    post_id = approved_post(app, TEXT, ["x"])
    new = tmp_path / "policy.new"
    new.write_text("\n".join(line for line in POLICY_TOML.splitlines()
                             if "Luis Ortega" not in line), encoding="utf-8")
    os.replace(new, path)
    assert _publish(app) == []
    assert approve(app, MINA, post_id).approved_now
    result = verify_database(app.db)
    assert result.ok and result.notes == ()
    assert _approved_rounds(app, post_id) == [1, 2]


def test_verify_notes_approvals_the_trail_cannot_judge(make_app) -> None:  # noqa: ANN001
    """A policy handed to socialbot (not read from its file) is not in the trail."""
    app = make_app()
    approved_post(app, TEXT, ["x"])
    approved_post(app, "Second post", ["x"])
    result = verify_database(app.db)
    assert result.ok
    assert any(n.startswith("2 post.approved record(s) not checked against their votes")
               for n in result.notes), result.notes
