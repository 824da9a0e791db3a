"""Session 45: a Spanish question about, or thanks for, care offered to everyone gets no
language note (policies/moderation/offered_care.py). Sentences written for these tests, not
taken from any set.

The note ("judged with low confidence, a person who reads Spanish should check it") goes on
a Spanish comment with a health or care word, because the flags that read whose health a
comment tells learned little Spanish. An appointment, a consultation, an exam asked about, or
a talk thanked for, tells no one's health: the note there was a false flag, the largest class
of harmless comments flagged that a rule can read. Where the comment could tell a case in
words no list holds (a second question, a statement before the question), speaks of someone,
or carries a number, the note stays."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import flag_names


@pytest.mark.parametrize("text", [
    "¿Cuánto sale una consulta de dermatología sin aseguranza?",
    "¿Hay citas disponibles el jueves en la mañana?",
    "Muchísimas gracias por la plática sobre la diabetes, muy útil.",
    "Hola, ¿dan clases de parto en español?",
    "¿Hacen exámenes de audición los viernes?",
])
def test_care_offered_to_everyone_is_not_flagged(screened_classifier: Any, text: str) -> None:
    assert flag_names(screened_classifier, text) == set()


@pytest.mark.parametrize("text", [
    # a second question or a statement that could tell a case in words no list holds
    "¿Hay citas disponibles el jueves? ¿es que no para de toser?",
    "¿Atienden sin cita? ¿es que se cayó de la escalera?",
    "Ando mareada desde ayer, ¿atienden sin cita?",
    # ... or a clause beside the service: a reason, a condition, a wish
    "¿Tienen citas hoy porque no puede respirar bien?",
    "¿Ponen la vacuna del tétanos, es que se cortó con un fierro?",
    "Gracias por la charla sobre diabetes, ojalá hubiera sabido antes",
    # ... or a particular case after the service: an indefinite, "alguien", "que se"
    "¿Cuánto cuesta la consulta para alguien que se quiere morir?",
    "¿Hay consulta hoy para una cortada que sangra mucho?",
    # the commenter's own case in a first-person verb, the pronoun dropped
    "Gracias por la información sobre el VIH, la acabo de necesitar",
    # someone named (in capitals or not), a role and an age, a complaint worded as thanks
    "¿Hay citas para la prueba de VIH de Ernesto?",
    "¿hay citas para la prueba de vih de kevin?",
    "¿Cuánto sale la consulta para la niña de cuatro años?",
    "Muy buena la plática, lástima que no hay citas nunca.",
])
def test_a_near_neighbour_keeps_the_note(screened_classifier: Any, text: str) -> None:
    assert "unjudged" in flag_names(screened_classifier, text)


def test_offered_only_reads_each_question() -> None:
    from policies.moderation import offered_care

    asked = "¿hay citas disponibles el jueves en la mañana?"
    assert offered_care.offered_only(asked, asked)
    # the same question after a sentence with no care word in it
    told = "anda muy decaído desde el domingo. ¿hay citas disponibles el jueves en la mañana?"
    assert not offered_care.offered_only(told, told)
