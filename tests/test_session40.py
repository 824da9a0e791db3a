"""Session 40: a general health question is not an advice request (general.py); a first person
who speaks only of an audience discloses nothing of their own (audience.py); a long blank run
is one break to the PHI screen (normalize.py). Own sentences, none from any evaluation set."""

from __future__ import annotations

import pytest
from conftest import flag_names

from policies.moderation import audience, general
from policies.moderation.classifier import _plain
from policies.phi.normalize import normalize

GENERAL = [
    "Is it true that cracking your knuckles causes arthritis, or is that a myth?",
    "Does a sinus infection always need antibiotics?",
    "What's the difference between a physician assistant and a nurse practitioner?",
    "How long does a typical colonoscopy appointment take, start to finish?",
    "Is allergy testing something you offer?",
]


@pytest.mark.parametrize("text", GENERAL)
def test_a_general_health_question_is_no_advice_request(screened_classifier, text):
    assert general.general_question(_plain(text))
    assert "medical_advice" not in flag_names(screened_classifier, text)


# a case told beside the general word: each is a situation, whatever the wording
@pytest.mark.parametrize("text", [
    "Is it true a bee sting swelling this much is usually fine? My whole forearm is puffy.",
    "Stitches look red and warm and there's some pus. Is that usually normal?",
    "Is a cough like Grandpa's usually pneumonia? He's been wheezing all weekend.",
    "Just curious, took two sleeping pills by mistake an hour ago, is that dangerous?",
    "Does a rash always spread like this after penicillin?",
    "Nana is confused since breakfast, is that usually just dehydration?",
    "Is a fever of 103 always a reason to go to the ER?",
    "Gums bleeding every time I floss, is that typically gum disease?",
    "Swollen ankle after the fall, is that usually a sprain or should it get an x-ray?",
    "Is it true labor usually takes this long? Contractions five minutes apart.",
    "¿Es cierto que la fiebre en los niños normalmente baja sola? Mi hijo tiene 39 desde ayer.",
    "Asking for someone, is a nosebleed every morning usually serious?",
    "Blood sugar keeps dropping after lunch — is that usually the medication?",
])
def test_a_case_beside_the_general_word_is_a_situation(text):
    assert not general.general_question(_plain(text))


@pytest.mark.parametrize("text", [
    "Stitches look red and warm and there's some pus. Is that usually normal?",
    "Just curious, my son swallowed a penny an hour ago, is that usually dangerous?",
    "Gums bleeding every time I floss, is that typically gum disease?",
])
def test_a_request_worded_in_general_stays_a_request(screened_classifier, text):
    assert "medical_advice" in flag_names(screened_classifier, text)


@pytest.mark.parametrize("text", [
    "Great rundown on heat stroke, sharing with my softball team.",
    "Printing this vaccine schedule for our church nursery volunteers.",
    "Such a clear post about sunscreen. Shared it with my hiking club!",
])
def test_a_first_person_that_speaks_only_of_an_audience_discloses_nothing(screened_classifier,
                                                                          text):
    assert audience.without_audience(text) is not None
    assert "self_disclosure" not in flag_names(screened_classifier, text)


@pytest.mark.parametrize("text", [
    "Sharing with my dialysis group, we all deal with this.",
    "Sharing with my church, I just finished chemo here and it was wonderful.",
    "Had this exact surgery in May, sharing with my book club.",
    "Sharing with my cancer support group tonight.",
    "Sharing with my team since my son was diagnosed with diabetes last year.",
    "Epileptic and this article is so validating, sharing with my followers.",
    "Great guide on migraines, it's spot on, sharing with my coworkers after my third one.",
    "Passed out in my class from the heat this morning.",
    "Sharing with my daughter's class, she has a peanut allergy.",
])
def test_own_health_beside_an_audience_is_still_told(screened_classifier, text):
    assert audience.without_audience(text) is None or "self_disclosure" in flag_names(
        screened_classifier, text)


def test_a_long_blank_run_is_one_break_and_spans_stay_on_the_text():
    for blank, kept in ((" " * 20_000, " "), ("\n" * 500, "\n\n"), (" \t" * 300, " ")):
        text = "Jane Doe" + blank + "had her hip replaced here."
        read = normalize(text)
        assert read.text == "Jane Doe" + kept + "had her hip replaced here."
        start = read.text.index("hip")
        assert text[slice(*read.span(start, start + 3))] == "hip"
        assert text[slice(*read.span(0, 8))] == "Jane Doe"


def test_a_long_blank_run_is_read_as_the_reader_reads_it(phi):
    text = "Jane Doe" + " " * 20_000 + "had her hip replaced here last week."
    found = phi.screen(text)
    assert any(f.severity == "block" for f in found)
    assert all(text[f.start:f.end] == f.text for f in found if f.text.strip() == f.text)


def test_blanks_of_any_script_are_one_break_too(phi):
    for blank in ("\u00a0", "\u3000", "\u200a", "   \u200b"):
        text = "Jane Doe" + blank * 3000 + "had her hip replaced here last week."
        read = normalize(text)
        assert len(read.text) < 120, repr(blank)  # a hair space: read as a space and as nothing
        assert text[slice(*read.span(0, 8))] == "Jane Doe"
        assert any(f.severity == "block" for f in phi.screen(text))


def test_a_text_of_one_token_repeated_does_not_overflow_the_scorer():
    from policies.phi.learned import Scored, dense_features, score

    # "…" * 5000 summed past exp's range: OverflowError failed the whole screening before
    scored = score("Jane Doe" + "\u2026" * 5000 + " had surgery.", dense_features([], "post"))
    assert isinstance(scored, Scored) and 0.0 <= scored.probability <= 1.0


def test_a_short_gap_and_a_text_of_blanks_are_as_before():
    assert normalize("a   b").text == "a   b"  # three blanks: kept as written
    with pytest.raises(ValueError):
        normalize(" " * 10_000)
