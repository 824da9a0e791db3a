"""PHI screen: life events and relations (policies/phi/life_events.py and the relative
candidates): births, deaths, fundraisers and described cars told about one person, people
known through someone else, and their look-alikes that must pass.

Every sentence here was written for these tests (none comes from the dev sets); passing them
measures fit to the constructions, not accuracy."""

from __future__ import annotations

import pytest
from conftest import blocking_rules

from policies.phi import PhiAllowList, PhiScreen


@pytest.fixture(scope="module")
def phi() -> PhiScreen:
    # the rules alone: these tests pin their constructions (the learned second opinion
    # is tested in test_phi_learned.py and measured by its trainer and bench/phi_eval.py)
    return PhiScreen(PhiAllowList(), learned=False)


def recognizers(screen: PhiScreen, text: str) -> set[str]:
    """The recognizers (rule up to its first '+') behind the blocking findings."""
    return {rule.split("+")[0] for rule in blocking_rules(screen, text)}


# (text, the recognizer that must block it)
BLOCK_BY_RULE = [
    # births the practice announces: a baby, a birth predicate, and a weight, a time, a day,
    # the parents' names or the practice's own delivery team
    ("Welcome to the world, little Theodore! He arrived at 4:12 this morning weighing 8 lb 1 oz.",
     "birth"),
    ("Our L&D team helped welcome a beautiful baby girl on Tuesday night. Congratulations to "
     "Mara and Joel!", "birth"),
    ("A healthy newborn boy was delivered in our birthing suite yesterday, 6 lbs 9 oz of pure "
     "sweetness.", "birth"),
    ("Baby Ezra made his grand entrance Sunday at 11:58pm. Mom and baby are resting.", "birth"),
    ("Nine pounds, four ounces! Our biggest delivery of the year came Tuesday to first-time "
     "parents Aaliyah and Marcus.", "birth"),
    ("We had the joy of delivering twin boys this weekend. Congrats to Priscilla and family!",
     "birth"),
    ("Shoutout to our midwife team for catching a surprise water birth on Sunday! Welcome, "
     "little Juno.", "birth"),
    ("Meet Lucas, who came into the world at 3:05am on Thursday weighing 7 pounds even!", "birth"),
    # someone known through another person
    ("The mayor's husband is home and resting after his bypass surgery here on Monday.",
     "relative"),
    ("Dr. Alvarez's neighbor finally came in for that mole check, and we're glad she did.",
     "relative"),
    ("The fire chief's daughter was a champ at her allergy testing today.", "relative"),
    ("Our favorite barista's little brother came in for stitches after a skateboarding fall.",
     "relative"),
    ("Our receptionist's son came in for stitches after a bike crash on Saturday.", "relative"),
    ("Sheriff Boone's granddaughter got her cast off today!", "relative"),
    ("The high school principal's wife is recovering nicely after her gallbladder surgery.",
     "relative"),
    ("Coach Ramirez's son was in today to get his ankle checked after Friday's game.",
     "relative"),
    # a fundraiser for an unnamed but local person
    ("Our bake sale Friday helps a local teen with leukemia and her family.", "fundraiser"),
    # a described car, its owner pointed at, with a visit
    ("To the owner of the red Jeep Wrangler with the surfboard rack: you left your crutches in "
     "our lobby after your fracture appointment.", "vehicle_described"),
    ("The green pickup with the dented tailgate was parked here all morning while its owner got "
     "his stitches out.", "vehicle_described"),
    ("Hey silver Honda Odyssey with the soccer decal, your daughter's inhaler is at the desk.",
     "vehicle_described"),
    ("To the driver of the black Silverado: you left your glasses in exam room 2 after your eye "
     "exam!", "vehicle_described"),
    ("Rest in peace, Mr. Alcott. You were part of our clinic family for years.", "condolence"),
    ("To the silver Subaru with the marathon sticker, we hope the ankle feels better after "
     "today's PT!", "vehicle_described"),
    ("The Castro twins' grandpa stopped by for his cholesterol recheck today.", "relative"),
    ("The Abernathys' youngest had her tonsils out this morning and wants ice cream.",
     "relative"),
    ("Deacon Lyle's better half is on the mend after her gallbladder surgery.", "relative"),
    ("To the minivan with the stick-figure family decal: your son's EpiPen is waiting for you "
     "at the front desk.", "vehicle_described"),
    ("The pickup with Idaho plates was here bright and early for dialysis again. Love seeing "
     "you, friend!", "vehicle_described"),
    ("Mom delivered a healthy 9-pounder just after midnight! Congrats, Sam and Jo.", "birth"),
    ("The Ferreira family's newest member arrived in our birth center at 6:02 this morning.",
     "birth"),
    ("Tiny feet, big news: the Ashworths became a family of four early this morning!", "birth"),
    ("The stork made a special delivery to Room 4 last night! Congrats to mom and dad.",
     "birth"),
    # a prayer or get-well wish with the person's illness: theirs, title or not
    ("Please keep Coach Tim in your prayers as he recovers from open-heart surgery this week.",
     "get_well"),
    ("Sending healing vibes to Mayor Donovan, who starts radiation on Monday!", "get_well"),
    # in Spanish
    ("¡Bienvenido al mundo, bebé Mateo! Nació el jueves a las 4:10am. Felicidades a Rosa.",
     "birth"),
    ("Descanse en paz, don Aurelio. Fue un honor cuidarlo durante tantos años.", "condolence"),
    # a stay or a visit with its day: a date of service
    ("Mrs. Albertson spent Nov 2 to Nov 6 in our inpatient unit and is now home.",
     "service_date"),
]

# (text, who must be in a blocking finding): the life-event rule, or the name rule on the
# same span when the text also names care (the screen keeps one finding per span)
BLOCK_PERSON = [
    ("Rest in peace, Mr. Delgado. You were part of our clinic family for over twenty years.",
     "Delgado"),
    ("Please join us for a celebration of life for Marjorie Banks, a beloved patient of our "
     "senior care team, on Saturday.", "Marjorie Banks"),
    ("Fly high, little Benny. Caring for you was an honor we will carry forever.", "Benny"),
    ("RIP Mrs. K. You made every infusion day brighter for our nurses.", "Mrs. K"),
    ("Rest in peace to our sweet Wren. Our whole team will never forget your giggle.", "Wren"),
    ("Our condolences to the Ramos family on the passing of Ernesto, who we had the privilege "
     "of caring for these last few years.", "Ernesto"),
    ("Miss Ruby left us this week. For 15 years, her Tuesday visits were the highlight of our "
     "front desk's day. Rest easy.", "Ruby"),
    ("Please support the GoFundMe for Danny Pruitt, who is fighting leukemia. Link in bio.",
     "Danny Pruitt"),
    ("Join us Saturday for a benefit spaghetti dinner for Mrs. Carver, who just started "
     "dialysis.", "Carver"),
    ("Every dollar raised at this weekend's car wash goes to help a local 6-year-old with a "
     "brain tumor pay for treatment.", "6-year-old"),
    ("Team Sofia is walking Saturday to help cover Sofia's chemo costs.", "Sofia"),
    ("Mr. Franklin was admitted on March 4 and discharged on March 9.", "March 4"),
    ("Our clinic is mourning sweet Abigail, who spent so many of her short years in our care.",
     "Abigail"),
    ("Happy to report Big Rocco is home from the hospital and back at the diner counter!",
     "Rocco"),
    ("Heaven gained an angel this week. Little Opal, you taught our dialysis nurses what "
     "courage looks like.", "Opal"),
    # nicknames: an epithet, a quoted name doing something, a name the text calls a nickname
    ("The Hat Lady was back for her B12 shot today, wearing a new feathered number!",
     "Hat Lady"),
    ("\"Turbo\" (his words, not ours) is cast-free after six long weeks!", "Turbo"),
    ("Everyone at the pharmacy knows him as Mr. Pickles; he came in for his new blood pressure "
     "meds today.", "Pickles"),
    ("A meal train is set up for Coach Dale's family while his wife is in the hospital with "
     "pneumonia.", "Dale"),
]

PASS = [
    # a staff member's own baby, told as staff news
    "Congratulations to our receptionist Kayla, who welcomed her first baby, a girl, last week!",
    "Our front desk lead Tori welcomed a baby boy on Friday. Mom and baby are home and well!",
    "Dr. Moreno's son was born last weekend, and she'll be back in clinic in January!",
    "Our nurse Jenna is on maternity leave after welcoming a baby boy. Send her good wishes!",
    # babies in general, a staff biography, things that arrive or are delivered
    "Babies born in winter often need an extra layer at night.",
    "Newborns should have their first checkup within 3 to 5 days after they are born.",
    "When your baby is born, we'll check their hearing before you go home.",
    "Did you know our hospital delivered over 2,000 babies last year? Thank you!",
    "Dr. Fern was born and raised in Tulsa and joined us in 2019.",
    "The new ultrasound machine arrived today! Appointments start Monday.",
    "Our home delivery pharmacy now covers the whole county.",
    # deaths: a public figure, a retirement, staff, grief in general, a public tragedy
    "Rest in peace to the legendary Betty White, who reminded us all to laugh.",
    "Our beloved practice manager Sandra retires this month after 28 years. She will be "
    "greatly missed!",
    "In loving memory of Dr. Samuel Ortiz, our founding physician, who built this clinic from a "
    "single exam room.",
    "Grief can show up as headaches or trouble sleeping after the loss of a loved one.",
    "Join us for a moment of silence at noon in memory of the victims of the Elm Street fire.",
    # relatives who are nobody's patient here, a public figure's family
    "The mayor's office is hosting a free flu shot clinic at City Hall on Saturday.",
    "Coach Ramirez's team stopped by to thank our staff for the pre-season physicals.",
    "Our team's kids made these holiday cards for the waiting room!",
    "The principal's newsletter mentioned our back-to-school vaccine clinic. Thank you!",
    "We're heartbroken by the news of Queen Latifah's mother passing, and grateful she has "
    "spoken publicly about heart disease.",
    # fundraisers for a cause, not a person
    "Our Relay for Life team raised $4,200 for cancer research this year. Thank you, donors!",
    "Our staff raised $3,000 for the food bank this holiday season!",
    "Donate blood this week at our mobile drive and get a free T-shirt.",
    "Proceeds from our bake sale go to the children's cancer research fund.",
    "Win a red Jeep Wrangler at our foundation raffle! Proceeds support the cancer center.",
    # a day that is the practice's, not a patient's; a pet's death; nicknames of businesses
    "Dr. Okafor will see patients on October 14 at our new Elm Street office.",
    "Join Dr. Reyes on 9/12 for a free talk on heart health.",
    "Rest easy, Rex. Our beloved clinic cat passed away peacefully this weekend.",
    "Grandma Bea's Diner will host our blood pressure screening on Saturday.",
    # names that are no nickname of a person: a talk, a race, a team, a therapy dog
    "Join us for 'Living Well with Arthritis', a free talk on Tuesday at the library.",
    "Our PT team will be at the Iron Man race Saturday to help with cramps and blisters.",
    "\"Flu Fighters\" is our team name for this year's vaccine drive!",
    "Meet our new therapy dog, nicknamed Biscuit, who visits the infusion suite on Fridays.",
    "Los bebés que nacen en invierno necesitan una capa extra de ropa.",
    "Say hello to Pepper, our clinic's new therapy puppy, born in June!",
    "We're mourning the loss of our beloved clinic founder, Dr. Ellen Park, who passed on "
    "Sunday.",
    "Please keep the families affected by the flooding in your prayers.",
    "The minivan with the stick-figure family decal is the best minivan. Happy Friday!",
    "Is your family of four ready for flu season? Book everyone's shots in one visit.",
    "Your baby's first tooth usually arrives between 6 and 10 months.",
    "Please welcome Dr. Amir Haddad, who arrived this week from Cleveland.",
    "Welcome to the world, 2025! Our office reopens January 2.",
    "Our condolences to the city's firefighters on the loss of Captain Reyes in the line of "
    "duty.",
    # the practice's own van, parking rules
    "Our blue shuttle van picks up patients from the senior center every Tuesday.",
    "Please don't park your car in the ambulance bay, even for a minute.",
    "Our mobile health van will be at the library on Tuesday with free blood pressure checks.",
]


@pytest.mark.parametrize(("text", "rule"), BLOCK_BY_RULE)
def test_life_event_or_relative_blocks(phi, text, rule):
    assert rule in recognizers(phi, text)


@pytest.mark.parametrize(("text", "who"), BLOCK_PERSON)
def test_person_in_a_death_or_fundraiser_is_blocked(phi, text, who):
    assert any(who in f.text for f in phi.screen(text) if f.severity == "block")


@pytest.mark.parametrize("text", PASS)
def test_look_alikes_pass(phi, text):
    assert recognizers(phi, text) == set()


def test_life_event_finding_carries_its_category_and_redaction(phi):
    text = "A healthy newborn boy was delivered in our birthing suite yesterday, 6 lbs 9 oz."
    birth = [f for f in phi.screen(text) if f.rule.startswith("birth")]
    assert birth and birth[0].category == "date" and birth[0].redaction == "[birth details]"
    car = "The teal Mini Cooper is in our lot every dialysis day. We love seeing you!"
    found = [f for f in phi.screen(car) if f.rule.startswith("vehicle_described")]
    assert found and found[0].category == "vehicle" and found[0].text == "teal Mini Cooper"


@pytest.mark.parametrize("text", [
    "Our son was born here on Friday at 3am, 7 lbs 2 oz. Thank you to the amazing nurses!",
    "My dad passed away last week. Thank you for caring for him all these years.",
])
def test_a_commenters_own_family_news_is_no_life_event_finding(phi, text):
    # in a comment, "our son" is the commenter's: moderation reads it as self-disclosure
    rules = {f.rule.split("+")[0] for f in phi.screen(text, context="comment")}
    assert not rules & {"birth", "condolence", "fundraiser", "service_date"}


def test_a_commenter_announcing_someone_elses_birth_is_one(phi):
    text = "Congrats to Jenny Diaz on her baby girl, born yesterday at 5 lbs!"
    rules = {f.rule.split("+")[0] for f in phi.screen(text, context="comment")
             if f.severity == "block"}
    assert "birth" in rules
