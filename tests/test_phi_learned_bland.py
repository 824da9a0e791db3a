"""The learned scorer's gate (policies/phi/learned.py may_block): on a bland short text it has
almost no features, and its bias and function words would decide, so it may block a text
shorter than MIN_WORDS words only when the text holds a health or care term or a rule
warned about something in it. The texts are the team's own, not from any evaluation set."""

from __future__ import annotations

import pytest

from policies.moderation.features import N_HASH
from policies.phi import learned
from policies.phi.findings import BLOCK, WARN
from policies.phi.hits import Hit
from policies.phi.screen import PhiScreen

# greetings, logistics, thanks: what a practice posts and replies every day
BLAND = (
    "See you there!",
    "Here you go",
    "So glad to hear that!",
    "Please see ### here",
    "Thank you so much!",
    "Thanks, we appreciate it.",
    "Happy Friday, everyone!",
    "Good morning!",
    "We're open until 5 today.",
    "Closed Thursday for the holiday.",
    "Parking is around the back.",
    "Call us anytime.",
    "You're very welcome!",
    "That means a lot to us.",
    "We'll pass that along to the team.",
    "Have a great weekend!",
    "Our phones are back up.",
    "New hours start next week.",
    "Sounds good, see you soon.",
    "Great question! Send us a message.",
    "Welcome to the team, Priya!",
    "Happy holidays from all of us.",
    "Link in bio.",
    "Check out the photos below.",
    "We loved seeing everyone there.",
    "Thanks for the kind words!",
    "Doors open at 8.",
    "Stay warm out there!",
    "Yes, we do!",
    "Message us for details.",
    "Happy Thanksgiving!",
    "Our lobby got a fresh coat of paint.",
)

# short disclosures: still blocked, by the rules or by the scorer
DISCLOSURES = (
    ("post", "Congrats to Maria Lopez on finishing chemo today!"),
    ("post", "Get well soon, Tom Becker, after your hip surgery!"),
    ("reply", "Glad the new knee brace is helping, Rosa!"),
    ("post", "Our 3pm patient today beat her melanoma!"),
    ("reply", "Sorry about the wait at your biopsy, Dale."),
)


@pytest.fixture(scope="module")
def screen() -> PhiScreen:
    return PhiScreen()  # the shipped weights and threshold, the scorer on


@pytest.mark.parametrize("context", ["post", "reply"])
def test_bland_practice_texts_pass_with_the_scorer_on(screen, context):
    blocked = {text: [f.rule for f in findings if f.severity == BLOCK]
               for text, findings in zip(BLAND, screen.screen_many(BLAND, context=context),
                                         strict=True)}
    assert not {t: rules for t, rules in blocked.items() if rules}


@pytest.mark.parametrize(("context", "text"), DISCLOSURES)
def test_short_disclosures_still_block(screen, context, text):
    assert any(f.severity == BLOCK for f in screen.screen(text, context=context))


def _sure() -> learned.Model:
    return learned.Model(bytes(N_HASH), 1.0, (0.0,) * len(learned.DENSE), 6.0)


def test_a_sure_scorer_stays_quiet_on_a_bland_short_text():
    assert learned.learned_hit("See you there!", [], "reply", 0.8, _sure()) is None
    assert not learned.may_block("Here you go", [])


def test_a_short_text_with_a_health_term_or_a_warning_can_be_blocked():
    assert learned.learned_hit("Back from chemo, all smiles!", [], "post", 0.8, _sure())
    warn = Hit("name", 0, 5, WARN, 0.4, "name", "a name")
    assert learned.learned_hit("Priya says hi!", [warn], "post", 0.8, _sure())


def test_a_long_text_is_read_without_a_term_or_a_warning():
    text = "We could not have asked for a better way to spend a Saturday morning with you."
    assert learned.may_block(text, [])


def test_a_copy_the_screen_already_redacted_is_left_to_the_rules():
    # a chat card quotes a blocked post with the screen's placeholders in place
    text = "Post 3 (blocked): [patient name] is home after her hip replacement. [date]"
    assert learned.learned_hit(text, [], "post", 0.8, _sure()) is None
    written = text.replace("[patient name]", "Our neighbour").replace(" [date]", "")
    assert learned.learned_hit(written, [], "post", 0.8, _sure())
