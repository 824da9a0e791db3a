"""A Spanish talk, flyer or vaccine "sobre el" / "contra el" a disease is a topic, not someone
else's health (session 30; sentences written for these tests, not taken from any set).

The rule that reads "el" before a word no list knows as a third person ("el de la casa",
"el güero") hid "la charla sobre el asma" as phi. An "el" after "sobre", "contra" or "acerca
de" no longer counts where nobody is named; where someone is, it still does (an outside
review found named people's stories released by a first version that skipped it always)."""

from __future__ import annotations

import pytest
from conftest import auto_hidden as _hidden


@pytest.mark.parametrize("text", [
    "Muy útil la plática sobre el colesterol del sábado, aprendí mucho",
    "¿Cuándo empiezan a poner la vacuna contra el neumococo a los bebés?",
    "Me gustó el folleto acerca de el asma que repartieron en la feria",
])
def test_a_topic_is_not_someone_elses_health(text: str) -> None:
    assert not _hidden(text)


@pytest.mark.parametrize("text", [
    "Don Chema lucha contra el Parkinson desde hace años",
    "Ya en el barrio saben todo sobre el VIH de Toñito",
])
def test_a_named_person_fighting_a_disease_is_still_hidden(text: str) -> None:
    assert _hidden(text)
