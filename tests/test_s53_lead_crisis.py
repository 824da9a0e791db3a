"""Session 53, lead's re-read: passive ideation after a hard story is still a crisis.

The passive-ideation reading stays quiet where "here" is a place or a wait. Its first version
also stayed quiet for a job, a house, hours or a phone anywhere in the 120 characters before,
which is how people in crisis tell their story. Only places and waits, in the same sentence or
the one just before, keep it quiet now.
"""

from __future__ import annotations

import pytest

from policies.moderation.crisis import crisis

STORY_THEN_IDEATION = [
    "Got laid off from my job in March and the bills keep coming. I don't want to be here anymore.",
    "Sat up for hours again, can't sleep. I don't want to be here anymore",
    "Nothing is working anymore, not the pills, not talking. I just want to disappear.",
    "My phone hasn't rung in weeks, nobody checks on me. I don't want to be around anymore.",
]

A_PLACE_OR_A_WAIT = [
    # "any more than" compares, it does not say "no longer" (crisis review, session 53)
    "Believe me, I don't want to be here any more than the nurses do, but my kid needs stitches.",
    "Ninety minutes in your lobby with a sick toddler. I don't want to be here anymore.",
    "Third time on hold today. Honestly I don't want to be here anymore, fix your phones.",
    "Our clinic waiting room is freezing! I don't want to be here anymore lol",
]


@pytest.mark.parametrize("text", STORY_THEN_IDEATION)
def test_a_hard_story_before_passive_ideation_is_a_crisis(text: str) -> None:
    assert crisis(text)[0] >= 0.5


@pytest.mark.parametrize("text", A_PLACE_OR_A_WAIT)
def test_a_place_or_a_wait_before_it_is_a_grumble(text: str) -> None:
    assert crisis(text)[0] == 0.0
