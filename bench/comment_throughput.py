"""Comments ingested and classified per second by `socialbot daemon`, and its peak memory.

    python bench/comment_throughput.py [--posts 1000] [--comments 20]

Setup (not timed): the posts are published on the sandbox's LinkedIn (the only stand-in
that sends no rate-limit budget, so pacing does not stretch the run; on real platforms
the rate limits, not this code, set the pace) and each gets --comments comments: kind,
angry, medical questions, and some disclosing PHI. Timed: a `socialbot daemon` process
(real PHI model loaded, real adapters over loopback HTTP) from its start-up until every
comment is stored and classified. Peak memory is the daemon's VmHWM from /proc.
The reference, in this process, is the classifier alone on the same texts.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from social_bot.audit_key import AuditKeys
from social_bot.demo import EXAMPLE_POLICY

# The audit chain's HMAC key for these throwaway databases (a real install keeps its
# own in the data directory or SOCIALBOT_AUDIT_KEY).
AUDIT_KEY = "bench-audit-key-not-a-secret-" + "0" * 32

# the example policy, with a daily call budget the run cannot use up: the budget
# stops polling after its allowance (500 LinkedIn calls a day less the publishing reserve),
# and this run measures classification, not pacing
POLICY = EXAMPLE_POLICY.read_text(encoding="utf-8") + """
[polling]
daily_calls = { linkedin = 1000000, facebook = 1000000, x = 1000000 }
"""
TEMPLATES = [
    (0.55, "Thank you Dr. Raman and the whole team, you were wonderful with my dad!"),
    (0.15, "Worst clinic ever, waited two hours and nobody cared. Go to hell you morons"),
    (0.15, "Should I double my metformin dose if my sugar is still high at night?"),
    (0.10, "My name is Jordan Ellis, DOB 04/12/1961, MRN 4455667, why was I billed twice?"),
    (0.05, "Cheap meds here!!! visit http://pills.example now BUY NOW"),
]


def comment_text(rng: random.Random, n: int) -> str:
    roll, total = rng.random(), 0.0
    for share, text in TEMPLATES:
        total += share
        if roll <= total:
            return f"{text} ({n})"
    return f"{TEMPLATES[0][1]} ({n})"


def setup(workdir: Path, posts: int, comments: int) -> tuple[dict[str, str], object, list[str]]:
    import requests

    from policies.config import load_policy_file
    from social_bot.app import App
    from social_bot.approvals import VerifiedIdentity, approve
    from social_bot.daemon.config import DaemonConfig
    from social_bot.daemon.publisher import Publisher
    from social_bot.daemon.runner import AdapterPool
    from social_bot.db.engine import Database
    from social_bot.db.migrate import upgrade
    from social_bot.posts import Staff, create_post, prepare_draft
    from social_bot.sandbox import sandbox_env, start_sandbox
    from social_bot.settings import load_settings
    from social_bot.vote_seal import ensure_door_key

    policy = workdir / "policy.toml"
    policy.write_text(POLICY, encoding="utf-8")
    url = f"sqlite:///{workdir / 'bench.db'}"
    db = Database(url, audit_keys=AuditKeys.from_secret(AUDIT_KEY))
    upgrade(db)
    sandbox = start_sandbox(0)
    env = {"SOCIALBOT_AUDIT_KEY": AUDIT_KEY, "DATABASE_URL": url, "SOCIALBOT_POLICY": str(policy),
           "SOCIALBOT_DATA_DIR": str(workdir), **sandbox_env(sandbox.url)}
    ensure_door_key(load_settings(env, dotenv=False))  # votes stand for the chat door's
    app = App(load_settings(env, dotenv=False), db=db, policy=load_policy_file(policy),
              screener=lambda texts, ctx: [[] for _ in texts])
    for n in range(posts):
        post_id = create_post(app, Staff("Pat Author", "pat"), prepare_draft(
            app, f"Throughput post {n}: flu shots this week", ["linkedin"]))
        approve(app, VerifiedIdentity("slack", "U01DANA"), post_id)
        approve(app, VerifiedIdentity("slack", "U02LUIS"), post_id)
    publisher = Publisher(app, AdapterPool(env), "setup", DaemonConfig(batch=200))
    while publisher.run_lane("linkedin").published:
        pass
    rng = random.Random(5)
    texts = []
    session = requests.Session()
    remote_ids = [p["id"] for p in sandbox.state.snapshot_posts()["linkedin"]]
    assert len(remote_ids) == posts, f"published {len(remote_ids)} of {posts}"
    for remote_id in remote_ids:
        for _ in range(comments):
            text = comment_text(rng, len(texts))
            texts.append(text)
            session.post(f"{sandbox.url}/_sandbox/comments", timeout=10, json={
                "platform": "linkedin", "post_id": remote_id, "text": text,
                "author": f"person{rng.randrange(500)}"}).raise_for_status()
    app.close()
    return env, sandbox, texts


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def count_comments(url: str) -> tuple[int, int]:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT count(*) FROM comments")).scalar_one()
        flagged = conn.execute(
            text("SELECT count(*) FROM comments WHERE state != 'new'")).scalar_one()
    engine.dispose()
    return int(stored), int(flagged)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--comments", type=int, default=20)
    parser.add_argument("--timeout", type=float, default=900)
    args = parser.parse_args()
    from social_bot import logs

    logs.configure("WARNING")
    workdir = Path(tempfile.mkdtemp(prefix="socialbot-comments-"))
    started = time.monotonic()
    env, sandbox, texts = setup(workdir, args.posts, args.comments)
    print(f"setup: {args.posts} posts, {len(texts)} comments on the sandbox "
          f"in {time.monotonic() - started:.0f} s")
    daemon_env = {k: v for k, v in os.environ.items()
                  if not k.startswith(("SOCIALBOT_", "DATABASE_"))}
    daemon_env.update(env)
    daemon_env.update({"SOCIALBOT_POLL_TICK": "0.2", "SOCIALBOT_POLL_INTERVAL": "3600",
                       "SOCIALBOT_BATCH": "200", "SOCIALBOT_HOUSEKEEPING_INTERVAL": "3600"})
    began = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "social_bot", "daemon", "--no-http",
                             "--worker-id", "bench", "--log-level", "warning"],
                            env=daemon_env, stderr=subprocess.DEVNULL)
    peak = 0.0
    stored = flagged = 0
    try:
        deadline = began + args.timeout
        while time.monotonic() < deadline:
            time.sleep(0.5)
            peak = max(peak, peak_rss_mb(proc.pid))
            stored, flagged = count_comments(env["DATABASE_URL"])
            if stored >= len(texts):
                break
        elapsed = time.monotonic() - began
        peak = max(peak, peak_rss_mb(proc.pid))
    finally:
        proc.terminate()
        proc.wait(60)
        sandbox.stop()
    # Reference: the classifier alone (with the same PHI screen) on the same texts.
    from policies.config import load_policy_file
    from policies.moderation import CommentClassifier
    from policies.phi import get_screen

    policy = load_policy_file(Path(env["SOCIALBOT_POLICY"]))
    screen = get_screen(policy.phi)
    classifier = CommentClassifier(policy.moderation,
                                   phi_screen=lambda t: screen.screen_many(t, context="comment"))
    classifier.classify_many(texts[:20])  # load the model before timing
    ref_started = time.perf_counter()
    for i in range(0, len(texts), 20):
        classifier.classify_many(texts[i:i + 20])
    reference = time.perf_counter() - ref_started
    result = {
        "comments": len(texts), "stored": stored, "flagged": flagged,
        "daemon_seconds_incl_startup": round(elapsed, 1),
        "daemon_comments_per_second": round(stored / elapsed, 1),
        "classifier_alone_comments_per_second": round(len(texts) / reference, 1),
        "daemon_vs_classifier_alone": round((stored / elapsed) / (len(texts) / reference), 2),
        "daemon_peak_rss_mb": round(peak, 1),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
