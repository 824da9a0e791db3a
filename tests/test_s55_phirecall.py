"""Session 55, branch s55-phirecall (its P2 part, misspelt health words, was held back by the
lead: it cost start-up and memory): the post screen reads a pregnancy or a cancer told
without its word (P3), and an SSN or a labelled record number however its digits are
written (P4). The texts are mine; no devset or bench/data line is used. The wider probes
are bench/data/phirecall_probes_s55."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(scope="module")
def screen() -> Any:
    from policies.phi import get_screen

    return get_screen()


def blocks(screen: Any, text: str) -> bool:
    return any(f.severity == "block" for f in screen.screen(text, context="post"))


# --- P3: a pregnancy or a cancer in everyday words -----------------------------------------

@pytest.mark.parametrize("text", [
    "Helen Dorsey and her husband are expecting their first child.",
    "Huge congrats to Priya Raman, who is expecting twins in June.",
    "Darnell Greene and his partner are expecting again!",
    "Lena Hoffman's due date is March 14, and she is ready!",
    "Janet Pruitt has a baby on the way after years of trying.",
    "Carla Mendez is officially a mom-to-be!",
    "Walter Beaumont finally beat the Big C and rang the bell this week.",
    "Felix Ortega never lets the C word slow him down.",
    "Marisol Vega y su esposo están esperando su primer hijo.",
    "Felicidades a Lupita Sandoval, que está en la dulce espera.",
    "Ana Beltran va a ser mamá por segunda vez.",
    "Carmen Salinas venció la gran C después de un año de tratamiento.",
])
def test_a_euphemism_for_pregnancy_or_cancer_beside_a_name_blocks(screen: Any,
                                                                  text: str) -> None:
    assert blocks(screen, text)


@pytest.mark.parametrize("text", [
    "We're expecting a busy flu season, says Dr. Maria Lopez.",
    "Dr. Hannah Price is expecting you at our Elm Street office at 9 am.",
    "Coach Rivera is expecting a great season from the Eastside Eagles.",
    "Dr. Ravi Menon gave a great talk; it was just as we were expecting.",
    "Rent is due in August for our new wing, says Frank Morales.",
    "Big C Market is sponsoring our health fair; thanks to owner Tom Reyes!",
    "El doctor Carlos Mendez está esperando a los voluntarios en la entrada.",
    "Marjorie Sims is expecting her grandkids for Thanksgiving.",
])
def test_expecting_something_else_passes(screen: Any, text: str) -> None:
    assert not blocks(screen, text)


def test_the_euphemism_is_the_mention_and_a_due_form_is_none() -> None:
    from policies.phi.vocabulary import health_mentions

    said = [m.text for m in health_mentions("Ana is expecting, thanks to the team!")]
    assert said == ["expecting"]
    assert not health_mentions("The report is due in May.")
    assert not health_mentions("a big c-clamp")


# --- P4: an SSN or a record number however its digits are written --------------------------

@pytest.mark.parametrize("text", [
    "Her social security number is four four seven, two two, nine one three five.",
    "His SSN is five twenty three, forty one, eighty eight ninety.",
    "Número de seguro social: seis uno dos, treinta y cuatro, cinco seis siete ocho.",
    "SSN 41l-22-8765 (please update the chart)",
    "SSN on file:\n523\n17\n4410",
    "Her SSN is nine hundred twelve, thirty four, fifty six seventy eight.",
    "Member number four four seven one two nine for Rosalind Okafor.",
    "MRN: seven seven four one two eight three.",
    "Número de expediente: cuatro cuatro siete uno dos nueve.",
])
def test_a_labelled_number_in_words_letters_or_lines_blocks(screen: Any, text: str) -> None:
    assert blocks(screen, text)


@pytest.mark.parametrize("text", [
    "Call us at five five five, one two one two, to book your flu shot.",
    "Our support group, twenty twenty-five edition, meets Tuesday.",
    "Member number one fan of our clinic: Rosa!",
    "Record turnout: four hundred and twelve people came to our health fair!",
    "Our group practice has nine doctors and twelve nurses.",
    "Medical records requests take five to seven business days.",
])
def test_numbers_in_words_with_no_identifier_pass(screen: Any, text: str) -> None:
    assert not blocks(screen, text)


@pytest.mark.parametrize(("words", "digits"), [
    (["nine", "one", "two"], "912"),
    (["thirty", "four"], "34"),
    (["thirty"], "30"),
    (["nine", "hundred", "twelve"], "912"),
    (["nine", "hundred", "and", "five"], "905"),
    (["treinta", "y", "cuatro"], "34"),
    (["novecientos", "doce"], "912"),
    (["veinticuatro"], "24"),
    (["five", "oh", "two"], "502"),
    (["double", "four", "seven"], "447"),
    (["912", "thirty", "four", "5678"], "912345678"),
    (["56O8"], "5608"),
    (["and", "four"], None),
    (["hundred"], None),
])
def test_number_words_are_read_as_digits(words: list[str], digits: str | None) -> None:
    from policies.phi.spelled_numbers import _read

    assert _read(words) == digits


def test_the_finding_covers_the_number_as_written(screen: Any) -> None:
    text = "His SSN is 912-thirty four-5678, per the form."
    found = [f for f in screen.screen(text, context="post") if f.category == "ssn"]
    assert [f.text for f in found] == ["912-thirty four-5678"]


@pytest.mark.parametrize(("text", "blocked"), [
    ("Construction is due in June. Thanks to Tom Reilly and his crew for the new lot.", False),
    ("Renewal is due in March for the walking club, says Maria Lopez.", False),
    ("Jessica Tran is due in May and our whole team is thrilled for her.", True),
    ("Jessica is due in May, send her your good wishes.", True),
])
def test_is_due_in_a_month_is_a_pregnancy_only_of_a_person(screen: Any, text: str,
                                                            blocked: bool) -> None:
    """Lead's narrowing after an outside review: a capitalised subject of "is due in <month>"
    must be a given name or end a name written whole; "Construction is due in June" named
    the crew's lead in the next sentence and blocked as his pregnancy."""
    assert blocks(screen, text) is blocked
