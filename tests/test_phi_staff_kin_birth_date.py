"""A full birth date in a sentence about a staff member is released as the staff member's
("Ana, our MA, turns 40: born ..."), but not when the sentence gives it to one of their
relatives: a staff member's mother with care is someone the practice may serve (session 14;
before, only the learned second look caught it). Sentences written for this file."""

from __future__ import annotations

import pytest
from conftest import blocking_rules

from policies.phi import PhiAllowList, PhiScreen


@pytest.fixture(scope="module")
def rules() -> PhiScreen:
    return PhiScreen(PhiAllowList(), learned=False)


@pytest.mark.parametrize("text", [
    "Our MA Paula's mother, born 3/9/1947, had her knee replaced this week.",
    "Our scheduler Reggie's grandfather, born June 1, 1939, is home after his pacemaker.",
])
def test_a_relatives_birth_date_in_a_staff_sentence_blocks_by_the_rules(rules, text) -> None:  # noqa: ANN001
    # found by `date+patient`; its day is a birthday's, so it carries the birth-date rule no
    # authorization covers (session 51's outside review)
    assert "birth_date+patient" in blocking_rules(rules, text)


def test_the_staff_members_own_birth_date_is_still_released(rules) -> None:  # noqa: ANN001
    text = "Our MA Paula, born 3/9/1987, celebrates today. Cake in the break room at 3!"
    assert not {"date+patient", "birth_date+patient"} & blocking_rules(rules, text)
