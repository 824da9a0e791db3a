"""Session 54's fixes to the attack review's comment findings (docs/history/security.md): C1 (a
comment over ANALYSED_CHARS is read as a person reads it, and judged on its ends), C2 (a
reply is held to the platform's comment limit), C4 (Facebook comments re-read by id). The
texts are this engineer's own; no devset or blind-set line is used."""

from __future__ import annotations

from typing import Any

from policies.moderation import Flag
from social_bot.daemon.monitor import ANALYSED_CHARS, TOO_LONG, UNCHECKED, Monitor

MARK = "zebra-marker"  # what the stand-in classifier flags, wherever it is in a part


class Marking:
    """A stand-in classifier: ``phi`` at 0.9 for a part holding MARK; records every part."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def classify_many(self, texts: list[str]) -> list[list[Flag]]:
        self.parts += texts
        return [[Flag("phi", 0.9, "marked")] if MARK in t else [] for t in texts]


def _judge(make_app: Any, texts: list[str]) -> tuple[list[list[Any]], Marking]:
    stand_in = Marking()
    monitor = Monitor(make_app(), lambda name: None, "w1", classifier=stand_in)
    return monitor.judge(texts), stand_in


def _names(flags: list[Any]) -> list[str]:
    return [f.flag for f in flags]


def test_as_read_counts_a_run_of_one_blank_or_invisible_character_once() -> None:
    from policies.moderation.as_read import as_read, windows

    assert as_read("a" + " " * 30_000 + "b") == "a b"
    assert as_read("a\n\n\n\n b") == "a\n b"
    assert as_read("a" + "\u200b" * 25_000 + "b") == "a\u200bb"
    assert as_read("a" + "\u00a0" * 5 + "\u3000" * 5 + "b") == "a\u00a0\u3000b"
    # visible repeats and doubled letters stay; so do runs of different invisible characters,
    # which may spell hidden text the classifier decodes (policies/hidden.py)
    assert as_read("Noooo!!!!! éé") == "Noooo!!!!! éé"
    assert as_read("x\u200b\u200c\u200b\u200cy") == "x\u200b\u200c\u200b\u200cy"
    assert windows("abc", 5) == ["abc"] and windows("abcdefg", 3) == ["abc", "efg"]


def test_padding_no_longer_makes_a_comment_too_long_to_judge(make_app) -> None:
    padded = f"{MARK} on the chart\n" + " " * ANALYSED_CHARS + "\u200b" * ANALYSED_CHARS
    flags, stand_in = _judge(make_app, [padded])
    assert _names(flags[0]) == ["phi"]  # read as one line: judged whole, not too_long
    assert all(len(p) <= ANALYSED_CHARS for p in stand_in.parts)


def test_a_comment_still_too_long_is_judged_on_both_ends_and_left_to_a_person(
        make_app) -> None:
    filler = "The parking lot needs more lights at night. " * 30_000  # ~1.3 M visible
    head, tail, middle = (f"{MARK} first " + filler, filler + f" {MARK} last",
                          filler + f" {MARK} " + filler)
    flags, stand_in = _judge(make_app, [head, tail, middle, filler])
    assert [_names(f) for f in flags] == [["phi", TOO_LONG], ["phi", TOO_LONG], [TOO_LONG],
                                          [TOO_LONG]]
    assert len(stand_in.parts) == 8 and all(len(p) == ANALYSED_CHARS for p in stand_in.parts)
    assert flags[0][0].score == 0.9 and "first and last 20,000" in flags[0][1].reason


def test_a_long_blank_comment_is_unchecked_not_too_long(make_app) -> None:
    flags, _ = _judge(make_app, [" " * (ANALYSED_CHARS + 5)])
    assert _names(flags[0]) == [UNCHECKED]


def test_a_comment_within_the_limit_is_judged_as_before(make_app) -> None:
    text = f"{MARK}" + " " * 50 + "end"
    flags, stand_in = _judge(make_app, [text])
    assert stand_in.parts == [text] and _names(flags[0]) == ["phi"]


# --- C4: Facebook comments re-read page by page off the post's comments edge, round-robin ---
# (s54-cfix read the stored ids with Graph's multi-ID read; s54-fbedits pages the edge, as
# new apps may not use multi-ID requests since 2026-11-04)


def test_every_stored_facebook_comment_is_re_read_within_its_bound(make_app, sandbox,
                                                                    monkeypatch) -> None:
    """10 comments, 4 a page, 1 page a sweep: the oldest one's edit is read by the third
    sweep at the latest (ceil(ceil(10 / 4) / 1)); the round goes on from the cursor where
    the last sweep stopped, so the same page is not read every time."""
    from test_session43_edited_comments import _comment, _edit, _monitor

    from adapters.facebook import FacebookAdapter

    monkeypatch.setattr("adapters.facebook.PAGE_SIZE", 4)
    monkeypatch.setattr("social_bot.daemon.monitor.REREAD_PAGES", 1)
    app, monitor, remote = _monitor(make_app, sandbox, "facebook")
    ids = [_comment(sandbox, "facebook", remote, f"The new waiting room is bright ({n})",
                    f"visitor{n}") for n in range(10)]
    for _ in range(4):  # 4 a page, 10 pages a poll at most: stored by the first poll or two
        monitor.run_platform("facebook")
    read: list[list[str]] = []
    original = FacebookAdapter.reread_paged

    def recorded(adapter: Any, *args: Any, **kwargs: Any) -> Any:
        found = original(adapter, *args, **kwargs)
        read.append([c.id for c in found])
        return found

    monkeypatch.setattr(FacebookAdapter, "reread_paged", recorded)
    _edit(sandbox, ids[0], f"{MARK} my neighbour's chart number is on the desk")
    sweeps = 0
    while sweeps < 3 and not monitor.run_platform("facebook").edited:
        sweeps += 1
    assert sweeps < 3, read  # read within ceil(3 pages / 1) sweeps
    assert all(len(r) <= 4 for r in read) and len({tuple(r) for r in read}) == len(read)
    with app.db.read() as session:
        from sqlalchemy import select

        from social_bot.db.models import Comment

        text = session.scalars(select(Comment.text).where(Comment.remote_id == ids[0])).one()
    assert text.startswith(MARK)


def _facebook(sandbox: Any) -> Any:
    import requests

    from adapters import adapter_class
    from social_bot.sandbox import sandbox_env

    requests.post(sandbox.url + "/_sandbox/reset", timeout=5)
    return adapter_class("facebook").from_env(sandbox_env(sandbox.url, "sandbox"))


def test_a_re_read_sweep_keeps_its_page_bound_and_goes_round(sandbox, monkeypatch) -> None:
    """A deleted comment is simply not listed (no refusals); a sweep reads at most its pages
    and calls, hands back where the next goes on, and one begun part way goes round the end
    to where it began."""
    import requests
    from test_session43_edited_comments import _comment, _edit, _requests

    monkeypatch.setattr("adapters.facebook.PAGE_SIZE", 3)
    adapter = _facebook(sandbox)
    remote = adapter.publish("Our flu clinic opens Monday").id
    ids = [_comment(sandbox, "facebook", remote, f"Good to know ({n})", f"reader{n}")
           for n in range(8)]
    _edit(sandbox, ids[5], "Edited words")
    requests.delete(f"{sandbox.url}/_sandbox/comments/{ids[2]}", timeout=5)
    before = _requests(sandbox, "facebook")
    first = adapter.reread_paged(remote, [], max_pages=2)
    assert [c.id for c in first] == [ids[0], ids[1], ids[3], ids[4], ids[5], ids[6]]
    # two pages, then two reads ending on the newest comments of two other authors than the
    # last one's, whose cursors the trail keeps too (s55-small: one commenter's deletions
    # cannot lapse them all)
    assert _requests(sandbox, "facebook") - before == 2 + 2 and len(first.trail) == 4
    assert dict((c.id, c.text) for c in first)[ids[5]] == "Edited words"
    # the next sweep: the last comment, then round to the start, up to its first page read
    second = adapter.reread_paged(remote, first.trail, max_pages=5)
    assert [c.id for c in second][:4] == [ids[7], ids[0], ids[1], ids[3]]
    assert len({c.id for c in second}) == len(second) and not second.restarted
    before = _requests(sandbox, "facebook")
    adapter.reread_paged(remote, [], max_pages=5, max_calls=1)
    assert _requests(sandbox, "facebook") - before == 1  # at most max_calls, whatever


def test_deleting_the_comment_a_sweep_stopped_at_does_not_send_the_round_back(
        sandbox, monkeypatch) -> None:
    """The cursor a sweep stopped at marks its last comment, and Graph refuses it once that
    comment is deleted. Restarting from the first page then would let a commenter keep every
    comment past the first sweep's worth from being read again, by deleting one comment
    before each sweep; the sweep goes on from the cursor before it instead."""
    import requests
    from test_session43_edited_comments import _comment, _requests

    monkeypatch.setattr("adapters.facebook.PAGE_SIZE", 2)
    adapter = _facebook(sandbox)
    remote = adapter.publish("Walk-in hours change next week").id
    ids = [_comment(sandbox, "facebook", remote, f"Thanks ({n})", f"w{n}") for n in range(8)]
    first = adapter.reread_paged(remote, [], max_pages=2)
    # the page ends (ids[1], ids[3]) and, since s55-small, ids[2]: the newest comment of
    # another author than ids[3]'s (ids[1], the next, is a page end already)
    assert [c.id for c in first] == ids[:4] and len(first.trail) == 3
    requests.delete(f"{sandbox.url}/_sandbox/comments/{ids[3]}", timeout=5)
    before = _requests(sandbox, "facebook")
    second = adapter.reread_paged(remote, first.trail, max_pages=1)
    # on from ids[2], the cursor after the lapsed one (before s55-small: ids[1], a page back)
    assert [c.id for c in second] == [ids[4], ids[5]] and not second.restarted
    # the lapsed cursor, the page, and one anchor (its page holds one other author)
    assert _requests(sandbox, "facebook") - before == 3


def test_a_lapsed_re_read_cursor_restarts_the_round_once_and_is_logged(
        make_app, sandbox, monkeypatch, caplog) -> None:
    """Graph's cursors mark a comment and lapse when it is deleted ("Paginated Results"): a
    sweep whose stored cursor is refused reads again from the first page once (one log line)
    instead of failing every sweep; an old comment edited into PHI is still read."""
    import logging

    import requests
    from test_session43_edited_comments import _comment, _edit, _monitor

    monkeypatch.setattr("adapters.facebook.PAGE_SIZE", 2)
    monkeypatch.setattr("social_bot.daemon.monitor.REREAD_PAGES", 1)
    app, monitor, remote = _monitor(make_app, sandbox, "facebook")
    # one author: the trail marks no other author's comment (s55-small), so the two
    # deletions below lapse every stored cursor
    ids = [_comment(sandbox, "facebook", remote, f"Thanks for the reminder ({n})", "r")
           for n in range(5)]
    for _ in range(3):
        monitor.run_platform("facebook")  # stored; the round now stands after a page
    requests.delete(f"{sandbox.url}/_sandbox/comments/{ids[1]}", timeout=5)
    requests.delete(f"{sandbox.url}/_sandbox/comments/{ids[3]}", timeout=5)
    _edit(sandbox, ids[0], f"{MARK} my chart number is 55-1234")
    with caplog.at_level(logging.INFO):
        edited = sum(monitor.run_platform("facebook").edited for _ in range(2))
    assert edited == 1
    assert sum("comments.reread_restarted" in r.getMessage() for r in caplog.records) <= 1
    assert any("comments.reread_restarted" in r.getMessage() for r in caplog.records)


def test_the_graph_stand_in_refuses_a_multi_id_read_and_lapses_cursors(sandbox) -> None:
    """As Graph for an app made since 2026-11-04 (the error's shape is unverified), and as
    Graph's cursors: one marks an item and is invalid once it is deleted."""
    import requests
    from test_session43_edited_comments import _comment

    adapter = _facebook(sandbox)
    remote = adapter.publish("Flu shots on Friday").id
    ids = [_comment(sandbox, "facebook", remote, f"Noted ({n})", f"r{n}") for n in range(3)]
    base = f"{sandbox.url}/facebook/v25.0/"
    auth = {"Authorization": "Bearer sandbox"}
    for path in ("", f"{remote}/comments"):
        answer = requests.get(base + path, params={"ids": ids[0]}, headers=auth, timeout=5)
        assert answer.status_code == 400 and answer.json()["error"]["code"] == 12
    page = requests.get(base + f"{remote}/comments", headers=auth, timeout=5,
                        params={"limit": 1, "filter": "stream", "order": "chronological"})
    after = page.json()["paging"]["cursors"]["after"]
    nxt = requests.get(base + f"{remote}/comments", headers=auth, timeout=5,
                       params={"limit": 1, "after": after, "order": "chronological"})
    assert [c["id"] for c in nxt.json()["data"]] == [ids[1]]
    requests.delete(f"{sandbox.url}/_sandbox/comments/{ids[0]}", timeout=5)
    lapsed = requests.get(base + f"{remote}/comments", headers=auth, timeout=5,
                          params={"limit": 1, "after": after, "order": "chronological"})
    assert lapsed.status_code == 400 and lapsed.json()["error"]["code"] == 100



# --- C2: a reply is held to the platform's comment limit ------------------------------


def test_a_reply_is_held_to_the_comment_limit_of_its_platform() -> None:
    from adapters import validate_draft, validate_reply
    from adapters.base import Draft
    from adapters.limits import REPLY_LIMITS, TEXT_LIMITS

    words = "Our front desk can hold a van space for you if you call ahead. "
    for platform, fits, over in (("linkedin", 1250, 1251), ("facebook", 8000, 8001)):
        assert REPLY_LIMITS[platform].most == fits < TEXT_LIMITS[platform].most
        assert REPLY_LIMITS[platform].source.startswith("weak")
        text = (words * 200)[:over]
        assert validate_draft(platform, Draft(text=text)) == []  # fits a post
        assert validate_reply(platform, text) == [
            f"{platform} (a reply is a comment): {over} of {fits} characters (1 over)"]
        assert validate_reply(platform, text[:fits]) == []
    # X: a reply is a post, one rule, said once by the post check
    assert validate_reply("x", "a" * 300) == [] and validate_draft("x", Draft(text="a" * 300))


def test_the_stand_ins_refuse_a_comment_over_the_limit_as_the_adapters_count_it(
        make_app, sandbox) -> None:
    import pytest
    from test_s54_attack import _inject, _published

    from adapters.base import AdapterError
    from adapters.limits import REPLY_LIMITS

    words = "The north lot has van spaces with side ramps. "
    for platform in ("linkedin", "facebook"):
        _, adapter_for, remote = _published(make_app, sandbox, platform, screener="stand-in")
        comment = _inject(sandbox, platform, remote, "Is there van parking?", "casey")
        most = REPLY_LIMITS[platform].most
        adapter = adapter_for(platform)
        with pytest.raises(AdapterError):
            adapter.reply_to_comment(remote, comment, (words * 300)[:most + 1])
        assert adapter.reply_to_comment(remote, comment, (words * 300)[:most]).id


# --- D1: the PostgreSQL role ----------------------------------------------------------


def test_check_warns_in_one_line_when_the_postgresql_role_is_a_superuser(pg_url) -> None:
    """The test server's `postgres` is a superuser (as the README's URL is)."""
    from social_bot.db.pg_role import role_warning

    line = role_warning(pg_url)
    assert line is not None and "\n" not in line
    assert "superuser 'postgres'" in line and "PostgreSQL roles" in line
    assert role_warning("sqlite:////nonexistent/socialbot.db") is None
    # a server that does not answer: nothing said here (the other checks say it)
    assert role_warning("postgresql+psycopg://nobody@127.0.0.1:1/none") is None


def test_the_documented_app_role_runs_the_product_and_cannot_rewrite_the_trail(
        tmp_path, policy_file, sandbox) -> None:
    """docs/daemon.md's roles on the real server: an owner (no superuser) runs init, the
    grants script gives the app login what it needs; as that login a post is created,
    approved twice, published through the sandbox, a comment stored, flagged and decided,
    and `audit verify` holds; UPDATE, DELETE and TRUNCATE of audit_records are refused, and
    `check` has nothing to say about the role."""
    import secrets
    from pathlib import Path

    import pytest
    import requests
    import sqlalchemy as sa
    from conftest import PG_ADMIN_URL, TEST_AUDIT_KEY, TEST_KEYS, keyword_screener
    from sqlalchemy.engine import make_url
    from test_daemon_helpers import approved_post

    from adapters import adapter_class
    from policies.config import load_policy_file
    from social_bot import audit
    from social_bot.app import App
    from social_bot.comments import list_comments, resolve_comment
    from social_bot.daemon.config import DaemonConfig
    from social_bot.daemon.publisher import Publisher
    from social_bot.db.engine import Database
    from social_bot.db.migrate import upgrade
    from social_bot.db.pg_role import role_warning
    from social_bot.posts import show_post
    from social_bot.sandbox import sandbox_env
    from social_bot.settings import load_settings

    admin_url = make_url(PG_ADMIN_URL).set(drivername="postgresql+psycopg")
    tag = secrets.token_hex(3)
    owner, login, name = f"sb_owner_{tag}", f"sb_app_{tag}", f"sb_roles_{tag}"
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT",
                             connect_args={"connect_timeout": 3})
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE ROLE "{owner}" LOGIN NOSUPERUSER'))
            conn.execute(sa.text(f'CREATE ROLE "{login}" LOGIN NOSUPERUSER'))
            conn.execute(sa.text(f'CREATE DATABASE "{name}" OWNER "{owner}"'))
    except Exception as exc:  # noqa: BLE001 - no server: as the other PostgreSQL tests
        admin.dispose()
        pytest.skip(f"PostgreSQL not reachable: {exc}")
    owner_url = admin_url.set(username=owner, database=name).render_as_string(False)
    app_url = admin_url.set(username=login, database=name).render_as_string(False)
    try:
        owner_db = Database(owner_url)
        upgrade(owner_db)
        grants = Path(__file__).parents[1].joinpath("scripts", "postgres_grants.sql")
        with owner_db.engine.begin() as conn:
            conn.exec_driver_sql(grants.read_text().replace("socialbot_app", f'"{login}"'))
        owner_db.dispose()

        db = Database(app_url, audit_keys=TEST_KEYS)
        settings = load_settings({"SOCIALBOT_DATA_DIR": str(tmp_path / "data"),
                                  "DATABASE_URL": app_url,
                                  "SOCIALBOT_POLICY": str(policy_file),
                                  "SOCIALBOT_AUDIT_KEY": TEST_AUDIT_KEY,
                                  "SOCIALBOT_TIMEZONE": "UTC"}, dotenv=False)
        app = App(settings, db=db, policy=load_policy_file(policy_file),
                  screener=keyword_screener, validator=lambda platform, text, media: [])
        env = sandbox_env(sandbox.url, "sandbox")
        config = DaemonConfig(retry_base=0.0, retry_cap=0.0, poll_interval=0.0, batch=10)

        def adapter_for(platform: str) -> Any:
            return adapter_class(platform).from_env(env)

        post_id = approved_post(app, "Our lobby has new chairs", ["facebook"])
        Publisher(app, adapter_for, "w1", config).run_lane("facebook")
        remote = show_post(app, post_id)["deliveries"][0]["remote_id"]
        assert show_post(app, post_id)["status"] == "published" and remote
        requests.post(sandbox.url + "/_sandbox/comments", timeout=30, json={
            "platform": "facebook", "post_id": remote, "text": "Parking was easy today",
            "author": "angry"})
        monitor = Monitor(app, adapter_for, "w1", config, classifier=Marking())
        assert monitor.run_platform("facebook").stored == 1
        resolve_comment(app, "Pat Author", list_comments(app)[0]["id"], "delete",
                        adapters=adapter_for)
        with db.read() as session:
            assert audit.verify(session).ok
        assert role_warning(app_url) is None
        for statement in ("UPDATE audit_records SET actor = 'x'", "DELETE FROM audit_records",
                          "TRUNCATE audit_records"):
            with pytest.raises(sa.exc.ProgrammingError, match="permission denied"), \
                    db.engine.begin() as conn:
                conn.exec_driver_sql(statement)
        db.dispose()
        # the owner may rewrite the trail: check says so
        assert "may UPDATE, DELETE or TRUNCATE audit_records" in (role_warning(owner_url) or "")
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(sa.text(f'DROP ROLE IF EXISTS "{login}"'))
            conn.execute(sa.text(f'DROP ROLE IF EXISTS "{owner}"'))
        admin.dispose()


def test_the_daemon_logs_the_role_warning_at_start(make_app, database_url, caplog) -> None:
    """The same line as `check`'s, once at start: on the test server's superuser it is
    logged; on SQLite nothing is."""
    import logging

    from social_bot.daemon.config import DaemonConfig
    from social_bot.daemon.runner import Daemon

    app = make_app()
    quiet = DaemonConfig(publish_interval=3600, poll_tick=3600, housekeeping_interval=3600)
    daemon = Daemon(app, worker_id="s54", config=quiet, platforms=(), serve_http=False,
                    publish_adapters={}, poll_adapters={})
    caplog.set_level(logging.WARNING, logger="socialbot.daemon")
    daemon.start()
    try:
        said = [r for r in caplog.records if r.getMessage() == "database.role"]
        if database_url.startswith("sqlite"):
            assert said == []
        else:
            assert len(said) == 1 and "superuser 'postgres'" in said[0].warning
    finally:
        daemon.stop()
