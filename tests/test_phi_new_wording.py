"""Issue 12: classes of wording a fourth practice's set exposed, each a general construction.
Every sentence here was written for this file (team-written: fit, not accuracy); each
construction is tested on both sides."""

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


# --- an injury told of one body part is a condition ------------------------------------

@pytest.mark.parametrize("text", [
    "Speedy recovery to Marisol, number 14 for the Eastside Eagles, who broke her collarbone "
    "Friday.",
    "Hang in there, Tobias (#31 for the Cedar Ridge Cougars)! Your knee is going to heal up "
    "great.",
    "Bianca, the 6-foot-4 setter from Northgate High, is back in a boot after spraining that "
    "ankle again.",
    "Dalton, our tallest lineman from Pine Hill Academy, tore his ACL at Friday's game.",
])
def test_a_named_player_with_an_injury_blocks(phi, text):
    assert blocking(phi, text)


@pytest.mark.parametrize("text", [
    "How to wrap a sprained ankle: start at the toes and work up, snug but not tight.",
    "Most rolled ankles heal in two to six weeks with rest, ice and elevation.",
    "Congrats to the Riverside Rams varsity on a great season! Number 7 Dominic scored twice.",
])
def test_injuries_in_general_and_players_without_one_pass(phi, text):
    assert blocking(phi, text) == []


# --- who is staff --------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Shoutout to Mrs. Okafor, who finally let Dr. Lee talk her into a mammogram. So proud!",
    "Proud of Ms. Ferreira, who let our NP book her bone density scan after years of excuses.",
    "Rowan, our favorite drummer from Lakeview Middle, sprained his wrist at recess. Heal up!",
])
def test_a_relative_clause_or_a_fans_our_is_no_staff_apposition(phi, text):
    assert blocking(phi, text)


@pytest.mark.parametrize("text", [
    "Kayla, our newest scheduler, ran her first half marathon this weekend!",
    "Happy birthday to Dev, our lab coordinator, who keeps the whole clinic running.",
])
def test_staff_appositions_still_pass(phi, text):
    assert blocking(phi, text) == []


# --- replies that decline, recalls, checklists -------------------------------------------

@pytest.mark.parametrize("text", [
    "Hi Sam! To protect privacy, we can't confirm whether anyone is a patient of ours. Please "
    "call our front desk for general questions.",
    "Thanks for asking, Lena. We never say whether a person is a patient here; our main line "
    "can help with general questions.",
    "Hi Marco, for privacy reasons we don't confirm or deny that someone is a patient. Our "
    "patient advocate can answer general questions.",
])
def test_a_reply_declining_to_confirm_anyone_is_a_patient_passes(phi, text):
    assert blocking(phi, text, "reply") == []


@pytest.mark.parametrize("text", [
    "Hi Sam, we can't confirm anything online, but we're so glad your surgery went well!",
    "Hi Lena, we can't say more here, but our patient Rosa is doing great after her surgery.",
])
def test_a_decline_does_not_hide_a_named_or_the_readers_care(phi, text):
    assert blocking(phi, text, "reply")


@pytest.mark.parametrize("text", [
    "Hi Tara, thanks for flagging: lot 7C221 is part of the recall for that infant formula. "
    "Return it to the store for a refund.",
    "Good catch, Ravi! Lot B5510 of that children's cough syrup is on the recall list; the "
    "maker's site has refund details.",
    "Hi Jess, yes, lot 44-K12 of that baby food pouch was recalled. Toss it or return it.",
])
def test_a_recall_reply_with_a_lot_number_passes(phi, text):
    assert blocking(phi, text, "reply") == []


def test_a_recall_of_the_readers_own_medicine_still_blocks(phi):
    assert blocking(phi, "Hi Tara, your son's inhaler from lot 5522 was recalled, so we sent "
                         "a new prescription.", "reply")


@pytest.mark.parametrize("text", [
    "Yes, we do sports physicals on weekdays, no appointment needed. Bring your glasses and a "
    "list of your medications.",
    "We offer travel vaccines Tuesdays. Please bring your insurance card and your vaccination "
    "record.",
])
def test_what_to_bring_to_any_visit_is_general(phi, text):
    assert blocking(phi, text, "reply") == []


def test_what_to_bring_to_the_readers_own_follow_up_blocks(phi):
    assert blocking(phi, "Hi Ana! Bring your inhaler to your follow-up on Tuesday.", "reply")


# --- a dog called a lab ------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Please welcome Dr. Mei Tanaka to our family medicine team! She loves kayaking with her "
    "three labs.",
    "Say hello to our new PA, Jordan Ellis, who spends weekends training his two black labs.",
])
def test_a_staff_members_labs_are_dogs(phi, text):
    assert blocking(phi, text) == []


def test_a_persons_labs_that_came_back_are_tests(phi):
    assert blocking(phi, "Great news: both of Jonah's labs came back clean after his treatment.")


# --- testimonials, middle initials -------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Overheard in the lobby this week: 'Kindest dental cleaning of my life.' Thank you, team!",
    "From a patient survey: 'Easiest flu shot ever, and the front desk remembered my name.'",
])
def test_a_superlative_opening_a_quote_is_no_name(phi, text):
    assert blocking(phi, text) == []


@pytest.mark.parametrize("text", [
    "Actor Samuel L. Grant went public with his Parkinson's diagnosis in 2019 and now raises "
    "money for research.",
    "Lupus Awareness Month: singer Dana R. Hughes went public with her lupus in 2015.",
])
def test_a_middle_initial_does_not_cut_off_the_public_telling(phi, text):
    assert blocking(phi, text) == []


def test_a_middle_initial_does_not_hide_a_private_persons_health(phi):
    assert blocking(phi, "Get well soon to Samuel L. Grant, recovering from his bypass surgery "
                         "with us.")


# --- a clinician's instruction passed on in a reply ------------------------------------------

@pytest.mark.parametrize("text", [
    "Thanks so much, Priya! Dr. Lee says keep icing that shoulder twice a day.",
    "Aww thank you Carlos! Our PA says no running on that ankle until your next check.",
    "Appreciate the love, Hannah! Nurse Beth says don't skip those breathing treatments!",
])
def test_a_clinicians_instruction_to_a_named_reader_blocks(phi, text):
    assert blocking(phi, text, "reply")


@pytest.mark.parametrize("text", [
    "Thanks, Jo! Dr. Lee says stay hydrated during this heat wave.",
    "Thanks Jo! Our nurse says keep an eye on those flu clinic dates.",
    "Thanks for the kind words, Jo! Dr. Kim says hi.",
])
def test_a_clinicians_general_word_passes(phi, text):
    assert blocking(phi, text, "reply") == []


# --- a lost item's phone number -------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Found near exam room 3: a blue inhaler case tagged 'call 312-555-0188 if found'. Stop by "
    "the front desk!",
    "Someone left an insulin pen cooler in the waiting area Tuesday; the label lists "
    "415-555-0123 but nobody picks up.",
    "Lost and found: a hearing aid case with a note saying return to 702-555-0167 was turned in.",
])
def test_a_lost_medicine_or_device_with_a_phone_number_blocks(phi, text):
    assert any(b.startswith("phone:") for b in blocking(phi, text))


@pytest.mark.parametrize("text", [
    "Lost and found: a black umbrella and a set of car keys were left in the lobby. Call "
    "312-555-0111 to claim them.",
    "Found: a water bottle with a sticker saying call 312-555-0144. Come grab it at the desk!",
    "Lost and found: a child's jacket was left in the lobby. Free flu shots all week, call "
    "312-555-0177 to book.",
])
def test_a_lost_item_that_says_nothing_of_health_passes(phi, text):
    assert blocking(phi, text) == []


# --- a few of our cases counted, on a small place ------------------------------------------

@pytest.mark.parametrize("text", [
    "Odd pattern: four of our asthma patients this month live on the same block of Juniper "
    "Lane.",
    "Two of our new lead poisoning cases are kids from the Pinecrest Gardens apartments on Elm "
    "Street.",
    "Three of our pertussis cases this week all live on one cul-de-sac in Willow Bend Estates.",
])
def test_a_count_of_our_cases_on_one_street_blocks(phi, text):
    assert blocking(phi, text)


@pytest.mark.parametrize("text", [
    "3 of our diabetes patients lowered their A1c below 7 this quarter!",
    "Two of our flu cases this week were in kids under five. Get the shot at our Elm Street "
    "clinic.",
    "Asthma rates are higher in neighborhoods near the freeway, a new county study says.",
])
def test_a_count_without_a_place_they_share_passes(phi, text):
    assert blocking(phi, text) == []


# --- a visitor named by the day of the visit -----------------------------------------------

@pytest.mark.parametrize("text", [
    "To our Tuesday 3/14 walk-in who came in with a bee sting on his eyelid: hope the swelling "
    "is down!",
    "Shout-out to our Friday night drop-in, who needed six stitches after the mandoline slipped.",
    "To our Sunday 11/3 walk-in with the fishhook in her palm: you were so brave.",
])
def test_a_visitor_named_by_the_day_of_the_visit_blocks(phi, text):
    assert blocking(phi, text)


@pytest.mark.parametrize("text", [
    "Our Saturday walk-in hours are 9 to 1, no appointment needed.",
    "Our Saturday 2/8 walk-in: flu shots for everyone, 9 to noon.",
    "Thanks to our Saturday walk-ins for your patience during the power outage.",
    "Walk-ins welcome Tuesday 3/14 for flu shots.",
])
def test_walk_in_hours_and_events_pass(phi, text):
    assert blocking(phi, text) == []


# --- the time around someone's care ---------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Reposting @trailrunner_jen's story about how our wound clinic got her back on her feet "
    "after her post-surgery infection.",
    "Sharing @sunny_days77's reel about getting ready for her post-transplant checkup with us.",
])
def test_a_handles_own_care_reshared_blocks(phi, text):
    assert blocking(phi, text)


@pytest.mark.parametrize("text", [
    "Sharing @countyhealth's post about flu season tips.",
    "Our post-season team dinner was a blast! Pre-registration for the 5K opens Monday.",
])
def test_post_and_pre_without_care_pass(phi, text):
    assert blocking(phi, text) == []


# --- round 2 (written after the fixes above; the misses of its first run) -------------------

@pytest.mark.parametrize("text", [
    "Poor Zeke (#11, Harbor Heights Hornets) jammed his finger again at practice. Rest, champ!",
    "Left at check-in on Friday: a cooler bag with an EpiPen and a card that says 'please call "
    "619-555-0132'.",
    "Our favorite 6'8\" forward from Bayside Prep, Malik, is in a boot after another ankle "
    "sprain.",
])
def test_round_two_blocks(phi, text):
    assert blocking(phi, text)


@pytest.mark.parametrize("text", [
    "Hi Dev, yes, lot 12A98 of that allergy medicine is part of the recall. Return it to the "
    "pharmacy for a refund.",
    "Hi Kim! For your first visit, bring your insurance card and a list of your current "
    "medications.",
])
def test_round_two_replies_pass(phi, text):
    assert blocking(phi, text, "reply") == []


def test_ankle_sprains_in_general_pass(phi):
    assert blocking(phi, "Ankle sprains are the top injury we see each fall: here's how to tape "
                         "one.") == []


# --- round 3 (subtle wording across kinds, written before running; its first-run errors) -----

@pytest.mark.parametrize("text", [
    "The new barista at Rio Grande Roasters fainted during her blood draw yesterday, but she's "
    "fine now!",
    "Sending love to @abq_mama_bear, whose toddler spent the weekend with us for croup.",
])
def test_round_three_blocks(phi, text):
    assert blocking(phi, text)


def test_a_clinician_presenting_research_on_a_condition_passes(phi):
    assert blocking(phi, "Dr. Chen is presenting new research on asthma in children at the "
                         "state conference this week.") == []


def test_a_patient_presented_with_a_rash_is_still_theirs(phi):
    assert blocking(phi, "Maria Lopez presented with a rash and fever on Monday.")


def test_the_practices_own_pharmacy_is_no_readers_care(phi):
    assert blocking(phi, "Hi Jordan, our pharmacy closes at 6 on weekdays. See you soon!",
                    "reply") == []


# --- round 5 (the dev half's missed kinds in yet other wording; its first-run errors) --------

def test_a_therapists_word_on_the_readers_stretches_blocks(phi):
    assert blocking(phi, "Thanks Dani! Our PT says those hamstring stretches are paying off, "
                         "keep it up!", "reply")


def test_a_holiday_drop_in_blocks(phi):
    assert blocking(phi, "Shoutout to our New Year's Day drop-in who needed a splint after "
                         "sledding. Happy 2027!")


@pytest.mark.parametrize("text", [
    "Thanks for asking, Pete! Dr. Lee says the best time for a flu shot is before Halloween.",
    "Thanks Jo! Dr. Lee says your questions are always welcome.",
])
def test_a_clinicians_rule_of_thumb_passes(phi, text):
    assert blocking(phi, text, "reply") == []


def test_an_agencys_handle_with_a_free_service_passes(phi):
    assert blocking(phi, "Sharing @nmhealthdept's post on where to find free COVID tests this "
                         "winter.") == []


# --- round 7 (subtle blocks across kinds, written before running; its first-run misses) ------

def test_a_planned_visit_and_care_of_that_foot_in_a_reply_block(phi):
    assert blocking(phi, "Thanks, Hector! Keep that foot up and we'll see you Thursday to swap "
                         "the dressing.", "reply")


def test_a_role_at_a_named_school_with_care_blocks(phi):
    assert blocking(phi, "A shoutout to the crossing guard at Kirtland Elementary, who's back "
                         "on duty after his heart stent!")


def test_a_named_persons_death_the_practice_cared_for_blocks(phi):
    assert blocking(phi, "Our hearts go out to the Sandoval family. Mr. Sandoval was a joy to "
                         "care for these last 12 years.")


@pytest.mark.parametrize("text, context", [
    ("Thanks Jo! See you Saturday for the health fair.", "reply"),
    ("It's a privilege to care for this community, and we're proud to open our new clinic.",
     "post"),
])
def test_events_and_the_community_pass(phi, text, context):
    assert blocking(phi, text, context) == []
