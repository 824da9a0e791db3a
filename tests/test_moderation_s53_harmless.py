"""Session 53: harmless comments no longer hidden or flagged, with the look-alikes that must
still be. A thing's state with the verb attached ("the portal's been broken") is no injury,
and a dotted @-tag ("@Hal.Meyer") is a person, not a link; read with the PHI screen as the
daemon reads them. The money/line-of-work/service-dates/shot-schedule readings of this
branch's first commit were withdrawn after the outside review: the look-alikes they released
are pinned below. Example texts are our own."""

from __future__ import annotations

from typing import Any

import pytest

from policies.moderation import ModerationPolicy, senses, should_auto_hide

# shown, not hidden: (text, a flag it must no longer get, a flag it must still get or None)
RELEASED = [
    # a tag with a dot is no link
    ("@Hal.Meyer @Ana.Cohen look, the pool opens Monday", "spam", None),
    # a thing's state with the verb attached
    ("@MesaKidsClinic your online portal's been broken since Friday, fyi", "phi", None),
    ("@Dana.Q the app's totally broken again lol", "phi", None),
]

# still hidden: (text, the hiding flag)
KEPT = [
    # a body part's state with the verb attached
    ("@MesaKidsClinic Kevin's wrist's been broken since Friday and nobody called back", "phi"),
    # withdrawn after the review: a care word before a credential noun names someone's care
    ("@Tess Hurley your rehab completion certificate is at the desk", "phi"),
    # withdrawn: an illness counted with "times"
    ("@Rob Keane covid times three this year, rest up buddy", "phi"),
    # withdrawn: a threat with "shot" and a calendar word after it
    ("Anyone pushing these boosters on toddlers should be shot day one", "abuse"),
]


def _flags(classifier: Any, text: str) -> tuple[set[str], bool]:
    flags = classifier.classify(text)
    return {f.flag for f in flags}, should_auto_hide(flags, ModerationPolicy())


@pytest.mark.parametrize(("text", "gone", "kept"), RELEASED)
def test_a_harmless_comment_is_shown(screened_classifier: Any, text: str, gone: str,
                                     kept: str | None) -> None:
    flags, hidden = _flags(screened_classifier, text)
    assert gone not in flags and not hidden
    assert kept is None or kept in flags


@pytest.mark.parametrize(("text", "flag"), KEPT)
def test_a_look_alike_is_still_hidden(screened_classifier: Any, text: str, flag: str) -> None:
    flags, hidden = _flags(screened_classifier, text)
    assert flag in flags and hidden


@pytest.mark.parametrize("text", [
    "Best prices on veneers, book at smilenow.com/deals today",
    "Sign up free at glowspa.co and get a bonus",
    # a dotted word outside a tag keeps the older reading, whatever follows the ending
    "Passive income for busy parents, my guide is at richdad.company",
    "Whitening kits half off, order at brightsmile.shopnow",
    # an address after an email's "@" is still a link
    "Free consultation, write to deals@brightsmile.example",
])
def test_a_real_link_is_still_spam(screened_classifier: Any, text: str) -> None:
    assert "spam" in _flags(screened_classifier, text)[0]


@pytest.mark.parametrize("text", [
    # withdrawn after the review: "recover" beside a money word, a care word before a job or
    # credential noun, a preventive word before "times"/"dates" are read as health again
    "Lost your savings to a broker? We recover funds, write to fix@back.example",
    "@Tess Hurley your rehab completion certificate is at the desk",
    "@Rob Keane covid times three this year",
])
def test_the_withdrawn_readings_blank_nothing(text: str) -> None:
    assert senses.masked(text.lower(), text)[1] == text
