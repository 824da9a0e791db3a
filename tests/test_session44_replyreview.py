"""Session 44, outside review of visits.booking_told (bench/data/replyvisit_review_s44): a
reply confirming the commenter's visit in other words than the rule read passed (other verbs,
"u"/"ur"/"tmrw"/"2p"/"Thurs", an emoji after the time, Spanish, the time in the next
sentence), and replies about a non-care visit the rule did not know blocked (a pumpkin patch,
a tailgate, an inspection, a phone screen, the hiring manager, a ball field, an errand to paint
or to help set up). Every sentence is written for this file, none from the review's probes
(fit, not accuracy); docs/history/phi.md, "Session 44: outside review of the reply-visit
reading"."""

from __future__ import annotations

from functools import cache

import pytest
from conftest import blocking

from policies.phi import PhiScreen
from policies.phi.visits import booking_told

MISSED = [
    # thanks for a visit, other words
    "Thanks a ton for stopping in on Thursday, Iris.",
    "Appreciate you coming by the clinic this afternoon, Hugo.",
    "Thank u for comming in today!",
    "Thanks for coming in to see us this morning, Lou.",
    "Qué bueno que vino el martes, doña Rita.",
    # the reader's slot, other words
    "You're all set for Monday at 3:45, Ned.",
    "We switched your appt to Thursday at 10.",
    "Your new time is the 18th at 2.",
    "You're booked with Dr. Farah for Friday at 9.",
    "We've held the 10:30 spot on Tuesday for you.",
    "You've got the 9:15 slot on Monday.",
    "Le reagendamos para el viernes a las 4.",
    # a clinician seeing the reader, other words
    "Dr. Ito can take you Wednesday at 1.",
    "Our midwife has room for you tomorrow at 2.",
    "Dr. Nash wants to see you back next Monday.",
    "We should be able to see you Thursday afternoon.",
    "The doctor will meet with you tomorrow at 4.",
    "You'll be with Dr. Akers on Friday at 8.",
    "La doctora Vega puede atenderla el lunes.",
    # texted short, an emoji after the time
    "ur appt is Thurs at 2p, Mo!",
    "c u Fri @ 9!",
    "See you tomorrow at 11 🙂",
    "Booked ya for tmrw at 3pm.",
    # the time in the next sentence
    "Dr. Sato will see you. Does Monday at 8:30 suit?",
    "We can fit you in. It's Tuesday at 4.",
    "✅ Confirmed! Thursday 10:15 with Dr. Wren.",
]

NOT_CARE = [
    # false blocks the review found: an event, a vendor, a job, a ball field, an errand
    "See you at the corn maze Sunday at 2!",
    "We'll see you at the tailgate Friday at 6!",
    "We have you down for the roof inspection Tuesday at 7, Ray.",
    "Thanks for coming in with the new brochures Monday, Tina.",
    "We'll see you Thursday at 9 to paint the break room.",
    "Your phone screen with our office manager is Wednesday at 10.",
    "The hiring team will see you Friday at 3.",
    "See you at the baseball diamond Saturday at 10!",
    "Thanks for coming by to help set up the holiday tree Tuesday!",
    # what the new shapes must leave alone
    "We'll see you soon! Doors open at 7 on Friday.",
    "We'll see you soon. Happy Friday!",
    "We can take you off the mailing list today.",
    "Confirmed: we're closed Monday for the holiday.",
    "Lo pasamos muy bien el sábado, ¡gracias!",
    "You're all set for the potluck Saturday at noon!",
    "Thanks for your time on Tuesday, Marcus.",
    "Your set for Friday at 10 was amazing!",
]


@cache
def rules_alone() -> PhiScreen:
    return PhiScreen(learned=False)  # these tests pin the constructions, not the model


@pytest.mark.parametrize("text", MISSED)
def test_a_reply_confirming_a_visit_in_other_words_blocks(text):
    assert booking_told(text) is not None
    # (some block by another reply rule first)
    assert blocking(rules_alone(), text, context="reply")


@pytest.mark.parametrize("text", NOT_CARE)
def test_a_visit_that_is_no_care_passes(text):
    assert booking_told(text) is None
    assert not blocking(rules_alone(), text, context="reply")


@pytest.mark.parametrize("text", MISSED + NOT_CARE)
def test_as_a_post_nothing_is_read(text):
    assert not blocking(rules_alone(), text, context="post")
