"""Issue 13, session 37: a person's home street or licence plate posted in a comment is abuse
(the dev set's convention: "posting a staff member's home street, plate or personal handle"),
hidden by the default policy. Every comment here is our own example; each exposure is paired
with comments of the same words that expose nobody and must stay visible."""

from __future__ import annotations

import pytest

from policies.moderation import CommentClassifier, ModerationPolicy, should_auto_hide
from policies.moderation.classifier import score_abuse

POLICY = ModerationPolicy()


@pytest.fixture(scope="module")
def classifier() -> CommentClassifier:
    return CommentClassifier(POLICY)


@pytest.mark.parametrize("text", [
    # a street of one to three words or numbers before any USPS suffix, or a numbered crossing
    "That scheduler lives out on Copper Kettle Loop, white mailbox. Just so you all know.",
    "Nurse Opal lives off 31 1/2 Road past the feed store, go ask her about my bill",
    "The tall PA lives at 9th and Fremont, figured people should know",
    # a plate in groups the old pattern did not read: all digits first, a state, a dash
    "Office manager drives the green Outback, plate 5520 MV. Say hello for me",
    "Billing guy's truck is plate WY 88 3KD, parked out back every day",
    "Dr. Ames drives the grey Civic, plate 7-22918B lol",
    # the commenter alone, telling someone they will find them
    "I'll find out where she lives, count on it",
])
def test_a_persons_whereabouts_posted_is_hidden(classifier: CommentClassifier,
                                                text: str) -> None:
    flags = classifier.classify(text)
    assert "abuse" in {f.flag for f in flags}, text
    assert should_auto_hide(flags, POLICY)


@pytest.mark.parametrize("text", [
    "My dad lives on Copper Kettle Loop, is that inside your home-visit area?",
    "We just moved onto Sandpiper Point Rd, are we still close enough for the van?",
    "Our nurse lives on a gravel road way out past the dairy and is never late!",
    "We'll find out where the screening van parks on Saturday and let you know",
    # an outside review's shapes (its own words differ): places anyone goes, implants, praise
    "Living near Harbor Point Park, we love having the clinic so close",
    "Anyone living by Otter Creek Rd missing a black lab?",
    "Got a titanium plate 12 yrs ago and it still holds",
    "Bring a dinner plate 6pm Friday for the potluck",  # the first plate pattern, same tests
    "I'll find out where Dr. Sato works now, she was the best",
    "Bring a paper plate 2025 potluck dish to the staff picnic",
    "Selling licence plate frames 30 percent off",
])
def test_the_same_words_exposing_nobody_stay_visible(text: str) -> None:
    assert score_abuse(text.lower())[0] < 0.5, text
