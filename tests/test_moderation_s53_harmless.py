"""Session 53: harmless comments no longer hidden, with the look-alikes that must still be.
Health words used of money ("fund recovery"), of a line of work ("a PT job") and of a
preventive service's calendar ("the booster slots"), a thing's state with the verb attached
("the portal's been broken"), a vaccine "shot schedule" in a sentence with "going to", and a
tag with a dot read as a link; read with the PHI screen as the daemon
reads them. Example texts are our own."""

from __future__ import annotations

from typing import Any

import pytest

from policies.moderation import ModerationPolicy, senses, should_auto_hide

# shown, not hidden: (text, a flag it must no longer get, a flag it must still get or None)
RELEASED = [
    # "recover" said of money: a fund-recovery advert is spam, not someone's health
    ("Lost your savings to an online broker? Our certified agents handle fund recovery. "
     "Write to help@getback.example", "phi", "spam"),
    ("Got scammed on a trading app? My friend Nadia Perez recovered every dollar for me. "
     "Reach her: nperez.recover@backpay.example", "phi", "spam"),
    ("Bitcoin wallet drained? Recovery specialists get it back. Contact fixit@getback.example",
     "phi", "spam"),
    # a care word naming a line of work
    ("Tagging my cousin @Dena W. she's hunting for a PT job near Fargo", "phi", None),
    ("Shout out to RN Calloway for earning her diabetes educator certification!", "phi", None),
    # a preventive service's dates, times and slots
    ("Tagging @Hal.Meyer since you were asking about the booster slots", "phi", None),
    ("Tagging @Hal.Meyer because he asked me about flu shot times", "phi", None),
    # a vaccine "shot schedule" is no gunshot
    ("Nobody's going to talk me into believing these shot schedules are about kids' health. "
     "Do your own research.", "abuse", "negative"),
    # a tag with a dot is no link
    ("@Hal.Meyer @Ana.Cohen look, the pool opens Monday", "spam", None),
    # a thing's state with the verb attached
    ("@MesaKidsClinic your online portal's been broken since Friday, fyi", "phi", None),
    ("@Dana.Q the app's totally broken again lol", "phi", None),
]

# still hidden: (text, the hiding flag)
KEPT = [
    # an identifier beside a person's own recovery, money told too
    ("My recovery after the hip replacement was slow. Email me at dana.k@mailbox.example if "
     "you want tips", "phi"),
    ("Recovery from my knee surgery drained my savings account. Text me at 555-301-2231", "phi"),
    ("Still in recovery and I lost all my money to rehab bills, call me 555-201-8890", "phi"),
    # a named person recovering, a fundraiser beside it
    ("Wendell Ames is recovering and can't work, any money helps: donate at "
     "gofund.example/wendell", "phi"),
    ("Praying for Wendell Ames's recovery, any money helps, cash app $wendellames", "phi"),
    # a condition beside a job
    ("@Dena quit her PT job when the chemo started", "phi"),
    ("@Dena has MS so she had to give up her teaching job", "phi"),
    ("@Dena lost her nursing job after the overdose last spring", "phi"),
    # a treatment's dates, or an illness told beside a preventive service's
    ("@Corinne_B your chemo dates got moved to Monday", "phi"),
    ("@Corinne_B the dialysis times changed, tell your dad", "phi"),
    ("Tagging @Hal.Meyer, the flu knocked him flat, here are the flu shot dates for next year",
     "phi"),
    # a body part's state with the verb attached
    ("@MesaKidsClinic Kevin's wrist's been broken since Friday and nobody called back", "phi"),
    # a threat beside a shot schedule
    ("I'm going to shoot whoever wrote this shot schedule", "abuse"),
    ("Someone is going to get shot at that front desk, mark my words", "abuse"),
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


def test_only_the_money_sense_is_blanked() -> None:
    text = "She recovered all my funds after the scam, and my recovery from the stroke goes on"
    blanked = senses.masked(text.lower(), text)[1]
    assert "recovered" not in blanked and "recovery from the stroke" in blanked


@pytest.mark.parametrize("text", [
    "Best prices on veneers, book at smilenow.com/deals today",
    "Sign up free at glowspa.co and get a bonus",
])
def test_a_real_link_is_still_spam(screened_classifier: Any, text: str) -> None:
    assert "spam" in _flags(screened_classifier, text)[0]
