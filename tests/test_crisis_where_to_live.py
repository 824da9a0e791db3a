"""Not wanting to live somewhere is about a place, not about living (session 47, lead)."""

from __future__ import annotations

import pytest

from policies.moderation.crisis import crisis

# (text, is it the wish not to live?) - team-written
CASES = [
    ("I no longer want to live in this town, the traffic is awful", False),
    ("I dont want to live here anymore, rent is crazy", False),
    ("My son doesn't want to live with his dad anymore, can your counselor see him?", False),
    ("We don't want to live near the highway after the baby comes", False),
    ("She doesn't want to live in the dorm next year", False),
    ("I no longer want to live. Nothing helps.", True),
    ("I don't want to live like this anymore", True),
    ("He doesn't want to live anymore and won't talk to us", True),
    ("I don't want to live in this world anymore", True),
]


@pytest.mark.parametrize(("text", "wish"), CASES)
def test_a_place_to_live_is_no_crisis_and_the_wish_still_is(text: str, wish: bool) -> None:
    assert (crisis(text)[0] >= 0.9) is wish
