"""Issue 13, session 53: flags raised on comments that carry another label, and misses.

- A statement is no advice request because a clause of it opens like a question: a regret
  ("should've ..."), a wh-word before its subject ("when I called, ..."), or an auxiliary that
  continues a statement after a comma or "and" ("our son, 9, has asthma"). Real requests
  without a question mark keep their reading ("..., should I ice it", "and is it contagious").
- (The abuse readings of "hack", "looks/sounds like" and "go back to <a place>" were withdrawn
  after an outside review: docs/history/moderation.md, "Session 53: advice requests and
  abuse on comments that carry other labels".)
- A Spanish question in a request's frame that the second look reads surely is an advice
  request.
Every comment here is our own wording."""

from __future__ import annotations

import pytest

from policies.moderation.classifier import (
    _plain,
    _question_sentences,
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


# after a comma or "and", an auxiliary followed by no pronoun still asks where what follows is
# no verb form, "still" or "not": a number, a bare noun, a gerund that is then judged (the
# outside review's shapes, our own wording)
@pytest.mark.parametrize("text", [
    "My reading at home was 150/95 twice today, is 150 over 95 high enough to call",
    "He has strep and can siblings in the same room still share a bathroom",
    "Our baby has thrush, should bottles be boiled after every feed",
    "Sprained my ankle Friday and is walking on it bad for the swelling",
    "Dad takes warfarin, are cranberry pills safe with it",
])
def test_an_auxiliary_after_a_comma_before_a_noun_still_asks(text: str) -> None:
    assert _question_sentences(_plain(text)) != "", text
    assert _advice(text) >= 0.6, text


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
