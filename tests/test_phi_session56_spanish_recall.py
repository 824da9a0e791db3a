"""Session 56 (branch s56-esrecall): Spanish posts read as their English twins do, three
constructions (docs/history/phi.md). Own wording: no line of a bench, review or dev set.

1. an age over 89 of one person named by an everyday Spanish word ("un veterano de 92 años");
2. care of one body part the reader knows of ("esa rodilla va a sanar", "revisamos ese
   tobillo", "le quitamos el yeso del brazo");
3. a role there is one of at a place, told with its own care ("la alcaldesa de Wellton vino a
   su revisión de la tiroides"), and a titled name coming in for the check of a condition
   ("el pastor Olvera vino por su chequeo de diabetes")."""

from __future__ import annotations

import pytest

from policies.phi import PhiAllowList, PhiScreen


@pytest.fixture(scope="module")
def screen() -> PhiScreen:
    return PhiScreen(PhiAllowList())


def _rules(screen: PhiScreen, text: str) -> set[str]:
    return {f.rule for f in screen.screen(text) if f.severity == "block"}


# (English twin the screen already blocks, the Spanish sentence, a rule the Spanish must block by)
TWINS = [
    ("We were glad to care for a 92-year-old veteran who finished physical therapy today.",
     "Felicidades al veterano de 92 años que hoy terminó su terapia física.", "age_over_89"),
    ("What a joy to see a 94-year-old widow who still sews her own dresses.",
     "Qué alegría atender a una viuda de 94 años que todavía cose sus propios vestidos.",
     "age_over_89"),
    ("You got this, Yesenia! That ankle will heal and you'll be back on the court Saturday.",
     "¡Ánimo, Yesenia! Ese tobillo ya sanó y el sábado vuelves a la cancha.", "name+own_health"),
    ("Brandon, ice that knee and we'll see you Tuesday.",
     "El martes revisamos esa rodilla, Brandon; sigue con el hielo.", "name+own_health"),
    ("Coach Memo Ibarra had the cast on his arm taken off this morning.",
     "Al coach Memo Ibarra le quitamos el yeso del brazo esta mañana.", "name+own_health"),
    ("The mayor of Wellton came in yesterday for her thyroid check.",
     "La alcaldesa de Wellton vino ayer a su revisión de la tiroides y todo salió bien.",
     "role+own_care_es"),
    ("The new foreman at the Brawley packing plant was with us for his pneumonia.",
     "El nuevo capataz de la empacadora de Brawley estuvo con nosotros por su neumonía.",
     "role+own_care_es"),
    ("The district 3 councilwoman has her high blood pressure under control now.",
     "La concejala del distrito 3 tiene la presión alta bajo control gracias a su nuevo plan.",
     "role+own_care_es"),
    ("The principal of Central High is recovering from pneumonia.",
     "El director de la Prepa Central se recupera de la neumonía; ¡lo esperamos pronto!",
     "role+own_care_es"),
    ("Pastor Olvera came in today for his diabetes check.",
     "El pastor Olvera vino hoy por su chequeo de diabetes.", "name+own_health"),
]


@pytest.mark.parametrize(("english", "spanish", "rule"), TWINS)
def test_the_spanish_twin_blocks_as_the_english_does(screen: PhiScreen, english: str,
                                                     spanish: str, rule: str) -> None:
    assert _rules(screen, english), english
    found = _rules(screen, spanish)
    # a Spanish role may be read by s56-esattack's role reading ("role+health") first
    assert rule in found or (rule.startswith("role+") and "role+health" in found), spanish


HARMLESS = [
    # a role doing its work, a service, an event: no visit of its own for its own care
    "El alcalde de Somerton inauguró la feria de salud con vacunas gratis para todos.",
    "La directora de la Primaria Jefferson dio una plática sobre el asma en los niños.",
    "El pastor de la Iglesia San José vino a bendecir nuestra nueva sala de diabetes.",
    "La gerente de la farmacia Rexall vino por su pedido de vacunas contra la gripe.",
    "El capitán de bomberos de Rio Rico vino a la charla de primeros auxilios.",
    "La presidenta del club de leones vino a su reunión mensual sobre la campaña de cáncer "
    "de mama.",
    "El director del hospital regional tiene años luchando contra la diabetes en el valle.",
    "El comisionado del condado llegó para su discurso sobre la salud del corazón.",
    "El gerente de la tienda de la esquina tiene las vacunas contra la gripe en oferta.",
    "El dueño de la farmacia del centro tiene el medicamento para la diabetes que buscaba.",
    # a question, a condition, a plural: anyone
    "Si el director de la escuela nota fiebre en un alumno, debe llamar a los padres.",
    "¿Sabía que el alcalde de la ciudad puede vacunarse gratis en nuestra clínica?",
    "Los directores de las escuelas del distrito recibieron la vacuna contra la gripe.",
    # a part in general advice, a clinician's teaching, a game's points
    "Cuida esa espalda: al levantar cajas, dobla las rodillas.",
    "La Dra. Treviño revisó esa rodilla en el video educativo sobre lesiones deportivas.",
    "Al equipo de los Toros le quitaron los puntos del partido del viernes.",
    # years of a group or a thing, not of one person
    "Los veteranos de 90 años o más pueden pedir transporte gratis a sus citas.",
    "Mujeres de 95 años siguen corriendo maratones, según un estudio.",
    "Nuestra clínica cumple 90 años sirviendo al valle.",
]


@pytest.mark.parametrize("text", HARMLESS)
def test_harmless_look_alikes_pass(screen: PhiScreen, text: str) -> None:
    assert not _rules(screen, text), text


# Narrowed after the outside review (docs/history/phi.md): a visit noun alone (cita,
# consulta, visita, revisión, chequeo) tells no care, and "tiene fiebre de <algo>" is an idiom.
# Own wording, none from the review's probes.
NARROWED_CLEAN = [
    "El gerente de la cooperativa vino a su cita con nuestro contador para cerrar el convenio.",
    "La jueza del condado vino por su visita de cortesía y saludó al personal.",
    "El jefe de policía de Somerton pasó a su revisión semestral de cámaras del estacionamiento.",
    "La presidenta de la cámara de comercio vino a su consulta de mercadeo con nuestro equipo.",
    "El director de la Prepa Central vino a su chequeo de las obras del nuevo gimnasio.",
    "La alcaldesa de Wellton vino a su cita con los reporteros del periódico local.",
    "El entrenador de las Águilas tiene fiebre de final: ¡a llenar las gradas el viernes!",
    "La dueña de la boutique del centro tiene fiebre de rebajas esta temporada.",
]
NARROWED_STILL_BLOCKS = [
    "El gerente de la cooperativa vino a su cita médica el martes.",
    "La jueza del condado vino por su consulta de seguimiento de la presión.",
    "El jefe de policía de Somerton pasó a su revisión de la vista.",
    "La presidenta de la cámara de comercio vino a su cita de cardiología.",
    "El director de la Prepa Central vino a su consulta en el consultorio del segundo piso.",
    "La alcaldesa de Wellton vino a su cita con la doctora Ibarra.",
    "El entrenador de las Águilas tiene fiebre de 39 grados desde ayer.",
    "La dueña de la boutique del centro vino a su chequeo de diabetes.",
]


@pytest.mark.parametrize("text", NARROWED_CLEAN)
def test_a_visit_noun_alone_or_a_fever_idiom_tells_no_care(screen: PhiScreen, text: str) -> None:
    assert "role+own_care_es" not in _rules(screen, text), text
    assert not _rules(screen, text), text


@pytest.mark.parametrize("text", NARROWED_STILL_BLOCKS)
def test_the_care_a_visit_is_for_still_blocks(screen: PhiScreen, text: str) -> None:
    assert "role+own_care_es" in _rules(screen, text), text
