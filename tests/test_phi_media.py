"""Photos and biometrics described in a post (policies/phi/media.py): a picture of a patient,
or a biometric capture of one, blocks unless the text states a written authorization; a
picture of staff, a building, an event or an animal passes. Every sentence here was written
for this file."""

from __future__ import annotations

import pytest
from test_phi import blocked

from policies.phi import PhiAllowList, PhiScreen


@pytest.fixture(scope="module")
def phi() -> PhiScreen:
    # the rules alone: these tests pin their constructions (the learned second opinion
    # is tested in test_phi_learned.py and measured by its trainer and bench/phi_eval.py)
    return PhiScreen(PhiAllowList(names=("Dr. Okafor", "Okafor")), learned=False)


@pytest.mark.parametrize(
    "text",
    [
        # a bracket description of a person with health or care in it
        "[Image: grinning boy with his arm in a bright green cast, sitting on our exam table] "
        "Best patient of the week!",
        "[Video: older gentleman taking his first steps with a walker in the rehab hallway] "
        "Every step counts.",
        "(photo: a mom holding her preemie in the NICU) Tiny but mighty!",
        "Pictured: a grandmother in the infusion chair, halfway through her chemo. So strong.",
        # the face is visible, the care is outside the description
        "[Photo: high-schooler grinning at the camera, face clearly visible] Cleared to play "
        "again after that nasty ankle fracture!",
        # a say-so is not an authorization
        "[Photo: man on the stationary bike in our cardiac rehab room] With his blessing, "
        "we're sharing how far he has come since the bypass.",
        "[pic: teen in a sling next to the x-ray viewer] She told us it was fine to post it, "
        "so here's the broken collarbone that ended her season!",
        "📸 With her permission, here she is on the day she rang the bell after chemo!",
        # a teaser about one person, with a picture
        "Look who's back on the court after her ACL repair! 📸",
        # a picture of someone, the care in the same words
        "Grabbed a quick pic of one of our regulars finishing his last round of IV antibiotics!",
        "Sharing a video of a sophomore doing her first full squat since the ankle surgery.",
        # a patient in a described picture
        "[Photo: patient on the treadmill during her stress test] Heart health in action.",
        # a biometric capture the text presents, of a patient
        "Here's the first thumbprint our new kiosk captured, from a longtime dialysis patient!",
        "Listen to this voice recording from one of our Parkinson's patients: hear the tremor?",
        "This iris scan came from a 9-year-old we saw for an eye exam this morning. 👀",
        "Our new finger-vein reader is up and running! Check out the pattern from a patient "
        "who enrolled at her diabetes visit.",
        "Watch this gait video of a runner we're treating for a stress fracture. 🎥",
        "Here's a gait video from one of our young runners, six weeks after her knee "
        "surgery.",
        "Say hi to the first person on our face-scan check-in, a patient since 2009! 📸",
    ],
)
def test_picture_or_biometric_of_a_patient_blocks(phi, text):
    assert blocked(phi, text) & {"photo", "biometric"}


@pytest.mark.parametrize(
    "text",
    [
        # staff, buildings, events, animals
        "[Photo: our nurses in pink scrubs at the finish line of the breast cancer walk] "
        "Proud of this crew!",
        "[Photo: Dr. Okafor and our front desk team cutting the ribbon on the new wing]",
        "[Photo: the renovated waiting room with its new play corner] Come see it!",
        # "her" is the staff member's; "children's" describes a thing
        "[Photo: Dr. Okafor with her new stethoscope on her first day] Welcome to the team!",
        "[Photo: a cart of donated children's books in the pediatric waiting room] Thank you!",
        "[Photo: Juniper the clinic cat asleep on the reception counter] Our real boss.",
        "[Photo: families lining up for face painting at our fall festival] What a turnout!",
        "Pictured: the new mammography suite, opening to patients on Monday.",
        # permission from an organisation, a quote reprinted with permission
        "With their permission, we're sharing the Garden Club's photos of the plant sale.",
        "Look who's back: our pumpkin-spice coffee cart returns to the lobby Friday! 📸",
        # a how-to, a cause in a possessive, a crowd at a talk
        "Our new video shows how to use an EpiPen on a child having a severe allergic reaction.",
        "[Photo: grandkids and grandparents at the walk for Crohn's research] Great morning!",
        "Took a pic of the crowd at our heart health talk: standing room only!",
        # a scanner announced, no capture shown; a capture of staff, or of nobody
        "Our new palm-vein scanner is live at check-in: faster than a card and nothing to lose!",
        "Now offering gait training and balance classes for anyone recovering from a fall.",
        "Here's Dr. Okafor's own retina scan from our new camera: he insisted on going first!",
        "Here's how the fingerprint check-in works: place a finger, wait for the beep, done.",
        "The face-scan check-in is live! 📸 Here's how it works: look at the tablet, that's it.",
        # a written authorization is stated
        "[Photo: teen in a knee brace on the leg press] Signed HIPAA authorization on file. "
        "Two months out from ACL surgery and lifting again!",
    ],
)
def test_picture_or_biometric_of_no_patient_passes(phi, text):
    assert not blocked(phi, text)

