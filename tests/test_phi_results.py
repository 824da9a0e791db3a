"""A clinical value addressed to the reader confirms their care (policies/phi/results.py):
"your A1c", "your numbers" judged in the same sentence, also when a clinician is the subject.
A value nobody judges, or numbers that are not a measurement of care, pass. Every sentence
here was written for this file."""

from __future__ import annotations

import pytest
from test_phi import blocked

from policies.phi import PhiAllowList, PhiScreen


@pytest.fixture(scope="module")
def phi() -> PhiScreen:
    # the rules alone: these tests pin their constructions (the learned second opinion
    # is tested in test_phi_learned.py and measured by its trainer and bench/phi_eval.py)
    return PhiScreen(PhiAllowList(names=("Dr. Lin", "Lin", "NP Ruiz", "Ruiz")), learned=False)


@pytest.mark.parametrize(
    "text",
    [
        "Woohoo, your A1c dropped again! Keep it up, Carla.",
        "Great to hear from you, Nadia! Dr. Lin says your LDL is way down since spring.",
        "Thanks for the update! NP Ruiz was really impressed with your readings this month.",
        "Our nurses were blown away by your numbers, Glen. See you in March!",
        "So happy your B12 came back normal this time 🙌",
        "Dr. Lin was thrilled with your eGFR, Marta: keep drinking that water!",
        "Way to go, Hal! NP Ruiz couldn't stop smiling about your T4.",
    ],
)
def test_judged_value_addressed_to_the_commenter_blocks(phi, text):
    assert blocked(phi, text, context="reply")


@pytest.mark.parametrize(
    "text",
    [
        "Wow, your numbers for the coat drive were amazing: 212 coats!",
        "Thanks, Dana! Your team's numbers at the charity walk were the best of any team.",
        "Not at all! Your RSVP for the open house is confirmed, see you there.",
        "Good question! Your PIN for the portal can be reset from the login page.",
    ],
)
def test_values_that_are_not_care_pass(phi, text):
    assert not blocked(phi, text, context="reply")


def test_judged_value_in_a_post_to_a_named_reader_blocks(phi):
    assert blocked(phi, "Dr. Lin was so pleased with your A1c this week, Rosa! 🎉")
    assert not blocked(phi, "Know your numbers: free A1c checks at the library on Saturday.")
