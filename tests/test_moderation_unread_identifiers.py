"""Issue 13, session 37: a comment in a language the classifier cannot read that carries a
person's phone or birth date is hidden until a person reads it; and a number is never read
as leet profanity. Every comment here is our own example."""

from __future__ import annotations

import pytest

from policies.moderation import CommentClassifier, ModerationPolicy, should_auto_hide
from policies.moderation.classifier import score_abuse

POLICY = ModerationPolicy()


def test_an_unread_comment_with_a_phone_and_a_birth_date_is_hidden(
        screened_classifier: CommentClassifier) -> None:
    text = "Ông Phạm Văn Tuấn, sinh ngày 08/05/1951, cần gọi lại về thuốc, số 412-555-0186."
    flags = screened_classifier.classify(text)
    assert {"phi", "unjudged"} <= {f.flag for f in flags}
    assert should_auto_hide(flags, POLICY)


def test_an_unread_comment_without_an_identifier_only_waits(
        screened_classifier: CommentClassifier) -> None:
    flags = screened_classifier.classify("Phòng khám rất sạch sẽ, nhân viên quầy lễ tân dễ thương.")
    assert {f.flag for f in flags} == {"unjudged"}
    assert not should_auto_hide(flags, POLICY)


@pytest.mark.parametrize("text", [
    "New number for the billing line is 717-555-0146, save it",
    "my cousin in area code 313 says the wait is shorter at your other office",
])
def test_numbers_are_not_leet_words(text: str) -> None:
    assert score_abuse(text.lower())[0] < 0.35, text


def test_leet_inside_a_word_still_counts() -> None:
    assert score_abuse("worst sh1t service ever")[0] >= 0.8
