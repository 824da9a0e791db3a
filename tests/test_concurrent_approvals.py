"""Approvals arriving at the same instant from separate processes are each counted once."""

from __future__ import annotations

import multiprocessing as mp
from pathlib import Path

from sqlalchemy import func, select

from social_bot.db.models import Approval, AuditRecord

VOTERS = [("slack", "U01DANA"), ("mattermost", "luis"), ("slack", "U03MINA")]
TRIALS = 4
LIVENESS = 120  # seconds: bounds against a hung process, not speed targets


def _voter(url: str, policy_path: str, vote_key: str, provider: str, user: str, jobs,
           barrier, results) -> None:
    """One approver's process: for each post id it is given, wait at the barrier with the
    others, then vote. One process per approver for all the trials (a spawned process
    costs seconds of imports on a loaded machine; the race is at the barrier)."""
    from conftest import TEST_KEYS

    from policies.config import load_policy_file
    from social_bot.app import App
    from social_bot.approvals import VerifiedIdentity, approve
    from social_bot.db.engine import Database
    from social_bot.errors import Refused
    from social_bot.settings import load_settings

    # each process is a chat door: it holds the vote key (social_bot/vote_seal.py)
    app = App(load_settings({"DATABASE_URL": url, "SOCIALBOT_VOTE_KEY_FILE": vote_key},
                            dotenv=False),
              db=Database(url, audit_keys=TEST_KEYS),
              policy=load_policy_file(Path(policy_path)))
    try:
        while (post_id := jobs.get(timeout=LIVENESS)) is not None:
            barrier.wait(timeout=LIVENESS)
            try:
                results.put(approve(app, VerifiedIdentity(provider, user), post_id).status)
            except Refused as exc:
                results.put(f"refused: {exc}")
    finally:
        app.close()


def start_voters(app, policy_file):  # noqa: ANN001, ANN201
    """One process per VOTERS entry, holding the door's vote key (they act as the chat door),
    waiting on its own job queue for a post id to approve (None ends it)."""
    from social_bot import vote_seal

    vote_key = str(vote_seal.key_file(app.settings))
    ctx = mp.get_context("spawn")
    barrier, results = ctx.Barrier(len(VOTERS)), ctx.Queue()
    jobs = [ctx.Queue() for _ in VOTERS]
    workers = [ctx.Process(target=_voter, args=(app.db.url, str(policy_file), vote_key, p, u, q,
                                                barrier, results))
               for (p, u), q in zip(VOTERS, jobs, strict=True)]
    for worker in workers:
        worker.start()
    return jobs, results, workers, barrier  # the barrier must outlive the voters


def stop_voters(jobs, workers) -> None:  # noqa: ANN001
    for queue in jobs:
        queue.put(None)
    for worker in workers:
        worker.join(timeout=30)
        if worker.is_alive():
            worker.kill()


def test_simultaneous_votes_from_processes(make_app, policy_file):
    from social_bot.posts import Staff, create_post, prepare_draft

    app = make_app()
    jobs, results, workers, _barrier = start_voters(app, policy_file)
    try:
        for trial in range(TRIALS):
            post_id = create_post(app, Staff("Pat Author", "pat"),
                                  prepare_draft(app, f"Clinic update {trial}", ["x"]))
            for queue in jobs:
                queue.put(post_id)
            answers = [results.get(timeout=LIVENESS) for _ in workers]
            accepted = [r for r in answers if not r.startswith("refused")]
            with app.db.read() as session:
                votes = session.scalar(select(func.count(Approval.id))
                                       .where(Approval.post_id == post_id))
                approved_records = session.scalar(
                    select(func.count(AuditRecord.id)).where(
                        AuditRecord.post_id == post_id, AuditRecord.action == "post.approved"))
                recorded = session.scalar(
                    select(func.count(AuditRecord.id)).where(
                        AuditRecord.post_id == post_id,
                        AuditRecord.action == "approval.recorded"))
            assert len(accepted) == 2, answers
            assert votes == 2 and recorded == 2
            assert approved_records == 1
            assert "approved" in accepted
    finally:
        stop_voters(jobs, workers)
