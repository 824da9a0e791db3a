"""Comment moderation, the PHI part of issue 12's attacker residue (tightening): comments that
tell a third party's relapse or abbreviated diagnosis, a hurt or burned named person, or a
tagged reader's booked care raise `phi`. Every sentence is our own, written for this file."""

from __future__ import annotations

import pytest

from policies.moderation import CommentClassifier, ModerationPolicy
from policies.moderation.evaluation import phi_screen_or_reason


@pytest.fixture(scope="module")
def classifier() -> CommentClassifier:
    screen, note = phi_screen_or_reason(None)
    assert screen is not None, note
    return CommentClassifier(ModerationPolicy(), screen)


def phi_raised(classifier: CommentClassifier, text: str) -> bool:
    return any(f.flag == "phi" for f in classifier.classify(text))


@pytest.mark.parametrize("text", [
    "Saw Lorne Abernathy at the pharmacy, guess he relapsed again",
    "Did everyone hear Mrs. Quill has ALS now? So sad.",
    "Tobias Wren's CHF is the reason he quit the bowling league",
    "Fern Galloway got hurt at the rodeo Saturday, hope she's ok",
    "Little Ezra Pike got burned at the bonfire last night",
    "@june.holloway your crown is ready, come get it fitted Tuesday",
    "@cass_m see you at your 4-week check Friday!",
])
def test_third_party_health_and_tagged_care_raise_phi(classifier, text):
    assert phi_raised(classifier, text)


@pytest.mark.parametrize("text", [
    "Is there a relapse prevention group that meets in the evening?",
    "Do you do anything for ALS awareness month?",
    "Nobody got hurt at the fun run, right? Looked chaotic lol",
    "@oak_street_bakery your scones are ready for the bake sale, bring them Friday!",
])
def test_topics_and_harmless_tags_do_not_raise_phi(classifier, text):
    assert not phi_raised(classifier, text)
