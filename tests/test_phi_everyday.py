"""Everyday practice posts that must pass, beside the nearest disclosures that must still
block: the practice's own town spoken to, a field of care named after a group ("women's
health"), a plural group or a business before "who", a colleague's birthday. Every sentence
was written for this file (team-written: fit, not accuracy)."""

from __future__ import annotations

import pytest
from conftest import blocking

from policies.phi import PhiAllowList, PhiScreen

ALLOW = PhiAllowList.from_toml({
    "allow_names": ["Juniper Hollow Family Care", "Dr. Tomasz Wren"],
    "allow_addresses": ["48 Mill Race Road, Warren PA 16365"],
    "allow_phones": ["+1 555 301 7700"],
})
# a town that is also a first name in the lists
SAVANNAH = PhiAllowList.from_toml({
    "allow_names": ["Live Oak Pediatrics"],
    "allow_addresses": ["9 Bull Street, Savannah GA 31401"],
})


@pytest.fixture(scope="module")
def phi() -> PhiScreen:
    return PhiScreen(ALLOW, learned=False)  # the rules alone: these tests pin their constructions


@pytest.fixture(scope="module")
def savannah() -> PhiScreen:
    return PhiScreen(SAVANNAH, learned=False)


def test_the_town_is_read_from_the_practices_address():
    assert ALLOW.towns() == ("Warren",)
    assert PhiAllowList.from_toml({"allow_addresses": [
        "5 Pine Ct, Suite 2, Grand Forks, ND 58201"]}).towns() == ("Grand Forks",)
    assert PhiAllowList.from_toml({"allow_addresses": ["5 Pine Ct"]}).towns() == ()


# --- the practice's own town spoken to -------------------------------------------------

@pytest.mark.parametrize("text", [
    "Thank you Warren for trusting us with your families for ten years!",
    "Good morning, Savannah! Twenty years of trusting us with your families: thank you.",
])
def test_the_practices_town_spoken_to_is_no_person(phi, savannah, text):
    screen = savannah if "Savannah" in text else phi
    assert blocking(screen, text) == []


@pytest.mark.parametrize("text", [
    "Thank you Savannah for trusting us with your hip replacement!",
    "Savannah, thanks for letting us look after you all spring.",
    "Thank you Savannah for trusting us with your kids through the move.",
    "Savannah, thank you for trusting us with your families, and for the flowers after your stay.",
    "Congrats, Savannah! Her cast comes off next week.",
    "Savannah finished her last round of chemo today.",
])
def test_a_person_named_like_the_town_still_blocks(savannah, text):
    assert blocking(savannah, text)


def test_the_town_as_a_first_name_with_care_still_blocks(phi):
    assert blocking(phi, "Thank you Warren for trusting us with your knee replacement!")


@pytest.mark.parametrize("text", [
    # health anywhere in the post, not only in the sentence and the next
    "Welcome home, Warren! The winter was long. We thought of you often. The chemo nurses send "
    "their love.",
    "Great to see you, Warren! It was a long haul. So proud. No more visits to our wound care "
    "room.",
    "Hi Warren! Thanks for the cookies. They were delicious. Your physical therapy crew is "
    "cheering.",
    "Good morning, Warren! Nice to see you. Coffee is on us. Everyone in nephrology says hi.",
])
def test_the_town_as_a_name_with_health_later_in_the_post_is_a_name(phi, text):
    assert any(f.category == "name" and f.text == "Warren" for f in phi.screen(text))


def test_another_town_spoken_to_is_judged_as_before(phi):
    # only the practice's own town is known to be a place; "Savannah" here is a person
    assert blocking(phi, "Thank you Savannah for trusting us with your care.")


# --- a field of care named after a group ----------------------------------------------

@pytest.mark.parametrize("text", [
    "Welcome, Dr. Ines Okoro! Dr. Okoro joins us in March with a focus on men's health.",
    "Say hello to Dr. Ruth Abara! Dr. Abara joins us with a focus on children's health.",
])
def test_a_clinicians_field_is_not_their_own_health(phi, text):
    assert blocking(phi, text) == []


@pytest.mark.parametrize("text", [
    "We are adding evening hours to our women's health clinic starting in May.",
    "Men's health night is Thursday at 6: free blood pressure checks, no appointment needed.",
])
def test_a_field_of_care_with_no_person_passes(phi, text):
    assert blocking(phi, text) == []


@pytest.mark.parametrize("text", [
    # the field's care belongs to a named or addressed person
    "Great news, Anselm Brock: your men's health panel is all normal.",
    "Corinne Tally told us her women's health exam went really well.",
    "Way to go, Felix Varga, for finishing the men's health bootcamp at our clinic!",
    "Hello Imogen Shaw! The women's health checkup you did on Tuesday came back fine.",
    "Proud of Bram Osei, who attended our men's health program all eight weeks.",
])
def test_a_persons_field_of_care_blocks(phi, text):
    assert blocking(phi, text)


@pytest.mark.parametrize("text", [
    "Welcome back, Dr. Okoro! We all missed you during your recovery.",
    "So glad to see Lena's health improving after her transplant.",
    "Mrs. Faber, we're proud that your children's care is in our hands.",
    "Update from the Lund family: the women's care the nurses set up for Nana Lund is working.",
])
def test_a_persons_own_health_or_recovery_still_blocks(phi, text):
    assert blocking(phi, text)


# --- a group or a business before "who" -----------------------------------------------

@pytest.mark.parametrize("text", [
    "Veterans Day: we are closed Monday, November 11. Thank you to the families who wait "
    "at home while loved ones serve.",
    "Hats off to the corner pharmacy who kept our flu shot clinic stocked.",
    "Thanks to the drugstore on 5th who stayed open late through the albuterol shortage.",
])
def test_a_group_or_a_business_before_who_is_no_patient(phi, text):
    assert blocking(phi, text) == []


@pytest.mark.parametrize("text", [
    "The family who came in Saturday with the scalded toddler: please call us back.",
    "The grandmother who fainted in our lobby on Tuesday is doing much better.",
    "To the parents who rushed in Sunday with their wheezing infant: he is breathing easy now.",
    "The bakery who called us Friday when their baker's son cut his hand: he's healing well.",
    "During the insulin shortage, the Novak girl went without for a week.",
])
def test_one_family_or_one_person_before_who_still_blocks(phi, text):
    assert blocking(phi, text)


# --- a colleague's birthday -------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The billing office threw our receptionist Priscilla a surprise party for her 40th birthday "
    "this afternoon!",
    "Birthday cake in the break room Thursday for Deshawn, our newest hire!",
])
def test_a_colleagues_birthday_passes(phi, text):
    # the staff word is attached to the name
    assert blocking(phi, text) == []


@pytest.mark.parametrize("text", [
    # a staff word elsewhere in the post does not make the person a colleague
    "The billing office threw Priscilla Vane a surprise party for her 40th birthday this "
    "afternoon!",
    # a birthday date with a year is a full date of birth
    "Our nurses made a banner for Wendell Ostrow's birthday, 8/23/1939.",
    "The whole crew signed a card for Lorna Pike, born on the 2nd of May, 1946 - happy birthday!",
    "Team lunch to celebrate Augustin Reyes's birthday, December 1, 1950!",
    # ... and a post that says the person comes to the practice
    "Staff brought a cake for Ivo Marsh's 75th birthday on Tuesday. He drops by every week "
    "with the newspaper.",
    "Our front office sang to Maude Kessler on her birthday, June 8! She has been with us since "
    "the clinic opened.",
    "The crew wishes Orla Benning a happy 81st birthday on the 14th. See you at your next "
    "visit, Orla!",
    "Colleagues, sign the card for Rufus Dane's 90th birthday, April 30; he comes in Fridays.",
    # the birthday word further back in the sentence than the date's own words
    "Wishing a happy birthday today to our longtime neighbor Clement Ashby (5/19/1956)!",
    "Happy 83rd birthday from all of us to Rosalind Emery, 10/2/1943!",
])
def test_a_birthday_not_tied_to_staff_blocks(phi, text):
    assert blocking(phi, text)


@pytest.mark.parametrize("text", [
    "Happy 6th birthday this Friday to our favorite little patient, Rowan!",
    "Happy birthday today to Mr. Felder, who finished cardiac rehab with us this fall.",
    "Happy 70th birthday on Saturday to Hank, our most loyal Monday regular!",
    "Balloons in the lobby for Mrs. Quist on her birthday this morning!",
])
def test_a_patients_birthday_still_blocks(phi, text):
    assert blocking(phi, text)


# --- an injury told as a part holding up or a scare ------------------------------------

@pytest.mark.parametrize("text", [
    "Maya from the Westbrook tennis team, we told you that wrist would hold up!",
    "Congrats to Theo, the Ridgeline High catcher, back behind the plate after his elbow scare.",
])
def test_a_named_players_injury_in_other_words_blocks(phi, text):
    assert blocking(phi, text)


@pytest.mark.parametrize("text", [
    "Wondering if that ankle will hold up for the 5K? Come to Saturday's free running clinic.",
    "Your back problems and your mattress: what the research says.",
    "Coach Ellis says the team's ankle troubles dropped after our taping clinic.",
])
def test_the_same_words_about_no_one_pass(phi, text):
    assert blocking(phi, text) == []


# --- a birth announced for one of the practice's own ----------------------------------

def test_one_of_our_moms_welcoming_a_baby_blocks_though_staff_cheer(phi):
    assert blocking(phi, "Our nurses are thrilled: one of our prenatal moms from the north end "
                         "welcomed a baby girl Tuesday night!")


@pytest.mark.parametrize("text", [
    "One of our moms asked a great question this week: when can babies start peanut butter?",
    "Our receptionist welcomed her baby boy this weekend! Congrats from all of us.",
])
def test_a_question_from_a_mom_or_a_colleagues_baby_passes(phi, text):
    assert blocking(phi, text) == []
