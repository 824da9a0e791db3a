"""Everyday replies and posts that must pass (issue 12, false blocks on ordinary traffic),
beside the nearest disclosures that must still block:

- a reply that tells any reader how to get care (an offer, a requirement nobody has to meet,
  care open to anyone) against one that confirms the reader's own care (offers.py);
- a title's surname, a plural group's "their" or a Spanish function word next to a name,
  against that person's own care (a credential beside a name and a pair's possessive read as
  a citation were withdrawn after the outside review: they released patients);
- a plural group cared for as a whole, a staff member who is "the one who", an event at a
  time, a class named for whom it serves, against one patient singled out.

Every sentence was written for this file (team-written: fit, not accuracy)."""

from __future__ import annotations

import pytest
from conftest import blocking

from policies.phi import PhiScreen
from policies.phi.offers import hypothetical_visit, offer_in, service_word


@pytest.fixture(scope="module")
def phi() -> PhiScreen:
    return PhiScreen(learned=False)  # the rules alone: these tests pin their constructions


# --- replies: how to get care vs. the reader's own care ---------------------------------

@pytest.mark.parametrize("text", [
    "Good question! You can get a tetanus booster at any visit.",
    "You don't need a referral for our sports medicine clinic, just call to book.",
    "Sorry, the Saturday flu clinic is walk-in only, no appointments.",
    "The nurse line can check whether that is covered for you.",
    "The grief support group is open to the whole community.",
    "We keep ear plugs at the check-in desk for anyone who wants a pair.",
    "If you're allergic to latex, tell the front desk and we'll switch gloves at your visit.",
    "You don't need to be a patient here to come to the breastfeeding class.",
    "Yes, we see toddlers and newborns for checkups every weekday.",
    "Good question! Both can get the COVID shot and the flu shot on the same day.",
    "Glad to help! You can get a flu shot at any visit, no appointment needed.",
    "Hope to see you there! The car seat class is open to the whole community.",
])
def test_a_reply_telling_how_to_get_care_passes(phi, text):
    assert blocking(phi, text, "reply") == []


@pytest.mark.parametrize("text", [
    "So happy the albuterol works for you! You can get a refill at any visit.",
    "You can get your stitches out Friday, no appointment needed.",
    "No appointment needed to get the cast off, just come in Tuesday.",
    "Your daughter can get her booster at the walk-in clinic, no appointment needed.",
    "Kids can get the flu shot at any visit, and your son's ear infection should clear soon.",
    "If you feel faint again at your appointment, tell us right away.",
    "If you're nervous about your appointment for the biopsy Tuesday, call us.",
    "You don't need a referral for your MRI follow-up, Dana.",
    "Congrats on the clean scan! You can book your next screening online.",
    "Open to the whole community! Great to see you back after your chemo, Ruth.",
    "Nos encantó ver las fotos de su recuperación de la cirugía.",
    "You can stop the antibiotics Friday, Jess.",
    # a reader named or tagged, offered a service a condition names
    "Omar, walk-ins welcome at the dialysis clinic.",
    "You can join the grief support group anytime, Nell.",
    "@lena.k you can book the fertility consult online, no referral needed.",
    "No referral needed for the diabetes class, Hugo.",
    "You can get the antibiotics refilled at the front desk, no appointment needed, Jess.",
    # care under way, or a wish, in the offer's sentence
    "No appointment needed for the allergy shots you've been getting, Ray.",
    "You can get the third dose of the hepatitis vaccine at any visit.",
    "No need to book the glucose test; congrats on the pregnancy!",
    "Walk-ins welcome for the HIV test, and we're proud of you for coming in.",
    # a modal "check" of what is the reader's own care (the vocabulary lacks some drugs and
    # devices; an outside review released such replies when a modal made "check" a verb)
    "Theo, our nurse will check the pump settings before you head home.",
    "We'll check the tubing for you on Thursday, Priya.",
    "Nadia, we could check the monitor readings when you drop by.",
])
def test_a_reply_confirming_the_readers_care_still_blocks(phi, text):
    assert blocking(phi, text, "reply")


def test_offer_cues():
    assert offer_in("you can get the shingles shot at any visit")
    assert offer_in("no referral is needed")
    assert offer_in("you can get the stitches out Friday") is None  # tied: out, a day
    assert service_word("the flu shot", 4, 12)
    assert service_word("the COVID shot", 4, 9)  # the condition names the service after it
    assert not service_word("your refill", 5, 11)
    assert hypothetical_visit("If you have a latex allergy, tell us before your visit.", "visit")
    assert not hypothetical_visit("If you can, bring the forms to your visit.", "visit")
    assert not hypothetical_visit("If you bleed after your visit Monday, call.", "visit")


# --- names: the person's job, title, group or citation vs. their own care --------------

@pytest.mark.parametrize("text", [
    "Shout-out to Coach Dana Price for reminding parents to bring their kids' vaccine records "
    "to tryouts.",
    "Thank you, Alderman Reyes, for the new crosswalk by the school.",
    "¡Buena pregunta! La vacuna contra el sarampión es gratis para niños.",
])
def test_a_name_beside_its_job_title_or_citation_passes(phi, text):
    assert blocking(phi, text) == []


@pytest.mark.parametrize("text", [
    "PT Nadia Kowal is out this month after her own shoulder surgery.",
    "Nadia Kowal, PT, had shoulder surgery last week.",
    "Tom Baker starts PT on Monday after his hip replacement.",
    "Coach Dana Price thanked the parents for their help after his heart attack.",
    "Alderman Reyes is recovering from a stroke this week.",
    "Ana Quist's review of our rehab program: 'after my knee replacement you gave me my "
    "life back.'",
    "Felicidades a Lucía Gómez por terminar su tratamiento de diálisis.",
    "Un abrazo a una abuela de nuestra clínica que terminó su quimioterapia esta semana.",
    # after the outside review: a credential is never the person's only role, a pair's
    # possessive is no citation, a person with the group shares its "their", a Spanish
    # function word after a title is a surname
    "Rita, PT is moved to Friday at 10.",
    "Hal Brandt, OT twice a week since his stroke, buttoned his own shirt today!",
    "Nora and Abe Lund's review of our cancer center: 'they got Abe through chemo.'",
    "Coach Ibarra and the swimmers finished their concussion screening on Monday.",
    "La señora Bueno tuvo un derrame cerebral el lunes.",
    "Mr. Para from Elm Street had a stroke on Monday.",
    "Le mandamos cariño al señor que vino ayer por su diálisis.",
])
def test_a_named_persons_own_care_still_blocks(phi, text):
    assert blocking(phi, text)


# --- groups, staff, events and classes vs. one patient ----------------------------------

@pytest.mark.parametrize("text", [
    "Thank you to the Millbrook families who trust us with their care, year after year.",
    "Happy 10 years to Lena at check-in, who has greeted our families at the door every "
    "morning since 2015.",
    "Meet Hana Ito, RN, our new travel nurse! She's the one who will plan your shots before "
    "a trip.",
    "Flu shots in the church hall after the 9:30 mass this Sunday.",
    "Sign up for our infant first-aid class on Saturday, April 12.",
])
def test_a_group_a_staff_member_an_event_or_a_class_passes(phi, text):
    assert blocking(phi, text) == []


@pytest.mark.parametrize("text", [
    "The families who trust us with their care sent Maria Lopez flowers after her chemo.",
    "Our kids in room 4 today were so brave during their flu shots.",
    "Meet Ada Brown, RN! She's the one who got a kidney transplant here last spring.",
    "Our 10:30 patient had a seizure in the lobby today.",
    "A teen at our CPR class in Oak Hill had a seizure on Saturday, March 3.",
    "Our 4:15 session today with Mr. Grant: he finally spoke about his panic attacks.",
    "A toddler first-aid class member fractured her wrist on Sunday, June 8.",
    "The Elm Street families who trust us with their care had a measles exposure Monday.",
])
def test_one_patient_singled_out_still_blocks(phi, text):
    assert blocking(phi, text)
