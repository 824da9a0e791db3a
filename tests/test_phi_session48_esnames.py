"""Session 48: a Spanish name no name list holds, read after don/doña/tío/compadre ..., blocks
(spanish_names.py; docs/history/phi.md, "Session 48: Spanish names the lists do not hold"). The
subject half (a capitalised word opening a sentence before one person's health event) was
withdrawn after an outside review: its block cases stay as strict xfails, and harmless posts
in the review's false-block shapes pass. Own wording, no dev-set, blind-set or review-set
line."""

from __future__ import annotations

import pytest

from policies.phi import PhiAllowList, PhiScreen
from policies.phi.registry import REGISTRY
from policies.phi.spanish_names import common_word, nickname_spans

WITHDRAWN = pytest.mark.xfail(
    strict=True,
    reason="withdrawn session 48: outside review, 17 false blocks on 84 harmless probes")


@pytest.fixture(scope="module")
def screen() -> PhiScreen:
    return PhiScreen(PhiAllowList.from_toml({"allow_names": [
        "Doctora Treviño", "Dra. Treviño", "Enfermera Chuyita", "Chuyita"]}))


def _rules(screen: PhiScreen, text: str, context: str = "post") -> list[str]:
    return [f.rule for f in screen.screen(text, context=context) if f.severity == "block"]


# (text, blocked): lower-case honorific names no list holds, with one person's health, block
# (each passed on main; "Pancho" is a listed name main blocks already; the subject-half cases
# are withdrawn); harmless Spanish in the styles the reading must leave alone passes
CASES = [
    ("Pancho de la carnicería ya salió del hospital.", True),  # a listed name: name+health
    pytest.param("Güera sigue en quimio, mándenle porras.", True, marks=WITHDRAWN),
    ("don chuy ya está en diálisis tres veces por semana.", True),
    ("doña chofi salió de la cirugía de la cadera.", True),
    pytest.param("Tencho del mercado se fracturó la cadera y lo operan el jueves.",
                 True, marks=WITHDRAWN),
    pytest.param("Chuyín de la papelería de enfrente está internado por neumonía.",
                 True, marks=WITHDRAWN),
    pytest.param("Avisos: Cuquis de la fonda empezó sus radiaciones.", True, marks=WITHDRAWN),
    pytest.param("Tuti en el hospital otra vez por el asma.", True, marks=WITHDRAWN),
    ("Le mandamos un abrazo a la comadre chonita, la operaron del corazón.", True),
    ("Ya nació la nieta del compadre lacho, por cesárea.", True),
    pytest.param("Gracias por preguntar. Pelón del taller ya camina después de su derrame.",
                 True, marks=WITHDRAWN),
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
    assert "name_es+honorific" in _rules(screen, "doña tachita está internada por neumonía.")
    assert REGISTRY["name_es"].category == "name"
    assert REGISTRY["name_es"].block_at == 0.6


@WITHDRAWN
def test_subject_rule_id(screen: PhiScreen) -> None:
    assert "name_es+subject" in _rules(screen, "Tencho del mercado sigue en diálisis.")


def test_comment_is_not_read(screen: PhiScreen) -> None:
    # a commenter's own telling is read by the comment rules, not this one
    text = "doña tachita está internada por neumonía."
    assert "name_es+honorific" in _rules(screen, text)
    assert not any(r.startswith("name_es") for r in _rules(screen, text, context="comment"))


# the outside review's false-block shapes (own wording): a town outside the US, a store that
# "tiene" a product, a public figure's own disclosure, a pet, story characters. Each was
# blocked by the withdrawn subject half (name_es+subject); none holds a patient.
@pytest.mark.parametrize("text", [
    "Quetzaltenango amaneció con heladas; abrigue bien a los niños con bronquitis.",
    "Soriana tiene tiras para medir la diabetes a mitad de precio esta semana.",
    "Thalía sigue con tratamiento para la enfermedad de Lyme, como ella misma ha contado.",
    "Michifuz está en tratamiento por sarna; bañe a su mascota y lleve al veterinario.",
    "Cuento del sábado: Zorrito se fracturó la pata y aprende a usar muletas.",
    "Lectura para niños: Ajolotito tiene asma y su abuela le enseña a usar el inhalador.",
])
def test_review_shapes_pass(screen: PhiScreen, text: str) -> None:
    assert _rules(screen, text) == []


@pytest.mark.parametrize(("text", "found"), [
    pytest.param("Cuquis de la fonda sigue en diálisis.", ["Cuquis"], marks=WITHDRAWN),
    ("Cuquis de la fonda nos regaló tamales.", []),  # no state or event after the subject
    ("Feria de salud sigue este sábado.", []),  # an everyday word
    ("la señora embarazada sigue en el hospital.", []),  # an adjective after "señora"
    ("la señora de la limpieza sigue en el hospital.", []),  # a function word
    ("Mi comadre tachita sigue internada.", ["tachita"]),
    pytest.param("Memo de la tienda de la esquina la operaron ayer.", ["Memo"], marks=WITHDRAWN),
    ("Memo de la tienda de la esquina nos llamó.", []),  # "la esquina" is no verb
])
def test_nickname_spans(text: str, found: list[str]) -> None:
    assert [text[s:e] for s, e, _ in nickname_spans(text, 0, len(text))] == found


def test_common_word() -> None:
    assert common_word("Feria") and common_word("Gracias") and common_word("Septiembre")
    assert not common_word("Cuquis") and not common_word("Tencho")


def test_the_common_word_check_reads_the_compiled_list_not_wordfreq(monkeypatch) -> None:
    """wordfreq is a dev and vocab extra, not a dependency: the screen must not import it
    (data/common_words.tsv is compiled from it by build_vocab.py)."""
    import sys

    from policies.phi import spanish_names

    spanish_names.common_word.cache_clear()
    monkeypatch.setitem(sys.modules, "wordfreq", None)  # any import of it now fails
    assert spanish_names.common_word("Casa") and spanish_names.common_word("Hospital")
    assert not spanish_names.common_word("Chofi")
