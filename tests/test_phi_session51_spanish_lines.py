"""Session 51 (docs/history/phi.md, "Session 51: Spanish false blocks").

1. A toll-free number is a business line, never a patient's own (main's rule since it had
   one); it is now read from phonenumbers' metadata too, so one written with an opening
   bracket, "(1-800-555-0166)", is toll-free as "1-800-555-0166" was.
2. A Spanish reading of the practice's own lines ("Nuestra línea de enfermería, (956) ...")
   was built and withdrawn before hand-over: in my own aimed probes the number was the only
   finding the screen read in Spanish texts that tell someone's care in words it does not
   read ("el bombero de la estación 3 por quemaduras"). Those probes are kept here: each
   blocks today, and a next attempt at that reading must keep them blocking.
Own wording, no dev-set or read-set line."""

from __future__ import annotations

import pytest

from policies.phi import PhiAllowList, PhiScreen


@pytest.fixture(scope="module")
def screen() -> PhiScreen:
    return PhiScreen(PhiAllowList())


def _phone_severities(screen: PhiScreen, text: str) -> set[str]:
    return {f.severity for f in screen.screen(text, context="post")
            if f.category in ("phone", "fax")}


@pytest.mark.parametrize("text", [
    "El retiro aplica a lotes viejos; el fabricante (1-800-555-0166) repone las tiras.",
    "Recall on Glimmer test strips: the maker, Brightline (1-888-555-0107), replaces them.",
    "Dudas sobre el retiro: (1-877-555-0114), de lunes a viernes.",
])
def test_a_bracketed_toll_free_number_is_a_business_line(screen: PhiScreen, text: str) -> None:
    assert _phone_severities(screen, text) == {"warn"}


def test_a_persons_number_beside_a_toll_free_one_still_blocks(screen: PhiScreen) -> None:
    text = ("El fabricante (1-800-555-0166) repone las tiras; la señora que dejó su caja "
            "puede llamarnos, su número es (915) 555-0190.")
    found = [f for f in screen.screen(text, context="post") if f.category in ("phone", "fax")]
    assert {f.severity for f in found if "555-0166" in f.text} == {"warn"}
    assert {f.severity for f in found if "555-0190" in f.text} == {"block"}


# the Spanish line reading's aimed probes: a line named as the practice's or a service's, and
# a person told in open-class words the screen does not read (a firefighter, a bricklayer, a
# cowboy); the number is all the screen reads, so it must keep blocking
LINE_BESIDE_SOMEONE = [
    "Nuestra línea de enfermería, (915) 555-0260, atiende las 24 horas. Anoche atendió al "
    "bombero de la estación 3 por quemaduras.",
    "Nuevo fax de referencias: (915) 555-0261. El primero que llegó fue el del bombero de la "
    "estación 3.",
    "Mismo teléfono: (915) 555-0262. Pregunten ahí por el vaquero de la cama 4.",
    "Nuestra línea de citas: (915) 555-0266. Ya tiene la suya el albañil que se cayó del "
    "andamio.",
    "La línea de crisis nueva, (915) 555-0270, atiende 24 horas. La primera llamada fue del "
    "maestro de química.",
    "La línea del trabajador que se lastimó en la planta: (915) 555-0214.",
    "Llame al (915) 555-0220 para saber del paisano que llegó deshidratado del desierto.",
    "Mismo teléfono, (915) 555-0241: el de la colecta del bombero herido.",
    "La línea de enfermería (915) 555-0248 habló con el trabajador quemado en la planta.",
    "El teléfono principal (915) 555-0250 es el que dio el vaquero accidentado al llegar.",
    "El fax de la casa de la paciente es (915) 555-0127, ya le mandamos la receta.",
    "Llámele al (915) 555-0131 para darle sus resultados.",
]


@pytest.mark.parametrize("text", LINE_BESIDE_SOMEONE)
def test_a_line_beside_someone_told_in_words_the_screen_misses_blocks(
        screen: PhiScreen, text: str) -> None:
    assert "block" in _phone_severities(screen, text)
