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

`python bench/queue_scale.py claims` times instead the lookup every claim makes for the
post's `delivery.published` record, as before session 49 and now, at PUBLISHED (default
1,000 and 100,000) published posts, CLAIMS posts spread over the queue (default 200).
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
from types import SimpleNamespace

from sqlalchemy import create_engine, insert, select, text
from sqlalchemy.engine import make_url

from policies.config import parse_policy
from social_bot import audit
from social_bot.app import App
from social_bot.approvals import VerifiedIdentity, approve
from social_bot.audit_key import AuditKeys
from social_bot.daemon.preflight_published import published_record
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


# -- the claim's audit lookups (session 49) ---------------------------------------------
# `preflight_published.published_record` runs on every claim. Before session 49 it asked for
# `post_id = ? AND action = 'delivery.published' ORDER BY seq`; SQLite then read by
# ix_audit_action_seq and walked every `delivery.published` record in the trail. Timed here
# against `audit.post_records` (sorted in Python, read by ix_audit_post), same run, same data.
PUBLISHED = tuple(int(n) for n in os.environ.get("PUBLISHED", "1000,100000").split(","))
CLAIMS = int(os.environ.get("CLAIMS", "200"))


def _published_trail(seq: int) -> dict:
    """Post ``(seq + 1) // 2``'s `post.created` (odd ``seq``), then its `delivery.published`
    on X (even ``seq``): a queue where every post went out."""
    post = (seq + 1) // 2
    fields = {"post_id": post, "revision": 1, "revision_hash": f"{post:064x}"}
    if seq % 2:
        return {**fields, "action": "post.created", "detail": json.dumps(
            {"hash_key": KEYS.current_id, "platforms": ["x", "linkedin"]}, sort_keys=True)}
    return {**fields, "action": "delivery.published", "detail": json.dumps(
        {"platform": "x", "remote_id": f"r{post}"}, sort_keys=True)}


def _before_49(session, post_id: int, platform: str):  # noqa: ANN001, ANN202
    """published_record as it was before session 49 (ORDER BY seq in SQL)."""
    keys = audit.session_keys(session)
    records = session.scalars(select(AuditRecord).where(
        AuditRecord.post_id == post_id, AuditRecord.action == "delivery.published")
        .order_by(AuditRecord.seq))
    return next((r for r in records if json.loads(r.detail or "{}").get("platform") == platform
                 and audit.record_intact(r, keys)), None)


def _now(session, post_id: int, platform: str):  # noqa: ANN001, ANN202
    context = SimpleNamespace(session=session, post=SimpleNamespace(id=post_id),
                              platform=platform)
    return published_record(context)


def _plans(session, published: int) -> dict[str, str]:  # noqa: ANN001
    """Each lookup's plan for one post, as the database explains it."""
    old = (select(AuditRecord).where(AuditRecord.post_id == published // 2,
                                     AuditRecord.action == "delivery.published")
           .order_by(AuditRecord.seq))
    new = select(AuditRecord).where(AuditRecord.post_id == published // 2,
                                    AuditRecord.action == "delivery.published")
    sqlite = session.get_bind().dialect.name == "sqlite"
    out = {}
    for name, stmt in (("before", old), ("now", new)):
        sql = str(stmt.compile(session.get_bind(), compile_kwargs={"literal_binds": True}))
        rows = session.execute(text(("EXPLAIN QUERY PLAN " if sqlite else "EXPLAIN ") + sql))
        out[name] = " / ".join(" ".join(str(row[-1]).split()) for row in rows)
    if not sqlite:  # psycopg prepares a statement run 5 times: its generic plan too
        session.execute(text("SET LOCAL plan_cache_mode = force_generic_plan"))
        lookup = "SELECT * FROM audit_records WHERE post_id = $1 AND action = $2"
        for name, prepare in (("before", f"PREPARE lookup(bigint, text) AS {lookup} ORDER BY seq"),
                              ("now", f"PREPARE lookup(bigint, text) AS {lookup}")):
            session.execute(text(prepare))
            rows = session.execute(text("EXPLAIN EXECUTE lookup(1, 'delivery.published')"))
            out[f"{name}, generic"] = " / ".join(" ".join(row[0].split()) for row in rows)
            session.execute(text("DEALLOCATE lookup"))
    return out


def claim_lookups(label: str, url: str) -> None:
    for published in PUBLISHED:
        db = Database(url, audit_keys=KEYS)
        upgrade(db)
        with db.engine.begin() as conn:
            conn.execute(text("DELETE FROM audit_records"))
            write_chain(conn, KEYS, 2 * published, _published_trail)
            if db.engine.dialect.name == "postgresql":
                conn.execute(text("ANALYZE audit_records"))
        # Posts spread over the queue; each claim on LinkedIn (nothing there: the usual
        # case) and on X (its record found and its MAC checked).
        posts = [1 + i * (published - 1) // max(1, CLAIMS - 1) for i in range(CLAIMS)]
        figures = {}
        with db.read() as session:
            for name, lookup in (("before", _before_49), ("now", _now)):
                assert all(lookup(session, p, "linkedin") is None for p in posts[:3])
                found = [lookup(session, p, "x") for p in posts[:3]]
                assert [r.post_id for r in found] == posts[:3]
                wall, cpu = time.perf_counter(), time.process_time()
                for post in posts:
                    lookup(session, post, "linkedin")
                    lookup(session, post, "x")
                figures[name] = ((time.perf_counter() - wall) * 1000 / (2 * CLAIMS),
                                 (time.process_time() - cpu) * 1000 / (2 * CLAIMS))
            plans = _plans(session, published)
        (bw, bc), (nw, nc) = figures["before"], figures["now"]
        print(f"[{label}] {published:>7,} published: claim lookup before {bw:7.2f} ms wall "
              f"{bc:7.2f} ms CPU, now {nw:5.2f} ms wall {nc:5.2f} ms CPU; before/now "
              f"{bw / nw:6.1f}x wall, {bc / nc:6.1f}x CPU ({2 * CLAIMS} lookups each)")
        for name, plan in plans.items():
            print(f"[{label}]     plan {name}: {plan}")
        db.dispose()


def on_each_database(bench) -> None:  # noqa: ANN001
    """``bench(label, url)`` on SQLite, then on a private PostgreSQL database if one answers."""
    with tempfile.TemporaryDirectory() as tmp:
        bench("sqlite", f"sqlite:///{Path(tmp) / 'bench.db'}")
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
        bench("postgresql", pg.set(database=name).render_as_string(hide_password=False))
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def main() -> None:
    if sys.argv[1:] not in ([], ["claims"]):
        print("usage: python bench/queue_scale.py [claims]", file=sys.stderr)
        sys.exit(2)
    if AUDIT < POSTS:
        print(f"queue_scale: AUDIT ({AUDIT}) must be at least POSTS ({POSTS}): each post "
              "needs the record of its writing", file=sys.stderr)
        sys.exit(2)
    on_each_database(claim_lookups if sys.argv[1:] == ["claims"] else run)


if __name__ == "__main__":
    main()
