"""Load on the chat endpoint: signed `pending` and `approve` from many concurrent clients.

    python bench/chat_load.py [--clients 50] [--seconds 10] [--backend sqlite|postgresql|both]

The server (uvicorn, the production set-up) runs in its own process on 127.0.0.1 against
a fresh SQLite file, and against a private PostgreSQL database when one answers at
SOCIALBOT_BENCH_PG_URL (default postgresql+psycopg://postgres@127.0.0.1:5432/test); the
database is dropped afterwards. Each client keeps one keep-alive connection. Two runs per
back end: "paced" (each client waits a random think time, mean --think seconds, between
commands: 50 clients at 0.25 s offer about 200 commands a second, far beyond any practice's
chat) and "closed loop" (no think time: the server's saturation; there, by Little's law,
latency is simply clients / throughput). Printed: requests, throughput, p50/p95/p99
latency per command, errors (anything but a clear answer within the deadline), and
whether any approval was recorded twice.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import http.client
import json
import os
import random
import secrets
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from social_bot.audit_key import AuditKeys

# The audit chain's HMAC key for these throwaway databases (a real install keeps its
# own in the data directory or SOCIALBOT_AUDIT_KEY).
AUDIT_KEY = "bench-audit-key-not-a-secret-" + "0" * 32

SECRET = "bench-signing-secret"
APPROVERS = ["U01DANA", "U02LUIS", "U03MINA"]
PG_ADMIN = os.environ.get("SOCIALBOT_BENCH_PG_URL",
                          "postgresql+psycopg://postgres@127.0.0.1:5432/test")
POLICY = textwrap.dedent("""
    [approval]
    required = 2
    approvers = [
      { name = "Dana Whitfield", slack_id = "U01DANA", mattermost_id = "dana", os_user = "dana" },
      { name = "Luis Ortega",    slack_id = "U02LUIS", mattermost_id = "luis", os_user = "luis" },
      { name = "Mina Okafor",    slack_id = "U03MINA", mattermost_id = "mina", os_user = "mina" },
    ]
""")


def build_app(url: str, policy: Path):  # noqa: ANN201
    from policies.config import load_policy_file
    from social_bot.app import App
    from social_bot.db.engine import Database
    from social_bot.settings import load_settings
    from social_bot.vote_seal import ensure_door_key

    settings = load_settings({"SOCIALBOT_AUDIT_KEY": AUDIT_KEY, "DATABASE_URL": url,
                              "SOCIALBOT_POLICY": str(policy),
                              # the chat door seals votes with the daemon's key
                              "SOCIALBOT_VOTE_KEY_FILE": str(policy.parent / "vote.key"),
                              "SLACK_SIGNING_SECRET": SECRET,
                              # Replies may go only to allowed hosts; here, loopback.
                              "SOCIALBOT_CHAT_RESPONSE_URL_PREFIXES": "http://127.0.0.1/",
                              # Most approvals here are refused (already approved): the load
                              # test measures them, not the refusal rate limit.
                              "SOCIALBOT_CHAT_REFUSAL_LIMIT": "100000000"}, dotenv=False)
    db = Database(url, audit_keys=AuditKeys.from_secret(AUDIT_KEY))
    ensure_door_key(settings)
    return App(settings, db=db, policy=load_policy_file(policy),
               screener=lambda texts, context: [[] for _ in texts],
               validator=lambda platform, text, media: [])


def child_serve(url: str, policy: str) -> None:
    """Runs in the server process: serve until stdin closes, print the port first."""
    import logging

    from social_bot.web import build_asgi_app, serve_in_thread

    logging.basicConfig(level=logging.WARNING)
    handle = serve_in_thread(build_asgi_app(build_app(url, Path(policy))))
    print(f"PORT {handle.port}", flush=True)
    sys.stdin.read()
    handle.stop()


def prepare(url: str, policy: Path, posts: int) -> list[str]:
    """The posts, as "ID CODE": a vote binds to a revision (the code `show` prints)."""
    from social_bot.db.migrate import upgrade
    from social_bot.posts import Staff, create_post, prepare_draft

    app = build_app(url, policy)
    upgrade(app.db)
    from social_bot.posts import show_post

    ids = [create_post(app, Staff("Pat Author", "pat"),
                       prepare_draft(app, f"Clinic update number {n}.", ["linkedin"]))
           for n in range(posts)]
    targets = [f"{i} {show_post(app, i)['revision_hash'][:12]}" for i in ids]
    app.close()
    return targets


def signed(text: str, user: str) -> tuple[bytes, dict[str, str]]:
    # Slack gives every request its own trigger_id, so no two real requests are identical
    # (identical signed bytes are refused as a replay).
    body = urlencode({"user_id": user, "text": text, "command": "/socialbot",
                      "trigger_id": secrets.token_hex(8),
                      "response_url": "http://127.0.0.1:9/unused"}).encode()
    ts = str(int(time.time()))
    sig = hmac.new(SECRET.encode(), f"v0:{ts}:".encode() + body, hashlib.sha256).hexdigest()
    return body, {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={sig}",
                  "Content-Type": "application/x-www-form-urlencoded"}


def client(port: int, post_ids: list[str], deadline: float, out: list, seed: int,
           think: float) -> None:
    rng = random.Random(seed)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    while time.monotonic() < deadline:
        kind = "pending" if rng.random() < 0.5 else "approve"
        text = kind if kind == "pending" else f"approve {rng.choice(post_ids)}"
        body, headers = signed(text, rng.choice(APPROVERS))
        started = time.perf_counter()
        try:
            conn.request("POST", "/slack/commands", body=body, headers=headers)
            answer = conn.getresponse()
            data = answer.read()
            elapsed = time.perf_counter() - started
            reply = json.loads(data).get("text", "") if answer.status == 200 else ""
            error = answer.status != 200 or reply.startswith(("Working on it", "Something"))
            out.append((kind, elapsed, error,
                        (reply[:80] or f"HTTP {answer.status} {data[:60]!r}") if error else ""))
            if think > 0:
                time.sleep(min(rng.expovariate(1 / think), max(0.0, deadline - time.monotonic())))
        except (OSError, http.client.HTTPException, ValueError) as exc:
            out.append((kind, time.perf_counter() - started, True, type(exc).__name__))
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.close()


def duplicates(url: str, policy: Path) -> dict[str, int]:
    from sqlalchemy import func, select

    from social_bot.db.models import Approval, AuditRecord, Post

    app = build_app(url, policy)
    with app.db.read() as session:
        twice = session.execute(
            select(Approval.revision_id, Approval.approver).group_by(
                Approval.revision_id, Approval.approver).having(func.count() > 1)).all()
        over = session.execute(select(Approval.revision_id).group_by(Approval.revision_id)
                               .having(func.count() > 2)).all()
        announced = session.execute(
            select(AuditRecord.post_id).where(AuditRecord.action == "post.approved")
            .group_by(AuditRecord.post_id).having(func.count() > 1)).all()
        approved = session.scalar(select(func.count(Post.id)).where(Post.status == "approved"))
        votes = session.scalar(select(func.count(Approval.id)))
    app.close()
    return {"same person twice": len(twice), "more than required": len(over),
            "approved twice": len(announced), "posts approved": approved, "votes": votes}


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] * 1000 \
        if len(values) > 1 else (values[0] * 1000 if values else float("nan"))


def run(label: str, url: str, policy: Path, clients: int, seconds: float, posts: int,
        thinks: list[float]) -> bool:
    post_ids = prepare(url, policy, posts)
    ok = True
    child = subprocess.Popen([sys.executable, __file__, "--child-serve", url, str(policy)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        line = child.stdout.readline() if child.stdout else ""
        if not line.startswith("PORT "):
            print(f"{label}: the server did not start", file=sys.stderr)
            return False
        port = int(line.split()[1])
        for think in thinks:
            ok &= measure(label, url, policy, port, post_ids, clients, seconds, think)
    finally:
        if child.stdin:
            child.stdin.close()
        child.wait(30)
    return ok


def measure(label: str, url: str, policy: Path, port: int, post_ids: list[str], clients: int,
            seconds: float, think: float) -> bool:
    results: list = []
    deadline = time.monotonic() + seconds
    threads = [threading.Thread(target=client,
                                args=(port, post_ids, deadline, results, n, think))
               for n in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 30)
    wall = time.monotonic() - started
    dup = duplicates(url, policy)
    errors = [r for r in results if r[2]]
    mode = f"paced, think {think:g} s" if think > 0 else "closed loop"
    print(f"\n== {label}, {mode}: {clients} clients, {seconds:.0f} s, {len(results)} requests, "
          f"{len(results) / wall:.0f} req/s")
    for kind in ("pending", "approve", "all"):
        lat = [r[1] for r in results if kind in ("all", r[0])]
        print(f"  {kind:8s} n={len(lat):6d}  p50={pct(lat, 50):6.1f} ms  "
              f"p95={pct(lat, 95):6.1f} ms  p99={pct(lat, 99):6.1f} ms")
    print(f"  errors: {len(errors)}" + (f" (first: {errors[0][3]!r})" if errors else ""))
    print(f"  approvals: {dup['votes']} votes, {dup['posts approved']} posts approved; "
          f"recorded twice: {dup['same person twice']}, beyond required: "
          f"{dup['more than required']}, approved twice: {dup['approved twice']}")
    all_lat = [r[1] for r in results]
    ok = (not errors and not any(dup[k] for k in ("same person twice", "more than required",
                                                  "approved twice")))
    print(f"  verdict: p95 {'<' if pct(all_lat, 95) < 100 else '>='} 100 ms; "
          f"{'no errors, no duplicates' if ok else 'PROBLEMS (see above)'}")
    return ok


def pg_database() -> tuple[str, callable] | None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin_url = make_url(PG_ADMIN)
    name = f"sbbench_{os.getpid()}_{secrets.token_hex(3)}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT",
                          connect_args={"connect_timeout": 3})
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # noqa: BLE001 - no server: skip PostgreSQL
        print(f"PostgreSQL not reachable, skipped: {type(exc).__name__}", file=sys.stderr)
        admin.dispose()
        return None

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return admin_url.set(database=name).render_as_string(hide_password=False), drop


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--child-serve":
        child_serve(sys.argv[2], sys.argv[3])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--posts", type=int, default=3000)
    parser.add_argument("--think", type=float, default=0.25,
                        help="mean think time per client in the paced run (seconds)")
    parser.add_argument("--paced-only", action="store_true", help="skip the closed-loop run")
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    args = parser.parse_args()
    if not (1 <= args.clients <= 500 and 0 < args.seconds <= 120):
        parser.error("--clients must be 1..500 and --seconds 0..120")
    thinks = [args.think] if args.paced_only else [args.think, 0.0]
    ok = True
    with tempfile.TemporaryDirectory(prefix="socialbot-bench-") as tmp:
        policy = Path(tmp) / "policy.toml"
        policy.write_text(POLICY, encoding="utf-8")
        if args.backend in ("sqlite", "both"):
            ok &= run("SQLite (file, WAL)", f"sqlite:///{Path(tmp) / 'bench.db'}", policy,
                      args.clients, args.seconds, args.posts, thinks)
        if args.backend in ("postgresql", "both"):
            database = pg_database()
            if database:
                url, drop = database
                try:
                    ok &= run("PostgreSQL", url, policy, args.clients, args.seconds,
                              args.posts, thinks)
                finally:
                    drop()
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
