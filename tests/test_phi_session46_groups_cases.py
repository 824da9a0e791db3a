"""Session 46: clinical content that names no one.

- A rate over a group of patients ("83% of our patients with COPD ...") is no specific
  patient; a group counted under 11, placed at a building or put on a day still is.
- Safe Harbor's own category for old age, "90 or older" ("aged 90 and over", "over age 90"),
  is no age over 89 of anyone; the same words with a small group or a building still block.
- "Twenty-one of our patients" is a count, not "one of our patients".
- One rare condition of a person introduced indefinitely ("an adult came in with ...") is a
  teaching case; a day, a month, a town, a second rare condition or a trait anyone can see
  makes it one person again.

Each test pairs a text that must pass with the same text made identifying, which must
block. Every sentence was written for this file (team-written: fit, not accuracy)."""

from __future__ import annotations

import pytest
from conftest import blocking

from policies.phi import PhiScreen


@pytest.fixture(scope="module")
def phi() -> PhiScreen:
    return PhiScreen(learned=False)  # the rules alone: these tests pin their constructions


@pytest.mark.parametrize(("clean", "identifying"), [
    ("This spring, 83% of our patients with COPD had a written flare plan on file.",
     "This spring, 83% of our patients with COPD, just six people, had a written flare plan "
     "on file."),
    ("Of the 140 patients who began insulin here during 2024, 62 percent reached their goal.",
     "Of the 140 patients who began insulin here on Monday, 62 percent reached their "
     "goal."),
    ("Our target for 2026: control for 70% of our patients who have hypertension.",
     "Our target for 2026: control for 70% of our patients who have hypertension at Linden "
     "Court Apartments."),
])
def test_a_rate_over_a_large_group_names_no_patient(phi, clean, identifying):
    assert blocking(phi, clean) == []
    assert blocking(phi, identifying)


@pytest.mark.parametrize(("clean", "identifying"), [
    ("In 2025, people aged 90 or older were 4% of the visits to our cardiology clinic.",
     "In 2025, people aged 90 or older at Birch Manor were 4% of the visits to our "
     "cardiology clinic."),
    ("Twenty-one of our cardiology patients, every one over age 90, got a pneumonia "
     "vaccine this year.",
     "Mr. Orlov, aged 90 and over the moon, got a pneumonia vaccine this year."),
])
def test_the_safe_harbor_category_90_or_older_is_no_ones_age(phi, clean, identifying):
    assert blocking(phi, clean) == []
    assert blocking(phi, identifying)


@pytest.mark.parametrize(("clean", "identifying"), [
    ("An adult came in after a bad cold with sharp pain along the breastbone. It was "
     "costochondritis, and rest settled it.",
     "An adult came in Thursday after a bad cold with sharp pain along the breastbone. It "
     "was costochondritis, and rest settled it."),
    ("A teen had a sore breastbone after a chest cold. The cause: "
     "costochondritis, which fades on its own.",
     "A teen had a sore breastbone after a chest cold in October. The cause: "
     "costochondritis, which fades on its own."),
    ("A woman with a dry cough and tender ribs had costochondritis; the cough was the "
     "trigger.",
     "A woman with a dry cough and tender ribs had costochondritis and sarcoidosis; the "
     "cough was the trigger."),
    ("A woman with tender ribs had costochondritis. Warm compresses help.",
     "A woman with a striking tattoo and tender ribs had costochondritis. Warm "
     "compresses help."),
])
def test_one_rare_condition_of_an_indefinite_person_is_a_teaching_case(
        phi, clean, identifying):
    assert blocking(phi, clean) == []
    assert blocking(phi, identifying)
