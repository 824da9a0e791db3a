"""Session 49: the claim's audit lookups read the post's own records, not the whole trail.

`select ... where post_id = ? and action = ? order by seq` made SQLite read by
`ix_audit_action_seq` (it gives seq order for free) and walk every record of that action in
the trail: on every claim, every `delivery.published` record of every post ever published,
every `post.cancelled` and every later `post.edited`. `audit.post_records` sorts in Python
instead, so SQLite reads by `ix_audit_post`. Timings are in bench/queue_scale.py; here the
query plan (SQLite's EXPLAIN QUERY PLAN, which depends only on the schema: SQLite keeps no
statistics unless ANALYZE is run, and socialbot never runs it).
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import event
from test_daemon_helpers import FakePlatforms, approved_post
from test_publish import FAST

from social_bot import audit
from social_bot.daemon.publisher import Publisher
from social_bot.db.models import AuditRecord

SQLITE_ONLY = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def _plan(conn: Any, statement: str, parameters: Any) -> list[str]:
    return [row[-1] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}",
                                                    parameters)]


def _reads_by_post(plan: list[str]) -> bool:
    return any("ix_audit_post (post_id=?)" in step for step in plan)


@SQLITE_ONLY
def test_every_audit_lookup_of_a_claim_and_publish_reads_the_posts_own_records(
        make_app) -> None:
    app = make_app()
    for n in range(3):
        approved_post(app, f"Flu shots all week, clinic {n}", ["x", "linkedin"])
    Publisher(app, FakePlatforms(), "w1", FAST).run_lane("x")  # delivery.published records

    statements: list[tuple[str, Any]] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001
        if statement.lstrip().upper().startswith("SELECT") and "audit_records.post_id = ?" \
                in statement:
            statements.append((statement, parameters))

    event.listen(app.db.engine, "before_cursor_execute", record)
    platforms = FakePlatforms()
    Publisher(app, platforms, "w1", FAST).run_lane("linkedin")
    event.remove(app.db.engine, "before_cursor_execute", record)
    assert len(platforms["linkedin"].texts()) == 3
    actions = {p for _, params in statements for p in params if isinstance(p, str)}
    assert {"delivery.published", "post.cancelled", "post.edited", "post.created"} <= actions

    with app.db.engine.connect() as conn:
        walks = [(" ".join(s.split()[-12:]), params, plan) for s, params in statements
                 if not _reads_by_post(plan := _plan(conn, s, params))]
    assert walks == []


@SQLITE_ONLY
def test_post_records_reads_by_post_and_keeps_chain_order(make_app) -> None:
    app = make_app()
    post_id = approved_post(app, "Flu shots all week", ["x"])
    with app.db.read() as session:
        captured: list[tuple[str, Any]] = []
        engine = app.db.engine

        def record(conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001
            if "FROM audit_records" in statement:
                captured.append((statement, parameters))

        event.listen(engine, "before_cursor_execute", record)
        one = audit.post_records(session, post_id, AuditRecord.action == "approval.recorded")
        everything = audit.post_records(session, post_id)
        event.remove(engine, "before_cursor_execute", record)
        with engine.connect() as conn:
            assert len(captured) == 2
            assert all(_reads_by_post(_plan(conn, s, p)) for s, p in captured)
    assert [r.actor for r in one] == ["Dana Whitfield", "Luis Ortega"]
    seqs = [r.seq for r in everything]
    assert seqs == sorted(seqs) and len(seqs) > len(one)
    assert [r.action for r in everything][0] == "post.created"
