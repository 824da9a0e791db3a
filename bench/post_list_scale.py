"""`post list` at 50 and 1,000 posts: each listed post's votes proved alone (the session 48
path) against all of them in one pass (approval_proof.standings, session 49), in the same
run, on SQLite and PostgreSQL (when it answers: BENCH_PG_URL, default the local server,
in a private database dropped afterwards).

POSTS posts (default 1,000), each with the keyed record of its writing and two votes
(Dana and Luis) with theirs; the policy in force has dropped Luis, so every listed post
carries a note ("1 of 2 approvals hold (Luis Ortega is no longer an approver)"). Both
paths must list the same rows (checked before timing); the figures are medians of REPEAT
runs, with the SQL statements each run issues.

    PYTHONPATH=. python bench/post_list_scale.py
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import event, insert, text

from policies.config import parse_policy
from social_bot import posts
from social_bot.app import App
from social_bot.approval_proof import standing
from social_bot.db.engine import Database
from social_bot.db.migrate import upgrade
from social_bot.db.models import Approval, Post, Revision
from social_bot.posts import current_revision, list_posts
from social_bot.settings import load_settings

sys.path.insert(0, str(Path(__file__).parent))
from chat_load import pg_database  # noqa: E402 - bench/ helpers
from queue_scale import KEYS, PLATFORMS, _hash, _text, timed, write_chain  # noqa: E402

POSTS = int(os.environ.get("POSTS", "1000"))
REPEAT = int(os.environ.get("REPEAT", "9"))
PAGES = (50, 1000)
VOTERS = (("Dana Whitfield", "slack:U01DANA"), ("Luis Ortega", "slack:U02LUIS"))
POLICY = parse_policy({"approval": {"required": 2, "approvers": [
    {"name": "Dana Whitfield", "slack_id": "U01DANA", "os_user": "dana"},
    {"name": "Mina Okafor", "slack_id": "U03MINA", "os_user": "mina"}]}})


def _record(seq: int, hashes: dict[int, str]) -> dict:
    """Three records a post: its `post.created`, then Dana's and Luis's votes."""
    post, kind = divmod(seq - 1, 3)
    post += 1
    fields = {"post_id": post, "revision": 1, "revision_hash": hashes[post]}
    if kind == 0:
        return {**fields, "action": "post.created", "detail": json.dumps(
            {"hash_key": KEYS.current_id, "platforms": list(PLATFORMS)}, sort_keys=True)}
    name, identity = VOTERS[kind - 1]
    return {**fields, "actor": name, "action": "approval.recorded",
            "detail": json.dumps({"identity": identity, "ordinal": kind}, sort_keys=True)}


def fill(db: Database) -> None:
    now = datetime.now(UTC)
    hashes = {i: _hash(i) for i in range(1, POSTS + 1)}
    ids = range(1, POSTS + 1)
    with db.engine.begin() as conn:
        conn.execute(insert(Post), [
            {"id": i, "status": "approved", "author": "staff", "author_os_user": "bench",
             "current_revision": 1, "created_at": now, "updated_at": now} for i in ids])
        conn.execute(insert(Revision), [
            {"id": i, "post_id": i, "number": 1, "text": _text(i),
             "platforms": list(PLATFORMS), "media": [], "content_hash": hashes[i],
             "hash_key_id": KEYS.current_id, "created_by": "bench", "written_by": "os:bench",
             "created_at": now} for i in ids])
        conn.execute(insert(Approval), [
            {"post_id": i, "revision_id": i, "content_hash": hashes[i], "approver": name,
             "identity": identity, "ordinal": n, "created_at": now}
            for i in ids for n, (name, identity) in enumerate(VOTERS, start=1)])
        write_chain(conn, KEYS, 3 * POSTS, lambda seq: _record(seq, hashes))
        if db.engine.dialect.name == "postgresql":
            conn.execute(text("ANALYZE"))


def per_post(session, policy, post_ids):  # noqa: ANN001, ANN201
    """The session 48 path: each listed post loaded and proved alone."""
    out = {}
    for post_id in post_ids:
        post = session.get(Post, post_id)
        out[post_id] = standing(session, policy, post, current_revision(post))
    return out


def statements(db: Database, fn) -> int:  # noqa: ANN001
    seen = []

    def count(*args) -> None:  # noqa: ANN002
        seen.append(1)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        fn()
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(seen)


def run(label: str, url: str) -> None:
    db = Database(url, audit_keys=KEYS)
    upgrade(db)
    fill(db)
    app = App(load_settings({"DATABASE_URL": url}, dotenv=False), db=db, policy=POLICY)
    batch = posts._standings
    for page in PAGES:
        if page > POSTS:
            continue
        listing = lambda: list_posts(app, limit=page)  # noqa: B023, E731
        new_rows = listing()
        posts._standings = per_post
        try:
            old_rows = listing()
            old_ms, old_sql = timed(listing, REPEAT), statements(db, listing)
        finally:
            posts._standings = batch
        assert new_rows == old_rows and len(new_rows) == page
        assert all(row["approvals_note"] for row in new_rows)
        new_ms, new_sql = timed(listing, REPEAT), statements(db, listing)
        print(f"[{label}] post list, {page:5,} posts: per post {old_ms:7.1f} ms "
              f"({old_sql:5,} statements)  one pass {new_ms:6.1f} ms ({new_sql} statements)"
              f"  x{old_ms / new_ms:.1f}")
    db.dispose()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        run("sqlite", f"sqlite:///{Path(tmp) / 'bench.db'}")
    made = pg_database()
    if made is None:
        return
    url, drop = made
    try:
        run("postgresql", url)
    finally:
        drop()


if __name__ == "__main__":
    main()
