"""A hall, lodge or library read as a person (session 55, issue 12's English false blocks):
the small model tags "Grange Hall", "Parish Hall", "Masonic Lodge" or "the Dunmore library"
PERSON, and once a "person" stands in an event notice its date and the venue's address read
as a patient's. Now a capitalised span ending in a building's noun is the building when the
word before a noun that is also a surname (hall, lodge, chapel, church ...) is one no one is
named (parish, legion, grange, elks ...), and the address right after such a building is
the venue's (`candidates.venue_name`, `addresses._VENUE_BEFORE`). Every text here is
team-written (fit), none copied from an evaluation set; the released texts all block on
main 34f9b14."""

from __future__ import annotations

import pytest
from conftest import blocking

from policies.phi import PhiAllowList, PhiScreen
from policies.phi.candidates import venue_name


@pytest.fixture(scope="module")
def screen() -> PhiScreen:
    return PhiScreen(PhiAllowList())


RELEASED = [
    "Lunch-and-learn on menopause, Wednesday, March 4, noon, Grange Hall, 55 Mill Road.",
    "Heart health talk at the Hartley Elks Lodge, 220 Front St, Tuesday, February 10 at 6 pm. "
    "Blood pressure checks after.",
    "Save the date: Family Medicine Grand Rounds, May 14, 2026 at 7 am, St. Columba's Parish "
    "Hall, 18 Vine St. Guest speaker Dr. Lee on tick-borne illness.",
    "Lakota story hour plus kids' flu shots at the Dunmore library, 12 Q Street, Saturday 5/9 "
    "at 10 a.m.",
    # written after the change, before screening (blocked on main, pass here)
    "Save the date: Women's Heart Night, Feb 19, 2026, 6 pm, Grace Lutheran Fellowship Hall, "
    "77 Oak St.",
    "Grief support circle, Wednesdays at 7 p.m., Masonic Lodge, 210 Pine St.",
]

STILL_BLOCKED = [
    # a person whose surname is the venue noun
    "Get well soon, Jane Hall! Your whole care team is cheering for that new hip.",
    "Monty Hall, 81, came through his bypass at our clinic like a champ.",
    "Prayers for Tom Riley Hall as he starts dialysis with us this week.",
    "Ruth Lodge finished her last radiation treatment today and rang the bell!",
    "Jane Hall, 12 Elm St, missed her insulin pickup; can someone drop it by?",
    "Please mail the discharge packet to Ruth Ann Lodge, 44 Pine Rd, after her knee surgery.",
    "Congratulations to Pete Gym for completing cardiac rehab at our clinic!",
    "Congrats to Grace Hall on finishing chemo at our cancer center today!",
    "Please call Nell Grange at 555-0182 about her mammogram results.",
    "Hugs to Lily Church, 9, whose asthma attack sent her to our ER Saturday.",
    # a venue-shaped name a person's cue follows
    "Grange Hall had his stents placed here Monday and is feeling great.",
    # one person singled out at the venue (an outside review's shape, session 10, in new
    # words): a person's cue after the venue noun keeps the reading as before
    "Thinking of the only librarian at the Pell library, who starts radiation Monday.",
    "Hugs to the lone custodian at Grange Hall, who is home after his bypass.",
    # a patient named at the venue's event
    "Join us Thursday, March 5 at 6 p.m. at Grange Hall, 55 Mill Road, to cheer on Dale "
    "Hutchins, who just finished his last round of chemo with us.",
    "Save the date: Grand Rounds, May 14 at 7 am, St. Columba's Parish Hall. Our patient Lena "
    "Ortiz will share her lupus journey.",
    "Sue Chapel, 64, of 18 Vine St, is recovering from pneumonia after her stay with us.",
    # narrowed after the outside review (s55-review1), new wording; both passed on s55-enfb
    # c9582c7: an age told as "N years old", and a home unit at a building-named address
    "Shout-out to Grange Hall, 9 years old, for finishing physical therapy after a broken "
    "femur!",
    "Home health visit for a homebound patient: Birchwood Annex, 22 Alder Way, Unit 3.",
]


@pytest.mark.parametrize("text", RELEASED)
def test_venue_is_not_a_person(screen: PhiScreen, text: str) -> None:
    assert blocking(screen, text) == []


@pytest.mark.parametrize("text", STILL_BLOCKED)
def test_person_named_like_a_venue_still_blocks(screen: PhiScreen, text: str) -> None:
    assert blocking(screen, text)


@pytest.mark.parametrize(("text", "span", "venue"), [
    ("Grange Hall, 55 Mill Road.", "Grange Hall", True),
    ("the Hartley Elks Lodge, 220 Front St", "Hartley Elks Lodge", True),
    ("Cary Library, 107 Main St", "Cary Library", True),
    ("at the Dunmore library on Friday", "Dunmore", True),
    ("Jane Hall finished chemo", "Jane Hall", False),
    ("Pete Gym finished rehab", "Pete Gym", False),
    ("Trinity Chapel finished rehab", "Trinity Chapel", False),
    ("Mia Church, 7, got her cast off", "Mia Church", False),
    ("Grange Hall had his stents placed", "Grange Hall", False),
    ("Mayor Grange Hall spoke", "Grange Hall", False),
    # narrowed after the outside review: a listed first name before modifier + surname-like
    # noun is a person ("Doris Main Hall"); an age told "aged 9" or "9 years old"; "She"/"He"
    # opening the next sentence. A possessive saint's name before them stays a building.
    ("Doris Main Hall is home", "Doris Main Hall", False),
    ("Karen Scout Hall spoke", "Karen Scout Hall", False),
    ("St. Columba's Parish Hall, 18 Vine St", "St. Columba's Parish Hall", True),
    ("Grange Hall, aged 9, got a cast", "Grange Hall", False),
    ("Grange Hall, 9 years old, got a cast", "Grange Hall", False),
    ("Grange Hall finished chemo. She is fine", "Grange Hall", False),
])
def test_venue_name(text: str, span: str, venue: bool) -> None:
    start = text.index(span)
    assert venue_name(text, start, start + len(span)) is venue
