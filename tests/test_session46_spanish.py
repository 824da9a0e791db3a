"""Session 46: the PHI screen on posts and replies written in Spanish (docs/history/phi.md, "Session
46: Spanish posts"). Own wording, no dev-set line."""

from __future__ import annotations

import pytest

from policies.phi import PhiAllowList, PhiScreen
from policies.phi.answering import Telling, own_care


@pytest.fixture(scope="module")
def screen() -> PhiScreen:
    return PhiScreen(PhiAllowList())


def _blocked(screen: PhiScreen, text: str, context: str = "post",
             comment: str | None = None) -> bool:
    answering = None if comment is None else [comment]
    found = screen.screen_many([text], context=context, answering=answering)[0]
    return any(f.severity == "block" for f in found)


# a named person with the care of one body part, in Spanish, beside the same words with no
# one's care (a hypothetical, an idiom, a thing that is new)
@pytest.mark.parametrize(("disclosure", "clean"), [
    ("¡Felicidades a María López por su nueva cadera!",  # the lead's example
     "¡Felicidades a Ana Beltrán por su nueva casa!"),
    ("Don Julio ya camina con su nueva rodilla", None),
    ("¡Felicidades a Don Tomás por sus nuevos dientes!", None),
    ("Le operaron la rodilla a Doña Lupe el martes", None),
    ("Carmen se fracturó la muñeca en el partido del sábado",
     "Si se lastima el tobillo, póngale hielo y descanse."),
    ("A Pedro Salas le duele la espalda desde el lunes",
     "Gracias a Rosa Ibarra por echarnos una mano con la feria."),
    ("Con cariño para Don Aurelio, que fue operado del corazón", None),
])
def test_spanish_body_care(screen: PhiScreen, disclosure: str, clean: str | None) -> None:
    assert _blocked(screen, disclosure)
    assert clean is None or not _blocked(screen, clean)


def test_titled_persons_own_health_in_spanish(screen: PhiScreen) -> None:
    assert _blocked(screen, "La Dra. Quintero fue diagnosticada con diabetes el mes pasado.")
    assert not _blocked(screen, "La Dra. Quintero tiene experiencia con la diabetes.")


def test_spanish_reply_ties_a_body_part_to_the_reader(screen: PhiScreen) -> None:
    assert _blocked(screen, "¡Qué gusto que su rodilla esté sanando!", "reply")
    assert _blocked(screen, "Nos alegra saber que ya se siente mejor.", "reply")
    assert not _blocked(screen, "¡Qué bueno que le gustó el evento!", "reply")


# the reply screen reads a Spanish comment
@pytest.mark.parametrize(("comment", "telling"), [
    ("¿Ya llegaron mis resultados del ultrasonido?", Telling.ASKS),
    ("¿Cómo salieron los análisis de mi hijo?", Telling.ASKS),
    ("Tengo cita el jueves para mi mamografía y estoy nerviosa", Telling.TELLS),
    ("Mi tía se operó de la cadera con ustedes y ya camina", Telling.TELLS),
])
def test_spanish_comment_own_care(comment: str, telling: Telling) -> None:
    care = own_care(comment)
    assert care is not None and care.telling is telling
    # ... and a question of what anyone may do is no care of the writer's
    for general in ("¿Puedo ponerme la vacuna de la gripe sin cita?",
                    "¿Aceptan Medicaid para la vacuna?",
                    "¿Necesito una referencia para la fisioterapia?"):
        assert own_care(general) is None


@pytest.mark.parametrize(("comment", "reply"), [
    ("¿Ya llegaron mis resultados del ultrasonido?", "Sí, ya llegaron esta mañana."),
    ("¿Ya llegaron mis resultados del ultrasonido?", "Todavía no, le avisamos."),
    ("¿Cómo salieron los análisis de mi hijo?", "Todo salió normal."),
    ("¿Mandaron mi receta a la farmacia?", "Ya se la enviamos hace una hora."),
    ("Llevo un mes con las pastillas nuevas y me siento mucho mejor",
     "¡Qué gusto que le estén funcionando!"),
    ("Tengo cita el jueves para mi mamografía y estoy nerviosa",
     "No se preocupe, no va a sentir casi nada."),
])
def test_spanish_reply_answering_own_care_blocks(screen: PhiScreen, comment: str,
                                                 reply: str) -> None:
    assert not _blocked(screen, reply, "reply")  # alone it tells nothing
    assert _blocked(screen, reply, "reply", comment)
    # ... while wording true said to any reader passes under the same comment
    for general in ("Gracias por escribirnos. Llame a la oficina, con gusto le atendemos.",
                    "Déjenos su número por mensaje privado y le llamamos.",
                    "Gracias por compartir, le mandamos un abrazo."):
        assert not _blocked(screen, general, "reply", comment)


