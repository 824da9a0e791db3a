"""Hidden-text carriers still open after session 50 (a third outside review, A1, A3, A2's
comments).

A1: a no-break or typographic space instead of a space, CR/CRLF/U+2028/NEL instead of a line
feed, blanks at line ends and NFD accents each read the same to the screen and carried a bit
a place into Slack and onto the platforms; now a kept text is stored in one form. A1's rest:
a VS16 after a character drawn as an emoji anyway. A3: real writing that was refused (an RLM
after a Latin word in an Arabic line, Bengali ra-phala, an ideographic variation sequence, a
soft hyphen in a consent name or a chat reason). A2's comments: a private-use code point
inside an MRN hid it from the comment classifier.

Every text here is written for these tests, the hidden words included."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from dates_ahead import a_year_ahead
from test_daemon_helpers import ALL, AUTHOR, LUIS, FakePlatforms
from test_publish import make_publisher, run_all

import social_bot.inputs as inputs
import social_bot.posts as posts
from policies import hidden
from policies.hidden import carrier
from social_bot.approvals import VerifiedIdentity, approve
from social_bot.chat import handle_command
from social_bot.chat.commands import approve_reply
from social_bot.chat.guard import release
from social_bot.consents import add_consent, list_consents
from social_bot.errors import Refused, UserError
from social_bot.inputs import require_text
from social_bot.posts import create_post, edit_post, prepare_draft, show_post

DANA = VerifiedIdentity("slack", "U01DANA")
SECRET = "Tamsin Quarrell MRN 5517302"  # made up here
SENTENCE = ("Our team wishes every family a calm and healthy winter season and thanks you "
            "for choosing the clinic for your care this year. ")
COVER = SENTENCE * 12  # 264 gaps between words: room for the secret's 216 bits


def _bits(secret: str) -> list[int]:
    return [int(b) for byte in secret.encode() for b in f"{byte:08b}"]


def _hide(cover: str, secret: str, zero: str, one: str, at: str = " ") -> str:
    """``cover`` with each ``at`` (a gap between words) written as ``zero`` or ``one``,
    a bit of ``secret`` each: the reviewer's scheme, written again here."""
    bits, parts = iter(_bits(secret)), cover.split(at)
    out = [parts[0]]
    for part in parts[1:]:
        out += [one if next(bits, 0) else zero, part]
    return "".join(out)


def _read(text: str, zero: str, one: str) -> str:
    """The hidden bytes a receiver reads back: each ``one`` a 1, each ``zero`` a 0."""
    bits, i = [], 0
    while i < len(text):
        for bit, form in ((1, one), (0, zero)):  # the longer form first: " \n" before "\n"
            if text.startswith(form, i):
                bits.append(bit)
                i += len(form)
                break
        else:
            i += 1
    data = bytes(int("".join(map(str, bits[i:i + 8])), 2) for i in range(0, len(bits) - 7, 8))
    return data.decode("utf-8", errors="replace")


@pytest.mark.parametrize(("zero", "one"), [
    (" ", "\u00a0"),  # no-break space
    (" ", "\u2009"),  # thin space
    (" ", "\u3000"),  # ideographic space
    (" ", "\u202f"),  # narrow no-break space
])
def test_a_payload_in_spaces_does_not_survive_into_the_stored_text(
        make_app, zero: str, one: str) -> None:  # noqa: ANN001
    app = make_app()
    smuggled = _hide(COVER, SECRET, zero, one)
    assert SECRET in _read(smuggled, zero, one)  # the scheme works on the text as typed
    stored = show_post(app, create_post(app, AUTHOR, prepare_draft(app, smuggled, ["x"])))
    assert stored["text"] == COVER.rstrip()  # the blank at its end goes too
    assert SECRET not in _read(stored["text"], zero, one)


def test_a_payload_in_line_ends_and_accents_does_not_survive(make_app) -> None:  # noqa: ANN001
    app = make_app()
    lines = "\n".join(["Flu shots today at the clinic"] * 220)
    for zero, one in (("\n", "\r\n"), ("\n", "\u2028"), ("\n", " \n")):
        smuggled = _hide(lines, SECRET, zero, one, at="\n")
        assert SECRET in _read(smuggled, zero, one)
        assert prepare_draft(app, smuggled, ["x"]).content.text == lines
    cafe = " ".join(["café"] * 230)
    nfd = _hide(cafe.replace("é", "\x00"), SECRET, "é", "e\u0301", at="\x00")
    assert SECRET in _read(nfd, "é", "e\u0301")
    assert prepare_draft(app, nfd, ["x"]).content.text == cafe


TYPED = ("Dr\u00a0Okafor\u2009and the team \r\nsay thanks\u2028to Jose\u0301 \t\r\n"
         "Open 8\u202f\u00a0am\u0085Caf\u0065\u0301 \u3000\t ")
# the two spaces of "8<narrow nbsp><nbsp>am" are one since session 51's second part
PLAIN = "Dr Okafor and the team\nsay thanks\nto José\nOpen 8 am\nCafé"


def test_what_is_stored_hashed_shown_and_published_is_the_normalised_text(
        make_app, caplog) -> None:  # noqa: ANN001
    app = make_app()
    with caplog.at_level(logging.WARNING, logger="socialbot.inputs"):
        post_id = create_post(app, AUTHOR, prepare_draft(app, TYPED, list(ALL)))
    notes = [r.getMessage() for r in caplog.records if "normalised" in r.getMessage()]
    assert len(notes) == 1 and "no-break or typographic space" in notes[0]
    shown = show_post(app, post_id)
    assert shown["text"] == PLAIN and not shown.get("hidden")
    twin = create_post(app, AUTHOR, prepare_draft(app, PLAIN, list(ALL)))
    assert shown["revision_hash"] == show_post(app, twin)["revision_hash"]
    card = str(release(app, handle_command(app, DANA, f"show {post_id}").as_slack()).body)
    assert "Okafor and the team" in card and "\u00a0" not in card and "\\r" not in card
    _approved_by_both(app, post_id)
    assert _published(app) == [[PLAIN]] * len(ALL)


def _approved_by_both(app, post_id: int) -> None:  # noqa: ANN001
    approve(app, DANA, post_id)
    assert approve(app, LUIS, post_id).status == "approved"


def _published(app) -> list[list[str]]:  # noqa: ANN001
    """What each platform received when the publisher ran once over everything due."""
    platforms = FakePlatforms()
    run_all(make_publisher(app, platforms))
    return [platforms[name].texts() for name in ALL]


def test_findings_spans_name_the_stored_text(make_app) -> None:  # noqa: ANN001
    app = make_app()
    draft = prepare_draft(app, "Cafe\u0301\u00a0\r\nnotes: SSN-LIKE\u2028here", ["x"])
    (finding,) = draft.findings
    assert draft.content.text == "Café\nnotes: SSN-LIKE\nhere"
    assert draft.content.text[finding.start:finding.end] == "SSN-LIKE"


def _stored_as_before(app, monkeypatch, text: str) -> int:  # noqa: ANN001
    """A post stored before the door normalised spaces: its text keeps them."""
    # raising=False: the code before this change has no kept_form and stores it so anyway
    monkeypatch.setattr(posts, "kept_form", lambda text, what="": text, raising=False)
    post_id = create_post(app, AUTHOR, prepare_draft(app, text, list(ALL)))
    monkeypatch.undo()
    return post_id


def test_a_revision_stored_with_a_no_break_space_is_refused_until_edited(
        make_app, monkeypatch) -> None:  # noqa: ANN001
    app = make_app()
    post_id = _stored_as_before(app, monkeypatch, "See you at\u00a0the clinic")
    with pytest.raises(Refused, match="U\\+00A0 \\(no-break space\\) at character 11"):
        approve(app, DANA, post_id)
    answer = approve_reply(app, LUIS, post_id, show_post(app, post_id)["revision_hash"])
    assert not answer.ok and "U+00A0" in answer.text
    assert "U+00A0" in show_post(app, post_id)["hidden"]
    edit_post(app, AUTHOR, post_id, text="See you at\u00a0the clinic")  # the same words
    assert show_post(app, post_id)["text"] == "See you at the clinic"
    _approved_by_both(app, post_id)


def test_one_approved_with_crlf_before_the_upgrade_is_not_published(
        make_app, monkeypatch) -> None:  # noqa: ANN001
    app = make_app()
    post_id = _stored_as_before(app, monkeypatch, "Open today\r\nClosed Sunday")
    # approved by the old code
    monkeypatch.setattr(inputs, "layout_spot", lambda text: None, raising=False)
    _approved_by_both(app, post_id)
    monkeypatch.undo()
    assert _published(app) == [[]] * len(ALL)
    assert show_post(app, post_id)["status"] == "blocked_phi"


def _fully_qualified() -> list[str]:
    """Every fully-qualified emoji of Unicode's emoji-test.txt (the copy twitter_text ships)."""
    import twitter_text

    path = Path(twitter_text.__file__).parent / "regexp" / "emoji-test.txt"
    return ["".join(chr(int(p, 16)) for p in line.split(";")[0].split())
            for line in path.read_text(encoding="utf-8").splitlines()
            if "; fully-qualified" in line]


def test_a_selector_after_an_emoji_drawn_as_emoji_anyway_is_removed() -> None:
    assert require_text("Great day \U0001f600\ufe0f and \U0001f389\ufe0f") == (
        "Great day \U0001f600 and \U0001f389")
    kept = _fully_qualified()
    assert len(kept) > 3000
    assert [e for e in kept if hidden.plain_layout(e).text != e] == []
    assert [e for e in kept if carrier(e) is not None] == []


@pytest.mark.parametrize("text", [
    "زرت موقع Google\u200f اليوم",  # an RLM after a Latin word in an Arabic line
    "قال Dr Okafor\u200f: مرحبا",
    "\u09b0\u200d\u09cd\u09af\u09be\u09ac",  # Bengali ra-phala: RA ZWJ VIRAMA YA
    "\u845b\U000e0100\u98fe\u533a\u306e\u30af\u30ea\u30cb\u30c3\u30af",  # an IVS after 葛
])
def test_writing_refused_before_is_kept(text: str) -> None:
    assert carrier(text) is None and require_text(text) == text


@pytest.mark.parametrize("text", [
    "زرت Goo\u200fgle اليوم",  # a mark between two letters of one Latin word
    "Visit Google\u200f today",  # an RLM after a Latin word with no Arabic near
    "Call 555\u200f-0100 today",  # an RLM beside a digit in a Latin line: it counted itself
    "\u0995\u200d\u09cd\u09af",  # a ZWJ before a virama after KA, not RA
    "a\U000e0100 b",  # an IVS after a Latin letter
    "\u845b\U000e0100\U000e0101",  # two selectors after one ideograph
])
def test_those_marks_elsewhere_are_still_refused(text: str) -> None:
    assert carrier(text) is not None


def test_a_soft_hyphen_in_a_consent_name_or_a_chat_reason_is_removed(
        make_app, caplog) -> None:  # noqa: ANN001
    app = make_app()
    with caplog.at_level(logging.WARNING, logger="socialbot.inputs"):
        add_consent(app, AUTHOR, "Mar\u00adia Garci\u0301a", ["name"], a_year_ahead(),
                    form_ref="Binder 3")
    assert "removed 1 invisible line-break hint" in caplog.text
    assert [c["patient_name"] for c in list_consents(app)] == ["Maria García"]
    post_id = create_post(app, AUTHOR, prepare_draft(app, "Flu clinic on Saturday", ["x"]))
    answer = handle_command(app, DANA, f"reject {post_id} Wrong ho\u00adurs")
    assert answer.ok and "Wrong hours" in answer.text and "line-break hint" in answer.text


def test_a_comment_is_read_through_private_use_characters(screened_classifier) -> None:  # noqa: ANN001
    flags = {f.flag: f for f in screened_classifier.classify(
        "Her MRN is 447\ue0001920, thanks for the chemo update")}
    assert "phi" in flags and "unjudged" in flags
    plain = {f.flag for f in screened_classifier.classify("Thanks for the flu shot update")}
    assert "unjudged" not in plain


def _blocks_split_name(texts, context="post"):  # noqa: ANN001, ANN202
    """A stand-in screen that, like the real one on an outside review's look-alike set,
    links a name and a diagnosis across U+2028 but not across a line feed."""
    from types import SimpleNamespace as Finding

    return [[Finding(category="name", start=0, end=4, text=t[:4], severity="block")]
            if "Smith\u2028has" in t else [] for t in texts]


def test_a_text_blocked_as_typed_is_not_let_through_by_normalising(make_app) -> None:  # noqa: ANN001
    app = make_app(screener=_blocks_split_name)
    with pytest.raises(UserError, match="blocked by the PHI screen \\(name\\) though not once"):
        prepare_draft(app, "John\u2028Smith\u2028has\u2028diabetes.", ["x"])
    assert prepare_draft(app, "John\nSmith\nhas\nflu shots", ["x"]).content.text


@pytest.mark.parametrize(("typed", "kept"), [
    ("Get well M\u200aa\u200ar\u200ai\u200aa", "Get well Maria"),  # letter-spaced: one word
    ("SSN 1\u20092\u20093\u2009-\u20094\u20095", "SSN 123-45"),
    ("Dr Okafor\u2009and a\u2009calm day", "Dr Okafor and a calm day"),  # a narrow word gap
    ("Open 8\u202fam, 10\u202f000 shots", "Open 8 am, 10 000 shots"),
])
def test_narrow_spaces_are_read_as_a_reader_reads_them(typed: str, kept: str) -> None:
    assert require_text(typed) == kept
