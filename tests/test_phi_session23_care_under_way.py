"""Session 23: two recall tightenings (every sentence written for this file: fit, not accuracy).

- A reply that speaks to the commenter's care as under way, with no health word the
  vocabulary owns: a care visit of theirs still to come, home care they are doing, their
  recovery, the clinicians who looked after them (visits.care_told; rule "reply_care").
- A named person told with a stay in the practice's care ("during her stay with us", "Nell's
  stay here", "before his discharge home", "since his admission to our rehab unit";
  life_events._stay_hits; rule "stay+patient").

Each side has its clean counterpart: an outside review wrote everyday replies and posts that
looser shapes blocked (docs/phi.md, "Session 23")."""

from __future__ import annotations

import pytest
from test_phi_false_blocks import blocking

from policies.phi import PhiScreen


@pytest.fixture(scope="module")
def phi() -> PhiScreen:
    return PhiScreen(learned=False)  # the rules alone: these tests pin their constructions


def rules(phi: PhiScreen, text: str, context: str = "post") -> set[str]:
    return {f.rule for f in phi.screen(text, context=context) if f.severity == "block"}


@pytest.mark.parametrize("text", [
    "Thanks Odette! We'll see you at your next recheck in March.",
    "Aww, we miss you in group, Lionel. Come back anytime.",
    "Can't wait to see you at migraine class on the 9th!",
    "Keep icing that wrist between shifts, and thanks for the kind words!",
    "So happy to hear it. No heavy lifting for a couple more weeks, okay?",
    "You made our day. Glad you're feeling more like yourself again!",
    "We'll share this with the nurses who took care of you on the night shift.",
])
def test_a_reply_about_the_readers_care_under_way_blocks(phi, text):
    assert blocking(phi, text, context="reply")


def test_care_under_way_is_its_own_finding(phi):
    # nothing else in this reply names care: the new construction is what blocks it
    assert rules(phi, "Keep icing that wrist between shifts, and thanks for the kind words!",
                 context="reply") == {"reply_care"}


@pytest.mark.parametrize("text", [
    # the looser shapes an outside review broke: a return, a host, a hobby, a team
    "Stop by and say hi next time you're in the neighborhood, Bea!",
    "Same time next week for the Rotary pancake breakfast, Walt?",
    "So glad the new parking signs are helping everyone find us.",
    "So glad you're back to painting, Gloria! The mural looks great.",
    "Hope our staff looked after you at the open house, Mr. Patel.",
    "Rest up, players. Big game Sunday!",
    "See you at group ride Saturday, Dev. We leave from our lot at 7.",
    "See you at the booth at the county fair for your next flu shot reminder card!",
    # advice to anyone, before the cue
    "If you sprained it this week, keep icing it and call us if the swelling grows.",
])
def test_everyday_replies_are_not_care_under_way(phi, text):
    assert "reply_care" not in rules(phi, text, context="reply")


def test_care_under_way_is_read_only_in_replies(phi):
    # in a post, "keep icing it" is advice to every reader
    assert "reply_care" not in rules(phi, "Sprained ankle? Keep icing it for 20 minutes at a "
                                          "time and rest it for two days.")


@pytest.mark.parametrize("text", [
    "Hazel Okonkwo got a surprise visit from her great-grandkids during her stay with us.",
    "Our chaplain played cribbage with Ruben Castellanos every evening of his stay here.",
    "The whole team waved goodbye to Irving Lusk before his discharge home Thursday.",
    "Nell Ambrose's three-week stay here ended with a conga line to the lobby.",
    "Since his admission to our rehab unit, Otto Brandt has beaten the nurses at chess daily.",
])
def test_a_named_person_with_a_stay_in_our_care_blocks(phi, text):
    assert blocking(phi, text)


def test_a_stay_is_its_own_finding(phi):
    assert "stay+patient" in rules(phi, "Our choir sang for Augusto Reyes during his stay "
                                        "with us.")


@pytest.mark.parametrize("text", [
    # shapes an outside review broke, left out of the rule
    "Happy birthday to Tasha Greene from all of us on 5 North!",
    "Linda Perez retires Friday after 31 years; her last day with us is bittersweet.",
    "Tai chi with Chen Wei every Thursday in Room 110, all levels welcome.",
    "During her stay in Kenya, Abby Sinclair helped set up a maternal health clinic.",
    "Before his discharge from the Navy, Cal Ruiz trained as a medic.",
    "After her admission to nursing school, Rita Vance kept helping at our front desk.",
    "Our guest speaker Lee Park enjoyed her stay in Cortez. Thanks for coming!",
    # the rule's own staff and student exclusions
    "Nursing student Maya Tran spent a wonderful rotation with us; thanks for your stay here!",
    "Mayor Clara Voss cut the ribbon on our new rehab wing this morning.",
])
def test_staff_visitors_rooms_and_other_stays_are_no_stay(phi, text):
    assert "stay+patient" not in rules(phi, text)
