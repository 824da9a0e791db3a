"""Session 35: a staff member the allow-list does not name ("our MA Paula", "Nurse Kim Doyle",
"Dr. Ruiz"), told with their own health, blocks as a listed one does (`name+own_health`, read
over the sentence's parse by staff_health.subject_own_health); before, a staff word made every
health word near the name the care they give, and only a possessive counted. The same parse rule
now reads a name in apposition to its sentence's subject ("My colleague Dr. X is back after his
heart surgery"), "starts chemo" parsed as a complement, a passive that can only be care
received ("was hospitalized"), admission to a ward and a stay there with a condition, and leaves
"caught ... early" (finding a patient's illness) alone. Sentences are written for these tests
(none from the dev set); the outside reviews' probes are in bench/data/staff*_review_s35."""

from __future__ import annotations

import pytest

from policies.phi import PhiAllowList, PhiScreen
from tests.conftest import blocking

ALLOW = PhiAllowList(names=("Alder Creek Health", "Dr. Tobias Wren", "Tobias Wren", "Dr. Wren",
                            "Nurse Ilse Moreau", "Ilse Moreau"))


@pytest.fixture(scope="module")
def staff_screen() -> PhiScreen:
    return PhiScreen(ALLOW, learned=False)


def _rules(screen: PhiScreen, text: str) -> set[str]:
    return {f.rule for f in screen.screen(text) if f.severity == "block"}


def _own_health(screen: PhiScreen, text: str) -> bool:
    """A staff member's own health blocks, listed (staff+own_health) or not (name+own_health)."""
    return bool(_rules(screen, text) & {"staff+own_health", "name+own_health"})


@pytest.mark.parametrize("text", [
    "Our MA Lorena, born 8/2/1979, begins chemo on Thursday, so send her good thoughts.",
    "Dr. Achebe is recovering from a torn rotator cuff and will be back in June.",
    "Nurse Kim Doyle was diagnosed with celiac disease over the winter.",
    "Our receptionist Dana Whitfield is home after her gallbladder surgery.",
])
def test_an_unlisted_staff_members_own_health_blocks(staff_screen: PhiScreen,
                                                    text: str) -> None:
    assert "name+own_health" in _rules(staff_screen, text)
    staff = next(f for f in staff_screen.screen(text) if f.rule == "name+own_health")
    assert "dismiss it with reason staff" in staff.reason


@pytest.mark.parametrize("text", [
    "Nurse Kim Doyle gives the flu shots in the lobby every Tuesday in October.",
    "Dr. Achebe will talk about colon cancer screening at the library on Monday.",
    "Our MA Lorena finished her phlebotomy certification this spring. Congrats!",
    "Dr. Achebe treats kids with asthma at both of our offices.",
])
def test_an_unlisted_staff_members_work_passes(staff_screen: PhiScreen, text: str) -> None:
    assert "name+own_health" not in _rules(staff_screen, text)
    assert not blocking(staff_screen, text)


@pytest.mark.parametrize("text", [
    "Dr. Wren's own recovery from a heart attack was featured in the county paper.",
    "My colleague Dr. Wren is back after his appendectomy.",
    "Friend and mentor Nurse Ilse Moreau was diagnosed with multiple sclerosis in March.",
    "Our own Nurse Ilse Moreau starts chemo in two weeks.",
])
def test_a_listed_name_in_apposition_or_starting_chemo_blocks(staff_screen: PhiScreen,
                                                              text: str) -> None:
    assert "staff+own_health" in _rules(staff_screen, text)


@pytest.mark.parametrize("text", [
    # someone else's clinician: the health is the wife's, not the obstetrician's
    "My sister's OB, Dr. Wren, says she may need bed rest.",
    "Our MA Lorena starts evening hours next week.",
])
def test_not_the_staff_members_own(staff_screen: PhiScreen, text: str) -> None:
    assert not _own_health(staff_screen, text)


@pytest.mark.parametrize("text", [
    "Nurse Ilse Moreau was hospitalized on Saturday night and is stable.",
    "Dr. Wren was admitted to the ICU after a fall at home.",
    "Dr. Wren is in the hospital with a kidney infection this week.",
    "Please keep Marco, our lab tech, who is in the hospital with sepsis, in your prayers.",
])
def test_care_received_alone_and_a_ward_stay_block(staff_screen: PhiScreen, text: str) -> None:
    assert _own_health(staff_screen, text)


@pytest.mark.parametrize("text", [
    "Dr. Wren was admitted to the American Academy of Family Physicians last fall.",
    "Dr. Wren is in the hospital with a patient until noon, so clinic opens late.",
    "Dr. Wren starts chemo rounds on the infusion floor as part of her training.",
    "Dr. Wren caught my melanoma early and I will always be grateful.",
])
def test_work_admissions_and_findings_are_not_their_own(staff_screen: PhiScreen,
                                                        text: str) -> None:
    assert not _own_health(staff_screen, text)


@pytest.mark.parametrize("text", [
    "Dr. Achebe on Tuesday underwent shoulder surgery.",
    "Nurse Kim Doyle from our infusion team was hospitalized on Sunday.",
    "Dr. Wren caught it early and is home with bronchitis this week.",
    "Our practice's medical director, Dr. Wren, was diagnosed with melanoma in April.",
])
def test_shapes_an_outside_code_review_found(staff_screen: PhiScreen, text: str) -> None:
    assert _own_health(staff_screen, text)


def test_a_ward_stay_is_not_someone_elses_condition(staff_screen: PhiScreen) -> None:
    rules = _rules(staff_screen, "Dr. Wren is at the hospital all night with kids sick with flu.")
    assert "staff+own_health" not in rules


def test_an_unlisted_clinician_in_a_comment_is_left_to_the_classifier(
        staff_screen: PhiScreen) -> None:
    found = staff_screen.screen("Dr. Achebe dealt with my gout flare so quickly, thank you!",
                                context="comment")
    assert not any(f.rule == "name+own_health" for f in found)
