"""Carriers from this session's attack review (session 51, findings 1, 5, 6 and 9).

1: runs of bidi marks near one right-to-left letter passed the door, each mark vouching for
its neighbour. 5: ``plain_layout`` was not idempotent and the door checked another string
than the one stored. 6: U+FFFC inside an MRN passed the door and the comment classifier.
9: an HTML numeric character reference hid an MRN from the screen.

Every text here is written for these tests, the hidden words included."""

from __future__ import annotations

import random
import unicodedata

import pytest
from test_daemon_helpers import AUTHOR

import social_bot.posts as posts
from policies.hidden import carrier, hidden_text, layout_spot, plain_layout
from policies.moderation import should_auto_hide
from social_bot.errors import UserError
from social_bot.inputs import kept_form, require_text
from social_bot.posts import create_post, prepare_draft, show_post

RLM, ALM, LRM = "\u200f", "\u061c", "\u200e"
VS16, HAIR = "\ufe0f", "\u200a"
ARABIC_WORD = "\u0645\u0631\u062d\u0628\u0627"
SECRET = "Ines Varga MRN 4471920"  # made up here


def _bidi_payload(secret: str) -> tuple[str, str]:
    """A bilingual cover text with an Arabic word every few words, and the same text with a
    run of marks (an RLM, then an RLM for each 0 and an ALM for each 1, four bits a run)
    before each space: the reviewer's scheme, written again here."""
    bits = "".join(f"{b:08b}" for b in secret.encode())
    cover = " ".join(["Welcome to the clinic", ARABIC_WORD] * (len(bits) // 8 + 1))
    words, out = cover.split(" "), []
    for n, word in enumerate(words):
        chunk = bits[4 * n:4 * n + 4]
        out.append(word + (RLM + "".join(ALM if b == "1" else RLM for b in chunk)
                           if chunk and n + 1 < len(words) else ""))
    return cover, " ".join(out)


def _read_bidi(text: str) -> str:
    bits = "".join("".join("1" if c == ALM else "0" for c in word[1:])
                   for word in ("".join(c for c in w if c in (RLM, ALM)) for w in text.split(" "))
                   if word)
    return bytes(int(bits[i:i + 8], 2) for i in range(0, len(bits) - 7, 8)).decode(
        "utf-8", errors="replace")


# --- 1: runs of bidi marks ---------------------------------------------------------------

def test_a_name_in_runs_of_bidi_marks_is_refused_at_the_door(make_app) -> None:  # noqa: ANN001
    cover, smuggled = _bidi_payload(SECRET)
    assert _read_bidi(smuggled) == SECRET  # the scheme works on the text as typed
    assert carrier(smuggled) is not None
    with pytest.raises(UserError, match="U\\+200F \\(right-to-left mark\\)"):
        prepare_draft(make_app(), smuggled, ["x"])
    assert require_text(cover) == cover


@pytest.mark.parametrize("text", [
    f"Ma{RLM}{ALM}{RLM}ria {ARABIC_WORD}",  # a run inside a Latin word
    f"{ARABIC_WORD}{RLM}{RLM} clinic",  # two RLMs after an Arabic word
    f"{ARABIC_WORD} 555{ALM}{RLM}0100",  # a run beside a number in an Arabic line
    f"{ARABIC_WORD} Google{RLM}{LRM} today",  # an LRM vouched for by an RLM at a word's edge
])
def test_two_bidi_marks_in_a_row_are_a_carrier(text: str) -> None:
    assert carrier(text) is not None
    assert hidden_text(text).unread >= 2  # a comment with such a run goes to a person


def test_one_mark_where_writing_needs_it_is_still_kept() -> None:
    for text in (f"{ARABIC_WORD} Google{RLM} {ARABIC_WORD}", f"{ARABIC_WORD} 555{RLM}-0100"):
        assert carrier(text) is None and hidden_text(text).unread == 0


def test_a_comment_hiding_a_name_in_mark_runs_goes_to_a_person(screened_classifier) -> None:  # noqa: ANN001
    _, smuggled = _bidi_payload(SECRET)
    assert hidden_text(smuggled).unread == sum(c in (RLM, ALM) for c in smuggled)
    assert "unjudged" in {f.flag for f in screened_classifier.classify(smuggled)}


# --- 5: one form, checked as stored ---------------------------------------------------------

REVIEWER_CASES = [
    "Flu day \U0001f600" + VS16 * 3,
    "M" + HAIR + "a" + HAIR + "\u0301" + HAIR + "x" + HAIR + "y",
    "\U0001f600" + VS16 * 2 + " \U0001f389" + VS16 * 5,
]
# what the reviewer's random search drew from: spaces, breaks, marks, emoji, keycaps
ALPHABET = ["a", "e", "c", "1", "#", " ", "\n", "\r", "\t", "\u00a0", HAIR, "\u2009", "\u202f",
            "\u2028", "\u0085", "\u0301", "\u0327", "\u20e3", "\U0001f600", "\u2764", VS16,
            "\ufe0e", "\u2000", "\u212b", "A", "\u030a"]


def _is_plain(text: str) -> None:
    once = plain_layout(text).text
    assert plain_layout(once).text == once, (text, once)
    assert plain_layout(once).changes == ()
    assert unicodedata.is_normalized("NFC", once) and layout_spot(once) is None


@pytest.mark.parametrize("text", REVIEWER_CASES)
def test_the_reviewers_inputs_reach_one_form(text: str) -> None:
    _is_plain(text)


def test_plain_layout_is_idempotent() -> None:
    try:
        from hypothesis import given, settings
        from hypothesis import strategies as st
    except ImportError:  # not installed: a seeded search, bounded in count
        rng = random.Random(51)
        for _ in range(20_000):
            _is_plain("".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 10))))
        return

    @settings(max_examples=3000, derandomize=True, deadline=None)
    @given(st.lists(st.sampled_from(ALPHABET), max_size=12).map("".join))
    def check(text: str) -> None:
        _is_plain(text)

    check()


def test_a_new_draft_is_stored_in_the_form_its_door_checked(make_app) -> None:  # noqa: ANN001
    app = make_app()
    typed = REVIEWER_CASES[0]
    # since s51-spaces2 (emoji forms from Unicode's data), a run of selectors after an emoji
    # is refused at the door as session 50 refused two in a row; what must never happen is a
    # draft stored in a form the door did not check
    with pytest.raises(UserError, match="U\\+FE0F"):
        prepare_draft(app, typed, ["x"])
    stored = show_post(app, create_post(app, AUTHOR, prepare_draft(app, "Flu day \U0001f600\ufe0f",
                                                                  ["x"])))
    assert stored["text"] == "Flu day \U0001f600" and not stored.get("hidden")


def test_the_door_checks_exactly_the_string_stored(make_app, monkeypatch) -> None:  # noqa: ANN001
    """Whatever the normalisation makes of a text, the carriers of what is stored are refused:
    here a stand-in normalisation leaves zero-width spaces that a second one would remove."""
    monkeypatch.setattr(posts, "kept_form", lambda text, what="": text + "\u200b\u200b")
    with pytest.raises(UserError, match="U\\+200B"):
        prepare_draft(make_app(), "Flu shots on Saturday", ["x"])


# --- 6: the object replacement character ----------------------------------------------------

@pytest.mark.parametrize("mark", ["\ufff9", "\ufffa", "\ufffb", "\ufffc"])
def test_object_and_annotation_marks_are_refused_at_the_door(mark: str) -> None:
    with pytest.raises(UserError, match=f"U\\+{ord(mark):04X}"):
        require_text(f"Thanks to Maria Lopez, MRN 551{mark}7302, for her review")


def test_a_comment_is_read_through_the_object_replacement_character(
        screened_classifier) -> None:  # noqa: ANN001
    flags = screened_classifier.classify(
        "My MRN is 447\ufffc1920, please call me back about my results")
    assert {"phi", "unjudged"} <= {f.flag for f in flags}
    assert should_auto_hide(flags, screened_classifier.policy)


# --- 9: HTML numeric character references -------------------------------------------------

@pytest.mark.parametrize("text", [
    "Thanks to our patient, MRN &#5517302;, for the kind words",
    "Happy birthday &#77;&#97;&#114;&#105;&#97; Lopez!",
    "Call &#x35;551234 about the results",
])
def test_a_numeric_character_reference_is_refused(make_app, text: str) -> None:  # noqa: ANN001
    with pytest.raises(UserError, match="HTML character reference"):
        prepare_draft(make_app(), text, ["x"])


def test_ampersands_and_hashes_are_still_text() -> None:
    text = "Q&A night #3: AT&T & co sponsor, room #12"
    assert require_text(text) == text and kept_form(text) == text
