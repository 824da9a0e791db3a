"""A house-number street address (or a PO box) in a text that tells one person's health or
care is an identifier beside PHI, wherever the person and the health are in the text
(policies/phi/addresses.py, session 47); the practice's, an event's or a venue's address
passes. Every sentence here was written for this file (team-written: fit)."""

from __future__ import annotations

import pytest

from policies.phi import PhiAllowList, PhiScreen
from policies.phi.addresses import addresses
from policies.phi.findings import BLOCK


@pytest.fixture(scope="module")
def phi() -> PhiScreen:
    # the rules alone: these tests pin the construction, not the learned second opinion
    return PhiScreen(PhiAllowList(), learned=False)


MUST_BLOCK = [
    ('She just moved into 55 Harbor St and started dialysis here.', "post"),
    ('He moved to 55 Harbor St. His chemo starts Monday.', "post"),
    ('A newcomer came in with tinea corporis. She just moved into 55 Harbor St.', "post"),
    ('He finally got settled at 72 Juniper Ave. after his knee replacement.', "post"),
    ("Good news: she's back home at 903 Aspen Rd. Her stroke rehab went so well.", "post"),
    ("He's been at 1412 N. Elm for a year, and his heart failure is under control now.", "post"),
    ('She rents 310 Pine, apt 2 and needs her insulin delivered weekly.', "post"),
    ("Unit 4B, 88 Bay Rd. He is recovering from surgery and can't do stairs.", "post"),
    ("Send get-well cards to PO Box 12. He's home after his bypass.", "post"),
    ('The woman in 14 Birch Lane, Millbrook OH 45101 is still in hospice.', "post"),
    ('Our patient from 27 Walnut Ct has finished radiation!', "post"),
    ('She lives at 19 Cedar Dr 20852 and her asthma flares every spring.', "post"),
    ('He came in with pneumonia. He stays at 640 Laurel Blvd, Apt 12.', "post"),
    ("Glad he's feeling better! Tell him 48 Maple St misses him after his chemo.", "reply"),
    ('We remember her from 5 Quarry Rd. Her lupus diagnosis was hard on everyone.', "reply"),
    ('A young man at 201 Willow Way started methadone with us last week.', "post"),
    ('The girl from 33 Ridge Rd had her tonsils out and is doing great.', "post"),
    ('He drove himself from 118 Orchard Ln to his dialysis on Tuesday.', "post"),
    ('She is staying at 402 Fern St., Unit 3 while her broken hip heals.', "post"),
    ('My dad at 9 Mill Rd just finished his last round of chemo.', "post"),
    ('Her new place is 58 Spring St. She was diagnosed with diabetes in May.', "post"),
    ('He moved to 77 Spruce Apt 5 and his depression is so much better.', "post"),
    ('Congrats to the little boy at 12 Heron Pl who beat leukemia!', "post"),
    ("She was discharged yesterday. She's resting at 300 W. Main, #4.", "post"),
    ('He still lives at 1500 Bluff Rd, Dayton, OH 45402 and gets wound care twice a week.', "post"),
    ('This grandmother at 61 Chestnut Ave is learning to live with COPD.', "post"),
    ('He got his cast off. Find him at 8 Lark Ln if you want to say hi.', "post"),
]

MUST_PASS = [
    ('Flu shots Saturday at 55 Harbor St', "post"),
    ('Our new office at 210 Main St opens Monday', "post"),
    ("Health fair at Lincoln Elementary, 45 School St, on Saturday: free blood pressure "
     "checks!", "post"),
    ('Please drop off donations at 88 Bay Rd for families facing cancer.', "post"),
    ('Free diabetes screening at the YMCA, 400 Oak Ave, this Thursday.', "post"),
    ("Need a pharmacy late? The one at 12 Main St is open until 10pm for your "
     "prescriptions.", "post"),
    ('We moved! Find us at 300 Pine St starting June 1.', "post"),
    ('Dr. Reyes joins our team at 210 Main St; she treats asthma and allergies.', "post"),
    ('Walk-in vaccines at our clinic, 14 Elm St, Suite 200.', "post"),
    ('Parking for the blood drive is behind 19 Cedar Dr.', "post"),
    ('The food pantry at 5 Quarry Rd helps families managing diabetes on a budget.', "post"),
    ("Register for our CPR class at 640 Laurel Blvd, Suite 3.", "post"),
    ('He loves his new bike! Ride safe on 1st Street.', "post"),
    ('Our booth at the farmers market, 22 Hill Rd, has free sunscreen.', "post"),
    ('Mammograms by appointment at our office, 77 Spruce Ave.', "post"),
    ('Join us for a diabetes workshop at the library, 9 Mill Rd.', "post"),
    ('The health fair at 12 Heron Pl had 300 visitors; thank you all!', "post"),
    ('Our mobile clinic will be at 402 Fern St. for flu shots on Tuesday.', "post"),
    ('A reminder: our office at 58 Spring St is closed Friday.', "post"),
    ("Cholesterol tip: walk 30 minutes a day. Our office at 61 Chestnut Ave has a walking "
     "club.", "post"),
    ('Send donations to PO Box 12 to support our free clinic.', "post"),
    ('A man walks into 9 Main St and orders coffee.', "post"),
    ("Dr. Reyes treats asthma. She sees patients at 210 Main St.", "post"),
]


def _address_blocks(phi: PhiScreen, text: str, context: str) -> bool:
    return any(f.severity == BLOCK and f.category == "geographic"
               for f in phi.screen(text, context=context))


@pytest.mark.parametrize("text,context", MUST_BLOCK)
def test_address_beside_ones_health_blocks(phi, text, context):
    assert _address_blocks(phi, text, context)


@pytest.mark.parametrize("text,context", MUST_PASS)
def test_practice_event_and_venue_addresses_pass(phi, text, context):
    assert not any(f.severity == BLOCK for f in phi.screen(text, context=context))


@pytest.mark.parametrize(
    "text,found",
    [
        ("moved to 1412 N. Elm and", "1412 N. Elm"),
        ("rents 310 Pine, apt 2 and", "310 Pine, apt 2"),
        ("Unit 4B, 88 Bay Rd.", "Unit 4B, 88 Bay Rd"),
        ("at 77 Spruce Apt 5 now", "77 Spruce Apt 5"),
        ("1412 N Elm, Dayton OH 45402", "1412 N Elm, Dayton OH 45402"),
        ("write to PO Box 12 please", "PO Box 12"),
    ],
)
def test_suffixless_and_unit_forms_are_addresses(text, found):
    assert [text[h.start : h.end] for h in addresses(text, PhiAllowList())] == [found]


@pytest.mark.parametrize(
    "text",
    ["She is one of 3 E. coli cases", "The 12 Apostles walked", "Our 3 N. Carolina sites"],
)
def test_no_street_without_suffix_direction_or_unit(text):
    assert list(addresses(text, PhiAllowList())) == []
