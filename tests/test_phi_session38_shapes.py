"""Session 38: shapes the screen misread, each a whole class, not a line.

- A number written with thousands is no age ("in Spanish, 2,150 visits").
- Weekdays in the plural are days, not names ("sees new patients Mondays").
- A staff member's "chemo schedule" is their own course of care.
- A weight or a course's count is no house number ("a 60 lb kid", "Day 30 of home PT"), and
  the house number after such a count is still read ("Session 4 at 1418 Wren Ct").
- A date labelled a date of birth is a birth date in any written form, and in any language the
  practice writes in ("DOB: 9 Aug 1950", "d.o.b. 08-09-50", a Spanish or Vietnamese label), but
  not a cut-off for a rule or a form's example ("DOB 1/1/1960 or later").

An outside review of the first version (bench/data/shapes_review_s38) broke three more: "a/an"
before a first name is how staff write about a patient ("we had a Zeke with pinkeye"), so the
article rule was withdrawn; "ft", "pound" and "mile" name streets in lower case; a clinician's
radiation, dialysis or infusion "days" are their work.

Every sentence was written for this file (team-written: fit, not accuracy)."""

from __future__ import annotations

import pytest
from conftest import blocking, blocking_rules

from policies.phi import PhiAllowList, PhiScreen


@pytest.fixture(scope="module")
def phi() -> PhiScreen:
    return PhiScreen(learned=False)  # the rules alone: these tests pin their constructions


def _names(phi: PhiScreen, text: str, context: str = "post") -> list[str]:
    return [f.text for f in phi.screen(text, context=context)
            if f.category == "name" and f.rule != "self_disclosure"]


@pytest.mark.parametrize("text", [
    "We saw a Zeke with an ear infection and a Zara with pinkeye before nine!",
    "Felicidades a Rosa por su cirugía de cadera, ¡ya camina!",
    "Bon courage à Mireille après son opération du genou.",
])
def test_a_first_name_after_an_article_or_a_still_blocks(phi, text):
    assert blocking(phi, text)


def test_a_number_with_thousands_is_no_age(phi):
    text = "Our year: 12,400 visits, 38% in Vietnamese, 3,120 flu shots and 410 newborns."
    assert _names(phi, text) == []
    assert not blocking(phi, text)


@pytest.mark.parametrize("text", [
    "Yesterday Priya, 7, had her cast removed.",
    "Shoutout to Priya, 7,2nd cast off this year and still smiling.",  # no space: still an age
])
def test_a_name_given_an_age_still_blocks(phi, text):
    assert blocking(phi, text)


def test_weekdays_in_the_plural_are_no_names(phi):
    text = "Dr. Okafor sees new allergy patients Wednesdays and Fridays; walk-in shots Sundays."
    assert not any(n.endswith("days") for n in _names(phi, text))


def test_a_staff_members_chemo_schedule_is_their_own_care():
    phi = PhiScreen(PhiAllowList(names=("Dr. Imogen Vale", "Dr. Vale", "Rafael")), learned=False)
    assert blocking(phi, "Dr. Vale's chemo schedule means she works mornings only through May.")
    # her clinic's schedule, her sessions with patients, a clinician's infusion or dialysis
    # days are their work
    for text in ("Dr. Vale's chemo clinic is open mornings through May.",
                 "Dr. Vale's surgery schedule is full through May.",
                 "Dr. Vale's chemo sessions with patients always start with a joke.",
                 "Rafael's dialysis days: Monday at the Riverside unit, Thursday here."):
        assert not blocking(phi, text), text


@pytest.mark.parametrize("text", [
    "What is the Motrin dose for a 60 lb kid with a fever of 102?",
    "Week 6 of radiation done, and the staff sang for me!",
])
def test_a_distance_weight_or_count_is_no_street(phi, text):
    assert not any(f.category == "geographic" for f in phi.screen(text, context="comment"))


@pytest.mark.parametrize("text, address", [
    ("Mr. Ames at 40 Mile Road had his knee replaced and lives alone.", "40 Mile Road"),
    ("Session 4 at 1418 Wren Ct for his wound care today.", "1418 Wren Ct"),
    ("Hospice set up at 412 pound ridge rd for her today.", "412 pound ridge rd"),
    ("She lives at number 27 Oak Road and had her hip done.", "27 Oak Road"),
])
def test_a_street_address_still_starts_at_its_number(phi, text, address):
    assert address in [f.text for f in phi.screen(text) if f.category == "geographic"]


@pytest.mark.parametrize("text, date", [
    ("DOB: 9 Aug 1950. Dx: CHF. Seen today.", "9 Aug 1950"),
    ("Leon, d.o.b. 08-09-50, had his MRI today.", "08-09-50"),
    ("Chart note DOB 1950-08-09 for the echo", "1950-08-09"),
    ("Please confirm date of birth: March 3rd, 1961 before the biopsy.", "March 3rd, 1961"),
    ("Sra. Ibarra, fecha de nacimiento 3 de mayo de 1948, control de azúcar.",
     "3 de mayo de 1948"),
    ("Ông Lâm, ngày sinh 21/04/1944, tái khám.", "21/04/1944"),
    ("Bệnh nhân sinh ngày 27/11/1941 đã xong đợt hóa trị.", "27/11/1941"),
    ("Lab reminder for Harold, DOB 9-Aug-1951: fasting draw tomorrow.", "9-Aug-1951"),
    ("Mme Girard, date de naissance 9 août 1951, a terminé sa rééducation.", "9 août 1951"),
    ("Paciente con fecha de nacimiento 09/08/1951 y después de UCI ya está en casa.",
     "09/08/1951"),
])
def test_a_labelled_birth_date_blocks_in_any_written_form(phi, text, date):
    found = [f for f in phi.screen(text) if f.rule == "labelled_birth_date"]
    assert [f.text for f in found] == [date]
    assert found[0].severity == "block"


@pytest.mark.parametrize("text", [
    "Update your DOB in the patient portal before your visit.",
    "DOB fields take the form MM/DD/YYYY.",
    "Happy birthday to Maple, our therapy dog, born May 2, 2018!",
    "Medicare tip: if your date of birth is 1/1/1960 or later, your retirement age is 67.",
    "Con fecha de nacimiento 03/15/2019 o antes, ya toca la vacuna de refuerzo.",
    "Portal tip: type DOB as 01/31/1990 (example only), month first.",
    "Para la vacuna: fecha de nacimiento 01/01/1960 o posterior.",
    "Children with date of birth 1/1/2020 through 12/31/2022 are due for a booster.",
    "Our founder Dr. Amos Reed (DOB 3 March 1871) opened this clinic.",
])
def test_a_birth_date_label_alone_or_a_bare_born_is_no_labelled_date(phi, text):
    assert not any(f.rule == "labelled_birth_date" for f in phi.screen(text))


@pytest.mark.parametrize("text, age", [
    ("Bà Lâm, 96 tuổi, đã về nhà sau ca mổ.", "96 tuổi"),
    ("Ở tuổi 93, ông Khải vẫn tập vật lý trị liệu sau mổ.", "tuổi 93"),
    ("Si Mang Tonyo, 93 taong gulang, ay nakauwi na.", "93 taong gulang"),
    ("Una paciente de 98 años volvió a caminar esta semana.", "98 años"),
    ("Doña Chela (101 años) ya salió del hospital.", "101 años"),
    ("Monsieur Aubry, qui a 95 ans, est rentré chez lui.", "95 ans"),
])
def test_an_age_over_89_of_one_person_in_another_language_blocks(phi, text, age):
    found = [f for f in phi.screen(text) if f.rule == "age_over_89"]
    assert [f.text for f in found] == [age] and found[0].severity == "block"


@pytest.mark.parametrize("text", [
    "Celebramos 95 años de servicio en el valle.",
    "Con 90 años de experiencia entre todos, te cuidamos.",
    "¡Nuestra clínica cumple 95 años este mes! Gracias, vecinos.",
    "El edificio tiene 100 años, por eso la rampa está por la calle Ocho.",
    "Los pacientes mayores de 90 años deben venir acompañados.",
    "Người từ 90 tuổi trở lên được tiêm miễn phí.",
    "Bệnh viện tròn 100 tuổi! Cảm ơn bà con.",
    "Mit 90 Jahren Erfahrung sind wir für Sie da.",
])
def test_years_of_a_service_a_place_or_a_group_are_no_age(phi, text):
    assert not any(f.rule == "age_over_89" for f in phi.screen(text))


@pytest.mark.parametrize("text", [
    "Patient phone 412-555-0190, needs a callback about biopsy.",
    "PATIENT PHONE 412-555-0111, wound check follow-up.",
    "Pt. cell 412-555-0190 re: biopsy results",
])
def test_a_patients_labelled_phone_is_theirs(phi, text):
    assert "phonenumbers" in blocking_rules(phi, text)


@pytest.mark.parametrize("text", [
    "Patient Billing questions? Call (412) 555-0170.",
    "Patient Entrance at 55 Elm Street is open 6am-9pm.",
])
def test_a_patient_service_line_or_door_is_the_practices(phi, text):
    assert not blocking(phi, text)


def test_a_name_after_an_opening_exclamation_mark_is_read(phi):
    assert blocking(phi, "¡Nieves, ánimo con la quimio!")
    assert not blocking(phi, "¡Aprovecha! Mamografías sin costo en octubre.")


def test_a_dashed_ssn_shape_an_ssa_rule_rejects_blocks_beside_a_person(phi):
    text = "Identity theft alert: 912-08-4471 was given by two different patients this month."
    assert "ssn_shape" in blocking_rules(phi, text)


def test_photo_tags_are_tagged_people(phi):
    text = "Cardiac rehab finishers this spring! (Photo tags: Bea Lund, Joe Ortiz)"
    assert "tagged+health" in blocking_rules(phi, text)


@pytest.mark.parametrize("text", [
    "\"My knee replacement gave me my hikes back.\" — Gus Pereira",
    "Reposting 👇 'Six weeks ago my pressure was 190, today it's 128. Thank you!' — Marta Quiroga",
])
def test_a_quotation_signed_with_a_name_tells_that_persons_health(phi, text):
    assert "name+own_health" in blocking_rules(phi, text)


@pytest.mark.parametrize("text", [
    "\"Wear sunscreen every day.\" — Dr. Lin",
    "“Rehab gave me my grandkids back.” — a rehab graduate, name withheld",
])
def test_a_clinicians_quote_or_an_unsigned_one_is_no_patient(phi, text):
    assert not blocking(phi, text)


def test_a_rarity_given_as_odds_with_a_town_singles_someone_out(phi):
    text = "A Wapello toddler was diagnosed with something seen in about 1 in 200,000 births."
    assert blocking(phi, text)
    assert not blocking(phi, "PKU affects about 1 in 10,000 newborns; every baby is screened.")


def test_a_therapy_animals_handler_is_the_programs_not_a_patient(phi):
    text = "Meet Clover, our therapy beagle, and her handler Opal Whitt, in oncology Fridays."
    assert not any(f.rule.startswith("name+") and f.severity == "block"
                   for f in phi.screen(text))


@pytest.mark.parametrize("text", [
    "Tdap in every pregnancy, and DTaP on time for the baby: the best whooping cough shield.",
    "Can I get the Tdap shot while breastfeeding? I'm 4 months postpartum",
])
def test_a_vaccines_abbreviation_is_no_name(phi, text):
    assert not any(f.rule.startswith("name") for f in phi.screen(text, context="comment"))


def test_the_practices_own_town_after_a_place_word_is_the_town():
    phi = PhiScreen(PhiAllowList(addresses=("4120 McMasters Ave, Hannibal, MO 63401",)),
                    learned=False)
    assert not blocking(phi, "Kevin Love wrote about a panic attack. Athletes in Hannibal: "
                             "it's OK to ask for help.")
    assert blocking(phi, "Prayers for Hannibal after his stroke.")
    assert blocking(phi, "Hannibal had his bypass last week!")


def test_a_phone_number_the_model_tags_as_a_date_is_no_date(phi):
    text = "Our fax number has changed! Offices sending records should use (580) 555-0171."
    assert not any(f.rule.startswith("date") for f in phi.screen(text))


def test_a_charts_shorthand_and_its_dates_of_service_block(phi):
    found = blocking_rules(phi, "Pt admitted 4/11, discharged 4/15 after a bowel obstruction.")
    assert {"patient+detail", "date+patient"} <= found
    assert not blocking(phi, "PT admitted to our new gym! Stretch class 4/11.")


# the code review's escapes: a word near the date or the age that is not what the exception
# meant must not release it
@pytest.mark.parametrize("text, rule", [
    ("Front desk note: d.o.b. 9 Aug 1951, and later moved to Erie for the chemo.",
     "labelled_birth_date"),
    ("Front desk note: d.o.b. 9 Aug 1951 - wrong format in the portal.", "labelled_birth_date"),
    ("Fecha de nacimiento 3 de mayo de 1947, su modelo de silla de ruedas llegó.",
     "labelled_birth_date"),
    ("Don Pedro Salas salió del hospital a sus 94 años, ¡qué fuerza!", "age_over_89"),
    ("Cụ bà Trần Thị Lan, 95 tuổi, người Huế, đã về nhà.", "age_over_89"),
    ("Frau Hilde, 97 Jahre, freut sich über die Blumen.", "age_over_89"),
])
def test_an_exception_word_that_is_not_one_does_not_release(phi, text, rule):
    assert rule in blocking_rules(phi, text)


def test_a_po_box_after_a_counting_word_is_read_without_a_crash(phi):
    assert isinstance(phi.screen("Mail your forms any day PO Box 88, Erie PA 16501."), list)


def test_a_verb_before_a_house_number_does_not_hide_the_address(phi):
    text = "Our home health team will visit 1418 Wren Ct on Tuesday for his wound care."
    assert "1418 Wren Ct" in [f.text for f in phi.screen(text) if f.category == "geographic"]


def test_a_baggage_handler_is_no_staff_member(phi):
    assert blocking(phi, "Get well soon to Bo Tran, our favorite baggage handler, recovering "
                         "from open-heart surgery.")


def test_a_quotation_signed_with_a_courtesy_title_or_a_tilde(phi):
    for sign in ("— Mrs. Leticia Mora", "~ Leticia Mora"):
        assert "name+own_health" in blocking_rules(
            phi, "\"My A1c was 11 three months ago. Today it is 6.8!\" " + sign), sign
