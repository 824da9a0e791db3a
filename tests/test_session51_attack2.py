"""Findings of this session's second attack review (session 51, docs/history/security.md "Session
51: second attack review").

2: the door and the screen read Python's Unicode (14) while ``_UNDRAWN`` read the `regex`
package's (17): U+13439-1343F (format controls since Unicode 15) split an MRN and carried a
name as a run. 3: the "screen as typed too" check never ran at the real doors (the CLI, a
reply), which normalised first. 4: letter-spacing removal glued a whole word to the spaced
word beside it. 1: single bidi marks at Latin word edges carried bits in an English post.

Every text here is written for these tests."""

from __future__ import annotations

import pytest
import regex
from test_comments_review import flagged  # noqa: F401 (a fixture)
from test_daemon_helpers import AUTHOR

from policies.hidden import carrier, plain_layout
from policies.phi.normalize import normalize, revealed
from policies.rendering import invisible, is_blank
from social_bot.errors import Refused, UserError
from social_bot.inputs import require_text
from social_bot.posts import create_post, list_posts, prepare_draft, show_post

_IGNORABLE = regex.compile(r"[\p{Cf}\p{Default_Ignorable_Code_Point}]")
HIEROGLYPH_CONTROLS = [chr(c) for c in range(0x13439, 0x13440)]


def test_every_format_or_ignorable_code_point_is_a_carrier_between_two_letters() -> None:
    """Whatever `regex`'s Unicode calls a format control or default-ignorable is refused
    between two Latin letters, whichever Unicode Python's `unicodedata` has."""
    passed = [hex(point) for point in range(0x110000)
              if _IGNORABLE.match(chr(point)) and carrier(f"ab{chr(point)}cd") is None]
    assert passed == []


def test_the_hieroglyph_format_controls_are_invisible_and_blank() -> None:
    assert all(invisible(c) for c in HIEROGLYPH_CONTROLS)
    assert is_blank("".join(HIEROGLYPH_CONTROLS))


def test_the_screen_and_comments_read_through_a_newer_format_control_or_mark() -> None:
    """The screen drops what the door calls invisible, and reads a mark added since
    Unicode 14 (U+0897, U+1ACF) as a mark on the digit before it."""
    for c in [*HIEROGLYPH_CONTROLS, "\u0897", "\u1acf"]:
        typed = f"Seen today, MRN 551{c}7302."
        assert "5517302" in normalize(typed).text, hex(ord(c))
        assert "5517302" in revealed(typed), hex(ord(c))


# --- 3: the text as typed reaches prepare_draft at every door -----------------------------

LINE_SEP = "\u2028"
TYPED = LINE_SEP.join(["Ines", "Varga", "has", "asthma."])  # made up here


def _blocks_as_typed(texts, context="post", answering=None):  # noqa: ANN001, ANN202
    """A stand-in screen that blocks a text only in the form typed (with U+2028), as the
    real one blocked the reviewer's name split by U+2028 and only warned once it read
    "\\n": whether the doors hand the typed form to the screen is what is tested."""
    from types import SimpleNamespace as Finding

    return [[Finding(category="name", start=0, end=4, text=t[:4], severity="block", score=1.0,
                     rule="test", reason="test finding", redaction="[name]")]
            if LINE_SEP in t else [] for t in texts]


def _cli(monkeypatch, app, *args: str):  # noqa: ANN001, ANN202
    from click.testing import CliRunner

    import social_bot.cli.posts_cmd as posts_cmd
    from social_bot.cli import cli

    monkeypatch.setattr(posts_cmd, "open_app", lambda **_: app)
    return CliRunner().invoke(cli, list(args))


def test_post_create_screens_the_text_as_typed(make_app, monkeypatch) -> None:  # noqa: ANN001
    app = make_app(screener=_blocks_as_typed)
    done = _cli(monkeypatch, app, "post", "create", "--text", TYPED, "--platform", "x")
    assert isinstance(done.exception, UserError), done.output  # exit 2 in social_bot.main
    assert "as typed is blocked" in str(done.exception)
    assert list_posts(app) == []


def test_post_edit_screens_the_text_as_typed(make_app, monkeypatch) -> None:  # noqa: ANN001
    app = make_app(screener=_blocks_as_typed)
    post_id = create_post(app, AUTHOR, prepare_draft(app, "Flu shots on Saturday.", ["x"]))
    done = _cli(monkeypatch, app, "post", "edit", str(post_id), "--text", TYPED)
    assert isinstance(done.exception, UserError), done.output  # exit 2 in social_bot.main
    assert "as typed is blocked" in str(done.exception)
    assert show_post(app, post_id)["text"] == "Flu shots on Saturday."


def test_a_reply_screens_the_text_as_typed(make_app, flagged) -> None:  # noqa: ANN001, F811
    from social_bot.comments import reply_to_comment

    comment_id = flagged[1]  # a plain comment under a published post
    app = make_app(screener=_blocks_as_typed)
    with pytest.raises(UserError, match="as typed is blocked"):
        reply_to_comment(app, AUTHOR, comment_id, TYPED)
    # the same words typed plainly are queued, and typed again are the same reply
    post_id, _ = reply_to_comment(app, AUTHOR, comment_id, "We open at 9.")
    with pytest.raises(Refused, match=f"already has this reply: post {post_id}"):
        reply_to_comment(app, AUTHOR, comment_id, "We open at 9.\r\n")


# --- 4: letter-spacing removal keeps a whole word apart from the spaced word ----------------

HAIR = "\u200a"


@pytest.mark.parametrize(("typed", "stored"), [
    ("Ines" + HAIR + HAIR.join("Varga") + " has asthma.", "Ines Varga has asthma."),
    (HAIR.join("Ines") + HAIR + "Varga has asthma.", "Ines Varga has asthma."),
    ("Get well " + HAIR.join("Ines") + HAIR + HAIR.join("Varga,") + " see you soon.",
     "Get well InesVarga, see you soon."),  # all letter-spaced: one word, as before
    ("MRN " + HAIR.join("447") + HAIR + "1920", "MRN 4471920"),  # a number stays one
    ("Get well " + HAIR.join("Ines") + ", see you soon.", "Get well Ines, see you soon."),
])
def test_letter_spacing_is_removed_only_between_single_letters(typed: str, stored: str) -> None:
    assert plain_layout(typed).text == stored
    assert plain_layout(stored).text == stored


# --- 1: a lone bidi mark is kept only where writing needs it, as one mark -------------------

MARKS = ["\u200e", "\u200f", "\u061c"]  # LRM, RLM, ALM
ARABIC = "\u0645\u0631\u062d\u0628\u0627"
LOOK_ALIKES = ["\u07f4", "\u05f3", "\u0640"]  # NKo apostrophe, Hebrew geresh, tatweel


def _marked_at_word_edges(cover: str) -> str:
    """``cover`` with a bidi mark (LRM, RLM, ALM in turn) at every Latin word's edge: the
    reviewer's scheme (which mark, or none, is 2 bits a place), written again here."""
    out, n = [], 0
    for i, ch in enumerate(cover):
        if i and cover[i - 1].isascii() and ch.isascii() \
                and cover[i - 1].isalpha() != ch.isalpha():
            out.append(MARKS[n % 3])
            n += 1
        out.append(ch)
    return "".join(out)


@pytest.mark.parametrize("look_alike", LOOK_ALIKES)
def test_a_look_alike_apostrophe_makes_no_right_to_left_context(look_alike: str) -> None:
    cover = (f"We{look_alike}re so glad you are here. Flu season is back, so do not wait: "
             f"we{look_alike}ll be open late this week.")
    marked = _marked_at_word_edges(cover)
    assert sum(marked.count(m) for m in MARKS) > 20
    assert require_text(marked) == cover


def test_a_mark_between_two_letters_of_one_direction_is_removed() -> None:
    marked = ARABIC[0] + MARKS[1] + ARABIC[1] + MARKS[0] + ARABIC[2] + MARKS[2] + ARABIC[3:]
    assert plain_layout(marked + " clinic").text == ARABIC + " clinic"
    assert plain_layout(f"Dr{MARKS[0]}Okafor sees {ARABIC} today").text \
        == f"DrOkafor sees {ARABIC} today"


@pytest.mark.parametrize(("place", "kept"), [
    (f"{ARABIC} {ARABIC} Dr Okafor{{}}.", MARKS[1]),  # after a Latin word: an RLM
    (f"{ARABIC} {ARABIC} {{}}+1 555-0100", MARKS[0]),  # before a number: an LRM
    (f"{ARABIC} {ARABIC} 555-0100{{}} {ARABIC}", MARKS[0]),  # after one
])
def test_where_a_mark_is_needed_one_mark_is_stored_whichever_was_typed(place: str,
                                                                         kept: str) -> None:
    assert {require_text(place.format(mark)) for mark in MARKS} == {place.format(kept)}
