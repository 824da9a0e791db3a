"""Comments that hide their words from the models but not from a reader (session 21): the
classifier reads them as written and as seen (policies/phi/normalize.revealed) and keeps the
higher score per flag. Texts written for these tests."""

from __future__ import annotations

import pytest

from policies.moderation import CommentClassifier, ModerationPolicy
from policies.phi.normalize import revealed


@pytest.fixture(scope="module")
def classifier() -> CommentClassifier:
    return CommentClassifier(ModerationPolicy())


def _flags(classifier: CommentClassifier, text: str) -> set[str]:
    return {f.flag for f in classifier.classify(text)}


@pytest.mark.parametrize("text", [
    "Your front desk staff are worthless mor\u200bons",            # zero-width space
    "Your front desk staff are worthless m\u0307o\u0307r\u0307o\u0307n\u0307s",  # a dot on each
    "Your front desk staff are worthless m\u043er\u043ens",         # Cyrillic o
    "Your front desk staff are worthless m\u200ao\u200ar\u200ao\u200an\u200as",  # letter-spaced
])
def test_a_disguised_insult_is_flagged_as_the_plain_one_is(classifier, text):
    plain = "Your front desk staff are worthless morons"
    assert "abuse" in _flags(classifier, plain)
    assert "abuse" in _flags(classifier, text)


@pytest.mark.parametrize("text", [
    "Thank you to the whole team \u2764\ufe0f\U0001F469\u200d\u2695\ufe0f",  # emoji sequences
    "\u0421\u043f\u0430\u0441\u0438\u0431\u043e \u0437\u0430 \u0438\u043d\u0444\u043e",  # Russian
    "\u00a1Gracias doctora! Excelente atenci\u00f3n",
])
def test_emoji_other_alphabets_and_accents_are_read_as_written(text):
    assert revealed(text) == text


def test_the_second_reading_only_raises(classifier):
    from policies.moderation.classifier import _NOT_READ

    text = "Your staff are worthless mor\u200bons and the wait was awful"
    both = classifier.scores(text)
    as_written = classifier._scores(text, (), False, None, _NOT_READ)
    assert all(both[flag][0] >= as_written[flag][0] for flag in both)
    assert both["abuse"][0] > as_written["abuse"][0]
