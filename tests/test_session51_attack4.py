"""Session 51, fourth attack review, findings 1-3.

1. Hebrew letters that pass for Latin ones glued to English words ("aוו" for "all") made a
   "right-to-left word", so a bidi mark at every Latin word end was kept: a bit a word end.
2. A database writer broke the first `comment.stored` record, waited for a poll (its record
   then had no `since`), deleted the records before it, and the watermark rose: a moved row
   fell back to its row and the reply reached the wrong person.
3. U+1D159 MUSICAL SYMBOL NULL NOTEHEAD is drawn as nothing: it split an MRN and, in place
   of spaces, carried a name.
The texts are written for these tests.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, select, update
from test_session49_gate import PAT
from test_session51_attack3 import _poll_again, without_kept_file
from test_session51_reply_aim import _two_polled
from test_session51_reply_rows import moved_row

from policies.hidden import bidi_marks, carrier, hidden_text
from policies.moderation import CommentClassifier, ModerationPolicy
from policies.moderation.evaluation import phi_screen_or_reason
from social_bot.comments import reply_to_comment
from social_bot.db.models import AuditRecord
from social_bot.errors import Refused, UserError
from social_bot.inputs import kept_form, require_text
from social_bot.reply_target import watermark

VAV, SAMEKH, RLM, LRM = "\u05d5", "\u05e1", "\u200f", "\u200e"
NULL_NOTEHEAD = "\U0001d159"
ARABIC, HEBREW = "\u0645\u0631\u062d\u0628\u0627", "\u05e9\u05dc\u05d5\u05dd"


def _marked_word_ends(text: str) -> str:
    """An RLM after every word that ends before a space."""
    return "".join(ch + (RLM if ch.isalpha() and text[i + 1:i + 2] == " " else "")
                   for i, ch in enumerate(text))


def test_look_alike_hebrew_letters_glued_to_latin_words_keep_no_mark() -> None:
    cover = (f"See you a{VAV}{VAV} at sch{SAMEKH}{SAMEKH}l s{SAMEKH}{SAMEKH}n, and we will "
             f"ca{VAV}{VAV} you a{VAV}{VAV} when the g{SAMEKH}{SAMEKH}d r{SAMEKH}{SAMEKH}m "
             f"is free.")
    marked = _marked_word_ends(cover)
    assert marked.count(RLM) > 15
    kept, changed = bidi_marks(marked)
    assert kept == cover and changed == marked.count(RLM)


@pytest.mark.parametrize(("line", "marked"), [
    (f"{ARABIC} Google{{}} {ARABIC}", RLM),  # a Latin brand inside an Arabic line
    (f"{HEBREW} {{}}Nike {HEBREW}", RLM),  # before it
    (f"{HEBREW} {HEBREW} Dr Okafor{{}}.", RLM),  # a Latin name ending a Hebrew line
    (f"{ARABIC} {{}}+1 555-0100", LRM),  # a phone number in an Arabic line
])
def test_a_mark_beside_a_whole_right_to_left_word_is_still_kept(line: str,
                                                                 marked: str) -> None:
    text = line.format(marked)
    assert bidi_marks(text) == (text, 0)


@pytest.mark.parametrize("line", [
    f"{ARABIC} Google and{{}} Nike today",  # between two Latin words
    f"See you a{VAV}{VAV}{{}} soon {HEBREW}",  # the glued word is no right-to-left word
    f"Call us at 555-0100{{}}. {ARABIC}5",  # a word glued to a digit is none either
])
def test_a_mark_not_beside_a_whole_right_to_left_word_is_removed(line: str) -> None:
    assert bidi_marks(line.format(RLM)) == (line.format(""), 1)


def _break_first_stored(app: Any) -> None:
    with app.db.write() as session:
        first = session.scalar(select(AuditRecord).where(AuditRecord.action == "comment.stored")
                               .order_by(AuditRecord.seq).limit(1))
        first.actor = first.actor + " "


def _stored(app: Any) -> list[dict[str, Any]]:
    with app.db.read() as session:
        return [json.loads(r.detail) for r in session.scalars(
            select(AuditRecord).where(AuditRecord.action == "comment.stored")
            .order_by(AuditRecord.seq))]


def test_breaking_the_first_record_then_deleting_it_does_not_raise_the_watermark(
        make_app) -> None:  # noqa: ANN001
    app = make_app()
    asked, other = _two_polled(app)
    _break_first_stored(app)
    _poll_again(app)  # carries the watermark although the first record is broken
    # no intact record to carry it from: a watermark no comment is below
    assert _stored(app)[-1].get("since") == 1
    with app.db.write() as session:
        rows = list(session.scalars(select(AuditRecord.seq).where(
            AuditRecord.action == "comment.stored").order_by(AuditRecord.seq)))
        session.execute(delete(AuditRecord).where(AuditRecord.seq.in_(rows[:-1])))
    moved_row(app, asked, other)
    without_kept_file(app)  # which names the first record (session 52: refused for it)
    with pytest.raises(Refused, match=f"comment {asked} is not where the monitor recorded"):
        reply_to_comment(app, PAT, asked, text="Yes, 8 to noon. See you!")


def test_a_broken_first_record_carries_the_last_intact_watermark(make_app) -> None:  # noqa: ANN001
    app = make_app()
    _two_polled(app)
    _poll_again(app)
    since = _stored(app)[0]["since"]
    _break_first_stored(app)
    _poll_again(app, "400_1", "Clinic open late Thursday")  # a second later poll
    assert [d["since"] for d in _stored(app)] == [since] * 3


def test_a_record_without_since_after_one_had_it_closes_the_row_fallback(make_app) -> None:  # noqa: ANN001
    app = make_app()
    _two_polled(app)
    _poll_again(app)
    with app.db.read() as session:
        assert watermark(session).intact
    with app.db.write() as session:
        last = session.scalar(select(AuditRecord).where(AuditRecord.action == "comment.stored")
                              .order_by(AuditRecord.seq.desc()).limit(1))
        detail = json.loads(last.detail)
        del detail["since"]
        session.execute(update(AuditRecord).where(AuditRecord.seq == last.seq)
                        .values(detail=json.dumps(detail, sort_keys=True)))
    with app.db.read() as session:
        assert not watermark(session).intact


def test_the_null_notehead_is_refused_in_posts_and_read_through_in_comments() -> None:
    post = f"Patient seen today, MRN 551{NULL_NOTEHEAD}7302."
    assert carrier(post) is not None
    with pytest.raises(UserError, match="null notehead"):
        require_text(kept_form(post), kept=True)
    assert hidden_text(post).read_through == "Patient seen today, MRN 5517302."
    screen, _ = phi_screen_or_reason(None)
    classifier = CommentClassifier(ModerationPolicy(), screen)
    flags = {f.flag for f in classifier.classify(f"My MRN is 447{NULL_NOTEHEAD}1920, why?")}
    assert "phi" in flags  # as "My MRN is 4471920" is (and unjudged: it held one)


def test_the_shipped_list_names_its_source_and_unicode_names() -> None:
    lines = Path("policies/drawn_blank.txt").read_text("utf-8").splitlines()
    assert any("flopp/invisible-characters" in line and "MIT" in line for line in lines)
    for line in (x for x in lines if x and not x.startswith("#")):
        code, name = line.split(" ", 1)
        assert unicodedata.name(chr(int(code, 16))) == name
