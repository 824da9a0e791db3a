"""Release rules (checklist, product recall, presenting, rule of thumb, dog 'lab', middle
initial, sensitive conditions) must not release a named person's health. Sentences written
for this fix (no evaluation-set text); each pairs a release cue with a real disclosure, and
the last group keeps the release working where no person is named."""

from __future__ import annotations

import pytest

# `phi` (the rules alone, tests/data/phi's allow-list) is tests/conftest.py's fixture
from test_phi import blocks

from policies.phi import PhiScreen


@pytest.mark.parametrize("text", [
    # checklist openers that are no checklist, or share the sentence with a patient
    "Have to share: Carla Nguyen completed her final round of radiation this week!",
    "Bring on the balloons, Dale Porter is done with chemo!",
    "Pack the gym Saturday for Coach Ellis, home after his bypass surgery.",
    "Carry on, Nora Fitch: two more dialysis runs and you're finished!",
    "Our lot was repaved. Don't forget Dale Porter in your prayers, his leukemia is back.",
    # a capital and a period is a room letter, not a middle initial
    "Bring your ID to Suite B. Taylor Ruiz finished her last round of chemo today!",
    # 'recall' as remembering; a lot that is a plot of land
    "As some of you might recall, Dale Porter beat lymphoma last spring.",
    "Nora Fitch, whom you may recall from the bake sale, was diagnosed with lupus in June.",
    "Dale Porter from Lot 7 at Willow Park began dialysis on Monday.",
    # clinical presentation
    "Carla Nguyen presented to urgent care with a seizure and is resting now.",
    "Dale Porter, presenting signs of a heart attack, was flown to Mercy by our crew.",
    # a rule-of-thumb opener with a named patient
    "The best way to cheer up Nora Fitch during her chemo is a handwritten note.",
    "The right day to visit Dale Porter after his hip replacement is Friday, bed 9.",
    "The usual age to begin mammograms is 40, and Carla Nguyen just had her first biopsy.",
    # counted labs are lab tests
    "Parker Hughes came in at 8am for four labs before his shift.",
    "Nora Fitch dropped by Thursday for 2 labs and a flu shot.",
])
def test_release_cue_does_not_cover_a_named_patient(phi: PhiScreen, text: str) -> None:
    assert blocks(phi, text)


@pytest.mark.parametrize("text", [
    "Dale Porter is HIV positive.",
    "My coworker Nora Fitch has AIDS.",
    "Carla Nguyen has genital herpes.",
    "Parker Hughes has an STD.",
    "Dale Porter overdosed on Saturday night.",
    "Nora Fitch has hep C.",
    "Parker Hughes started PrEP last month.",
    "Carla Nguyen is schizophrenic.",
    "Dale Porter has HIV.",
])
def test_sensitive_conditions_block_with_a_name(phi: PhiScreen, text: str) -> None:
    assert blocks(phi, text)


@pytest.mark.parametrize("text", [
    "Bring your insurance card and a list of your medications to every visit.",
    "Please bring your inhaler and any eye drops you use to your appointment.",
    "The best time for a flu shot is early fall.",
    "The right age to start colon cancer screening is 45 for most adults.",
    "A cough syrup sold at big-box stores was recalled this week; check the lot number.",
    "Dr. Ames presented a talk on asthma care at the state conference.",
    "Our black lab Biscuit visits the pediatric floor on Fridays.",
    "Free HIV testing every Friday, no appointment needed.",
])
def test_release_still_works_without_a_person(phi: PhiScreen, text: str) -> None:
    assert not blocks(phi, text)


@pytest.mark.parametrize("text", [
    "Meet our new hygienist Tara, who spends weekends camping with her three labs.",
    "Dr. Ames moved here from Ohio with his 2 labs and a cat.",
])
def test_owned_counted_labs_are_dogs(phi: PhiScreen, text: str) -> None:
    assert not blocks(phi, text)


@pytest.mark.parametrize("text", [
    # a public figure's telling does not cover "our patient X" in the same sentence
    "Serena Williams has spoken openly about her blood clots, and so has our patient Dale "
    "Porter, diagnosed in March.",
    # a handle with a possessed condition next to general wording
    "@nora_fitch22 we accept most plans, and we hope your shingles heal quickly!",
    # an indefinite patient with a room and a time of their own
    "Walk-ins are available, and a patient in bed 4 at 3pm Monday tested positive for measles.",
])
def test_general_or_public_wording_does_not_cover_a_patient(phi: PhiScreen, text: str) -> None:
    assert blocks(phi, text)


@pytest.mark.parametrize("text", [
    "Thank you to U.S. service members who stopped by for flu shots this week!",
    "Cheers to A.A. sponsors who keep showing up for others in recovery.",
    "C.D.C. updated its flu shot guidance for adults this fall.",
    "F.A.Q. now covers how to book a vaccine visit online.",
])
def test_group_and_agency_abbreviations_are_no_person(phi: PhiScreen, text: str) -> None:
    assert not blocks(phi, text)


@pytest.mark.parametrize("text", [
    "Congrats to D.W. on finishing physical therapy!",
    "J.R.T. finished chemo this week and rang the bell!",
    "K.M. wrapped up radiation today!",
])
def test_initials_of_a_person_still_block(phi: PhiScreen, text: str) -> None:
    assert blocks(phi, text)


@pytest.mark.parametrize("text", [
    "Hi Jo, great question! If you twist your knee on the trail, rest it and give us a call.",
    "Thanks Ray! Dr. Patel says the balance exercises in our video help most people.",
])
def test_general_self_care_advice_in_a_reply_passes(phi: PhiScreen, text: str) -> None:
    assert not blocks(phi, text, context="reply")


@pytest.mark.parametrize("text", [
    "Hi Jo, sorry you twisted your knee on the trail, rest it and call us Monday.",
    "Thanks Ray! Dr. Patel says keep doing those exercises for your knee.",
])
def test_the_readers_own_injury_or_care_still_blocks(phi: PhiScreen, text: str) -> None:
    assert blocks(phi, text, context="reply")


def test_a_lost_and_found_notice_with_the_desk_number_passes(phi: PhiScreen) -> None:
    assert not blocks(phi, "Found in our lobby: a purple pill case and a rescue inhaler. "
                           "Call 555-310-7788 to pick them up.")


def test_a_number_written_on_the_lost_item_still_blocks(phi: PhiScreen) -> None:
    assert blocks(phi, "Found in our lobby: an insulin pen with a tag that says call "
                       "555-310-7788 if found.")
