"""The carriers session 51's first part left open, each a bit a place in a post that reads
the same: one space or two, a tab or a space, an indented line or not, one blank line or two
(and blank lines at either end); an emoji selector or joiner outside Unicode's emoji
sequences (👍🏽️, 😀︎, 🎉‍🎈) and the optional VS16s of a listed sequence (👨‍⚕ against 👨‍⚕️).
Each is now put in one form at every door (policies/hidden.plain_layout,
policies/emoji_forms.py), with the note; a revision stored before is refused until edited.

Every text here is written for these tests, the hidden words included."""

from __future__ import annotations

import logging

import pytest
from test_daemon_helpers import AUTHOR
from test_session51_carriers import (
    COVER,
    DANA,
    LUIS,
    SECRET,
    _approved_by_both,
    _hide,
    _read,
    _stored_as_before,
)

from policies.hidden import carrier, plain_layout
from social_bot.approvals import approve
from social_bot.chat import handle_command
from social_bot.errors import Refused
from social_bot.inputs import require_text
from social_bot.posts import create_post, edit_post, prepare_draft, show_post

GAP = "\x00"  # where a bit goes in a cover text, before it is hidden
THANKS = GAP.join(["Thanks team"] * 230)


def _stored(app, text: str) -> str:  # noqa: ANN001
    return show_post(app, create_post(app, AUTHOR, prepare_draft(app, text, ["x"])))["text"]


@pytest.mark.parametrize(("cover", "zero", "one", "at"), [
    pytest.param(COVER, " ", "  ", " ", id="one-or-two-spaces"),
    pytest.param(COVER, " ", "\t", " ", id="space-or-tab"),
    pytest.param("\n".join(["Flu shots today"] * 220), "\n", "\n ", "\n", id="indented-or-not"),
    pytest.param("\n\n".join(["Flu shots today."] * 220), "\n\n", "\n\n\n", "\n\n",
                 id="one-or-two-blank-lines"),
    pytest.param(THANKS, " \u261d\U0001f3fd ", " \u261d\ufe0f\U0001f3fd ", GAP,
                 id="vs16-before-a-skin-tone"),
    pytest.param(THANKS, " \U0001f600 ", " \U0001f600\ufe0e ", GAP,
                 id="vs15-after-an-emoji-with-no-text-form"),
    pytest.param(THANKS, " \U0001f389\U0001f388 ", " \U0001f389\u200d\U0001f388 ", GAP,
                 id="zwj-joining-no-sequence"),
    pytest.param(THANKS, " \U0001f468\u200d\u2695\ufe0f ", " \U0001f468\u200d\u2695 ", GAP,
                 id="fully-or-minimally-qualified"),
])
def test_a_payload_in_gaps_lines_and_emoji_does_not_survive_into_the_stored_text(
        make_app, cover: str, zero: str, one: str, at: str) -> None:  # noqa: ANN001
    app = make_app()
    smuggled = _hide(cover, SECRET, zero, one, at)
    assert SECRET in _read(smuggled, zero, one)  # the scheme works on the text as typed
    stored = _stored(app, smuggled)
    assert SECRET not in _read(stored, zero, one)
    # every bit reads alike: the all-zero and the all-one text are stored as one text
    assert stored == prepare_draft(app, cover.replace(at, zero), ["x"]).content.text \
        == prepare_draft(app, cover.replace(at, one), ["x"]).content.text


@pytest.mark.parametrize(("typed", "kept"), [
    ("Open  8 am\tto 5 pm", "Open 8 am to 5 pm"),
    ("\n\n  Flu shots\n\n\n\n   today\n\n", "Flu shots\n\ntoday"),
    ("Line one\n \n\nLine two", "Line one\n\nLine two"),  # a line of blanks is blank
    ("Party \U0001f389\u200d\U0001f388!", "Party \U0001f389\U0001f388!"),
    ("Our \U0001f468\u200d\u2695 team", "Our \U0001f468\u200d\u2695\ufe0f team"),
    ("Pride \U0001f3f3\u200d\U0001f308", "Pride \U0001f3f3\ufe0f\u200d\U0001f308"),
    ("Point \u261d\ufe0f\U0001f3fd", "Point \u261d\U0001f3fd"),  # VS16 before a skin tone
    ("Smile \U0001f600\ufe0e", "Smile \U0001f600"),  # VS15: no text form listed
    ("\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f389",  # a family, then a ZWJ
     "\U0001f468\u200d\U0001f469\u200d\U0001f467\U0001f389"),
])
def test_what_a_reader_cannot_count_is_stored_in_one_form(typed: str, kept: str) -> None:
    assert require_text(typed) == kept
    assert plain_layout(kept).text == kept and carrier(kept) is None


@pytest.mark.parametrize("text", [
    "We \u2764\ufe0f our nurses",  # text-default, drawn as emoji with its VS16
    "We \u2764\ufe0e our nurses",  # and as text with its VS15
    "We \u2764 our nurses",
    "Step 1\ufe0f\u20e3 then 2\ufe0e\u20e3",  # keycaps, emoji and text
    "\u2764\ufe0f\u200d\U0001f525 and \U0001f469\U0001f3fd\u200d\u2695\ufe0f",
    "Paragraph one.\n\nParagraph two,\nits second line.",
    "\u0915\u094d\u200d\u0937",  # a ZWJ after a virama: writing, no emoji
])
def test_writing_in_its_one_form_is_kept(text: str) -> None:
    assert plain_layout(text).text == text and require_text(text) == text


def test_every_emoji_unicode_lists_keeps_or_takes_its_fully_qualified_form() -> None:
    from emoji import EMOJI_DATA

    fully = {e for e, info in EMOJI_DATA.items() if info["status"] == 2}
    assert len(fully) > 3900
    assert [e for e in fully if plain_layout(e).text != e] == []
    # a minimally- or unqualified sequence of two code points or more becomes the
    # fully-qualified one; a single text-default character (❤, ©) stays as it is
    others = [e for e, info in EMOJI_DATA.items() if info["status"] > 2]
    moved = {e: plain_layout(e).text for e in others if plain_layout(e).text != e}
    assert moved and all(form in fully for form in moved.values())
    assert all(len(e.replace("\ufe0f", "")) > 1 for e in moved)
    # no two fully-qualified sequences differ by their VS16s alone: one form each
    bare = [e.replace("\ufe0f", "") for e in fully]
    assert len(bare) == len(set(bare))


def test_the_note_says_what_changed(caplog) -> None:  # noqa: ANN001
    with caplog.at_level(logging.WARNING, logger="socialbot.inputs"):
        require_text("Open  today\t\U0001f389\u200d\U0001f388\n\n\n\nBye")
    (note,) = [r.getMessage() for r in caplog.records if "normalised" in r.getMessage()]
    for said in ("1 tab(s) made spaces", "1 run(s) of spaces made one space",
                 "1 run(s) of blank lines made one blank line",
                 "1 emoji selector(s) or joiner(s) outside Unicode's emoji sequences removed"):
        assert said in note


@pytest.mark.parametrize(("stored", "named"), [
    ("See you  at the clinic", "U\\+0020 \\(space\\) at character 9"),
    ("See you at the clinic\n\n\nBye", "U\\+000A \\(line feed\\) at character 24"),
    ("Party \U0001f389\u200d\U0001f388", "U\\+200D \\(zero width joiner\\) at character 8"),
])
def test_a_revision_stored_before_is_refused_until_edited(
        make_app, monkeypatch, stored: str, named: str) -> None:  # noqa: ANN001
    app = make_app()
    post_id = _stored_as_before(app, monkeypatch, stored)
    with pytest.raises(Refused, match=named):
        approve(app, DANA, post_id)
    assert show_post(app, post_id)["hidden"]
    edit_post(app, AUTHOR, post_id, text=stored)  # the same words
    assert show_post(app, post_id)["text"] == plain_layout(stored).text
    _approved_by_both(app, post_id)


def test_a_chat_reason_takes_the_emoji_form_too(make_app) -> None:  # noqa: ANN001
    # (consent names, --form and --reason were one space between words already, and chat
    # makes words of what follows a command: their emoji are what was open there)
    app = make_app()
    post_id = create_post(app, AUTHOR, prepare_draft(app, "Flu clinic on Saturday", ["x"]))
    answer = handle_command(app, LUIS, f"reject {post_id} Wrong hours \U0001f389\u200d\U0001f388")
    assert answer.ok and "Wrong hours \U0001f389\U0001f388 (note" in answer.text
    assert "joiner(s) outside Unicode's emoji sequences removed" in answer.text


@pytest.mark.parametrize("typed", [
    "Get well M\u200aa\u200a\u0301\u200ar\u200ai\u200aa",  # an accent letter-spaced off its a
    "  Open\t\t8 am  \n\n\n\n \U0001f468\u200d\u2695 \U0001f389\u200d\U0001f388\n\n",
])
def test_the_one_form_is_a_fixed_point_and_approvable(typed: str) -> None:
    """What the door stores is what a stored revision is checked against: were the form
    not its own fixed point, a text stored today would be refused at approval."""
    from policies.hidden import layout_spot

    kept = plain_layout(typed).text
    assert plain_layout(kept).text == kept and layout_spot(kept) is None
