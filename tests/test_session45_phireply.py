"""Session 45: a reply that tells anyone what the practice does passes, even to a reader it
greets by name; a reply that confirms the reader's own care still blocks.

Classes released (docs/history/phi.md, "Session 45: general replies"):
- the practice giving care in the present tense to nobody in particular
  (offers.practice_gives): "we do carry ...", "Dr. X does sports physicals", "the hearing
  screening we use";
- routine care everyone gets, named as a service (offers._ROUTINE): "our well-baby checkups";
- "check" whose object is the reader's cover, not their body (judge._cover_checked);
- the pharmacy or PCP everyone has, in advice for anyone ("ask your pharmacy to ...",
  "any clinic or pharmacy can ...", "right for your situation");
- "the ER or 911" (offers.emergency_advice), "or book a visit", "any checkup", "you may not
  need a referral" (offers.OFFER).
Every sentence is written for this file (fit, not accuracy)."""

from __future__ import annotations

import pytest
from conftest import blocking

GENERAL = [
    # the practice giving care to anyone, in the present tense
    "Hi Marcy! Yes, Dr. Albrecht does sports physicals all through the fall, just call to book.",
    "We do carry the high-dose flu shot this fall while it lasts.",
    "The hearing screening we use is the same one the school district uses.",
    # routine care named as a service, to a reader greeted by name
    "Good morning Gina! NP Delgado runs our well-baby checkups on Thursday mornings.",
    # checking the reader's cover
    "Our billing staff can check your insurance plan by phone.",
    "Hi Wendell, we're in network with Aetna; our team can check your coverage by phone.",
    # the pharmacy everyone has, in advice for anyone
    "For a refill, please ask your pharmacy to fax us the request.",
    "Tetanus boosters are due every ten years, Ivan, and any clinic or pharmacy can give one.",
    "A phone visit may be right for your situation, so give us a ring.",
    # the emergency line, an invitation to book, a requirement nobody has to meet
    "Crushing chest pain that won't ease? Head to the ER or call 911.",
    "A cut that keeps gushing needs the ER or 911, not a comment thread.",
    "One number alone rarely tells the story. Go over it with your own doctor, or book a "
    "visit here.",
    "Good news: you might not need a referral, so call and ask the desk.",
]

CONFIRMS = [
    # the same verbs, given to this reader, at a time, or done already
    "Hi Dana, Dr. Albrecht does your stitches removal on Friday.",
    "Hi Leo, Dr. Albrecht does see you for the wound check next week.",
    "Sam, our clinic does treat your son's asthma, so keep the spacer handy.",
    "The sutures we put in should dissolve in a week, Jo.",
    "Hi Nora, the biopsy we did came back fine.",
    "Hi Max, our nurses do treat the wound on your leg every Monday.",
    "We do the cast removal for you tomorrow, Kim.",
    "We stock the insulin pens you take, Rosa.",
    "Dr. Ortiz does see Jess's little one for the ear infection, no worries.",
    # ... or after a wish anywhere in the reply, or a condition in a sentence spoken to them
    "Congrats!! We stock the prenatal vitamins at the front desk.",
    "Feel better soon! The strep tests we do take ten minutes.",
    "Rough week, huh? The chemo we give runs four hours, so bring a book.",
    # a condition offered to a reader the reply names tells theirs
    "Hi Sam, Dr. Lee treats depression and anxiety.",
    "Hi Al, our nurses run the diabetes support group you joined.",
    # "check" of the body, or cover beside the reader's own care
    "We'll check your incision at the follow-up, Ravi.",
    "Our team checked your coverage and your MRI is approved, Deb.",
    # a promise to act on the reader's account, cover for a thing they use, or a wish
    "We'll check your coverage and call you back, Lena.",
    "The front desk can check your plan for the glucose sensors.",
    "So glad the new patch is working! Our team can check your plan by phone.",
    # the same invitations, to a reader named with their own care, or after a wish
    "So glad the ER or 911 crew got you sorted, Lou!",
    "Same as last time, Nell: if the wheezing comes back, go to the ER or call 911.",
    "After hours, head to the ER or call 911. #dialysisstrong",
    "Jo, please book a recheck visit for your ankle.",
    "Your biopsy is back; please book a visit to go over it.",
    "Hi Cal, you may not need a referral for the dialysis unit we discussed.",
    # the pharmacy in a wish about the reader's care, or with what a clinician chose
    "Ask your pharmacy for the generic Dr. Ames picked.",
    "Glad your pharmacy got the new inhaler to you, Pat!",
]


@pytest.mark.parametrize("text", GENERAL)
def test_a_general_reply_passes(rules_phi, text):
    assert blocking(rules_phi, text, context="reply") == []


@pytest.mark.parametrize("text", CONFIRMS)
def test_a_reply_that_confirms_the_readers_care_blocks(rules_phi, text):
    assert blocking(rules_phi, text, context="reply")


def _gives(text: str, word: str) -> bool:
    from policies.phi.offers import practice_gives  # here: the screen tests run without it

    start = text.index(word)
    return practice_gives(text, start, start + len(word), (0, len(text)))


@pytest.mark.parametrize(("text", "word", "expected"), [
    ("We do carry the high-dose flu shot this fall.", "flu shot", True),
    ("The hearing screening we use is the district's.", "hearing screening", True),
    ("NP Delgado runs our well-baby checkups on Thursday mornings.", "checkups", True),
    # past tense, a recipient, one day, a removal: someone's care
    ("We did the biopsy last week.", "biopsy", False),
    ("Our nurses treat the wound on your leg.", "wound", False),
    ("Dr. Albrecht does the wound check on Friday.", "wound check", False),
    ("Dr. Albrecht does see you for the wound check.", "wound check", False),
    ("We do the stitches, then they come right out.", "stitches", False),
])
def test_practice_gives_reads_tense_recipient_and_time(text, word, expected):
    assert _gives(text, word) is expected
