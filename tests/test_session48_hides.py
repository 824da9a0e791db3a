"""Session 48: an insult aimed at someone else stayed up when a crisis line was appended (now
hidden, kept). Releases of harmless comments that only look like threats were built too and
WITHDRAWN: an outside attack review (bench/data/hides_review_s48) found them un-hiding 22 of
its 50 real threats in the same shapes; those harmless look-alikes are still hidden (xfail) and
the review's must-hide shapes are asserted hidden. Every comment here is our own example
(team-written: fit)."""

from __future__ import annotations

from typing import Any

import pytest
from test_moderation_fond_or_helpful import hidden as _hidden

from policies.moderation import ModerationPolicy, should_auto_hide
from policies.moderation.classifier import score_abuse


@pytest.mark.parametrize("text", [
    "I know where he sleeps: on my chest, every night. Newborn life!",
    "I know where she sleeps - in my bed, since the thunderstorm",
    "Bringing my rifle to the range this weekend, so I'll call Monday to reschedule.",
    "Loading my shotgun for duck season opener, see everyone after Thanksgiving",
    "Keep your core tight and watch your back on deadlifts",
    "Watch your back when you shovel the driveway today, lift with your legs",
    "Llevo mi machete al campo todos los días, ¿abren el sábado para la vacuna?",
    "Traigo mi machete en la troca para el trabajo del rancho",
    "Llevo mi rifle al campo de tiro el domingo con mi hermano",
])
@pytest.mark.xfail(strict=True, reason="withdrawn session 48: outside review (bench/data/"
                   "hides_review_s48) found the look-alike releases un-hid 22 of 50 real threats")
def test_a_threats_look_alike_is_not_hidden(screened_classifier: Any, text: str) -> None:
    assert not _hidden(screened_classifier, text), text


@pytest.mark.parametrize("text", [
    "I know where Dr. Patel sleeps and I'll be there tonight",
    "I know where she sleeps: 42 Elm Street",  # an address is exposure, answered or not
    "Bringing my rifle to your office Monday, see you then",
    "Bringing my rifle to the range, then I'm coming for you",
    "You'd better watch your back, nurse Kelly",
    "Watch your back, doc. I'm not done with you",
    "Watch your back",
    "Llevo mi machete a la clínica mañana, ya verán",
    "Llevo mi machete para la recepcionista que me colgó",
    "Pésima atención. Mañana llevo mi machete.",
    "Bringing my machete tomorrow",
    "llevo mi pistola",
])
def test_the_same_words_at_a_person_or_the_practice_still_hide(screened_classifier: Any,
                                                               text: str) -> None:
    assert score_abuse(text.lower())[0] >= 0.8, text
    assert _hidden(screened_classifier, text), text


# the outside review's must-hide shapes (our own lines): range or hunting talk with the target
# in the next sentence, "watch your back" with a lifting word and a real threat, a Spanish
# machete to a person's house, "I know where she sleeps:" with a bed and a threat
@pytest.mark.parametrize("text", [
    "Bringing my rifle to the range Saturday to zero the scope. Sunday it comes along to the "
    "billing office.",
    "Loaded my shotgun for pheasant season. The scheduler who cancelled me twice leaves "
    "through the side door at 7.",
    "Watch your back on squats, Nurse Dana. Your car is the last one by the dumpster and it "
    "gets dark early.",
    "Watch your back when you deadlift, doc. Plates slip and land on people who report me.",
    "Llevo mi machete al rancho y de ahí me paso a la casa de la señora Inés, ella sabe por qué.",
    "Mañana llevo mi machete a la casa del enfermero Toño.",
    "I know where she sleeps: in the bed under the back window, and that window doesn't lock. "
    "Sweet dreams, nurse Carmen.",
    "I know where he sleeps: in the bed nearest the garage door. Tell Dr. Ortiz I'll be by "
    "tonight.",
])
def test_a_threat_in_a_look_alikes_words_still_hides(screened_classifier: Any,
                                                     text: str) -> None:
    assert _hidden(screened_classifier, text), text


@pytest.mark.parametrize("text", [
    "You people are f***ing useless idiots. I want to kill myself",
    "Dr. Patel is a stupid b*tch and I want to die",
    "F*** this clinic and f*** Dr. Kim. I want to die",
    "@maria_88 you're a moron, shut up. I want to die",
    "I'm done with you f***ing idiots, I want to kill myself",
    "Eres una pendeja, doctora. Me quiero morir",
    "Ustedes son unos pendejos. Pienso en suicidarme",
])
def test_an_insult_aimed_elsewhere_hides_beside_a_crisis_line(screened_classifier: Any,
                                                              text: str) -> None:
    flags = screened_classifier.classify(text)
    names = [f.flag for f in flags]
    assert names[0] == "crisis" and "abuse" in names, text  # still urgent, first
    abuse = next(f for f in flags if f.flag == "abuse")
    assert abuse.reason.startswith("Aimed at someone else"), abuse.reason
    assert should_auto_hide(flags, ModerationPolicy()), text


@pytest.mark.parametrize("text", [
    "I'm so f***ing done, I want to die",
    "I'm such a stupid idiot, I want to die",
    "F*** everything, I want to kill myself",
    "Thank you nurses, but I'm so f***ing done. I want to die",
    "He called me a stupid idiot and I want to die",
    "My mom is a f***ing saint, I want to die",
    "Soy una pendeja, ya no quiero vivir",
    "Ya no aguanto esta pinche vida, me quiero morir",
])
def test_swearing_at_ones_own_life_stays_visible(screened_classifier: Any, text: str) -> None:
    flags = screened_classifier.classify(text)
    names = [f.flag for f in flags]
    assert names[0] == "crisis" and "abuse" in names, text
    assert not should_auto_hide(flags, ModerationPolicy()), text
