"""Issue 12, session 36. A town written where a place is written is no person
(candidates._town_name, the ZIP code list's towns in data/us_places.txt): each release is
paired with the same town read as someone, which still blocks. And a staff member who tells
their own diagnosis in a present telling verb blocks. Every sentence is our own example."""

from __future__ import annotations

import pytest
from conftest import blocking

from policies.phi.vocabulary import us_places


@pytest.mark.parametrize("text", [
    # the rules read "Kettle Falls" as a person beside diabetes care
    "Happy to serve families in Colville and Kettle Falls with diabetes care and flu shots",
    "Now seeing asthma patients near Priest River and Bonners Ferry on Thursdays",
])
def test_a_town_after_a_place_word_is_no_name(phi, text: str) -> None:
    assert not blocking(phi, text)


@pytest.mark.parametrize("text", [
    "Our nurse Kalispell had knee surgery, send her some love!",  # a role before it
    "Mrs. Ekalaka finished her chemo today!",  # titled
    "So proud of Colville, who beat leukemia this year",  # no place word before it
    "Welcome home to the Colville family after their son's transplant",
])
def test_the_same_word_read_as_someone_still_blocks(phi, text: str) -> None:
    assert blocking(phi, text)


def test_the_towns_come_from_the_kept_zip_code_list() -> None:
    towns = us_places()
    assert len(towns) > 15_000
    assert {"kalispell", "ekalaka", "moab", "larsen bay"} <= towns
    # a one-word town that is a census first name or surname is left out: it stays a name
    assert not {"colville", "denver", "macon"} & towns


@pytest.mark.parametrize("text", [
    "Sending love out toward Moab as he recovers from the stroke.",  # not a place word
    "The only pharmacist in Ekalaka was just diagnosed with MS.",  # the town singles her out
])
def test_a_town_that_singles_someone_out_or_follows_no_place_word_is_kept(text: str) -> None:
    from policies.phi.candidates import Candidate, _town_name

    town = "Moab" if "Moab" in text else "Ekalaka"
    at = text.index(town)
    assert not _town_name(text, Candidate(at, at + len(town), "name"))
    placed = "Free flu shots for ranch families near Ekalaka this Saturday."
    at = placed.index("Ekalaka")
    assert _town_name(placed, Candidate(at, at + len("Ekalaka"), "name"))


# --- the staff rule: a present telling verb and "chemo" tagged a verb (session 36) --------

@pytest.mark.parametrize("text", [
    "Dr. Lindqvist announces she has lymphoma and will be away through spring.",
    "Nurse Odette Marsh tells us she has multiple sclerosis.",
    "Dr. Haskins starts chemo this Tuesday, so clinic hours will shift.",
])
def test_a_staff_member_telling_their_own_diagnosis_blocks(phi, text: str) -> None:
    assert blocking(phi, text)


@pytest.mark.parametrize("text", [
    "Dr. Lindqvist tells us she sees a lot of strep this time of year.",
    "Nurse Odette Marsh announces she has openings for flu shots on Friday.",
])
def test_a_staff_member_telling_of_their_work_passes(phi, text: str) -> None:
    assert not [b for b in blocking(phi, text) if b.startswith("name:")]


@pytest.mark.parametrize("text", [
    # a health word modifying the object of "recovering from"
    "Dr. Okwu of our Hays clinic is recovering from a torn rotator cuff.",
    # "type 1" names a kind, not a count ("her 1,000th knee replacement" is a tally)
    "Dr. Okwu for many years has lived with type 1 diabetes.",
    # "chemo today": a time word after the treatment, not "chemo rounds"
    "Dr. Okwu herself started chemo today.",
])
def test_more_shapes_of_a_staff_members_own_health_block(phi, text: str) -> None:
    assert blocking(phi, text)


def test_a_clinicians_tally_still_passes(phi) -> None:
    text = "Dr. Okwu finished her 1,000th knee replacement today."
    assert not [b for b in blocking(phi, text) if b.startswith("name:")]
