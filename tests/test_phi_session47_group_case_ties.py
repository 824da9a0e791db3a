"""Session 47: attack probes against the group-rate and teaching-case release (session 46's,
brought back with the outside review's fixes), kept as a release check after the release was
measured and withdrawn (docs/history/phi.md "Session 47: group rates ...").

The release (commit c17eec2, `_rate_of_group`, `_top_coded_group`, `_untied_case`): a rate over
a large group of patients names no one, "90 and over" told of a group is no age, and one rare
condition of a person the text introduces with "a/an" is a teaching case. Each must-block probe
is a way a patient could slip through such a release (a house number, a small denominator, a
home, workplace, school, team, family or day tying the group; a second sentence, a holiday,
an event, a relative, a wish or a name tying the case): all block on main and must keep
blocking under any later release. The must-pass texts are what the release passed; main
blocks them (xfail) until a release that loses nothing lands. Every sentence was written for
this file (team-written: fit, not accuracy)."""

from __future__ import annotations

import pytest
from conftest import blocking

from policies.phi import PhiScreen


@pytest.fixture(scope="module")
def phi() -> PhiScreen:
    return PhiScreen()  # as shipped: rules and the learned parts


MUST_BLOCK = [
    # rates over a group tied to a home, a workplace, a school, a team, a family, a day
    "Of our patients who live at 418 Larkspur Lane, 100% tested positive for hepatitis A.",
    "Of our patients who work at Delgado's Tortilla Shop, 100% came down with norovirus.",
    "Of our patients in the Whitcomb family, 2 out of 3 carry the BRCA2 variant: 67%.",
    "Of our patients who attend Lincoln Elementary, 40% had head lice this month.",
    "Of the patients we saw yesterday, 90% had food poisoning from the church supper.",
    "After Thanksgiving, 80% of our patients on the Okafor side had the stomach flu.",
    "Of our patients on the wrestling team, 50% have ringworm right now.",
    "Of our patients in Mrs. Petrakis's third-grade class, 30 percent have strep.",
    "Of our patients who went to the Hendricks wedding, 100% got salmonella.",
    "Of our patients at the group home on Elm, 60% have hepatitis C.",
    "Of our patients who are firefighters at Station 4, 100% tested positive for COVID.",
    "This winter 80% of our patients with scabies needed a second treatment. They all share "
    "one farmhouse off County Road 12.",
    "Three out of four of our patients with measles, 75%, caught it at one sleepover.",
    "n=4: 100% of our patients with Lyme disease had camped at one site.",
    "Of our patients who came in on Christmas morning, 100% had firework burns.",
    "Of our patients from apartment 3B, 100% have tuberculosis.",
    "65% of our patients with shingles this fall are from one address on the east side.",
    "Of our patients with hepatitis B, a handful, 60% are siblings who share a house.",
    "Of our patients whose kids play for the Hornets, 50% have pink eye.",
    "100% of our patients with Gaucher disease are now on enzyme therapy.",
    "Of our patients with syphilis this quarter, 100% trace back to one party.",
    "Of our patients with chlamydia, 40% are members of one youth group. They all know.",
    # Safe Harbor's "90 or older" with a place or a small group
    "Our patients aged 90 and over at Willow Creek Manor: 100% had a fall this year.",
    "Both of our patients over age 90 on Birch Hollow Road had pneumonia in March.",
    # teaching cases tied to someone by another sentence, a holiday, an event, a name
    "A teen came in with costochondritis. His mom, our front-desk lead, said we could tell "
    "his story.",
    "A woman came in with sarcoidosis. Yes, it was the mayor.",
    "A man came in on Christmas morning with costochondritis.",
    "A woman came in with tinea corporis the day after the county fair, where she judges "
    "the pies.",
    "A teen came in with costochondritis. You probably cheered for him at Friday's game.",
    "A retiree came in with sarcoidosis after the homecoming parade.",
    "A cashier came in with tinea corporis. Her boss at the hardware store sent her over.",
    "A teen came in with costochondritis; her twin sister plays on our softball team.",
    "A woman came in with sarcoidosis. Many of you know her from the bakery counter.",
    "A man came in with sarcoidosis. Mike, we're all rooting for you!",
    "A woman with a large port-wine birthmark came in with costochondritis.",
    "A teen came in with costochondritis this week after the regional wrestling meet.",
    "A teen came in with costochondritis. Hope you're feeling better, buddy!",
    "A local legend came in with sarcoidosis after years of ignoring a cough.",
    "A woman came in with sarcoidosis. She runs the flower shop by the courthouse.",
    "A man came in with costochondritis. He lives above the hardware store.",
    "A teen came in with tinea corporis. Please keep her in your prayers.",
    "A regular came in with costochondritis; longtime readers will remember him.",
    # a second round, written after the first round all blocked
    "Of our patients with HIV who ride the early ferry, 40% are now undetectable.",
    "Of our patients with hepatitis C who use the needle exchange behind the laundromat, "
    "30% are cured.",
    "Of our patients who drive for Lone Star Freight, 35% have sleep apnea.",
    "Of our patients who bowl with the Pin Pals, 40% have gout.",
    "Of our 3 patients with leprosy, 33% finished treatment.",
    "Of our patients who drive trucks for the co-op, 35% have sleep apnea.",
    "Of our patients at the county jail, 45% have hepatitis C.",
    "In our patients who worship at St. Agnes, 25% tested positive for measles.",
    "72% of our patients with HIV are women. Sound familiar, Eastside?",
    "60% of our patients with gonorrhea this fall caught it from one person.",
    "50% of our patients with HIV are my cousins.",
    "Only 2% of our patients have HIV, and you know who you are.",
    "25% of our patients with hepatitis C are our own nurses.",
    "40% of our patients with scabies are related to each other.",
    "An elderly man came in with sarcoidosis. Folks at the VFW will know who we mean.",
    "A teen came in with costochondritis. Go Wildcats!",
    "A girl came in with tinea corporis. Her picture is on our wall.",
    "A woman came in with sarcoidosis. She was the grand marshal last summer.",
    "A man came in with costochondritis. He coaches Little League.",
    "A woman came in with costochondritis after her shift at the Dollar General.",
    "A woman came in with sarcoidosis. Ask for her autograph at the library.",
    "A man came in with sarcoidosis. Small towns talk; you can guess.",
    "A man came in with costochondritis. He's the one with the red pickup.",
    "A woman came in with sarcoidosis, the third in her family.",
    "A woman came in with sarcoidosis. Third pew, every Sunday.",
    "A man came in with costochondritis. Everybody on Main Street knows him.",
    "A teen came in with costochondritis, the same week she set the school mile record.",
    "A woman came in with tinea corporis. She cuts hair two doors down from us.",
    # a third round: Safe Harbor's "90 or older" told of one person
    "A patient over age 90 was admitted with sepsis and pneumonia.",
    "The oldest of our patients, over age 90, had a hip replacement.",
    "Patients aged 90 and over: one had dialysis, and she's a retired judge.",
    "Our only patient aged 90 and over had a stroke last month.",
    "Just one of our patients aged 90 and over has HIV.",
    "Of our patients aged 90 and over, 1 in 2 had a fall; both live alone.",
    "Patients aged 90 and over at the VA home made up 30% of flu cases.",
    # a count beside a name is still a name
    "Hats off to Misty one of our patients with lupus who ran the 5K!",
]

MUST_PASS = [
    "81% of our patients with hypertension had their blood pressure under control at their "
    "last visit.",
    "Of the 312 patients who started our diabetes program, 64 percent lowered their A1c.",
    "Quality report: 72% of our patients with asthma now have an action plan on file.",
    "About 40 percent of our patients with COPD used their inhaler wrong before coaching.",
    "An adult came in with costochondritis after a long cough. Rest and ibuprofen settled it.",
    "A teen came in with tinea corporis. Showers right after practice help prevent it.",
    "An older adult came in with actinic keratosis on the forehead. Daily sunscreen helps.",
    "A woman with a dry cough had costochondritis. Warm compresses and time helped.",
    "Among our patients aged 90 and over (n=212), the flu shot rate was 88%.",
    "Twenty-one of our patients finished cardiac rehab in 2025.",
    "Forty-one of our patients over age 90 had a flu shot this fall.",
    "Last year 38 people aged 90 and over finished our balance program.",
]


@pytest.mark.parametrize("text", MUST_BLOCK)
def test_a_tied_group_or_case_still_blocks(phi, text):
    assert blocking(phi, text)


@pytest.mark.xfail(reason="main blocks these; the session 47 release that passed them was "
                   "withdrawn (docs/phi.md)", strict=False)
@pytest.mark.parametrize("text", MUST_PASS)
def test_a_large_group_or_an_untied_case_passes(phi, text):
    assert blocking(phi, text) == []


def test_the_probe_counts_meet_the_brief():
    assert len(MUST_BLOCK) >= 25 and len(MUST_PASS) >= 10
