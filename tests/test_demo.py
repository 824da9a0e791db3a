"""`socialbot demo`, the README's main command, end to end as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys


def test_demo_runs_the_whole_flow_and_leaves_nothing_running(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SOCIALBOT_", "DATABASE_"))}
    env["COLUMNS"] = "160"
    done = subprocess.run([sys.executable, "-m", "social_bot", "demo", "--dir", str(tmp_path)],
                          env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    out = done.stdout
    assert "BLOCKED" in out and "Audit trail: intact" in out
    assert '"linkedin": 2, "facebook": 2, "x": 2' in out  # two posts, each exactly once
    assert "Daemon stopped (exit 0)" in out
    # session 51 (polish2, the newcomer's #17): the folder is kept, and how to remove it said
    assert f"remove it when done with: rm -r {tmp_path}" in out
    # PHI seeded into a post, a comment and a rejection reason never reached chat.
    assert "none of the 6 seeded patient identifiers reached chat" in out
    assert "[patient name]" in out  # what chat saw of the blocked post

    # What the demo left behind is a normal socialbot data directory a person can inspect.
    inspect = {**env, "SOCIALBOT_DATA_DIR": str(tmp_path)}
    posts = json.loads(subprocess.run(
        [sys.executable, "-m", "social_bot", "post", "list", "--json"], env=inspect,
        capture_output=True, text=True, timeout=60, check=True).stdout)
    # the four text posts (one rejected in chat), and the photo post blocked by the text
    # in its picture
    assert sorted(p["status"] for p in posts) == ["blocked_phi", "blocked_phi", "published",
                                                  "published", "rejected"]
    assert "GPS position, camera serial" in out and "read in image 1" in out
    comments = json.loads(subprocess.run(
        [sys.executable, "-m", "social_bot", "comments", "list", "--json"], env=inspect,
        capture_output=True, text=True, timeout=60, check=True).stdout)
    flags = {c["author"]: {f["flag"] for f in c["flags"]} for c in comments}
    # "got my shot this morning" confirms a visit: self_disclosure, which never hides
    assert flags["Casey Lin"] <= {"self_disclosure"}
    assert "negative" in flags["Rob Tanner"]
    assert "phi" in flags["Alma Ruiz"]
    hidden = {c["author"]: c["hidden_on_platform"] for c in comments}
    assert hidden == {"Casey Lin": False, "Rob Tanner": False, "Alma Ruiz": True}
    log = (tmp_path / "daemon.log").read_text()
    assert log.count('"event": "delivery.published"') == 6  # the daemon's own record of it
