"""Session 51: the third outside review's A5, A6 and N5 on approval codes and cards.

- A5: a 24-hex (96-bit) code collision (2^48 keyed hashes) let the code typed for the text
  read approve the author's edit. The code now names the revision ("r1-..."), and counts
  only for the current revision's number and hash; digits without a number are refused.
- A6: a card that is no read in full printed the code, so an approver could approve from
  chat without `post show`: such a card shows no code and says where to get it.
- N5: a card whose text the chat guard cut said "Text as it will be published".

The collision is simulated by patching the keyed hash to share its first 24 hex digits. The
texts and stand-in screens are written for these tests.
"""

from __future__ import annotations

import json
import re
from types import SimpleNamespace

from test_daemon_helpers import AUTHOR
from test_session50_view_seal_and_code import DANA, LUIS, _votes

from social_bot import outbox
from social_bot.approvals import VerifiedIdentity
from social_bot.chat import handle_command
from social_bot.chat.guard import release
from social_bot.chat.ownwords import CUT_LABEL, PUBLISHED_LABEL
from social_bot.cli_views import record_read
from social_bot.domain import RevisionContent
from social_bot.notify import render
from social_bot.posts import create_post, edit_post, prepare_draft, show_post
from social_bot.revision_code import CodeKind, parse_code

MM_DANA = VerifiedIdentity("mattermost", "dana")
# too long for one chat message: no card carries it whole, so the code alone binds
LONG_A = "Winter hours for our front desk are below.\n" + "-\n" * 8000 + "Open 8 to 5."
LONG_B = "Winter hours for our front desk are below.\n" + "-\n" * 8000 + "We are closing."
SHORT = "Our flu clinic is open every Saturday morning this month. Walk in, no appointment."
SHARED = "26ea05de95d1c0ffee421337"  # the 24 digits two texts share (a birthday search)


def _colliding(monkeypatch) -> None:  # noqa: ANN001
    real = RevisionContent.content_hash

    def colliding(self, key: bytes | None = None) -> str:  # noqa: ANN001
        return SHARED + real(self, key)[24:]

    monkeypatch.setattr(RevisionContent, "content_hash", colliding)


def _post(app, text: str) -> int:  # noqa: ANN001
    return create_post(app, AUTHOR, prepare_draft(app, text, ["facebook"]))


def _grouped(digits: str) -> str:
    return "-".join(digits[i:i + 8] for i in range(0, 24, 8))


def _typed(revision: int, content_hash: str) -> str:
    """The code as an approver copies it from a card (written out here, not with the
    module's helper, so the test reads the same against the code before)."""
    return f"r{revision}-{_grouped(content_hash[:24])}"


def _shown(body: object) -> object:
    """``body`` without its buttons' values (the revision they bind to, never shown)."""
    if isinstance(body, dict):
        return {k: _shown(v) for k, v in body.items() if k != "value"}
    return [_shown(v) for v in body] if isinstance(body, list) else body


def _everything_sent(app, post_id: int) -> str:  # noqa: ANN001
    """What approvers see of `show` on both doors and of the channel's pending card, as the
    guard lets them out."""
    out = []
    for who in (DANA, MM_DANA):
        reply = handle_command(app, who, f"show {post_id}")
        body = reply.as_slack() if who.provider == "slack" else reply.as_mattermost()
        out.append(json.dumps(_shown(release(app, body).body), ensure_ascii=False))
    rendered = render(app, outbox.PostPendingApproval(post_id=post_id))
    out.append(json.dumps(_shown(release(app, rendered).body), ensure_ascii=False))
    return "\n".join(out)


def test_a_24_digit_collision_typed_for_the_text_read_does_not_approve_the_edit(
        make_app, monkeypatch) -> None:  # noqa: ANN001
    """A5: approvers read revision 1 in the CLI (chat cannot show it whole) and type its
    code; the author's edit shares the 24 digits. Neither the digits alone (as cards
    printed them in session 50) nor revision 1's numbered code counts for the edit."""
    _colliding(monkeypatch)
    app = make_app()
    post_id = _post(app, LONG_A)
    read = show_post(app, post_id)["revision_hash"]
    edit_post(app, AUTHOR, post_id, text=LONG_B)
    edit = show_post(app, post_id)
    assert edit["revision"] == 2 and edit["revision_hash"][:24] == read[:24]
    for who in (DANA, LUIS):
        bare = handle_command(app, who, f"approve {post_id} {_grouped(read)}")
        assert not bare.ok and "show again" in bare.text and "revision number" in bare.text
        numbered = handle_command(app, who, f"approve {post_id} {_typed(1, read)}")
        assert not numbered.ok and "changed since you saw it" in numbered.text
    assert _votes(app, post_id) == 0
    # the edit's own code, read in the CLI, approves it: in one word or in four
    for login in ("dana", "luis"):  # each approver's own `socialbot post show` (finding 4)
        record_read(app, login, show_post(app, post_id))
    assert handle_command(app, DANA, f"approve {post_id} {_typed(2, read)}").ok
    code = _typed(2, read).replace("-", " ")
    assert handle_command(app, LUIS, f"approve {post_id} {code}").ok
    assert _votes(app, post_id) == 2


def test_the_number_and_the_digits_must_both_be_the_current_revisions(make_app) -> None:  # noqa: ANN001
    app = make_app()
    post_id = _post(app, LONG_A)
    edit_post(app, AUTHOR, post_id, text=LONG_B)
    now = show_post(app, post_id)["revision_hash"]
    for typed in (_typed(1, now), _typed(3, now), _typed(2, "f" * 64)):
        reply = handle_command(app, DANA, f"approve {post_id} {typed}")
        assert not reply.ok and "no revision of post" in reply.text, typed
    assert _votes(app, post_id) == 0


def test_a_typed_code_names_its_revision() -> None:
    digest = "0123456789abcdef" * 4
    code = parse_code("R12-01234567-89ABCDEF-01234567")
    assert (code.kind, code.revision, code.digits) == (CodeKind.CODE, 12, digest[:24])
    assert parse_code("r12-" + digest).digits == digest  # the whole hash: still a code
    assert parse_code(digest[:24]).kind is CodeKind.UNNUMBERED
    assert parse_code(digest[:12]).kind is CodeKind.OLD
    # the dash after the number is required: "r31..." could be revision 3 or 31
    assert parse_code("r3" + digest[:24]).kind is CodeKind.BAD
    assert parse_code("r3-" + digest[:12]).kind is CodeKind.BAD
    assert parse_code("r٣-" + digest[:24]).kind is CodeKind.BAD


def test_a_card_that_is_no_read_in_full_shows_no_code(make_app) -> None:  # noqa: ANN001
    """A6: the long post's cards (both doors' `show`, the channel's pending card) carry no
    code, and say where to read the post and get it; a card read in full still shows it."""
    app = make_app()
    post_id = _post(app, LONG_A)
    digits = show_post(app, post_id)["revision_hash"][:8]
    out = _everything_sent(app, post_id)
    assert digits not in out
    assert f"socialbot post show {post_id}" in out
    assert f"To approve: read the post in full with `socialbot post show {post_id}`" in out
    short = _post(app, SHORT)
    assert show_post(app, short)["revision_hash"][:8] in _everything_sent(app, short)


def _card_context(texts, context="post"):  # noqa: ANN001, ANN202
    """A stand-in screen that reads "Odile" as a patient's name only on a card (where the
    author and the approvals stand beside the text), never in the post's text alone."""
    out = []
    for body in texts:
        found = []
        if "Author:" in body:
            found = [SimpleNamespace(category="name", start=m.start(), end=m.end(),
                                     text=m.group(), severity="block", score=0.9,
                                     rule="test", reason="flagged", redaction="[name]")
                     for m in re.finditer(r"\bOdile\b", body)]
        out.append(found)
    return out


def test_a_text_the_guard_cut_is_not_labelled_as_published_and_shows_no_code(
        make_app) -> None:  # noqa: ANN001
    """N5 (and A6): the post's screen passes the text; the guard, reading the card, takes
    the name out. The card says what it is and is no read in full: no code, no view."""
    app = make_app(screener=_card_context)
    post_id = _post(app, "Welcome back, Odile! The team missed you.")
    detail = show_post(app, post_id)
    assert detail["status"] == "pending_approval" and not detail["findings"]
    out = _everything_sent(app, post_id)
    assert "Odile" not in out and "Redacted for chat" in out
    assert PUBLISHED_LABEL not in out and CUT_LABEL in out
    assert detail["revision_hash"][:8] not in out
    refusal = handle_command(app, MM_DANA, f"approve {post_id}")
    assert not refusal.ok and "parts of it are redacted for chat" in refusal.text
