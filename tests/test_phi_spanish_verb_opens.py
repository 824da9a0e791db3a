"""A Spanish verb opening a question is no name (session 30; sentences written for these
tests, not taken from any labelled set).

The small English model reads "¿Atienden a ...?" or "¿Ponen la vacuna de la gripe ...?" as a
PERSON span, and the screen took the verb for a patient's name beside the health words after
it: access questions were blocked, and the comment classifier hid them as phi (an outside
review of session 29 found 31 of 140 Spanish questions hidden so). A word opening a sentence
or a question that is a Spanish verb form no name list holds (data/spanish_verbs.txt, from
wordfreq and simplemma) is no longer read as a name; a name no list holds still is
("¿Chuy otra vez en diálisis?")."""

from __future__ import annotations

import pytest
from conftest import blocking

from policies.moderation import CommentClassifier, ModerationPolicy, language, should_auto_hide
from policies.phi import PhiScreen
from policies.phi.candidates import spanish_verb_opens
from policies.phi.vocabulary import first_names, spanish_verb_forms, surnames

ACCESS_QUESTIONS = [
    "¿Atienden a niños con asma los sábados?",
    "¿Tienen dentista para niños con seguro Medicaid?",
    "¿Reciben pacientes nuevos con diabetes?",
    "¡Aprovechen la vacuna contra la gripe este mes!",
]
ABOUT_SOMEONE = [
    "¿Chuy otra vez en diálisis?",
    "¿Nacho con cáncer de colon? no sabía",
    "¿Lupita ya salió de la cirugía del corazón?",
    # the name after the verb stays a name (a first version dropped the whole span)
    "¿Visitaron a Chencho en el hospital? Tiene cáncer de páncreas.",
    # a verb after the opening word makes it the subject: a name, even one spelled as a verb
    "¿Consuelo sigue en diálisis?",
]


def _names(text: str) -> list[str]:
    return [f.text for f in PhiScreen().screen(text, context="comment") if f.category == "name"]


@pytest.mark.parametrize("text", ACCESS_QUESTIONS)
def test_a_spanish_verb_opening_a_question_is_no_name(text: str) -> None:
    assert _names(text) == []


@pytest.mark.parametrize("text", ACCESS_QUESTIONS)
def test_a_spanish_access_question_is_not_hidden(text: str) -> None:
    flags = CommentClassifier(ModerationPolicy()).classify(text)
    assert "phi" not in {f.flag for f in flags}
    assert not should_auto_hide(flags, ModerationPolicy())


@pytest.mark.parametrize("text", ABOUT_SOMEONE)
def test_a_name_no_list_holds_opening_a_question_is_still_a_name(text: str) -> None:
    assert len(_names(text)) >= 1
    assert blocking(PhiScreen(), text, "comment")


def test_only_after_an_opening_mark() -> None:
    # a verb opening a plain sentence is left as it was (session 30's review): only "¿"/"¡"
    assert spanish_verb_opens("¿Atienden a niños?", 1, "Atienden")
    assert not spanish_verb_opens("Atienden a niños.", 0, "Atienden")
    assert not spanish_verb_opens("¿Atienden tienen cita?", 1, "Atienden")  # a verb follows
    # a pronoun and a verb follow: the opening word is their subject ("¿<name> la operaron?")
    assert not spanish_verb_opens("¿Atienden la operaron ayer?", 1, "Atienden")
    assert spanish_verb_opens("¿Atienden la gripe?", 1, "Atienden")  # a pronoun, then a noun
    assert not spanish_verb_opens("¿Atienden Morales?", 1, "Atienden")  # a surname follows
    # called by name before the mark: "¿<name>? Le dio un infarto." (session 30's third review)
    assert not spanish_verb_opens("¿Atienden? Le dio un infarto.", 1, "Atienden")
    assert not spanish_verb_opens("¡Atienden, te extrañamos!", 1, "Atienden")


def test_a_stray_mark_before_another_language_leaves_it_unread() -> None:
    # a short verb form ("pone") and words we do not know: not Spanish (third review)
    assert language.unjudged("¿Pone po ba kayo ng gamot sa lagnat ng bata?")  # Tagalog
    assert language.unjudged("¡Doctora mentirosa, tramposa, engreída!")


def test_a_stray_mark_before_an_english_word_leaves_english_english() -> None:
    # "please" and "i" are verb forms to the Spanish lemma table, and as common in English:
    # marked "shared", they make nothing Spanish (session 30's second review)
    text = "¡Please keep my neighbor Ruth in your thoughts, her biopsy came back positive"
    assert not language.spanish(text)
    flags = CommentClassifier(ModerationPolicy()).classify(text)
    assert should_auto_hide(flags, ModerationPolicy())
    assert language.spanish("¿Aceptan Blue Cross?")
    assert not language.unjudged("¿Aceptan Blue Cross PPO?")


def test_the_verb_list_holds_no_listed_name() -> None:
    verbs = spanish_verb_forms()
    assert {"atienden", "ponen", "tienen", "reciben"} <= verbs
    assert not verbs & first_names()
    assert not verbs & surnames()
