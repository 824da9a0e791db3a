"""Session 48: the office's offer to check anyone's insurance cover, read in the forms
offices write it (a phone number after it, "a specific plan", "for you", "if you call", no
object in a text about plans), and never beside a story of the reader's own care.

docs/phi.md, "Session 48: the office's offer to check cover". Every sentence is written for
this file (fit, not accuracy); the offers fail on the code before the change (a phone number
after "check yours at" ended the reading at its first digit)."""

from __future__ import annotations

import pytest
from conftest import blocking

OFFERS = [
    "We take most commercial plans. The billing office can check yours at (555) 555-0123.",
    "We're in network with Aetna and Cigna; our front desk can check any specific plan at "
    "555-555-0144.",
    "We accept Medicare and most supplements. Our billing team can check a specific plan for "
    "you.",
    "Yes, we accept Medicaid and most employer plans. The front desk can check a plan if you "
    "call us.",
    "Most plans cover the shingles shot in full; the front desk can check before you come.",
    "We bill most major insurance. For your own plan, our team can check for you over the "
    "phone.",
    "Plans differ on copays for office visits. If you want, we can help you check.",
]

STORIES = [
    # the same offer beside the reader's own care told in words no vocabulary holds
    "The sensors were denied, we saw. The billing office can check yours at (555) 555-0123.",
    "Round two done! We take most plans. Our team can check a specific plan for you.",
    "Since the pump order got held up, our team can check your plan if you call us.",
    "As we said at the desk on Tuesday, the front desk can check your plan by phone.",
    "#TeamPatch Insurance questions? Our front desk can check yours at (555) 555-0123.",
    "Insurance again? The billing office can check your coverage at 555-555-0144.",
    # no cover named anywhere: "yours" and "it" are the reader's something else
    "Our nurse can check yours at (555) 555-0123.",
    # a wish, a sympathy, a promise, or care after the object
    "So glad it worked! We take most plans. The front desk can check yours at 555-555-0144.",
    "Sorry about the hassle. Our team can check a specific plan for you.",
    "We take most plans. Call us and we'll check yours.",
    "The front desk can check your plan for the new sensors.",
]


@pytest.mark.parametrize(("text", "blocks"),
                         [(t, False) for t in OFFERS] + [(t, True) for t in STORIES])
def test_an_offer_to_check_cover_passes_unless_a_story_is_told(rules_phi, text, blocks):
    assert bool(blocking(rules_phi, text, context="reply")) is blocks
