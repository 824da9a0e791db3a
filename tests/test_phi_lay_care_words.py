"""Everyday names for care that no code list spells this way ("ear tubes", "tonsils out",
"a triple bypass", "intubated", "a heart cath") are health words: beside a name they block, and
without a person they stay general. Sentences written for this fix."""

from __future__ import annotations

import pytest

from policies.phi import PhiScreen
from policies.phi.vocabulary import health_mentions


@pytest.mark.parametrize("phrase", [
    "ear tubes", "tonsils out", "valve replaced", "hours of labor", "survivorship",
    "intubated", "biopsied", "transfused", "heart cath", "bed rest", "triple bypass", "IUI",
    "lbs down",
])
def test_the_phrase_is_a_health_mention(phrase: str) -> None:
    assert [m.text for m in health_mentions(f"it was {phrase} again")] == [phrase]


@pytest.mark.parametrize("text", [
    "Little Wren Albers got her ear tubes in this morning and was a champ!",
    "Big week for Dominic Ferrante: his triple bypass went perfectly.",
    "Thanks to Priya Sandoval, who spent two weeks on bed rest and still ran the bake sale.",
])
def test_beside_a_name_they_block(text: str) -> None:
    found = PhiScreen().screen_many([text], context="post")[0]
    assert any(f.severity == "block" for f in found)


def test_without_a_person_they_pass() -> None:
    found = PhiScreen().screen_many(
        ["Ear tubes are one of the most common childhood surgeries. Ask us if your child's "
         "ear infections keep coming back."], context="post")[0]
    assert not any(f.severity == "block" for f in found)


def test_a_capitalised_name_is_no_shorthand() -> None:
    # "NED" (no evidence of disease) was tried and dropped: a name written in capitals that is
    # also a health word stops being a name, and "Shoutout to NED for ..." stopped blocking
    found = PhiScreen().screen_many(["Shoutout to NED for crushing his physical therapy goals."],
                                    context="post")[0]
    assert any(f.severity == "block" for f in found)
