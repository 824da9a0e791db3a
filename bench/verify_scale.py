"""`audit verify` over a trail made the way a practice makes one, and where its time goes.

bench/queue_scale.py times verify over a synthetic trail of `post.created` and
`post.screened` records only: no votes, no seals, no deliveries. Here POSTS posts (default
1,700: about 20,000 records) are written, approved by two approvers through the chat door's
sealed votes, and published on two platforms by the publisher, all through the service
functions, on SQLite (a fresh file; PostgreSQL when BENCH_PG=1, as queue_scale does it).
Then verify runs REPEAT times (wall and CPU of this process; on a shared machine the wall
clock is mostly the wait for a core), and once under cProfile timed by CPU, whose top
functions it prints (own time and cumulative).

    PYTHONPATH=. python bench/verify_scale.py
"""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from sqlalchemy import select

from social_bot import audit
from social_bot.app import App
from social_bot.approvals import VerifiedIdentity, approve
from social_bot.daemon.config import DaemonConfig
from social_bot.daemon.publisher import Publisher
from social_bot.db.engine import Database
from social_bot.db.migrate import upgrade
from social_bot.db.models import AuditRecord
from social_bot.posts import Staff, create_post, prepare_draft
from social_bot.settings import load_settings
from social_bot.vote_seal import ensure_door_key

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))
from queue_scale import KEYS, on_each_database  # noqa: E402 - bench/ helpers
from test_daemon_helpers import FakePlatforms  # noqa: E402 - the tests' stand-in platforms

POSTS = int(os.environ.get("POSTS", "1700"))
REPEAT = int(os.environ.get("REPEAT", "3"))
PLATFORMS = ("x", "linkedin")
AUTHOR = Staff("Pat Author", "pat")
VOTERS = (VerifiedIdentity("slack", "U01DANA"), VerifiedIdentity("slack", "U02LUIS"))


def _nothing_found(texts: list[str], context: str = "post") -> list[list[object]]:
    return [[] for _ in texts]  # the screen's verdict is not what verify reads


# Read from its file, as in a practice: the trail then names the approver list, and verify
# judges each `post.approved` against its votes (a policy handed in is not recorded).
POLICY_TOML = """
[approval]
required = 2
approvers = [
  { name = "Dana Whitfield", slack_id = "U01DANA", os_user = "dana" },
  { name = "Luis Ortega", slack_id = "U02LUIS", os_user = "luis" },
]
"""


def build(url: str, folder: Path) -> App:
    db = Database(url, audit_keys=KEYS)
    upgrade(db)
    policy = folder / "policy.toml"
    policy.write_text(POLICY_TOML, encoding="utf-8")
    settings = load_settings({"DATABASE_URL": url, "SOCIALBOT_DATA_DIR": str(folder),
                              "SOCIALBOT_POLICY": str(policy),
                              "SOCIALBOT_VOTE_KEY_FILE": str(folder / "vote.key")},
                             dotenv=False)
    ensure_door_key(settings)
    app = App(settings, db=db, screener=_nothing_found,
              validator=lambda platform, text, media: [])
    for i in range(POSTS):
        post_id = create_post(app, AUTHOR, prepare_draft(
            app, f"Clinic news #{i}: flu shots all week.", list(PLATFORMS)))
        for voter in VOTERS:
            approve(app, voter, post_id)
    publisher = Publisher(app, FakePlatforms(PLATFORMS), "bench",
                          DaemonConfig(retry_base=0.0, retry_cap=0.0, poll_interval=0.0,
                                       batch=100))
    for platform in PLATFORMS:
        for _ in range(POSTS // 100 + 2):
            publisher.run_lane(platform)
    return app


def timed_verify(app: App) -> tuple[list[float], list[float], audit.VerifyResult]:
    walls, cpus = [], []
    for _ in range(REPEAT):
        wall, cpu = time.perf_counter(), time.process_time()
        with app.db.read() as session:
            result = audit.verify(session)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    assert result.ok, result.problem
    return walls, cpus, result


def profiled(app: App) -> str:
    profile = cProfile.Profile(time.process_time)
    with app.db.read() as session:
        profile.enable()
        audit.verify(session)
        profile.disable()
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    stats.sort_stats("tottime").print_stats(15)
    stats.sort_stats("cumulative").print_stats(25)
    return out.getvalue()


def run(label: str, url: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        app = build(url, Path(tmp))
        with app.db.read() as session:
            mix = Counter(session.scalars(select(AuditRecord.action)).all())
        print(f"[{label}] {POSTS:,} posts, {sum(mix.values()):,} records written in "
              f"{time.perf_counter() - start:.0f} s: " +
              ", ".join(f"{action} {n:,}" for action, n in mix.most_common()))
        walls, cpus, result = timed_verify(app)
        print(f"[{label}] audit verify, {result.checked:,} records: median "
              f"{statistics.median(walls):.2f} s wall, {statistics.median(cpus):.2f} s CPU "
              f"(runs: {', '.join(f'{w:.2f}/{c:.2f}' for w, c in zip(walls, cpus, strict=True))})")
        for note in result.notes:
            print(f"[{label}] verify note: {note}")
        print(profiled(app))
        app.db.dispose()


def main() -> None:
    if sys.argv[1:]:
        print("usage: python bench/verify_scale.py (POSTS, REPEAT, BENCH_PG in the "
              "environment)", file=sys.stderr)
        sys.exit(2)
    if os.environ.get("BENCH_PG") == "1":
        on_each_database(run)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            run("sqlite", f"sqlite:///{Path(tmp) / 'bench.db'}")


if __name__ == "__main__":
    main()
