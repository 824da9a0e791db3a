"""Session 56, branch s56-esattack: the Spanish findings S5, S6 and F1-F5 of the attack review
(docs/history/security.md), fixed. Every sentence here is new, written for these tests
(no evaluation-set line, not the reviewer's replays, which tests/test_s56_attack_screen.py
keeps): each class with its disclosures that must block and its near misses that must not."""

from __future__ import annotations

from typing import Any

import pytest

from policies.phi.spanish_people import find as spanish_people
from policies.phi.spanish_people import platform_event, spelled_number
from policies.phi.spanish_replies import reader_care
from policies.phi.spanish_talks import talk_topic


@pytest.fixture(scope="module")
def screen() -> Any:
    from policies.phi import get_screen
    from policies.phi.allow import PhiAllowList

    return get_screen(PhiAllowList(
        names=("Clínica del Valle", "Dra. Inés Calderón", "Inés Calderón", "Dr. Tomás Yañez",
               "Tomás Yañez"),
        phones=("(555) 310-7720",)))


def blocks(screen: Any, text: str, context: str = "post") -> bool:
    return any(f.severity == "block" for f in screen.screen(text, context=context))


# --- S5: kin of a named person, one person by their role ---------------------------------

@pytest.mark.parametrize("text", [
    "La nuera de Rosalba Ceniceros ya empezó sus tratamientos de diálisis.",
    "El yerno de Rosalba Ceniceros ya terminó su quimioterapia.",
    "El suegro de don Evaristo Luján salió del hospital tras su infarto.",
    "La hija del alcalde ya terminó su radioterapia, ¡felicidades!",
    "El único veterinario de Mesilla tuvo una cirugía del corazón y ya está en casa.",
    "La maestra de tercer grado de la escuela Roosevelt terminó su quimioterapia ayer.",
    "Big hugs to the entrenador from Lincoln High, who just finished dialysis.",
])
def test_spanish_kin_and_one_person_roles_block(screen: Any, text: str) -> None:
    assert blocks(screen, text)


@pytest.mark.parametrize("text", [
    # the relative or the role with no health told of them
    "El suegro de don Evaristo Luján nos trajo tamales para la posada. ¡Gracias!",
    "El único veterinario de Mesilla ahora abre los sábados.",
    # a role acting for others, or hosting a talk on a topic
    "La directora de la escuela Roosevelt invita a las familias a la clínica de vacunas.",
    "Gracias al pastor de la iglesia San Marcos por invitarnos a hablar sobre la diabetes.",
    # a group, and sacred kin
    "Los maestros de la escuela Roosevelt recibieron su vacuna contra la gripe.",
    "Que la Madre de Dios los bendiga en esta Navidad.",
])
def test_spanish_roles_and_kin_without_their_own_health_pass(screen: Any, text: str) -> None:
    assert not blocks(screen, text)


def test_a_relative_needs_a_persons_name() -> None:
    assert [k for _, _, k in spanish_people("El nieto de Graciela Ocampo")] == ["relative"]
    # sacred kin, a group of kin, a kin noun before a common noun
    assert spanish_people("el Hijo de Dios, los hijos de Graciela Ocampo, la mamá de familia") == []


# --- S6: a Spanish reply confirming the reader's everyday care ---------------------------

@pytest.mark.parametrize("text", [
    "¡Qué gusto que ya no le duelen las rodillas, don Chuy!",
    "Nos da gusto que ya te bajó el azúcar 🎉",
    "Qué bueno que las gotas le están sirviendo a su papá.",
    "Me alegra que tu presión ya está mejor.",
    "Ya le funcionaron las pastillas, ¡qué alegría!",
    "Nos alegra que te estén ayudando las pastillas nuevas.",
], ids=["pain", "sugar", "drops-family", "possessive", "medicine-first", "medicine-after"])
def test_a_spanish_reply_confirming_everyday_care_blocks(screen: Any, text: str) -> None:
    assert blocks(screen, text, context="reply")


@pytest.mark.parametrize("text", [
    "Si te duele la espalda al despertar, llámenos y le explicamos qué hacer.",
    "¿Le duele la cabeza seguido? Tenemos consultas sin cita los martes.",
    "Cuando le suba la presión, siéntese y respire despacio.",
    "A muchos les duele la rodilla con el frío; estirarse ayuda.",
    "Qué bueno que le funcionó el nuevo horario de la tarde. ¡Gracias por escribirnos!",
])
def test_a_spanish_reply_with_general_advice_passes(screen: Any, text: str) -> None:
    assert not blocks(screen, text, context="reply")


def test_reader_care_reads_the_reader_only() -> None:
    assert reader_care("Qué bueno que ya le bajó la presión")
    assert not reader_care("Si le baja la presión, llámenos")
    assert not reader_care("Qué bueno que les bajó la presión a todos")  # "les": a crowd


def test_the_english_reply_twin_still_blocks(screen: Any) -> None:
    assert blocks(screen, "Glad your pressure is down!", context="reply")


# --- F1-F5: everyday Spanish practice posts --------------------------------------------------

@pytest.mark.parametrize("text", [
    # F1: the allow-listed clinician, with an article and an abbreviated title, gives a talk
    "Mañana la Dra. Calderón habla sobre el colesterol en el mercado. ¡Los esperamos!",
    # F2: the host of a talk is no patient
    "Gracias a Fidel Anaya, de la cooperativa, por invitarnos a platicar sobre la diabetes.",
    # F3: a community health worker teaches
    "Nuestra promotora Yesenia Pardo da pláticas sobre la hipertensión los jueves.",
    "Nuestra promotora, Yesenia Pardo, enseña sobre la diabetes cada jueves en el mercado.",
    # F4: a platform's event is no person
    "El Dr. Yañez responde sus dudas sobre la vacuna en el Instagram Live del viernes.",
    "Fidel Anaya contesta sus preguntas sobre la vacuna en el Facebook Live de mañana.",
    # F5: the practice's phone read out in Spanish words
    "Para su cita, llame al cinco cinco cinco, tres uno cero, siete siete dos cero.",
    "Llame al cinco cinco cinco, tres uno cero, siete siete dos cero para su cita de vacunas.",
])
def test_everyday_spanish_posts_pass(screen: Any, text: str) -> None:
    assert not blocks(screen, text)


@pytest.mark.parametrize("text", [
    # near misses of F1-F3: the person's own condition ("su"), or a second person named
    "Fidel Anaya nos habló de su diabetes en la plática del sábado.",
    "Mañana la Dra. Calderón habla sobre el colesterol con Ofelia Ruiz, que tuvo un infarto.",
    "Nuestra promotora Yesenia Pardo terminó su quimioterapia este mes.",
    # F4: a person named beside the platform's event still blocks with their own care
    "En el Facebook Live de hoy Ofelia Ruiz nos cuenta cómo venció el cáncer de mama.",
])
def test_near_misses_of_the_everyday_posts_block(screen: Any, text: str) -> None:
    assert blocks(screen, text)


def test_talk_topic_is_the_talks_not_the_persons() -> None:
    text = "vino a hablar de la presión alta; habló de su presión alta"
    first, second = (i for i in range(len(text)) if text.startswith("presión", i))
    assert talk_topic(text, first) and not talk_topic(text, second)


def test_platform_events_and_spelled_numbers_are_no_names() -> None:
    assert platform_event("Facebook Live de hoy") and not platform_event("Facebook")
    assert spelled_number("Llame al cinco cinco") and not spelled_number("Ana dos Santos")
