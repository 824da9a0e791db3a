"""Invisible characters, second round (an outside review of session 50's fixes, F1, F3, F5,
F6, N1, N2).

F1: one zero-width joiner or non-joiner at a letter boundary was kept as "writing", so a
name, an MRN and a diagnosis went out a bit a boundary. F3: a post stored before the door
refused carriers was approved and published. F5: tags with a zero-width space between each
were decoded one at a time. F6/N2: chat reasons and consent names kept tags. N1: what the
first fix refused that writing needs (a soft hyphen, Thai word breaks, "ℹ️", a bidi mark
around a phone number in Arabic).

Every text here is written for these tests, the hidden words included."""

from __future__ import annotations

import logging

import pytest
from dates_ahead import a_year_ahead
from test_daemon_helpers import ALL, AUTHOR, LUIS, FakePlatforms
from test_publish import make_publisher, run_all

import social_bot.inputs as inputs
import social_bot.posts as posts
from policies.hidden import carrier, hidden_text, without_hidden
from social_bot.approvals import VerifiedIdentity, approve
from social_bot.chat import handle_command
from social_bot.chat.commands import approve_reply
from social_bot.chat.guard import release
from social_bot.chat.render import mattermost_escape
from social_bot.consents import add_consent
from social_bot.errors import Refused, UserError
from social_bot.inputs import require_text
from social_bot.posts import create_post, prepare_draft, show_post

SECRET = "Odalys Penhallow MRN 6612087 started chemo"
TAGS = "".join(chr(0xE0000 + ord(c)) for c in SECRET)
DANA = VerifiedIdentity("slack", "U01DANA")
ZWJ, ZWNJ = "\u200d", "\u200c"


def _bits_at_boundaries(cover: str, secret: str) -> str:
    """``cover`` with one ZWJ (0) or ZWNJ (1) after each letter followed by a letter: the
    reviewer's scheme, one bit a boundary, written again here."""
    bits = iter("".join(f"{b:08b}" for b in secret.encode()))
    out = []
    for i, ch in enumerate(cover):
        out.append(ch)
        if ch.isalpha() and i + 1 < len(cover) and cover[i + 1].isalpha():
            bit = next(bits, None)
            if bit is not None:
                out.append(ZWJ if bit == "0" else ZWNJ)
    return "".join(out)


COVER = ("Our walk-in flu clinic is open every weekday morning this month, and the front "
         "desk team will gladly help you choose a time that suits your family best. ")


@pytest.mark.parametrize("text", [
    _bits_at_boundaries(COVER * 3, "mrn 6612087"),
    "Hap" + ZWJ + "py Friday",  # one joiner between two Latin letters
    "Hap" + ZWNJ + "py Friday",  # one non-joiner between two Latin letters
    "Open 8\ufe0f:\ufe0e00 to noon",  # selectors after a digit without a keycap, a colon
    "Room 1\ufe0f is ready",
    # (a bidi mark in a text with no right-to-left word is removed, not refused, since
    # session 51: tests/test_session51_attack2.py)
    "a" + ZWJ + "😀 good morning",  # a joiner after a letter, before an emoji
    # a private-use or unassigned code point inside a number: the screen read through it and
    # found no MRN, SSN or phone (a third outside review, session 50, A2)
    "Her MRN is 447\ue0001920, chemo went well",
    "SSN 123-45-\U000f00006789 on file",
    "Call 555-867-\u0378" + "5309 after her scan",
])
def test_a_single_carrier_at_a_letter_boundary_is_refused(text: str) -> None:
    with pytest.raises(UserError, match="an invisible character that can carry text"):
        require_text(text, "the text")


@pytest.mark.parametrize("text", [
    "ℹ️ Flu shots are in: walk in any weekday",  # ℹ is a letter that takes VS16
    "Ⓜ️ and ™️ and ☎︎ Call us",
    "Family day 👨‍👩‍👧‍👦 with ❤️‍🔥 and 🏳️‍⚧️ and 👁️‍🗨️ and 🧑🏿‍🤝‍🧑🏻 #️⃣ 1️⃣",
    "Shots done 🫨 then 🪿 and 🫎",  # emoji newer than Python's own Unicode: assigned
    "ශ්‍රී ලංකා",  # Sinhala: a joiner after a virama
    "ന്‍",  # Malayalam: a chillu written with a joiner after a virama
    "क्‍ष and क्‌ष",  # Devanagari: a joiner, a non-joiner after a virama
    "می‌خواهیم",  # Persian: a non-joiner between two letters
    # a mark before a phone number in Arabic (an LRM: an RLM typed there is stored as the
    # one mark that place takes since session 51, tests/test_session51_attack2.py)
    "اتصل بنا \u200e555-0100 شكرا",
    "للحجز \u200e+1 555 201 7788\u200e اليوم",  # left-to-right marks around one
])
def test_writing_that_needs_one_is_kept_everywhere(text: str) -> None:
    assert carrier(text) is None and require_text(text) == text
    assert without_hidden(text) == text and not hidden_text(text).spelled


def test_line_break_hints_are_removed_before_the_text_is_screened_and_stored(
        make_app, caplog) -> None:  # noqa: ANN001
    app = make_app()
    with caplog.at_level(logging.WARNING, logger="socialbot.inputs"):
        draft = prepare_draft(app, "Book your appoint\u00adment online to\u2060day",
                              ["facebook"])
    assert draft.content.text == "Book your appointment online today"
    assert "removed 2 invisible line-break hint(s)" in caplog.text
    thai = "ยินดีต้อนรับ\u200bสู่คลินิก\u200bของเรา"
    assert require_text(thai) == thai.replace("\u200b", "")
    stored = create_post(app, AUTHOR, draft)
    assert show_post(app, stored)["text"] == "Book your appointment online today"


def test_the_chat_guard_cuts_single_carriers_but_not_its_own_escaping(make_app) -> None:  # noqa: ANN001
    app = make_app()
    sent = release(app, {"text": _bits_at_boundaries(COVER, "mrn")}).body["text"]
    assert ZWJ not in sent and ZWNJ not in sent and sent == COVER
    escaped = mattermost_escape("Read https://clinic.example/flu or www.clinic.example @dana")
    assert release(app, {"text": escaped}).body["text"].count("\u200b") == 3


def test_tags_apart_are_read_as_one_text(screened_classifier) -> None:  # noqa: ANN001
    apart = "Great clinic, thank you!" + "\u200b".join(TAGS)
    assert hidden_text(apart).spelled == (SECRET,)
    flags = {f.flag for f in screened_classifier.classify(apart)}
    assert "phi" in flags


def _stored_with_tags(app, monkeypatch) -> int:  # noqa: ANN001
    """A post stored before the door refused carriers: its text keeps the tags."""
    monkeypatch.setattr(posts, "require_text", lambda *a, **k: None)
    post_id = create_post(app, AUTHOR, prepare_draft(app, "See you at the clinic!" + TAGS,
                                                     list(ALL)))
    monkeypatch.undo()
    return post_id


def test_a_revision_stored_with_a_carrier_is_not_approved(make_app, monkeypatch) -> None:  # noqa: ANN001
    app = make_app()
    post_id = _stored_with_tags(app, monkeypatch)
    with pytest.raises(Refused, match=f"edit the post \\(`socialbot post edit {post_id} "):
        approve(app, DANA, post_id)
    revision_hash = show_post(app, post_id)["revision_hash"]
    answer = approve_reply(app, LUIS, post_id, revision_hash)
    assert not answer.ok and "U+E004F" in answer.text and "edit the post" in answer.text
    assert show_post(app, post_id)["status"] == "pending_approval"


def test_one_approved_before_the_upgrade_is_not_published(make_app, monkeypatch) -> None:  # noqa: ANN001
    app = make_app()
    post_id = _stored_with_tags(app, monkeypatch)
    monkeypatch.setattr(inputs, "carrier", lambda text: None)  # approved by the old code
    approve(app, DANA, post_id)
    assert approve(app, LUIS, post_id).status == "approved"
    monkeypatch.undo()
    platforms = FakePlatforms()
    run_all(make_publisher(app, platforms))
    assert all(not platforms[name].texts() for name in ALL)
    detail = show_post(app, post_id)
    assert detail["status"] == "blocked_phi"


def test_chat_reasons_and_consent_names_refuse_carriers(make_app, monkeypatch) -> None:  # noqa: ANN001
    app = make_app()
    post_id = create_post(app, AUTHOR, prepare_draft(app, "Flu clinic on Saturday", ["x"]))
    for verb in ("reject", "hold"):
        answer = handle_command(app, DANA, f"{verb} {post_id} Wrong hours{TAGS}")
        assert not answer.ok and "U+E004F" in answer.text, verb
    assert show_post(app, post_id)["status"] == "pending_approval"
    with pytest.raises(UserError, match="the patient's name holds U\\+E0020"):
        add_consent(app, AUTHOR, "Maria Garcia" + TAGS[20:], ["name"], a_year_ahead())


def test_a_comment_with_bits_at_letter_boundaries_goes_to_a_person(
        screened_classifier) -> None:  # noqa: ANN001
    comment = _bits_at_boundaries("Thank you to everyone who came to our flu clinic", "mrn")
    flags = {f.flag: f for f in screened_classifier.classify(comment)}
    assert "unjudged" in flags and "invisible" in flags["unjudged"].reason
    # a stray soft hyphen from pasted text is no reason to look
    pasted = {f.flag for f in screened_classifier.classify("Great appoint\u00adment, thanks")}
    assert "unjudged" not in pasted


def test_post_show_and_chat_show_say_what_a_stored_revision_hides(
        make_app, monkeypatch) -> None:  # noqa: ANN001
    app = make_app()
    post_id = _stored_with_tags(app, monkeypatch)
    assert "U+E004F" in show_post(app, post_id)["hidden"]
    reply = handle_command(app, DANA, f"show {post_id}")
    sent = release(app, reply.as_slack()).body
    text = str(sent)
    assert "Hidden characters" in text and "edit the post" in text and TAGS[0] not in text
