"""Session 51 attack review, finding 4: a code approved a post chat cannot show in full with
no record that this approver read it.

The author read the code with `socialbot post show N` and handed it to Dana, whose chat
`approve N CODE` counted. Now a coded approval of a revision not shown in full needs a
`post.read_in_cli` record of that revision by the approver's own OS login (the policy's
`os_user`), which `post show` writes. The posts are written for this test.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select
from test_cli_session48 import invoke  # noqa: F401 - the fixture
from test_daemon_helpers import AUTHOR
from test_session50_view_seal_and_code import DANA, LUIS, _votes

from social_bot.audit import verify_database
from social_bot.chat import handle_command
from social_bot.cli_views import ACTION, record_read
from social_bot.db.models import AuditRecord
from social_bot.posts import create_post, edit_post, prepare_draft, show_post
from social_bot.revision_code import shown_code

LONG = ("Our team wishes every family a calm and healthy winter season and thanks you "
        "for choosing the clinic for your care this year. ") * 300  # more than chat shows


def _post(app, text: str = LONG) -> int:  # noqa: ANN001
    return create_post(app, AUTHOR, prepare_draft(app, text, ["facebook"]))


def _code(app, post_id: int) -> str:  # noqa: ANN001
    detail = show_post(app, post_id)  # what `socialbot post show` prints to whoever runs it
    return shown_code(detail["revision"], detail["revision_hash"])


def _refusals(app) -> list[str]:  # noqa: ANN001
    with app.db.read() as session:
        return [json.loads(d).get("reason", "") for d in session.scalars(
            select(AuditRecord.detail).where(AuditRecord.action == "chat.refused"))]


def test_a_code_the_author_relays_does_not_approve_for_an_approver_who_never_read_it(
        make_app) -> None:  # noqa: ANN001
    app = make_app()
    post_id = _post(app)
    assert not record_read(app, AUTHOR.os_user, show_post(app, post_id))  # not an approver
    reply = handle_command(app, DANA, f"approve {post_id} {_code(app, post_id)}")
    assert not reply.ok
    assert f"run `socialbot post show {post_id}` as yourself" in reply.text
    assert "(dana)" in reply.text
    assert _votes(app, post_id) == 0
    assert any("never read with `post show`" in r for r in _refusals(app))


def test_the_approvers_own_read_counts_for_that_revision_and_login_only(make_app) -> None:  # noqa: ANN001
    app = make_app()
    post_id = _post(app)
    assert record_read(app, "dana", show_post(app, post_id))
    assert record_read(app, "dana", show_post(app, post_id))  # once: no second record
    with app.db.read() as session:
        records = session.scalars(select(AuditRecord).where(AuditRecord.action == ACTION)).all()
        assert [(r.os_user, r.revision) for r in records] == [("dana", 1)]
    code = _code(app, post_id)
    assert not handle_command(app, LUIS, f"approve {post_id} {code}").ok  # Luis read nothing
    assert handle_command(app, DANA, f"approve {post_id} {code}").ok
    assert verify_database(app.db).ok  # the new record is an ordinary one to `audit verify`
    # an edit is a new revision: Dana's read of revision 1 is not one of revision 2
    other = _post(app)
    record_read(app, "luis", show_post(app, other))
    edit_post(app, AUTHOR, other, text=LONG + " See you soon.")
    reply = handle_command(app, LUIS, f"approve {other} {_code(app, other)}")
    assert not reply.ok and "revision 2 was not read under your login (luis)" in reply.text


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_post_show_records_the_read_under_the_login_that_runs_it(
        make_app, invoke, monkeypatch) -> None:  # noqa: ANN001, F811
    app = make_app()
    post_id = _post(app)
    monkeypatch.setattr("social_bot.cli.posts_cmd.os_login", lambda: "dana")
    assert invoke(app, "post", "show", str(post_id)).exit_code == 0
    assert handle_command(app, DANA, f"approve {post_id} {_code(app, post_id)}").ok
    assert not handle_command(app, LUIS, f"approve {post_id} {_code(app, post_id)}").ok
