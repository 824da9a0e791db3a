"""Names written with accents or letters outside ASCII, and names the small model puts inside
an organisation's span (session 28; sentences written for these tests, not taken from any
labelled set).

- The name lists were built from ASCII spellings only, so "Inés", "François" or "Côté" were
  no names to the rules, and a full name with care was caught only when the learned parts
  happened to read it. The lists now hold the names spelled without accents, and an accented
  word beside another name is looked up without its accents, except for common Spanish words
  that fold to a name ("Está", "Niña"). Alone, an accented word stays a word ("León").
- "Thinking of Soren Olsen": one ORG span from the small model, whose first word is no name.
- A health word inside a PERSON span is part of the name only while the span is written as
  a name up to it."""

from __future__ import annotations

import pytest

from policies.phi import PhiScreen
from policies.phi.vocabulary import accented_name, first_names, name_key, surnames


def _name_blocks(text: str) -> list[str]:
    """The blocking findings of the name rules (not the learned reading of the whole text)."""
    return [f.text for f in PhiScreen().screen_many([text])[0]
            if f.severity == "block" and f.category == "name" and f.rule.startswith("name")]


@pytest.mark.parametrize(("text", "name"), [
    ("Sending love to Inés Okafor, who rang the bell after her last round of chemo.",
     "Inés Okafor"),
    ("Big welcome home to François Lemieux after his bypass surgery!", "François Lemieux"),
    ("Prayers for Jürgen Albrecht as he starts dialysis on Monday.", "Jürgen Albrecht"),
    ("Prayers for Raúl Quintero as he starts dialysis on Monday.", "Raúl Quintero"),
])
def test_an_accented_name_with_care_blocks_by_the_name_rules(text: str, name: str) -> None:
    assert any(name_key(name.split()[0].lower()) in name_key(found.lower())
               for found in _name_blocks(text)), _name_blocks(text)


def test_an_accented_lookup_folds_accents_but_not_common_spanish_words() -> None:
    assert accented_name("Inés", first_names()) and accented_name("José", first_names())
    assert accented_name("Ramírez", surnames()) and accented_name("Côté", surnames())
    assert accented_name("Søren", first_names()) and accented_name("François", first_names())
    for word in ("Está", "Niña", "Así", "Mañana", "Día", "Señora"):
        assert not accented_name(word, first_names()), word
    # the lists themselves are ASCII, and hold names Faker spells only with accents
    assert "francois" in first_names() and "cote" in surnames() and "inés" not in first_names()
    # a name only an accent makes one is left out where it is an English word
    assert "nanny" not in first_names() and "bra" not in first_names()


@pytest.mark.parametrize("text", [
    "León, nuestro perro de terapia, visita la sala de espera los martes.",
    "Niño sano, niño feliz: agende su chequeo anual.",
    "Este sábado el Hospital del Niño pone la vacuna de la gripe gratis.",
])
def test_an_accented_word_opening_a_sentence_or_in_a_proper_name_is_no_name(text: str) -> None:
    assert _name_blocks(text) == []


@pytest.mark.parametrize("text", [
    "Mucho ánimo para Julián, que empieza la quimio el lunes.",
    "My sister says Ángela is in the hospital with pneumonia again.",
])
def test_an_accented_first_name_alone_in_a_sentence_is_a_name(text: str) -> None:
    assert _name_blocks(text)


@pytest.mark.parametrize("text", [
    "Way To Go Marcus Bell Cancer Free Five Years Today",  # one PERSON span
    "Hats off to Emma Lopez Colon Cancer Survivor",  # one ORG span
])
def test_a_headline_in_title_case_keeps_its_health_words(text: str) -> None:
    # the small model reads the name and the headline after it as one span
    assert _name_blocks(text)


@pytest.mark.parametrize("text", [
    "Mañana abrimos a las 8. Está lista la clínica para las vacunas de la gripe.",
    "Feliz Día de las Madres a todas las mamás de nuestra clínica.",
])
def test_spanish_words_with_accents_are_no_names(text: str) -> None:
    assert _name_blocks(text) == []


def test_a_name_inside_an_organisation_span_is_a_candidate() -> None:
    # the small model reads "Thinking of Soren Olsen" as one ORG
    assert _name_blocks("Thinking of Soren Olsen as she starts dialysis this week.")


@pytest.mark.parametrize("text", [
    "Jóhn Smíth hás díábétés.",  # one PERSON span up to the health word
])
def test_a_health_word_after_a_verb_inside_a_person_span_is_care(text: str) -> None:
    assert _name_blocks(text)


@pytest.mark.parametrize("text", [
    "Our therapy pup Maple visits Fridays; she trained with Sadie Hounds for Healing.",
    "Gentle Yoga for Arthritis meets Thursdays at the library.",
])
def test_a_health_word_in_an_organisations_name_is_part_of_it(text: str) -> None:
    assert _name_blocks(text) == []


def test_a_name_only_an_accent_makes_needs_more_than_opening_a_sentence() -> None:
    # "toi" is listed only as the Vietnamese first name "Tôi", which is also the word "I"
    text = "Tôi bị đau lưng từ hôm qua, có nên uống thuốc giảm đau không?"
    assert [f for f in PhiScreen().screen_many([text], context="comment")[0]
            if f.category == "name"] == []
