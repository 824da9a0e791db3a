"""Care told in plain words (session 56; R2 and R5 of the s55 consent re-read,
docs/history/security.md).

- The practice's hands on one person's body part, in everyday verbs ("we rebuilt her hip",
  "Dr. Ames set Theo Brandt's wrist", "we stitched him up", "our team got her back on her
  feet"): judge._PRACTICE_CARE, read as an injury of one body part, and in Spanish ("le
  reconstruimos la cadera", judge._SPANISH_BODY_CARE).
- A cancer treatment's end told by its custom ("rang the chemo bell", "rang the bell after
  her last infusion"): euphemisms.treatment_ends, read as a lay condition; narrowed after
  the outside review to a bell beside a treatment's own word (a bare "last round", a health
  word elsewhere in the sentence or a ribbon in the post is no treatment's).
- Joining a group, class or program the practice names by a condition ("joined our
  diabetes support group") is a patient's part in it, not a new colleague's
  (candidates._joins_care_group), so judge._joined_program reads it.

Every sentence is written for this file; none is copied from an evaluation set."""

from __future__ import annotations

import pytest

from policies.phi import PhiAllowList, PhiScreen
from policies.phi.euphemisms import treatment_ends
from policies.phi.judge import tells_care
from policies.review import FindingKey, Scope, needed_scopes


@pytest.fixture(scope="module")
def screen() -> PhiScreen:
    return PhiScreen(PhiAllowList())


def _name_rules(screen: PhiScreen, text: str) -> dict[str, str]:
    return {f.text: f.rule for f in screen.screen(text) if f.category == "name"
            and f.severity == "block"}


# a named person with care the vocabulary did not read before: each must block on the name
# with a rule that tells care (not `name+patient`, which a name-only authorization covers)
BLOCKED = [
    ("Eight weeks after we rebuilt his hip, Anselm Grady is back on the pickleball court.",
     "Anselm Grady"),
    ("Dr. Ames set Theo Brandt's wrist Friday night and he pitched again this week.",
     "Theo Brandt's"),
    ("Our surgeons replaced Winnifred Soto's right knee, and she walked the 5K on Sunday.",
     "Winnifred Soto's"),
    ("We stitched her up after the barn door swung shut. Get well soon, Delphine Aucoin!",
     "Delphine Aucoin"),
    ("Our team got Rosalind Keefe back on her feet after the tumble on the ice.",
     "Rosalind Keefe"),
    ("Dr. Ames popped Corbin Ashby's shoulder back in place at the rodeo.", "Corbin Ashby's"),
    ("Le reconstruimos la rodilla a Anselm Grady en marzo y ya camina sin bastón.",
     "Anselm Grady"),
    ("Anselm Grady rang the bell this afternoon. His last round of radiation is finished! 🎗️",
     "Anselm Grady"),
    ("Three cheers for Winnifred Soto, who rang the bell at our infusion center today!",
     "Winnifred Soto"),
    ("Winnifred Soto tocó la campana el viernes: ¡terminó la quimio! 🎗️", "Winnifred Soto"),
    ("Rosalind Keefe joined our diabetes support group in the spring and loves it.",
     "Rosalind Keefe"),
    ("Theo Brandt joined the cardiac rehab class this winter.", "Theo Brandt"),
]


@pytest.mark.parametrize(("text", "name"), BLOCKED)
def test_care_in_plain_words_blocks_the_name(screen: PhiScreen, text: str, name: str) -> None:
    rules = _name_rules(screen, text)  # the model may read the name shorter or longer
    told = [rule for shown, rule in rules.items() if shown.split()[0] == name.split()[0]]
    assert told and "name+patient" not in told, rules
    assert tells_care(text)


# the same words with no person's care: no name blocks (the post may still block for
# another reason; only the name is asked about), and no care is told ...
NOT_CARE = [
    "Dr. Ames rebuilt the front desk scheduling board over the weekend.",
    "Our facilities team repaired the break room sink on Monday.",
    "Our team rebuilt her back porch on Saturday. Thank you, Rosalind Keefe, for the pie!",
    "Dr. Ames set her sights on the Boston Marathon next spring.",
    "Anselm Grady rang the bell for the Salvation Army kettle outside our office. 🔔",
    "Theo Brandt rang the bell to start the final round of our charity trivia night.",
    "Our team helped Rosalind Keefe get back on her feet after the house fire.",
]
# ... or care words that are no one's: a program of the practice named by a condition that
# no patient joins (nobody does, someone joins it to lead it, or it is no care program), and
# a bell rung for something else, with a service named in another sentence
NO_ONES_CARE = [
    "Thanks to Anselm Grady, who rang the bell for the food drive kettle out front. Flu shots "
    "are available inside!",
    "Our diabetes support group meets Tuesdays at 6 pm in the community room.",
    "Rosalind Keefe joined our diabetes support group as a volunteer facilitator.",
    "Theo Brandt joined our team this fall as a medical assistant.",
    "Theo Brandt joined the book club at the public library.",
]


@pytest.mark.parametrize(("text", "care"), [(t, False) for t in NOT_CARE]
                         + [(t, None) for t in NO_ONES_CARE])
def test_no_persons_care_blocks_no_name(screen: PhiScreen, text: str,
                                        care: bool | None) -> None:
    assert _name_rules(screen, text) == {}
    if care is not None:
        assert tells_care(text) is care


def test_a_name_only_authorization_does_not_cover_care_in_plain_words() -> None:
    key = FindingKey("name", "text", "Anselm Grady", rule="name+patient")
    told = "Our patient Anselm Grady is walking again, ten weeks after we replaced his knee."
    assert needed_scopes(key, told) == (Scope.NAME, Scope.STORY)
    plain = "Our patient Anselm Grady stopped by with cookies for the front desk."
    assert needed_scopes(key, plain) == (Scope.NAME,)



# Narrowed after the outside review of s56 (docs/history/phi.md): a bell and a last
# round of something that is no treatment, a bell at an event that names some other care, a
# ribbon for a walk, and a home got back on its feet after a hardship told before the phrase
NARROWED_CLEAN = [
    "Priya Nandakumar rang the bell for the final round of the county geography bowl!",
    "Thanks, Odalys Fenwick, who rang the bell at Jefferson Middle after the last round of "
    "the math olympiad.",
    "Volunteer Hector Lindqvist rang the bell at our wellness expo for the last round of "
    "the cake walk.",
    "Final round of pie raffle tickets for the 🎗️ lymphoma 5K! Birdie Calloway rang the bell "
    "at noon to close it.",
    "Birdie Calloway rang the sleigh bell for the last round of carols in our lobby.",
    "Isaura Beltrán tocó la campana en la última ronda del torneo de ajedrez del colegio.",
    "After the tornado, our crew got Marisol Petrakis back on her feet with a new roof.",
    "Following the warehouse fire, our staff got Dmitri Halvorsen back on his feet with a "
    "loaner van.",
]
# ... and the same customs beside a treatment's own word still block the name
NARROWED_BLOCKED = [
    ("Priya Nandakumar rang the chemo bell on Friday and the whole floor cheered!",
     "Priya Nandakumar"),
    ("Odalys Fenwick rang the bell after her last infusion this morning. Onward!",
     "Odalys Fenwick"),
    ("Hector Lindqvist tocó la campana al terminar su última sesión de radioterapia.",
     "Hector Lindqvist"),
    ("After the tumble on the ice, our team got Marisol Petrakis back on her feet in six "
     "weeks.", "Marisol Petrakis"),
    # a staff member's own treatment: the end beside the bell is hers ("her final cycle")
    ("Charge nurse Wilhelmina Oakes wrapped up her final cycle of chemo on Monday. Go ring "
     "that bell, Wilhelmina!", "Wilhelmina Oakes"),
]


@pytest.mark.parametrize("text", NARROWED_CLEAN)
def test_a_bell_or_a_comeback_that_is_no_treatment_blocks_no_name(screen: PhiScreen,
                                                                  text: str) -> None:
    assert _name_rules(screen, text) == {}
    assert treatment_ends(text) == []


@pytest.mark.parametrize(("text", "name"), NARROWED_BLOCKED)
def test_the_custom_beside_a_treatment_still_blocks(screen: PhiScreen, text: str,
                                                    name: str) -> None:
    rules = _name_rules(screen, text)
    told = [rule for shown, rule in rules.items() if shown.split()[0] == name.split()[0]]
    assert told and "name+patient" not in told, rules


def test_the_bell_is_read_only_beside_a_treatment() -> None:
    assert treatment_ends("Odalys rang the radiation bell today!")
    assert treatment_ends("Odalys rang the bell at the end of her final round of treatment.")
    assert not treatment_ends("Odalys rang the bell. Her last round is done! 🎗️")
    assert not treatment_ends("Odalys rang the bell at the water treatment plant tour.")
