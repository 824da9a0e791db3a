"""Session 48: someone's private life (where they live, work or go, their number or account)
told as known or found, with a taunt in the same comment, is a veiled threat: `abuse` at 0.6,
queued for a person, never hidden by itself, never lowering a higher score.

Every sentence was written for this file (team-written: fit, not accuracy)."""

from __future__ import annotations

import pytest

from policies.moderation import CommentClassifier, Flag, ModerationPolicy, should_auto_hide
from policies.moderation.classifier import TAUNTED_EXPOSURE

POLICY = ModerationPolicy()


@pytest.fixture(scope="module")
def rules_only() -> CommentClassifier:
    return CommentClassifier(POLICY, use_model=False)


@pytest.fixture(scope="module")
def full() -> CommentClassifier:
    return CommentClassifier(POLICY)


EXPOSED_AND_TAUNTED = [
    "@marco_dee we know where you work now. Keep typing.",
    "Hey Lorna, saw you at the farmers market with your twins. See you around.",
    "Found out where that loudmouth from the last post lives. Might swing by 😈",
    "everybody knows you live on Birchwood, keep talking tough guy",
    "I looked up your home address after that reply 👀",
    "got your number from the church directory 😘 expect a call tonight",
    "I know you take the early ferry every day. See you soon.",
]


@pytest.mark.parametrize("text", EXPOSED_AND_TAUNTED)
def test_private_life_with_a_taunt_is_flagged_abuse_for_a_person(rules_only, text):
    score, reason = rules_only.scores(text, [])["abuse"]
    assert score >= POLICY.threshold("abuse")
    assert "veiled threat" in reason
    # queued, not hidden: the floor stays under the hide threshold
    assert not should_auto_hide([Flag("abuse", score, reason)], POLICY)


@pytest.mark.parametrize("text", EXPOSED_AND_TAUNTED[:3])
def test_the_floor_holds_with_the_trained_model(full, text):
    assert full.scores(text, [])["abuse"][0] >= TAUNTED_EXPOSURE


@pytest.mark.parametrize("text", [
    # a private life told, no taunt
    "Saw her at the 5k on Saturday, so proud of our front desk crew",
    "Saw you at the health fair, thanks for the free BP check",
    "My sister found her old address book from nursing school, so fun",
    # a taunt-like word, nobody's private life
    "Great post, keep it up 😉",
    "Flu clinic Saturday, see you soon!",
    "Thanks for the reminder 😘 see you around at the next checkup",
    "I'll stop by the office tomorrow to drop off the forms",
])
def test_either_part_alone_is_not_a_veiled_threat(rules_only, text):
    assert "veiled threat" not in rules_only.scores(text, [])["abuse"][1]


def test_a_higher_score_is_never_lowered(rules_only):
    # a threat the rules read at 0.95 keeps its score and its reason
    text = "I know where you work. I'm going to kill you. See you soon."
    score, reason = rules_only.scores(text, [])["abuse"]
    assert score > TAUNTED_EXPOSURE and "threat" in reason.lower()
    assert "veiled threat" not in reason
