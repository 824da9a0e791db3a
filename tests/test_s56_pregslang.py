"""Session 56, branch s56-pregslang: the fixes of the screen attack review's S8 (a pregnancy or
a birth told around session 55's euphemisms), S11 (care in slang), F6 (a midwife's delivery
count read as a birth), F7 (a counted group thanked read by the learned layer as one patient)
and L1 (a name told with care after a refusal's colon). Every text is written for these
tests (none from an evaluation set); docs/history/phi.md has the reasons and figures."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import blocking

from policies.phi.euphemisms import euphemisms, span
from policies.phi.milestones import milestones


@pytest.fixture(scope="module")
def screen() -> Any:
    from policies.phi import get_screen

    return get_screen()


@pytest.fixture(scope="module")
def practice_screen() -> Any:
    """A made-up practice's allow-list: its midwife and its town's name in its own."""
    from policies.phi import get_screen
    from policies.phi.allow import PhiAllowList

    return get_screen(PhiAllowList(names=("Lakeside Family Clinic", "Dr. Noor Haddad",
                                          "Noor Haddad", "Wren Castillo")))


def read(text: str) -> list[str]:
    return [text[slice(*span(m))] for m in euphemisms(text)]


# --- S8: gestation, births, the pregnant-woman emoji ------------------------------------

@pytest.mark.parametrize("text", [
    "Priya Nandakumar is 7 months along with baby number two!",
    "Corinne Devaux, 32 weeks along and still teaching yoga 💪",
    "Nadia Ferraro is with child again.",
    "Congrats Nadia Ferraro 🤰💕",
    "🤰 Nadia Ferraro, we can't wait to meet your little one!",
    "Theo Marsh is about to be a first-time dad!",
    "Theo and Ava Marsh have their baby due in March.",
    "Margo Lindqvist had a healthy baby girl on Sunday.",
    "Margo Lindqvist had twins last night!",
    "Felicidades a Yesenia Carrillo, que tuvo gemelos el sábado.",
    "Yesenia Carrillo tuvo una niña preciosa el lunes.",
    "Yesenia Carrillo ya tuvo a su bebé 💕",
    "Yesenia Carrillo ya tiene 7 meses 🤰",
    "Yesenia Carrillo espera un niño para diciembre.",
    "Yesenia Carrillo y su esposo esperan mellizos.",
    "Yesenia Carrillo ya está esperando su tercero 💕",
    "Lupe Zamarripa ya está en estado otra vez, ¡qué alegría!",
])
def test_a_pregnancy_or_birth_told_in_other_words_blocks(screen: Any, text: str) -> None:
    assert blocking(screen, text)


@pytest.mark.parametrize("text", [
    "We are three months along in our renovation and the new lobby looks great!",
    "Our new wing is nine months along and right on schedule.",
    "Did you know? At 20 weeks along, a baby can hear your voice.",
    "🤰 Prenatal yoga every Tuesday at 6 in the community room!",
    "Our moms-to-be class 🤰 starts in May. Sign up at the front desk.",
    "Had a baby recently? Our lactation consultant is here Mondays.",
    "¿Tuvo a su bebé? Tenemos clases para nuevas mamás los lunes.",
    "Esperamos a todos en la feria de salud del sábado.",
    "El paciente está en estado estable, según el reporte del condado sobre el accidente.",
    "Carmen Ibarra is going to be a great coach for our walking club!",
])
def test_the_same_words_of_a_project_or_in_general_pass(screen: Any, text: str) -> None:
    assert not blocking(screen, text)


def test_the_reading_spans_the_words_and_needs_a_verb_or_comma_before_along() -> None:
    assert read("Ana is 8 months along!") == ["8 months along"]
    assert read("At 20 weeks along, a baby hears you.") == []
    assert read("Ana is three months along in the remodel.") == []
    assert read("Ana is \U0001f930") == ["\U0001f930"]
    assert read("Ana tuvo a su bebé") == ["tuvo a su bebé"]
    assert read("The team had a baby shower for the NICU.") == []
    assert read("Esperamos a sus hijos el lunes.") == []


# --- S11: slang for care, each with its tie ------------------------------------------------

@pytest.mark.parametrize("text", [
    "Big week for Desmond Achebe: he finally got snipped!",
    "Reuben Castellanos had the snip last Friday and was golfing by Monday.",
    "Hollis Brandt is home with a new ticker and a lot of opinions about hospital food.",
    "Good news: Hollis Brandt had his bum ticker stented.",
    "Vera Okafor has the sugar, so she skips dessert at the potluck.",
    "Gunnar Ekdahl has been off the booze since Easter and looks great.",
    "Gunnar Ekdahl, 2 years dry today! Proud of you.",
    "Don Rigoberto Salas ya camina con su rodilla nueva.",
    "Doña Herminia Bustos está feliz con su nueva cadera.",
    "Doña Herminia Bustos tiene el azúcar alta otra vez.",
])
def test_slang_for_care_beside_a_name_blocks(screen: Any, text: str) -> None:
    assert blocking(screen, text)


@pytest.mark.parametrize("text", [
    "Mayor Delia Fontaine snipped the ribbon on our new wing Friday!",
    "Thanks to Delia Fontaine, who got the ribbon snipped right on time.",
    "The ribbon got snipped at 10 and the doors opened at 10:05.",
    "Hollis Brandt fixed the news ticker in our lobby. Thanks, Hollis!",
    "Join the sugar drive! Bring a bag of sugar for the food pantry.",
    "Who has the sugar? Asking for the coffee station.",
    "Lena Hart says the paint in our new lobby is 2 days dry. Don't touch!",
    "Clase de ejercicios para una rodilla nueva: los martes a las 5.",
    "Gracias a Marisol Quintero por traer la nueva rodilla de demostración para la charla.",
    "Get your ticker checked this Heart Month: free blood pressure checks Friday.",
])
def test_the_same_slang_words_in_their_other_senses_pass(screen: Any, text: str) -> None:
    assert not blocking(screen, text)


def test_snipped_is_read_of_a_man_or_a_name_not_of_a_ribbon() -> None:
    assert read("Hubby finally got snipped") == ["got snipped"]
    assert read("Tobias Wendt got snipped") == ["got snipped"]
    assert read("The ribbon finally got snipped") == []
    assert [m.group(1) for m in milestones("Ana is 1 year dry!")] == ["1 year dry"]


# --- F6: a clinician's delivery count ------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Our midwife Wren Castillo welcomed her 800th baby this week!",
    "Dr. Noor Haddad delivered her 500th baby on Tuesday. What a milestone!",
    "Our midwife Ana Lucero has delivered more than 2,000 babies since 1998.",
    "Nuestra partera Wren Castillo atendió su parto número 1,000 este mes.",
])
def test_a_clinicians_delivery_count_is_no_birth_announcement(practice_screen: Any,
                                                              text: str) -> None:
    assert not blocking(practice_screen, text)


@pytest.mark.parametrize("text", [
    "Kayla Brandt delivered her 3rd baby with us on Tuesday!",
    "Wren Castillo delivered her 800th baby this week: little Mia Lopez, 7 lbs 4 oz!",
])
def test_a_mothers_own_count_or_a_named_baby_still_blocks(practice_screen: Any,
                                                          text: str) -> None:
    assert blocking(practice_screen, text)


# --- F7: a counted group is nobody in particular -------------------------------------------

@pytest.mark.parametrize("text", [
    "Thank you, Lakeside! 700 of you got your flu shot with us this fall.",
    "All of you who got your shingles shot with us this month: thank you!",
])
def test_a_counted_group_thanked_for_its_care_passes(practice_screen: Any, text: str) -> None:
    assert not blocking(practice_screen, text)


@pytest.mark.parametrize("text", [
    "All of you who know Tobias Wendt: he finished chemo today!",
    "So many of you asked about the Miller boy from the bus crash. He is out of the ICU.",
])
def test_a_group_beside_one_person_still_blocks(practice_screen: Any, text: str) -> None:
    assert blocking(practice_screen, text)


# --- L1: a refusal is general only in its own clause ---------------------------------------

@pytest.mark.parametrize("text", [
    "We can't share more details: Tobias Wendt is still in intensive care.",
    "We cannot share any more details - Ingrid Solberg remains on the cardiac floor.",
    "No podemos compartir más detalles: Marisol Quintero sigue en terapia intensiva.",
])
def test_a_name_with_care_after_a_refusal_blocks(screen: Any, text: str) -> None:
    assert blocking(screen, text)


@pytest.mark.parametrize("text", [
    "Reminder: we can't discuss lab results by phone. Please use the patient portal.",
    "We cannot give medical advice here: for urgent symptoms call 911 or visit urgent care.",
    "We can't comment on individual cases: our thoughts are with everyone affected by the flu.",
])
def test_a_refusal_with_general_words_after_its_colon_passes(screen: Any, text: str) -> None:
    assert not blocking(screen, text)
