"""Issue 12 (recall on independent writers' wording): classes of misses seen in 3+ writers'
training sets, each fixed as a general construction. Every sentence here was written for
this file (team-written: fit, not accuracy); each construction is tested on both sides."""

from __future__ import annotations

import pytest
from conftest import blocking

from policies.phi import PhiAllowList, PhiScreen

ALLOW = PhiAllowList.from_toml({
    "allow_names": ["Willow Bend Clinic", "Willow Bend", "Dr. Nora Haines", "Dr. Haines"],
    "allow_domains": ["willowbend.example"],
})


@pytest.fixture(scope="module")
def phi() -> PhiScreen:
    # the rules alone: these tests pin the constructions, not the learned second opinion
    return PhiScreen(ALLOW, learned=False)


# --- "everyone" thanked or told beside one person's news is an audience -----------------

@pytest.mark.parametrize("text", [
    "Councilman Ray Dorsey's father is recovering well from his knee replacement and wants "
    "to thank everyone for the casseroles.",
    "Our favorite crossing guard Lou finished his last round of chemo, and he brought "
    "everyone donuts to celebrate.",
    "Linnea Strand is home after her heart surgery and says hi to everyone at the library.",
])
def test_one_persons_health_beside_everyone_thanked_blocks(phi, text):
    assert blocking(phi, text)


@pytest.mark.parametrize("text", [
    "Flu shots for everyone this Saturday from 9 to noon, no appointment needed.",
    "Everyone is welcome at our free blood pressure screening at the library Tuesday.",
    "Thanks to everyone who came to our open house! Dr. Haines loved meeting you all.",
])
def test_care_offered_to_everyone_passes(phi, text):
    assert not blocking(phi, text)


# --- a reply that tells the commenter's own visit ----------------------------------------

@pytest.mark.parametrize("text", [
    "So sorry you had to wait so long on Monday! We've shared it with the front desk.",
    "We apologize for the long wait at your appointment this afternoon.",
    "Lamento que ayer tuvo que esperar tanto, ya hablamos con el equipo.",
    "It was so nice seeing you yesterday, give the baby a hug!",
    "Aw, we loved seeing you too!",
    "Nos dio mucho gusto verlo el lunes, cuídese mucho.",
])
def test_a_reply_telling_the_readers_visit_blocks(phi, text):
    assert blocking(phi, text, "reply")


@pytest.mark.parametrize("text", [
    "We're sorry to hear about the wait. Please call our manager so we can talk privately.",
    "Wait times have been long this month and we're sorry; we're adding evening hours.",
    "Sorry the wait felt long! We can't discuss any visit here, but please DM us.",
    "We loved seeing you at the 5K on Saturday!",
    "Sorry for the wait on our phone lines today, the system was down.",
    "See you Saturday at the fair!",
])
def test_a_wait_or_meeting_that_is_no_visit_passes(phi, text):
    assert not blocking(phi, text, "reply")


def test_a_post_is_not_judged_as_a_reply(phi):
    # the construction speaks to the commenter; a post's "so sorry about the wait today"
    # is an announcement to everyone
    assert not blocking(phi, "So sorry about the long wait today, our system was down this "
                             "morning. Thanks for your patience!")


# --- a recovery milestone is a condition in everyday words --------------------------------

@pytest.mark.parametrize("text", [
    "So proud of Kayla Diaz, 90 days sober today!",
    "Greg Olsen is six months off opioids and back coaching little league.",
    "Marcus T. just hit two years without a drink and our group gave him a cake.",
    "Shoutout to our patient with the koi tattoo, who finally quit smoking this month!",
    "Felicidades a don Ernesto, ya lleva un año sin fumar.",
])
def test_a_persons_recovery_milestone_blocks(phi, text):
    assert blocking(phi, text)


@pytest.mark.parametrize("text", [
    "Dry January: 31 days without alcohol, who's in? Our health coach Pam has tips.",
    "Thinking about quitting? Most people try several times before they stay smoke-free.",
    "Our office is now 100% tobacco-free, including the parking lot.",
])
def test_milestones_with_nobody_pass(phi, text):
    assert not blocking(phi, text)


# --- a multi-word condition in the plural -------------------------------------------------

def test_a_plural_multiword_condition_is_read(phi):
    assert blocking(phi, "Mariana Solis came to us last spring with panic attacks; today "
                         "she drives the freeway again.")


def test_a_plural_multiword_condition_in_general_passes(phi):
    assert not blocking(phi, "Panic attacks can feel like a heart attack. If you have chest "
                             "pain, call 911.")


# --- a clinician's clearance is a care event ----------------------------------------------

@pytest.mark.parametrize("text", [
    "Way to go, Devon Price! Cleared to play after that ankle fracture, see you at the game.",
    "Hi Rosa, your son's cleared-to-play form is signed and waiting at the front desk.",
])
def test_a_named_persons_clearance_blocks(phi, text):
    assert blocking(phi, text, "reply" if text.startswith("Hi") else "post")


@pytest.mark.parametrize("text", [
    "Reminder: athletes must be cleared to play by a clinician before the first practice.",
    "Of the 300 physicals we did this summer, 4 athletes needed a closer look, and all were "
    "cleared to play.",
    "The snow is cleared from our parking lot and we're open regular hours today.",
])
def test_clearance_in_general_passes(phi, text):
    assert not blocking(phi, text)


# --- a compound made with a condition -----------------------------------------------------

@pytest.mark.parametrize("text", [
    "Help Dana Whitley cover her eating-disorder treatment stay! Every dollar counts.",
    "Go Lena! Westfield's goalie is off her seizure-med sports restriction and back in net.",
])
def test_a_persons_hyphenated_condition_blocks(phi, text):
    assert blocking(phi, text)


@pytest.mark.parametrize("text", [
    "Our work-injury program now offers on-site ergonomic reviews for local employers.",
    "Most plans cover lung-cancer screening for eligible adults. Call us to check yours.",
])
def test_a_hyphenated_condition_in_general_passes(phi, text):
    assert not blocking(phi, text)


# --- the outside review's classes (lead, 07:45): own variants -----------------------------

@pytest.mark.parametrize("text", [
    "To everyone who has been asking, Maria Santos is recovering well from her stroke.",
    "For those who asked: Derek Holloway is home after his bypass.",
    "Janet Ruiz, RN, is home after her bypass and says hi to the night shift.",
    "Mr. Park's dialysis moves to Tuesdays and Thursdays starting next week.",
    "A preschool swim-class kid from Oak Hollow nearly drowned on Sunday, June 8.",
])
def test_review_variants_block(phi, text):
    assert blocking(phi, text)


@pytest.mark.parametrize("text", [
    "Detour: the Route 9 bypass is closed Saturday, so allow extra time to reach our office.",
    "Swim safety: drowning is silent. Watch kids in the water at all times.",
    "To everyone asking about flu shots: walk-ins are welcome all week.",
])
def test_review_variants_in_general_pass(phi, text):
    assert not blocking(phi, text)
