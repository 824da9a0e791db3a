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


# A reply ties care to its reader by a relative clause in the past ("the X you ordered", "the
# X Dr. Y started you on") or a reference back ("the same X as last time"), where the care
# words name a service nobody owns on their own (reader_ties.py)
READER_TIED = [
    "Thanks Bea! The CPAP supplies you asked us about arrived on Tuesday's truck.",
    "Hi Lou! The oxygen supplies your dad requested are packed and at the desk.",
    "Yes! We'll have the same dialysis supplies as last time boxed up for pickup.",
]
NOT_TIED = [
    "Thanks Bea! The CPAP supplies order for the sleep lab arrived on Tuesday's truck.",
    "Hi Lou! The oxygen supplies drive raised enough for the whole county.",
    "Yes! We'll have dialysis supplies boxed up for the county shelter pickup.",
]


@pytest.mark.parametrize(("tied", "untied"), list(zip(READER_TIED, NOT_TIED, strict=True)))
def test_a_reply_clause_ties_a_care_service_to_the_reader(rules_phi, tied, untied):
    assert blocking(rules_phi, tied, context="reply")
    assert not blocking(rules_phi, untied, context="reply")


# One person singled out in a town in words its readers know them by (candidates._SINGLED_OUT)
SINGLED = [
    "Hats off to our one and only cystic fibrosis warrior up in Ekalaka.",
    "Happy seventh birthday to Glendive's own little fighter with Gaucher disease!",
]
NOT_SINGLED = [
    "Hats off to our cystic fibrosis walk team, the fastest crew up in Ekalaka.",
    "Happy birthday to Glendive's own little league champs, state winners again!",
]


@pytest.mark.parametrize(("one", "group"), list(zip(SINGLED, NOT_SINGLED, strict=True)))
def test_one_person_singled_out_in_a_town_with_a_condition(rules_phi, one, group):
    assert blocking(rules_phi, one)
    assert not blocking(rules_phi, group)
