"""Session 50, the second attack review's finding 4 and note N3.

F4: the 48-bit code (12 hex digits of the revision's keyed hash) collided in 13 s of CPU, and
the check that refused a code two revisions shared read `revisions.content_hash`, which
staff can change: set revision 1's column to zeros, and both approvers' `approve ID CODE`
counted for the edit. The code is now 24 hex digits, matched against the current revision
only, and a vote on a revision whose stored content does not hold its hash is refused.
N3: socialbot's own refusal of a code reached the approver as "[identifier] Read the post
again": the refusals of a typed code are marked as socialbot's own.
"""

from __future__ import annotations

import json

from sqlalchemy import select
from test_session50_view_seal_and_code import AUTHOR, DANA, LUIS, _votes
from test_web_support import new_post

from social_bot.chat import handle_command
from social_bot.chat.guard import release
from social_bot.db.models import Revision
from social_bot.domain import RevisionContent
from social_bot.posts import edit_post, show_post
from social_bot.revision_code import CodeKind, parse_code, shown_code

FIRST = "Our flu clinic is open every Saturday morning this month. Walk in, no appointment."
SECOND = "Our clinic closes for good on Monday. Request your records online this week."


def _sent(app, text: str) -> str:  # noqa: ANN001
    return json.loads(json.dumps(release(app, {"text": text}).body))["text"]


def _same_first_12(monkeypatch) -> str:  # noqa: ANN001
    """Every revision's first 12 hex digits the same, the rest its own: what the review's
    birthday search found for two texts (2^24 tries)."""
    code = "26ea05de95d1"
    real = RevisionContent.content_hash

    def colliding(self, key: bytes | None = None) -> str:  # noqa: ANN001
        return code + real(self, key)[12:]

    monkeypatch.setattr(RevisionContent, "content_hash", colliding)
    return code


def test_a_12_digit_code_is_refused_whole_and_unredacted(make_app, monkeypatch) -> None:  # noqa: ANN001
    """The review's collision: both revisions share the 12 digits the card showed. The old
    code is refused with what to do, and the refusal reaches chat as written (N3)."""
    code = _same_first_12(monkeypatch)
    app = make_app(screener=None)
    post_id = new_post(app, FIRST, shown_to=(DANA.label, LUIS.label))
    edit_post(app, AUTHOR, post_id, text=SECOND)
    for who in (DANA, LUIS):
        reply = handle_command(app, who, f"approve {post_id} {code}")
        out = _sent(app, reply.text)
        assert not reply.ok and "[" not in out
        assert out == (f"Refused: a code starts with its revision number, as "
                       f"r3-1a2b3c4d-5e6f7a8b-9c0d1e2f: show again with `/socialbot show "
                       f"{post_id}` and type the code it prints")
    assert _votes(app, post_id) == 0


def test_the_code_read_names_its_revision_and_an_older_one_is_a_change(make_app,
                                                                      monkeypatch) -> None:  # noqa: ANN001
    _same_first_12(monkeypatch)
    app = make_app()
    post_id = new_post(app, FIRST, shown_to=())
    first = show_post(app, post_id)["revision_hash"]
    for who in (DANA, LUIS):
        assert handle_command(app, who, f"show {post_id}").ok
    edit_post(app, AUTHOR, post_id, text=SECOND)
    for who in (DANA, LUIS):
        reply = handle_command(app, who, f"approve {post_id} {shown_code(1, first)}")
        assert not reply.ok and "changed since you saw it" in reply.text
        assert "revision 2" in reply.text
    assert _votes(app, post_id) == 0
    # the new revision's code, grouped, or typed in its three groups, counts after a show
    current = shown_code(2, show_post(app, post_id)["revision_hash"])
    assert handle_command(app, DANA, f"approve {post_id} {current}").ok
    assert handle_command(app, LUIS, f"approve {post_id} {current.replace('-', ' ')}").ok
    assert _votes(app, post_id) == 2


def test_a_hash_column_changed_to_the_read_revisions_collects_no_vote(make_app) -> None:  # noqa: ANN001
    """F4's second half: the author sets the edit's `content_hash` to the hash of the text
    the approvers read; the code they read must not approve the edit."""
    app = make_app()
    post_id = new_post(app, FIRST, shown_to=(DANA.label, LUIS.label))
    first = show_post(app, post_id)["revision_hash"]
    edit_post(app, AUTHOR, post_id, text=SECOND)
    with app.db.write() as session:
        for row in session.scalars(select(Revision).where(Revision.post_id == post_id)):
            row.content_hash = first if row.number == 2 else "0" * 64
    for who in (DANA, LUIS):
        # the code as read names revision 1 (session 51): no longer the current one's
        # (since session 54 (P1) the changed hash is found first: the row is not shown)
        reply = handle_command(app, who, f"approve {post_id} {shown_code(1, first)}")
        assert not reply.ok and ("no revision of post" in reply.text
                                 or "does not match its hash" in reply.text)
        # and with the edit's number, the planted hash still collects no vote
        reply = handle_command(app, who, f"approve {post_id} {shown_code(2, first)}")
        assert not reply.ok and ("changed outside socialbot" in reply.text
                                 or "does not match its hash" in reply.text)
    assert _votes(app, post_id) == 0
    assert _votes(app, post_id) == 0


def test_the_code_is_96_bits_grouped_for_reading() -> None:
    digest = "0123456789abcdef" * 4
    assert shown_code(3, digest) == "r3-01234567-89abcdef-01234567"
    assert parse_code("R3-01234567-89ABCDEF-01234567").digits == digest[:24]
    assert parse_code(digest[:12]).kind is CodeKind.OLD
    assert parse_code("not-a-code").kind is CodeKind.BAD
    assert parse_code("٠١٢٣٤٥٦٧٨٩" * 3).kind is CodeKind.BAD
