"""Session 49: direct identifiers labelled in Spanish ("número de expediente 448812", "su
número de afiliado es ...", "placas ...") are read by the same labelled-identifier recognizers
as the English labels, with the right kind, and their label words are not taken for a name
(docs/history/phi.md, "Session 49: direct identifiers labelled in Spanish"). Own wording, no dev-set
or read-set line."""

from __future__ import annotations

import pytest

from policies.phi import PhiAllowList, PhiScreen
from policies.phi.numbers import _LABELS
from policies.phi.registry import REGISTRY


@pytest.fixture(scope="module")
def screen() -> PhiScreen:
    return PhiScreen(PhiAllowList(domains=("clinicaejemplo.example",)))


def _findings(screen: PhiScreen, text: str) -> list[tuple[str, str, str, str]]:
    return [(f.category, f.rule, f.severity, text[f.start : f.end])
            for f in screen.screen_many([text], context="post")[0]]


# (text, category, the number as read)
LABELLED = [
    ("Número de expediente 530917: paciente con asma, cita el jueves.", "mrn", "530917"),
    ("No. de expediente: HC-88102, favor de pasar a laboratorio.", "mrn", "HC-88102"),
    ("Expediente #31-7702 ya tiene sus resultados de la biopsia.", "mrn", "31-7702"),
    ("La historia clínica 660415 quedó actualizada con la nueva dosis.", "mrn", "660415"),
    ("Paciente No. 40917: su receta de insulina está lista.", "mrn", "40917"),
    ("Su número de afiliado es 7731-0092-11 y su consulta está cubierta.", "health_plan",
     "7731-0092-11"),
    ("Núm. de póliza: PX 44019-3, verificada para la cirugía del martes.", "health_plan",
     "PX 44019-3"),
    ("Beneficiaria MC-55102-8: autorizamos su resonancia magnética.", "health_plan",
     "MC-55102-8"),
    ("Ya pagamos la cuenta 61-3308 de la señora del programa renal.", "account", "61-3308"),
    ("Su cuenta terminada en 9920 ya quedó en cero tras la consulta dental.", "account",
     "9920"),
    ("Encontramos una licencia de conducir de Sonora número 7730215 en el baño.", "license",
     "7730215"),
    ("Placa de su camioneta: 5MWT-330. El señor sigue en observación.", "vehicle", "5MWT-330"),
    ("Placas de su carro: BNX-47, su esposa ya salió de cirugía.", "vehicle", "BNX-47"),
    ("El VIN de su camioneta termina en 4R7702; sigue estacionada frente a urgencias.",
     "vehicle", "4R7702"),
    ("El marcapasos con número de serie PM-7710293 de la paciente ya fue revisado.", "device",
     "PM-7710293"),
    ("Audífono gris, serie AU-4418207 del señor de las 11, olvidado en la sala.", "device",
     "AU-4418207"),
]


# --- the outside review's mend (docs/history/phi.md, "Session 49 ... the review and the mend") ----

# the outside review's mend: the numbers still read
MEND_LABELLED = [
    # a person the practice serves is theirs, not the practice's own
    ("El número de póliza de nuestra clienta es AX-88120; ya aprobamos su diálisis.",
     "health_plan", "AX-88120"),
    ("Placas de nuestro usuario: TRW-5530, lo pasamos a terapia intensiva.", "vehicle",
     "TRW-5530"),
    ("Nuestro paciente No. 30877 ya tiene cita con cardiología.", "mrn", "30877"),
    ("Expediente de nuestra derechohabiente: 712-0443, su quimioterapia sigue el lunes.",
     "mrn", "712-0443"),
    # an owned label with its owner
    ("Bomba de insulina serie BX-771203 de doña Licha, ya reparada.", "device", "BX-771203"),
    ("Número de serie de su marcapasos: 5520917, revíselo con su cardióloga.", "device",
     "5520917"),
    # a plate with letters and digits
    ("Placas RTV-5521 del carro de su esposo: él sigue en la sala de recuperación.", "vehicle",
     "RTV-5521"),
]
# ... and what is no one's number
MEND_HARMLESS = [
    # a bare folio or serie with nobody's: a job posting, an equipment model
    "Folio: ADM-2026-07. Buscamos técnico de farmacia con experiencia.",
    "Nuevo tomógrafo serie 7400 en servicio desde el lunes.",
    # dental plaque, a parking spot
    "Adiós a la placa: 150 segundos de cepillo suave.",
    "Estacionamiento techado: placa 340 en la entrada norte.",
    # a date, a norm or a standard
    "Afiliación: 31/03/2026 es el último día; pregunte en recepción.",
    "Póliza: 2026-03-31 vence la actual, no se quede sin cobertura.",
    "Expediente clínico (NOM-024-SSA3-2012): lo que dice la norma.",
    "Número de serie ISO 13485 del fabricante en cada caja.",
    # a group plan's number
    "Seguro colectivo: grupo 7730 de la empresa Nopalera, pregunte a recursos humanos.",
]


@pytest.mark.parametrize(("text", "category", "number"), LABELLED + MEND_LABELLED)
def test_spanish_label_reads_its_kind(screen: PhiScreen, text: str, category: str,
                                      number: str) -> None:
    found = _findings(screen, text)
    assert (category, f"labelled_{category}", "block", number) in found, found


@pytest.mark.parametrize(("text", "label"), [
    ("Número de expediente 530917: paciente con asma, cita el jueves.", "expediente"),
    ("Placa de su camioneta: 5MWT-330. El señor sigue en observación.", "Placa"),
    ("Ya pagamos la cuenta 61-3308 de la señora del programa renal.", "cuenta"),
])
def test_label_words_are_no_name(screen: PhiScreen, text: str, label: str) -> None:
    """The label is the identifier's, not a person named with it."""
    found = _findings(screen, text)
    assert not [f for f in found if f[0] == "name" and label in f[3]], found


def test_a_name_before_the_label_is_kept(screen: PhiScreen) -> None:
    found = _findings(screen, "Sra. Villaseñor, su cuenta #200-77315 ya quedó pagada.")
    assert ("account", "labelled_account", "block", "200-77315") in found
    assert any(f[0] == "name" and "Villaseñor" in f[3] for f in found), found


# the same label words and numbers that identify nobody
@pytest.mark.parametrize("text", [
    "Traiga su tarjeta del seguro y su número de póliza a su primera cita.",
    "Su número de cita viene en el mensaje de confirmación.",
    "Estrenamos expediente clínico electrónico para todas las consultas.",
    "El grupo 2025 de promotoras de salud se gradúa el viernes.",
    "Deje a cuenta 1500 pesos para apartar su lugar en el taller de nutrición.",
    "Grupo de caminata: ya sumamos 1800 kilómetros este año.",
    "Ejemplo del formulario: Número de expediente: 000000 (lo llena la recepción).",
    "Folio de la convocatoria de empleo: ENF-2026-03, enfermera de tiempo completo.",
    "Una serie de 4 talleres de lactancia empieza en febrero.",
    "Retiro del fabricante: los monitores con serie BP-310200 a BP-310950 deben devolverse.",
    *MEND_HARMLESS,
])
def test_no_identifier_no_block(screen: PhiScreen, text: str) -> None:
    found = _findings(screen, text)
    assert not [f for f in found if f[1].startswith("labelled_") and f[2] == "block"], found


def test_the_practice_own_policy_warns(screen: PhiScreen) -> None:
    found = _findings(screen, "La póliza de nuestra clínica No. 55120 está vigente.")
    assert ("health_plan", "labelled_health_plan+practice", "warn", "55120") in found, found
    found = _findings(screen, "Nuestra póliza No. 55120 está a la vista en recepción.")
    assert ("health_plan", "labelled_health_plan+practice", "warn", "55120") in found, found


@pytest.mark.parametrize("url", [
    "clinicaejemplo.example/casos/paciente-0077120-tomografia",
    "clinicaejemplo.example/portal/plan?paciente=mlopez",
    "clinicaejemplo.example/expedientes/4471902",
])
def test_spanish_record_link_blocks(screen: PhiScreen, url: str) -> None:
    found = _findings(screen, f"Aquí están sus estudios: {url}")
    assert any(f[0] == "url" and f[2] == "block" for f in found), found


@pytest.mark.parametrize("url", [
    "clinicaejemplo.example/pacientes/nuevos",
    "clinicaejemplo.example/visitas/2026",
])
def test_practice_pages_stay_allowed(screen: PhiScreen, url: str) -> None:
    found = _findings(screen, f"Información para pacientes nuevos: {url}")
    assert not any(f[0] == "url" for f in found), found


def test_every_label_kind_has_its_registry_row() -> None:
    """The Spanish words sit in the English labels' table; each kind explains itself through
    its own registry row."""
    for label in _LABELS:
        assert label.es_bare or label.es_named or label.category == "other_id", label.category
        assert f"labelled_{label.category}" in REGISTRY


def test_a_practice_own_warning_is_not_fed_to_the_learned_scorer(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The learned second opinion sees what it saw before this change: a practice-own label
    warning lowered its score and a block it gave was lost (outside review, session 49)."""
    import policies.phi.screen as screen_module

    seen: list[list[str]] = []

    def spy(text, hits, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        seen.append([h.rule for h in hits])

    monkeypatch.setattr(screen_module, "learned_hit", spy)
    found = _findings(PhiScreen(PhiAllowList()),
                      "La póliza de nuestra clínica No. 55120 está vigente.")
    assert ("health_plan", "labelled_health_plan+practice", "warn", "55120") in found, found
    assert seen and not [r for rules in seen for r in rules if r.endswith("+practice")], seen


@pytest.mark.parametrize(("english", "spanish"), [
    ("Dr. Ana Robles, Texas license M7710, now sees patients on Mondays.",
     "Dra. Ana Robles, licencia de Texas No. M7710, ahora atiende los lunes."),
])
def test_staff_licence_as_english(english: str, spanish: str) -> None:
    """An allow-listed doctor's licence blocks in Spanish no more than in English (a bare
    "licencia" is not read in Spanish since the second review)."""
    allowed = PhiScreen(PhiAllowList(names=("Ana Robles", "Dr. Ana Robles", "Dra. Ana Robles")))

    def blocks(text: str) -> bool:
        return any(f.severity == "block" for f in allowed.screen_many([text], context="post")[0])
    assert blocks(spanish) <= blocks(english)


# --- the second outside review's narrowing (docs/history/phi.md, "... the second review") ---------

# a person's record or plan number, and an owned label with its own owner, still read
NARROW_LABELLED = [
    # "del/de la paciente" between the label and its colon; "termina en" without "que"
    ("Núm. de afiliado de la paciente: 5530-118-07, ya tiene su cita.", "health_plan",
     "5530-118-07"),
    ("Placa de la camioneta del paciente: MXR5520, la grúa ya llegó.", "vehicle", "MXR5520"),
    ("Su número de Medicaid termina en 8813, confirme en recepción.", "health_plan", "8813"),
    # the owner named before the label; a person served, after "nuestra" and an adjective
    ("Al dueño del carro gris con placas WRX-5520, estacionado en la rampa: ya salió.",
     "vehicle", "WRX-5520"),
    ("El expediente 330174, nuestra primera inscrita al taller de asma, cumple cinco años.",
     "mrn", "330174"),
]
# generic document labels, "su" with a health word, the practice's things: nobody's number
NARROW_HARMLESS = [
    "Factura No. 88310 de la fundación: ya pagamos las sillas de ruedas donadas.",
    "Boleto No. 2207 de la tómbola de salud: pase por su premio a recepción.",
    "Solicitud No. 3318 de fondos estatales aprobada para el consultorio dental.",
    "Certificado No. 7712 de clínica amigable, otorgado por el estado.",
    "Receta No. 215 del recetario familiar: caldo de verduras sin sal.",
    "Orden No. 66120 de vacunas para la campaña de otoño ya llegó.",
    "Centro de salud comunitario, miembro No. 5520 de la asociación rural.",
    "Su siguiente mastografía será con el mamógrafo nuevo, serie HX-5531.",
    "Nuestra unidad móvil con placas NM-5512-CD recorre el condado este mes.",
    "Cuenta No. 77120-4 para donativos al programa de becas.",
]


@pytest.mark.parametrize(("text", "category", "number"), NARROW_LABELLED)
def test_narrowed_labels_still_read(screen: PhiScreen, text: str, category: str,
                                    number: str) -> None:
    found = _findings(screen, text)
    assert (category, f"labelled_{category}", "block", number) in found, found


@pytest.mark.parametrize("text", NARROW_HARMLESS)
def test_generic_document_labels_read_nothing(screen: PhiScreen, text: str) -> None:
    found = _findings(screen, text)
    assert not [f for f in found if f[1].startswith("labelled_")], found


def test_the_practice_thing_in_the_clause_is_its_own(screen: PhiScreen) -> None:
    """ "nuestra unidad ..." anywhere in the clause makes its number the practice's own;
    a person it serves in the clause does not."""
    found = _findings(screen, "Nuestra unidad móvil tiene la póliza AX-55120 vigente.")
    assert ("health_plan", "labelled_health_plan+practice", "warn", "AX-55120") in found, found
    found = _findings(screen, "En nuestra unidad móvil, la paciente con póliza AX-55120 ya "
                              "recibió su vacuna.")
    assert ("health_plan", "labelled_health_plan", "block", "AX-55120") in found, found
