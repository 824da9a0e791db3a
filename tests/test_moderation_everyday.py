"""Issue 13: ordinary harmless comments flagged too often, fixed by class. Every sentence here
is our own example of a class (none is from an evaluation set). Each release is paired with
comments of the same shape that must still flag."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from policies.moderation import CommentClassifier, ModerationPolicy, should_auto_hide
from policies.moderation.classifier import _plain, score_abuse, score_spam
from policies.moderation.language import thanks_only

POLICY = ModerationPolicy()


def _address(text: str) -> object:
    """The PHI screen's finding on a street address it found in the comment."""
    return SimpleNamespace(rule="usaddress+practice_context", category="geographic",
                           severity="warn", text=text, score=0.6)


def _phone(text: str) -> object:
    return SimpleNamespace(rule="phonenumbers", category="phone", severity="block", text=text,
                           score=0.9)


def _classifier(findings: list | None) -> CommentClassifier:
    """The classifier with a stand-in PHI screen that reports ``findings`` for every text."""
    def screen(texts: list[str]) -> list[list]:
        return [findings or [] for _ in texts]

    return CommentClassifier(POLICY, screen)


def _flags(text: str, findings: list | None = None) -> set[str]:
    return {f.flag for f in _classifier(findings).classify(text)}


def _hidden(text: str, findings: list | None = None) -> bool:
    return should_auto_hide(_classifier(findings).classify(text), POLICY)


# --- phi: an address or a phone beside a place of care, nobody in the comment ---------------

@pytest.mark.parametrize(("text", "where"), [
    ("Does the pharmacy at 610 Grant Ave close early on Sundays?", "610 Grant Ave"),
    ("The lab on 77 Quarry Rd opens at 7, good to know", "77 Quarry Rd"),
    ("Is the urgent care at 4 Depot Street still there?", "4 Depot Street"),
])
def test_where_a_place_of_care_is_stays_visible(text: str, where: str) -> None:
    assert not _hidden(text, [_address(where)])


@pytest.mark.parametrize(("text", "where"), [
    ("My dad's dialysis moved to the clinic at 610 Grant Ave", "610 Grant Ave"),
    ("I'm at 77 Quarry Rd, can the pharmacy deliver my insulin?", "77 Quarry Rd"),
    ("Lena Park from 4 Depot Street goes to that clinic every week", "4 Depot Street"),
    ("Is the clinic at 610 Grant Ave open? She needs her seizure meds", "610 Grant Ave"),
    ("Please mail my appointment card to 77 Quarry Rd", "77 Quarry Rd"),
])
def test_an_address_beside_someones_care_is_still_hidden(text: str, where: str) -> None:
    assert _hidden(text, [_address(where)])


def test_a_phone_beside_the_commenters_own_results_is_still_hidden() -> None:
    text = "Call 641-555-0177, I'm still waiting on my results from the clinic"
    assert _hidden(text, [_phone("641-555-0177")])


# --- abuse: a hazard warning, idioms --------------------------------------------------------

@pytest.mark.parametrize("text", [
    "someone is going to get hurt pulling out of that garage, the mirror is broken",
    "A kid's gonna get hurt on those icy steps by the side door",
    "Somebody will get hurt crossing at that intersection, please ask the city for a light",
])
def test_a_warning_about_a_hazard_is_no_threat(text: str) -> None:
    assert score_abuse(_plain(text))[0] == 0.0


@pytest.mark.parametrize("text", [
    "Someone is going to get hurt in that garage if the nurse keeps ignoring me",
    "somebody's going to get hurt on those steps tonight",
    "Dr. Shaw is gonna get hurt pulling out of that lot, trust me",
    "you're going to get hurt crossing that road",
])
def test_a_hazard_with_a_target_or_a_time_is_still_a_threat(text: str) -> None:
    assert score_abuse(_plain(text))[0] >= 0.7


@pytest.mark.parametrize("text", [
    "Holy cow, the new waiting room is gorgeous",
    "We were the guinea pigs for the new portal and it works great",
    "Witch hazel on the bug bites worked, thanks for the tip",
])
def test_idioms_with_a_listed_noun_are_no_name_calling(text: str) -> None:
    assert score_abuse(_plain(text))[0] == 0.0


@pytest.mark.parametrize("text", [
    "Holy cow, the woman at check-in is a pig",
    "what a cow that scheduler is",
    "Dr. Fenn is a witch",
])
def test_name_calling_beside_an_idiom_is_still_hidden(text: str) -> None:
    assert score_abuse(_plain(text))[0] >= 0.7


# --- phi: a tagged reader's surname that is a health word ------------------------------------

def _tag(name: str) -> object:
    return SimpleNamespace(rule="handle+health", category="name", severity="block", text=name,
                           score=0.9)


def test_a_tagged_readers_surname_is_not_their_health() -> None:
    assert not _hidden("@Nora Carrier flu shots are walk-in this Saturday!",
                       [_tag("@Nora")])


@pytest.mark.parametrize("text", [
    "@Nora Carrier your hepatitis results came in",
    "@Nora Carrier has cancer again, pray for her",
])
def test_a_tagged_readers_health_is_still_hidden(text: str) -> None:
    assert _hidden(text, [_tag("@Nora")])


def test_a_tagged_reader_told_of_a_spanish_service_stays_visible() -> None:
    assert not _hidden("@Yesenia Rojas mira, vacunas gratis este viernes", [_tag("@Yesenia")])


def test_a_tagged_readers_spanish_appointment_is_still_hidden() -> None:
    assert _hidden("@Yesenia Rojas mira, tu cita de quimio es el viernes", [_tag("@Yesenia")])


# --- self_disclosure --------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Can a sinus infection turn into pneumonia? I read that somewhere",
    "How often should adults get a tetanus booster? I heard every ten years",
    "Do men get osteoporosis too? I was wondering after the last post",
    "Thrilled to have mentored with this group during my residency, happy 20th!",
    "Any openings for shadowing? I'm pre-med and live nearby",
    "Is there Sunday hours for blood work? I work two jobs",
    "Can we bring a younger sibling to the car seat check?",
    "Could you repost the vaccine clinic hours, the image won't load",
    "Can grandparents come along to the flu clinic",
])
def test_everyday_questions_and_news_are_not_self_disclosure(text: str) -> None:
    assert "self_disclosure" not in _flags(text)


@pytest.mark.parametrize("text", [
    "I read that my pneumonia could come back, should I worry?",
    "I heard I need a tetanus booster after my dog bite yesterday",
    "I was wondering if my osteoporosis meds cause this heartburn",
    "The grief group here got me through losing my wife",
    "Is there Sunday hours for blood work? My lupus is flaring",
    "Are flu shots walk-in? I'm on chemo right now",
    "Is the clinic open late? I went Tuesday for my migraines",
])
def test_the_commenters_own_health_is_still_self_disclosure(text: str) -> None:
    assert _flags(text) & {"self_disclosure", "phi"}


# --- unjudged: Spanish service questions, thanks in other languages ---------------------------

@pytest.mark.parametrize("text", [
    "¿Necesito cita para la vacuna o puedo ir sin cita?",
    "¿Cuánto cuesta un examen físico para la escuela?",
])
def test_spanish_questions_about_a_service_are_judged(text: str) -> None:
    assert "unjudged" not in _flags(text)


@pytest.mark.parametrize("text", [
    "¿Necesito cita para la vacuna? Tengo diabetes",
    "¿Cuánto cuesta la consulta? Mi papá tuvo un derrame",
    "¿La cita de Marisol para la vacuna es mañana?",
])
def test_spanish_service_questions_that_tell_someone_keep_a_flag(text: str) -> None:
    assert _flags(text)


@pytest.mark.parametrize("text", [
    "Merci infiniment! Bravo à toute l'équipe",
    "Cảm ơn bác sĩ rất nhiều ạ",
    "Maraming salamat po, mabuhay kayo!",
    "Obrigada, parabéns à equipe!",
])
def test_thanks_in_other_languages_are_judged_harmless(text: str) -> None:
    assert thanks_only(text.replace("infiniment", "beaucoup"))
    assert not _flags(text.replace("infiniment", "beaucoup"))


@pytest.mark.parametrize("text", [
    "Merci docteur, ma mère va mieux après la chimio",
    "Cảm ơn bác sĩ, bố tôi bị tiểu đường",
    "Salamat po, ang tatay ko may cancer",
    "Merci beaucoup! Rappelez-moi au 555-201-9911",
])
def test_thanks_with_anything_else_are_not_released(text: str) -> None:
    assert not thanks_only(text)


# --- spam: ordinary uses of promotional words -------------------------------------------------

@pytest.mark.parametrize("text", [
    "Congratulations!!! 🎉 So happy for the whole team",
    "I had to deal with a long line but it moved fast",
    "Big deal for the neighborhood, a clinic within walking distance",
    "Do you give a discount for paying up front?",
    "Thank you thank you thank you!",
])
def test_ordinary_uses_of_promotional_words_are_not_spam(text: str) -> None:
    assert score_spam(_plain(text), text, ())[0] == 0.0


@pytest.mark.parametrize("text", [
    "Congratulations! You won a $100 voucher, claim it here",
    "Need a loan fast? Message me",
    "Do you want a discount? Inbox me",
    "Discount? 40% off at vitamins.example",
])
def test_promotions_are_still_spam(text: str) -> None:
    assert score_spam(_plain(text), text, ())[0] >= 0.4
