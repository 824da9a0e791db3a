"""SIGSTOP a daemon right after one of its claims, past its lease, then SIGCONT it; count
duplicates and losses on the sandbox (an outside review, session 44).

    python bench/pg_stop_trials.py --trials 8 \\
        --database-url postgresql+psycopg://postgres@127.0.0.1/socialbot_stop

Two or more daemons share the database (PostgreSQL: SQLite runs one daemon). Each trial
queues one approved post (three deliveries), stops the first daemon that logs a claim at
once (as a paused VM or a swapped-out process would be), waits past the lease so that
another daemon checks the claim on the platform, then lets the stopped one go on. A stop
that lands before the request went out is the case a fence must catch: the other daemon
found nothing and published, and the resumed one must not publish again.

Every wait is bounded (a trial is about lease + 3 s); the harness is bench/crash_trials.py.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from crash_trials import (  # noqa: E402 - the bench directory is not a package
    AUDIT_KEY,
    PLATFORMS,
    POLICY,
    START_BOUND,
    DaemonProcess,
    _all_done,
    _app,
    _compare,
    _daemon_env,
    _queue_posts,
)

LEASE = 6.0  # seconds; the smallest the daemon accepts with these timeouts (3 x 2 s)
CLAIM_BOUND = 20.0


def run(database_url: str, trials: int, daemons: int, latency: float) -> dict[str, object]:
    import requests

    from social_bot.audit_key import AuditKeys
    from social_bot.db.engine import Database
    from social_bot.db.migrate import upgrade
    from social_bot.sandbox import start_sandbox

    began = time.monotonic()
    db = Database(database_url, audit_keys=AuditKeys.from_secret(AUDIT_KEY))
    upgrade(db)
    db.dispose()
    workdir = Path(tempfile.mkdtemp(prefix="socialbot-stop-"))
    policy = workdir / "policy.toml"
    policy.write_text(POLICY, encoding="utf-8")
    data_dir = workdir / "data"
    app = _app(database_url, policy, data_dir)
    sandbox = start_sandbox(0, fault_delay=latency, reject_duplicates=False)
    for platform in PLATFORMS:  # every request: applied, then held before the answer
        requests.post(f"{sandbox.url}/_sandbox/faults", timeout=5, json={
            "platform": platform, "mode": "timeout", "every": 1, "seconds": latency,
        }).raise_for_status()
    env = _daemon_env(database_url, policy, data_dir, sandbox.url)
    env.update({"SOCIALBOT_CLAIM_LEASE": str(LEASE), "SOCIALBOT_CONNECT_TIMEOUT": "0.5",
                "SOCIALBOT_READ_TIMEOUT": "1.5"})
    running = [DaemonProcess(f"stop-{n}", env, phi_model=False) for n in range(daemons)]
    expected: list[str] = []
    stops = 0
    clean = 0
    try:
        for daemon in running:
            if not daemon.started.wait(START_BOUND):
                raise SystemExit(f"{daemon.worker} not started after {START_BOUND:.0f} s")
        for trial in range(trials):
            for daemon in running:
                daemon.drain()
            text = f"Stop trial {trial}: the lab opens at seven on weekdays"
            _queue_posts(app, [text])
            expected.append(text)
            victim = None
            deadline = time.monotonic() + CLAIM_BOUND
            while victim is None and time.monotonic() < deadline:
                victim = next((d for d in running if d.take_claims()), None)
                time.sleep(0.001)
            if victim is None:
                continue
            victim.proc.send_signal(signal.SIGSTOP)
            stops += 1
            time.sleep(LEASE + 2.5)  # the others check the claim and publish it
            victim.proc.send_signal(signal.SIGCONT)
        deadline = time.monotonic() + 60
        while not _all_done(app) and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(1.0)  # a resumed request still on its way
    finally:
        for daemon in running:
            if daemon.terminate() == 0:
                clean += 1
    try:
        deliveries, duplicates, losses, problems = _compare(app, sandbox.url, expected)
    finally:
        sandbox.stop()
        app.close()
    return {"trials": trials, "daemons": daemons, "deliveries": deliveries, "stops": stops,
            "duplicates": duplicates, "losses": losses, "clean_exits": clean,
            "seconds": round(time.monotonic() - began, 1), "problems": problems[:10]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=8)
    parser.add_argument("--daemons", type=int, default=2)
    parser.add_argument("--latency", type=float, default=0.15)
    parser.add_argument("--database-url", required=True)
    args = parser.parse_args()
    if args.daemons < 2 or args.database_url.startswith("sqlite"):
        parser.error("several daemons on PostgreSQL: --daemons 2 or more")
    print(json.dumps(run(args.database_url, args.trials, args.daemons, args.latency),
                     indent=2))


if __name__ == "__main__":
    main()
