"""Session 48: a Spanish nickname no name list holds, read from where it stands (the subject
of one person's health event, or after don/doña/tío/compadre ...), blocks (spanish_names.py;
docs/phi.md, "Session 48: Spanish names the lists do not hold"). Own wording, no dev-set,
blind-set or review-set line."""

from __future__ import annotations

import pytest

from policies.phi import PhiAllowList, PhiScreen
from policies.phi.registry import REGISTRY
from policies.phi.spanish_names import common_word, nickname_spans


@pytest.fixture(scope="module")
def screen() -> PhiScreen:
    return PhiScreen(PhiAllowList.from_toml({"allow_names": [
        "Doctora Treviño", "Dra. Treviño", "Enfermera Chuyita", "Chuyita"]}))


def _rules(screen: PhiScreen, text: str, context: str = "post") -> list[str]:
    return [f.rule for f in screen.screen(text, context=context) if f.severity == "block"]


# (text, blocked): nicknames and lower-case honorific names no list holds, with one person's
# health, block (each passed before); harmless Spanish in the styles the reading must leave
# alone passes (before and after)
CASES = [
    ("Pancho de la carnicería ya salió del hospital.", True),
    ("Güera sigue en quimio, mándenle porras.", True),
    ("don chuy ya está en diálisis tres veces por semana.", True),
    ("doña chofi salió de la cirugía de la cadera.", True),
    ("Tencho del mercado se fracturó la cadera y lo operan el jueves.", True),
    ("Chuyín de la papelería de enfrente está internado por neumonía.", True),
    ("Avisos: Cuquis de la fonda empezó sus radiaciones.", True),
    ("Tuti en el hospital otra vez por el asma.", True),
    ("Le mandamos un abrazo a la comadre chonita, la operaron del corazón.", True),
    ("Ya nació la nieta del compadre lacho, por cesárea.", True),
    ("Gracias por preguntar. Pelón del taller ya camina después de su derrame.", True),
    ("Doctora Treviño atiende el lunes y el miércoles.", False),
    ("Enfermera Chuyita sigue en la recepción los sábados para tomar la presión.", False),
    ("Don't forget: la clínica cierra temprano el viernes.", False),
    ("Feria de salud este sábado, habrá pruebas de glucosa.", False),
    ("Mamás: la vacuna de la influenza ya está disponible.", False),
    ("Gracias a Dios por otro año sirviendo a la comunidad.", False),
    ("San Juan tendrá campaña de vacunación en marzo.", False),
    ("Septiembre es el mes del cáncer infantil.", False),
    ("Walmart de la avenida tiene vacunas contra la gripe.", False),
    ("Tencho de la ferretería nos regaló pintura para la sala de espera.", False),
    ("doña chonita, la dueña de la panadería, nos trajo pan para la feria de salud.", False),
    ("Pelón del taller nos arregló la camioneta, ¡gracias!", False),
    # a verb with its pronoun, a plural imperative, a health word opening the sentence
    ("Llámenos con sus dudas sobre la diabetes de su hijo.", False),
    ("Laven con agua y jabón cualquier herida y vengan a revisión.", False),
    ("Mamografías sin costo todo noviembre en la clínica.", False),
]


@pytest.mark.parametrize(("text", "blocked"), CASES)
def test_spanish_nickname(screen: PhiScreen, text: str, blocked: bool) -> None:
    assert bool(_rules(screen, text)) is blocked


def test_rule_id_and_registry(screen: PhiScreen) -> None:
    assert "name_es+subject" in _rules(screen, "Tencho del mercado sigue en diálisis.")
    assert "name_es+honorific" in _rules(screen, "doña tachita está internada por neumonía.")
    assert REGISTRY["name_es"].category == "name"
    assert REGISTRY["name_es"].block_at == 0.6


def test_comment_is_not_read(screen: PhiScreen) -> None:
    # a commenter's own telling is read by the comment rules, not this one
    assert not any(r.startswith("name_es") for r in _rules(
        screen, "Tencho del mercado sigue en diálisis.", context="comment"))


@pytest.mark.parametrize(("text", "found"), [
    ("Cuquis de la fonda sigue en diálisis.", ["Cuquis"]),
    ("Cuquis de la fonda nos regaló tamales.", []),  # no state or event after the subject
    ("Feria de salud sigue este sábado.", []),  # an everyday word
    ("la señora embarazada sigue en el hospital.", []),  # an adjective after "señora"
    ("la señora de la limpieza sigue en el hospital.", []),  # a function word
    ("Mi comadre tachita sigue internada.", ["tachita"]),
    ("Memo de la tienda de la esquina la operaron ayer.", ["Memo"]),
    ("Memo de la tienda de la esquina nos llamó.", []),  # "la esquina" is no verb
])
def test_nickname_spans(text: str, found: list[str]) -> None:
    assert [text[s:e] for s, e, _ in nickname_spans(text, 0, len(text))] == found


def test_common_word() -> None:
    assert common_word("Feria") and common_word("Gracias") and common_word("Septiembre")
    assert not common_word("Cuquis") and not common_word("Tencho")
