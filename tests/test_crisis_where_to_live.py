"""Not wanting to live somewhere is about a place, not about living (session 47, lead)."""

from __future__ import annotations

import pytest

from policies.moderation.crisis import crisis

PLACE = [
    "I no longer want to live in this town, the traffic is awful",
    "I dont want to live here anymore, rent is crazy",
    "My son doesn't want to live with his dad anymore, can your counselor see him?",
    "We don't want to live near the highway after the baby comes",
    "She doesn't want to live in the dorm next year",
]
WISH = [
    "I no longer want to live. Nothing helps.",
    "I don't want to live like this anymore",
    "He doesn't want to live anymore and won't talk to us",
    "I don't want to live in this world anymore",
]


@pytest.mark.parametrize("text", PLACE)
def test_a_place_to_live_is_not_a_crisis(text: str) -> None:
    assert crisis(text)[0] == 0.0


@pytest.mark.parametrize("text", WISH)
def test_the_wish_not_to_live_still_is(text: str) -> None:
    assert crisis(text)[0] >= 0.9
