"""Health words said of a thing, a topic or a season are nobody's health (senses.py).
Example texts are our own."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from conftest import auto_hidden

from policies.moderation import (
    CommentClassifier,
    ModerationPolicy,
    disclosure,
    senses,
)


def _blanked(text: str) -> str:
    return senses.masked(text.lower(), text)[1]


@pytest.mark.parametrize(("text", "gone"), [
    ("The check-in kiosk has been broken since Monday", "broken"),  # a thing's state
    ("The map on your flyer is so blurry I can't read the street names", "blurry"),
    ("Half the sidewalk out front got torn up by the plow", "torn"),  # a phrasal verb
    ("@Rhea here is the measles vaccine calendar we talked about", "measles vaccine"),  # topic
    ("Is there a booster clinic for grandparents too?", "booster"),  # asking about a service
    ("Can't wait for the pumpkin patch this fall", "fall"),  # the season
])
def test_a_health_word_said_of_a_thing_a_topic_or_a_season_is_blanked(text: str,
                                                                      gone: str) -> None:
    blanked = _blanked(text)
    assert gone not in blanked and len(blanked) == len(text)


@pytest.mark.parametrize(("text", "kept"), [
    ("My ankle has been broken for three weeks and the cast itches", "broken"),  # a body part
    ("the car clipped me and my wrist is broken", "broken"),  # a person between
    ("Grandpa with dementia walks every morning", "dementia"),  # "walks" is his, no topic
    ("My daughter had the flu last week", "flu"),  # "last week" is when, not a topic
    ("Thanks for posting my son's asthma info sheet", "asthma"),  # an owned topic stays
    ("The flu clinic billed my insurance twice", "flu"),  # a visit told, not a question
    ("She had a bad fall on the ice", "fall"),  # the injury
    ("@Liesl the dialysis schedule post is up, hang in there", "dialysis"),  # a treatment's
])
def test_a_persons_health_is_kept(text: str, kept: str) -> None:
    assert kept in _blanked(text)


def _tied_handle(handle: str) -> object:
    return SimpleNamespace(rule="handle+health", category="name", severity="block",
                           text=handle, score=0.85)


@pytest.mark.parametrize("text", [
    "@Colette the patient portal has been broken all morning, try calling",
    "@Colette the flu shot schedule post is up on their page",  # preventive care's topic
])
def test_a_tagged_friend_beside_a_thing_or_a_topic_is_not_phi(text: str) -> None:
    scores = disclosure.score(text.lower(), text, [_tied_handle("@Colette")])
    assert scores["phi"][0] == 0


@pytest.mark.parametrize("text", [
    "@Colette so sorry your wrist is broken, heal up fast",
    "@Colette the allergy season handout is posted, hope your asthma flare settles down",
])
def test_a_tagged_persons_own_health_stays_phi(text: str) -> None:
    scores = disclosure.score(text.lower(), text, [_tied_handle("@Colette")])
    assert scores["phi"][0] >= ModerationPolicy().hide_threshold("phi")


@pytest.mark.parametrize("text", [
    "Could you repost the vaccine clinic hours? The picture is all blurry on my screen",
    "We loved the hayride at the fall festival, thank you!",
])
def test_questions_about_a_service_and_a_season_are_not_self_disclosure(text: str) -> None:
    flags = {f.flag for f in CommentClassifier(ModerationPolicy()).classify(text)}
    assert not flags & {"phi", "self_disclosure"}


def test_a_visit_told_is_still_self_disclosure() -> None:
    text = "Went to the flu clinic Saturday and my arm is still sore, worth it though"
    flags = {f.flag for f in CommentClassifier(ModerationPolicy()).classify(text)}
    assert "self_disclosure" in flags


# --- Spanish "el": the article, not "he" (our own sentences) -------------------------------

def _phi_or_self(text: str) -> dict[str, float]:
    scores = disclosure.score(text.lower(), text, [])
    return {k: v for k, (v, _) in scores.items() if v}


@pytest.mark.parametrize("text", [
    "¿Abren el jueves para las vacunas de los niños?",
    "¿Hay que llevar el carnet de vacunas a la cita?",
    "Gracias por el video sobre la diabetes, lo voy a compartir",
])
def test_spanish_article_el_is_nobody_whose_health_is_told(text: str) -> None:
    assert "phi" not in _phi_or_self(text)


@pytest.mark.parametrize("text", [
    "Vi a Anselmo en la farmacia, el tiene diabetes y no se cuida",  # "el" before a verb
    "La maestra Griselda tiene cáncer, pobrecita",  # "la" before a person
    "Al señor de la mudanza le dio un infarto ayer",
])
def test_a_spanish_third_person_with_a_condition_is_phi(text: str) -> None:
    assert _phi_or_self(text).get("phi", 0) >= ModerationPolicy().hide_threshold("phi")


# --- an @-tagged reader (tags.py; our own sentences) ----------------------------------------

def _tied_tag(text: str) -> list[object]:
    """The PHI screen's findings for a tag written as Facebook writes it ("@First Last")."""
    first, last = text.split()[0], text.split()[1]
    return [SimpleNamespace(rule="handle+health", category="name", severity="block",
                            text=first, score=0.85),
            SimpleNamespace(rule="name+health", category="name", severity="block",
                            text=last, score=0.85)]


@pytest.mark.parametrize("text", [
    "@Odile Brandvold they have sports physicals on weekday evenings now",  # a service
    "@Odile Brandvold since you asked about shots for the kids, here's the schedule",
    "@Odile Brandvold this is where I got my tetanus booster, super quick",  # the commenter's
])
def test_a_tagged_reader_beside_a_service_or_the_commenters_own_care_is_not_phi(
        text: str) -> None:
    scores = disclosure.score(text.lower(), text, _tied_tag(text))
    assert scores["phi"][0] == 0


@pytest.mark.parametrize("text", [
    "@Odile Brandvold did the antibiotics clear up your sinus infection?",  # the reader's
    "@Odile Brandvold heard you ended up in urgent care Sunday, feel better",
    "@Odile Brandvold your physical got moved to Thursday at 8",  # the reader's service
    "@Odile Brandvold I heard he has shingles again",  # nobody's own: stays with the screen
])
def test_a_tagged_readers_health_or_care_stays_phi(text: str) -> None:
    scores = disclosure.score(text.lower(), text, _tied_tag(text))
    assert scores["phi"][0] >= ModerationPolicy().hide_threshold("phi")


# --- everyday "shot", "hurt", "beat", "burn" are not threats (our own sentences) -----------

_hidden = auto_hidden


@pytest.mark.parametrize("text", [
    "Our twins are going to get their flu shots after school Thursday",
    "I'm gonna need an ice pack after that tetanus shot haha",
    "The nurse warned me it was going to hurt a bit, and she was right, but so quick",
    "We're going to beat the heat at the splash pad after the checkup",
    "I'll shoot you all an email with the carpool list",
    "Gonna burn some energy at the park before the well visit",
    "The heel prick test went fine, baby barely noticed",
])
def test_everyday_shots_and_hurts_are_not_threats(text: str) -> None:
    assert not _hidden(text)


@pytest.mark.parametrize("text", [
    "I'm going to shoot the next receptionist who hangs up on me",
    "Someone should beat some manners into that billing guy",
    "I'll hurt Marguerite at the desk if she laughs at me again",  # a name, as written
    "Your manager is going to get hurt if he keeps calling",
    "I'm gonna shoot up the lobby",
    "That doctor deserves to be beaten",
])
def test_threats_with_the_same_words_are_hidden(text: str) -> None:
    assert _hidden(text)


# --- a question about getting a vaccine or a physical is not an advice request --------------

@pytest.mark.parametrize(("text", "advice"), [
    ("Do I need to book ahead for the chickenpox vaccine or can we walk in?", False),
    ("¿Cuánto cuesta la vacuna contra el sarampión sin seguro?", False),
    ("Can we walk in for the tetanus shot? My son stepped on a nail and his foot is swollen",
     True),  # a symptom: his own case
    ("Does my daughter need the meningitis shot before college?", True),  # no access asked
])
def test_access_to_a_vaccine_is_not_an_advice_request(text: str, advice: bool) -> None:
    flags = {f.flag for f in CommentClassifier(ModerationPolicy()).classify(text)}
    assert ("medical_advice" in flags) == advice


# --- a Spanish exclamation whose every word is known is read (our own sentences) ------------

@pytest.mark.parametrize("text", [
    "¡Bienvenido Dr. Quiroga! Mucho éxito",
    "¡Felicitaciones al equipo! Orgullosa de ustedes",
])
def test_known_spanish_congratulations_are_judged(text: str) -> None:
    assert not {f.flag for f in CommentClassifier(ModerationPolicy()).classify(text)}


@pytest.mark.parametrize("text", [
    "¡Doctora mentirosa, tramposa, engreída!",  # words the classifier does not know
    "¡Recepcionista malcriada, chismosa, floja!",
])
def test_unknown_spanish_words_still_go_to_a_person(text: str) -> None:
    flags = {f.flag for f in CommentClassifier(ModerationPolicy()).classify(text)}
    assert flags  # unjudged at least: a person reads it


# --- a run of celebration emoji is not spam; a run of money emoji still counts --------------

def test_celebration_emoji_are_not_spam_symbols() -> None:
    from policies.moderation.classifier import score_spam

    text = "So proud of our nurse Dee 🥳🥳🥳"
    assert score_spam(text.lower(), text, ())[0] == 0
    sales = "Ask about my program 💸💸💸"
    assert "repeated symbols" in score_spam(sales.lower(), sales, ())[1]


# --- a birth date the commenter writes out is an identifier (our own sentences) ------------

def test_a_written_birth_date_beside_care_is_phi() -> None:
    text = "Refill request for my inhaler, DOB 7/22/1990, please call back"
    assert disclosure.score(text.lower(), text, [])["phi"][0] >= 0.5
    plain = "My birthday is next week, any free cupcakes at the checkup?"  # no date given
    assert disclosure.score(plain.lower(), plain, [])["phi"][0] == 0


# a tag released only as the comment's address (narrowed after an attack review; our own
# sentences): the tag as a verb's subject, an owner, a he/she in the comment, a tag later in
# the comment, and the ER / urgent care / a visit / a screening keep the tie
@pytest.mark.parametrize("text", [
    "@Wendell Osterhout sat in the ER from noon to midnight",
    "@Wendell Osterhout's screening needs a second look, they phoned this morning",
    "@Wendell Osterhout spent Sunday at urgent care",
    "@Wendell Osterhout went from the doctor to the ER on Friday",
    "@Wendell Osterhout finally got his physical done, he was dreading it",
    "@Wendell Osterhout the pediatrician says she needs her booster redone",
    "@Wendell Osterhout had a visit with the doctor twice this month",
])
def test_a_tag_talked_about_beside_care_stays_phi(text: str) -> None:
    scores = disclosure.score(text.lower(), text, _tied_tag(text))
    assert scores["phi"][0] >= ModerationPolicy().hide_threshold("phi")


def test_a_tag_after_the_commenters_own_clause_stays_phi() -> None:
    text = "we sat in the ER waiting room with @Wendell Osterhout till dawn"
    findings = [SimpleNamespace(rule="handle+health", category="name", severity="block",
                                text="@Wendell", score=0.85)]
    assert disclosure.score(text.lower(), text, findings)["phi"][0] \
        >= ModerationPolicy().hide_threshold("phi")


@pytest.mark.parametrize("text", [
    "@Wendell Osterhout they have back to school physicals until 7 on Thursdays",
    "hey @Wendell Osterhout, the dentist here takes walk-ins now",
])
def test_a_tag_addressing_the_reader_beside_a_service_is_still_released(text: str) -> None:
    scores = disclosure.score(text.lower(), text, _tied_tag(text.removeprefix("hey ")))
    assert scores["phi"][0] == 0


# a topic, "torn up" and the clinic question narrowed (attack review of f80a8af; our own
# sentences): someone named or addressed as the topic's recipient, a body part or an owner
# before "torn up", a third person beside the clinic question keep the health word
@pytest.mark.parametrize("text, kept", [
    ("Leaving the lupus pamphlets with Marguerite at the front desk", "lupus"),
    ("The migraine videos are for your nephew, he said they helped", "migraine"),
    ("@Colette the allergy season handout is posted on their page", "allergy"),  # a tag
    ("Printed the epilepsy info you wanted, it's on the counter", "epilepsy"),
    ("Dropped the asthma flyers at Ramon's apartment", "asthma"),
    ("His shoulder got torn up going over the handlebars", "torn"),
    ("Odette's calf is torn up from the barbed wire", "torn"),
    ("Is Bernard going to the flu clinic? He can barely breathe since Friday", "flu"),
])
def test_a_recipient_an_injury_or_a_third_person_keep_the_word(text: str, kept: str) -> None:
    assert kept in _blanked(text)


@pytest.mark.parametrize("text, gone", [
    ("Love the arthritis awareness month videos you all post", "arthritis"),
    ("The bike trail behind the clinic is torn up again", "torn"),
    ("Will the flu clinic be open the Saturday after Thanksgiving?", "flu"),
    ("Sending the flu shot schedule to Grandma so she can pick a day", "flu"),
])
def test_a_topic_a_thing_or_a_plain_clinic_question_is_still_blanked(text: str,
                                                                     gone: str) -> None:
    assert gone not in _blanked(text)


# threats inverted (attack review of 4946391; our own sentences): shoot/hurt/beat/burn after a
# threat's opening threaten unless a known harmless object or idiom follows
@pytest.mark.parametrize("text", [
    "gonna beat the radiology tech senseless when I catch him",
    "I'll hurt nurse bernadette if she sticks me again",
    "someone should shoot the anesthesiologist who botched it",
    "I'm going to burn the pharmacist's truck",
    "im going to hurt ignatius in the lot tonight",  # a name in lower case
    "Dr. Quist is going to get hurt one of these days",
    "somebody at that front desk is getting hurt, mark my words",
])
def test_threats_at_anyone_are_hidden(text: str) -> None:
    assert _hidden(text)


@pytest.mark.parametrize("text", [
    "Hoping to beat this cold before the holidays, going to rest",
    "The allergy shot is going to burn a bit, they warned us",
    "I'll shoot over the insurance card photo tonight",
    "Getting my pneumonia shot next week, hope it won't hurt much",
    "Our kids are going to get hurt on that broken gate, please fix it",  # a warning
])
def test_harmless_objects_of_the_same_verbs_are_not_threats(text: str) -> None:
    assert not _hidden(text)


# Spanish 'el' narrowed (attack review of 8547534; our own sentences): 'el' is the article only
# before a known non-person noun; el/la/al/del + a family or person noun and 'de <Name>' are
# someone
@pytest.mark.parametrize("text", [
    "el primo de Eduviges tiene leucemia",
    "La suegra de Maximino está en diálisis desde enero",
    "el ahorita tiene neumonía, no contesta el teléfono",
    "A el lo internaron el lunes con neumonía grave",
    "El cuñado de Herminia tiene cáncer de pulmón",
])
def test_a_spanish_relative_or_el_as_he_with_a_condition_is_phi(text: str) -> None:
    assert _phi_or_self(text).get("phi", 0) >= ModerationPolicy().hide_threshold("phi")


@pytest.mark.parametrize("text", [
    "¿El jueves vacunan contra la gripe sin cita?",
    "¿Aceptan el seguro de Medicaid para el chequeo?",
    "¿Cuánto cuesta el examen físico para la escuela?",
])
def test_el_before_a_day_an_object_or_a_service_is_still_the_article(text: str) -> None:
    assert "phi" not in _phi_or_self(text)


# emoji runs narrowed (attack review of 1ddbd5a; our own sentences): beside a call to action
# any run of emoji is spam's repeated symbols
@pytest.mark.parametrize("text", [
    "🍀🍀🍀 lucky draw tonight, DM this page to enter",
    "🌟🌟🌟 Free vacation voucher, claim it now",
    "🤩🤩🤩 Grants for everyone, link in my bio",
])
def test_an_emoji_run_beside_a_call_to_action_is_a_spam_symbol(text: str) -> None:
    from policies.moderation.classifier import score_spam

    assert "repeated symbols" in score_spam(text.lower(), text, ())[1]


@pytest.mark.parametrize("text", [
    "🥳🥳🥳 happy retirement Nurse Dolores",
    "💐💐💐 the new lobby flowers are gorgeous",
])
def test_an_emoji_run_of_feeling_is_still_no_spam_symbol(text: str) -> None:
    from policies.moderation.classifier import score_spam

    assert "repeated symbols" not in score_spam(text.lower(), text, ())[1]
