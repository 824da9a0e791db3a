"""The daemon's passes under many held items: are they bounded in statements and time?

    python bench/held_pass.py                          # SQLite, 100 (reference) and 1000
    python bench/held_pass.py --sizes 100 1000 3000
    python bench/held_pass.py --database-url postgresql+psycopg://postgres@127.0.0.1/x

For each size N a fresh database holds N posts approved but held on Facebook (credits, not
due yet; half as many more held for a dead credential), N comments whose policy hide is
pending and fails every pass (deleted on Facebook: Graph's 100/33), and N chat messages in
the outbox with the webhook down (127.0.0.1, a closed port: refused at once). Then one of
each pass the daemon runs: a publish lane, the pending-hide retry, the outbox delivery,
the credits release (nothing due), the retention purge; and, apart, the credits release
when all N are due at once. Printed: SQL statements and seconds per pass, and each as a
ratio to the first size's (measured in the same run). A bounded pass stays near 1 as N
grows; one that reads or writes every held row grows with N. Rows are inserted directly
(no audit records): the passes read the rows, not the chain.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, event, insert, text, update
from sqlalchemy.engine import make_url

from adapters.base import NotVisible
from social_bot.app import App
from social_bot.daemon.claims import release_holds
from social_bot.daemon.config import DaemonConfig
from social_bot.daemon.monitor import Monitor, PollResult
from social_bot.daemon.publisher import Publisher
from social_bot.db.engine import Database
from social_bot.db.migrate import upgrade
from social_bot.db.models import Comment, Delivery, OutboxMessage, Post, Revision
from social_bot.domain import HoldKind
from social_bot.notify import deliver_outbox
from social_bot.retention import purge_expired
from social_bot.settings import load_settings

KEY = "bench-held-pass-key-" + "0123456789abcdef" * 2
WEBHOOK = "http://127.0.0.1:9/hook"  # the discard port: nothing listens, refused at once
CONFIG = DaemonConfig(retry_base=0.0, retry_cap=0.0, poll_interval=30.0)


class DeletedEverywhere:
    """Facebook as it answers for comments deleted there: every hide is 100/33."""

    name = "facebook"
    can_hide = True

    def hide_comment(self, comment_id: str) -> None:
        raise NotVisible("facebook", "the comment")

    def __getattr__(self, name: str):  # noqa: ANN204 - nothing else is expected to be called
        raise AssertionError(f"the bench adapter was asked to {name}")


def fill(db: Database, n: int) -> None:
    now = datetime.now(UTC)
    later = now + timedelta(hours=1)
    with db.engine.begin() as conn:
        posts = [{"id": i, "status": "approved", "author": "Pat Author", "current_revision": 1,
                  "created_at": now, "updated_at": now} for i in range(1, n + n // 2 + 1)]
        conn.execute(insert(Post), posts)
        conn.execute(insert(Revision), [
            {"post_id": p["id"], "number": 1, "text": f"Open house number {p['id']}",
             "platforms": ["facebook"], "media": [], "content_hash": "0" * 64,
             "created_by": "Pat Author", "created_at": now} for p in posts])
        conn.execute(insert(Delivery), [
            {"id": p["id"], "post_id": p["id"], "platform": "facebook", "status": "held",
             "hold_kind": str(HoldKind.CREDITS if p["id"] <= n else HoldKind.AUTH),
             "next_attempt_at": later, "attempts": 1, "due_at": now} for p in posts])
        conn.execute(insert(Comment), [
            {"delivery_id": 1, "post_id": 1, "platform": "facebook",
             "remote_id": f"1_{i}", "author": "someone", "text": "Go to hell you morons",
             "flags": [{"flag": "abuse", "score": 0.99, "reason": "bench"}],
             "state": "hide_pending",
             "fetched_at": now} for i in range(n)])
        conn.execute(insert(OutboxMessage), [
            {"kind": "post.pending_approval", "post_id": 1 + i % n, "payload": {},
             "created_at": now, "attempts": 0} for i in range(n)])


def measured(db: Database, fn: Callable[[], object]) -> tuple[int, float, float]:
    """(statements, seconds, the longest transaction's seconds) of one call."""
    count, opened, longest = [0], [0.0], [0.0]

    def seen(*_args: object) -> None:
        count[0] += 1

    def began(_conn: object) -> None:
        opened[0] = time.perf_counter()

    def ended(_conn: object) -> None:
        longest[0] = max(longest[0], time.perf_counter() - opened[0])

    hooks = (("before_cursor_execute", seen), ("begin", began), ("commit", ended),
             ("rollback", ended))
    for name, hook in hooks:
        event.listen(db.engine, name, hook)
    try:
        start = time.perf_counter()
        fn()
        return count[0], time.perf_counter() - start, longest[0]
    finally:
        for name, hook in hooks:
            event.remove(db.engine, name, hook)


def one_size(url: str, data: Path, policy: Path, n: int) -> dict[str, tuple[int, float, float]]:
    db = Database(url)
    upgrade(db)
    db.dispose()
    settings = load_settings({"SOCIALBOT_DATA_DIR": str(data), "DATABASE_URL": url,
                              "SOCIALBOT_POLICY": str(policy), "SOCIALBOT_AUDIT_KEY": KEY,
                              "SOCIALBOT_TIMEZONE": "UTC"}, dotenv=False)
    app = App(settings, screener=lambda text: [], validator=lambda *a: [])
    fill(app.db, n)
    adapters = {"facebook": DeletedEverywhere()}
    publisher = Publisher(app, adapters.__getitem__, "bench", CONFIG)
    monitor = Monitor(app, adapters.__getitem__, "bench", CONFIG)
    rows: dict[str, tuple[int, float, float]] = {}
    rows["publish lane"] = measured(app.db, lambda: publisher.run_lane("facebook"))
    rows["pending-hide retry"] = measured(
        app.db, lambda: monitor.retry_hides("facebook", PollResult("facebook")))
    rows["outbox delivery"] = measured(
        app.db, lambda: deliver_outbox(app, WEBHOOK, timeout=2.0))
    rows["credits release, none due"] = measured(app.db, lambda: release_holds(
        app, "facebook", (HoldKind.CREDITS,), actor="bench", due_by=datetime.now(UTC)))
    rows["retention purge"] = measured(app.db, lambda: purge_expired(app))
    with app.db.engine.begin() as conn:
        conn.execute(update(Delivery).values(next_attempt_at=datetime.now(UTC)
                                             - timedelta(minutes=1)))
    rows["credits release, all N due"] = measured(app.db, lambda: release_holds(
        app, "facebook", (HoldKind.CREDITS,), actor="bench", due_by=datetime.now(UTC)))
    app.close()
    return rows


def database_for(base: str | None, root: Path, n: int) -> str:
    if not base:
        return f"sqlite:///{root / f'held_{n}.db'}"
    admin = make_url(base)
    name = f"{admin.database}_held_{n}"
    engine = create_engine(admin.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return admin.set(database=name).render_as_string(hide_password=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--database-url", help="a PostgreSQL URL (default: SQLite files)")
    args = parser.parse_args()
    if len(args.sizes) < 2 or not all(10 <= n <= 5000 for n in args.sizes):
        parser.error("two or more sizes, each 10..5000 (the first is the reference)")
    policy = Path(__file__).resolve().parents[1] / "social_bot" / "policy.example.toml"
    results = {}
    with tempfile.TemporaryDirectory(prefix="held-pass-") as tmp:
        root = Path(tmp)
        for n in args.sizes:
            data = root / f"data_{n}"
            data.mkdir(mode=0o700)
            results[n] = one_size(database_for(args.database_url, root, n), data, policy, n)
    ref = args.sizes[0]
    print(f"{'pass':<28}" + "".join(f"{'N=' + str(n):>26}" for n in args.sizes)
          + "   ratio to N=" + str(ref))
    for name in results[ref]:
        cells, ratios = [], []
        for n in args.sizes:
            count, seconds, longest = results[n][name]
            cells.append(f"{count:>6} st {seconds * 1000:>7.0f} ms {longest * 1000:>6.0f}")
            base_count, base_seconds, _ = results[ref][name]
            ratios.append(f"{count / max(base_count, 1):.1f}x st, "
                          f"{seconds / base_seconds:.1f}x t" if base_seconds else
                          f"{count / max(base_count, 1):.1f}x")
        print(f"{name:<28}" + "".join(f"{c:>26}" for c in cells) + "   "
              + " | ".join(ratios[1:]))
    print("\nSQL statements (st), wall time of one pass (ms) and of its longest transaction "
          f"(last column, ms); python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
