"""Session 54: direct identifiers written the Spanish way (issue 12). Four classes, each
read by a pattern recognizer, with probes in the team's own wording (no dev-set or read-set
line, no paraphrase of one):

- a device serial after a device only a patient wears ("un audífono ..., número de serie
  ..."), with no owner named: numbers.worn_device;
- a licence number after the state that issued it ("licencia de manejo de Texas, número
  ...", "de Washington WDL..."), and a licence written mostly in letters (three digits);
- an insurance card's "ID de miembro";
- a street address in Spanish order ("el 1520 de la Calle Olmo", "Calle Roble 318") in a
  text about one person's health: addresses.spanish_addresses.

Every must-block probe reads no such finding on main; every must-pass probe reads none here."""

from __future__ import annotations

import pytest

from policies.phi import PhiAllowList, PhiScreen
from policies.phi.addresses import spanish_addresses
from policies.phi.numbers import labelled_ids


@pytest.fixture(scope="module")
def screen() -> PhiScreen:
    return PhiScreen(PhiAllowList())


def _blocks_by(screen: PhiScreen, text: str, rule: str) -> bool:
    return any(f.severity == "block" and f.rule.startswith(rule)
               for f in screen.screen_many([text])[0])


def _id_blocks(text: str, category: str) -> bool:
    return any(h.category == category and h.severity == "block"
               for h in labelled_ids(text, PhiAllowList()))


DEVICE_BLOCK = [
    "Alguien dejó un audífono Oticon, número de serie 8830K1172, junto a la báscula.",
    "Hallamos una bomba de insulina, serie TX-4418203, en el baño de hombres.",
    "Se quedó un sensor de glucosa FreeStyle con número de serie 3MJ8-20571 en el consultorio 2.",
    "El marcapasos con número de serie 55129Q8 ya quedó registrado en el sistema.",
    "¿De quién es este aparato auditivo con número de serie RT-99012? Lo tenemos en recepción.",
    "Apareció un implante coclear, procesador incluido, número de serie CX-300418, en el salón.",
    "Tenemos un CPAP con número de serie 77K0-3319 que alguien olvidó tras su estudio del sueño.",
    "Una prótesis de pierna, serie PL-440921, se quedó en el área de rehabilitación.",
    "Encontramos un concentrador de oxígeno portátil con número de serie OC-510277 afuera.",
    "Llegó a recepción un monitor continuo con serie GM4-08812 sin nombre.",
    "Un procesador de sonido, número de serie PS-20938, apareció debajo de una silla.",
    "La bomba de insulina con número de serie BX-771204 que dejaron ayer ya está guardada.",
    # found in the practice's room: still the wearer's, not the practice's (no warning only)
    "Encontramos un audífono, número de serie AB-44120, en nuestra sala de espera.",
]
DEVICE_PASS = [
    "Nuestro nuevo ultrasonido, número de serie US-77120, ya está en el cuarto 4.",
    "El desfibrilador del pasillo, serie AED-55120, pasó su revisión anual.",
    "Retiro del mercado: las bombas de insulina con número de serie del 40010 al 40990.",
    "Aviso de seguridad: la bomba de insulina modelo 770G con serie 55X-2210 se actualiza.",
    "Alerta sanitaria: un sensor de glucosa del lote con serie 4417-B da lecturas bajas.",
    "Nuestro audífono de demostración, número de serie DM-88120, está en la recepción.",
    "Las prótesis donadas, series PR-1001 a PR-1050, llegaron hoy al programa.",
    "El monitor de signos vitales, número de serie MS-40912, se reparó ayer.",
    "El ultrasonido portátil con serie UP-33021 ya funciona en la clínica móvil.",
    "Un sensor de humo con número de serie SH-22019 se instaló en la cocina.",
    "La báscula nueva, número de serie BS-55012, pesa hasta 250 kilos.",
    # nobody wears it yet: new, given away, lent, for sale
    "Donamos un audífono nuevo, número de serie AN-44190, a la feria de salud del condado.",
    "Recibimos en préstamo una bomba de insulina, serie PR-77120, para las clases de diabetes.",
    "Tenemos a la venta un sensor de glucosa continuo, serie SV-22018, en la farmacia.",
]


@pytest.mark.parametrize("text", DEVICE_BLOCK)
def test_worn_device_serial_blocks(screen: PhiScreen, text: str) -> None:
    assert _blocks_by(screen, text, "labelled_device")


@pytest.mark.parametrize("text", DEVICE_PASS)
def test_equipment_or_batch_serial_does_not(text: str) -> None:
    assert not _id_blocks(text, "device")


LICENSE_BLOCK = [
    "Encontramos una licencia de manejo de Texas, número 41187203, en la sala de espera.",
    "Se quedó una licencia de conducir de Arizona D04471882 en el mostrador.",
    "Se quedó una licencia de manejo de TX, número MARTZR771QA, en el consultorio.",
    "Una licencia de conducir de California, no. B7730291, quedó en la silla 3.",
    "Hallaron una licencia de conducir de Idaho, número LOPEZJA551KD, en el baño.",
    "Hallamos una licencia de manejo de Washington WDLQ7B2M4Z91 en el baño.",
    "La licencia de manejo de Colorado, número 9920-441-778, estaba debajo de una silla.",
    "Alguien olvidó una licencia de conducir de Texas 30192274 en el laboratorio.",
    "Licencia de manejo de Idaho, número KT448120C, entregada en recepción.",
    "Tenemos en recepción una licencia de conducir de Utah, #HERNAJ229XP, olvidada ayer.",
    "Se encontró una licencia de manejo de Nevada 0451887201 en el consultorio dental.",
]
LICENSE_PASS = [
    "Nuestra licencia sanitaria de Texas, número 4471-2025, está a la vista en la entrada.",
    "Para la licencia de manejo de Texas 2026 necesitas examen de la vista.",
    "Traiga su licencia de manejo de Texas al registro de la feria.",
    "La licencia de conducir de Washington cuesta 89 dólares.",
    "Renueve su licencia de manejo de Arizona antes de 30 días.",
    "La licencia de manejo de Texas tiene 8 dígitos, como 12345678.",
    "Mi licencia de manejo de Oregon vence en 2027.",
    "Nuestro grupo de Facebook 2025 ya tiene 1200 miembros.",
    "La licencia de manejo de Texas cuesta 33 dólares por 8 años.",
    "Nuestra licencia de manejo de Texas, número TX-4471920, es la del chofer de la van.",
]


@pytest.mark.parametrize("text", LICENSE_BLOCK)
def test_licence_after_its_state_blocks(screen: PhiScreen, text: str) -> None:
    assert _blocks_by(screen, text, "labelled_license")


@pytest.mark.parametrize("text", LICENSE_PASS)
def test_licence_words_without_a_number_do_not(text: str) -> None:
    assert not any(h.severity == "block" for h in labelled_ids(text, PhiAllowList()))


PLAN_BLOCK = [
    "Encontramos una tarjeta de Medicaid con ID de miembro MCD-33019847 en el estacionamiento.",
    "Encontramos una tarjeta del seguro con ID de miembro 77201934 junto a la báscula.",
    "Si perdió una tarjeta de Molina, ID de miembro 550918223, pase a recepción.",
    "La credencial con ID del miembro AH-2207718 quedó en la farmacia.",
    "Identificación de miembro: UHC8810443, encontrada en el baño de mujeres.",
    "Una tarjeta de CHIP, ID de miembro TXC-7711029, se quedó en la sala de lactancia.",
    "Un señor dejó una tarjeta de Ambetter con ID de miembro U7729103301 en el mostrador.",
    "¿Alguien perdió una tarjeta de seguro dental? ID de miembro DD-4471092.",
    "Hallamos la tarjeta de Medicare Advantage con ID de miembro H55120991 en el pasillo.",
    "Tarjeta de Superior HealthPlan, ID de miembro 7001932284, en objetos perdidos.",
]
PLAN_PASS = [
    "Lleve su tarjeta con ID de miembro a su cita; lo necesitamos para facturar.",
    "El ID de miembro viene en el frente de la tarjeta, arriba a la izquierda.",
    "Somos miembro número 1200 de la Cámara de Comercio.",
    "Rifa para miembros: boleto de miembro 4471 gana una canasta.",
    "¿Dónde encuentro mi ID de miembro? Revise su tarjeta o el portal.",
    "El ID de miembro tiene 9 dígitos y empieza con la letra U.",
    "Nuestro club de caminata ya tiene 120 miembros.",
    "Ejemplo: ID de miembro 000000000 (no use este número).",
    "Socios del gimnasio: número de miembro 2025 vence en diciembre.",
    "Si su ID de miembro cambió en 2025, avísenos en recepción.",
]


@pytest.mark.parametrize("text", PLAN_BLOCK)
def test_member_id_blocks(screen: PhiScreen, text: str) -> None:
    assert _blocks_by(screen, text, "labelled_health_plan")


@pytest.mark.parametrize("text", PLAN_PASS)
def test_member_words_without_an_id_do_not(text: str) -> None:
    assert not _id_blocks(text, "health_plan")


ADDRESS_BLOCK = [
    "Hoy la enfermera visitó a un señor de 80 años con diabetes en el 1520 de la Calle Olmo.",
    "La unidad móvil fue al 77 de la Avenida Juárez a revisar a una niña con fiebre.",
    "Visitamos el 88 de Calle Los Pinos para revisar al recién nacido con fiebre.",
    "La enfermera le cambia el vendaje a doña Rosa en la Calle Mezquite 412 cada martes.",
    "Le llevamos el tanque de oxígeno a una señora que vive en el 309 de la Calle Encino.",
    "El paramédico atendió a un joven con asma en el 1187 de County Road 22.",
    "Visita a domicilio: una abuelita con diabetes en la Avenida Hidalgo 2210 ya usa insulina.",
    "Llevamos las pastillas de la presión alta a un veterano que vive en el 45 de la Calle Nogal.",
    "La promotora revisó a una embarazada con preeclampsia en la Calle Sauce 76.",
    "La trabajadora social vio a un anciano con demencia en el 903 de la Privada Los Olivos.",
    "El doctor fue al 64 de la Calzada Independencia a ver a un niño con neumonía.",
    # the practice's care told in the past is care, with no health word
    "Atendimos a una señora en el 508 de la Calle Fresno después de su caída.",
]
ADDRESS_PASS = [
    "Visitamos el 1520 de la Calle Olmo para la feria de salud del barrio. ¡Vengan todos!",
    "Nos mudamos al 300 de la Avenida Juárez; el horario sigue igual.",
    "Vacunas gratis este sábado en el 1200 de la Calle Principal, frente a la iglesia.",
    "La clínica ya está abierta en la Calle Hidalgo 415, a un lado de la farmacia.",
    "Clases de nutrición para personas con diabetes en el 90 de la Avenida Reforma, salón 2.",
    "Encuéntrenos en la Avenida Madero 1402 para su examen de la vista.",
    "La calle 5 de Mayo está cerrada por la feria; use la entrada de atrás.",
    "Estamos en el 22 de la Calle Morelos; estacionamiento gratis para pacientes.",
    "Taller de primeros auxilios en la biblioteca del 400 de la Calle Juárez.",
    "Colecta de juguetes en la Avenida Sur 88, frente al parque.",
    "La Calle Olmo 2025: la obra termina en marzo, dice el condado.",
    "Un señor con diabetes nos contó que la Avenida Juárez 10 am siempre tiene tráfico.",
]


@pytest.mark.parametrize("text", ADDRESS_BLOCK)
def test_spanish_order_address_with_ones_care_blocks(screen: PhiScreen, text: str) -> None:
    assert _blocks_by(screen, text, "spanish_address")


@pytest.mark.parametrize("text", ADDRESS_PASS)
def test_shared_place_or_no_patient_address_does_not(text: str) -> None:
    assert not any(h.severity == "block" for h in spanish_addresses(text, PhiAllowList()))


def test_spanish_address_that_does_not_block_gives_no_finding() -> None:
    """Block-only: a line that does not block leaves the text as main reads it (a warned
    line would be one of the learned scorer's inputs)."""
    for text in ADDRESS_PASS:
        assert not list(spanish_addresses(text, PhiAllowList())), text


@pytest.mark.parametrize("listed", ["1520 Calle Olmo", "Calle Olmo 1520, Suite 2"])
def test_allow_listed_spanish_address_is_not_read(listed: str) -> None:
    allow = PhiAllowList(addresses=(listed,))
    text = "Hoy atendimos a un señor con diabetes en el 1520 de la Calle Olmo."
    assert not list(spanish_addresses(text, allow))
    assert list(spanish_addresses(text, PhiAllowList()))


BIOMETRIC_BLOCK = [
    "Estrenamos el registro con huella digital en el laboratorio. El primero en usarlo fue don "
    "Aurelio, por su análisis de colesterol. Aquí su huella escaneada 👇",
    "Así quedó la huellita del pie de Valentina, nuestra paciente más nueva; aquí la tienen 👣",
    "Miren el escaneo de iris de nuestro paciente de hoy: así se ve una retina sana.",
    "Escuchen la grabación de su voz que nos dejó una paciente del grupo de duelo 🎧",
    "Aquí está la foto de las huellas dactilares de nuestra paciente para su expediente.",
    "Les presentamos la huella digital de la paciente número mil de nuestro programa de diabetes.",
    "Abajo, las huellitas de los pies del recién nacido de nuestra paciente Orozco.",
    "Compartimos la imagen de la retina de una paciente con diabetes para que vean el daño.",
    "Aquí va la huella del pulgar de don Pedro, el primer paciente registrado en la farmacia.",
    "Miren la lectura del iris de nuestro paciente más joven 👀",
    "Vean la foto de las venas de la palma de doña Carmen en el nuevo escáner de la clínica.",
]
BIOMETRIC_PASS = [
    "Su trabajo dejó huella en toda la comunidad. ¡Gracias, Dra. Luna!",
    "Nuevo: registro con huella digital en recepción, más rápido y seguro para todos.",
    "El reconocimiento facial llega a nuestro portal en marzo; no guardamos fotos.",
    "Las huellitas de Canela, nuestra perrita de terapia, ya están en la pared de la sala 🐾",
    "Miren: la campaña 'Deja tu huella' juntó 300 juguetes para pediatría.",
    "Compartimos con orgullo que nuestra farmacia ya acepta pago con huella digital.",
    "Mira qué bonito mural de huellitas de manos pintaron los niños de la escuela vecina.",
    "En la foto: nuestro equipo con el nuevo lector de huella digital para el personal.",
    "Escuchen el podcast de la Dra. Ruiz sobre la voz y la salud de las cuerdas vocales.",
    "Aquí les explicamos cómo funciona el escaneo de retina en los exámenes de diabetes.",
    # a print as the way in or the reader's kind; a capture no patient owns (advice)
    "Ya puede registrarse con su huella digital en el nuevo kiosco de la entrada.",
    "Miren el checador de huella digital del personal: el paciente ya no espera en la fila.",
    "Vean este video sobre la imagen de retina: un paciente con diabetes la necesita cada año.",
]


@pytest.mark.parametrize("text", BIOMETRIC_BLOCK)
def test_presented_spanish_biometric_blocks(screen: PhiScreen, text: str) -> None:
    assert _blocks_by(screen, text, "biometric+patient")


@pytest.mark.parametrize("text", BIOMETRIC_PASS)
def test_mark_scanner_or_no_patient_is_no_biometric(screen: PhiScreen, text: str) -> None:
    assert not _blocks_by(screen, text, "biometric")


# --- narrowing after the outside review (session 54, branch s54-esids2) -------------------
# Own wording; each class the review found, not its lines.

# a worn device across a semicolon, with one word between its article and its name, and a
# new unit just put in a person
DEVICE_BLOCK_REVIEWED = [
    "Revisamos el procesador coclear del niño que operamos la semana pasada; número de serie "
    "QX-55102.",
    "Le implantamos un nuevo marcapasos a una señora de 70 años, número de serie MK-40917.",
    "Dejaron un pequeño audífono, número de serie LT-22019, en la silla del consultorio.",
]
# nobody wears it yet, said before or after the label, with or without accents
DEVICE_PASS_REVIEWED = [
    "La farmacia donó un sensor de glucosa sin abrir, número de serie FG-88120, al programa.",
    "Tenemos un concentrador de oxígeno, serie CO-44120, en el banco de préstamos parroquial.",
    "Una bomba de insulina, número de serie BI-50912, llegó en su caja para el programa.",
    "Nos regalaron un audífono, número de serie RG-61203, que nadie ha usado.",
]


@pytest.mark.parametrize("text", DEVICE_BLOCK_REVIEWED)
def test_reviewed_worn_device_serial_blocks(screen: PhiScreen, text: str) -> None:
    assert _blocks_by(screen, text, "labelled_device")


@pytest.mark.parametrize("text", DEVICE_PASS_REVIEWED)
def test_reviewed_unworn_device_serial_does_not(text: str) -> None:
    assert not _id_blocks(text, "device")


# a place named near a home address, but not as the address's own place
ADDRESS_BLOCK_REVIEWED = [
    "La promotora visitó a una señora con diabetes en el 612 de la Calle Laurel, y la doctora "
    "de la clínica le cambió la insulina.",
    "Atendimos a un joven con asma en Calle Cedro 45; nuestro consultorio le prestó un inhalador.",
    # a home introduced like a venue is still a home
    "Atendimos a una abuelita con neumonía en la casa de la Calle Pino 33.",
]
# a venue the shared-place words do not name, or an activity held at the address
ADDRESS_PASS_REVIEWED = [
    "Una joven promotora medirá la glucosa en la panadería de la Calle Reforma 210 el viernes.",
    "Un señor con diabetes dará consejos de nutrición en el gimnasio, Avenida Central 330.",
    "Un joven promotor repartirá condones y guías sobre VIH frente a la Avenida Lerdo 90.",
]


@pytest.mark.parametrize("text", ADDRESS_BLOCK_REVIEWED)
def test_reviewed_home_address_near_a_place_word_blocks(screen: PhiScreen, text: str) -> None:
    assert _blocks_by(screen, text, "spanish_address")


@pytest.mark.parametrize("text", ADDRESS_PASS_REVIEWED)
def test_reviewed_venue_or_activity_address_does_not(text: str) -> None:
    assert not list(spanish_addresses(text, PhiAllowList()))
