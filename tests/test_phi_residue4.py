"""Issue 12, residue of the outside attacker review (tightening): a reader addressed with their
own scheduled care, relapse and condition abbreviations, and "got hurt" / "was burned" with
no object. Every sentence here was written for this file (team-written: fit, not accuracy);
each construction is tested on both sides."""

from __future__ import annotations

import pytest
from conftest import blocking

from policies.phi import PhiAllowList, PhiScreen
from policies.phi.vocabulary import exact_terms, health_mentions

ALLOW = PhiAllowList.from_toml({
    "allow_names": ["Juniper Hollow Family Dental", "Juniper Hollow"],
    "allow_domains": ["juniperhollow.example"],
})


@pytest.fixture(scope="module")
def phi() -> PhiScreen:
    return PhiScreen(ALLOW, learned=False)  # the rules alone: these tests pin constructions


def mentioned(text: str) -> list[str]:
    return [m.text for m in health_mentions(text)]


# --- a reader addressed with their own scheduled care ------------------------------------

@pytest.mark.parametrize("text", [
    "Rowan, your temporary crown comes off and the permanent one is ready for Wednesday.",
    "@kit.moreau your night guard is back from the lab, swing by Monday.",
    "Imani, your new lenses are in! Stop by this week to pick them up.",
    "@bo_lindqvist your consultation is confirmed for the 22nd at 4.",
    "Hollis, your bridge is ready to be seated next Tuesday.",
    "@marguerite_k your aligners came in, see you Friday.",
    "Ansel, your recheck is on Thursday at 10:15.",
    "@teodora.v your 2-week check is Monday morning, see you then!",
])
def test_a_reader_addressed_with_their_scheduled_care_blocks(phi, text):
    assert blocking(phi, text)
    assert blocking(phi, text, context="comment")


@pytest.mark.parametrize("text", [
    "Rowan, your crown at the staff Halloween party was the best costume we saw.",
    "Imani, your new name badge is at the front desk.",
    "@riverside_rotary your raffle prizes are in, thank you for the support!",
    "Ask us how a bridge or an implant can replace a missing tooth.",
])
def test_everyday_nouns_said_to_a_reader_without_care_pass(phi, text):
    assert not blocking(phi, text)


# --- relapse, remission and condition abbreviations -----------------------------------------

@pytest.mark.parametrize("text", [
    "Thinking of Corwin Adebayo, who relapsed in the spring and is back in treatment.",
    "Keep Deacon Marlow Fitch in your prayers; his ALS is moving fast.",
    "Odile Brandvold has been battling CHF all winter, so send her some cheer.",
    "Priscilla Okafor's MS flare kept her off the choir risers this month.",
    "Wendell Ruiz was just told it was a TIA, and he is resting at home.",
    "Our crossing guard Mateo Quist relapsed over the winter; notes for him can go to the desk.",
])
def test_a_named_person_with_relapse_or_an_abbreviated_condition_blocks(phi, text):
    assert blocking(phi, text)


@pytest.mark.parametrize("text,words", [
    ("She relapsed twice.", ["relapsed"]),
    ("living with ALS", ["ALS"]),
    ("his COPD and her PTSD", ["COPD", "PTSD"]),
    ("her MS diagnosis", ["MS", "diagnosis"]),
    ("managing MS", []),  # no owner before it and no health noun after it: not read
])
def test_vocabulary_reads_relapse_and_abbreviations(text, words):
    assert mentioned(text) == words


@pytest.mark.parametrize("text", [
    "Maren Lindqvist, MS, RD joins our nutrition team on Monday.",  # a degree
    "Our second office is at 140 Main Street, Oxford, MS 38655.",  # a state
    "The staff meeting link is in MS Teams.",  # Microsoft
    "Dana Holt earned her MS in nursing this spring!",  # a degree again
    "ALL WELCOME at our open house!",  # an ICD abbreviation that is an everyday word
])
def test_ms_and_everyday_capitals_are_not_conditions(text):
    assert not [m for m in health_mentions(text) if m.term.kind == "condition"]


def test_the_kept_abbreviations_come_from_icd_and_leave_out_everyday_words():
    terms = exact_terms()
    assert {"COPD", "CKD", "MRSA", "PTSD"} <= set(terms)  # abbreviations.txt (ICD-10-CM)
    assert {"ALS", "CHF"} <= set(terms)  # lay_terms.tsv
    assert not {"ALL", "MEN", "HIT", "FISH", "NOS"} & set(terms)


# --- hurt or burned with no object ----------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Principal Okoro got hurt at the field day, and he'll be back next week.",
    "Our mail carrier Ben Alcott was badly burned in a kitchen fire. Sending love!",
    "Get well soon to Lucinda Farrow, who got hurt on the ice Tuesday.",
    "Coach Amadi burned his forearm at the booster club cookout.",
])
def test_a_named_persons_injury_with_no_object_blocks(phi, text):
    assert blocking(phi, text)


@pytest.mark.parametrize("text", [
    "Great fire drill this morning: nobody got hurt and everyone was out in 90 seconds.",
    "Don't get burned this summer. Sunscreen every two hours, even when it's cloudy.",
    "Coach Amadi says nobody was hurt when the bleachers shifted.",
    "Who else got burned by the new parking rates? We hear you, and we're talking to the city.",
    "Feeling burned out? Our free stress workshop with Dr. Kessler is on Thursday.",
])
def test_hurt_and_burned_without_an_injured_person_pass(phi, text):
    assert not blocking(phi, text)
