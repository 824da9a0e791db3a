"""Session 53 (issue 12): Spanish posts read as their English twins do. The Spanish
twin of an English care word the vocabulary already reads (policies/phi/data/lay_terms.tsv,
section "Session 53"). Own wording, no dev-set or bench line. (The Spanish "the only X with
..." reading this branch first had was withdrawn after an outside review; see
docs/history/phi.md, "Session 53: Spanish recall on the independent Spanish sets".)"""

from __future__ import annotations

import pytest

from policies.phi import PhiAllowList, PhiScreen
from policies.phi.vocabulary import DATA, health_mentions

# every row of the session-53 section of lay_terms.tsv and the English word it twins; the
# English word must be one the screen already reads, so the section adds no new kind of care
TWINS = {
    "infeccion": "infection", "infecciones": "infections", "dentadura": "dentures",
    "dentaduras": "dentures", "dentadura postiza": "dentures",
    "conmocion cerebral": "concussion", "papanicolau": "pap smear",
    "papanicolaou": "pap smear", "ictericia": "jaundice",
    "fibrosis quistica": "cystic fibrosis", "lepra": "leprosy", "ELA": "ALS", "TDAH": "ADHD",
    "estres postraumatico": "PTSD", "contracciones": "contractions", "quimios": "chemo",
    "extraccion dental": "tooth extraction", "extracciones dentales": "tooth extraction",
    "nebulizador": "nebulizer", "nebulizadores": "nebulizer", "nebulizaciones": "nebulizer",
    "protesis": "prosthesis", "ferula": "splint", "andadera": "walker",
    "absceso": "abscess", "insuficiencia renal": "kidney failure",
    "tanque de oxigeno": "oxygen tank", "dio a luz": "gave birth",
    "ulcera": "ulcer", "ulceras": "ulcers", "colesterol": "cholesterol",
    "intoxicacion": "poisoning", "alcoholismo": "alcoholism", "hospicio": "hospice",
    "cuidados paliativos": "palliative care", "gripa": "flu",
}


def _section() -> list[str]:
    lines = (DATA / "lay_terms.tsv").read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("# Session 53"))
    rows = []
    for line in lines[start:]:
        if line.startswith("#") and rows:
            break  # the next section
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t")[0])
    return rows


def test_every_spanish_row_has_an_english_twin_the_screen_reads() -> None:
    rows = _section()
    assert sorted(rows) == sorted(TWINS)
    for spanish, english in TWINS.items():
        assert health_mentions(f"He had {english} last week."), english
        assert health_mentions(f"Tuvo {spanish} la semana pasada."), spanish


@pytest.fixture(scope="module")
def screen() -> PhiScreen:
    return PhiScreen(PhiAllowList())


def _blocked(screen: PhiScreen, text: str, context: str = "post") -> bool:
    return any(f.severity == "block" for f in screen.screen(text, context=context))


# each passed on main 542e953 (the Spanish care word was read as nobody's care)
@pytest.mark.parametrize("text", [
    "Felicidades a Ramona Ibarra por su dentadura nueva 😁",
    "Bienvenido de vuelta, Octavio Ruelas: la conmoción cerebral ya quedó atrás.",
    "Teodoro Lugo ya no necesita el tanque de oxígeno para dormir.",
    "Don Aurelio Benítez ya se recupera del absceso en la pierna.",
    "Felicidades a Leocadia Trujillo: ya no tiene ictericia y se fue a casa.",
    "Gracias a la familia de Evaristo Mena: el nebulizador nuevo ya le llegó.",
])
def test_spanish_twins_block(screen: PhiScreen, text: str) -> None:
    assert _blocked(screen, text)


# the same words with nobody's care, or a group, or a place: pass on main and on the branch
@pytest.mark.parametrize("text", [
    "Las dentaduras se limpian con agua tibia, nunca con agua hirviendo.",
    "¿Le arde la garganta por una infección? Llame hoy y le damos cita el mismo día.",
    # ("Charla gratis sobre ..." blocks: "Charla" is a listed first name opening a sentence,
    # read as a name beside any care word, "diálisis" on main too; not changed here)
    "Plática gratis sobre cuidados paliativos el jueves en la biblioteca municipal.",
    "La única farmacia con servicio de oxígeno en el condado abre los domingos.",
    "Nuestros pequeños pacientes con asma estrenaron espaciadores esta semana.",
    "Nuestro querido pediatra con treinta años de servicio se jubila este mes.",
    # "andador" is also a pedestrian street in Mexican towns: the row was dropped (blocked
    # by this branch at 405fdb0)
    "Celia Ortega, nuestra promotora, los espera en el Andador Hidalgo con café y pan dulce.",
    # a general statement or a question to any parent is nobody in particular: blocked by
    # the branch's withdrawn "el único niño con ..." reading (405fdb0)
    "¿Su hijo es el único niño con asma en el equipo? Aquí le explicamos cómo hablar con el "
    "entrenador.",
    "Ser la única alumna con diabetes tipo 1 en la escuela puede sentirse solitario; los "
    "grupos de apoyo ayudan.",
    # dropped from the section after measuring (vaccination notices): still no one's care
    "Vacune a sus hijos contra la varicela y el sarampión antes de entrar al kínder.",
])
def test_spanish_twins_pass(screen: PhiScreen, text: str) -> None:
    assert not _blocked(screen, text)
