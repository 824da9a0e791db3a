"""Short English comments without a function word, whose words the English parser's vocabulary
lacks ("telehealth", "sunscreen", "dont"), are English and judged; the same words inside a
Tagalog, Vietnamese or Hmong sentence do not take its note away (session 46)."""

from __future__ import annotations

import pytest

from policies.moderation import language
from policies.moderation.classifier import CommentClassifier, _vader
from policies.moderation.policy import ModerationPolicy

ENGLISH = (
    "Telehealth followups offered Saturdays?",  # a care word newer than the parser
    "Sunscreen samples tomorrow?",
    "Yall dont close early Fridays?",  # contractions written without the apostrophe
    "Go Riverside Bobcats!!",  # a town and a team
)
NOT_READ = (
    "Doc, may asthma po ang bunso ko, pwede ba ang inhaler niya?",  # English care words
    "Salamat po sa sunscreen samples kahapon!",
    "Pwede po ba ang telehealth bukas?",
    "Cho hỏi telehealth có không ạ?",
    "Nyob zoo, telehealth puas muaj?",
)


def test_short_english_is_read_and_english_words_in_another_language_are_not() -> None:
    lexicon = _vader().lexicon
    assert [t for t in ENGLISH if language.unjudged(t, lexicon)] == []
    assert [t for t in NOT_READ if not language.unjudged(t, lexicon)] == []


@pytest.mark.parametrize("text", ENGLISH[:2])
def test_the_classifier_judges_short_english_care_questions(text: str) -> None:
    flags = CommentClassifier(ModerationPolicy()).classify(text)
    assert "unjudged" not in {f.flag for f in flags}
