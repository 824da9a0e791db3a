"""Spanish comments (issue 13): read by a negative head that learned Spanish sentiment, and
queued with a plain low-confidence note where the models still know little Spanish.

Every Spanish sentence here was written for this file (none comes from a labelled set)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policies.moderation import CommentClassifier, ModerationPolicy, language, should_auto_hide
from policies.moderation.model import models
from policies.moderation.training import data as D

SPANISH = [
    "El estacionamiento estaba lleno y tuvimos que dar vueltas media hora",
    "¿Cuánto cuesta la vacuna contra la gripe si no tengo seguro?",
    "Muchas gracias a todo el equipo, siempre nos reciben con una sonrisa",
    "Mi abuela está feliz con su nueva dentadura",
    "Thanks for the flu clinic! Mis hijos ya están vacunados.",  # mixed: one sentence each
]
NOT_SPANISH = [
    "The parking lot was full and we circled for half an hour",
    "Can I bring my toddler to the vaccine clinic on Saturday?",
    "Dr. Alvarez was amazing, thank you",  # a Spanish name in English
    "Bạn có thể cho tôi biết giờ mở cửa không?",  # Vietnamese: accents, not Spanish
    "Salamat po sa inyong tulong kahapon",  # Tagalog
    "ok 👍",
]
COMPLAINTS = [
    "Nunca contestan el teléfono, es un servicio pésimo",
    "Qué vergüenza, esperé tres horas y nadie me atendió",
    "Estoy harta de que cancelen mi cita a última hora",
]
PRAISE = [
    "Me encanta esta clínica, el personal es maravilloso",
    "Excelente atención, muy contentos con la doctora",
    "Gracias por la información, muy útil para las familias",
]


@pytest.mark.parametrize("text", SPANISH)
def test_spanish_comments_and_mixed_ones_are_recognised(text: str) -> None:
    assert language.spanish(text)


@pytest.mark.parametrize("text", NOT_SPANISH)
def test_english_and_other_languages_are_not_taken_for_spanish(text: str) -> None:
    assert not language.spanish(text)


# Spanish comments that carry what a weak flag needs: a health or care word (phi,
# self_disclosure, medical_advice), a negative lean (abuse) or a long number (doxxing)
NOTED = [
    "¿Cuánto cuesta la vacuna contra la gripe si no tengo seguro?",
    "Thanks for the flu clinic! Mis hijos ya están vacunados.",
    "Mi sobrina dio a luz la semana pasada y salió todo bien",
    "La recepcionista es una grosera y una inútil",
    "Llámenle a Carla al 916 555 0142, ella sabe dónde vive la doctora",
]
# harmless Spanish with none of those: a note here would be a false flag
UNNOTED = [
    "Muchas gracias a todo el equipo, siempre nos reciben con una sonrisa",
    "¡Felicidades a todo el equipo por el premio! 🎉",
    "¿A qué hora abren los sábados?",
    "Qué bonita foto, saludos desde Fresno",
]


@pytest.mark.parametrize("text", NOTED)
def test_a_spanish_comment_that_could_hide_a_weak_flag_is_queued_as_low_confidence(
        text: str) -> None:
    flags = CommentClassifier(ModerationPolicy()).classify(text)
    note = next(f for f in flags if f.flag == "unjudged")
    assert note.score == language.SPANISH_SCORE
    assert "Spanish" in note.reason and "low confidence" in note.reason
    assert "not judged" not in note.reason  # it was judged, unlike Vietnamese or Tagalog
    assert not should_auto_hide(flags, ModerationPolicy())


@pytest.mark.parametrize("text", UNNOTED)
def test_harmless_spanish_with_nothing_a_weak_flag_needs_gets_no_note(text: str) -> None:
    assert language.spanish(text)
    assert CommentClassifier(ModerationPolicy()).classify(text) == []


def test_the_note_says_why_the_comment_was_queued() -> None:
    classifier = CommentClassifier(ModerationPolicy())
    health = next(f for f in classifier.classify(NOTED[0]) if f.flag == "unjudged")
    assert "health or care" in health.reason
    number = next(f for f in classifier.classify(NOTED[4]) if f.flag == "unjudged")
    assert "number" in number.reason


def test_a_practice_can_turn_the_spanish_note_off_but_not_the_not_judged_one() -> None:
    policy = ModerationPolicy.from_toml({"thresholds": {"unjudged": 0.7}})
    classifier = CommentClassifier(policy)
    assert "unjudged" not in {f.flag for f in classifier.classify(NOTED[0])}
    foreign = classifier.classify("Phòng khám có mở cửa vào ngày lễ không?")
    assert {f.flag for f in foreign} == {"unjudged"}


def test_english_comments_get_no_note() -> None:
    classifier = CommentClassifier(ModerationPolicy())
    for text in NOT_SPANISH[:3]:
        assert "unjudged" not in {f.flag for f in classifier.classify(text)}


def test_the_negative_head_reads_spanish_complaints_above_spanish_praise() -> None:
    head = models()

    def negative(text: str) -> float:
        return head.score(text, explain=False)["negative"].probability

    assert min(map(negative, COMPLAINTS)) > max(map(negative, PRAISE))


def test_a_spanish_complaint_is_flagged_negative() -> None:
    classifier = CommentClassifier(ModerationPolicy())
    flagged = [text for text in COMPLAINTS
               if "negative" in {f.flag for f in classifier.classify(text)}]
    assert len(flagged) >= 2, flagged


def test_test_splits_are_never_read() -> None:
    mirrors = D.Mirrors(Path("/nonexistent"))
    with pytest.raises(ValueError):
        D.xlmt_spanish(mirrors, "test")
    with pytest.raises(ValueError):
        D.offendes(mirrors, "test_set")


def test_the_shipped_weights_name_their_spanish_source_and_leave_non_commercial_data_out() -> None:
    meta = json.loads(Path(D.__file__).resolve().parents[1].joinpath("weights.json")
                      .read_text("utf-8"))
    source = meta["sources"]["xlmt_spanish"]
    assert source["repo"] == "cardiffnlp/xlm-t" and len(source["commit"]) == 40
    assert source["licence"]
    assert meta["training"]["negative"]["spanish"] > 1000
    assert set(meta["excluded"]) >= D.NON_COMMERCIAL
    assert "offendes" in D.NON_COMMERCIAL


# Review finding 8: one stray foreign letter must not switch a Spanish comment to English, and
# Spanish insults count as Spanish evidence. Sentences written for the review/fix.
@pytest.mark.parametrize(("text", "expected"), [
    ("Eres una basura y tu clínica apesta, naïve idiotas.", True),
    ("La doctora es una puta inútil. Ça va?", True),
    ("Vete a la mierda, pendejo.", True),
    ("What a naïve idea, the café was closed.", False),
    ("Obrigado pela atenção, você é ótimo.", False),
])
def test_spanish_with_a_stray_letter_or_slang(text, expected):
    from policies.moderation.language import spanish

    assert spanish(text) is expected


# Third-party health in Spanish words no list holds: the note stays (own sentences)
@pytest.mark.parametrize("text", [
    "Mi cuñada Lupe anda muy delicada de los nervios desde el divorcio.",
    "Vi a Memo en la sala de espera de oncología, pobrecito.",
    "Doña Chayo ya no puede caminar sola, le pusieron un marcapasos.",
])
def test_spanish_about_someone_else_keeps_the_low_confidence_note(text: str) -> None:
    flags = CommentClassifier(ModerationPolicy()).classify(text)
    assert "unjudged" in {f.flag for f in flags} or "phi" in {f.flag for f in flags}


# ¡ / ¿ narrowed (attack review of 98870c7; our own sentences): the mark counts as Spanish
# only with a Spanish word after it
@pytest.mark.parametrize("text", [
    "¿Could I take a second antibiotic if the first one didn't work?",
    "¡Dr. Okonkwo never listens and the billing office is a mess!",
    "¿Anybody know why my bill doubled? Ridiculous",
])
def test_an_english_sentence_behind_an_inverted_mark_is_not_spanish(text: str) -> None:
    assert not language.spanish(text)


@pytest.mark.parametrize("text", [
    "¿Cuándo abren la clínica nueva?",
    "¡Gracias por todo, equipo!",
    "¡Felicidades a la doctora Ibarra!",
])
def test_a_spanish_word_after_an_inverted_mark_is_spanish(text: str) -> None:
    assert language.spanish(text)


@pytest.mark.parametrize("text", [
    "Don Aurelio ya no sale de su casa, pobrecito",
    "Oigan, ¿doña Carmela sigue viniendo los martes?",
])
def test_don_or_dona_before_a_whole_name_is_a_third_person(text: str) -> None:
    # the pattern once ended in a word boundary right after the capital, so only a one-letter
    # name matched (an outside review of the Spanish branch found it)
    assert language._THIRD_PARTY.search(text)
    score, reason = language.spanish_note(text, health_or_care=False, negative=0.0)
    assert score > 0 and "by name or relation" in reason
