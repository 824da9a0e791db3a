"""Session 54, reread C: the fix for "approvers approve text they never saw" (s54-p1fix,
docs/history/security.md) read again as a database writer would attack it
(docs/history/security.md). Each test fails on s54-merge; the texts are this module's own.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import select, update
from test_cli_session48 import invoke  # noqa: F401 - the fixture
from test_daemon_helpers import Clock, FakePlatforms, approved_post
from test_web_support import new_post

from social_bot import outbox
from social_bot.approvals import VerifiedIdentity
from social_bot.chat import handle_command
from social_bot.db.models import Revision
from social_bot.notify import render
from social_bot.posts import show_post

DANA = VerifiedIdentity("slack", "U01DANA")
REAL = "From next month the clinic no longer takes walk-in patients on Saturdays."
DECOY = "Our lobby has new chairs and a water fountain; come and see them."
# what a database writer plants in `revisions.hash_key_id` (varchar(16) on PostgreSQL),
# made up for this module: a name and a birth date, and a phone number in a key id's shape
PLANTED = ("Rosa Q 07221979", "5551234567000000")


def _set(app: Any, post_id: int, **values: Any) -> None:
    with app.db.write() as session:
        session.execute(update(Revision).where(Revision.post_id == post_id).values(**values))


@pytest.mark.parametrize("planted", PLANTED)
def test_a_planted_key_id_is_not_echoed_by_the_not_shown_line(make_app, invoke, monkeypatch,  # noqa: ANN001, F811
                                                              planted: str) -> None:
    """`audit.not_shown` put the row's `hash_key_id`, a column any database writer sets,
    into socialbot's own "[not shown: ...]" line: the card, chat `show`, the `approve`
    refusal and `post show` all carried whatever was planted there."""
    app = make_app()
    post_id = new_post(app, REAL, shown_to=())
    _set(app, post_id, hash_key_id=planted)
    detail = show_post(app, post_id)
    assert detail["not_shown"] and REAL not in detail["text"]  # the fix holds: not shown
    assert planted not in json.dumps(detail)
    body = render(app, outbox.PostPendingApproval(post_id=post_id, revision=1,
                                                  revision_hash=""))
    assert body is not None and planted not in json.dumps(body)
    for command in (f"show {post_id}", f"approve {post_id}"):
        reply = handle_command(app, DANA, command)
        assert planted not in reply.text + json.dumps(reply.blocks or []), command
    if app.db.url.startswith("sqlite"):  # the CLI tests run on SQLite
        monkeypatch.setattr("social_bot.cli.posts_cmd.os_login", lambda: "pat")
        for args in (("post", "show", str(post_id)), ("post", "witness", str(post_id), "--yes")):
            result = invoke(app, *args)
            assert planted not in result.output, args


@pytest.mark.parametrize("tampered", [False, True])
def test_the_publisher_publishes_only_the_text_it_screened(make_app, tampered: bool) -> None:  # noqa: ANN001
    """The publish-time screen read `candidate.text` (`Publisher.due`, one transaction);
    the claim proved and published `revision.text` (another). The proof checks the hash,
    not that it is the text screened: a database writer who put a decoy in the row while
    `due` read it, and the real words back before the claim, had a text published that
    the screen in force blocks (a rule added since the approval)."""
    from types import SimpleNamespace as Finding

    from social_bot.daemon.config import DaemonConfig
    from social_bot.daemon.publisher import Publisher

    rule_on = [False]
    seen: list[str] = []

    def screener(texts, context="post", answering=None):  # noqa: ANN001, ANN202, ARG001
        out = []
        for body in texts:
            seen.append(body)
            at = body.find("walk-in") if rule_on[0] else -1
            out.append([Finding(category="test", start=at, end=at + 7, text="walk-in",
                                severity="block", score=1.0, rule="test", reason="test",
                                redaction="[test]")] if at >= 0 else [])
            if body == DECOY:  # the writer, in the window between the screen and the claim
                _set(app, post_id, text=REAL)
        return out

    app = make_app(screener=screener)
    post_id = approved_post(app, REAL, ["x"])
    rule_on[0] = True  # the screen in force now blocks the approved words
    if tampered:
        _set(app, post_id, text=DECOY)
    platforms = FakePlatforms(("x",))
    publisher = Publisher(app, platforms, "w1", DaemonConfig(batch=10), clock=Clock())
    for _ in range(2):
        publisher.run_lane("x")
    assert REAL in seen  # the real words were screened, on some pass
    assert platforms["x"].texts() == []
    assert show_post(app, post_id)["status"] == "blocked_phi"


def test_a_revision_downgraded_to_an_unkeyed_hash_is_not_shown(make_app) -> None:  # noqa: ANN001
    from social_bot import audit

    app = make_app()
    post_id = new_post(app, REAL, shown_to=())
    with app.db.write() as session:  # no key needed: the plain hash of the decoy
        row = session.scalar(select(Revision).where(Revision.post_id == post_id))
        row.text, row.hash_key_id = DECOY, None
        row.content_hash = audit.stored_content(row).content_hash()
    detail = show_post(app, post_id)
    assert DECOY not in detail["text"] and detail.get("not_shown")
