"""Queue at scale: 100,000 posts and 200,000 audit records, on SQLite and PostgreSQL.

Times `post list --status pending_approval` (first page), `post show`, one approval and
`audit verify` over the whole chain through the service functions. Aim: list and show
under 100 ms, verify under 5 s. PostgreSQL runs when it answers (BENCH_PG_URL, default
the local server) in a private database that is dropped afterwards.

The trail is one `verify` accepts: each post's `post.created` record names its revision's
keyed content hash and writer, and a `post.screened` record its status (AUDIT - POSTS of
them: a post screened again keeps its status). Before session 46 it named a made-up hash on
revisions with another, and `verify` (which since session 43 checks each revision against
its record) refused it: the bench failed before printing a figure.
"""

from __future__ import annotations

import json
import os
import secrets
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url

from policies.config import parse_policy
from social_bot import audit
from social_bot.app import App
from social_bot.approvals import VerifiedIdentity, approve
from social_bot.audit_key import AuditKeys
from social_bot.db.engine import Database
from social_bot.db.migrate import upgrade
from social_bot.db.models import AuditHead, AuditRecord, Delivery, Post, Revision
from social_bot.domain import RevisionContent
from social_bot.posts import list_posts, show_post
from social_bot.settings import load_settings
from social_bot.vote_seal import ensure_door_key

POSTS = int(os.environ.get("POSTS", "100000"))
AUDIT = int(os.environ.get("AUDIT", "200000"))
BATCH = 5000
POLICY = parse_policy({"approval": {"required": 2, "approvers": [
    {"name": "Dana Whitfield", "slack_id": "U01DANA"},
    {"name": "Luis Ortega", "slack_id": "U02LUIS"}]}})
STATUSES = ("pending_approval", "approved", "published", "cancelled", "blocked_phi")


# A throwaway audit key for this run (a real install keeps it in the data directory).
KEYS = AuditKeys.from_secret(secrets.token_hex(32))


PLATFORMS = ("x", "linkedin")


def _text(i: int) -> str:
    return f"Clinic news #{i}: flu shots this week."


def _hash(i: int) -> str:
    """Post ``i``'s revision hash, keyed as `posts.create_post` keys it."""
    return RevisionContent(text=_text(i), platforms=PLATFORMS).content_hash(KEYS.current)


def _record(seq: int, hashes: dict[int, str]) -> dict:
    """Record ``seq``: post ``seq``'s `post.created` for the first POSTS, then a
    `post.screened` of post ``seq % POSTS + 1`` (its first one from draft, later ones a
    re-screen that keeps the status)."""
    post = seq if seq <= POSTS else seq % POSTS + 1
    fields = {"post_id": post, "revision": 1, "revision_hash": hashes[post]}
    if seq <= POSTS:
        return {**fields, "action": "post.created", "detail": json.dumps(
            {"hash_key": KEYS.current_id, "platforms": list(PLATFORMS)}, sort_keys=True)}
    status = STATUSES[post % len(STATUSES)]
    before = "draft" if seq <= 2 * POSTS else status
    return {**fields, "action": "post.screened", "detail": json.dumps(
        {"blocked": status == "blocked_phi", "findings": 0, "from": before, "to": status},
        sort_keys=True)}


def fill(db: Database) -> None:
    now = datetime.now(UTC)
    hashes = {i: _hash(i) for i in range(1, POSTS + 1)}
    with db.engine.begin() as conn:
        for start in range(1, POSTS + 1, BATCH):
            ids = range(start, min(start + BATCH, POSTS + 1))
            conn.execute(insert(Post), [
                {"id": i, "status": STATUSES[i % len(STATUSES)], "author": f"staff{i % 7}",
                 "author_os_user": "bench", "current_revision": 1, "created_at": now,
                 "updated_at": now} for i in ids])
            conn.execute(insert(Revision), [
                {"post_id": i, "number": 1, "text": _text(i), "platforms": list(PLATFORMS),
                 "media": [], "content_hash": hashes[i], "hash_key_id": KEYS.current_id,
                 "created_by": "bench", "written_by": "os:bench", "created_at": now}
                for i in ids])
            conn.execute(insert(Delivery), [
                {"post_id": i, "platform": p, "status": "pending", "attempts": 0}
                for i in ids for p in PLATFORMS])
        write_chain(conn, KEYS, AUDIT, lambda seq: _record(seq, hashes))
        if db.engine.dialect.name == "postgresql":
            conn.execute(text("ANALYZE"))


def write_chain(conn, keys: AuditKeys, count: int, record) -> None:  # noqa: ANN001
    """``count`` keyed audit records and the head naming the last; ``record(seq)`` gives
    each one's action, post, revision and detail (also bench/policy_pointer_search.py)."""
    now = datetime.now(UTC)
    prev = audit.GENESIS
    for start in range(1, count + 1, BATCH):
        rows = []
        for seq in range(start, min(start + BATCH, count + 1)):
            fields = {"seq": seq, "at": now.isoformat(timespec="microseconds"),
                      "actor": "bench", "os_user": "bench", "post_id": None, "revision": None,
                      "revision_hash": None, **record(seq), "prev_hash": prev,
                      "key_id": keys.current_id}
            fields["hash"] = prev = audit.record_mac(fields, keys.current)
            rows.append({**fields, "at": now})
        conn.execute(insert(AuditRecord), rows)
    conn.execute(AuditHead.__table__.update().values(seq=count, hash=prev))


def timed(fn, repeat: int = 20) -> float:  # noqa: ANN001
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def run(label: str, url: str) -> None:
    db = Database(url, audit_keys=KEYS)
    upgrade(db)
    start = time.perf_counter()
    fill(db)
    print(f"[{label}] filled {POSTS:,} posts, {AUDIT:,} audit records "
          f"in {time.perf_counter() - start:.1f} s")
    # the approval below stands for the chat door's, which seals it with the daemon's key
    door = Path(tempfile.mkdtemp(prefix="socialbot-door-")) / "vote.key"
    settings = load_settings({"DATABASE_URL": url, "SOCIALBOT_VOTE_KEY_FILE": str(door)},
                             dotenv=False)
    ensure_door_key(settings)
    app = App(settings, db=db, policy=POLICY)
    pending_id = next(i for i in range(POSTS, 0, -1) if STATUSES[i % len(STATUSES)]
                      == "pending_approval")
    list_ms = timed(lambda: list_posts(app, "pending_approval"))
    show_ms = timed(lambda: show_post(app, pending_id))
    start = time.perf_counter()
    approve(app, VerifiedIdentity("slack", "U01DANA"), pending_id)
    approve_ms = (time.perf_counter() - start) * 1000
    start, cpu = time.perf_counter(), time.process_time()
    with db.read() as session:
        result = audit.verify(session)
    verify_s, verify_cpu = time.perf_counter() - start, time.process_time() - cpu
    assert result.ok, result.problem
    print(f"[{label}] post list --status pending_approval: {list_ms:6.1f} ms (aim < 100)")
    print(f"[{label}] post show:                           {show_ms:6.1f} ms (aim < 100)")
    print(f"[{label}] one approval (with audit record):    {approve_ms:6.1f} ms")
    # Its CPU time too: on a shared machine the wall clock is mostly the wait for a core.
    print(f"[{label}] audit verify, {result.checked:,} records:        {verify_s:6.2f} s  "
          f"(aim < 5; CPU {verify_cpu:.2f} s in this process)")
    db.dispose()


def main() -> None:
    if AUDIT < POSTS:
        print(f"queue_scale: AUDIT ({AUDIT}) must be at least POSTS ({POSTS}): each post "
              "needs the record of its writing", file=sys.stderr)
        sys.exit(2)
    with tempfile.TemporaryDirectory() as tmp:
        run("sqlite", f"sqlite:///{Path(tmp) / 'bench.db'}")
    pg = make_url(os.environ.get("BENCH_PG_URL",
                                 "postgresql+psycopg://postgres@127.0.0.1:5432/test"))
    name = f"sbbench_{secrets.token_hex(3)}"
    admin = create_engine(pg, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # noqa: BLE001
        print(f"[postgresql] skipped: {exc}", file=sys.stderr)
        return
    try:
        run("postgresql", pg.set(database=name).render_as_string(hide_password=False))
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


if __name__ == "__main__":
    main()
