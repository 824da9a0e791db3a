"""`post list` proves the listed posts' votes in one pass (session 49). SQLite and
PostgreSQL (the `make_app` fixture runs both).

Session 48 made `post list` count votes as publishing does (approval_proof.standing), one
post at a time: about four statements per listed post (66 ms for 50 posts). The list now
loads the votes and records of all listed posts at once (approval_proof.standings) and
counts each post with the same function; the figures and notes are the per-post ones.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import replace

from sqlalchemy import event, select, update
from test_daemon_helpers import AUTHOR, DANA, LUIS, approved_post

from social_bot.approval_proof import standing
from social_bot.approvals import VerifiedIdentity, approve, reject
from social_bot.db.models import Approval, Post
from social_bot.posts import (
    create_post,
    current_revision,
    edit_post,
    list_posts,
    prepare_draft,
)

MINA = VerifiedIdentity("slack", "U03MINA")


def _post(app, text: str) -> int:  # noqa: ANN001
    return create_post(app, AUTHOR, prepare_draft(app, text, ["x"]))


def _without(app, name: str):  # noqa: ANN001, ANN202
    """The policy in force with one approver removed (as an edited policy file reloads)."""
    approval = app.policy.approval
    kept = tuple(a for a in approval.approvers if a.name != name)
    return replace(app.policy, approval=replace(approval, approvers=kept))


def _mixed(app) -> list[int]:  # noqa: ANN001
    """Posts whose votes count in every way the rule knows."""
    ids = [approved_post(app, "Flu shots on Saturday", ["x"])]  # approved
    ids.append(_post(app, "Lab opens at seven"))
    approve(app, DANA, ids[-1])  # one vote
    ids.append(_post(app, "Closed on Monday"))
    approve(app, LUIS, ids[-1])  # one vote by the approver the policy later drops
    ids.append(_post(app, "Open house on Friday"))
    approve(app, DANA, ids[-1])
    edit_post(app, AUTHOR, ids[-1], "Open house on Saturday")  # Dana's vote was on rev 1
    approve(app, MINA, ids[-1])
    ids.append(_post(app, "Walk-ins welcome"))
    approve(app, DANA, ids[-1])
    reject(app, LUIS, ids[-1], "wrong hours")  # rejected after one vote
    ids.append(_post(app, "New parking lot"))  # no vote at all
    ids.append(_post(app, "Pharmacy hours"))
    approve(app, DANA, ids[-1])
    approve(app, MINA, ids[-1])
    with app.db.write() as session:  # vote rows changed in the database: no intact record
        # for Mina's, Dana's on another revision
        session.execute(update(Approval).where(Approval.post_id == ids[-1],
                                               Approval.approver == "Mina Okafor")
                        .values(identity="slack:U02LUIS", approver="Luis Ortega"))
        session.execute(update(Approval).where(Approval.post_id == ids[-1],
                                               Approval.approver == "Dana Whitfield")
                        .values(content_hash="0" * 64))
    return ids


def test_the_batch_and_the_per_post_standing_agree(make_app) -> None:  # noqa: ANN001
    from social_bot.approval_proof import standings

    app = make_app()
    ids = _mixed(app)
    for policy in (app.policy, _without(app, "Luis Ortega"), None):
        with app.db.read() as session:
            posts = session.scalars(select(Post).where(Post.id.in_(ids))).all()
            current = [(post, current_revision(post)) for post in posts]
            batch = standings(session, policy, current)
            alone = {post.id: standing(session, policy, post, revision)
                     for post, revision in current}
        assert batch == alone
    # the set has the kinds of vote that do not count
    with app.db.read() as session:
        posts = session.scalars(select(Post).where(Post.id.in_(ids))).all()
        dropped = {why for s in standings(session, _without(app, "Luis Ortega"),
                                          [(p, current_revision(p)) for p in posts]).values()
                   for _, why in s.dropped}
    assert dropped == {"is no longer an approver", "is for another revision"}


def test_the_list_shows_what_each_post_alone_shows(make_app) -> None:  # noqa: ANN001
    from social_bot.posts import standing_counts

    app = make_app()
    ids = _mixed(app)
    app._policy = _without(app, "Luis Ortega")
    rows = {row["id"]: row for row in list_posts(app)}
    assert set(ids) <= set(rows)
    with app.db.read() as session:
        for post_id in ids:
            post = session.get(Post, post_id)
            alone = standing(session, app.policy, post, current_revision(post))
            expected = standing_counts(alone if rows[post_id]["approvals"] else None)
            got = {k: rows[post_id][k] for k in expected}
            assert got == expected, post_id
    assert rows[ids[0]]["approvals_note"] == \
        "1 of 2 approvals hold (Luis Ortega is no longer an approver)"


@contextmanager
def _statements(app):  # noqa: ANN001, ANN202
    seen: list[str] = []

    def count(conn, cursor, statement, *args) -> None:  # noqa: ANN001
        seen.append(statement)

    event.listen(app.db.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(app.db.engine, "before_cursor_execute", count)


def _voted(app, count: int) -> None:  # noqa: ANN001
    for i in range(count):
        post_id = _post(app, f"Clinic news number {i}")
        approve(app, DANA, post_id)


def test_listing_takes_as_many_statements_for_40_posts_as_for_5(make_app) -> None:  # noqa: ANN001
    from social_bot.chat.commands import handle_command

    app = make_app()
    _voted(app, 5)
    list_posts(app)  # connections made, keys read
    with _statements(app) as few:
        assert len(list_posts(app)) == 5
    with _statements(app) as few_chat:
        handle_command(app, MINA, "pending")
    _voted(app, 35)
    with _statements(app) as many:
        rows = list_posts(app)
    with _statements(app) as many_chat:
        handle_command(app, MINA, "pending")
    assert len(rows) == 40 and all(row["approvals_holding"] == 1 for row in rows)
    assert len(many) == len(few), (len(few), len(many))
    assert len(many_chat) == len(few_chat), (len(few_chat), len(many_chat))
