"""Issue 12: classes of wording a fourth practice's set exposed, each a general construction.
Every sentence here was written for this file (team-written: fit, not accuracy); each
construction is tested on both sides."""

from __future__ import annotations

import pytest

from policies.phi import PhiAllowList, PhiScreen, get_screen

ALLOW = PhiAllowList.from_toml({
    "allow_names": ["Harlow Creek Family Medicine", "Harlow Creek"],
    "allow_phones": ["+1 555 210 4400"],
    "allow_domains": ["harlowcreek.example"],
})


@pytest.fixture(scope="module")
def phi() -> PhiScreen:
    return get_screen(ALLOW)


def blocking(screen: PhiScreen, text: str, context: str = "post") -> list[str]:
    return [f"{f.category}:{f.text}" for f in screen.screen(text, context=context)
            if f.severity == "block"]


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
