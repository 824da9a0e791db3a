"""Issue 13: a seller's own contact in an advertisement is nobody's identifier
(policies/moderation/selling.py). Every comment here is our own example; each release is paired
with comments of the same shape that tell someone's health and must stay hidden."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from policies.moderation import CommentClassifier, ModerationPolicy, should_auto_hide
from policies.moderation.selling import seller_contact

POLICY = ModerationPolicy()


@pytest.mark.parametrize("text", [
    "Discount orthopedic pillows, 70% off this week only!!! WhatsApp +1 (415) 555-0133",
    "Cheapest CPAP masks online, free shipping, limited stock!!! email deals@sleepgear.example",
    "Wholesale compression stockings, 80% off, bulk orders welcome!!! Text 415-555-0190",
])
def test_an_advertisement_with_the_sellers_contact_is_spam_not_hidden(
        screened_classifier: CommentClassifier, text: str) -> None:
    flags = screened_classifier.classify(text)
    assert "spam" in {f.flag for f in flags}
    assert not should_auto_hide(flags, POLICY)


@pytest.mark.parametrize("text", [
    # the seller's own or a relative's medicine: the number is beside someone's health
    "Selling my extra insulin pens, unopened, cheap!!! text me (415) 555-0162",
    "Selling my dad's leftover oxygen tanks since he passed, cheap!!! text 415-555-0148",
    "Selling extra insulin pens from her fridge, unopened, cheap!!! WhatsApp (415) 555-0162",
    # a named patient in a fundraiser
    "Please pray for Marisol Vega, stage 3 lymphoma, donations via WhatsApp (415) 555-0177",
])
def test_a_contact_beside_someones_health_stays_hidden(screened_classifier: CommentClassifier,
                                                      text: str) -> None:
    assert should_auto_hide(screened_classifier.classify(text), POLICY)


def test_a_contact_is_one_a_call_opens_or_a_link() -> None:
    text = "Knee braces 90% off!! WhatsApp me at (415) 555-0133, or see kneeco.example"
    phone = SimpleNamespace(category="phone", start=text.index("(415)"))
    link = SimpleNamespace(category="url", start=text.index("kneeco"))
    assert seller_contact(text, phone) and seller_contact(text, link)
    other = "Knee braces 90% off!! My neighbor (415) 555-0133 swears by them"
    assert not seller_contact(other, SimpleNamespace(category="phone",
                                                      start=other.index("(415)")))
    # a date or a record number is never a way to reach a seller
    assert not seller_contact(text, SimpleNamespace(category="mrn", start=0))
    handle = "Serums on sale, DM @glow_lab_co"
    assert seller_contact(handle, (handle.index("@"), len(handle)))
    assert not seller_contact("Serums on sale, thanks @glow_lab_co", (23, 36))
