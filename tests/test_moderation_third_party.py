"""A named third party's health is `phi` (hidden by default); the commenter's own story,
naming the clinician who cared for them, is `self_disclosure` and stays visible (issue 13).
Shapes: a relation word after the name, a titled clinician or staff member who is themself
the patient, Spanish. Every sentence here is our own."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from policies.moderation import CommentClassifier, ModerationPolicy, disclosure, should_auto_hide


def _classify(text: str) -> tuple[set[str], bool]:
    flags = CommentClassifier(ModerationPolicy()).classify(text)
    return {f.flag for f in flags} & {"phi", "self_disclosure"}, should_auto_hide(
        flags, ModerationPolicy())


def _name(name: str, tied: bool = True) -> object:
    """The PHI screen's finding on a name: tied to health ("name+own_health") or a warning
    that it saw no health beside it."""
    return SimpleNamespace(rule="name+own_health" if tied else "name+no_health",
                           category="name", severity="block" if tied else "warn",
                           text=name, score=0.9 if tied else 0.5)


# --- should be hidden: someone else's health, named -------------------------------------

@pytest.mark.parametrize("text", [
    # a relation word after the name
    "Bernadette Achterberg, my coworker, was diagnosed with lupus last month",
    "Lucinda, my roommate, has been on dialysis since March",
    "Teodoro Banks, our mail carrier, is getting chemo for colon cancer",
    "Jolene, our babysitter, is pregnant and has gestational diabetes",
    "Hector, my neighbor, is on oxygen now because of his COPD",
    # a relation before the name with words between
    "my next door neighbor Bea had a stroke on Sunday",
    "Mi compañero de trabajo Esteban tiene diabetes y está internado",
    # a titled clinician or staff member who is themself the patient
    "Dr. Pemberton has been out since his heart attack in June",
    "Nurse Ilse Carrow is doing chemo right now, pray for her",
    "Dr. Anjali Moreau had knee surgery last week so her patients got moved",
    "Dr. Nakamura's been battling breast cancer all year, we miss her",
    "Our old dentist Dr. Ferrante passed from leukemia, rest in peace",
    "Sending love to Dr. Whitcombe who is recovering from a stroke",
    "Dr. Fitch is on leave for depression, that's why the appointments were cancelled",
    # Spanish: phi, not only 'unjudged'
    "La Dra. Villalobos está de baja por depresión",
    "La doctora Salcedo tiene cáncer, qué tristeza",
    "El enfermero Julio está en el hospital con neumonía",
    "El Dr. Ibarra tuvo un infarto la semana pasada",
    "mi vecina Marisol tiene cáncer de mama",
    # the clinician shares the health with the commenter
    "Dr. Okwuosa and I were both laid up with the flu and pneumonia all week",
    # the verb after "and" has the sentence's subject, the clinician
    "Nurse Perpetua stitched my chin and is now battling thyroid cancer",
    # "herself": the clinician's own
    "Dr. Fairweather scheduled my biopsy and then needed a biopsy herself",
    # "our" before the title is no subject: the dermatologist is
    "Our dermatologist Dr. Quenneville is getting treated for melanoma herself",
    # a clinician's household member, identifiable through the clinician
    "Dr. Lunde's son has leukemia, the office is collecting donations",
])
def test_a_named_persons_health_is_phi_and_hidden(text: str) -> None:
    flags, hidden = _classify(text)
    assert "phi" in flags and hidden


# --- should stay visible: the commenter's own (or household's) story --------------------

@pytest.mark.parametrize("text", [
    "Huge thanks to Dr. Anjali Moreau, my hip replacement recovery was so smooth",
    "Nurse Ilse Carrow held my hand through every chemo session, forever grateful",
    "Dr. Fitch helped me through my depression when nobody else would listen",
    "After my stroke Dr. Castellanos and his team got me walking again",
    "Dr. Brannigan caught my thyroid cancer early, I owe him everything",
    "Dr. Lindqvist diagnosed my diabetes and walked me through insulin, so kind",
    "Nurse Bianca is the reason I survived chemo with my sanity",
    "Dr. Voigt removed the cyst on my back in ten minutes flat",
    "My son's asthma is finally under control thanks to Dr. Adeyemi",
    pytest.param(
        "Shoutout to Nurse Kelsey who gave my daughter her shots without a single tear",
        marks=pytest.mark.xfail(strict=True, reason=(
            "session 28: the comment second look retrained on all 45,461 public tweets reads "
            "a child's shots as someone else's care (phi 0.84, over ADDS' 0.8) and hides it; "
            "false auto-hides on the held-out sets 16 -> 15 overall (docs/moderation.md)"))),
    "La Dra. Villalobos tuvo mucha paciencia con mi depresión, se lo agradezco",
])
def test_the_commenters_own_story_naming_a_clinician_stays_visible(text: str) -> None:
    flags, hidden = _classify(text)
    assert flags == {"self_disclosure"} and not hidden


@pytest.mark.parametrize(("text", "name"), [
    ("Nurse Priscilla was so gentle giving me my flu shot", "Priscilla"),
    ("Dr. Whitcombe was amazing after my stroke, I can talk normally again", "Whitcombe"),
    ("Dr. Osei has been my cardiologist for 10 years, best in the business", "Osei"),
    ("Nurse Bianca is the reason I survived chemo with my sanity", "Bianca"),
    ("Dr. Lindqvist diagnosed my diabetes and walked me through insulin", "Lindqvist"),
])
def test_a_clinician_the_screen_tied_to_the_commenters_own_health_is_not_the_patient(
        text: str, name: str) -> None:
    scores = disclosure.score(text.lower(), text, [_name(name)])
    assert scores["phi"][0] == 0 and scores["self_disclosure"][0] >= 0.5


@pytest.mark.parametrize(("text", "name"), [
    # the clinician's own health, even where the commenter speaks too
    ("Dr. Smithers had knee surgery, I hope he's back soon", "Smithers"),
    ("I heard Dr. Quill has leukemia now, so sad", "Quill"),
    ("Ran into Nurse Odette, she told me she is starting chemo", "Odette"),
    # one term the commenter's, one the clinician's
    ("Dr. Abara fixed my knee years ago, now he's the one with a knee replacement", "Abara"),
])
def test_a_clinician_with_health_that_is_not_the_commenters_stays_phi(text: str,
                                                                      name: str) -> None:
    scores = disclosure.score(text.lower(), text, [_name(name)])
    assert scores["phi"][0] >= 0.8
    # the same when the screen saw no tie: the text ties it
    scores = disclosure.score(text.lower(), text, [_name(name, tied=False)])
    assert scores["phi"][0] >= 0.8


@pytest.mark.parametrize("text", [
    "Welcome back Dr. Pemberton! We missed you at the front desk",
    "Dr. Moreau is the best surgeon in town, highly recommend",
    "Dr. Pemberton fixed my knee and I'm hiking again, thank you!",
    # the commenter's body after the health word
    "Dr. Brightwater froze the wart on my thumb in two seconds",
    # the subject left out, the clinician named in passing
    "Had my wisdom teeth out with Dr. Ashdown, the recovery was easy",
    # the title's period does not end the sentence
    "Got my cast off with Dr. Tennyson today. Healing went great",
    # "mama" is a breast in Spanish, not a mother: no household here, and the story is mine
    "La Dra. Arriaga me acompañó durante mi cáncer de mama, gracias",
    "My coworker has lupus and swears by this clinic",  # unnamed acquaintance
])
def test_the_commenters_own_story_or_nobodys_health_is_not_phi(text: str) -> None:
    flags, hidden = _classify(text)
    assert "phi" not in flags and not hidden


# Session 18 (an exemption for public figures was measured and withdrawn after two outside
# reviews): a private person beside a public figure, or "spoke about" with no public word,
# stays hidden. These need the screen's findings, so the classifier has it.
@pytest.fixture(scope="module")
def screened() -> CommentClassifier:
    from policies.moderation.evaluation import phi_screen_or_reason

    screen, note = phi_screen_or_reason(None)
    assert screen is not None, note
    return CommentClassifier(ModerationPolicy(), screen)


@pytest.mark.parametrize("text", [
    "Tom Hanks talked publicly about his diabetes. My coworker Dana Reyes has it too.",
    "Marisol Vega spoke about the anxiety she had after her surgery.",
])
def test_a_private_person_beside_a_public_figure_stays_hidden(screened, text: str) -> None:
    flags = screened.classify(text)
    assert "phi" in {f.flag for f in flags} and should_auto_hide(flags, ModerationPolicy())
