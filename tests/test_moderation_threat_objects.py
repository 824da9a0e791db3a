"""Threat verbs released only before what makes them harmless (second attack review,
2026-12-02): a bare "my"/"our", "so", "like", "a lot", "more" or a time word no longer
releases a threat against staff. Our own sentences."""

from __future__ import annotations

import pytest

from policies.moderation import CommentClassifier, ModerationPolicy


@pytest.fixture(scope="module")
def classifier() -> CommentClassifier:
    return CommentClassifier(ModerationPolicy())


def _flags(classifier: CommentClassifier, text: str) -> set[str]:
    return {str(getattr(f.flag, "value", f.flag)) for f in classifier.classify(text)}


@pytest.mark.parametrize("text", [
    "im going to hurt my therapist next time she cancels on me",
    "I swear I'll shoot our billing lady if she charges me again",
    "gonna beat a lot of people up at that front desk",
    "I'll hurt more of your techs than you can count",
    "I'm going to burn so many of your staff",
    "I'll shoot tomorrow when the doctors walk out",
    "going to hurt the wait staff at your cafe too",
])
def test_a_threat_against_people_is_abuse(classifier: CommentClassifier, text: str) -> None:
    assert "abuse" in _flags(classifier, text)


@pytest.mark.parametrize("text", [
    "the booster is going to hurt my arm for a day, worth it",
    "it's going to hurt a lot less than last year",
    "Going to burn some calories at the charity walk!",
    "I'm going to beat the crowds and come at 8",
    "It's going to hurt tomorrow. Ice helps.",
])
def test_an_everyday_hurt_or_beat_is_not_abuse(classifier: CommentClassifier,
                                               text: str) -> None:
    assert "abuse" not in _flags(classifier, text)


@pytest.mark.parametrize("text", [
    "@Lena Ho we have our infusion together at 9 tomorrow",
    "@Omar Diaz our dialysis group got moved to Wednesdays",
])
def test_a_tagged_reader_in_our_or_we_care_is_phi(classifier: CommentClassifier,
                                                  text: str) -> None:
    # second attack review: "our"/"we" can include the tagged reader, so the care is theirs
    assert "phi" in _flags(classifier, text)


@pytest.mark.parametrize("text", [
    "Sent the lupus awareness video to the group chat, my neighbor Tess was just diagnosed",
])
def test_a_condition_topic_beside_a_lower_case_relative_is_not_blanked(
        classifier: CommentClassifier, text: str) -> None:
    # second attack review: the topic is for the relative, so the condition is theirs
    assert _flags(classifier, text) & {"phi", "self_disclosure"}
