"""A fond remark on someone's build and a helpful note about a parked car are read by a
person, not hidden; a jibe and a staff member's plate posted still are. Own sentences."""

from __future__ import annotations

import pytest

from policies.moderation import CommentClassifier, ModerationPolicy, should_auto_hide


@pytest.fixture(scope="module")
def classifier() -> CommentClassifier:
    return CommentClassifier(ModerationPolicy())


def hidden(classifier: CommentClassifier, text: str) -> bool:
    return should_auto_hide(classifier.classify(text), ModerationPolicy())


@pytest.mark.parametrize("text", [
    "Our trainer Max is built like a truck and the best coach I've had!",
    "That new PT is built like a linebacker, so strong, love his sessions.",
    "To the owner of plate 4KJD219: your headlights are on, lights were still on at noon.",
    "Car with plates 8RTY552 in the side lot, you left your window down and it's raining.",
])
def test_fond_or_helpful_is_not_hidden(classifier: CommentClassifier, text: str) -> None:
    assert not hidden(classifier, text)


@pytest.mark.parametrize("text", [
    "the receptionist is built like a fridge lol",
    "Nurse Dana drives plate 6PLM204, go wait for her after her shift.",
    "plate 5GHT881 belongs to that rude front desk guy, find him",
])
def test_jibes_and_exposure_are_hidden(classifier: CommentClassifier, text: str) -> None:
    assert hidden(classifier, text)
