"""Session 9 (probe classes): classes of misses the team's probe set (bench/data/phiprobe_s9)
and the training sets showed, each fixed as a construction, not a sentence. Every sentence
here was written for this file (team-written: fit, not accuracy); each class is tested on
both sides."""

from __future__ import annotations

import pytest

from policies.phi import PhiAllowList, PhiScreen

ALLOW = PhiAllowList.from_toml({
    "allow_names": ["Willow Bend Clinic", "Willow Bend", "Dr. Nora Haines", "Dr. Haines",
                    "Trevor Lang", "Trevor"],
    "allow_domains": ["willowbend.example"],
})


@pytest.fixture(scope="module")
def blocks():
    """Whether the rules alone block a text (these tests pin the constructions, not the
    learned second opinion)."""
    screen = PhiScreen(ALLOW, learned=False)
    return lambda text, context="post": any(
        f.severity == "block" for f in screen.screen(text, context=context))


BLOCKS = {
    # a tag in its other forms; the colon form's names stop at the first lower-case word
    "tag_colon": "Tagged: Oren Bask, our patient of the week, with the whole front desk crew.",
    "tag_after": "[Pic: balloons in the lobby, Della Frye tagged] Ten years of Tuesdays with "
                 "us!",
    # ... and still in lower case after "Tagged:" (main blocked it; the first fix released it)
    "tag_colon_lower": "Great pic from the 5K! Tagged: jenny cho, ron tillman",
    "tag_with_line": "Graduation night for our weight-loss class!! — with Hal Brandt and Wes "
                     "Okoro",
    # the practice's other words for its patients
    "client": "Big thanks to our client Milo Grant for the lovely card!",
    "participant": "One of our study participants, Nadia Kerr, stopped by with cookies.",
    # ages over 89 in words
    "word_age": "He turned a hundred and three on Saturday and still does his own crossword.",
    "word_ordinal_age": "Happy ninety-eighth birthday to our favorite regular!",
    # everyday care words the code lists lack, and words that are care only as someone's own
    "lay_word": "Deacon Moss finished immunotherapy this week. So proud of him!",
    "diabetic": "Our favorite barista found out she was diabetic last spring and now "
                "teaches a cooking class!",
    # a quoted nickname known from a place, or after "our favorite <noun>"
    "nickname_from": '"Turbo Tom" from the hardware store got his stitches out today.',
    "nickname_apposed": 'Happy birthday to our favorite frequent flyer "Sparky" — three '
                        "months off the nebulizer!",
    # a named person joining or finishing one of the practice's care programs
    "program": "Congrats to Rosa Linde, who has dropped 30 pounds since joining our diabetes "
               "prevention program!",
    "program_welcome": "Welcome Ted Alvarez to our Thursday weight-loss group!",
    # a condolence tied by where the person spent their care
    "condolence_unit": "Rest in peace, Arlo Finch. You lit up our balance class for years.",
    # a unit at a named residential complex, in a text with care
    "dwelling": "Our wound-care nurse drives to the Cedar Flats mobile home park, lot 14, "
                "twice a week. Dedication!",
    # a recovery wish with a body part someone has
    "wish_body_part": "Get well soon, Marisa Quon! Take it easy on that ankle.",
}
REPLY_BLOCKS = {
    "saw_family": "We saw your husband yesterday and he's in good hands.",
    "owned_echo": "Dr. Haines went over your echo and would like you to call us.",
    "owned_beta": "We'll call with your beta on Monday, fingers crossed!",
}
PASSES = {
    "tag_with_officials": "Ribbon cutting at the new wing — with Mayor Lina Ortega and "
                          "Pastor Helen Grayson.",
    "tag_with_staff": "Staff picnic photos — with Trevor and Joelle!",
    "client_portal": "Our client portal now shows lab results the day they come in.",
    "client_job": "Meet Joelle, our new client services coordinator.",
    "practice_turns": "Willow Bend turns ninety this spring! Cake in the lobby Friday.",
    "lay_word_topic": "Immunotherapy is changing how we treat some cancers. Join our talk.",
    "nickname_staff": 'Our "Flu Fighters" from the front desk team got their shots today!',
    "program_leader": "Nurse educator Ana Brill leads our diabetes prevention class on "
                      "Mondays.",
    "program_helped": "Since 2019, Ana Brill has helped our diabetes prevention class grow.",
    "condolence_staff": "Rest in peace, Jean Miller, who ran our diabetes class for twenty "
                        "years.",
    "parking_lot": "Parking is in lot 3 behind the Willow Springs Apartments during flu "
                   "clinic.",
    "wish_cards": "Get well soon cards for the kids' ward can be dropped at our front desk.",
}
REPLY_PASSES = {
    "saw_post": "We saw your post this morning, thanks for sharing!",
    "saw_event": "We saw you at the 5K on Saturday, great job!",
}


CASES = ([(t, "post", True) for t in BLOCKS.values()]
         + [(t, "reply", True) for t in REPLY_BLOCKS.values()]
         + [(t, "post", False) for t in PASSES.values()]
         + [(t, "reply", False) for t in REPLY_PASSES.values()])
IDS = ([f"block-{k}" for k in BLOCKS] + [f"block-reply-{k}" for k in REPLY_BLOCKS]
       + [f"pass-{k}" for k in PASSES] + [f"pass-reply-{k}" for k in REPLY_PASSES])


@pytest.mark.parametrize(("text", "context", "expected"), CASES, ids=IDS)
def test_probe_class(blocks, text, context, expected):
    assert blocks(text, context) is expected, text
