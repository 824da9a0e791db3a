"""A revision shown to an approver is a keyed row (an outside review, session 47): a row
inserted in the database (no MAC, or one copied from another row) does not let a plain
`approve ID` count for a revision that approver was never shown; a fresh `show` does."""

from __future__ import annotations

from sqlalchemy import insert, select, update
from test_session46_policy2 import empty_url  # noqa: F401 - the fixture
from test_web_support import new_post

from social_bot.approvals import VerifiedIdentity
from social_bot.chat import handle_command
from social_bot.chat.memory import was_shown
from social_bot.db.models import Approval, ChatView, utcnow
from social_bot.posts import show_post

DANA = VerifiedIdentity("slack", "U01DANA")


def _votes(app, post_id: int) -> int:  # noqa: ANN001
    with app.db.read() as session:
        return len(list(session.scalars(select(Approval).where(Approval.post_id == post_id))))


def test_an_inserted_view_row_does_not_let_a_plain_approve_count(make_app) -> None:  # noqa: ANN001
    app = make_app()
    post_id = new_post(app, shown_to=())
    content_hash = show_post(app, post_id)["revision_hash"]
    with app.db.write() as session:  # what a database administrator can do
        session.execute(insert(ChatView).values(identity=DANA.label, post_id=post_id,
                                                content_hash=content_hash, shown_at=utcnow()))
    reply = handle_command(app, DANA, f"approve {post_id}")
    assert not reply.ok and "not been shown" in reply.text and _votes(app, post_id) == 0
    handle_command(app, DANA, f"show {post_id}")  # a real show keys the row
    assert handle_command(app, DANA, f"approve {post_id}").ok and _votes(app, post_id) == 1


def test_a_mac_copied_from_another_row_does_not_check(make_app) -> None:  # noqa: ANN001
    app = make_app()
    shown = new_post(app, "Flu shots all week.", shown_to=(DANA.label,))
    other = new_post(app, "Open house on Friday.", shown_to=())
    assert was_shown(app.db, DANA.label, shown, show_post(app, shown)["revision_hash"])
    with app.db.write() as session:  # the row moved to another post, its MAC kept
        session.execute(update(ChatView).where(ChatView.post_id == shown).values(
            post_id=other, content_hash=show_post(app, other)["revision_hash"]))
    assert not was_shown(app.db, DANA.label, other, show_post(app, other)["revision_hash"])
    assert not handle_command(app, DANA, f"approve {other}").ok


def test_the_migration_keys_nothing_old_and_goes_down_again(
        empty_url) -> None:  # noqa: ANN001, F811
    """A row from before the MAC does not count: a plain approve needs a fresh `show`."""
    from conftest import TEST_KEYS
    from sqlalchemy import text

    from social_bot.db.engine import Database
    from social_bot.db.migrate import upgrade

    db = Database(empty_url, audit_keys=TEST_KEYS)
    try:
        upgrade(db, "audit_action")
        with db.engine.begin() as conn:
            conn.execute(text("INSERT INTO chat_views (identity, post_id, content_hash, "
                              "shown_at) VALUES ('slack:U01DANA', 1, :h, :t)"),
                         {"h": "ab" * 32, "t": utcnow()})
        upgrade(db)
        assert not was_shown(db, "slack:U01DANA", 1, "ab" * 32)
        down_and_up(db, "audit_action")
    finally:
        db.dispose()


def down_and_up(db, revision: str) -> None:  # noqa: ANN001
    """Migrate ``db`` down to ``revision``, then up to the head again."""
    from alembic import command

    from social_bot.db.migrate import alembic_config, upgrade

    cfg = alembic_config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)
    upgrade(db)
