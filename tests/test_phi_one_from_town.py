"""One person tied to a named town ("someone from Bandera", "a Poteet dairy farmer") is a
candidate: with a condition it blocks, as Safe Harbor counts any place smaller than a state.
A visiting clinician, an anonymous testimonial's "— a Tupelo mom" and a group stay clear.
Care told as a verb ("he dialyzed with us") is care. Sentences written for this fix."""

from __future__ import annotations

import pytest

from policies.phi import PhiScreen


def _blocked(text: str) -> bool:
    return any(f.severity == "block" for f in PhiScreen().screen_many([text], context="post")[0])


@pytest.mark.parametrize("text", [
    "We rarely meet someone from Millbrook Falls with Fabry disease, but we did this month.",
    "A Harlan County coal miner with black lung started oxygen with us on Monday.",
    "So proud of a teen out in Cedar Gap who finished her last round of chemo.",
    "Rest in peace, Mr. Otto Lindqvist. He dialyzed with us for nine years.",
    "Good news from the cath lab: Ray Duarte was stented on Tuesday and is home.",
])
def test_a_person_at_a_town_or_given_care_blocks(text: str) -> None:
    assert _blocked(text)


@pytest.mark.parametrize("text", [
    "A visiting cardiologist from Tulsa sees patients here every other Friday.",
    "\u201cThe nurses made my first visit easy.\u201d \u2014 a Fairview mom",
    "Families from Millbrook Falls can get flu shots at the Saturday clinic.",
    "Every 9 minutes, someone in Texas needs a kidney transplant. Be a donor.",  # a state
    "If you know someone in Cedar Gap with diabetes, tell them about our free class.",
    "Know someone in Cedar Gap with diabetes? Our free class starts Monday.",  # a question
])
def test_a_clinician_a_testimonial_or_a_group_passes(text: str) -> None:
    assert not _blocked(text)
