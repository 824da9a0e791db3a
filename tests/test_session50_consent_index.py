"""Session 50: an authorization's audit records are found through an index on the consent
their keyed detail names (migration 0018), not by reading every consent record in the
trail on each check. SQLite and PostgreSQL (the `db` and `empty_url` fixtures run both)."""

from __future__ import annotations

import pytest
from dates_ahead import a_year_ahead
from sqlalchemy import event, text
from test_daemon_helpers import AUTHOR
from test_session46_policy2 import empty_url, index_stages, plans  # noqa: F401 - the fixture

from social_bot.consents import add_consent, audited_problem, revoke_consent
from social_bot.db.models import Consent


def _audit_indexes(db) -> set[str]:  # noqa: ANN001
    """From the catalogue: SQLAlchemy's reflection skips an index on an expression."""
    catalogue = ("SELECT name FROM sqlite_master WHERE type = 'index' AND "
                 "tbl_name = 'audit_records'" if db.engine.dialect.name == "sqlite" else
                 "SELECT indexname FROM pg_indexes WHERE tablename = 'audit_records'")
    with db.engine.connect() as conn:
        return set(conn.execute(text(catalogue)).scalars())


def test_the_migration_adds_and_drops_the_consent_index(empty_url):  # noqa: F811
    stages = index_stages(empty_url, "reply_remote_in_hash", _audit_indexes)
    assert ["ix_audit_consent" in stage for stage in stages] == [False, True, False, True]


def _problems_and_lookups(app, ids: list[int]) -> tuple[list[str | None], list]:  # noqa: ANN001
    """Each authorization's audited problem, and the consent-record lookups that made it."""
    seen: list[tuple[str, object]] = []

    def capture(conn, cursor, statement, parameters, context, many):  # noqa: ANN001, ARG001
        if "FROM audit_records" in statement and "consent.added" in statement:
            seen.append((statement, parameters))

    event.listen(app.db.engine, "before_cursor_execute", capture)
    try:
        with app.db.read() as session:
            problems = [audited_problem(session, session.get(Consent, cid)) for cid in ids]
    finally:
        event.remove(app.db.engine, "before_cursor_execute", capture)
    return problems, seen


def test_an_authorization_check_reads_its_records_through_the_index(make_app) -> None:  # noqa: ANN001
    app = make_app()
    ids = [add_consent(app, AUTHOR, f"Patient Number{n}", ["name"], a_year_ahead(),
                       form_ref=f"tray {n}") for n in range(3)]
    revoke_consent(app, AUTHOR, ids[1], "withdrawn")
    problems, seen = _problems_and_lookups(app, ids)
    # each found its own records, and only the revoked one is out of force
    assert problems[0] is None and problems[2] is None
    assert problems[1] is not None and "revoked" in problems[1]
    assert len(seen) == len(ids)
    for plan in plans(app.db, seen):
        assert "ix_audit_consent" in plan, plan


@pytest.mark.parametrize("other", ["5", 5.5])
def test_a_record_naming_another_consent_is_not_taken_for_it(make_app, other) -> None:  # noqa: ANN001
    """The index is a pre-filter: a consent record is still judged on its parsed, keyed
    detail (a string "5" where PostgreSQL's ->> reads text alike is not consent 5)."""
    from social_bot import audit

    app = make_app()
    cid = add_consent(app, AUTHOR, "Patient Numberfive", ["name"], a_year_ahead(),
                      form_ref="tray 5")
    with app.db.write() as session:
        audit.append(session, actor="x", action="consent.revoked",
                     detail={"consent": str(cid) if other == "5" else cid + 0.5})
    problems, _ = _problems_and_lookups(app, [cid])
    assert problems == [None]
