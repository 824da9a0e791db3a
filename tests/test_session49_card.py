"""An approver approves only what the card showed in full (an outside review, session 49,
findings 2, 3 and 7).

- A long text with many lines lost its end on Slack with no marker (quoted, then each
  section cut at 3,000 characters), and a Mattermost `show` cut at 2,900 characters still
  counted as a read in full: the text now goes over as many sections as it needs, and a
  text chat cannot carry whole says so and is no read in full (plain approve refused, the
  code works).
- A finding the author alone dismissed ("public figure") went to chat in full: it is now
  shown redacted on every card, the dismissal is still listed, and the card is no read in
  full either.

Every payload is checked as it leaves, through the chat guard (``release``). The texts are
written for these tests."""

from __future__ import annotations

import json
import re
from types import SimpleNamespace

import pytest
from test_daemon_helpers import AUTHOR

from social_bot import outbox
from social_bot.approvals import VerifiedIdentity
from social_bot.chat import handle_command
from social_bot.chat.guard import as_typed, release
from social_bot.chat.memory import was_shown
from social_bot.cli_views import record_read
from social_bot.dismissals import dismiss
from social_bot.notify import render
from social_bot.posts import create_post, prepare_draft, show_post
from social_bot.revision_code import detail_code

SLACK_DANA, SLACK_LUIS = VerifiedIdentity("slack", "U01DANA"), VerifiedIdentity("slack", "U02LUIS")
MM_DANA = VerifiedIdentity("mattermost", "dana")
SECTION_CHARS, MESSAGE_BLOCKS = 3000, 50  # what Slack accepts (docs/chat.md, session 49)

# short lines (each gains "> " when quoted) and characters Slack's escaping makes longer
TAIL = "Q&A <tonight> & Friday: from January we no longer take new walk-in visits."
MANY_LINES = "Winter hours for our front desk are below.\n" + "-\n" * 800 + TAIL
ONE_LONG_LINE = " ".join(f"Step {n} of our flu-shot day & what to bring <ID card>." for n in
                         range(90)) + " " + TAIL


def _post(app, text: str) -> int:  # noqa: ANN001
    return create_post(app, AUTHOR, prepare_draft(app, text, ["facebook"]))


APPROVER_LOGINS = ("dana", "luis", "mina")  # the test policy's approvers' os_user


def _code(app, post_id: int) -> str:  # noqa: ANN001
    """The code as each approver's own `socialbot post show` prints it: their reads are
    recorded, as a coded approval of a post chat cannot show in full needs (session 51)."""
    return read_in_cli(app, post_id)


def read_in_cli(app, post_id: int) -> str:  # noqa: ANN001
    detail = show_post(app, post_id)
    for login in APPROVER_LOGINS:
        record_read(app, login, detail)
    return detail_code(detail)


def _sent(app, reply, provider: str) -> dict:  # noqa: ANN001, ANN201
    """What the web layer sends for ``reply`` (the guard applied)."""
    body = reply.as_slack() if provider == "slack" else reply.as_mattermost()
    return release(app, body).body


def _quoted_lines(text: str) -> list[str]:
    """The quoted lines of a chat text, with the chat escaping undone."""
    return [as_typed(line[2:])[0] for line in text.split("\n") if line.startswith("> ")]


def _slack_text_lines(body: dict) -> list[str]:
    sections = [b["text"]["text"] for b in body["blocks"] if b["type"] == "section"]
    assert all(len(s) <= SECTION_CHARS for s in sections)
    assert len(body["blocks"]) <= MESSAGE_BLOCKS
    return [line for s in sections for line in _quoted_lines(s)]


@pytest.mark.parametrize("text, joined", [(MANY_LINES, "\n"), (ONE_LONG_LINE, "")],
                         ids=["many-lines", "one-long-line"])
def test_slack_card_carries_every_character_over_several_sections(
        make_app, text: str, joined: str) -> None:  # noqa: ANN001
    app = make_app()
    post_id = _post(app, text)
    reply = handle_command(app, SLACK_DANA, f"show {post_id}")
    body = _sent(app, reply, "slack")
    assert joined.join(_slack_text_lines(body)) == text.rstrip("\n")
    assert "too long for chat" not in json.dumps(body)
    # shown in full: remembered, and a plain approve counts
    assert was_shown(app.db, SLACK_DANA.label, post_id, show_post(app, post_id)["revision_hash"])
    assert handle_command(app, SLACK_DANA, f"approve {post_id}").ok


def test_the_channels_pending_card_carries_every_character(make_app) -> None:  # noqa: ANN001
    app = make_app()
    post_id = _post(app, MANY_LINES)
    rendered = render(app, outbox.PostPendingApproval(post_id=post_id))
    body = release(app, rendered).body
    assert "\n".join(_slack_text_lines(body)) == MANY_LINES


def test_mattermost_show_carries_the_tail_past_2900_characters(make_app) -> None:  # noqa: ANN001
    app = make_app()
    text = "Our new parking rules, in full. " * 95 + TAIL  # 3,114 characters, one line
    post_id = _post(app, text)
    reply = handle_command(app, MM_DANA, f"show {post_id}")
    out = _sent(app, reply, "mattermost")["text"]
    assert "".join(_quoted_lines(out)) == text and "truncated" not in out
    assert handle_command(app, MM_DANA, f"approve {post_id}").ok


@pytest.mark.parametrize("identity", [SLACK_DANA, MM_DANA], ids=["slack", "mattermost"])
def test_a_text_too_long_for_chat_says_so_and_needs_the_code(
        make_app, identity: VerifiedIdentity) -> None:  # noqa: ANN001
    app = make_app()
    text = "\n".join(f"Line {n}: our clinic's winter schedule & parking." for n in range(600))
    text += "\n" + TAIL  # about 30,000 characters: more than a Slack or Mattermost message
    post_id = _post(app, text)
    reply = handle_command(app, identity, f"show {post_id}")
    body = json.dumps(_sent(app, reply, identity.provider))
    assert "too long for chat" in body and f"socialbot post show {post_id}" in body
    assert "walk-in" not in body  # the tail is not there, and the card says so
    assert not was_shown(app.db, identity.label, post_id,
                         show_post(app, post_id)["revision_hash"])
    refusal = handle_command(app, identity, f"approve {post_id}")
    assert not refusal.ok and "too long for chat" in refusal.text
    assert f"socialbot post show {post_id}" in refusal.text
    assert handle_command(app, identity, f"approve {post_id} {_code(app, post_id)}").ok


# --- finding 7: a dismissed finding is shown redacted ----------------------------------

NAME = "Maria Gonzalez"
STORY = f"Please welcome back {NAME}, 54, who finished chemo at our clinic today!"


def _screen_the_post_only(texts, context="post"):  # noqa: ANN001, ANN202
    """Blocks the name in the post as written and nowhere else: on the card the name is
    kept out by the card itself, not by the guard finding it a second time."""
    return [[SimpleNamespace(category="name", start=m.start(), end=m.end(), text=m.group(),
                             severity="block", score=0.9, rule="test", reason="flagged",
                             redaction="[patient name]")
             for m in re.finditer(NAME, body)] if body == STORY else [] for body in texts]


@pytest.fixture
def dismissed(make_app):  # noqa: ANN001, ANN201
    app = make_app(screener=_screen_the_post_only)
    post_id = _post(app, STORY)
    assert show_post(app, post_id)["status"] == "blocked_phi"
    dismiss(app, AUTHOR, post_id, "F1", "public_figure", note=f"{NAME} is a local celebrity")
    assert show_post(app, post_id)["status"] == "pending_approval"
    return app, post_id


def _payloads(app, post_id: int) -> list[str]:  # noqa: ANN001
    """Every chat payload that shows the post: `show` on both doors, the channel's card."""
    out = [json.dumps(_sent(app, handle_command(app, who, f"show {post_id}"), who.provider))
           for who in (SLACK_DANA, MM_DANA)]
    rendered = render(app, outbox.PostPendingApproval(post_id=post_id))
    out.append(json.dumps(release(app, rendered).body))
    return out


def test_a_dismissed_span_never_reaches_chat(dismissed) -> None:  # noqa: ANN001
    app, post_id = dismissed
    for payload in _payloads(app, post_id):
        assert "maria" not in payload.lower() and "gonzalez" not in payload.lower()
        assert "public figure" in payload  # the dismissal is still listed, with its reason
        # its note is not: it is free text the author typed (session 49, finding E)
        assert "local celebrity" not in payload and "kept out of chat" in payload
        assert "patient name" in payload and "chemo" in payload


def test_a_dismissed_span_needs_the_cli_and_the_code(dismissed) -> None:  # noqa: ANN001
    app, post_id = dismissed
    for who in (SLACK_DANA, MM_DANA):
        handle_command(app, who, f"show {post_id}")
        refusal = handle_command(app, who, f"approve {post_id}")
        assert not refusal.ok and "redacted" in refusal.text
        assert f"socialbot post show {post_id}" in refusal.text
    assert handle_command(app, SLACK_DANA, f"approve {post_id} {_code(app, post_id)}").ok
    done = handle_command(app, SLACK_LUIS, f"approve {post_id} {_code(app, post_id)}")
    assert done.ok and show_post(app, post_id)["status"] == "approved"
