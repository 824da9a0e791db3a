"""`audit verify` checks the chat view rows (session 48). Since session 47 each row is keyed
(chat/memory.py) and a bad one fails closed at vote time, but verify never said so: a row
changed or written in the database went unreported. Now verify names such rows (a count
and their ids, never what they say) and fails as for other tampering (exit 1); a row with
no MAC at all, written before the upgrade, is a note, not tampering (exit 0). Since
session 50 the rows carry the chat door's seal (vote key) instead of the audit key's MAC
(tests/test_session50_view_seal_and_code.py); the checks here read the seal."""

from __future__ import annotations

import base64
import subprocess
import sys

import pytest
from sqlalchemy import insert, select, update
from test_web_support import new_post

from social_bot import audit
from social_bot.db.models import ChatView, utcnow
from social_bot.posts import show_post

DANA, LUIS = "slack:U01DANA", "slack:U02LUIS"


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "social_bot", *args], env=env,
                          capture_output=True, text=True, timeout=120)


def verified(app) -> audit.VerifyResult:  # noqa: ANN001
    with app.db.read() as session:
        return audit.verify(session)


def view_ids(app) -> dict[str, int]:  # noqa: ANN001
    with app.db.read() as session:
        return dict(session.execute(select(ChatView.identity, ChatView.id)).all())


def edit_view(app, row_id: int, **values: object) -> None:  # noqa: ANN001
    with app.db.write() as session:  # what a database administrator can do
        session.execute(update(ChatView).where(ChatView.id == row_id).values(**values))


ZERO_SEAL = base64.b64encode(bytes(64)).decode()


def test_a_tampered_view_seal_fails_audit_verify(make_app, cli_env) -> None:  # noqa: ANN001
    app = make_app()
    new_post(app, shown_to=(DANA, LUIS))
    assert verified(app).ok
    row = view_ids(app)[LUIS]
    edit_view(app, row, seal=ZERO_SEAL)
    done = run(cli_env, "audit", "verify")
    assert done.returncode == 1, done.stderr
    assert (f"audit trail BROKEN: 1 chat view row(s) fail their seal check (ids {row})"
            in done.stderr)
    assert LUIS not in done.stderr + done.stdout  # ids only, nothing a row says


@pytest.mark.parametrize("change", ["identity", "post_id", "content_hash", "shown_at",
                                    "seal"])
def test_each_field_a_view_seal_covers_is_checked(make_app, change: str) -> None:  # noqa: ANN001
    app = make_app()
    new_post(app, shown_to=(DANA,))
    other = new_post(app, "Open house on Friday.", shown_to=())
    row = view_ids(app)[DANA]
    values = {"identity": {"identity": LUIS}, "post_id": {"post_id": other},
              "content_hash": {"content_hash": show_post(app, other)["revision_hash"]},
              "shown_at": {"shown_at": utcnow()}, "seal": {"seal": ZERO_SEAL}}[change]
    edit_view(app, row, **values)
    result = verified(app)
    assert not result.ok and result.problem.startswith(
        f"1 chat view row(s) fail their seal check (ids {row}): ")
    assert DANA not in result.problem and LUIS not in result.problem


def test_an_unsealed_view_row_is_a_note_not_tampering(make_app, cli_env) -> None:  # noqa: ANN001
    app = make_app()
    post_id = new_post(app, shown_to=(DANA,))
    with app.db.write() as session:  # as a row written before the session 47 migration
        session.execute(insert(ChatView).values(
            identity=LUIS, post_id=post_id, shown_at=utcnow(),
            content_hash=show_post(app, post_id)["revision_hash"]))
    row = view_ids(app)[LUIS]
    result = verified(app)
    assert result.ok and result.notes == (
        f"1 chat view row(s) carry no seal of the chat door (from before the upgrade, or "
        f"not written by the door; ids {row}): they do not count as shown, so an approve "
        "needs a fresh `show`",)
    done = run(cli_env, "audit", "verify")
    assert done.returncode == 0, done.stderr
    assert "audit trail intact" in done.stdout
    assert "note: 1 chat view row(s) carry no seal of the chat door" in done.stderr


def test_a_view_seal_checks_only_under_the_doors_key(make_app) -> None:  # noqa: ANN001
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from social_bot.chat_views import check_views
    from social_bot.export_key import SigningKey
    from social_bot.vote_seal import session_public

    app = make_app()
    new_post(app, shown_to=(DANA,))
    other = SigningKey(Ed25519PrivateKey.generate()).public
    with app.db.read() as session:
        assert check_views(session, session_public(session)).bad == ()
        assert check_views(session, other).bad != ()
        unread = check_views(session, None)  # no vote.pub: nothing can be checked (session 51)
        assert unread.bad == () and unread.unchecked != ()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_view_time_that_is_no_time_is_named_not_a_crash(make_app) -> None:  # noqa: ANN001
    import sqlite3

    app = make_app()
    new_post(app, shown_to=(DANA,))
    row = view_ids(app)[DANA]
    with sqlite3.connect(app.db.url.removeprefix("sqlite:///")) as conn:
        conn.execute("UPDATE chat_views SET shown_at = 'garbage' WHERE id = ?", (row,))
    result = verified(app)
    assert not result.ok and f"(ids {row})" in result.problem
