"""Time from a post's second approval to the platform receiving it, on the sandbox.

    python bench/publish_latency.py [--posts 100] [--gap 0.2]

The daemon runs in this process with the real adapters over loopback HTTP and the real
PHI screen, like a chat approval arriving at its endpoint: the approval wakes the
publisher at once. The reference, measured in the same run, is the same daemon with the
wake-up switched off (a post approved from another process, e.g. the CLI, waits for the
next publish pass: SOCIALBOT_PUBLISH_INTERVAL, 2 s by default).
Figures: p50/p95/max per delivery (one platform) and per post (the last of three).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from social_bot.audit_key import AuditKeys

# The audit chain's HMAC key for these throwaway databases (a real install keeps its
# own in the data directory or SOCIALBOT_AUDIT_KEY).
AUDIT_KEY = "bench-audit-key-not-a-secret-" + "0" * 32

PLATFORMS = ("linkedin", "facebook", "x")
POLICY = """
[approval]
required = 2
approvers = [
  { name = "Dana Whitfield", slack_id = "U01DANA", mattermost_id = "dana", os_user = "dana" },
  { name = "Luis Ortega",    slack_id = "U02LUIS", mattermost_id = "luis", os_user = "luis" },
]
"""


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def measure(posts: int, gap: float, wake: bool, workdir: Path) -> dict[str, list[float]]:
    from policies.config import load_policy_file
    from social_bot import events
    from social_bot.app import App
    from social_bot.approvals import VerifiedIdentity, approve
    from social_bot.daemon.config import DaemonConfig
    from social_bot.daemon.runner import Daemon
    from social_bot.db.engine import Database
    from social_bot.db.migrate import upgrade
    from social_bot.posts import Staff, create_post, prepare_draft
    from social_bot.sandbox import sandbox_env, start_sandbox
    from social_bot.settings import load_settings

    run = workdir / ("wake" if wake else "interval")
    run.mkdir()
    policy = run / "policy.toml"
    policy.write_text(POLICY, encoding="utf-8")
    url = f"sqlite:///{run / 'bench.db'}"
    db = Database(url, audit_keys=AuditKeys.from_secret(AUDIT_KEY))
    upgrade(db)
    sandbox = start_sandbox(0)
    env = {"SOCIALBOT_AUDIT_KEY": AUDIT_KEY, "DATABASE_URL": url, "SOCIALBOT_POLICY": str(policy),
           "SOCIALBOT_DATA_DIR": str(run), **sandbox_env(sandbox.url)}
    app = App(load_settings(env, dotenv=False), db=db, policy=load_policy_file(policy))
    daemon = Daemon(app, worker_id="bench", config=DaemonConfig.from_env(env),
                    serve_http=False)
    daemon.start()
    if not wake:
        events.unsubscribe("post_approved", daemon._on_approved)
    approved_at: dict[str, float] = {}
    try:
        for n in range(posts):
            text = f"Latency sample {n}: our flu clinic is open this Saturday, 9 to 1."
            post_id = create_post(app, Staff("Pat Author", "pat"),
                                  prepare_draft(app, text, list(PLATFORMS)))
            approve(app, VerifiedIdentity("slack", "U01DANA"), post_id)
            approved_at[text] = time.time()
            approve(app, VerifiedIdentity("slack", "U02LUIS"), post_id)
            time.sleep(gap)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            seen = sandbox.state.snapshot_posts()
            if all(len(seen[p]) >= posts for p in PLATFORMS):
                break
            time.sleep(0.1)
    finally:
        daemon.stop()
        seen = sandbox.state.snapshot_posts()
        sandbox.stop()
        app.close()
    per_delivery: list[float] = []
    per_post: dict[str, float] = {}
    for platform in PLATFORMS:
        for post in seen[platform]:
            delay = post["created"] - approved_at[post["text"]]
            per_delivery.append(delay)
            per_post[post["text"]] = max(per_post.get(post["text"], 0.0), delay)
    missing = posts * len(PLATFORMS) - len(per_delivery)
    return {"delivery": per_delivery, "post": list(per_post.values()),
            "missing": [float(missing)]}


def describe(name: str, values: list[float]) -> str:
    return (f"{name:>22}: p50 {percentile(values, 0.5) * 1000:7.0f} ms   "
            f"p95 {percentile(values, 0.95) * 1000:7.0f} ms   max {max(values) * 1000:7.0f} ms   "
            f"mean {statistics.fmean(values) * 1000:7.0f} ms   n={len(values)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=100)
    parser.add_argument("--gap", type=float, default=0.2, help="seconds between approvals")
    args = parser.parse_args()
    from social_bot import logs

    logs.configure("WARNING")
    workdir = Path(tempfile.mkdtemp(prefix="socialbot-latency-"))
    woken = measure(args.posts, args.gap, True, workdir)
    polled = measure(args.posts, args.gap, False, workdir)
    print(f"second approval -> sandbox received, {args.posts} posts x 3 platforms")
    print("woken by the approval (chat approvals, in the daemon's process):")
    print(describe("per delivery", woken["delivery"]))
    print(describe("per post (all three)", woken["post"]))
    print("reference, no wake-up (approval from another process, 2 s publish pass):")
    print(describe("per delivery", polled["delivery"]))
    print(describe("per post (all three)", polled["post"]))
    ratio = percentile(polled["post"], 0.95) / max(1e-9, percentile(woken["post"], 0.95))
    print(f"p95 per post, reference / woken: {ratio:.1f}x")
    print(f"missing deliveries: woken {woken['missing'][0]:.0f}, "
          f"reference {polled['missing'][0]:.0f}")


if __name__ == "__main__":
    main()
