"""Session 48: the office's offer to check anyone's insurance cover, in the forms offices
write it (a phone number after it, "a specific plan", "for you", "if you call", no object
in a text about plans). A release of these was built, measured and withdrawn (docs/phi.md,
"Session 48: English false blocks"; commit 6db2107 holds it). What stays is its checks:

- OFFERS: the release passed them; the screen blocks them ("check" is a care word, and
  `judge._cover_checked` reads the bare offer only when nothing, not even a phone number,
  follows the object). xfail until a release that meets the decision rule lands.
- STORIES: the same offer beside the reader's own care told in words no vocabulary holds
  (a past event, a day, a hashtag, a reference back, a wish, care after the object). They
  block now and must keep blocking under any later release.
- LEAKS: disclosures of that shape the screen passes today, because a sentence that opens
  "We take most ..." is general wording (`judge._GENERIC`) and clears every care word in
  it, a wish in the sentence before included. xfail: open, found by this session's probes.

Every sentence is written for this file (fit, not accuracy)."""

from __future__ import annotations

import pytest
from conftest import blocking

OFFERS = [
    "We take most commercial plans. The billing office can check yours at (555) 555-0123.",
    "We accept Medicare and most supplements. Our billing team can check a specific plan for "
    "you.",
    "Yes, we accept Medicaid and most employer plans. The front desk can check a plan if you "
    "call us.",
    "We bill most major insurance. For your own plan, our team can check for you over the "
    "phone.",
    "Plans differ on copays for office visits. If you want, we can help you check.",
]

STORIES = [
    "The sensors were denied, we saw. The billing office can check yours at (555) 555-0123.",
    "Round two done! We take most plans. Our team can check a specific plan for you.",
    "Since the pump order got held up, our team can check your plan if you call us.",
    "#TeamPatch Insurance questions? Our front desk can check yours at (555) 555-0123.",
    "Insurance again? The billing office can check your coverage at 555-555-0144.",
    # no cover named anywhere: "yours" is the reader's something else
    "Our nurse can check yours at (555) 555-0123.",
    # a wish, a sympathy, a promise, or care after the object
    "So glad it worked! We take most plans. The front desk can check yours at 555-555-0144.",
    "Sorry about the hassle. Our team can check a specific plan for you.",
    "We take most plans. Call us and we'll check yours.",
    "The front desk can check your plan for the new sensors.",
]

LEAKS = [
    "As we said at the desk on Tuesday, the front desk can check your plan by phone.",
    "Round two done! We take most plans, and our team can check a specific plan for you.",
    "So glad it worked! We take most plans; the front desk can check yours at 555-555-0144.",
    "We take most plans; the front desk can check your plan for the new sensors.",
]

_WITHDRAWN = pytest.mark.xfail(strict=True, reason="release withdrawn (decision rule not met)")
_OPEN = pytest.mark.xfail(strict=True, reason="passes today: general wording clears it")


@pytest.mark.parametrize(("text", "blocks"),
                         [pytest.param(t, False, marks=_WITHDRAWN) for t in OFFERS]
                         + [(t, True) for t in STORIES]
                         + [pytest.param(t, True, marks=_OPEN) for t in LEAKS])
def test_an_offer_to_check_cover_and_the_readers_own_story(rules_phi, text, blocks):
    assert bool(blocking(rules_phi, text, context="reply")) is blocks
