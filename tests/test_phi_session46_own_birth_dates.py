"""A full birth date that is the practice's own (session 46): an allow-listed colleague's, the
date attached to the name, or the practice's animal's, the animal named as ours beside it.
Before, every full birth date outside one narrow animal shape blocked as a patient's (staff
and therapy-pet birthdays were the largest class of false blocks on read sets after replies).
The releases stay narrow: the forms outside reviews broke in sessions 18 and 34 still block.
Sentences written for this file."""

from __future__ import annotations

import pytest
from conftest import blocking_rules

from policies.phi import PhiAllowList, PhiScreen

ALLOW = PhiAllowList(names=("Dr. Yolanda Ferris", "Yolanda Ferris", "Dr. Ferris",
                            "Benito Aldana", "Ferris"))


@pytest.fixture(scope="module")
def rules() -> PhiScreen:
    return PhiScreen(ALLOW, learned=False)


@pytest.fixture(scope="module")
def screen() -> PhiScreen:
    return PhiScreen(ALLOW)


# each release beside a near form that must still block: someone else beside the colleague or
# the animal, a title alone (not a colleague), an "animal" born in 1950
PAIRS = [
    ("Dr. Yolanda Ferris turns 60 on Monday (born 8/14/1966) and wants zero fuss about it.",
     "Dr. Ferris says happy birthday to our boldest brusher, born 5/5/2017!"),
    ("Benito Aldana, born October 30, 1988, has answered our phones for a decade now.",
     "Happy birthday to Dr. Ferris's aunt, born 4/4/1941!"),
    ("Happy 45th birthday to Dr. Ferris! Born 2/9/1981, and she still bikes to work in sleet.",
     "Happy 90th birthday to Dr. Ferris's old professor! Born 1/1/1936."),
    ("Waldo the lobby beagle was born 6/1/2021 and is fond of squeaky ducks.",
     "Waldo, our office beagle, greets Ms. Pruitt daily. Born 3/3/1950 and still spry!"),
    ("Happy 3rd birthday to Nutmeg, the clinic rabbit! Born 7/7/2022, she naps by the ferns.",
     "Born 8/8/2016, our office beagle Waldo's loyal walker beat us all at checkers."),
    ("Cake for Rocket, born 2/2/2020! Our therapy greyhound has a new red collar today.",
     "Happy 8th birthday to Ned Ochoa, born 9/9/2017! Our fiercest corgi fan."),
    ("Happy 45th birthday to Dr. Ferris! Born 2/9/1981, and she still bikes to work in sleet.",
     "Happy 93rd birthday to Dr. Ansel Quirk! Born 2/2/1933. He still sits in our lobby."),
    ("Happy 3rd birthday to Nutmeg, the clinic rabbit! Born 7/7/2022, she naps by the ferns.",
     "Happy birthday to Waldo, our office beagle! Born 3/3/1950, she loves him."),
]


@pytest.mark.parametrize(("ours", "theirs"), PAIRS)
def test_our_own_birth_date_is_released_and_someone_elses_still_blocks(
        rules, screen, ours, theirs) -> None:  # noqa: ANN001
    assert "date+patient" not in blocking_rules(rules, ours)
    assert "date+patient" in blocking_rules(screen, theirs)
