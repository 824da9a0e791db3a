"""Invisible data carriers and unscreened link previews (an outside review, session 50,
findings 1 and 6).

Finding 1: the screen reads a text without its invisible characters, but the text stored,
hashed, sent to chat and published kept them, so a patient's name and MRN spelled in tag
characters (or variation selectors, zero-width bits, braille blanks for spaces) passed the
screen and went out. A kept text (post, alt text, reply, edit) now refuses them at the
door; a public comment is read with what they spell and goes to a person; the chat guard
cuts them from every copy of a card before screening it.

The texts are written for these tests (the hidden words included)."""

from __future__ import annotations

import json

import pytest
from test_daemon_helpers import AUTHOR
from test_retention import image_file

import social_bot.posts as posts
from social_bot import outbox
from social_bot.approvals import VerifiedIdentity
from social_bot.chat import handle_command
from social_bot.chat.guard import release
from social_bot.errors import UserError
from social_bot.inputs import require_text
from social_bot.notify import render
from social_bot.posts import create_post, prepare_draft

SECRET = "Rosalind Brackett MRN 5580213 started dialysis"
TAGS = "".join(chr(0xE0000 + ord(c)) for c in SECRET)
SELECTORS = "".join(chr(0xFE00 + b) if b < 16 else chr(0xE0100 + b - 16)
                    for b in SECRET.encode())
# zero-width bits (a joiner and a non-joiner: zero-width spaces are now dropped at the door)
BITS = "".join("\u200d" if bit == "0" else "\u200c"
               for c in SECRET for bit in f"{ord(c):08b}")
ENGLAND = "\U0001f3f4" + "".join(chr(0xE0000 + ord(c)) for c in "gbeng") + "\U000e007f"
DANA = VerifiedIdentity("slack", "U01DANA")


@pytest.mark.parametrize("hidden", [TAGS, SELECTORS, BITS, "\u200d\u200d", "\u2060\u200c",
                                    "\u2800and a braille blank for a space"],
                         ids=["tags", "selectors", "zero-width-bits", "zwj-run",
                              "after-a-dropped-word-joiner", "braille-blank"])
def test_a_kept_text_with_a_data_carrier_is_refused_in_one_line(hidden: str) -> None:
    words = "Our flu clinic runs all week, walk-ins welcome! 😀"
    with pytest.raises(UserError) as caught:
        require_text(words + hidden, "the text")
    message = str(caught.value)
    assert "\n" not in message and f"at character {len(words) + 1}," in message
    first = hidden.lstrip("\u2060")[0]  # a word joiner is dropped, not refused
    assert f"U+{ord(first):04X}" in message and "invisible" in message


@pytest.mark.parametrize("text", [
    "We ❤️ our nurses 👩🏽‍⚕️ and our volunteers 👨‍👩‍👧",
    "Pride week 🏳️‍🌈 at the front desk; step 1️⃣ is a smile ©︎",
    f"Good luck to the team tonight {ENGLAND}",
    "स्वागत है क्‍ष",  # a Devanagari conjunct with a joiner
    "می‌خواهیم",  # Persian: a non-joiner between two letters
])
def test_writing_that_needs_an_invisible_character_is_kept(text: str) -> None:
    from policies.hidden import carrier, hidden_text, without_hidden

    assert carrier(text) is None and require_text(text) == text
    assert without_hidden(text) == text and not hidden_text(text).spelled


def test_what_the_carriers_spell_is_read() -> None:
    from policies.hidden import hidden_text, without_hidden

    assert hidden_text("Happy Friday 😀" + SELECTORS).spelled == (SECRET,)
    assert hidden_text("Thanks all!" + TAGS).spelled == (SECRET,)
    bits = hidden_text("Thanks all!" + BITS)
    assert not bits.spelled and bits.unread == len(BITS)
    assert without_hidden("Thanks all!" + TAGS + BITS) == "Thanks all!"


def test_an_alt_text_and_a_post_are_refused_before_anything_is_written(
        make_app, tmp_path) -> None:  # noqa: ANN001
    app = make_app()
    image = image_file(tmp_path, "photo", (40, 90, 160))
    with pytest.raises(UserError, match="the alt text of image 1 holds U\\+E0052"):
        prepare_draft(app, "Our front desk team", ["facebook"], media=[image],
                      alts=["Our front desk team" + TAGS])
    with pytest.raises(UserError, match="the text holds U\\+E0052"):
        prepare_draft(app, "Our front desk team" + TAGS, ["facebook"])


def test_a_public_comment_is_read_with_what_its_hidden_characters_spell(
        screened_classifier) -> None:  # noqa: ANN001
    flags = {f.flag: f for f in screened_classifier.classify("Great clinic, thank you!" + TAGS)}
    assert "phi" in flags and "unjudged" in flags
    assert "invisible" in flags["unjudged"].reason
    # bits nothing here decodes: a person looks
    flags = {f.flag for f in screened_classifier.classify("Great clinic, thank you!" + BITS)}
    assert "unjudged" in flags
    # an emoji's selector and joiner are writing, not hidden text
    flags = {f.flag for f in screened_classifier.classify("Great clinic, thank you! ❤️ 👩🏽‍⚕️")}
    assert "unjudged" not in flags


def _stored_with_tags(app, monkeypatch) -> int:  # noqa: ANN001
    """A post stored before this change: its text carries the tag characters."""
    monkeypatch.setattr(posts, "require_text", lambda *a, **k: None)
    return create_post(app, AUTHOR, prepare_draft(app, "See you at the clinic!" + TAGS,
                                                  ["facebook"]))


def test_every_chat_copy_of_a_card_is_cut_and_judged_alike(make_app, monkeypatch) -> None:  # noqa: ANN001
    app = make_app()
    post_id = _stored_with_tags(app, monkeypatch)
    reply = handle_command(app, DANA, f"show {post_id}")
    shown = release(app, reply.as_slack())
    card = render(app, outbox.PostPendingApproval(post_id=post_id))
    sent = release(app, card)
    for body in (shown.body, sent.body, release(app, reply.as_mattermost()).body):
        sent = json.dumps(body, ensure_ascii=False)  # str() would escape the tags
        assert TAGS[0] not in sent and "See you at the clinic!" in sent
