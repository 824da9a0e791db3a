"""The High misses of the 2026-12-02 outside attack review, closed as classes of wording:
Spanish "su"/"le" tying health to a named person, named relatives (English and Spanish),
Spanish health words, a named person's line/tube/device, one body-part vocabulary, Spanish
name-calling. Every sentence is our own."""

from __future__ import annotations

import re
from typing import Any

import pytest

from policies.anatomy import BODY_PART, BODY_PARTS
from policies.moderation import CommentClassifier, ModerationPolicy, disclosure, should_auto_hide
from policies.moderation import lexicon as lx
from policies.moderation.classifier import score_abuse
from policies.phi.vocabulary import health_mentions


@pytest.fixture(scope="module")
def classify() -> Any:
    from policies.phi import get_screen

    screen = get_screen()
    clf = CommentClassifier(ModerationPolicy(),
                            lambda texts: screen.screen_many(texts, context="comment"))
    return lambda text: {f.flag: f for f in clf.classify(text)}


def _disclosure(text: str) -> dict[str, float]:
    return {k: v for k, (v, _) in disclosure.score(text.lower(), text, []).items() if v}


# 1. Spanish: "su" / "le" + a verb tie the health to the named person ----------------------

@pytest.mark.parametrize("text", [
    "Platiqué con Eufemia el jueves y el resultado de su biopsia salió positivo.",
    "Me topé con Leoncio y me contó que le encontraron cáncer en la próstata.",
    "Fui a ver a Clotilde, la operaron del corazón y sigue delicada.",
    "Saludé a Casimiro en la iglesia, ya lo internaron otra vez por la diabetes.",
    "Visité a Gumersinda, el cáncer ya le llegó al hígado.",
    "Eleuterio anda muy mal, le dieron quimio toda la semana.",  # the name opens it
    "Anselma salió positiva de VIH.",  # the health right after the name
])
def test_spanish_health_tied_to_a_named_person_is_phi(text: str, classify: Any) -> None:
    flags = classify(text)
    assert "phi" in flags
    assert should_auto_hide(list(flags.values()), ModerationPolicy())


@pytest.mark.parametrize("text", [
    "Hablé con mi comadre, el resultado de su biopsia salió bien.",  # unnamed acquaintance
    "Gracias por su paciencia, la cita de mi biopsia ya quedó.",  # formal "su", no name
    "¡Felicidades a Eufemia por su graduación!",  # no health
])
def test_spanish_su_without_a_named_persons_health_is_not_phi(text: str) -> None:
    assert "phi" not in _disclosure(text)


# 2. A named relative is phi, English and Spanish; an unnamed one self_disclosure ---------

@pytest.mark.parametrize("text", [
    "Mi tío Porfirio está en el hospital por un derrame.",
    "Mi abuelita Nicolasa ya tiene demencia.",
    "Mi cuñado Ángel no se cuida la diabetes.",
    "Mi hermanastro Evaristo tiene asma muy fuerte.",
    "My stepbrother Thaddeus has leukemia.",
    "My sister-in-law Philippa just had a miscarriage.",
    "My godmother Winifred is on dialysis now.",
    "Mi nuera Xiomara perdió el bebé en octubre.",
])
def test_a_named_relative_is_phi(text: str) -> None:
    assert "phi" in _disclosure(text)


@pytest.mark.parametrize("text", [
    "Mi tío está en el hospital por un derrame.",
    "Mi abuela ya tiene demencia.",
])
def test_an_unnamed_relative_is_self_disclosure(text: str) -> None:
    found = _disclosure(text)
    assert "phi" not in found and "self_disclosure" in found


# 3. Spanish health words --------------------------------------------------------------------

@pytest.mark.parametrize("word", ["VIH", "SIDA", "sida", "derrame", "depresión", "ansiedad",
                                  "neumonía", "asma", "sobredosis", "biopsia", "trasplante"])
def test_spanish_health_words_are_in_the_kept_lay_vocabulary(word: str) -> None:
    assert [m.text for m in health_mentions(f"Dicen que Fermín tiene {word} desde marzo")] \
        == [word]


def test_a_spanish_named_neighbours_hiv_is_hidden(classify: Any) -> None:
    assert "phi" in classify("Mi vecino Anacleto tiene VIH y nadie sabe.")


# 4. A named person's line, tube or device -----------------------------------------------

@pytest.mark.parametrize("text", [
    "Wendell's PICC line got infected over the holiday.",
    "Marisela's catheter came out in the middle of the night.",
    "Horace's central line has to be replaced on Monday.",
])
def test_a_named_persons_device_is_phi(text: str, classify: Any) -> None:
    assert "phi" in classify(text)


# 5. One body-part vocabulary ------------------------------------------------------------

def test_the_judge_and_senses_read_the_one_body_part_list() -> None:
    from policies.moderation import senses
    from policies.phi import judge

    assert judge._BODY_PART == BODY_PART
    assert "collarbone" in BODY_PARTS and "kneecap" in BODY_PARTS
    assert senses._BODY_OR_OWNER.search("the collarbone is all ")


def test_the_threat_releases_read_a_subset_of_the_one_list() -> None:
    from policies.anatomy import HARMLESS_AFTER_HURT

    forms = set(BODY_PART.split("|"))
    for alt in HARMLESS_AFTER_HURT.split("|"):
        words = [alt[:-2], alt[:-2] + "s"] if alt.endswith("s?") else [alt]
        assert all(w in forms for w in words), alt


@pytest.mark.parametrize("text", [
    "Rutherford broke his collarbone at the scrimmage.",
    "Ottoline fractured her kneecap on the ice.",
    "Percival tore his labrum pitching last week.",
])
def test_a_named_persons_injury_is_phi(text: str, classify: Any) -> None:
    assert "phi" in classify(text)


def test_an_injury_to_a_body_part_is_a_health_word() -> None:
    assert lx.STRONG_HEALTH_RE.search("he broke his left collarbone")
    assert lx.STRONG_HEALTH_RE.search("i rolled my ankle")
    assert not lx.STRONG_HEALTH_RE.search("the kids broke the vending machine")
    for idiom in ("she rolled her eyes at us", "that news broke my heart",
                  "you're pulling my leg", "my sister twisted my arm into it"):
        assert not lx.STRONG_HEALTH_RE.search(idiom), idiom


# 6. Spanish name-calling ------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Ustedes son unos payasos, nunca hacen nada bien.",
    "La de la ventanilla es una babosa.",
    "Bola de inútiles, tres días sin contestar.",
    "Esa enfermera es una estúpida.",
    "¡Qué payasos! Me cancelaron otra vez.",
    "Ese doctor es un pendejo.",
])
def test_spanish_name_calling_is_abuse(text: str) -> None:
    score, reason = score_abuse(text.lower())
    assert score >= 0.7, reason


@pytest.mark.parametrize("text", [
    "Es inútil llamar, nunca contestan.",  # calling is useless: criticism
    "No es tonto preguntar, gracias.",
    "Mi bebé anda bien baboso con los dientes.",  # drooling
    "¡Qué payaso tan divertido en la feria de salud!",
    "Trajeron un payaso para los niños.",
])
def test_spanish_words_outside_the_insult_frame_are_not_abuse(text: str) -> None:
    assert score_abuse(text.lower())[0] < 0.7


def test_the_name_calling_frame_needs_the_word_whole() -> None:
    assert not re.search(lx.SPANISH_NAME_CALLING_RE, "son unos payasitos del circo")
