"""Session 46: harmless comments the self_disclosure layers flagged. An audience phrase runs on
to its last group noun ("with my quilting club group"), and a first person who only heard or
read health news ("I keep reading conflicting advice") discloses nothing of their own
(hearsay.py). Own sentences, none from any evaluation set."""

from __future__ import annotations

import pytest
from conftest import flag_names

from policies.moderation import audience

AUDIENCE = "Clear explainer on shingles vaccines, passing it along to my quilting club group."
LISTENER = ("Is the shingles shot advised at 50 or at 60 these days? "
            "I keep reading conflicting advice.")


# each: a harmless comment the layers flagged, and the commenter's own health beside the same
# shape, which stays flagged
@pytest.mark.parametrize(("released", "kept"), [
    (AUDIENCE, "Sharing with my cousin's running group, my cousin just had knee surgery."),
    (AUDIENCE, "Sharing with my lupus group, the flare tips helped me a lot last winter."),
    (LISTENER, "Had no idea my cholesterol was that high until the labs came back."),
    (LISTENER, "I keep hearing my pulse in my ear since the ear infection, is that normal?"),
])
def test_an_audience_or_a_listener_discloses_nothing(screened_classifier, released, kept):
    assert "self_disclosure" not in flag_names(screened_classifier, released)
    assert "self_disclosure" in flag_names(screened_classifier, kept)


def test_the_phrase_runs_on_to_its_group_noun():
    assert audience.without_audience(
        "Great guide on heat illness, sharing with my church choir group.") is not None
    # a relative's group is not an audience: "my son's" stays a relative
    assert audience.without_audience(
        "Great guide on heat illness, sharing with my son's soccer group.") is None


def test_hearsay_needs_no_other_first_person():
    from policies.moderation import hearsay

    assert hearsay.without_hearsay("I keep hearing the advice moved. What's current?")
    assert hearsay.without_hearsay("I keep hearing it helps, and my back still hurts.") is None
    assert hearsay.without_hearsay("Great post on flu season.") is None
