"""Session 56: a post passed on to an everyday group ("my moms group", "our church group", "my
Bible study", "our 4-H club's group page") discloses nothing of the commenter's own: the group's
"group" is no care word, and the audience phrase is read whole ("with my church group", not
"with my church" leaving "group" behind). The look-alikes where the group itself or the rest
tells health stay flagged. Example texts are our own, none from any evaluation set."""

from __future__ import annotations

import pytest
from conftest import flag_names

from policies.moderation import audience, disclosure

RELEASED = [
    "Really clear article on heat rash. Sharing with my moms group.",
    "Forwarded this to my church group, good info on the early signs of shingles.",
    "Passing this on to the ladies in my Bible study, great reminder about bone density.",
    "Helpful post on tick bites, sharing to our 4-H group page.",
    "Sharing with my homeschool group, nice breakdown of the asthma warning signs.",
]


@pytest.mark.parametrize("text", RELEASED)
def test_a_post_passed_on_to_an_everyday_group_discloses_nothing(screened_classifier, text):
    assert audience.without_audience(text) is not None
    assert "self_disclosure" not in flag_names(screened_classifier, text)


KEPT = [
    # the group is care or a condition
    "Sharing with my AA group tonight.",
    "Forwarded this to my breastfeeding group, great info on mastitis.",
    "Sharing with my grief group, good read on sleep after a loss.",
    # the rest tells the commenter's own health
    "Sharing with my moms group, I had postpartum depression after my second.",
    "Forwarded to my church group since I just finished radiation for my shingles pain.",
    # a relative's group
    "Sharing with my sister's moms group, she has gestational diabetes.",
]


@pytest.mark.parametrize("text", KEPT)
def test_own_health_or_a_care_group_beside_an_everyday_audience_is_still_read(
        screened_classifier, text):
    assert audience.without_audience(text) is None or "self_disclosure" in flag_names(
        screened_classifier, text)


def test_the_whole_audience_phrase_is_taken_out():
    rest = audience.without_audience("Shared with my church group, good tips on heat stroke.")
    assert rest is not None and "group" not in rest.lower()


def test_everyday_groups_count_as_care_only_where_asked():
    assert disclosure.mentions_health_or_care("with my moms group")
    assert not disclosure.mentions_health_or_care("with my moms group", everyday_groups=True)
    assert disclosure.mentions_health_or_care("with my aa group", everyday_groups=True)
    assert disclosure.mentions_health_or_care("with my cancer support group",
                                              everyday_groups=True)


# "deal" as an idiom (it matters; the same terms), thanks for the practice's giveaway and
# shouting alone are no offer; an offer still is
DEAL_IDIOMS = [
    "Saturday hours are a huge deal for those of us on the day shift. Thank you!",
    "Free sports physicals are a big deal out here, sharing with the team parents.",
    "What about Humana? Same deal?",
    # the practice thanked for its own giveaway; capitals alone are no spam cue
    "Thanks for running the school supply giveaway, the kids loved it",
    "THANK YOU SO MUCH FOR THE FREE SPORTS PHYSICALS AT THE FAIR!!!",
]
DEAL_OFFERS = [
    "Best deal in town on teeth whitening, message me",
    "Wholesale deal? DM me for prices",
    "Huge deals on scrubs this week only, link in bio",
    "Thank you for the giveaway, DM me to claim your prize",
    "CHEAP FOLLOWERS AND LIKES, MESSAGE ME TODAY",
]


@pytest.mark.parametrize("text", DEAL_IDIOMS)
def test_deal_as_an_idiom_is_no_spam(screened_classifier, text):
    assert "spam" not in flag_names(screened_classifier, text)


@pytest.mark.parametrize("text", DEAL_OFFERS)
def test_a_deal_offered_is_still_spam(screened_classifier, text):
    assert "spam" in flag_names(screened_classifier, text)


# Spanish congratulations without ¡: every word is Spanish we know, so it is judged
@pytest.mark.parametrize("text", ["Felicitaciones Dra. Ibarra! 🎉",
                                  "Felicidades doctor Quintero, bendiciones"])
def test_spanish_congratulations_without_a_mark_are_judged(screened_classifier, text):
    assert "unjudged" not in flag_names(screened_classifier, text)


@pytest.mark.parametrize("text", ["Cảm ơn bác sĩ nhiều lắm", "Maraming salamat po sa inyo"])
def test_languages_we_cannot_read_stay_unjudged(screened_classifier, text):
    assert "unjudged" in flag_names(screened_classifier, text)
