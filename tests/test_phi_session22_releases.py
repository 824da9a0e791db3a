"""Session 22: four tightenings, and the block side of five releases that four outside reviews
broke and that were withdrawn (every sentence written for this file: fit, not accuracy).

- Withdrawn: "check" the verb on a plan or a bottle; the practice's own therapy animal;
  journal-club citations; accented staff names before "our new <role>"; "said in interviews" /
  "told the world" / "blogged" as a public figure's telling (docs/history/phi.md, "Session 22").
- Tightened: name patterns read Spanish accents; care given "for"/"on" a titled person, or a
  person a care verb takes ("started Principal Okafor on chemo"), is theirs; a non-clinician's
  possessive owns the health word right after it ("Coach Reilly's vasectomy"); a courtesy
  title on a staff member's surname is another person."""

from __future__ import annotations

import pytest
from conftest import blocking

from policies.phi import PhiScreen


@pytest.fixture(scope="module")
def phi() -> PhiScreen:
    return PhiScreen(learned=False)  # the rules alone: these tests pin their constructions


@pytest.mark.parametrize("text", [
    "Julián Ibáñez, our patient of ten years, finished chemo today!",
    "So proud of Inés Peña, who rang the bell after her last radiation session.",
])
def test_an_accented_patient_name_still_blocks(phi, text):
    assert blocking(phi, text)


@pytest.mark.parametrize("text", [
    "Hi Dana, your 6-week check is Tuesday at 9 with Dr. Lee.",
    "Thanks Marco! We'll check your incision Friday before the stitches come out.",
    "Good to see you at your skin check yesterday, Priya!",
])
def test_check_as_a_readers_visit_still_blocks(phi, text):
    assert blocking(phi, text, context="reply")


@pytest.mark.parametrize("text", [
    "Hi Rosa, we'll check your benefits for the next round before the 12th.",
    "Don't worry, Mr. Ortiz, we'll check your insurance before the scope on Tuesday.",
])
def test_check_tied_to_a_readers_course_of_care_still_blocks(phi, text):
    assert blocking(phi, text, context="reply")


@pytest.mark.parametrize("text", [
    "Glad your therapy sessions are helping, Jordan! See you next Thursday.",
    "Omar, your physical therapy starts Monday at 8.",
])
def test_a_readers_therapy_still_blocks(phi, text):
    assert blocking(phi, text, context="reply")


@pytest.mark.parametrize("text", [
    "Congrats to Nora Beck, who graduated from our therapy horse program this week!",
    "Meet Pip, who will be Sam Ortega's therapy dog now that Sam is home from rehab.",
])
def test_a_ridden_or_owned_therapy_animal_is_care(phi, text):
    assert blocking(phi, text)


@pytest.mark.parametrize("text", [
    "Pepper the therapy beagle curled up with Nora Beck all through her infusion today.",
    "Our therapy dog Biscuit will be there for Walt Kowalczyk's visit on Thursday.",
    "Our therapy dog Rosie sat with Dana Ortiz through her whole chemo session today.",
])
def test_a_therapy_animal_with_a_patient_is_care(phi, text):
    assert blocking(phi, text, context="reply")


@pytest.mark.parametrize("text", [
    "Ellery and Brandt (Hand Clinic Notes, 2025) both had tendon repairs with us in May.",
    "Pratt and Okonjo's 2024 paper showed inhalers help; they both started inhalers here Monday.",
    "Harmon LK, Voss B (Heart Notes 2025) reported that their bypass went well; we discharged "
    "them Friday.",
    "Ellery, Brandt and Nolan (Rehab Today, 2025) found exercise helps; Nolan had her knee "
    "replaced with us in March.",
    # shapes an outside review wrote in session 22 (reworded here)
    "Dale Ames and coworkers from the mill finished our 2025 cardiac rehab program together.",
    "Rita Vance and Omar Fell (stent buddies since 2024) finished cardiac rehab this week.",
    "Rita Vance and Omar Fell, Spring 2025, graduated from pulmonary rehab with us.",
    "Kim Lind, Paul Okoro, et al.: our 2025 pulmonary rehab graduates walked a mile today!",
    "The 2025 stroke survivors group led by Hank Moyer, who had his stroke here, meets Monday.",
])
def test_a_citation_that_points_back_at_the_cited_still_blocks(phi, text):
    assert blocking(phi, text)


@pytest.mark.parametrize("text", [
    "Dr. Lena Ruiz did Coach Barlow's knee scope this morning. He says thanks for the ice!",
    "Dr. Julián Ibáñez, our new cardiologist, welcomed Mrs. Ibáñez for her stress test today.",
])
def test_a_possessive_patient_beside_a_clinician_still_blocks(phi, text):
    assert blocking(phi, text)


@pytest.mark.parametrize("text", [
    "Dr. Tomas Ibanez, our new urologist, did a vasectomy for Coach Reilly this morning.",
    "Dr. Andres Gomez, our new oncologist, started Principal Okafor on chemo this week.",
    "Our new cardiologist saw Pastor Ward in the ER last night and he is stable.",
    "Dr. Lena Ruiz did a knee scope for Coach Barlow and he is already on crutches.",
])
def test_care_given_to_a_titled_person_is_theirs(phi, text):
    assert blocking(phi, text)


@pytest.mark.parametrize("text", [
    "Therapy llamas from Sunny Acres visited the rehab gym today, and everyone smiled.",
    "Free sports physicals for Principal Okafor's whole team this Saturday!",
    "Free flu shots for Principal Ruiz and the Eastview staff are Friday at 3.",
    "Sports physicals for Principal Ruiz's whole team are this Saturday at the gym.",
])
def test_care_offered_near_a_titled_person_is_not_theirs(phi, text):
    assert blocking(phi, text) == []


@pytest.mark.parametrize("text", [
    "Hal Brody in Rm. 7 enjoyed the harp music today.",
    "Hal Brody in rm7 enjoyed the harp music today.",
])
def test_a_room_abbreviated_is_a_room(phi, text):
    assert blocking(phi, text)
