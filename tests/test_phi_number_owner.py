"""Whose a number is, read from the words around it: a word cut at the edge of the fixed
window never makes a person's number the practice's ("y|our", "f|our" read as "our"), and a
person's word counts whether the window cuts it or not ("grand|son", "mom|my"). Relatives
beyond parents and children are a person's cue too. Sentences written for this fix."""

from __future__ import annotations

import pytest

from policies.phi import PhiScreen
from policies.phi.owner import owner


def _owner_of(text: str) -> str:
    start = text.index("555-555-")
    return owner(text, start, start + 12)


def test_a_cut_your_is_no_practice_word() -> None:
    # the 60-character window before the number starts inside "your": the old slice read
    # "our ..." there and took a private person's number for the practice's
    middle = " forms got lost, so Rosalind Abernathy-Quist waits by the phone:"
    middle = middle[: 57 - 1] + " "
    text = "Thank your" + middle + "555-555-0123 thanks"
    start = text.index("555-555-")
    assert text[start - 60 : start].startswith("our ")
    assert _owner_of(text) == "unknown"
    found = PhiScreen().screen_many([text], context="post")[0]
    assert "block" in {f.severity for f in found if f.category == "phone"}


@pytest.mark.parametrize("text", [
    "Booking a visit for my grandson. Best number for the front desk: 555-555-0123",
    "Scheduling for my stepdad, the front desk can reach 555-555-0123 anytime",
    "Appointment question for my aunt, best number for scheduling 555-555-0123",
])
def test_a_relatives_number_is_a_persons(text: str) -> None:
    assert _owner_of(text) == "person"


@pytest.mark.parametrize("text", [
    "Call 555-555-0123 to schedule home visits.",  # "home visits" is a service
    "Our sister clinic in Bend can be reached at 555-555-0123 for appointments.",
])
def test_a_practice_service_or_sister_clinic_is_the_practices(text: str) -> None:
    assert _owner_of(text) == "practice"


def test_the_practice_line_still_warns() -> None:
    found = PhiScreen().screen_many(
        ["Flu shots start this week! Stop by the front desk or call us at 555-555-0148."],
        context="post")[0]
    assert {f.severity for f in found if f.category == "phone"} == {"warn"}
