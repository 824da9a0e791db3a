"""A `show` counts as a read in full only for what the chat guard let out (session 49).

The card is screened whole by the guard, with context the post's text lacks on its own: an
alt text speaking of someone's health makes a first name in the text a patient's. The
post's own screen passed the text, so the card carried it "in full" and the view was
recorded before the guard redacted the name: an approver could plain-approve words chat
never showed. The view is now recorded from the released payload, and only when the text
is still whole in it; the card says what was redacted and the code still approves.

Stand-in screen as in the other chat card tests (``in_health_context``); the texts are
written for these tests."""

from __future__ import annotations

import json

import pytest
from test_chat_view_units_session48 import HEALTH, in_health_context
from test_daemon_helpers import AUTHOR
from test_retention import image_file
from test_session49_card import read_in_cli

from social_bot.approvals import VerifiedIdentity
from social_bot.chat import handle_command
from social_bot.chat.guard import release
from social_bot.chat.memory import was_shown
from social_bot.posts import create_post, prepare_draft, show_post

DOORS = [VerifiedIdentity("slack", "U01DANA"), VerifiedIdentity("mattermost", "dana")]
TEXT = "Welcome back, Odile! The team missed you."



@pytest.fixture(autouse=True)
def _post_screen_reads_each_part_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests are about the chat guard's own reading of a card (text and alt text
    together). Since session 56 the post's screen reads them together too (S3,
    media_screen.read_together) and blocks such a post before any card is drawn; the guard
    stays as the second line for what a post's screen misses, so here the post's screen
    reads each part alone, as it did before."""
    import social_bot.media_screen as media_screen

    monkeypatch.setattr(media_screen, "read_together", lambda *args, **kwargs: [])

def _post(app, tmp_path, alt: str) -> int:  # noqa: ANN001
    image = image_file(tmp_path, "photo", (40, 90, 160))
    post_id = create_post(app, AUTHOR, prepare_draft(app, TEXT, ["facebook"], media=[image],
                                                     alts=[alt]))
    post = show_post(app, post_id)
    # the post's own screen passes it: the text alone, and the alt text alone, hold nothing
    assert post["status"] == "pending_approval" and not post["findings"]
    return post_id


def _sent_text(app, reply, provider: str) -> str:  # noqa: ANN001
    """The text leaf the web layer sends for ``reply`` (the guard applied)."""
    body = reply.as_slack() if provider == "slack" else reply.as_mattermost()
    return release(app, body).body["text"]


@pytest.mark.parametrize("who", DOORS, ids=["slack", "mattermost"])
def test_a_name_the_guard_redacts_in_the_text_is_no_read_in_full(
        make_app, tmp_path, who: VerifiedIdentity) -> None:  # noqa: ANN001
    app = make_app(screener=in_health_context)
    post_id = _post(app, tmp_path, f"our patient after her {HEALTH} infusion")
    code = show_post(app, post_id)["revision_hash"]
    reply = handle_command(app, who, f"show {post_id}")
    assert not was_shown(app.db, who.label, post_id, code)
    out = _sent_text(app, reply, who.provider)
    assert "Odile" not in out and "Welcome back, [patient name]" in out
    # said on the card as for a redaction made before the guard (render.redaction_note)
    assert "Redacted for chat: " in out and f"`socialbot post show {post_id}`" in out
    refusal = handle_command(app, who, f"approve {post_id}")
    assert not refusal.ok and "parts of it are redacted for chat" in refusal.text
    assert f"/socialbot approve {post_id} CODE" in refusal.text
    read_in_cli(app, post_id)  # the approver's own `post show` (session 51)
    assert handle_command(app, who, f"approve {post_id} r1-{code[:24]}").ok


@pytest.mark.parametrize("who", DOORS, ids=["slack", "mattermost"])
def test_without_the_context_the_same_text_is_not_redacted(
        make_app, tmp_path, who: VerifiedIdentity) -> None:  # noqa: ANN001
    """The name stays without the health context. The card is still no read in full since
    session 50: chat cannot show the post's image, so the code approves."""
    app = make_app(screener=in_health_context)
    post_id = _post(app, tmp_path, "our new waiting room chairs")
    reply = handle_command(app, who, f"show {post_id}")
    out = _sent_text(app, reply, who.provider)
    assert "Welcome back, Odile!" in out.replace("\\", "") and "Redacted for chat" not in out
    assert not was_shown(app.db, who.label, post_id, show_post(app, post_id)["revision_hash"])
    refusal = handle_command(app, who, f"approve {post_id}")
    assert not refusal.ok and "its images are not shown in chat" in refusal.text
    code = show_post(app, post_id)["revision_hash"]
    read_in_cli(app, post_id)  # the approver's own `post show` (session 51)
    assert handle_command(app, who, f"approve {post_id} r1-{code[:24]}").ok


def test_the_web_layer_sends_the_payload_the_view_was_judged_on(
        make_app, tmp_path) -> None:  # noqa: ANN001
    from social_bot.web.asgi import ChatDoors

    app = make_app(screener=in_health_context)
    post_id = _post(app, tmp_path, f"our patient after her {HEALTH} infusion")
    doors = ChatDoors(app)
    try:
        for who in DOORS:
            reply = handle_command(app, who, f"show {post_id}")
            door, cleared = reply.released
            assert door == who.provider and doors._clear(reply, who.provider) is cleared
            assert "Odile" not in json.dumps(cleared.body["text"])
    finally:
        doors.close()


def test_slacks_blocks_are_screened_with_the_cards_context(make_app, tmp_path) -> None:  # noqa: ANN001
    """Each Slack block was screened apart: the fallback text (the whole card) lost the name,
    the block holding the post's text, read without the alt text's block, kept it. The
    message is now screened together, so the name leaves in no block either; units (one
    post's row in `pending`) are still screened on their own."""
    app = make_app(screener=in_health_context)
    post_id = _post(app, tmp_path, f"our patient after her {HEALTH} infusion")
    reply = handle_command(app, DOORS[0], f"show {post_id}")
    body = release(app, reply.as_slack()).body
    sections = [b["text"]["text"] for b in body["blocks"] if b["type"] == "section"]
    assert "> Welcome back, [patient name]! The team missed you." in sections
    assert "Odile" not in json.dumps(body)
    # the channel's pending card (notify) goes through the same guard
    from social_bot import outbox
    from social_bot.notify import render

    rendered = render(app, outbox.PostPendingApproval(post_id=post_id))
    assert "Odile" not in json.dumps(release(app, rendered).body)
