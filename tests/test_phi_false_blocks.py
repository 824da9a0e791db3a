"""False blocks: posts a compliance officer would publish must pass, and the nearest posts
that do disclose someone's health must still block. Every sentence here was written for this
file (team-written: fit, not accuracy); each construction is tested on both sides."""

from __future__ import annotations

import pytest
from conftest import blocking

from policies.phi import PhiAllowList, PhiScreen

ALLOW = PhiAllowList.from_toml({
    "allow_names": ["Harlow Creek Family Medicine", "Harlow Creek"],
    "allow_phones": ["+1 555 210 4400"],
    "allow_domains": ["harlowcreek.example"],
})


@pytest.fixture(scope="module")
def phi() -> PhiScreen:
    # the rules alone: these tests pin their constructions (the learned second opinion
    # is tested in test_phi_learned.py and measured by its trainer and bench/phi_eval.py)
    return PhiScreen(ALLOW, learned=False)


def names_found(screen: PhiScreen, text: str) -> set[str]:
    return {f.text for f in screen.screen(text) if f.category == "name"}


# --- words that only look like names --------------------------------------------------

@pytest.mark.parametrize("text", [
    "Don't wait for a fever to spike before calling about a toddler's earache.",
    "Don't forget: sunscreen should be reapplied every two hours at the pool.",
])
def test_a_contraction_is_no_name(phi, text):
    assert blocking(phi, text) == []
    assert not any(n.startswith("Don") for n in names_found(phi, text))


def test_a_name_called_don_still_blocks(phi):
    assert blocking(phi, "Don, our patient since 2009, is home after his bypass surgery.")


@pytest.mark.parametrize("text", [
    "Recently, a teenager visited our clinic with headaches that needing glasses explained.",
    "Lately, a toddler with a barking cough is the most common call on our nurse line.",
])
def test_an_opening_adverb_is_no_name_in_apposition(phi, text):
    assert blocking(phi, text) == []


def test_a_listed_name_in_apposition_at_a_sentence_start_still_blocks(phi):
    assert blocking(phi, "Colette, a junior at Westview, is recovering from mono.")


@pytest.mark.parametrize("text", [
    "A reader wrote: 'the whole staff is patient with my twins.' Notes like that make our week.",
    "Say hello to Marisol, our new patient coordinator, who answers the phones on Mondays.",
])
def test_patient_the_adjective_or_the_job_title_is_no_patient(phi, text):
    assert blocking(phi, text) == []


def test_our_new_patient_with_care_still_blocks(phi):
    assert blocking(phi, "Our new patient from Clyde came in Friday with a broken collarbone.")


# --- roles: the head noun names a person -----------------------------------------------

@pytest.mark.parametrize("text", [
    "Free mammograms Wednesday in the parking lot of Grace Lutheran Church. Call to book.",
    "Owners of the AirPure HEPA purifier model 20 should check the recall page about "
    "asthma triggers.",
])
def test_a_place_or_product_is_no_role(phi, text):
    assert blocking(phi, text) == []


@pytest.mark.parametrize("text", [
    "The night cashier at the hardware store on Elm came in with chest pain on Sunday.",
    "The head lifeguard at Rollins pool was treated here for heat stroke last week.",
])
def test_a_role_tied_to_a_place_still_blocks(phi, text):
    assert blocking(phi, text)


# --- who is the subject of a care event: hosting is not receiving ---------------------

@pytest.mark.parametrize("text", [
    "Westview Middle School's athletic director Paul Nakamura is hosting free sports "
    "physicals in the gym this Friday afternoon.",
    "The Rotary Club of Harlow, led by president Tim Abernathy, is sponsoring free flu shots "
    "at the farmers market this Saturday.",
    "Marco Bellini is handing out free blood pressure checks at his deli on Saturday.",
    "Youth pastor Caleb Ortiz is organizing well-child checkups with our team next Saturday.",
    "Big thanks to Gloria Hines, who collected 300 toothbrushes for the dental van.",
])
def test_a_person_hosting_care_for_others_passes(phi, text):
    assert blocking(phi, text) == []


@pytest.mark.parametrize("text", [
    "Athletic director Paul Nakamura came in Friday for his own sports physical.",
    "Tim Abernathy got his flu shot at our booth this Saturday.",
    "Marco Bellini is recovering from a heart attack and hosting no events this month.",
    "Coach Lena Ruiz, who hosted our concussion night, is now recovering from a concussion "
    "after Friday's game.",
])
def test_the_person_who_receives_the_care_still_blocks(phi, text):
    assert blocking(phi, text)


# --- replies: a general answer names the commenter but confirms nothing ----------------

@pytest.mark.parametrize("text", [
    "Hi Trevor, for privacy reasons we never discuss appointments or treatment online. "
    "Please call the office.",
    "Hi Wade, we don't share information about anyone's treatment here. Give us a call at "
    "(555) 210-4400.",
    "Hello Priya, we're unable to talk about medical records over social media; our privacy "
    "officer can help by phone.",
    "Hi Carlos, the flu clinic is first come, first served. No appointment is needed!",
    "Good question, Dana! Most adults need a tetanus booster every 10 years. Ask your "
    "provider which vaccines are right for you.",
])
def test_a_general_reply_to_a_named_commenter_passes(phi, text):
    assert blocking(phi, text, context="reply") == []


@pytest.mark.parametrize("text", [
    # the decline covers its own clause only
    "Hi Dale, we can't discuss details here, but we're so glad your surgery went well!",
    # a requirement nobody meets, next to the commenter's own visit
    "Hi Kelsey, no referral is needed for your follow-up with Dr. Mehta next week.",
    "Hi Trevor, we never got your lab results back from the hospital, so please call us.",
    "Hi Gail, walk-ins are welcome, and we hope your ankle feels better after the X-ray.",
])
def test_a_reply_that_ties_care_to_the_commenter_still_blocks(phi, text):
    assert blocking(phi, text, context="reply")


@pytest.mark.parametrize("text", [
    "Don't skip your yearly physical! Book online in two minutes.",
    "Tonight at 7, Dr. Mehta goes live to answer your questions about psoriasis.",
])
def test_advice_to_every_reader_is_no_addressee(phi, text):
    assert blocking(phi, text) == []


def test_a_post_to_one_reader_about_their_visit_today_still_blocks(phi):
    assert blocking(phi, "Thanks for being so brave at your allergy shots today, buddy!")


# --- public figures: the telling is theirs and public ---------------------------------

@pytest.mark.parametrize("text", [
    "When pop singer Nadia Voss shared her fibromyalgia diagnosis, many people with chronic "
    "pain felt seen.",
    "Actor Colm Brady has been candid about his depression in interviews for a decade.",
    "Talk-show host Rita Vale first disclosed her diabetes publicly in 2019.",
    "Former governor Hal Petrie's move to hospice care made headlines last spring.",
    "Novelist Ines Marrow wrote about her epilepsy in a 2020 essay.",
])
def test_a_public_figures_own_public_telling_only_warns(phi, text):
    assert blocking(phi, text) == []
    assert any(f.category == "name" for f in phi.screen(text))  # a person still checks it


@pytest.mark.parametrize("text", [
    "Mary Ellison shared her breast cancer diagnosis with our support group last night.",
    "Tim Abernathy told us about his depression at his checkup on Monday.",
    "Ines Marrow started her epilepsy treatment here after a seizure in March.",
])
def test_a_private_telling_or_care_here_still_blocks(phi, text):
    assert blocking(phi, text)


# --- numbers and addresses of businesses and venues ------------------------------------

def test_a_makers_phone_in_a_recall_warns(phi):
    text = ("Recall: Tumbleweed Baby teething rings, lot TW-4420, may crack. Call the maker "
            "at (614) 555-0162 for a refund.")
    phones = [f for f in phi.screen(text) if f.category == "phone"]
    assert phones and all(f.severity == "warn" for f in phones)


def test_a_persons_phone_still_blocks(phi):
    text = "Call Marjorie Tate at (614) 555-0162 to wish her well after her surgery."
    assert "phone:(614) 555-0162" in blocking(phi, text)


def test_a_mobile_unit_at_a_venue_address_is_no_home(phi):
    text = ("Free mammograms on our mobile unit, Wednesday in the parking lot of Grace "
            "Lutheran Church, 300 Ridge Rd. Call to reserve a spot.")
    assert blocking(phi, text) == []


def test_an_address_someone_lives_at_still_blocks(phi):
    text = "Our patient Harold lives at 300 Ridge Rd and needs a ride to his dialysis."
    assert "geographic:300 Ridge Rd" in blocking(phi, text)


# --- towns, counts and greetings that are not names or addresses -----------------------

def test_a_town_in_a_list_of_places_is_no_name(phi):
    text = "Our mobile clinic visits Dallas Township and Shelby every other Tuesday."
    assert blocking(phi, text) == []
    assert "Shelby" not in names_found(phi, text)


def test_a_name_beside_a_place_outside_a_place_list_still_blocks(phi):
    assert blocking(phi, "Shelby from Dallas Township had her tonsils out here on Tuesday.")


def test_a_count_of_years_is_no_house_number(phi):
    text = "Celebrating 20 years with Cedar Hollow Pediatrics this fall!"
    assert not [f for f in phi.screen(text) if f.category == "geographic"]


@pytest.mark.parametrize("text", [
    # each read as a street line before session 25 ("flat", "trail" are street suffixes)
    "Finished my first 5K after the knee surgery in 32 min flat!",
    "Walked 2 hrs on the river trail today after my hip surgery",
])
def test_a_time_or_a_dose_is_no_house_number(phi, text):
    assert not [f for f in phi.screen(text, context="comment") if f.category == "geographic"]


def test_the_second_number_of_a_range_can_still_start_an_address(phi):
    text = "Ages 6 to 12 Court Street kids get free sports physicals"
    assert [f.text for f in phi.screen(text) if f.category == "geographic"] == ["12 Court Street"]


@pytest.mark.parametrize("text", [
    "Our patient Dot lives at 12 Flat Rock Rd and needs her insulin delivered.",
    "Our patient Dot lives at 8 Orchard Lane, Apt 3, and needs a ride to rehab.",
    "Our patient Dot's brace was left at 40 Ridge Way, Apt 2, after her fall.",
    "trailer 9 of sunny acres park, husband has dementia",  # "N of" stays a possible start
    "Our patient Dot lives at 215 Second Street and needs her insulin delivered.",
    "my dad lives at 2500 ML King Jr Way near the clinic, he is on dialysis",
])
def test_a_street_line_still_reads_as_an_address(phi, text):
    assert [f for f in phi.screen(text) if f.category == "geographic"]


def test_a_house_number_on_a_hollow_still_reads_as_an_address(phi):
    text = "Our patient Dot lives at 20 Cedar Hollow and needs her insulin delivered."
    assert "geographic:20 Cedar Hollow" in blocking(phi, text)


def test_a_greeting_is_not_part_of_the_name(phi):
    text = "Meet Luis, our newest lab tech, who draws blood more gently than anyone."
    assert names_found(phi, text) <= {"Luis"}


def test_a_name_right_before_a_health_noun_is_a_brand(phi):
    text = "Snuggle Bunny teething gel, lot SB-12, is recalled. Ask the store for a refund."
    assert blocking(phi, text) == []


def test_a_name_and_a_comma_before_a_health_event_still_blocks(phi):
    assert blocking(phi, "Coach Iver Lund, admitted overnight with pneumonia, is doing better.")


def test_a_room_of_a_named_venue_is_no_home(phi):
    text = ("Back-to-school shots Saturday at Westfield Middle's cafeteria, 45 School Street. "
            "Bring your child's vaccine card.")
    assert blocking(phi, text) == []


def test_someones_house_at_an_address_still_blocks(phi):
    text = "Our nurse visits Dot at her daughter's house, 45 School Street, after her stroke."
    assert "geographic:45 School Street" in blocking(phi, text)


def test_what_the_practice_does_for_everyone_is_a_general_reply(phi):
    text = "Hi Jen! Yes, we see teens for sports physicals all summer. Bring the school form."
    assert blocking(phi, text, context="reply") == []


def test_a_reply_about_the_commenters_own_physical_still_blocks(phi):
    text = "Hi Jen! Glad your son's sports physical went smoothly on Tuesday."
    assert blocking(phi, text, context="reply")


def test_visits_the_verb_goes_somewhere(phi):
    text = "Pepper, the beagle who visits our pediatric floor with her handler, Joy, says hi."
    assert blocking(phi, text) == []


def test_visits_the_noun_is_someones_care(phi):
    assert blocking(phi, "Joy Tamura's weekly visits for wound care end this Friday.")


def test_the_public_telling_may_follow_in_the_next_sentence(phi):
    text = ("Did you know Justice Ada Moreau has lived with lupus since her twenties? She has "
            "written about it in her memoir.")
    assert blocking(phi, text) == []


def test_a_private_next_sentence_does_not_make_it_public(phi):
    text = "Ada Moreau has lived with lupus since her twenties. She started infusions here in May."
    assert blocking(phi, text)


@pytest.mark.parametrize("text", [
    "Saturday 10/18, 9am: free diabetes screenings at Our Lady of Peace parish hall. Bring a "
    "friend!",
    "Heat advisory today. Drink water before you're thirsty, and check on older neighbors.",
    "Parking lot is open again! Enter from Quarry Road behind the pharmacy.",
    "Our nurse Lorenzo just passed his board certification exam. So proud!",
])
def test_words_that_only_look_like_people_or_care(phi, text):
    assert blocking(phi, text) == []


@pytest.mark.parametrize("text", [
    "A 7-year-old from Westfield got her first diabetes screening here on Saturday, 10/18.",
    "Lorenzo from Quarry Road passed his eye exam but needs new glasses.",
])
def test_the_nearest_disclosures_still_block(phi, text):
    assert blocking(phi, text)


@pytest.mark.parametrize("text", [
    "Hi Sharon, we can't tell what is causing a rash from a photo, but our nurses can help "
    "by phone.",
    "Hi Luis, babies can get their first flu shot at 6 months. Call us to book.",
    "Hi Frank, we're so sorry for your loss. Our thoughts are with your family.",
])
def test_general_replies_of_round_four(phi, text):
    assert blocking(phi, text, context="reply") == []


@pytest.mark.parametrize("text", [
    "Hi Luis, your baby's 6-month flu shot is booked for Tuesday at 10.",
    "Hi Frank, we're so sorry for your loss. Your wife was one of our favorite patients.",
    "Hi Sharon, thanks for the photo of your rash; Dr. Mehta will call you about it today.",
])
def test_replies_of_round_four_that_confirm_care_still_block(phi, text):
    assert blocking(phi, text, context="reply")


def test_a_place_name_before_offices_is_no_name(phi):
    text = "Flu shots are now available at both our Harlow and Madison offices. Walk in anytime."
    assert blocking(phi, text) == []


# --- classes found by error analysis on an independent set (sentences written here) -----

@pytest.mark.parametrize("text", [
    "Our patient engagement survey is open until Friday. Tell us how we're doing!",
    "Dr. Nowicki is looking for a respiratory therapist to join our pulmonary team.",
    "Rural towns with a population under 2,000 often have no pharmacy at all.",
    "Know your A1c! Free finger-stick checks at the library on Saturday.",
])
def test_cedar_classes_pass(phi, text):
    assert blocking(phi, text) == []


def test_your_doctor_can_is_how_a_process_works(phi):
    text = "Yes! Your insurer may need the referral form first; we can fax it for you."
    assert blocking(phi, text, context="reply") == []


@pytest.mark.parametrize("text,context", [
    ("Your doctor can fax your biopsy results to us, Marta.", "reply"),
    ("Congrats on your A1c, Marta! All that walking is paying off.", "reply"),
    ("Here's the first scan from our new finger-vein check-in, from a dialysis patient who "
     "offered to try it.", "post"),
    ("Our town of 400 has one teen with cystic fibrosis, and she just finished her first "
     "triathlon!", "post"),
    ("Dr. Nowicki is recovering from respiratory failure and back next month.", "post"),
])
def test_cedar_classes_still_block(phi, text, context):
    assert blocking(phi, text, context=context)


def test_your_health_word_is_the_readers_not_the_clinicians(phi):
    text = "Dr. Lin was thrilled with your cholesterol numbers, Tomas!"
    found = blocking(phi, text, context="reply")
    assert "name:Tomas" in found and "name:Lin" not in found


def test_a_telling_to_a_clinician_is_private(phi):
    text = "Naomi, who talked with our counselors about her anxiety, says she is doing great."
    assert blocking(phi, text)


def test_a_telling_on_a_podcast_is_public(phi):
    text = "Tennis player Naomi Reyes has talked about her anxiety on her podcast for years."
    assert blocking(phi, text) == []


@pytest.mark.parametrize("text,context", [
    ("Hi Marcy, yes, we offer the shingles vaccine for adults 50 and older. Call us to check "
     "availability.", "reply"),
    ("Our Madison office now has Saturday hours, 9 to noon, for sick visits.", "post"),
])
def test_round_five_passes(phi, text, context):
    assert blocking(phi, text, context=context) == []


def test_a_spanish_reply_giving_the_reader_their_results_blocks(phi):
    text = "Hola Marta, sus resultados de laboratorio ya están listos."
    assert blocking(phi, text, context="reply")


def test_a_health_word_inside_a_name_is_part_of_the_name(phi):
    text = "Local artist Ana Reyes painted the mural on our front wall. Come see it!"
    assert blocking(phi, text) == []


def test_a_person_with_a_health_word_surname_and_real_care_still_blocks(phi):
    assert blocking(phi, "Ana Reyes finished her last round of chemo with us on Friday!")


@pytest.mark.parametrize("text", [
    "Hi Jo, croup can be scary! Most kids improve with cool night air. Call us if your child "
    "has trouble breathing.",
    "Thanks, Pat! Sunburn can sneak up on cloudy days, so reapply every two hours.",
])
def test_a_general_statement_after_a_greeting_is_no_ones_care(phi, text):
    assert blocking(phi, text, context="reply") == []


@pytest.mark.parametrize("text", [
    "Hi Jo, she can keep the cast dry with a bag in the shower until her check on Friday.",
    "Hi Jo, let us know if your stitches start to itch after Tuesday's visit.",
])
def test_a_reply_about_the_readers_own_care_after_a_greeting_still_blocks(phi, text):
    assert blocking(phi, text, context="reply")
