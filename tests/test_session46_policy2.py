"""Session 46, policy follow-ups: an index for the trail's `policy.changed` searches, the
polling budget and reserve under the loosening rule, a slow SOCIALBOT_POLL_INTERVAL said,
and the last good policy's record saying what it stands in for. SQLite and PostgreSQL where
storage is touched (the `db` fixture runs both)."""

from __future__ import annotations

import logging
import os
import secrets

import pytest
from test_session46_policysec import (
    _comment,
    _loads,
    _Platform,
    _published,
    _records,
    _with,
    _write,
    live,  # noqa: F401 - the fixture
)

# -- 1. the index on (action, seq) ----------------------------------------------------------------


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request, tmp_path):  # noqa: ANN001, ANN201
    """An empty database (no schema) on each back end, PostgreSQL's private to the test."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'fresh.db'}"
        return
    from conftest import PG_ADMIN_URL
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    request.getfixturevalue("pg_url")  # skips (or fails under CI) without a server
    admin_url = make_url(PG_ADMIN_URL).set(drivername="postgresql+psycopg")
    name = f"sbmig_{os.getpid()}_{secrets.token_hex(3)}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield admin_url.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _audit_indexes(db) -> dict[str, list[str]]:  # noqa: ANN001
    import warnings

    from sqlalchemy import inspect
    from sqlalchemy.exc import SAWarning

    with db.engine.connect() as conn, warnings.catch_warnings():
        # SQLAlchemy skips, with a warning, the expression index ix_audit_consent (0017)
        warnings.simplefilter("ignore", SAWarning)
        return {i["name"]: i["column_names"] for i in inspect(conn).get_indexes("audit_records")}


def index_stages(url: str, before: str, indexes) -> list:  # noqa: ANN001
    """``indexes(db)`` at revision ``before``, at head, down at ``before`` again, and at head
    again: what a migration adding an index must show on the way up and down."""
    from alembic import command

    from social_bot.db.engine import Database
    from social_bot.db.migrate import alembic_config, upgrade

    db = Database(url)
    try:
        upgrade(db, before)
        stages = [indexes(db)]
        upgrade(db)
        stages.append(indexes(db))
        cfg = alembic_config()
        with db.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, before)
        stages.append(indexes(db))
        upgrade(db)  # and up again
        stages.append(indexes(db))
        return stages
    finally:
        db.dispose()


def test_the_migration_adds_and_drops_the_action_index(empty_url):
    """The `policy.changed` searches read the whole trail: `action` had no index."""
    stages = index_stages(empty_url, "keyed_hash", _audit_indexes)
    assert [stage.get("ix_audit_action_seq") for stage in stages] == [
        None, ["action", "seq"], None, ["action", "seq"]]


def test_the_policy_searches_use_the_index(db):
    """The planner's choice for each search: the index, not the seq index and a filter."""
    from sqlalchemy import event

    from social_bot import policy_audit

    seen: list[tuple[str, object]] = []

    def capture(conn, cursor, statement, parameters, context, many):  # noqa: ANN001, ARG001
        if "FROM audit_records" in statement and "action" in statement:
            seen.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", capture)
    with db.read() as session:
        policy_audit._first_holding(session, "policy", sha256="ab" * 32)
        policy_audit._last_named(session)
        policy_audit._named_since(session, 0)
    event.remove(db.engine, "before_cursor_execute", capture)
    assert len(seen) == 3
    for plan in plans(db, seen):
        assert "ix_audit_action_seq" in plan, plan


def plans(db, statements: list[tuple[str, object]]) -> list[str]:  # noqa: ANN001
    """The planner's choice for each (statement, parameters) run on ``db``."""
    sqlite = db.engine.dialect.name == "sqlite"
    out = []
    with db.engine.connect() as conn:
        cursor = conn.connection.cursor()
        if not sqlite:  # a small table: a sequential scan is cheapest, so forbid it
            cursor.execute("SET enable_seqscan = off")
        for statement, parameters in statements:
            cursor.execute(("EXPLAIN QUERY PLAN " if sqlite else "EXPLAIN ") + statement,
                           parameters)
            out.append(" ".join(str(row[-1] if sqlite else row[0])
                                for row in cursor.fetchall()))
    return out


# -- 2. the polling budget and reserve are loosenings ----------------------------------------------

@pytest.mark.parametrize(("polling", "said"), [
    ("daily_calls = { linkedin = 100 }",
     "polling.daily_calls.linkedin = 100 (shipped 500; polling gets 75 a day"),
    ("daily_calls = { x = 90 }", "polling.daily_calls.x = 90 (shipped no budget;"),
    ("publish_reserve = 0.6", "polling.publish_reserve = 0.6 (shipped 0.25; polling gets 200 "
                              "calls a day on linkedin"),
])
def test_a_budget_or_reserve_that_starves_polling_needs_a_reason(polling, said):
    from policies.config import PolicyError

    with pytest.raises(PolicyError) as refused:
        _loads(_with(tail=f"\n[polling]\n{polling}\n"))
    assert said in str(refused.value) and "[loosened]" in str(refused.value)
    assert "until the next UTC day" in str(refused.value)


def test_a_budget_left_ample_is_no_loosening_and_a_reason_for_it_is_refused():
    from policies.config import PolicyError

    ample = "\n[polling]\ndaily_calls = { linkedin = 1000000, x = 800 }\npublish_reserve = 0.5\n"
    assert _loads(_with(tail=ample)).polling.poll_allowance("linkedin") == 500_000
    with pytest.raises(PolicyError, match="polling.publish_reserve: the setting is not looser"):
        _loads(_with(tail=ample + '\n[loosened]\n"polling.publish_reserve" = '
                     '"we publish a great deal every morning"\n'))


def test_a_starved_budget_with_its_reasons_loads_and_the_trail_records_them(live,  # noqa: F811
                                                                            policy_file):
    from test_daemon_helpers import approved_post

    tier = "LinkedIn gave us the development tier only."
    morning = "Most of our calls go to publishing each morning."
    text = _with(tail=f'\n[polling]\ndaily_calls = {{ linkedin = 200 }}\npublish_reserve = 0.5\n'
                      f'\n[loosened]\n"polling.daily_calls.linkedin" = "{tier}"\n'
                      f'"polling.publish_reserve" = "{morning}"\n')
    assert _loads(text).polling.poll_allowance("linkedin") == 100
    approved_post(live, "Open house on Friday at noon", ["x"])
    digest = _write(policy_file, text)
    approved_post(live, "Open house on Saturday at noon", ["x"])
    last = [d for a, d in _records(live) if a == "policy.changed"][-1]
    assert last["sha256"] == digest
    assert last["changes"]["loosened.polling.daily_calls.linkedin"]["to"] == tier
    assert last["changes"]["loosened.polling.publish_reserve"]["to"] == morning


# -- 3. SOCIALBOT_POLL_INTERVAL slower than shipped is said ----------------------------------------

def test_a_slow_first_poll_is_a_warning_in_check_for_each_watched_platform():
    from datetime import UTC, datetime

    from social_bot.accounts.status import Facts, Level, evaluate
    from social_bot.daemon.config import poll_interval, slow_first_poll

    assert slow_first_poll(poll_interval({})) is None
    assert slow_first_poll(poll_interval({"SOCIALBOT_POLL_INTERVAL": "30"})) is None
    slow = slow_first_poll(poll_interval({"SOCIALBOT_POLL_INTERVAL": "3600"}))
    assert slow is not None and "up to 1 h before it is read" in slow
    now = datetime.now(UTC)
    facts = Facts("x", True, "store", granted=("tweet.read",), never_expires=True)
    watched = evaluate(facts, now, slow_poll=slow)
    assert (Level.WARN, slow) in [(f.level, f.message) for f in watched.findings]
    assert not watched.ok
    unwatched = evaluate(facts, now, slow_poll=slow, unwatched=frozenset({"x"}))
    assert slow not in [f.message for f in unwatched.findings]


# -- 4. the last good policy's record says what it stands in for ---------------------------------

def _monitor(app, platform):  # noqa: ANN001, ANN202
    from social_bot.daemon.config import DaemonConfig
    from social_bot.daemon.monitor import Monitor

    return Monitor(app, lambda name: platform, "w1", DaemonConfig(batch=10), classifier=object())


def _hide_one(monitor, app, post_id, delivery_id, remote):  # noqa: ANN001, ANN202
    from social_bot.daemon.monitor import PollResult

    _comment(app, post_id, delivery_id, "hide_pending", remote)
    result = PollResult("x")
    monitor.retry_hides("x", result)
    assert result.hidden == 1


def test_a_hide_under_the_last_good_policy_is_recorded_as_standing_in(live,  # noqa: F811
                                                                      policy_file):
    """The trail named the last good policy as if it were the file in force: a hide taken
    while the file was refused read as taken under an accepted file."""
    from social_bot.errors import UserError

    post_id, delivery_id = _published(live)
    good, original = live.policy, policy_file.read_text()
    monitor = _monitor(live, _Platform())
    _hide_one(monitor, live, post_id, delivery_id, "c-1")  # named: the file in force
    refused = _write(policy_file, _with().replace("[moderation]", "[moderation"))
    with pytest.raises(UserError):
        live.policy  # noqa: B018
    _hide_one(monitor, live, post_id, delivery_id, "c-2")
    _hide_one(monitor, live, post_id, delivery_id, "c-3")  # the same stand-in: no new record
    _write(policy_file, original)  # fixed, as it was
    assert live.policy.digest == good.digest
    _hide_one(monitor, live, post_id, delivery_id, "c-4")
    records = [(a, d) for a, d in _records(live) if a in ("policy.changed", "comment.hidden")]
    named = [(d["sha256"], d.get("stands_in_for", {}).get("sha256"))
             for a, d in records if a == "policy.changed"]
    assert named[-3:] == [(good.digest, None), (good.digest, refused), (good.digest, None)]
    stood = [d for a, d in records if a == "policy.changed"][-2]["stands_in_for"]
    assert "policy" in stood["refused"] and "\n" not in stood["refused"]
    hidden_under = []
    current = None
    for action, detail in records:
        if action == "policy.changed":
            current = detail.get("stands_in_for", {}).get("sha256")
        else:
            hidden_under.append(current)
    assert hidden_under[-4:] == [None, refused, refused, None]
    from social_bot.audit import verify_database

    assert verify_database(live.db).ok  # the stand-in record points to the policy it names


def test_another_process_on_a_file_refused_here_is_not_called_a_different_file(
        db, tmp_path, monkeypatch, caplog):
    """While this process hides under its last good policy, another loads a file: their
    records alternate, and the warning said the two used different policy files."""
    from conftest import POLICY_TOML
    from test_daemon_helpers import AUTHOR, DANA
    from test_session45_policy import app_reading

    from social_bot import policy_watch
    from social_bot.approvals import approve
    from social_bot.posts import create_post, prepare_draft

    monkeypatch.setattr(policy_watch, "CHECK_EVERY", 0.0)
    path = tmp_path / "policy.toml"
    path.write_text(POLICY_TOML)
    daemon, chat = app_reading(db, tmp_path, path), app_reading(db, tmp_path, path)
    post_id, delivery_id = _published(daemon)
    monitor = _monitor(daemon, _Platform())
    _hide_one(monitor, daemon, post_id, delivery_id, "c-1")
    path.write_text(POLICY_TOML + "\n[polling]\npublish_reserve = 0.9\n")  # refused here ...
    daemon.policy_or_last_good  # noqa: B018 - the daemon looks, and refuses it
    path.write_text(POLICY_TOML.replace("Mina Okafor", "Mina Okafor-Reyes"))
    monkeypatch.setattr(policy_watch, "CHECK_EVERY", 3600.0)  # ... and not looked at again
    with caplog.at_level(logging.WARNING, logger="socialbot.policy"):
        for n, remote in enumerate(("c-2", "c-3")):
            post = create_post(chat, AUTHOR, prepare_draft(chat, f"Flu shots from {n + 2} pm",
                                                           ["x"], None))
            approve(chat, DANA, post)  # the chat server loads the edited file
            _hide_one(monitor, daemon, post_id, delivery_id, remote)
    said = " ".join(r.getMessage() for r in caplog.records)
    assert "using a different policy file" not in said
    assert "is refused here" in said and "standing in" in said  # the daemon
    assert "another socialbot process refuses its policy file" in said  # the chat server
    stands = [d.get("stands_in_for") for a, d in _records(daemon) if a == "policy.changed"]
    assert sum(1 for s in stands if s is not None) == 2
