"""Classes of false auto-hides found on the independent writers' sets (issue 13, hides13):
a Vietnamese word that folds to an English list word, a list word inside a link, "see what
happens" said of a place or a thing, an unnamed neighbour "next door", and the commenter's
household member opening a sentence without "my" (or written like a name: "Kiddo"). The
threats and the named third parties next to each stay hidden. Every sentence is our own."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from policies.moderation import CommentClassifier, ModerationPolicy, disclosure, should_auto_hide
from policies.moderation.classifier import score_abuse


def _hidden(text: str) -> tuple[set[str], bool]:
    flags = CommentClassifier(ModerationPolicy()).classify(text)
    return {f.flag for f in flags}, should_auto_hide(flags, ModerationPolicy())


# --- abuse: no insult in what the English list matched ---------------------------------------

@pytest.mark.parametrize("text", [
    # Vietnamese: "gái" (girl, daughter) folds to a word on the English list
    "Cháu gái tôi được bác sĩ khám rất kỹ, cảm ơn phòng khám nhiều lắm.",
    "Bé gái nhà mình sốt hai ngày rồi, có cần đưa đi khám không?",
    # a list word in a link's path
    "Win a free cruise today 👉 promo.example/xxx",
    # "see what happens" in a place or with a thing: what one wants to watch
    "Can't wait to see what happens with the remodel this spring!",
    "My son wants to see what happens at a hearing test before his appointment",
    "Would love to see what happens behind the counter at the pharmacy",
])
def test_no_insult_or_threat_is_not_hidden(text: str) -> None:
    assert score_abuse(text.lower())[0] < 0.7, text
    flags, hidden = _hidden(text)
    assert "abuse" not in flags and not hidden, (text, flags)


@pytest.mark.parametrize("text", [
    # a disguise in English text: one accented word is still read folded
    "fûck you and your front desk",
    # the threat: what happens when the commenter acts
    "Ignore me again and see what happens when I walk in.",
    "Bill me twice more, you'll see what happens to your reviews",
    "Go ahead and see what happens.",
])
def test_threats_and_disguised_profanity_stay_hidden(text: str) -> None:
    assert score_abuse(text.lower())[0] >= 0.7, text
    assert _hidden(text)[1], text


# --- phi: nobody named, or the commenter's own household -------------------------------------

@pytest.mark.parametrize("text", [
    "The lady next door has had shingles twice this year, is it contagious?",
    "the twins next door both have strep again, poor things",
])
def test_unnamed_neighbour_next_door_is_not_phi(text: str) -> None:
    flags, hidden = _hidden(text)
    assert "phi" not in flags and not hidden, (text, flags)


def test_a_named_neighbour_is_still_phi() -> None:
    flags, hidden = _hidden("Mrs. Okafor next door has had shingles twice this year")
    assert "phi" in flags and hidden


@pytest.mark.parametrize("text", [
    "Son came home from practice with a swollen ankle and a fever. Normal?",
    "Wife had her gallbladder out here last fall, smooth recovery",
])
def test_household_word_opening_a_sentence_is_own_family(text: str) -> None:
    flags, hidden = _hidden(text)
    assert "phi" not in flags and not hidden, (text, flags)
    assert "self_disclosure" in flags, (text, flags)


def _tied(name: str) -> object:
    return SimpleNamespace(rule="name+own_health", category="name", severity="block",
                           text=name, score=0.9)


def test_household_word_the_screen_read_as_a_name_is_own_family() -> None:
    text = "Hubby had his hernia repaired last week, home already"
    out = disclosure.score(text.lower(), text, [_tied("Hubby")])
    assert out["phi"][0] == 0 and out["self_disclosure"][0] >= 0.5, out


def test_a_real_name_the_screen_tied_stays_phi() -> None:
    text = "Desmond had his hernia repaired last week, home already"
    out = disclosure.score(text.lower(), text, [_tied("Desmond")])
    assert out["phi"][0] >= 0.5, out


# --- the Vietnamese rule is no way around the word lists --------------------------------------

@pytest.mark.parametrize("text", [
    "you stupid bïtch, fûck you",  # accents with no Vietnamese-only letter: still folded
    "worst clinic ever, fûck öff you bïtch",  # three of them: still no Vietnamese text
    "shut up you stupid fụck, nobody wants yọu here",  # two marked words in English text
])
def test_disguised_insults_in_english_text_are_still_read(text: str) -> None:
    assert score_abuse(text.lower())[0] >= 0.5


def test_insults_written_all_in_vietnamese_marks_still_reach_a_person() -> None:
    # every word marked like Vietnamese: the English lists skip them, but the comment is not
    # one the classifier can read, so it is queued for a person rather than passed
    flags, _ = _hidden("fụck yọu bịtch, gọ dịe")
    assert flags & {"unjudged", "abuse"}
