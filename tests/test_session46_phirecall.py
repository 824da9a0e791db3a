"""Session 46, PHI recall: a care service told as a named person's own (policies/phi/owned.py).
A care word before a service noun ("dialysis supplies", "asthma education class") names the
service, so it was nobody's care, and a named person with "her dialysis supplies" passed with a
warning. A possessive after the name makes the service theirs. Someone who leads or teaches
it, a clinician's talk, and a staff member's class still pass. Every sentence is written for
this file."""

from __future__ import annotations

import pytest
from conftest import blocking

USES_A_SERVICE = [
    "Gus Park picked up his CPAP supplies from the front desk this morning.",
    "Marisol carried her insulin pump supplies to the lake all summer long.",
    "So proud of Deshawn Hill for finishing his asthma education class this spring!",
    "Odette Lang, her oxygen supplies now come to the farm every other Thursday.",
]

GIVES_OR_NOBODYS = [
    "Rosa Diaz leads her diabetes class every Tuesday evening in the annex.",
    "Dr. Amy Cho will give her asthma talk at the public library on Friday.",
    "Join Priya Shah and her cancer research team at the spring 5K.",
    "Our nurse Jo Kim and her diabetes education class welcomed eight new families.",
    "Thanks to Mike Ross, who runs his oxygen supplies business off Main Street.",
]


@pytest.mark.parametrize(("uses", "gives"), list(zip(USES_A_SERVICE, GIVES_OR_NOBODYS,
                                                       strict=False)))
def test_a_care_service_blocks_only_as_the_named_persons_own(rules_phi, uses, gives):
    assert blocking(rules_phi, uses)
    assert not blocking(rules_phi, gives)


def test_a_service_given_is_read_apart_from_one_used(rules_phi):
    assert not blocking(rules_phi, GIVES_OR_NOBODYS[-1])
    assert blocking(rules_phi, USES_A_SERVICE[0])
