"""Harmless comments flagged (issue 13, session 47). A comment that passes the post on or
praises it as information is no complaint, whatever its topic; a complaint said while sharing
stays one. The spam default sits above the public model's reading of a follower's word.
The team's own sentences: fit, not accuracy."""

from __future__ import annotations

import pytest

from policies.moderation.classifier import CommentClassifier
from policies.moderation.policy import DEFAULT_THRESHOLDS, ModerationPolicy

PASSED_ON = (
    "Sharing for suicide prevention month: you are not alone.",
    "Reposting. Everyone needs to read this about the measles outbreak.",
    "Timely post with flu deaths going up, passing this along.",
)
STILL_COMPLAINTS = (
    "Sharing this because nobody at your front desk ever calls back.",
    "Great post, too bad the wait times are terrible.",
)


@pytest.fixture(scope="module")
def classifier() -> CommentClassifier:
    return CommentClassifier(ModerationPolicy())


def _flags(classifier: CommentClassifier, text: str) -> set[str]:
    return {f.flag for f in classifier.classify(text)}


@pytest.mark.parametrize("text", PASSED_ON)
def test_a_post_passed_on_is_not_a_complaint(classifier: CommentClassifier, text: str) -> None:
    assert "negative" not in _flags(classifier, text)


@pytest.mark.parametrize("text", STILL_COMPLAINTS)
def test_a_complaint_said_while_sharing_stays(classifier: CommentClassifier, text: str) -> None:
    assert "negative" in _flags(classifier, text)


def test_a_follower_word_alone_is_not_spam(classifier: CommentClassifier) -> None:
    text = "Followed the new page too!"
    assert classifier.scores(text)["spam"][0] >= 0.20  # the old default flagged it
    assert "spam" not in _flags(classifier, text)
    assert DEFAULT_THRESHOLDS["spam"] == pytest.approx(0.26)
