"""Session 47, round 2: one unnamed person in a Spanish sentence, with a date element and a
care event, blocks as English's "date+patient" does (docs/history/phi.md, "Session 47: what stays
of the Spanish work"). Own wording, no dev-set or read-set line."""

from __future__ import annotations

import pytest

from policies.phi import PhiAllowList, PhiScreen
from policies.phi.spanish_cases import dated_individual


@pytest.fixture(scope="module")
def screen() -> PhiScreen:
    return PhiScreen(PhiAllowList())


def _blocked(screen: PhiScreen, text: str, context: str = "post") -> bool:
    return any(f.severity == "block" for f in screen.screen(text, context=context))


# one singled-out person + a day and month, a weekday, "ayer"/"anoche", a holiday + care told
# in the past: a patient people who were there will recognise (each passed before)
MUST_BLOCK = [
    "El 3 de marzo un señor entró cojeando con una herida en el pie y le pusimos diez puntos.",
    "El lunes pasado una señora llegó con la muñeca rota y se la enyesamos.",
    "Ayer un niño de 8 años llegó con fiebre alta y lo atendimos de inmediato.",
    "El 12 de octubre atendimos a una paciente con neumonía que venía del rancho.",
    "Ayer una abuelita se desmayó en la sala de espera y la mandamos al hospital.",
    "El pasado 4 de julio atendimos a un muchacho con quemaduras en las manos.",
    "En Navidad una señora llegó con el azúcar por las nubes; la internamos dos días.",
    "El martes pasado un vaquero se fracturó la pierna y lo enyesamos aquí mismo.",
    "Anoche una joven embarazada dio a luz en nuestra sala de urgencias.",
    "El 21 de mayo un hombre llegó con dolor de pecho. Lo estabilizamos y lo trasladamos.",
    "Este jueves una niña de 5 años se cortó la frente en el parque y la suturamos.",
    "Antier un abuelito vino con tos y fiebre; le diagnosticamos neumonía.",
    "El Día de las Madres una mamá llegó con contracciones y la trasladamos al hospital.",
    "Esta madrugada un trabajador del campo llegó deshidratado y le pusimos suero.",
    "La semana pasada un estudiante sufrió una convulsión en clase y lo atendimos.",
    "El 9 de febrero una de nuestras pacientes llegó con sangrado y la operamos esa noche.",
    "El domingo pasado un bebé de tres meses llegó con fiebre y lo internamos.",
]

# schedules, event dates, general advice, thanks without care, a conditional (each passes)
MUST_PASS = [
    "Los pacientes que llegan con dolor de pecho deben ir a urgencias de inmediato.",
    "El 17 de agosto tendremos vacunas gratis en la clínica.",
    "Si un niño llega el lunes con fiebre, tráigalo a la clínica.",
    "Cada año, el 1 de diciembre, revisamos los pies de quien tenga diabetes.",
    "El lunes pasado un señor nos donó tres sillas de ruedas. ¡Gracias!",
    "Ayer una señora de la comunidad nos trajo tamales para todo el equipo.",
    "El 17 de agosto el Dr. Ramos dará una plática sobre el dolor de pecho.",
    "¿Un niño con fiebre desde ayer? Llámenos antes de venir.",
    "Cuando una paciente llega con dolor de cabeza el lunes, revisamos su presión.",
    "El 5 de mayo abrimos de 8 a 2. Para citas llame a la clínica.",
    # not "Una paciente ...": "Una" is also a given name, read as one since round 3
    "Llegó una paciente de cuarenta y tantos pensando que era gripe y era asma.",
    "Ayer vacunamos a 60 niños en la feria de salud. ¡Gracias a todos!",
]


@pytest.mark.parametrize(("text", "blocked"),
                         [(t, True) for t in MUST_BLOCK] + [(t, False) for t in MUST_PASS])
def test_dated_individual_or_schedule(screen: PhiScreen, text: str, blocked: bool) -> None:
    assert _blocked(screen, text) is blocked


def test_commenter_telling_is_not_the_practice_record(screen: PhiScreen) -> None:
    # a commenter's own story is read by the comment rules, not this one
    text = "Ayer un señor se cayó en la calle y lo atendimos."
    hits = [f.rule for f in screen.screen(text, context="comment")]
    assert "date+individual_es" not in hits


@pytest.mark.parametrize(("text", "found"), [
    ("El 2 de enero un señor llegó con fiebre.", True),  # an arrival with a health word
    ("El 2 de enero un señor llegó con regalos.", False),  # an arrival, no care
    ("Un señor llegó con fiebre.", False),  # no date element
    ("El 2 de enero llegó con fiebre.", False),  # nobody singled out
])
def test_dated_individual_construction(text: str, found: bool) -> None:
    health = [(text.index("fiebre"), text.index("fiebre") + 6)] if "fiebre" in text else []
    assert (dated_individual(text, 0, len(text), health) is not None) is found
