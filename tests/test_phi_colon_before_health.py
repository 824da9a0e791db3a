"""A colon or a dash between a name and what is told of them (session 29; sentences written
for these tests, not taken from any labelled set).

"Meet <name>, diagnosed with ..." blocked; "Meet <name>: diagnosed with ..." passed, the colon
cutting the tie the comma keeps (an outside review of session 29 found it). A colon or a dash
now keeps it too, with a verb that tells health only (diagnosed, underwent, admitted, beat,
recovering ...) and not after a title: staff bios and speaker lineups open the same way with
everyday verbs ("Dr. X: has treated asthma since 1998", "Speaker: Y - started the insulin
clinic"), and a second outside review found 29 such false blocks in a first version that
took every verb the comma form takes."""

from __future__ import annotations

import pytest
from conftest import blocking

from policies.phi import PhiScreen


def _blocked(text: str, context: str = "post") -> bool:
    return bool(blocking(PhiScreen(), text, context))


@pytest.mark.parametrize("text", [
    "Meet Dolores Franks: diagnosed with emphysema in 2019 and back to her garden club.",
    "Patient spotlight - Hal Brody: underwent a hip replacement in May and is back on his boat.",
    "Say hello to Wanda Pike \u2014 recently diagnosed with lupus and learning the ropes.",
    "Meet Gil Moreno: beat sepsis after two weeks in the hospital.",
])
def test_a_colon_or_dash_keeps_the_tie_a_comma_keeps(text: str) -> None:
    assert _blocked(text)


@pytest.mark.parametrize("text", [
    "Meet Dr. Lena Cho: board certified in pulmonology, she treats asthma and COPD.",
    "Keynote: Dr. Omar Fields \u2014 was named a top cardiologist by the county paper.",
    "Dr. Inez Park \u2013 diagnosed the valley's first case of Lyme disease in 1991.",
    "Our wellness lead, Tia Moss: started the smoke-free workplace pledge with local shops.",
    "Meet Carla Dunn: completed her nursing degree and now works in our diabetes clinic.",
    "Welcome Jake Mills: our new PT, specializing in knee rehab.",
])
def test_staff_bios_and_lineups_with_a_colon_still_pass(text: str) -> None:
    assert not _blocked(text)
