"""Review 3's phi holes, closed by class (tightening). Every sentence here is our own variant
of a class the review named, not one of its sentences."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest

from policies.moderation import CommentClassifier, ModerationPolicy, should_auto_hide
from policies.phi.owner import owner


def _hidden(text: str, findings: list | None = None) -> bool:
    """Hidden by default (phi >= 0.5), with the PHI screen's findings when given."""
    screen = None if findings is None else (lambda texts: [findings for _ in texts])
    flags = CommentClassifier(ModerationPolicy(), screen).classify(text)
    return should_auto_hide(flags, ModerationPolicy())


def _name(name: str) -> object:
    """The PHI screen's finding on a name it tied to health."""
    return SimpleNamespace(rule="name+own_health", category="name", severity="block",
                           text=name, score=0.9)


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


# --- H11: a full date after birthday / bday / b-day beside health is a birth date ------------

@pytest.mark.parametrize("text", [
    "My birthday is 7/14/1983, and nobody sent my thyroid prescription to the pharmacy.",
    "Grandpa's bday 2-20-1939, he still has no ride to his oxygen fitting.",
    "B-day 05/05/1995 if you need it, my antidepressant refill keeps getting denied.",
    "The birthdate you have should be 8/8/1979, my asthma records are mixed up.",
    "My son's birthday is 1/3/12 and his seizure medication is on backorder.",
    "Su cumpleaños es el 4/11/1950 y no le han dado la cita de quimioterapia.",
])
def test_a_birthday_with_a_full_past_date_beside_health_is_hidden(text: str) -> None:
    assert _hidden(text)


def test_a_birthday_date_this_year_or_later_is_a_day_not_a_birth_date() -> None:
    year = datetime.date.today().year
    assert not _hidden(f"My birthday is 12/20/{year}, can I still get the flu shot before then?")
    assert not _hidden(f"Is the clinic open on my birthday, 1/4/{year + 1}?")


# --- H12: the commenter's own number ("call/text/reach me at") beside health -------------

@pytest.mark.parametrize("text", [
    "Still waiting on my biopsy results, call me at 313-555-0147 please.",
    "My insulin pump broke again, text me at (555) 410-2288 before noon.",
    "Reach me at 555.320.9911 about my husband's dialysis ride, he can't miss it.",
    "I'm on methadone and need the refill today, you can call me on 720-555-0136.",
])
def test_the_commenters_own_number_beside_health_is_hidden(phi, text: str) -> None:
    assert _hidden(text, phi.screen(text, context="comment"))


@pytest.mark.parametrize("text, who", [
    ("My chemo got moved again, call me at 614-555-0100.", "person"),
    ("My chemo got moved again, Text Me at 614-555-0100.", "person"),
    ("For the recall, call the manufacturer at 800-555-0199.", "practice"),
    ("Questions? Contact Brightline Pharma at 800-555-0123.", "practice"),
])
def test_call_me_at_is_the_writers_number_not_a_business(text: str, who: str) -> None:
    start = text.index("-555-") - 3
    assert owner(text, start, start + 12) == who


def test_call_me_about_a_tour_with_no_health_stays_visible(phi) -> None:
    text = "Can someone call me at 555-201-9090 about booking a tour of the new building?"
    assert not _hidden(text, phi.screen(text, context="comment"))


# --- H8: a thing noun, then a plural body part "were broken" (the one body-part list) -----

@pytest.mark.parametrize("text", [
    "Dana Kerr flipped the truck and three ribs were broken.",
    "Marco Diaz fell off the swing at the park and both wrists were broken.",
    "Tom Beck got his hand caught in the car door and two fingers were broken.",
    "Lena Moss slipped on the ice in the lot and both ankles were broken.",
])
def test_plural_body_parts_broken_after_a_thing_are_the_persons_injury(text: str) -> None:
    assert _hidden(text, [_name(text.split(" ")[0] + " " + text.split(" ")[1])])


@pytest.mark.parametrize("text", [
    "Jake Rowe says the truck and both mirrors were broken after the storm.",
    "The elevator and the lobby doors were broken again, Nina Park at the desk said.",
])
def test_things_broken_beside_a_name_stay_visible(text: str) -> None:
    assert not _hidden(text)


# --- H10: an emoji inside the screen's name span does not drop the person -----------------

@pytest.mark.parametrize("text, span", [
    ("Carla Reyes 😢 stage 3 pancreatic cancer, pray for her.", "Carla Reyes 😢"),
    ("Derek Lowe 🙏 open heart surgery on Friday.", "Derek Lowe 🙏"),
    ("Maya Chen 💔 miscarried again last night.", "Maya Chen 💔"),
])
def test_a_name_span_ending_in_an_emoji_is_still_the_person(text: str, span: str) -> None:
    assert _hidden(text, [_name(span)])


def test_a_name_span_that_swallowed_the_emoji_and_the_condition_is_read_from_the_text() -> None:
    text = "Jonah Pratt 🎗️ leukemia, back in the hospital for round two."
    found = SimpleNamespace(rule="name+no_health", category="name", severity="warn",
                            text="Jonah Pratt 🎗️ leukemia", score=0.3)
    assert _hidden(text, [found])


def test_a_clinician_praised_with_an_emoji_stays_visible() -> None:
    text = "Thank you Nurse Ella 💕 my shot didn't even hurt."
    assert not _hidden(text, [_name("Nurse Ella 💕")])


# --- H7: a named subject + condition + topic noun: the topic is theirs -------------------

@pytest.mark.parametrize("text", [
    "Nora Blake had four asthma events at practice this season.",
    "Ray Dunn is on dialysis week three and feels wiped out.",
    "Leah Moss just started chemo week two at the cancer center.",
    "Victor Hale had two seizure events on the job this month.",
])
def test_a_named_subjects_condition_before_a_topic_noun_is_theirs(text: str) -> None:
    assert _hidden(text, [_name(" ".join(text.split()[:2]))])


@pytest.mark.parametrize("text", [
    "Breast Cancer Awareness Month is here, stop by for the pink ribbon pins!",
    "Mental Health Week starts Monday, the anxiety info table is by the door.",
    "Heart Walk was a blast, thanks for the diabetes info booth!",
])
def test_a_title_cased_event_is_no_named_subject(text: str) -> None:
    assert not _hidden(text)


# --- H9: @-tag + "my <word> is/says <condition>": the reader's condition, not mine ---------

@pytest.mark.parametrize("text", [
    "@Jenna Hart my bet is diabetes, you pee all night.",
    "@Carl Ruiz my aunt thinks dementia, honestly.",
    "@Lisa Fong my read is anorexia, please eat something.",
    "@Brent Cole my gut says chlamydia, go get tested.",
])
def test_a_guess_at_the_tagged_readers_condition_is_hidden(text: str) -> None:
    assert _hidden(text, [_name(text.split(" my ")[0])])


@pytest.mark.parametrize("text", [
    "@Jenna Hart my asthma is acting up again, skip the hike for me.",
    "@Carl Ruiz my knee surgery went fine, thanks for the card.",
])
def test_the_commenters_own_condition_beside_a_tag_stays_visible(text: str) -> None:
    assert not _hidden(text, [_name(text.split(" my ")[0])])


# --- H6: a titled clinician's own health, not tied by he/she or a verb right after the name -

def _untied(name: str) -> object:
    """The PHI screen's finding on a name it did not tie to health (what it says here)."""
    return SimpleNamespace(rule="name+no_health", category="name", severity="warn",
                           text=name, score=0.3)


_CLINICIAN_OWN = [
    ("Heard our pediatrician Dr. Lowell, recently in hospice, is stepping down.", "Lowell"),
    ("Thinking of Dr. Garrow, the leukemia came back so fast.", "Garrow"),
    ("Dr. Kemper miscarried in the spring, so heartbreaking for the whole office.", "Kemper"),
    ("We all adore Nurse Ines, so sorry about the multiple sclerosis news.", "Ines"),
    ("Dr. Halvorsen, fresh off a heart transplant, is back seeing patients.", "Halvorsen"),
    ("Sending love to Nurse Bettina, the seizures sound terrifying.", "Bettina"),
    ("Dr. Okafor overdosed last month and the clinic is in shock.", "Okafor"),
    ("Can't believe Dr. Marsh, battling lupus for years, never told anyone.", "Marsh"),
    ("Everyone here loves Dr. Quill, hoping the kidney transplant goes well.", "Quill"),
    ("Our family physician Dr. Lind, now on chemo, cut back her hours.", "Lind"),
]

_CLINICIAN_TREATED_ME = [
    ("Dr. Lowell got me through chemo last winter, forever grateful.", "Lowell"),
    ("Thanks Nurse Ines for stitching up my hand so gently.", "Ines"),
    ("Dr. Garrow caught my melanoma early and saved my life.", "Garrow"),
    ("Nurse Delia, you made my colonoscopy painless, thank you!", "Delia"),
    ("Dr. Kemper, thank you for handling my miscarriage with such care.", "Kemper"),
    ("Thanks to Dr. Halvorsen, the knee replacement went perfectly.", "Halvorsen"),
    ("Dr. Okafor set my broken wrist and was so kind about it.", "Okafor"),
    ("After my stroke, Dr. Quill and Nurse Caleb were wonderful.", "Quill"),
    ("Nurse Bettina talked me through the whole biopsy, so grateful.", "Bettina"),
    ("Dr. Marsh treated my pneumonia and checked on me every day.", "Marsh"),
]


@pytest.mark.parametrize(("text", "name"), _CLINICIAN_OWN)
def test_a_titled_clinicians_own_health_untied_is_hidden(text: str, name: str) -> None:
    assert _hidden(text)
    assert _hidden(text, [_untied(name)])


@pytest.mark.parametrize(("text", "name"), _CLINICIAN_TREATED_ME)
def test_a_clinician_who_treated_the_commenter_stays_visible(text: str, name: str) -> None:
    assert not _hidden(text)
    assert not _hidden(text, [_untied(name)])
