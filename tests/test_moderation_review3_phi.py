"""Review 3's phi holes, closed by class (tightening). Every sentence here is our own variant
of a class the review named, not one of its sentences."""

from __future__ import annotations

import pytest

from policies.moderation import CommentClassifier, ModerationPolicy, should_auto_hide


def _hidden(text: str, findings: list | None = None) -> bool:
    clf = CommentClassifier(ModerationPolicy())
    flags = clf.classify(text) if findings is None else clf.classify(text, findings)
    return should_auto_hide(flags, ModerationPolicy())


# --- H13: Spanish "el" typed for "él" where the article cannot stand ---------------------

@pytest.mark.parametrize("text", [
    "Ni el mismo sabía que tenía diabetes hasta que salió el análisis.",
    "Ya el mismo reconoció que la quimio lo tiene agotado.",
    "El mismo anda diciendo que tiene hepatitis.",
    "A quien le dio el derrame cerebral fue el, no a su hermano.",
    "Ni el mismo entiende por qué le volvió la leucemia.",
    "El primero en tener un infarto en la familia fue el.",
])
def test_spanish_el_without_its_accent_as_he_is_someone_elses_health(text: str) -> None:
    assert _hidden(text)


@pytest.mark.parametrize("text", [
    "El mismo día de mi cita me cancelaron el análisis.",
    "El otro día vi el anuncio de la vacuna contra la gripe.",
    "¿La vacuna tiene el mismo precio que el año pasado?",
    "El próximo mes abren el consultorio nuevo.",
])
def test_spanish_el_as_the_article_stays_visible(text: str) -> None:
    assert not _hidden(text)
