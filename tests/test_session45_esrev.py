"""Session 45, an outside attack on the Spanish-note change (policies/moderation/offered_care.py):
a Spanish question about a service everyone can use lost the note ("judged with low
confidence; a person who reads Spanish should check it"), the only thing that puts a Spanish
comment the classifier cannot really read in front of a person. Sentences written for these
tests, not taken from any set.

The review (bench/data/esrev_review_s45) found 28 of 52 must-queue comments newly reaching no
one, each telling its case inside the one question that held the service word: a clause after
a comma, someone described by "quien" or "los que", an urgency, a secret, a spelled-out age or
count, a prescription asked for, a threat, borrowed English, a first person plural, an exam
whose topic is an assault. Each of these keeps the note now; the plain questions still pass."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import flag_names


@pytest.mark.parametrize("text", [
    # a clause after a comma that holds no service word
    "¿Tienen consulta esta tarde, se quemó la mano con aceite?",
    "¿Tienen citas mañana, se pegó en la cabeza?",
    "Gracias por la info de la prueba de hepatitis, ya era hora con lo que hizo",
    # someone described rather than named
    "¿Ponen la vacuna del tétanos a quien pisó un vidrio?",
    "¿Hacen el chequeo a las que las corrieron de la casa?",
    # an urgency, a secret
    "¿Hay citas de urgencia para la prueba de embarazo?",
    "¿Hay consulta ahorita para la prueba de embarazo?",
    "¿Hacen la prueba de embarazo sin que sepan en la casa a escondidas?",
    # an age spelled out
    "¿Hacen la prueba de embarazo a los quince años sin papeles firmados?",
    # a prescription asked for, violence against the practice
    "¿Hay consulta hoy para que receten oxicodona rápido?",
    "¿Tienen consulta o hay que ir a romper la puerta para que atiendan?",
    # borrowed English, a first person plural
    "¿Tienen consulta hoy bc they can't walk right?",
    "¿Nos dan cita para la vacuna de la rabia esta noche?",
    "¿Tienen revisión esta tarde para nosotros que chocamos el carro?",
    # an exam whose topic is an assault
    "¿Hacen el examen para violación en la noche?",
])
def test_case_beside_a_service_keeps_the_note(screened_classifier: Any, text: str) -> None:
    assert flag_names(screened_classifier, text), text


@pytest.mark.parametrize("text", [
    "¿Tienen citas los martes en la tarde?",
    "¿Hay vacunas de la gripe en la clínica nueva?",
    "¿Cuánto cuesta el examen de la vista sin aseguranza?",
    "Gracias por la información sobre la mamografía, compartiendo",
    "Hola, ¿hay consultas por video en español?",
    "¿Los análisis de laboratorio se hacen en la mañana, por favor?",
])
def test_plain_service_questions_still_pass(screened_classifier: Any, text: str) -> None:
    assert flag_names(screened_classifier, text) == set()
