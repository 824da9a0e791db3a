"""Issue 13, session 53: flags raised on comments that carry another label, and misses.

- A statement is no advice request because a clause of it opens like a question: a regret
  ("should've ..."), a wh-word before its subject ("when I called, ..."), or an auxiliary that
  continues a statement after a comma or "and" ("our son, 9, has asthma"). Real requests
  without a question mark keep their reading ("..., should I ice it", "and is it contagious").
- Name-calling the rules read as criticism or a simile: a person called a "hack", said to look
  or sound like an insult; and the "go back to <a place>" trope beside "nobody wants you".
  Look-alikes (a kitchen hack, "treated us like idiots", "I looked like a zombie", a return to
  football asked about) stay unflagged.
Every comment here is our own wording."""

from __future__ import annotations

import pytest

from policies.moderation.classifier import (
    _plain,
    _question_sentences,
    score_abuse,
    score_medical_advice,
)


def _advice(text: str) -> float:
    return score_medical_advice(_plain(text), text)[0]


@pytest.mark.parametrize("text", [
    "Got my bunion fixed in April and I walk pain free. Should've booked it the day it started.",
    "Shoulder surgery in June, no more pain. Would've gone sooner if I'd known.",
    "When my inhaler refill ran out, the pharmacy said the office never answered.",
    "The twins, both 6, have eczema that flares every single winter.",
    "Grandpa had his hip replaced in May and is walking the dog again.",
    "Friends, do yourselves a favor and get the shingles shot. My arm hurt for a day.",
])
def test_a_statement_is_no_advice_request(text: str) -> None:
    assert _question_sentences(_plain(text)) == "", text
    assert _advice(text) == 0.0, text


@pytest.mark.parametrize("text", [
    "my daughter has a fever of 102, should I bring her in",
    "rash on my arm for 3 days and is it contagious",
    "back pain since friday, do i need an xray",
    "Is a fever of 101 too high for a 2 year old",
    "how long should i wait after the tetanus shot to swim",
    "knee is swollen after my run, can I take ibuprofen",
    "how i get rid of this itchy rash on my neck",
    "what i can take for a migraine while breastfeeding",
])
def test_requests_without_a_question_mark_keep_their_reading(text: str) -> None:
    assert _advice(text) >= 0.6, text


@pytest.mark.parametrize("text", [
    "Dr. Marsh is such a hack.",
    "The night PA is a sloppy hack who should find another job",
    "Nurse Dee is a hack, avoid her",
    "you hack.",
    "Bunch of overpaid hacks at this place",
    "The orthodontist on the billboard looks like a buffoon",
    "you sound like a moron",
    "Honestly? Go back to Honduras. No one here wants your family around.",
    "@Ana Ruiz go back to Cuba and take your kind with you",
])
def test_name_calling_read_as_criticism_is_abuse(text: str) -> None:
    assert score_abuse(text.lower())[0] >= 0.8, text


@pytest.mark.parametrize("text", [
    "Freezing a wet washcloth is a great hack for teething",
    "Dr. Marsh showed me a hack for stretching my back",
    "my toddler would hack all night with that cough",
    "they treated us like idiots at the front desk",
    "I looked like an idiot in that paper gown lol",
    "my husband looks like a clown in his costume",
    "When can my son go back to soccer? nobody wants him sitting out",
    "I go back to Tulsa for my scan, no one here does them",
    "Go back to bed, no one wants to see you grumpy",
])
def test_the_same_words_insulting_nobody_are_not_abuse(text: str) -> None:
    assert score_abuse(text.lower())[0] < 0.5, text


@pytest.fixture(scope="module")
def classifier():  # noqa: ANN201 (the classifier's types load lazily)
    from policies.moderation import CommentClassifier, ModerationPolicy

    return CommentClassifier(ModerationPolicy())


def test_a_spanish_request_the_second_look_reads_surely_is_flagged(classifier) -> None:
    # the rules know neither the drug nor the symptom words here; the second look reads a
    # request, and its half share alone stayed under the 0.55 threshold
    for text in (
        "Mi abuelo toma warfarina y le sangran las encías, ¿se la puede dejar de tomar?",
        "A mi hijo le salió una bolita detrás de la oreja hace una semana, ¿debo llevarlo?",
    ):
        assert classifier.scores(text)["medical_advice"][0] >= 0.55, text


def test_a_spanish_question_about_the_office_stays_unflagged(classifier) -> None:
    for text in ("¿Puedo pagar con tarjeta en la recepción?",
                 "¿Se puede estacionar atrás del edificio los sábados?"):
        assert classifier.scores(text)["medical_advice"][0] < 0.55, text


@pytest.mark.parametrize("text", [
    "The whole front desk looked like clowns at the Halloween party, so fun",
    "Dr. Ames looks like a witch in that costume haha",
    "Go back to Ohio, nobody wants this snow",
    "Dr. Ames is a total hack at golf, ask him about his putting",
])
def test_costumes_weather_and_hobbies_are_no_name_calling(text: str) -> None:
    assert score_abuse(text.lower())[0] < 0.5, text
