"""Session 47: a nickname Spanish also writes as a verb ("Olvido", "Vale", "Beba"), opening a
sentence before a verb of the third person, is read as a name (docs/history/phi.md, "Session 47:
what
stays of the Spanish work"). Block-adding only: no opening word is released here. Own wording,
no dev-set or read-set line."""

from __future__ import annotations

import pytest
from test_phi_session47_spanish_cases import _blocked

from policies.phi import PhiAllowList, PhiScreen
from policies.phi.candidates import spanish_verb_subject
from policies.phi.vocabulary import spanish_function_words


@pytest.fixture(scope="module")
def screen() -> PhiScreen:
    return PhiScreen(PhiAllowList())


# a verb-form nickname opening a sentence before a verb of the third person is the verb's
# subject, a name (each passed before)
@pytest.mark.parametrize("text", [
    "Beba sigue en diálisis tres veces por semana.",
    "Vale la operaron de la rodilla y ya camina.",
    "Olvido ya salió de terapia intensiva.",
])
def test_verb_form_nickname_blocks(screen: PhiScreen, text: str) -> None:
    assert _blocked(screen, text)


# names at a Spanish sentence's opening, written against the withdrawn releases: each must
# still block (the releases are not ported)
PROBES = [
    "Vale ya camina después de su operación de cadera.",
    "Olvido sigue en diálisis los martes y jueves.",
    "¿Se acuerdan de Nena? Lleva un año sin convulsiones.",
    "¡Tina! Cumples dos años de tu trasplante de riñón.",
    "¿Beba con diálisis otra vez? Le mandamos un abrazo.",
    "Vale sigue en quimioterapia, recen por ella.",
    "Segundo Ortiz salió del hospital después de su infarto.",
    "Dan Romero tiene cáncer de próstata y empezó radiación.",
    "Esta semana Rosa Medina empezó su quimioterapia.",
    "Hasta el señor Arce vino a su cita de diálisis hoy.",
    "Golpe de suerte para Don Beto: su biopsia salió benigna.",
    "Ya Carmen salió del hospital tras su cirugía del corazón.",
    "Olvido la operaron ayer de la vesícula.",
    "Lo más difícil para Memo fue la quimioterapia.",
    "Golpe de calor para Rosendo Ayala: pasó la noche en urgencias.",
    "Ante tiene asma y viene cada mes a su control.",
    "Mal tiene hepatitis y viene cada semana.",
    "Cuquita de la iglesia sigue en diálisis tres veces por semana.",
    "Chabelita de la tienda ya salió del hospital tras su embolia.",
]


@pytest.mark.parametrize("probe", PROBES)
def test_attack_probes_block(screen: PhiScreen, probe: str) -> None:
    assert _blocked(screen, probe)


def test_function_words_keep_given_names() -> None:
    # the list only keeps a function word from being read as a verb-form nickname
    words = spanish_function_words()
    assert {"ya", "si", "cada", "muy"} <= words
    assert not {"mia", "segundo", "dan"} & words  # Spanish given names (Faker's es locales)
    assert not {"hasta", "una", "nada", "tal", "ella", "ante", "mal", "bien"} & words


@pytest.mark.parametrize(("text", "word", "expected"), [
    ("Olvido sigue en diálisis.", "Olvido", True),
    ("Sale de viaje? Vacúnese.", "Sale", False),  # "de" is a preposition, not "dé"
    ("Sufres de migrañas?", "Sufres", False),  # a second person is nobody's name
    ("Olvido llamarles cada lunes.", "Olvido", False),  # an infinitive after it
    ("¿Debería hacerse una prueba?", "Debería", False),  # an infinitive with its pronoun
    ("Ando mareada desde ayer.", "Ando", False),  # a speaker's own state, not a headline
    ("¡Cele operada de la rodilla!", "Cele", True),  # a participle in a headline
])
def test_spanish_verb_subject(text: str, word: str, expected: bool) -> None:
    assert spanish_verb_subject(text, text.index(word), word) is expected
