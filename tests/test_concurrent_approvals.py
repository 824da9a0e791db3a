"""Approvals arriving at the same instant from separate processes are each counted once."""

from __future__ import annotations

import multiprocessing as mp
from pathlib import Path

from sqlalchemy import func, select

from social_bot.db.models import Approval, AuditRecord

VOTERS = [("slack", "U01DANA"), ("mattermost", "luis"), ("slack", "U03MINA")]


def _vote(url: str, policy_path: str, provider: str, user: str, post_id: int, barrier,
          results) -> None:
    from conftest import TEST_KEYS

    from policies.config import load_policy_file
    from social_bot.app import App
    from social_bot.approvals import VerifiedIdentity, approve
    from social_bot.db.engine import Database
    from social_bot.errors import Refused
    from social_bot.settings import load_settings

    app = App(load_settings({"DATABASE_URL": url}, dotenv=False),
              db=Database(url, audit_keys=TEST_KEYS),
              policy=load_policy_file(Path(policy_path)))
    barrier.wait(timeout=30)
    try:
        results.put(approve(app, VerifiedIdentity(provider, user), post_id).status)
    except Refused as exc:
        results.put(f"refused: {exc}")
    finally:
        app.close()


def test_simultaneous_votes_from_processes(make_app, policy_file):
    from social_bot.posts import Staff, create_post, prepare_draft

    app = make_app()
    ctx = mp.get_context("spawn")
    for trial in range(4):
        post_id = create_post(app, Staff("Pat Author", "pat"),
                              prepare_draft(app, f"Clinic update {trial}", ["x"]))
        barrier, queue = ctx.Barrier(len(VOTERS)), ctx.Queue()
        workers = [ctx.Process(target=_vote, args=(app.db.url, str(policy_file), p, u, post_id,
                                                   barrier, queue)) for p, u in VOTERS]
        for worker in workers:
            worker.start()
        results = [queue.get(timeout=60) for _ in workers]
        for worker in workers:
            worker.join(timeout=30)
        accepted = [r for r in results if not r.startswith("refused")]
        with app.db.read() as session:
            votes = session.scalar(select(func.count(Approval.id))
                                   .where(Approval.post_id == post_id))
            approved_records = session.scalar(
                select(func.count(AuditRecord.id)).where(
                    AuditRecord.post_id == post_id, AuditRecord.action == "post.approved"))
            recorded = session.scalar(
                select(func.count(AuditRecord.id)).where(
                    AuditRecord.post_id == post_id, AuditRecord.action == "approval.recorded"))
        assert len(accepted) == 2, results
        assert votes == 2 and recorded == 2
        assert approved_records == 1
        assert "approved" in accepted
