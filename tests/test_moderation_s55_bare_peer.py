"""Session 55: a peer the commenter knows, told without "my" ("Coworker says his chest gets
tight ...", "friend is 38 weeks ..."), is read as "my coworker" was already read: an
acquaintance, unnamed, whose health identifies no one, so the comment is not hidden as `phi`.
Named peers, peers placed by a job or singled out, titled people and insults written in the
same shape are still hidden. Read with the PHI screen as the daemon reads them. Example texts
are our own (bench/data/barepeer_probes_s55 holds the 72 probes measured)."""

from __future__ import annotations

from typing import Any

import pytest

from policies.moderation import ModerationPolicy, should_auto_hide
from policies.moderation.disclosure import _BARE_PEER, _SINGLED_OUT


def _flags(classifier: Any, text: str) -> tuple[set[str], bool]:
    flags = classifier.classify(text)
    return {f.flag for f in flags}, should_auto_hide(flags, ModerationPolicy())


# an unnamed peer's health in an advice request or a story: shown, not `phi`
@pytest.mark.parametrize("text", [
    "Coworker says her blood pressure was 150/95 at the pharmacy kiosk, is that high?",
    "Roommate has asthma and her inhaler ran out, can she get a refill without a visit?",
    "Teammate rolled his ankle at practice and it's purple, ice or heat?",
    "Quick question: friend has diabetes and a cut on her foot that won't heal, how urgent?",
    "Coworker says his knee surgery here went great, he's already back at work",
    "Neighbor says his shingles pain is worse at night, is that typical?",
])
def test_an_unnamed_peer_without_my_is_not_phi(screened_classifier: Any, text: str) -> None:
    flags, hidden = _flags(screened_classifier, text)
    assert "phi" not in flags and not hidden


# the same shape, still hidden: a name, a title, a tag, a job that places them, an insult
@pytest.mark.parametrize(("text", "flag"), [
    ("Coworker Dana Whitfield has stage 3 breast cancer, please keep her in your prayers", "phi"),
    ("Neighbor told me Pastor Reyes is on dialysis three times a week now", "phi"),
    ("Teammate @jordan_k22 tore his ACL and is having surgery Friday", "phi"),
    ("Coworker says the principal at Lincoln Elementary has leukemia", "phi"),
    ("Roommate works the front desk at your Liberal office and she's been hiding an eating "
     "disorder", "phi"),
    # placed by a job without "works" (narrowed after the outside review s55-review1; both
    # hidden on main, released by s55-autohide ecbe2dc)
    ("Friend drives the church van on Sundays and just got diagnosed with diabetes, can he "
     "still drive?", "phi"),
    ("Coworker coaches the middle school soccer team and just found out he has hepatitis C.",
     "phi"),
    ("Neighbor told me the receptionist is a stupid bitch. Agreed.", "abuse"),
    ("Roommate said the PA is a moron and I agree, what a fucking idiot", "abuse"),
])
def test_a_look_alike_is_still_hidden(screened_classifier: Any, text: str, flag: str) -> None:
    flags, hidden = _flags(screened_classifier, text)
    assert flag in flags and hidden


@pytest.mark.parametrize(("text", "bare"), [
    ("Coworker is on lithium", True),
    ("Quick q: friend is 41 weeks", True),
    ("A buddy of mine had a hip replaced", True),
    ("Teammates keep passing strep around", True),
    # a capital after the noun is a name; "of the" is a group, not the commenter's peer
    ("Coworker Dana has lupus", False),
    ("Friends of the library meet Tuesday", False),
    # mid-sentence without "my" is no bare peer
    ("Thanks for being a friend to our family", False),
    # roles that are one particular person are not peers
    ("Coach has a torn ACL", False),
    ("Boss is on chemo", False),
])
def test_the_bare_peer_pattern(text: str, bare: bool) -> None:
    assert bool(_BARE_PEER.search(text)) is bare


@pytest.mark.parametrize("text", [
    "Roommate works at the pharmacy on 5th",
    "Coworker, the only nurse on nights, has shingles",
    # narrowed after the outside review: a business, a job, a role or a shift places them
    "Friend who runs the hardware store on Main had a stroke",
    "Neighbor is our mail carrier and has MS",
    "Classmate, one of only three girls in the program, has lupus",
    "Coworker on the night shift at the mill had a heart attack",
    "Friend who teaches second grade here has cancer",
])
def test_a_peer_placed_or_singled_out(text: str) -> None:
    assert _SINGLED_OUT.search(text)


# an advice request or a story that places no one stays released
@pytest.mark.parametrize("text", [
    "Coworker says her blood pressure was 150/95 at the pharmacy kiosk, is that high?",
    "Friend who says she had the same rash asked if it is contagious",
    "Roommate has asthma and her inhaler ran out",
    "Teammate is the same age as me and just had a stroke",
])
def test_a_peer_not_placed(text: str) -> None:
    assert not _SINGLED_OUT.search(text)
