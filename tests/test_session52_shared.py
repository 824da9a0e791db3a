"""Session 52's attack review of approval and publishing (findings 4, 5 and 7): each test
here failed on the code before its fix."""

from __future__ import annotations

import pytest
from sqlalchemy import update
from test_daemon_helpers import LUIS

from social_bot.approvals import VerifiedIdentity, approve, reject
from social_bot.db.models import Post, Revision
from social_bot.errors import Refused
from social_bot.posts import Staff, create_post, prepare_draft, show_post

DANA = VerifiedIdentity("slack", "U01DANA")
DANA_AT_SHELL = Staff("Dana at the shell", "dana")  # an approver who also writes posts


# --- finding 5: the door judges writers by the keyed trail, as the publisher does ---------


def _written_by_dana_columns_say_pat(app) -> int:  # noqa: ANN001
    post_id = create_post(app, DANA_AT_SHELL,
                          prepare_draft(app, "Flu shots on Tuesdays from nine", ["x"]))
    # the author rewrites the writer columns with the database alone (no audit key)
    with app.db.write() as session:
        session.execute(update(Post).where(Post.id == post_id).values(author_os_user="pat"))
        session.execute(update(Revision).where(Revision.post_id == post_id)
                        .values(written_by="os:pat"))
    return post_id


def test_an_author_who_rewrote_the_writer_columns_cannot_approve(make_app) -> None:  # noqa: ANN001
    app = make_app()
    post_id = _written_by_dana_columns_say_pat(app)
    with pytest.raises(Refused, match="wrote a revision"):
        approve(app, DANA, post_id)
    detail = show_post(app, post_id)
    assert detail["status"] == "pending_approval"
    assert not detail["revisions"][-1].get("approvals")  # nothing recorded, nothing sealed
    assert approve(app, LUIS, post_id).approvals == ["Luis Ortega"]


def test_an_author_who_rewrote_the_writer_columns_cannot_reject(make_app) -> None:  # noqa: ANN001
    app = make_app()
    post_id = _written_by_dana_columns_say_pat(app)
    with pytest.raises(Refused, match="wrote a revision"):
        reject(app, DANA, post_id, "not for us")
    assert show_post(app, post_id)["status"] == "pending_approval"
