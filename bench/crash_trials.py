"""Kill -9 the daemon at random moments while it publishes, restart it, count duplicates and
losses on the sandbox.

    python bench/crash_trials.py --trials 300                 # SQLite, one daemon
    python bench/crash_trials.py --trials 100 --daemons 2 \\
        --database-url postgresql+psycopg://postgres@127.0.0.1/socialbot_crash   # PostgreSQL
    python bench/crash_trials.py --trials 50 --no-phi-model   # restarts without spaCy

Every request to the sandbox is held for --latency seconds after it is applied, so most
kills land in the worst place: the platform has the post, the database does not know yet.
Each trial queues a few approved posts (three platforms each), waits for a random one of
the victim's claims, kills it a random moment later, and restarts it. At the end every
daemon is stopped with SIGTERM (exit 0 expected) and the sandbox is compared with the
database: a duplicate is a text published twice on one platform, a loss an approved
delivery that is not on the platform or not recorded as published.

The daemon is `socialbot daemon --no-http`; with --no-phi-model (what tests/test_crash.py
uses) it is bench/crash_daemon.py, the same daemon with a PHI screen that finds nothing,
so that a restart does not load spaCy (the trials' posts pass the real screen anyway).
The report gives the restart times (spawn to `daemon.started`) either way.

Waits are bounds against a hang, not speed targets: each ends at its event (a start, a
claim, every delivery settled), so a generous bound costs nothing on a quiet machine
and keeps a loaded one from turning slowness into a failure.

The harness is also imported by tests/test_crash.py (fewer trials).
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from social_bot.audit_key import AuditKeys

# The audit chain's HMAC key for these throwaway databases (a real install keeps its
# own in the data directory or SOCIALBOT_AUDIT_KEY).
AUDIT_KEY = "bench-audit-key-not-a-secret-" + "0" * 32

PLATFORMS = ("linkedin", "facebook", "x")
LIGHT_DAEMON = Path(__file__).resolve().with_name("crash_daemon.py")
# Bounds against a hang (each wait ends at its event; see the module's docstring).
START_BOUND = 180.0  # a daemon process to `daemon.started`
CLAIM_BOUND = 30.0  # the victim's chosen claim, unless the others took every delivery
POLICY = textwrap.dedent(
    """
    [approval]
    required = 2
    approvers = [
      { name = "Dana Whitfield", slack_id = "U01DANA", mattermost_id = "dana", os_user = "dana" },
      { name = "Luis Ortega",    slack_id = "U02LUIS", mattermost_id = "luis", os_user = "luis" },
    ]
    [moderation]
    monitor_days = 14
    """
)


@dataclass
class CrashReport:
    trials: int
    daemons: int
    deliveries: int
    duplicates: int
    losses: int
    kills: int
    kills_after_claim: int
    clean_exits: int
    seconds: float
    problems: list[str] = field(default_factory=list)
    restart_seconds: list[float] = field(default_factory=list)  # spawn to daemon.started
    kills_by_daemon: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        starts = sorted(self.restart_seconds) or [0.0]
        return {k: v for k, v in self.__dict__.items()
                if k not in ("problems", "restart_seconds")} | {
            "restart_seconds": {"n": len(self.restart_seconds),
                                "p50": round(statistics.median(starts), 2),
                                "max": round(starts[-1], 2)},
            "problems": self.problems[:10]}


class DaemonProcess:
    """One `socialbot daemon` subprocess whose JSON log lines are read on a thread."""

    def __init__(self, worker: str, env: dict[str, str], phi_model: bool = True) -> None:
        self.worker = worker
        command = ([sys.executable, "-m", "social_bot", "daemon", "--worker-id", worker,
                    "--no-http"] if phi_model else [sys.executable, str(LIGHT_DAEMON), worker])
        self.spawned = time.monotonic()
        self.started_after: float | None = None
        self.proc = subprocess.Popen(
            command, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE, text=True,
        )
        self.events: queue.Queue[dict[str, Any]] = queue.Queue()
        self.started = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if record.get("event") == "daemon.started":
                self.started_after = time.monotonic() - self.spawned
                self.started.set()
            self.events.put(record)

    def drain(self) -> None:
        """Forget the events seen so far (claims of earlier trials)."""
        while not self.events.empty():
            self.events.get_nowait()

    def take_claims(self) -> int:
        """How many claims this daemon logged since the last call (or drain)."""
        claims = 0
        while not self.events.empty():
            if self.events.get_nowait().get("event") == "delivery.claimed":
                claims += 1
        return claims

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)

    def terminate(self, timeout: float = 60) -> int:
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return -9


def _app(database_url: str, policy: Path, data_dir: Path) -> Any:
    from policies.config import load_policy_file
    from social_bot.app import App
    from social_bot.settings import load_settings
    from social_bot.vote_seal import ensure_door_key

    settings = load_settings({"SOCIALBOT_AUDIT_KEY": AUDIT_KEY, "DATABASE_URL": database_url,
                              "SOCIALBOT_POLICY": str(policy),
                              "SOCIALBOT_DATA_DIR": str(data_dir)}, dotenv=False)
    ensure_door_key(settings)  # the votes cast here stand for the daemon's chat door
    return App(settings, policy=load_policy_file(policy), screener=lambda texts, ctx: [
        [] for _ in texts], validator=lambda platform, text, media: [])


def _queue_posts(app: Any, texts: list[str]) -> None:
    from social_bot.approvals import VerifiedIdentity, approve
    from social_bot.posts import Staff, create_post, prepare_draft

    for text in texts:
        post_id = create_post(app, Staff("Pat Author", "pat"),
                              prepare_draft(app, text, list(PLATFORMS)))
        approve(app, VerifiedIdentity("slack", "U01DANA"), post_id)
        approve(app, VerifiedIdentity("slack", "U02LUIS"), post_id)


def _daemon_env(database_url: str, policy: Path, data_dir: Path, sandbox_url: str
                ) -> dict[str, str]:
    from social_bot.sandbox import sandbox_env

    env = {k: v for k, v in os.environ.items() if not k.startswith(("SOCIALBOT_", "DATABASE_"))}
    env.update(sandbox_env(sandbox_url))
    env.update({
        "SOCIALBOT_AUDIT_KEY": AUDIT_KEY, "DATABASE_URL": database_url,
        "SOCIALBOT_POLICY": str(policy),
        "SOCIALBOT_DATA_DIR": str(data_dir), "SOCIALBOT_PUBLISH_INTERVAL": "0.2",
        "SOCIALBOT_POLL_TICK": "3600", "SOCIALBOT_HOUSEKEEPING_INTERVAL": "3600",
        "SOCIALBOT_RETRY_BASE": "0.2", "SOCIALBOT_RETRY_CAP": "2",
        "SOCIALBOT_CONNECT_TIMEOUT": "2", "SOCIALBOT_READ_TIMEOUT": "5",
        "SOCIALBOT_CLAIM_LEASE": "25",
    })
    return env


def _await_claim(running: dict[str, DaemonProcess], preferred: str, count: int,
                 none_left: Callable[[], bool]) -> str | None:
    """The daemon to kill, right after a claim of this trial: ``preferred`` at its
    ``count``-th claim; if the other daemons claimed every delivery first, the one that
    claimed most (at once, so that the kill still lands while it publishes). None: no
    claim within CLAIM_BOUND, or ``preferred`` died."""
    claims = dict.fromkeys(running, 0)
    deadline = time.monotonic() + CLAIM_BOUND
    next_check = time.monotonic()
    while time.monotonic() < deadline:
        for name, daemon in running.items():
            claims[name] += daemon.take_claims()
        if claims[preferred] >= count:
            return preferred
        if running[preferred].proc.poll() is not None:
            return None
        if time.monotonic() >= next_check:
            next_check = time.monotonic() + 0.1
            # Everything is claimed: take whoever has claims (their log lines may lag the
            # database by a moment; until one arrives, keep reading).
            if none_left() and any(claims.values()):
                return preferred if claims[preferred] else max(claims, key=claims.__getitem__)
        time.sleep(0.01)
    return None


def _none_pending(app: Any, texts: list[str]) -> bool:
    """Has every delivery of these posts been claimed (by any daemon)?"""
    from sqlalchemy import func, select

    from social_bot.db.models import Delivery, Revision

    with app.db.read() as session:
        return not session.scalar(
            select(func.count()).select_from(Delivery)
            .join(Revision, Revision.post_id == Delivery.post_id)
            .where(Revision.text.in_(texts), Delivery.status == "pending"))


def _all_done(app: Any) -> bool:
    from sqlalchemy import func, select

    from social_bot.db.models import Delivery

    with app.db.read() as session:
        return not session.scalar(select(func.count()).where(
            Delivery.status.in_(["pending", "retry", "attempting"])))


def _compare(app: Any, sandbox_url: str, expected: list[str]) -> tuple[int, int, int, list[str]]:
    import requests
    from sqlalchemy import select

    from social_bot.db.models import Delivery, Revision

    posts = requests.get(f"{sandbox_url}/_sandbox/posts", timeout=10).json()
    problems: list[str] = []
    duplicates = losses = 0
    with app.db.read() as session:
        rows = session.execute(
            select(Delivery.platform, Delivery.status, Delivery.remote_id, Revision.text)
            .join(Revision, Revision.post_id == Delivery.post_id)).all()
    recorded = {(r.platform, r.text): r for r in rows}
    for platform in PLATFORMS:
        on_platform = Counter(p["text"] for p in posts[platform])
        ids = {p["text"]: p["id"] for p in posts[platform]}
        for text in expected:
            count = on_platform.get(text, 0)
            row = recorded.get((platform, text))
            if count > 1:
                duplicates += count - 1
                problems.append(f"duplicate: {platform} has {count} x {text!r}")
            if count == 0 or row is None or row.status != "published":
                losses += 1
                problems.append(f"lost: {platform} {text!r} on platform {count}, "
                                f"recorded {row.status if row else None}")
            elif row.remote_id != ids[text]:
                problems.append(f"wrong id recorded: {platform} {text!r}")
    return len(expected) * len(PLATFORMS), duplicates, losses, problems


def run_crash_trials(
    database_url: str,
    trials: int,
    *,
    daemons: int = 1,
    posts_per_trial: int = 3,
    latency: float = 0.15,
    seed: int | None = None,
    workdir: Path | None = None,
    settle_seconds: float = 120.0,
    phi_model: bool = True,
) -> CrashReport:
    from social_bot.sandbox import start_sandbox

    rng = random.Random(seed)
    began = time.monotonic()
    workdir = workdir or Path(tempfile.mkdtemp(prefix="socialbot-crash-"))
    policy = workdir / "policy.toml"
    policy.write_text(POLICY, encoding="utf-8")
    data_dir = workdir / "data"
    app = _app(database_url, policy, data_dir)
    # Duplicates are let through, so a second publish of one delivery is counted, not
    # silently refused by the stand-in platform.
    sandbox = start_sandbox(0, fault_delay=latency, reject_duplicates=False)
    env = _daemon_env(database_url, policy, data_dir, sandbox.url)
    import requests

    for platform in PLATFORMS:  # every request: applied, then held before the answer
        requests.post(f"{sandbox.url}/_sandbox/faults", timeout=5, json={
            "platform": platform, "mode": "timeout", "every": 1, "seconds": latency,
        }).raise_for_status()
    expected: list[str] = []
    problems: list[str] = []
    starts: list[float] = []
    running = {f"crash-{n}": DaemonProcess(f"crash-{n}", env, phi_model)
               for n in range(daemons)}
    kills = kills_after_claim = clean = 0
    killed = Counter({name: 0 for name in running})
    try:
        for trial in range(trials):
            everyone = rng.random() < 0.2
            preferred = rng.choice(list(running))
            for daemon in running.values():  # every daemon up: each can win a claim
                if not daemon.started.wait(START_BOUND):
                    problems.append(f"trial {trial}: {daemon.worker} not started after "
                                    f"{START_BOUND:.0f} s")
                daemon.drain()
            texts = [f"Crash trial {trial} notice {n} (run {seed})" for n in
                     range(posts_per_trial)]
            _queue_posts(app, texts)
            expected.extend(texts)
            # A random one of the victim's share of this trial's claims, then a random moment.
            # With several daemons, one may claim everything first: then it is the victim
            # (a fresh restart loses these races often; waiting for it would kill no one
            # while publishing).
            share = max(1, posts_per_trial * len(PLATFORMS) // (2 * len(running) - 1))
            claimed = _await_claim(running, preferred, rng.randint(1, share),
                                   lambda texts=texts: _none_pending(app, texts))
            if claimed is not None:
                kills_after_claim += 1
            time.sleep(rng.uniform(0, latency * 1.5))
            victims = list(running) if everyone else [claimed or preferred]
            for name in victims:
                killed[name] += 1
                running[name].kill()
                kills += 1
                if running[name].started_after is not None:
                    starts.append(running[name].started_after)
                running[name] = DaemonProcess(name, env, phi_model)
        deadline = time.monotonic() + settle_seconds
        while not _all_done(app) and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        for daemon in running.values():
            if daemon.terminate() == 0:
                clean += 1
    starts += [d.started_after for d in running.values() if d.started_after is not None]
    try:
        deliveries, duplicates, losses, found = _compare(app, sandbox.url, expected)
    finally:
        sandbox.stop()
        app.close()
    return CrashReport(trials, daemons, deliveries, duplicates, losses, kills,
                       kills_after_claim, clean, time.monotonic() - began,
                       problems + found, starts, dict(killed))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=200)
    parser.add_argument("--daemons", type=int, default=1)
    parser.add_argument("--posts-per-trial", type=int, default=3)
    parser.add_argument("--latency", type=float, default=0.15)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--no-phi-model", action="store_true",
                        help="restart bench/crash_daemon.py (a screen that finds nothing) "
                             "instead of loading spaCy in every daemon")
    parser.add_argument("--database-url", default=None,
                        help="default: a new SQLite file (PostgreSQL: an empty database)")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="socialbot-crash-"))
    url = args.database_url or f"sqlite:///{workdir / 'crash.db'}"
    from social_bot.db.engine import Database
    from social_bot.db.migrate import upgrade

    db = Database(url, audit_keys=AuditKeys.from_secret(AUDIT_KEY))
    upgrade(db)
    db.dispose()
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    report = run_crash_trials(url, args.trials, daemons=args.daemons,
                              posts_per_trial=args.posts_per_trial, latency=args.latency,
                              seed=seed, workdir=workdir, phi_model=not args.no_phi_model)
    print(json.dumps({"seed": seed, **report.as_dict()}, indent=2))
    sys.exit(0 if report.duplicates == 0 and report.losses == 0 else 1)


if __name__ == "__main__":
    main()
