"""A condition tied to a small place singles out an unnamed person (policies/phi/places.py):
a town given with its size, or one person singled out within a place. Rates, large places
and places without a person with a condition pass. Every sentence here was written for this
file."""

from __future__ import annotations

import pytest
from test_phi import blocked

from policies.phi import PhiAllowList, PhiScreen
from policies.phi.places import SINGLED_IN_PLACE, small_place


@pytest.fixture(scope="module")
def phi() -> PhiScreen:
    # the rules alone: these tests pin their constructions (the learned second opinion
    # is tested in test_phi_learned.py and measured by its trainer and bench/phi_eval.py)
    return PhiScreen(PhiAllowList(), learned=False)


@pytest.mark.parametrize(
    "text,small",
    [
        ("a village of 300 people", True),
        ("Population: 1,450", True),
        ("pop. 900", True),
        ("a 250-person island", True),
        ("a county of some 12k residents", True),
        ("a city of 90,000", False),
        ("population 2.3 million", False),
        ("a town of 3 million", False),
    ],
)
def test_place_sizes(text, small):
    assert bool(small_place(text)) is small


@pytest.mark.parametrize(
    "text,singled",
    [
        ("the only kid in town who", True),
        ("one grandmother from Elk Ridge", True),
        ("One in five adults in Ohio", False),
        ("one of our nurses in Dayton", False),
    ],
)
def test_one_person_singled_out_in_a_place(text, singled):
    assert bool(SINGLED_IN_PLACE.search(text)) is singled


@pytest.mark.parametrize(
    "text",
    [
        "In a village of 300 people, one little girl is learning to live with type 1 diabetes, "
        "and she's doing great.",
        "Pop. 900 and just one kid with juvenile arthritis: we see you, and we're so proud!",
        "One woman from Elk Ridge is back in her garden after a rare kidney disorder "
        "kept her in bed all summer.",
        "She's the only girl in the whole valley with a feeding tube, and today she rode a horse!",
        "Our town has a population under 2,000, and a teenager here just got a cochlear "
        "implant. Welcome to the world of sound!",
    ],
)
def test_condition_in_a_small_place_blocks(phi, text):
    assert blocked(phi, text)


@pytest.mark.parametrize(
    "text",
    [
        "In a town of 800, nearly 1 in 10 adults lives with diabetes. Free checks Saturday!",
        "Madison County has a population under 20,000 and just one pediatric dentist, so our "
        "mobile clinic comes every month.",
        "Population 4 million and counting: flu season is here, so get your shot early.",
        "One volunteer in Marshall drove forty seniors to our flu clinic this fall!",
        # a quantity of people is no one person; a place's only shop is no person
        "1 in 40 kids has asthma. In a village of 3,000, that's a lot of families. Free "
        "screening Friday.",
        "The only pharmacy in town now gives shingles shots on Saturdays.",
        "Our only urgent care stays open until 9 tonight for flu shots.",
    ],
)
def test_small_place_without_a_person_singled_out_passes(phi, text):
    assert not blocked(phi, text)
