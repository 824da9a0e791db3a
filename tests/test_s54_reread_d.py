"""Outside review D of session 54's s54-cfix (docs/history/security.md): C1 (long comments
judged) and C4 (Facebook comments re-read by id). The texts are this reviewer's own; no
devset or blind-set line is used."""

from __future__ import annotations

import pytest
from test_s54_cfix import MARK, _judge, _names

from social_bot.daemon.monitor import ANALYSED_CHARS, TOO_LONG

# --- C1 -----------------------------------------------------------------------------------


@pytest.mark.parametrize("pair", [" \t", " \u200b", "\u00a0\n", "\u200b\u200c"])
def test_phi_between_two_pads_of_alternating_blanks_is_still_judged(make_app,
                                                                    pair: str) -> None:
    """A line renders alone between two pads of two alternating blank or invisible characters
    (each pad longer than ANALYSED_CHARS): as_read shortens only runs of one repeated
    character, and the two windows hold nothing but padding, so the words were never
    classified (only ``too_long``). What a reader sees is one short line."""
    pad = pair * (ANALYSED_CHARS // 2 + 1)
    flags, stand_in = _judge(make_app, [pad + f"{MARK}: her chart number is on the desk" + pad])
    assert "phi" in _names(flags[0])
    assert all(len(p) <= ANALYSED_CHARS for p in stand_in.parts)


def test_a_long_visible_comment_still_costs_at_most_its_two_windows_plus_two(make_app) -> None:
    """The bound the fix keeps: a long comment of visible words is classified on at most four
    parts of ANALYSED_CHARS (before: two), and prose with no padding is judged as before."""
    filler = "The parking lot needs more lights at night. " * 2_000
    flags, stand_in = _judge(make_app, [filler + f" {MARK} " + filler])
    assert _names(flags[0]) == [TOO_LONG]  # the middle of visible prose: a person reads it
    assert len(stand_in.parts) <= 4 and all(len(p) <= ANALYSED_CHARS for p in stand_in.parts)


# --- C4 -----------------------------------------------------------------------------------


def test_comments_deleted_by_their_authors_do_not_starve_the_others_re_read(
        make_app, sandbox, monkeypatch) -> None:
    """Scaled down (4 comments a page, 2 pages a sweep): a commenter deletes one comment in
    each page's worth. Under s54-cfix's read by id every batch naming a gone id was refused
    and halved, and the call bound ran out on the same first batches every sweep; paging the
    comments edge (s54-fbedits), a gone comment is simply not listed, and a sweep's stored
    cursor lapsing with its comment restarts the round once: every kept comment's edit is
    still read within the bound."""
    import requests
    from test_session43_edited_comments import _comment, _edit, _monitor

    monkeypatch.setattr("adapters.facebook.PAGE_SIZE", 4)
    monkeypatch.setattr("social_bot.daemon.monitor.REREAD_PAGES", 2)
    app, monitor, remote = _monitor(make_app, sandbox, "facebook")
    ids = [_comment(sandbox, "facebook", remote, f"The garden looks lovely ({n})", f"guest{n}")
           for n in range(16)]
    assert monitor.run_platform("facebook").stored == 16
    for gone in ids[0::4]:
        requests.delete(f"{sandbox.url}/_sandbox/comments/{gone}", timeout=5)
    kept = [i for n, i in enumerate(ids) if n % 4]
    for n, kept_id in enumerate(kept):
        _edit(sandbox, kept_id, f"The garden looks lovely, edited ({n})")
    edited = sum(monitor.run_platform("facebook").edited for _ in range(6))
    # each was due within ceil(3 pages / 2) sweeps, one more for a restart; 6 are given
    assert edited == len(kept) == 12


# --- D1 -----------------------------------------------------------------------------------


def test_check_warns_when_the_role_can_become_the_audit_trails_owner() -> None:
    """role_warning asked has_table_privilege only: a login that is a NOINHERIT member of the
    owner role (a common convenience grant), an owner that revoked its own rights, and a
    CREATEROLE login (which may grant itself the owner role) were all silent, yet each
    rewrites audit_records in two statements (SET ROLE; UPDATE), shown here."""
    import secrets

    import sqlalchemy as sa
    from conftest import PG_ADMIN_URL
    from sqlalchemy.engine import make_url

    from social_bot.db.engine import Database
    from social_bot.db.migrate import upgrade
    from social_bot.db.pg_role import role_warning

    admin_url = make_url(PG_ADMIN_URL).set(drivername="postgresql+psycopg")
    tag = secrets.token_hex(3)
    owner, member, maker, name = (f"rd_owner_{tag}", f"rd_member_{tag}", f"rd_maker_{tag}",
                                  f"rd_roles_{tag}")
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT",
                             connect_args={"connect_timeout": 3})
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE ROLE "{owner}" LOGIN NOSUPERUSER'))
            conn.execute(sa.text(f'CREATE ROLE "{member}" LOGIN NOSUPERUSER NOINHERIT'))
            conn.execute(sa.text(f'CREATE ROLE "{maker}" LOGIN NOSUPERUSER CREATEROLE'))
            conn.execute(sa.text(f'GRANT "{owner}" TO "{member}"'))
            conn.execute(sa.text(f'CREATE DATABASE "{name}" OWNER "{owner}"'))
    except Exception as exc:  # noqa: BLE001 - no server: as the other PostgreSQL tests
        admin.dispose()
        pytest.skip(f"PostgreSQL not reachable: {exc}")
    url = admin_url.set(database=name)
    try:
        owner_db = Database(url.set(username=owner).render_as_string(False))
        upgrade(owner_db)
        with owner_db.engine.begin() as conn:
            conn.exec_driver_sql(f'GRANT SELECT, INSERT ON audit_records TO "{member}", '
                                 f'"{maker}"')
        member_url = url.set(username=member).render_as_string(False)
        engine = sa.create_engine(member_url)
        with engine.begin() as conn:  # the route: the member acts as the owner
            conn.exec_driver_sql(f'SET ROLE "{owner}"')
            conn.exec_driver_sql("UPDATE audit_records SET actor = actor")
        engine.dispose()
        assert role_warning(member_url) is not None
        assert role_warning(url.set(username=maker).render_as_string(False)) is not None
        with owner_db.engine.begin() as conn:  # an owner without the rights is still owner
            conn.exec_driver_sql(f'REVOKE UPDATE, DELETE, TRUNCATE ON audit_records FROM '
                                 f'"{owner}"')
        owner_db.dispose()
        assert role_warning(url.set(username=owner).render_as_string(False)) is not None
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            for role in (member, maker, owner):
                conn.execute(sa.text(f'DROP ROLE IF EXISTS "{role}"'))
        admin.dispose()


def test_the_facebook_re_read_uses_no_multi_id_request(sandbox, monkeypatch) -> None:
    """C4-c: Graph's multi-ID read (GET /?ids=...) is closed to apps made since 2026-11-04
    on every version (Meta's v27.0 post), so the edit re-read pages the post's own comments
    edge (s54-fbedits)."""
    import requests
    from test_session43_edited_comments import _comment

    from adapters import adapter_class
    from adapters.base import PermanentError
    from adapters.facebook import FacebookAdapter
    from social_bot.sandbox import sandbox_env

    requests.post(sandbox.url + "/_sandbox/reset", timeout=5)
    adapter = adapter_class("facebook").from_env(sandbox_env(sandbox.url, "sandbox"))
    remote = adapter.publish("Flu clinic news").id
    ids = [_comment(sandbox, "facebook", remote, f"Good to know ({n})", f"r{n}")
           for n in range(3)]
    asked: list[dict] = []
    original = FacebookAdapter._call

    def recorded(self, method, node, about=None, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(dict(kwargs.get("params") or {}))
        return original(self, method, node, about, **kwargs)

    monkeypatch.setattr(FacebookAdapter, "_call", recorded)
    read = adapter.reread_paged(remote, [], max_pages=5)
    assert asked and not any("ids" in params for params in asked)
    assert sorted(c.id for c in read) == sorted(ids)  # and every comment was read again
    # the stand-in refuses the multi-ID read as Graph does for an app made after 2026-11-04
    with pytest.raises(PermanentError):
        original(adapter, "GET", "", params={"ids": ",".join(ids)})
