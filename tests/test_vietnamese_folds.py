"""Everyday Vietnamese words whose folded spelling is a listed English word ("gái" -> "gai",
"cúm" -> "cum") are no profanity, while the same letters inside a Vietnamese insult, or an
English slur disguised with accents, still are. Sentences written for this fix."""

from __future__ import annotations

import pytest

from policies.moderation import CommentClassifier, ModerationPolicy, should_auto_hide
from policies.moderation import lexicon as lx
from policies.moderation.features import fold


def _flags(text: str) -> set[str]:
    return {f.flag for f in CommentClassifier(ModerationPolicy()).classify(text)}


@pytest.mark.parametrize("text", [
    "Cảm ơn phòng khám đã chữa cúm cho con gái tôi, giờ cháu khỏe rồi",
    "Bé gái nhà tôi lên cân đều, cảm ơn bác sĩ nhiều lắm",
    "Mẹ tôi đi lọc thận ở đây, các cô y tá rất tận tình, xin cảm ơn",
])
def test_everyday_vietnamese_is_not_profanity(text: str) -> None:
    flags = CommentClassifier(ModerationPolicy()).classify(text)
    assert "abuse" not in {f.flag for f in flags}
    assert not should_auto_hide(flags, ModerationPolicy())


@pytest.mark.parametrize("text", [
    "Bọn lễ tân ở đây là đồ cùm, đừng tới",  # the folded word inside an insult frame
    "Mày là cái thứ gài, cút đi",  # talking down: the words count everywhere
    "fück this clinic, the nurse is a bïtch",  # English disguised with accents
    "I want to cúm all over that front desk girl",  # one such word dropped into English
    "Cảm ơn, I want to cúm all over that nurse",  # ... behind a Vietnamese greeting
    "Ừ ờ I'd love to cúm on the receptionist",
    "Cảm ơn, but Dr Lee is a dộng and a tít, stay away",
])
def test_vietnamese_insults_and_disguised_english_still_hide(text: str) -> None:
    flags = CommentClassifier(ModerationPolicy()).classify(text)
    assert "abuse" in {f.flag for f in flags}
    assert should_auto_hide(flags, ModerationPolicy())


def test_the_word_list_is_what_wordfreq_and_the_profanity_list_give() -> None:
    """VIETNAMESE_FOLDS is derived, not picked: wordfreq's everyday Vietnamese words (zipf >=
    3) whose folded spelling better-profanity lists (wordfreq is a dev dependency)."""
    wordfreq = pytest.importorskip("wordfreq")
    from policies.moderation.classifier import _profanity_words

    listed, _ = _profanity_words()
    derived = {w for w in wordfreq.top_n_list("vi", 100_000)
               if not w.isascii() and fold(w).lower() in listed
               and wordfreq.zipf_frequency(w, "vi") >= 3}
    assert derived == set(lx.VIETNAMESE_FOLDS)
