"""Regressions the adversarial review of f7cb7ea..main found in the PHI screen, both sides.
Sentences are the reviewer's own or variations written for this fix (no devset text)."""

from __future__ import annotations

import pytest

# `phi` (the rules alone, tests/data/phi's allow-list) is tests/conftest.py's fixture
from test_phi import blocks


# 1. The practice treating a named patient is no service offered to the public.
@pytest.mark.parametrize("text", [
    "Dr. Raman gave Joe Smith a cortisone shot yesterday.",
    "Nurse Amy taught Joe Smith to inject insulin this morning.",
    "We provided Maria Lopez with hospice care this month.",
    "Dr. Raman explained the HIV test results to Maria Lopez today.",
    "Chemo for Joe Smith is provided by our oncology team every Tuesday.",
    "Joe Smith got free chemo from us thanks to a grant.",
    "Maria Lopez received discounted IVF treatment here last month.",
    "Thanks to donors, Maria Lopez had free dental surgery at our clinic.",
    "Dr. Raman brought Joe Smith through open heart surgery last week.",
    "Dr. Raman coordinated a kidney transplant for Joe Smith.",
    "Dr. Raman promoted Joe Smith to the transplant list.",
    "Dr. Raman invited Maria Lopez back for a repeat mammogram.",
    "Maria Lopez spoke at our gala about surviving ovarian cancer with our team.",
    "Gary Ng is leading our cardiac rehab class after his own triple bypass here in June.",
    "Our hygienist offered Dana Whitfield a free fluoride treatment on Monday.",
    "Dr. Osei arranged a liver transplant for Tomas Varga this spring.",
])
def test_care_given_to_a_named_person_blocks(phi, text):
    assert blocks(phi, text)


@pytest.mark.parametrize("text", [
    "Coach Ruiz is hosting free sports physicals at the high school Saturday.",
    "Free flu shots at the farmers market this Saturday, sponsored by the Lions Club.",
    "We are offering walk-in flu shots all week at our Main Street office.",
    "Our nurses gave free blood pressure checks to 200 people at the fair.",
    "Dr. Raman will give a talk on heart health at the library Tuesday.",
])
def test_care_offered_to_the_public_passes(phi, text):
    assert not blocks(phi, text)


# 2. A school or team written as an acronym or CamelCase before a person head is no product.
@pytest.mark.parametrize("text", [
    "The EHS quarterback had knee surgery with us Monday.",
    "The Elkton HS quarterback had knee surgery with us Monday.",
    "The LHS varsity goalie had knee surgery with us Monday.",
    "The Lakeview High JV goalie is recovering from a concussion in our clinic.",
    "The DeWitt High quarterback had knee surgery here.",
    "The McKinley JV point guard is back on the court after ACL surgery with our team.",
    "The WHS head coach had a stent placed at our clinic last week.",
])
def test_team_role_with_acronym_blocks(phi, text):
    assert blocks(phi, text)


@pytest.mark.parametrize("text", [
    "The SleepWell CPAP humidifier has been recalled; check your lot number.",
    "The AirPure HEPA purifier is back in stock at our front desk.",
])
def test_product_before_a_device_head_passes(phi, text):
    assert not blocks(phi, text)


# 3. A reply's lab value is the reader's result only when the sentence judges that value.
_GENERAL_REPLIES = [
    "Thanks for the great question! Your A1c target depends on your age; ask your doctor what "
    "is normal for you.",
    "Great question! Your LDL is considered high above 160; talk to your provider.",
    "Our lab now reports your eGFR on the portal within 24 hours, so you can see if it is normal.",
    "Good news: your BP cuff is covered by Medicare, so it's great to track at home with your "
    "doctor.",
    "Thanks for asking! If your BP reads high at home, call our nurse line.",
    "Your B12 shot clinic runs Tuesdays; our nurses say it's the best time to come.",
    "Glad you liked the event! Your PTA raised amazing numbers and Dr. Raman was proud.",
    "Wow, your numbers at the 5K were amazing, and Dr. Raman ran the whole thing!",
    "Unless your sugar stays high for a week, there's no need to call.",
    "Your TSH goal is something to set with your own doctor.",
]
_JUDGED_REPLIES = [
    "Dr. Raman says your a1c looks great this time!",
    "Sam, your A1c: 6.1. Dr. Raman approves!",
    "Sam, your potassium was a little high; Dr. Raman will call you.",
    "Sam, your pap came back clean!",
    "Sam, your PHQ-9 score improved a lot, so proud of you.",
    "Dr. Raman was thrilled with your LDL this month, Jo.",
    "Sam, your TSH is finally back in range!",
]


@pytest.mark.parametrize(("text", "expected"), [(t, False) for t in _GENERAL_REPLIES]
                         + [(t, True) for t in _JUDGED_REPLIES])
def test_reply_lab_value(phi, text, expected):
    assert blocks(phi, text, context="reply") is expected


# 4a. 'patient' before a kin noun is a patient, not a job title's modifier.
@pytest.mark.parametrize(("text", "expected"), [
    ("This patient mother of three from Elkton (pop. 700) is finally in remission.", True),
    ("The patient sister of our receptionist is recovering from a stroke.", True),
    ("Our patient grandfather from Millbrook is home after his hip replacement.", True),
    ("Our patient coordinator Dana is out on vacation next week.", False),
    ("Patient satisfaction scores rose again this quarter.", False),
])
def test_patient_before_kin_noun(phi, text, expected):
    assert blocks(phi, text) is expected


# 4b. A named private person's death announced by the practice confirms the relationship.
@pytest.mark.parametrize(("text", "expected"), [
    ("Harold Kim passed away last night. Forever in our hearts.", True),
    ("Harold Kim passed away at home on Sunday. He was 54.", True),
    ("Rest in peace, Harold Kim. We will miss your smile at the front door every Tuesday.", True),
    ("Harold Kim died Sunday after a long battle. We were honored to know him.", True),
    ("Rest in peace, Ruth Ocampo. We will miss you at the front desk every Friday.", True),
    ("We mourn the loss of former President Jimmy Carter.", False),
    ("We mourn the loss of Queen Elizabeth II.", False),
    ("We are saddened to hear that actor Matthew Perry died this week.", False),
    ("Rest in peace, Senator Joe Lieberman, a champion of public health.", False),
    ("Our hearts are with everyone grieving the loss of a loved one this holiday season.", False),
])
def test_named_death(phi, text, expected):
    assert blocks(phi, text) is expected


# 5. Staff birth news, public figures, yearly counts and the practice's own van pass.
@pytest.mark.parametrize(("text", "expected"), [
    ("Congratulations to our nurse Kayla on the birth of her son!", False),
    ("Our receptionist Tina celebrated the birth of her first grandchild this week.", False),
    ("Big congrats to our hygienist Marisol on the birth of her daughter, Ava!", False),
    ("Welcome to the world, little ones! Our L&D team delivered 412 babies this year.", False),
    ("Our birth center welcomed 380 babies in 2025. Thank you, families!", False),
    ("The red van in our lot is our mobile mammography unit; book your screening at the link.",
     False),
    ("The white Sprinter van by the entrance is our mobile dental clinic this week.", False),
    ("Congratulations to Maria Lopez on the birth of her son at our birth center Tuesday!", True),
    ("The blue pickup with the ladder rack parked out front belongs to our 2pm chemo patient.",
     True),
])
def test_life_event_release(phi, text, expected):
    assert blocks(phi, text) is expected


# 1b. 'gave THE shot' with a private person named in the sentence or the next is their care.
@pytest.mark.parametrize(("text", "expected"), [
    ("Joe Smith? Dr. Raman gave the cortisone shot yesterday and he's already golfing.", True),
    ("Dr. Raman explained the biopsy results; Maria Lopez took it like a champ.", True),
    ("Dr. Raman gave the flu shot, and Joe Smith was brave.", True),
    ("Our team provided the hospice care; Maria Lopez's family thanks you.", True),
    ("Join Dr. Lee as she explains the new flu shot guidelines at the library Monday.", False),
    ("Thanks to Coach Ruiz for organizing the sports physicals at the high school!", False),
])
def test_definite_care_with_a_private_person(phi, text, expected):
    assert blocks(phi, text) is expected


# 7. The life-event passes stay near-linear on a long text with no sentence punctuation
# (before: 2 KB of repeated prayers took minutes). The bound is loose for a shared machine.
def test_long_unpunctuated_life_event_text_is_fast(phi):
    import time

    for base in ("rest in peace Harold Kim our patient passed away ",
                 "praying for Joe Smith get well soon after surgery "):
        start = time.perf_counter()
        assert blocks(phi, base * 40)
        assert time.perf_counter() - start < 30


# Session 17 (outside reviews of a release that was not shipped; variations written for this
# fix): the practice's care of a named person, told as such, blocks, also beside a public
# figure's disclosure, which covers only what the person told the public.
@pytest.mark.parametrize("text", [
    "Pastor Dale Whitcomb began treatment with our team this fall.",
    "Our friend Rosa Delgado, whom we treat for the same condition, says his story helped.",
    "Ben Tolliver started therapy with us in March and is already sleeping better.",
    "It's no secret Coach Pruitt has lymphoma; he announced it at the banquet. We're proud to "
    "be his care team.",
    "Serena Williams spoke openly about her postpartum blood clots. So did our neighbor Tara "
    "Quinn, who began treatment with our team after her son was born.",
])
def test_the_practice_caring_for_a_named_person_blocks(phi, text):
    assert blocks(phi, text)


@pytest.mark.parametrize("text", [
    "Tom Hanks has talked publicly about his type 2 diabetes. Ask our team about screening.",
    "Simone Biles has spoken openly about putting her mental health first. Our counselors are "
    "here for anyone who needs them.",
    "Anyone can begin treatment with our team; no referral needed.",
    "Nurse Kim started care at our Elm Street clinic on Monday.",
    "Serena Williams has spoken openly about the blood clots after her daughter's birth and "
    "credits her care team with catching them. Know the warning signs.",
    "Welcome Dr. Patel! She began treating patients with our team this month.",
    "Our volunteer Hal Brooks keeps the lobby cheerful, and we treat him like family.",
])
def test_a_public_disclosure_an_offer_or_a_clinician_giving_care_still_passes(phi, text):
    assert not blocks(phi, text)


# Session 18: names the candidates dropped. A month that is a first name before a census
# surname, a surname that is also a place word, an acronym's plural; and, the other way, a
# place the model took for a person and a writer's own injury verb. Sentences written for this.
@pytest.mark.parametrize("text", [
    "So proud of April Nguyen, who finished her last round of chemo on Friday.",
    "June Miller's kidney infection has finally cleared since she started with us.",
    "Eugene Park, whose gout flared every month, has had none since spring.",
    "Please welcome back Mia Church after her knee replacement!",
])
def test_names_that_look_like_months_or_places_block_with_care(phi, text):
    assert blocks(phi, text)


@pytest.mark.parametrize("text", [
    "Mark your calendar: June 12 is our free skin-check day.",
    "Join our walk at Lincoln Park on Saturday to raise money for diabetes research.",
    "May Day picnic for the staff this Friday!",
    "Spring is here! May Flowers also bring hay fever, so stock up on antihistamines.",
    "Marion Park had a measles case reported this week, so the vaccine clinic is open late.",
    "Our nurse has worked in two ERs and three ICUs.",
    "We hiked Mt Rainier as a team to raise money for the cancer center.",
])
def test_months_and_places_are_not_people(phi, text):
    assert not blocks(phi, text)


def test_a_comment_opening_with_the_writers_own_injury_names_no_one(phi):
    own = phi.screen("Broke my wrist skiing at Mt Hood and the walk-in fixed me up fast",
                     context="comment")
    assert not [f for f in own if f.rule.startswith("name+")]
    # ... but a first word spoken to, with a wish, stays a name
    wished = phi.screen("Tore my heart, so sorry the leukemia is back", context="comment")
    assert [f for f in wished if f.rule.startswith("name+") and f.severity == "block"]


# Session 18: a full birth date ("born <date, year>") is a staff member's when the sentence names
# only staff, and a therapy animal's when a post says "<Name>, our therapy <animal>, born
# <date>"; never beside a patient, a regular, a delivery or anyone's care (three outside
# reviews' probes are bench/data/birthdate_review*_s18; these sentences are variations).
@pytest.mark.parametrize("text", [
    "Happy 6th birthday to Waffles, our therapy beagle, born May 4, 2019! Pup cups in the lobby 🐾",
    "Dr. Okonjo turns 60 on Friday (born 3/3/1965) and has asked for zero balloons.",
    "NP Rae Lindgren was born June 1, 1988, and swears she is still 29.",
])
def test_a_colleagues_or_therapy_dogs_birth_date_passes(phi, text):
    assert not blocks(phi, text)


@pytest.mark.parametrize("text", [
    "Happy 8th birthday to Rocket, our team mascot, born 4/2/2017! We set his broken arm in May.",
    "Happy 90th to Dr. Ruth Abel, our patient since 1990, born March 2, 1935!",
    "Happy birthday to Maria Lopez, born March 2, 1950! Our therapy dog Rex says hi.",
    "Happy birthday, Dr. Obi! Born 2/2/1956 and our longest-standing chart here.",
    "Happy birthday to Gus, born 1/5/1948, one of our Tuesday regulars! 🐶",
    "Born 3/15/1977 🐾 Thanks for choosing us, new friend!",  # an animal emoji is no animal
    "Born June 6, 2023, delivered by Dr. Ana Ruiz! Welcome to the world!",
    "Our therapy pup session star was born 2/9/2016! So proud of her progress.",
    "Born 6/1/2015 and tougher than our office cat!",  # the animal is a bystander
    "Dr. Lee wishes a happy birthday to our star flosser, born 7/7/2015!",  # the date is not his
    "Happy birthday to Biscuit, our therapy corgi, born March 2, 2018! Thanks for asking, Jo.",
])
def test_a_birth_date_beside_a_patient_care_or_a_private_person_still_blocks(phi, text):
    assert blocks(phi, text)


# Session 18: a public telling covers the people it is told of, not everyone in its sentence:
# a later name with no public telling of its own is a private person ("Lance Armstrong went
# public about his cancer, and Gil Marsh at the hardware store has it too").
@pytest.mark.parametrize("text", [
    "Lance Armstrong went public about his cancer, and Gil Marsh at the hardware store has it too.",
    "Simone Biles openly discussed her teammate Kara Lowell's eating disorder.",
])
def test_a_private_person_beside_a_public_telling_blocks(phi, text):
    assert blocks(phi, text)


@pytest.mark.parametrize("text", [
    "Selena Gomez and Lady Gaga have both been open about living with chronic illness.",
    "Venus Williams went public with her Sjögren's syndrome diagnosis. Ask us about dry eyes.",
    "Jimmy Carter spoke publicly about his melanoma and the treatment that helped him.",
])
def test_public_figures_and_eponyms_stay_public(phi, text):
    assert not blocks(phi, text)


# Session 18: everyday condition names the code list holds only inside longer phrases
# ("systemic lupus erythematosus") and eponyms written with only the possessive.
@pytest.mark.parametrize("text", [
    "Corinne Abbott has lupus and is taking the month off.",
    "So proud of Walt Friese, living with Parkinson's and still leading the Tuesday walk.",
    "Glenn Ostrowski was diagnosed with Addison's last spring.",
])
def test_everyday_and_eponym_condition_names_block_with_a_name(phi, text):
    assert blocks(phi, text)


def test_an_eponym_surname_that_names_a_person_or_a_place_is_no_condition():
    from policies.phi.vocabulary import health_mentions

    for text in ("Stop by Dr. Graves' office on Main.", "Join us at the men's health fair!",
                 "Sam Wilson's retirement party is Friday.", "With Turner's help we moved in."):
        assert not health_mentions(text), text


def test_a_long_gap_between_two_public_names_is_read_in_linear_time(phi):
    """The names-in-one-list pattern once backtracked for minutes on twenty ", " between two
    names in a sentence with a public telling (found in a read of session 18's change)."""
    import time

    for gap in (", " * 40 + "x ", " " * 60 + "x ", "AB" * 40 + "x "):
        text = (f"Magic Johnson went public about his HIV and Ronnie Voss {gap}Jake Morrow "
                "went public too.")
        start = time.perf_counter()
        phi.screen(text)
        assert time.perf_counter() - start < 30
