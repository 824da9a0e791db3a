"""Session 56 (docs/history/phi.md): three readings that blocked clean posts.

1. A name span the small model lays over a Spanish sentence's opening words ("Abrimos de
   lunes a viernes", "Revisa el horario") named no commenter, yet it tied every care word
   of the reply to one; a span holding a capitalised word and a lower-case word that is no
   name particle, opening on no listed first name, greeted and titled by nothing, no longer
   does.
2. A Spanish refusal ("por privacidad no podemos hablar de citas", "aquí no podemos comentar
   sobre ninguna consulta") is general wording for the reply's care words, as the English
   "we can't discuss" is, while no "pero", "su"/"tu", colon or semicolon follows it in its
   sentence; it is never read for a name.
3. WordNet's first sense of "culprit", "suspect", "killer" ... is a person, so "The culprit
   was an ACE inhibitor" read as one person known by a role with a health event. Such a noun
   as the subject of "be" whose predicate noun is a thing (no person noun, age or name)
   names no one.
Own wording, no dev-set or read-set line."""

from __future__ import annotations

import pytest
from conftest import blocking

from policies.phi import PhiAllowList, PhiScreen


@pytest.fixture(scope="module")
def screen() -> PhiScreen:
    return PhiScreen(PhiAllowList())

@pytest.mark.parametrize("text", [
    # 1: a misread opening phrase is no commenter greeted
    "Abrimos de lunes a viernes de 9 a 5. Para hacer una cita, llame al consultorio.",
    "Revisa el horario en la página. La clínica móvil no necesita cita.",
    # 2: a refusal in Spanish
    "Por privacidad no podemos hablar de citas ni de resultados aquí. Llámenos y con gusto "
    "le ayudamos.",
    "Hola, Sra. Ruiz. Por privacidad no podemos hablar de citas ni de resultados aquí.",
    "Aquí no podemos comentar sobre ninguna consulta. Llame a la gerente.",
])
def test_a_general_spanish_reply_passes(screen: PhiScreen, text: str) -> None:
    assert not blocking(screen, text, "reply")


@pytest.mark.parametrize("text", [
    # a real name greeted, or a listed first name opening the span, still ties the care
    "Atendemos sábados de 9 a 1. Ana, su cita de seguimiento quedó para el lunes.",
    "Ana gracias por escribir, ya está lista la receta de insulina.",
    "Abrimos de lunes a viernes de 7 a 7 para todos. Ya está lista la prueba de embarazo de "
    "su hija.",
    # a refusal followed by the care it refuses to tell, or told of someone's
    "No podemos dar detalles aquí, pero su biopsia salió bien, Ana.",
    "No podemos dar detalles aquí, pero qué gusto que su biopsia salió bien, Ana.",
    "Por privacidad no hablamos de la cirugía de su mamá aquí, Ana.",
    "Por privacidad no podemos dar detalles. Su cirugía salió bien, Ana.",
    "No podemos hablar de eso aquí. Su biopsia salió bien, Ana.",
])
def test_a_close_spanish_disclosure_still_blocks(screen: PhiScreen, text: str) -> None:
    assert blocking(screen, text, "reply")


@pytest.mark.parametrize("context", ["post", "reply"])
def test_a_spanish_refusal_releases_no_name(screen: PhiScreen, context: str) -> None:
    text = "No podemos compartir más detalles: Rosa Díaz sigue en terapia intensiva."
    assert blocking(screen, text, context)


@pytest.mark.parametrize("text", [
    "The culprit was a new blood-pressure pill, and switching fixed the cough.",
    "In most cases of spring wheezing, the culprit is tree pollen.",
    "The silent killer is high blood pressure, so get yours checked.",
])
def test_a_cause_named_by_a_person_noun_passes(screen: PhiScreen, text: str) -> None:
    assert not blocking(screen, text)


@pytest.mark.parametrize("text", [
    "The culprit was a kid from the daycare who had lice.",
    "The culprit, a man of 40, was treated for burns in our ER.",
    "The killer was a 45-year-old who was treated for gunshot wounds in our ER.",
    "The culprit was Mike Dunn, who has hepatitis A and works the fryer.",
    "Our favourite crossing guard had a heart attack; the culprit was a blocked artery.",
    "The culprit was a new pill, and the barber on Main Street ended up in the ER with a "
    "stroke.",
    "The barber on Main Street is a cancer survivor.",
])
def test_a_person_beside_a_cause_noun_still_blocks(screen: PhiScreen, text: str) -> None:
    assert blocking(screen, text)
