"""A person told of across sentences (session 56, branch s56-discourse; findings S1, S2 and
S10 of the outside attack review, docs/history/security.md). An introduction ("Meet
<name>") is staff only with a staff cue (candidates._introduced_staff); a later sentence
whose pronoun can only point back at a named person is read as theirs
(discourse.pronoun_sentences, judge._pronoun_hit); "coming to our <care> clinic" is attending
it (owned.attends_service). Every text is new, written for these tests; none comes from an
evaluation set or from the review's replays."""

from __future__ import annotations

from typing import Any

import pytest

from policies.phi.candidates import is_staff
from policies.phi.discourse import pronoun_sentences


@pytest.fixture(scope="module")
def screen() -> Any:
    from policies.phi import get_screen

    return get_screen()


def blocks(screen: Any, text: str) -> bool:
    return any(f.severity == "block" for f in screen.screen(text, context="post"))


DISCLOSURES = [
    # an introduction, then the care told by a pronoun (S1)
    "Introducing Priya Raman! She completed her last round of radiation with us on Friday.",
    "Say hi to Desmond Achebe. He loves crossword puzzles. Last month he finished six weeks of "
    "radiation with us.",
    # the care two or three sentences on (S2)
    "Hank Morrow grew up on a dairy farm. He still milks cows at 70. In March he had bypass "
    "surgery with our team.",
    "Hank Morrow grew up on a dairy farm. He still milks cows at 70. His grandkids visit every "
    "summer. In March he had bypass surgery with our team.",
    # Spanish: "ella", and a sentence without a subject
    "Conozcan a Ramiro Salas. Le encanta pescar. Él recibe diálisis tres veces por semana.",
    "Rosalba Miranda vino a saludarnos. Le encanta bailar cumbia. Ya terminó su tratamiento de "
    "diálisis.",
    # a care service attended, told in the next sentence (S10)
    "Hank Morrow brought us tomatoes from his garden. He comes to our wound clinic every Friday.",
    "Hank Morrow brought us tomatoes from his garden. He is at our dialysis unit every Monday "
    "and Thursday.",
]


@pytest.mark.parametrize("text", DISCLOSURES)
def test_care_told_by_a_pronoun_blocks(screen: Any, text: str) -> None:
    assert blocks(screen, text)


def test_coming_to_a_care_clinic_in_the_names_own_sentence_blocks(screen: Any) -> None:
    assert blocks(screen, "Hank Morrow has been coming to our wound care clinic every week.")


NEAR_MISSES = [
    # staff news: the introduction is confirmed in the next sentence, and what follows is work
    "Meet Priya Raman! She is our new physical therapist. She helps people recover after knee "
    "surgery.",
    "Welcome Desmond Achebe! He joins us as a nurse practitioner. He sees adults with diabetes "
    "and high blood pressure.",
    "Say hi to Priya Raman. She brings 12 years of experience in wound care to our clinic.",
    # the staff cue after a dash, and a Spanish introduction of a new team member
    "Say hi to Teodoro when you visit — our newest X-ray technician and a Lakeside grad.",
    "Saluden a Teodoro en la ventanilla, el nuevo integrante del equipo. Él les ayuda con sus "
    "citas.",
    # a community partner who helped the practice: the exam room is where the mural hangs
    "Mrs. Pennywhistle at the Elm Street preschool teaches songs about germs. This year she "
    "helped us paint a mural in every exam room.",
    # an event host: a talk or recipes are their work, not their care
    "Join us Tuesday with chef Hank Morrow at the library. He will share easy recipes for people "
    "with diabetes.",
    # a pronoun of the other gender is someone else
    "Hank Morrow won our chili cook-off. He beat 30 other cooks. She has had diabetes for years.",
    # another person between the name and the pronoun: the pronoun may be theirs
    "Hank Morrow stopped by. Our nurse gave him a hug. She just finished her diabetes training "
    "this week.",
    # no pronoun: a service offered to all, patients at large, a gift
    "Hank Morrow won our chili cook-off! He beat 30 other cooks. Flu shots are available at "
    "every visit.",
    "Thank you Hank Morrow for the new benches. He built them himself. Patients in our dialysis "
    "unit love them.",
    "Hank Morrow ran the Turkey Trot in 41 minutes. He raised $2,000 for our cancer center.",
]


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_everyday_posts_with_a_pronoun_pass(screen: Any, text: str) -> None:
    assert not blocks(screen, text)


def _staff(text: str, name: str) -> bool:
    start = text.index(name)
    return is_staff(text, start, start + len(name))


def test_an_introduction_alone_is_not_staff() -> None:
    assert not _staff("Meet Priya Raman. She loves to knit.", "Priya Raman")
    assert not _staff("Say hi to Priya Raman! She is a retired nurse.", "Priya Raman")
    assert not _staff("Meet Priya Raman. She thanks our nurse Dana for the cookies.",
                      "Priya Raman")


def test_an_introduction_with_a_staff_cue_is_staff() -> None:
    assert _staff("Meet Priya Raman, our new hygienist.", "Priya Raman")
    assert _staff("Meet Priya Raman! She is our new billing coordinator.", "Priya Raman")
    assert _staff("Welcome Priya Raman. Priya joined our front desk team in May.", "Priya Raman")
    assert _staff("Les presentamos a Rosalba Miranda, nuestra nueva recepcionista.",
                  "Rosalba Miranda")
    assert _staff("Conozcan a Rosalba Miranda. Ella se unió a nuestro equipo en mayo.",
                  "Rosalba Miranda")
    assert _staff("Say hi to Teodoro — our newest X-ray technician.", "Teodoro")


def _chain(text: str, name: str, others: tuple[str, ...] = ()) -> list[str]:
    start = text.index(name)
    spans = [(text.index(o), text.index(o) + len(o)) for o in others]
    return [text[p:q] for p, q, _, _ in pronoun_sentences(text, start, start + len(name), spans)]


def test_the_chain_is_bounded_to_four_sentences_and_one_paragraph() -> None:
    text = "Hank Morrow came by. One. Two. Three. Four. He likes pie."
    assert _chain(text, "Hank Morrow") == []
    assert _chain("Hank Morrow came by. One. Two. He likes pie.", "Hank Morrow") == ["He"]
    assert _chain("Hank Morrow came by.\n\nHe likes pie.", "Hank Morrow") == []


def test_the_chain_stops_at_another_person() -> None:
    text = "Hank Morrow came by. Dana Ruiz said hello. She likes pie."
    assert _chain(text, "Hank Morrow", others=("Dana Ruiz",)) == []
    assert _chain("Hank Morrow came by. His neighbor waved. He likes pie.", "Hank Morrow") == []
    # a relative of his does not stop it: who is meant is known through him
    assert _chain("Hank Morrow came by. His wife waved. She likes pie.", "Hank Morrow") == [
        "She"]
