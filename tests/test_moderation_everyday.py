"""Issue 13: ordinary harmless comments flagged self_disclosure, fixed by class. Every
sentence here is our own example of a class (none is from an evaluation set). Each release is
paired with comments of the same shape that must still flag."""

from __future__ import annotations

import pytest

from policies.moderation import CommentClassifier, ModerationPolicy

POLICY = ModerationPolicy()


def _classifier(findings: list | None) -> CommentClassifier:
    """The classifier with a stand-in PHI screen that reports ``findings`` for every text."""
    def screen(texts: list[str]) -> list[list]:
        return [findings or [] for _ in texts]

    return CommentClassifier(POLICY, screen)


def _flags(text: str, findings: list | None = None) -> set[str]:
    return {f.flag for f in _classifier(findings).classify(text)}


# --- self_disclosure --------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Can a sinus infection turn into pneumonia? I read that somewhere",
    "How often should adults get a tetanus booster? I heard every ten years",
    "Do men get osteoporosis too? I was wondering after the last post",
    "Thrilled to have mentored with this group during my residency, happy 20th!",
    "Any openings for shadowing? I'm pre-med and live nearby",
    "Is there Sunday hours for blood work? I work two jobs",
    "Can we bring a younger sibling to the car seat check?",
    "Could you repost the vaccine clinic hours, the image won't load",
    "Can grandparents come along to the flu clinic",
])
def test_everyday_questions_and_news_are_not_self_disclosure(text: str) -> None:
    assert "self_disclosure" not in _flags(text)


@pytest.mark.parametrize("text", [
    "I read that my pneumonia could come back, should I worry?",
    "I heard I need a tetanus booster after my dog bite yesterday",
    "I was wondering if my osteoporosis meds cause this heartburn",
    "The grief group here got me through losing my wife",
    "Is there Sunday hours for blood work? My lupus is flaring",
    "Are flu shots walk-in? I'm on chemo right now",
    "Is the clinic open late? I went Tuesday for my migraines",
])
def test_the_commenters_own_health_is_still_self_disclosure(text: str) -> None:
    assert _flags(text) & {"self_disclosure", "phi"}
