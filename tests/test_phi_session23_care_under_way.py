"""Session 23: a reply that speaks to the commenter's care as under way, with no health word
the vocabulary owns, blocks (visits.care_told; rule "reply_care"): a care visit of theirs
still to come, home care on a body part, their recovery, the clinicians who cared for them.
Every sentence is written for this file: fit, not accuracy.

Two outside reviews broke wider versions with everyday replies; their shapes are pinned below
as replies that must stay clear (docs/history/phi.md, "Session 23")."""

from __future__ import annotations

import pytest
from conftest import blocking, blocking_rules

from policies.phi import PhiScreen


@pytest.fixture(scope="module")
def phi() -> PhiScreen:
    return PhiScreen(learned=False)  # the rules alone: these tests pin their constructions


def rules(phi: PhiScreen, text: str, context: str = "reply") -> set[str]:
    return blocking_rules(phi, text, context)


@pytest.mark.parametrize("text", [
    "Aww, we miss you in group! Come back anytime, Lionel.",
    "Lionel, everyone here says we miss you in group!",
    "Can't wait to see you at migraine class on the 9th!",
    "Keep icing that wrist between shifts, and thanks for the kind words!",
    "Your journey back to health has been a joy to watch, Nadia.",
    "We'll share this with the nurses who took care of you on the night shift.",
    "We'll pass this to Dr. Ávila, who treated you on the night shift.",
    # a trainee elsewhere in the reply clears only the clinicians' care
    "Keep icing that wrist between shifts! And good luck to your students this term.",
])
def test_a_reply_about_the_readers_care_under_way_blocks(phi, text):
    assert blocking(phi, text, context="reply")


def test_care_under_way_is_its_own_finding(phi):
    # nothing else in this reply names care: the new construction is what blocks it
    assert rules(phi, "Keep icing that wrist between shifts, and thanks for the kind "
                      "words!") == {"reply_care"}


@pytest.mark.parametrize("text", [
    # the first review: a return, a thing that helps, a hobby, a host, a team
    "Stop by and say hi next time you're in the neighborhood, Bea!",
    "Same time next week for the Rotary pancake breakfast, Walt?",
    "So glad the new parking signs are helping everyone find us.",
    "So glad you're back to painting, Gloria! The mural looks great.",
    "Hope our staff looked after you at the open house, Mr. Patel.",
    "Rest up, players. Big game Sunday!",
    # the second review: frosting, a voice, a resurfaced gym, a vacation, a shadow day
    "Keep icing those cupcakes, Dee! The bake sale is almost sold out.",
    "Keep elevating your voice for mental health awareness, Jordan!",
    "Our weight room is being resurfaced, so no heavy lifting for a few more days!",
    "Back from the beach and feeling more like yourself again? We get it.",
    "The nurses who looked after you on your shadow day said you asked great questions.",
    "See you at group practice Thursday, choir!",
    "See you at group, choir!",
    "Proud of your journey back to strength this season, Lady Hornets!",
    "Welcome to the team, Ana! The nurses who took care of you during orientation say hi.",
    "See you at stroke class Tuesday, Lily! Bring your kickboard.",
    # advice to anyone, before the cue; an event
    "If you sprained it this week, keep icing that ankle and call us if it swells.",
    "See you at the booth at the county fair for your next flu shot reminder card!",
])
def test_everyday_replies_are_not_care_under_way(phi, text):
    assert "reply_care" not in rules(phi, text)


def test_care_under_way_is_read_only_in_replies(phi):
    # in a post, "keep icing that ankle" is advice to every reader
    assert "reply_care" not in rules(phi, "Sprained ankle? Keep icing that ankle for 20 "
                                          "minutes at a time and rest it for two days.",
                                     context="post")
