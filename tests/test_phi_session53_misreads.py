"""Three misreadings of text that tells no one's health (session 53, issue 12's false
blocks): a recall's range of serial or lot numbers read as one person's identifier (or,
written "40000–40999", as a phone number); a germ's genus ("Listeria") read as a person's
name; "Check your smoke alarms tonight" read as the reader's own care. Each release comes
with the disclosures beside it that must still block. Every text here is team-written (fit),
none copied from an evaluation set. The released texts all block on main 542e953.

Three more releases of this branch (a job posting's requisition number, a size or angle
after "bed"/"room"/"chair", a language in a list of languages) were withdrawn after two
outside reviews broke them (docs/history/phi.md, "Session 53: English false blocks"): their
shapes read as on main again,
and the disclosures in those shapes are pinned here as blocking."""

from __future__ import annotations

import pytest

from policies.phi import PhiAllowList, PhiScreen


@pytest.fixture(scope="module")
def screen() -> PhiScreen:
    return PhiScreen(PhiAllowList())


def blocking(screen: PhiScreen, text: str) -> list[str]:
    return [f"{f.rule} {f.text!r}" for f in screen.screen(text) if f.severity == "block"]


RELEASED = [
    # a recall's series: a batch of units, no one's device
    "Safety notice: HomeBeat blood pressure cuffs, serial numbers HB400-2200 through HB400-2899, "
    "may read high. Look at the sticker under the cuff.",
    "RECALL: DreamNest crib wedges, lot numbers SN-5520 through SN-5561. Refunds by mail.",
    "For partner clinics: the recall on AeroKind spacer masks covers serials 03310001 "
    "through 03314200.",
    "Vendor notice: a firmware fix is out for FlowSure readers in serial range 62000–62999.",
    # a germ, not a person
    "Undercooked eggs can carry Salmonella and Listeria. Pregnant moms, cook them through.",
    # an errand for every reader, not the reader's care
    "Check your smoke alarms tonight.",
    "A space heater can leak carbon monoxide. Check your detectors tonight.",
]

STILL_BLOCKED = [
    # one person's device, or a series tied to someone
    "Mr. Lyle Dorsey's insulin pump, serial 51744, was swapped Tuesday after his low.",
    "Our patient's pump, serial numbers 51744 through 51749, was checked by the vendor.",
    "MRN 4410022 through 4410029 belong to the Kowalski family, all seen for lead poisoning.",
    # a lab order's number, in or beside a posting
    "Your lab requisition #RQ-55821 is ready for pickup.",
    "Thanks to Mrs. Lee for her patience. We're hiring! Requisition #RQ-55821 was drawn "
    "twice by mistake.",
    # a bed that a patient lies in
    "The patient in bed 6 had a fall at 2am today.",
    # a person named beside the languages, or a list that is people
    "Karen, our Somali interpreter, had her gallbladder out Tuesday.",
    "Karen and Grace both finished chemo this week; Spanish and Somali visits are covered.",
    # a person with a germ (the germ as the only health word: a name beside it blocks)
    "Maria Olsen is home after a week in the hospital with Legionella.",
    # the reader's own care
    "Great seeing you today! Check your blood sugar tonight before bed.",
    "Great seeing you today! Check your dressing tonight.",
    "Check your skin tonight for any new moles.",
]


@pytest.mark.parametrize("text", RELEASED)
def test_a_misread_no_longer_blocks(screen: PhiScreen, text: str) -> None:
    assert blocking(screen, text) == []


@pytest.mark.parametrize("text", STILL_BLOCKED)
def test_the_disclosure_beside_it_still_blocks(screen: PhiScreen, text: str) -> None:
    assert blocking(screen, text)


def test_a_germ_is_no_name_but_no_health_word_either(screen: PhiScreen) -> None:
    # released as a name only: a place read as a name beside a germ does not start to block
    assert blocking(screen, "Jordan Park pool is closed this week after a norovirus "
                            "outbreak; wash your hands.") == []


# Withdrawn after two outside reviews (fbclean_review_s53, fbclean_review2_s53): the job
# reference, bed/room/chair measurement and language-list readings are gone, and these block
# as on main 542e953. The first ten were released by f968f0a; the last three (new wording of
# the shapes the second review found) were released by the narrowed 21845c7.
WITHDRAWN = [
    # a two-item list with a first name, or a list that is its sentence's subject: people
    "Our Burmese translators Karen and Chin came in for their colonoscopies today.",
    "Hmong, Karen and Lao, the three sisters who translate for us, had their flu shots "
    "after the measles exposure.",
    "Somali, Karen and Oromo both translate here and all three had surgery this month.",
    "Lao, Karen and Hmong led the interpreters' walk after their own cancer treatment.",
    # a bed with a reading after a spaced dash, a percentage, or a "range" that runs down
    "Night shift note: bed 4 – 91% on two liters, sleeping now.",
    "Bed 3 - 2 inch gash on his forehead, closed with glue, brave as can be.",
    "Bed 14 to 6 inches of gauze, the wound packed twice daily.",
    # a requisition whose own sentence does not hire, or names the person it is for
    "We're hiring nurses! Requisition #PL-20917 is on the counter for you, come grab it "
    "anytime.",
    "Reference #AP-77810 for the open position: Tamika, we'll call you Monday.",
    "Now hiring for requisition #MD-33120, Gloria; come in Tuesday to sign.",
    # the second review's shapes, in new wording: a bare closing label after a patient's note,
    # a quoted bed number (the closing quote read as inches), a name heading a language list
    "Now hiring two medical assistants, apply online. For the gentleman who phoned about "
    "his blood-draw form: we found it by the printer. Requisition #TX-40417.",
    "The nurses say \"bed 9\" rang the call bell six times, and she has been cheerful "
    "since her mastectomy.",
    "Three cheers for Karen, Hmong and Lao interpreter since 2014, who begins radiation "
    "on Thursday.",
]


@pytest.mark.parametrize("text", WITHDRAWN)
def test_the_withdrawn_shapes_block_as_on_main(screen: PhiScreen, text: str) -> None:
    assert blocking(screen, text)
