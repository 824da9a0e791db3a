"""Patients whose names look like something else (a business, a town, an animal's name, a
clinician's field, a group at a place), with a care word: they must block. Session 10 tried
relaxations that read such candidates as no private person; three outside reviews released
29, 33 and 34 disclosures, and all were reverted (docs/history/phi.md, "Session 10: candidates that
are not private people"). What stays here is the block side, pinned. Every sentence was
written for this file (team-written: fit, not accuracy)."""

from __future__ import annotations

import pytest
from conftest import blocking

from policies.phi import PhiScreen


@pytest.fixture(scope="module")
def phi() -> PhiScreen:
    return PhiScreen(learned=False)  # the rules alone: these tests pin their constructions


@pytest.mark.parametrize("text", [
    "Bethel Jones is home after her stroke.",
    "Congratulations to Eugene on his knee replacement!",
    "We are so proud of Bethel, who finished chemo in Eugene this week.",
    "Big hugs to the Bethel twins after their tonsil surgery.",
    "Prayers for Eugene in the ICU tonight.",
])
def test_a_patient_named_like_a_town_still_blocks(phi, text):
    assert blocking(phi, text)


@pytest.mark.parametrize("text", [
    "Maria Lopez's 2019 surgery went well and she is home.",
    "Tom Reyes and Ana Ruiz's knee surgery recovery stories inspire us.",
])
def test_a_patients_dated_care_is_no_citation(phi, text):
    assert blocking(phi, text)


@pytest.mark.parametrize("text", [
    "Dr. Lena Brix finished her concussion protocol after the crash and is back Monday.",
    "Nurse Kim is recovering after her surgery on Tuesday.",
    "Dr. Holm is in a clinical trial for her breast cancer.",
])
def test_a_clinicians_own_care_still_blocks(phi, text):
    assert blocking(phi, text)


def test_an_honorific_and_one_letter_blocks(phi):
    assert blocking(phi, "Mrs. P finished chemo today!")
    assert blocking(phi, "so proud of mrs. p, done with radiation")


@pytest.mark.parametrize("text", [
    "Our therapy dog Noodle visited Rosa Diaz after her hip surgery.",
    "Our clinic cat Juno sat with Ben Ortiz during his chemo.",
    "Waffles Bennett, 9, had his tonsils out this morning and is home resting.",
])
def test_a_patient_beside_an_animal_still_blocks(phi, text):
    assert blocking(phi, text)


def test_a_house_number_blocks(phi):
    assert blocking(phi, "Maria Lopez is home at 12 Elm Street after her stroke.")


@pytest.mark.parametrize("text", [
    "The night cashier at the hardware store had a heart attack on Tuesday.",
    "The Oak Street barber who had the stroke is back at work.",
    "The crossing guard at Lincoln Elementary is recovering from her hip surgery.",
    "Ludwig van Okonkwo finished chemo this week.",
    "Amara bint Yusuf is home after her surgery.",
])
def test_one_person_by_role_or_a_name_with_a_particle_still_blocks(phi, text):
    assert blocking(phi, text)


# The review tightenings (session 10): each construction released only where nothing in its
# clause tells of a person's care; written for this file, not taken from any probe set.
@pytest.mark.parametrize("text", [
    "Meet our therapy dog Biscuit! Biscuit loves belly rubs and squeaky toys.",
    "Dr. Lena Park will give a talk on asthma inhalers at the library Tuesday.",
    "Thanks to the staff at Ridgeview Elementary for hosting our coat drive.",
])
def test_review_tightening_still_passes(phi, text):
    assert blocking(phi, text) == []


@pytest.mark.parametrize("text", [
    "The staff gathered around Austin last week as he finished his last infusion.",
    "There is real grit in Austin: four rounds of chemo and still joking.",
    "The Austin book club brought flowers for her knee surgery.",
    "Lena Moreno (Lincoln High, 2001) is home after her hip surgery.",
    "Lena Moreno (USMC, 1990) is recovering after her hip surgery.",
    "Rosa and Dean report sleeping better since starting CPAP with us.",
    "Al and Bea's review of their first year on dialysis: hard but worth it.",
    "Because of his beagle, Tony walks daily since his bypass surgery.",
    "Our therapy dog Rosie visited, and Rosie from room 4 had her stitches out after surgery.",
    "Dr. Omar Reyes will present his own epilepsy journey in a webinar Friday.",
    "Dr. Ana Cole resumes her asthma webinars after her own hospitalization.",
    "Kashtyn miller hurt his shoulder at swim practice and is in a sling",
    "ms k from the monday walking group had her knee replaced!",
    "Get well wishes to the lone staff at the Millbrook library, who had surgery Monday.",
    "Prayers for the Westfield High center, out for the year after knee surgery.",
])
def test_review_tightening_blocks(phi, text):
    assert blocking(phi, text)


# Reverted after the second outside review (session 10): a town used as a place with the care
# told in the next sentence, a class year or a club before the year in brackets, a possessive
# before a dated study visit, a weekday surname, "miss a" and a lower-case word, a modifier
# before "center", an amount before a street, an animal's name again with a care word outside
# the hard-care list. Written for this file, not taken from any probe set.
@pytest.mark.parametrize("text", [
    "So many hugs around Savannah this week. Her last round of chemo is Friday.",
    "We mailed a get-well card home to Tyler. The stitches come out Monday.",
    "Dale Ortiz (USAF, 1981) finished chemo this week.",
    "Congrats to Ann Bell (PSU, 1975) on the new knee!",
    "Nell and Abe's 2021 study checkup: the lymphoma is still in remission.",
    "Cheering for Mia Tuesdays as she finishes radiation this week.",
    "so proud of miss a in the blue scrubs, done with radiation",
    "Prayers for the Westview High reserve center after his ankle surgery.",
    "Our volunteers gave $2,400 Birch Ln families a hand; the one in the yellow house is home "
    "after her stroke.",
    "Our lobby cat Milo says hello: Milo in the blue chair just finished PT on his shoulder.",
])
def test_reverted_after_the_second_review_blocks(phi, text):
    assert blocking(phi, text)
