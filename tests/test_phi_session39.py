"""Session 39: the screen read Spanish, Vietnamese, Tagalog and French care by accident.

A drug name that an accented word folds to ("Doña" -> "dona", "thăm" -> "tham") was the only
health word in several blocked texts; with that accident gone (medicine names are ASCII), the
care had to be read for what it is:
- a person in, out of or back from hospital, in English and the practice's other languages
  ("left the hospital", "salió del hospital", "dado de alta", "xuất viện", "nasa ospital"), but
  not a staff member working there ("in the hospital with our flu team");
- "nuestra paciente", "paciente Rosa": a patient named in Spanish;
- a courtesy title the model took into an organisation ("Doña Carmen" as ORG);
- a full date after "nacida el", "né le", "ipinanganak noong", written with a foreign month
  ("4 de mayo de 1948"), and a "Fecha de nac." label;
- core Vietnamese and Tagalog condition words ("tiểu đường", "mổ tim", "kanser"), without
  reading Vietnamese syllables as given names ("Tuần trước" is "last week");
- "las enfermeras que la atendieron": the nurses who cared for the reader, in Spanish.

And the sentence splitter no longer ends a sentence at an abbreviation the text goes on after
("d.o.b. 08-09-50, had ...", "at 9 a.m. for her chemo", "Pt. Jane Doe"), so a rule that looks
inside a sentence sees a label and what it labels together.

A reply passing on a clinician's instruction about "those stretches" to the reader it names
confirms care, and the practice's own staff go by their first names there.

Every sentence was written for this file (team-written: fit, not accuracy)."""

from __future__ import annotations

import pytest
from conftest import blocking, blocking_rules

from policies.phi import PhiAllowList, PhiScreen
from policies.phi.candidates import sentences
from policies.phi.vocabulary import health_mentions


@pytest.fixture(scope="module")
def phi() -> PhiScreen:
    return PhiScreen(learned=False)  # the rules alone: these tests pin their constructions


@pytest.mark.parametrize(("text", "pieces"), [
    ("Leon, d.o.b. 08-09-50, had his MRI today.", 1),
    ("Seen at 9 a.m. for her chemo, Ms. Ruiz did great.", 1),
    ("Approx. 3 kids had strep, e.g. the Lane twins.", 1),
    ("Pt. Jane Doe was seen today.", 1),
    ("Rm. 412 is Mr. Lee, recovering well.", 1),
    ("We close at 5 p.m. See you Monday!", 2),  # a capital after: a new sentence
    ("No. We are closed.", 2),
])
def test_an_abbreviation_ends_no_sentence_the_text_goes_on_after(text, pieces):
    assert len(sentences(text)) == pieces


def test_a_medicine_name_is_never_an_accented_word():
    assert [m.text for m in health_mentions("Doña Marisela nos trajo pan dulce")] == []
    assert [m.text for m in health_mentions("mọi người nhớ hỏi thăm cô nhé")] == []


@pytest.mark.parametrize("text", [
    "Doña Marisela salió del hospital después de su cirugía.",
    "Ayer Doña Marisela salió del hospital.",
    "A don Gilberto lo dieron de alta el jueves.",
    "Abel Stroud left the hospital on Sunday.",
    "Abel Stroud is in the hospital with pneumonia again.",
    "Felicitamos a nuestro paciente Gilberto Olvera por sus 75 años.",
    "Bà Trần Thị Mai bị tiểu đường, tuần nào bà cũng ghé phòng khám.",
    "Ông Phạm vừa xuất viện hôm thứ Hai.",
    "Si Lolo Dencio ay inoperahan noong Lunes.",
    "Cảm ơn bác sĩ đã chữa ung thư phổi cho Lan suốt năm qua.",  # a name inside a sentence
])
def test_care_in_the_practices_languages_blocks_with_a_name(phi, text):
    assert blocking(phi, text)


@pytest.mark.parametrize("text", [
    "Nurse Odile Brandt is in the hospital all week covering for the birthing unit.",
    "Our MA Renata is in the hospital with our outreach team, signing families up.",
    "Tuần trước tôi đi khám mắt ở đây, bác sĩ giải thích rất kỹ.",
    "Lớp học tiểu đường bằng tiếng Việt starts Thursday at the library.",
    "Doña Marisela nos trajo pan dulce para todo el equipo.",
])
def test_work_at_a_hospital_and_vietnamese_syllables_are_no_patients(phi, text):
    assert not blocking(phi, text)


@pytest.mark.parametrize("text", [
    "Don Gilberto, nacido el 14 de junio de 1947, vino a su control.",
    "Mme Lacroix, née le 3 mai 1951, est rentrée chez elle.",
    "Si Aling Nena ay ipinanganak noong Hunyo 9, 1950.",
    "Fecha de nac. 7/2/49, don Gilberto, control mañana.",
])
def test_a_birth_date_in_another_language_blocks(phi, text):
    assert "date" in {f.category for f in phi.screen(text) if f.severity == "block"}


def test_a_clinic_date_in_spanish_is_no_birth_date(phi):
    assert not blocking(phi, "Nuestra clínica abrió el 4 de mayo de 1998. ¡Gracias a todos!")


def test_the_nurses_who_cared_for_the_reader_in_spanish(phi):
    text = "Las enfermeras que lo atendieron le mandan saludos, Gilberto."
    assert blocking(phi, text, context="reply")
    trainee = "Las enfermeras que lo atendieron en la capacitación le mandan saludos, Gilberto."
    assert not blocking(phi, trainee, context="reply")


def test_a_staff_first_name_passing_on_an_instruction_confirms_care():
    screen = PhiScreen(PhiAllowList(names=("NP Odile Brandt", "Odile")), learned=False)
    assert "reply_confirms_care" in blocking_rules(
        screen, "Glad to hear it, Gilberto! Odile says keep up those stretches.", context="reply")
    # not the practice's: a name the allow-list lacks; nothing of the reader's: "the good work";
    # nobody named: a tip for anyone
    assert not blocking(screen, "Glad to hear it, Gilberto! Marco says keep up those cards.",
                        context="reply")
    assert not blocking(screen, "Thanks for running, Gilberto! Odile says keep up the good work.",
                        context="reply")
    assert not blocking(screen, "Good question! Odile says keep those feet dry this winter.",
                        context="reply")


# An outside review of the first version (bench/data/attack_review_s39) broke it both ways;
# the classes it found, in sentences written for this file:


@pytest.mark.parametrize("text", [
    "Doña Elvira toma losartán desde su derrame.",  # a medicine keeps its accent
    "Le patient Gérard Maheu reçoit de la buprénorphine chaque semaine.",
    "Sra. Ofelia Tapia está internada desde el viernes.",  # a courtesy title is no office
    "Mme Odette Girard est hospitalisée depuis lundi.",
    "Notre patiente Mme Girard est aux urgences.",
    "Abel Stroud is in the hospital with the cardiac team.",  # a care team: a stay
])
def test_the_first_versions_releases_block_again(phi, text):
    assert blocking(phi, text)


@pytest.mark.parametrize("text", [
    "Dr. Okafor is in the hospital Tuesdays and Thursdays; clinic visits the rest of the week.",
    "Si Nurse Amihan Reyes ay nasa ospital tuwing Lunes.",
    "Lịch khám bệnh: Thứ Tư đến Thứ Bảy, tại nhà thờ Thánh Phêrô.",
    "Nuestra feria de salud será en la Plaza Doña Remedios: vacunas y presión gratis.",
    "Notre clinique est née le 9 juin 2001 : merci à tous nos patients de Laval !",
    "Ser nuestro paciente es sencillo: llame o escriba hoy.",
    "Thanks to the Doña Maria Bakery for the conchas at our flu clinic!",
])
def test_the_first_versions_false_blocks_pass(phi, text):
    assert not blocking(phi, text)


# ... and a code review's (bench/data has no file for it: its reproducers are these classes)


@pytest.mark.parametrize(("text", "context"), [
    ("Flu shots run until 4 p.m. the nurses who treated you send hugs, Gilberto!", "reply"),
    ("Ginette Marceau prend du méthotrexate depuis l'automne.", "post"),
    ("La enfermera Odila, que lo atendió, le manda saludos, Gilberto.", "reply"),
    ("Las enfermeras que lo atendieron le mandan saludos, Gilberto. Seguimos las prácticas.",
     "reply"),
])
def test_the_code_reviews_escapes_block(phi, text, context):
    assert blocking(phi, text, context=context)


@pytest.mark.parametrize("text", [
    "Big thanks to Mo, Tim and Odile for the bake sale!",  # "mổ tim" is heart surgery
    "Say hello to our new front desk pair: Hoa Tri and Bex!",
    "Ya quedó dado de alta en nuestro portal de pacientes, don Gilberto.",  # signed up
    "Nous ne le dirons jamais assez : merci à Odile, bénévole depuis le 3 mai 1998.",
])
def test_the_code_reviews_false_blocks_pass(phi, text):
    assert not blocking(phi, text)
