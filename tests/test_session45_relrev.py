"""Session 45, an outside review of the general-reply release (offers.practice_gives): the
release read a meeting with the reader ("see you") only in the clause of the care word, so a
reply that offers a service in one clause and meets the reader for it in the next passed.
A meeting with the reader anywhere in the reply keeps the block; an invitation to anyone
("hope to see you there") does not. Every sentence is written for this file."""

from __future__ import annotations

import pytest
from conftest import blocking

MEETS_READER = [
    "Our nurses run the stress test in the cardio suite. See you Monday, Abe!",
    "Our nurses run the asthma checks all spring; we will see ya soon!",
    "Dr. Abara does the anatomy ultrasound at 20 weeks; see you both then!",
]

INVITES_ANYONE = [
    "We do carry the high-dose flu shot this autumn. Hope to see you there!",
    "Our nurses run free blood pressure checks at the market, would love to see you.",
]


@pytest.mark.parametrize("text", MEETS_READER)
def test_a_meeting_in_another_clause_keeps_the_block(rules_phi, text):
    assert blocking(rules_phi, text, context="reply")


@pytest.mark.parametrize("text", INVITES_ANYONE)
def test_an_invitation_to_anyone_still_passes(rules_phi, text):
    assert blocking(rules_phi, text, context="reply") == []
