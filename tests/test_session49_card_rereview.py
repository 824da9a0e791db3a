"""After the outside re-review of the approval path (session 49, findings C and E).

- C: a Slack card too long for chat (or with parts redacted) still had an Approve button
  carrying the revision's hash, and the guard redacted the card's own warning ("The text is
  too long for chat ... not a read in full") to "[identifier]": two clicks published a tail
  nobody was shown. Such a card now has no Approve button, a click on one drawn before is
  refused with the CLI line, and socialbot's notes about it are its own words (never
  redacted).
- E: a dismissal's free-text note went to chat as typed, so the name the redacted span hid
  reached chat in other spellings. Chat now lists the dismissal's kind, reason, who and
  when, and says where the note is read.

Every payload is checked as it leaves, through the chat guard. The texts are written for
these tests."""

from __future__ import annotations

import json
import re
from types import SimpleNamespace

import pytest
from test_daemon_helpers import AUTHOR
from test_session49_card import NAME, STORY, _code, _post, _screen_the_post_only, _sent

from social_bot import outbox
from social_bot.approvals import VerifiedIdentity
from social_bot.chat import handle_command
from social_bot.chat.actions import handle_action
from social_bot.chat.guard import release
from social_bot.chat.render import APPROVE, REJECT
from social_bot.dismissals import dismiss
from social_bot.notify import render
from social_bot.posts import show_post

SLACK_DANA, SLACK_LUIS = VerifiedIdentity("slack", "U01DANA"), VerifiedIdentity("slack", "U02LUIS")
MM_DANA = VerifiedIdentity("mattermost", "dana")
LONG_TAIL = "Also: from March our front desk closes at noon on Fridays."
LONG = "\n".join(f"Line {n}: our clinic's winter schedule & parking." for n in range(600))
LONG += "\n" + LONG_TAIL  # about 30,000 characters: more than a Slack or Mattermost message

# What the real screen's learned look did to the too-long note (the re-review): a whole line
# telling that something is "not a read in full" or "cannot" be shown read as an identifier.
OWN_NOTES = re.compile(r"not a read in full|cannot show revision|kept out of chat")


def reads_notes_as_identifiers(texts, context="post"):  # noqa: ANN001, ANN201
    """A stand-in for the learned look: each line holding one of socialbot's notes about a
    card not shown in full is flagged whole as an identifier; nothing else is."""
    return [[SimpleNamespace(category="other_id", start=m.start(), end=m.end(), text=m.group(),
                             severity="block", score=0.9, rule="learned_context",
                             reason="flagged", redaction="[identifier]")
             for m in re.finditer(r"[^\n]+", body) if OWN_NOTES.search(m.group())]
            for body in texts]


def _buttons(blocks: list[dict]) -> list[str]:
    return [e["action_id"] for b in blocks if b["type"] == "actions" for e in b["elements"]]


def _click(app, who: VerifiedIdentity, post_id: int, action: str = APPROVE,  # noqa: ANN001
           reason: str | None = None):  # noqa: ANN202
    """A click on a card's button for the current revision, as a card drawn before (with
    its Approve button) carries it."""
    value = json.dumps({"post": post_id, "hash": show_post(app, post_id)["revision_hash"]})
    return handle_action(app, who, action, value, reason)


def _votes(app, post_id: int) -> list[str]:  # noqa: ANN001
    return show_post(app, post_id)["approvals"]


def test_a_card_too_long_for_chat_has_no_approve_button_and_keeps_its_notes(
        make_app) -> None:  # noqa: ANN001
    app = make_app(screener=reads_notes_as_identifiers)
    post_id = _post(app, LONG)
    sent = _sent(app, handle_command(app, SLACK_DANA, f"show {post_id}"), "slack")
    assert _buttons(sent["blocks"]) == [REJECT]
    shown = json.dumps(sent["blocks"])
    assert "[identifier]" not in shown and LONG_TAIL not in shown
    assert "too long for chat; only its beginning is shown above" in shown
    assert "so it has no Approve button" in shown
    # the channel's card too
    rendered = render(app, outbox.PostPendingApproval(post_id=post_id))
    channel = release(app, rendered).body
    assert _buttons(channel["blocks"]) == [REJECT]
    assert "[identifier]" not in json.dumps(channel)
    # Mattermost has no buttons; its `show` keeps the note whole too
    out = _sent(app, handle_command(app, MM_DANA, f"show {post_id}"), "mattermost")["text"]
    assert "too long for chat; only its beginning" in out and "[identifier]" not in out


def test_a_card_shown_in_full_keeps_its_approve_button(make_app) -> None:  # noqa: ANN001
    app = make_app()
    post_id = _post(app, "Our flu-shot day is on Saturday, 9 to 12, no appointment needed.")
    sent = _sent(app, handle_command(app, SLACK_DANA, f"show {post_id}"), "slack")
    assert _buttons(sent["blocks"]) == [APPROVE, REJECT]
    assert _click(app, SLACK_DANA, post_id).ok and _click(app, SLACK_LUIS, post_id).ok
    assert show_post(app, post_id)["status"] == "approved"


def test_a_click_on_approve_of_a_card_too_long_is_refused(make_app) -> None:  # noqa: ANN001
    app = make_app(screener=reads_notes_as_identifiers)
    post_id = _post(app, LONG)
    for who in (SLACK_DANA, SLACK_LUIS):
        refusal = _click(app, who, post_id)
        assert not refusal.ok
        said = _sent(app, refusal, "slack")["text"]
        assert "[identifier]" not in said and "too long for chat" in said
        assert "the card's Approve button cannot count" in said
        assert f"socialbot post show {post_id}" in said
        assert f"/socialbot approve {post_id} CODE" in said
    assert _votes(app, post_id) == [] and show_post(app, post_id)["status"] == "pending_approval"
    # the code still approves; Reject still works from the card
    assert handle_command(app, SLACK_DANA, f"approve {post_id} {_code(app, post_id)}").ok
    assert _votes(app, post_id) == ["Dana Whitfield"]
    assert _click(app, SLACK_LUIS, post_id, REJECT, "the schedule is out of date").ok
    assert show_post(app, post_id)["status"] == "rejected"


# --- a dismissed finding: redacted card, and its note kept out of chat ------------------

NOTES = (f"{NAME.split()[1]} is our mayor", f"M. {NAME.split()[1]}, the mayor",
         f"{NAME[:-1]}s, the mayor")  # surname alone, an initial, one letter off


@pytest.fixture(params=range(len(NOTES)), ids=["surname", "initial", "one-letter-off"])
def dismissed(make_app, request):  # noqa: ANN001, ANN201
    app = make_app(screener=_screen_the_post_only)
    post_id = _post(app, STORY)
    dismiss(app, AUTHOR, post_id, "F1", "public_figure", note=NOTES[request.param])
    assert show_post(app, post_id)["status"] == "pending_approval"
    return app, post_id


def test_a_click_on_approve_of_a_redacted_card_is_refused(dismissed) -> None:  # noqa: ANN001
    app, post_id = dismissed
    sent = _sent(app, handle_command(app, SLACK_DANA, f"show {post_id}"), "slack")
    assert _buttons(sent["blocks"]) == [REJECT]
    refusal = _click(app, SLACK_DANA, post_id)
    assert not refusal.ok and "redacted for chat" in refusal.text
    assert _votes(app, post_id) == []


def test_a_dismissal_note_never_reaches_chat(dismissed) -> None:  # noqa: ANN001
    app, post_id = dismissed
    surname = NAME.split()[1].lower()
    payloads = [json.dumps(_sent(app, handle_command(app, who, f"show {post_id}"),
                                 who.provider)) for who in (SLACK_DANA, MM_DANA)]
    rendered = render(app, outbox.PostPendingApproval(post_id=post_id))
    payloads.append(json.dumps(release(app, rendered).body))
    for payload in payloads:
        assert surname[:-1] not in payload.lower() and "mayor" not in payload
        assert "public figure" in payload and "Pat Author" in payload  # reason and who
        assert re.search(r"dismissed by Pat Author on \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC",
                         payload)  # and when
        assert f"kept out of chat, read it with `socialbot post show {post_id}`" in payload
    # `post show` (the practice's computer) still has it
    finding = show_post(app, post_id)["findings"][0]
    assert "mayor" in finding["dismissal"]["note"]


def test_a_card_whose_dismissal_note_is_kept_out_needs_the_code(make_app) -> None:  # noqa: ANN001
    """A face cleared with a note naming who else is in the photo: nothing in the caption
    is redacted, but the note the approvers judge is in `post show` only, so the card is
    no read in full (no Approve button, the click and the plain approve refused)."""
    from test_session44_consent import PATIENT, screener

    from social_bot.consents import add_consent

    app = make_app(screener=screener)
    cid = add_consent(app, AUTHOR, PATIENT, ["photo"], "2030-01-01", form_ref="doc-49")
    post_id = _post(app, "Smiles all round at our 5k FACES")
    dismiss(app, AUTHOR, post_id, "F1", "authorization", consent_id=cid,
            note="the other face is Nurse Ode Brix")
    assert show_post(app, post_id)["status"] == "pending_approval"
    for who in (SLACK_DANA, MM_DANA):
        sent = _sent(app, handle_command(app, who, f"show {post_id}"), who.provider)
        assert "Ode Brix" not in json.dumps(sent) and "kept out of chat" in json.dumps(sent)
        refusal = handle_command(app, who, f"approve {post_id}")
        assert not refusal.ok and "note is kept out of chat" in refusal.text
    card = _sent(app, handle_command(app, SLACK_DANA, f"show {post_id}"), "slack")["blocks"]
    assert _buttons(card) == [REJECT]
    assert not _click(app, SLACK_LUIS, post_id).ok and _votes(app, post_id) == []
    assert handle_command(app, SLACK_DANA, f"approve {post_id} {_code(app, post_id)}").ok
