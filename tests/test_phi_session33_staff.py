"""Session 33: an allow-listed staff member's own health. The allow-list says who may be
named, not whose care may be told: a staff member the practice treats is its patient
(docs/phi.md), so an allowed name that is the subject of its own health event blocks
(`staff+own_health`), while the care staff give, their training and their work pass. A name
found without its "'s" is read with it against the allow-list, so a one-word possessive that is
only part of an entry is no staff member. Sentences are written for these tests (none from the
dev set); the outside review's probes are in bench/data/staff_review_s33."""

from __future__ import annotations

import pytest

from policies.phi import PhiAllowList, PhiScreen
from tests.conftest import blocking

ALLOW = PhiAllowList(names=("Harrowgate Family Clinic", "Dr. Marisa Quintero", "Marisa Quintero",
                            "Dr. Quintero", "Desmond Hale"))


@pytest.fixture(scope="module")
def staff_screen() -> PhiScreen:
    return PhiScreen(ALLOW, learned=False)


@pytest.mark.parametrize("text", [
    "Desmond Hale was diagnosed with lupus last spring and asked us to share his story.",
    "Dr. Quintero is recovering from a hip fracture and returns in April.",
    "Marisa Quintero started radiation this week, so cards are welcome at the front desk.",
    "Desmond Hale, who had his gallbladder removed in June, is back at the check-in window.",
    "Desmond Hale is home after his appendectomy and says thanks for the soup.",
])
def test_a_staff_members_own_health_blocks(staff_screen: PhiScreen, text: str) -> None:
    found = staff_screen.screen(text)
    assert any(f.severity == "block" and f.rule == "staff+own_health" for f in found), found
    staff = next(f for f in found if f.rule == "staff+own_health")
    assert "dismiss it with reason staff" in staff.reason
    assert "treats" not in staff.reason  # the text says nothing of treating them (session 52)


@pytest.mark.parametrize("text", [
    "Dr. Quintero performs carpal tunnel releases on Tuesday mornings.",
    "Dr. Quintero treats adults with asthma and COPD at both locations.",
    "Desmond Hale will run the flu shot clinic in the lobby on Saturday.",
    "Dr. Quintero was trained in sports medicine at Emory before joining us.",
    "Harrowgate Family Clinic completed 900 sports physicals for local teams this summer.",
    "Dr. Quintero received an award for her work on diabetes prevention in rural schools.",
])
def test_the_care_staff_give_is_not_their_own(staff_screen: PhiScreen, text: str) -> None:
    assert not any(f.rule == "staff+own_health" for f in staff_screen.screen(text))
    assert not blocking(staff_screen, text)


def test_a_one_word_possessive_found_without_its_ending_is_read_with_it(
        staff_screen: PhiScreen) -> None:
    from policies.phi.judge import _as_allow_list_reads

    text = "Hale's biopsy results came back Thursday."
    assert _as_allow_list_reads(text, 0, len("Hale")) == "Hale's"
    assert not ALLOW.allows_name("Hale's")  # a patient may share a staff member's surname
    assert blocking(staff_screen, text)


def test_a_titled_name_found_without_its_ending_is_read_with_it() -> None:
    # the title is read with the name, and the "'s" the finder left out is kept: "Mr. Hale"
    # would be read as a name, "Mr. Hale's" as a possessive (a patient may share the surname)
    from policies.phi.judge import _as_allow_list_reads

    text = "Mr. Hale's biopsy results came back Thursday."
    start = text.index("Hale")
    assert _as_allow_list_reads(text, start, start + len("Hale")) == "Mr. Hale's"


def test_a_whole_entry_in_the_possessive_stays_allowed(staff_screen: PhiScreen) -> None:
    assert staff_screen.screen("Desmond Hale's desk is open until five on weekdays.") == []


def test_a_year_after_a_plan_word_is_no_plan_number() -> None:
    # "group in 2019" was read as the group number "in 2019": a lowercase preposition is no
    # letter prefix of an ID (an ID's own letters still are)
    from policies.phi.numbers import labelled_ids

    assert not list(labelled_ids("We began the caregiver support group in 2018, after the flood.",
                                 PhiAllowList()))
    found = list(labelled_ids("Her member ID is QX 77120, from the card she handed in.",
                              PhiAllowList()))
    assert [h.category for h in found] == ["health_plan"]


def test_a_one_word_allow_list_entry_is_warned_about_at_policy_load(
        tmp_path, caplog: pytest.LogCaptureFixture) -> None:
    # a first name alone allows every patient who shares it: the practice is told, once per
    # load, and the policy still loads
    import logging

    from social_bot.settings import load_policy, load_settings

    policy = tmp_path / "policy.toml"
    from tests.conftest import POLICY_TOML

    policy.write_text(POLICY_TOML.replace('"Dr. Priya Raman",', '"Dr. Priya Raman", "Marisa",'))
    settings = load_settings({"SOCIALBOT_DATA_DIR": str(tmp_path / "data"),
                              "SOCIALBOT_POLICY": str(policy)}, dotenv=False)
    with caplog.at_level(logging.WARNING, logger="socialbot.settings"):
        loaded = load_policy(settings, required=False)
    assert loaded.phi.one_word_names() == ("Marisa",)
    assert any("one-word name(s) 'Marisa'" in r.getMessage() for r in caplog.records)


def test_a_staff_possessive_before_care_is_decided_by_what_the_clause_tells(
        staff_screen: PhiScreen) -> None:
    # one event of theirs, told as an event, blocks; the care they give passes (the parse
    # decides, not any care word within a few words of the possessive)
    found = staff_screen.screen("Dr. Quintero's knee surgery went well and she is home resting.")
    assert any(f.rule == "staff+own_health" and f.severity == "block" for f in found), found
    assert not blocking(staff_screen, "Desmond Hale's flu clinic runs every Saturday in October.")


def test_what_staff_say_others_have_is_not_their_own(staff_screen: PhiScreen) -> None:
    text = "Dr. Quintero says they have strep going around the middle school this week."
    assert not any(f.rule == "staff+own_health" for f in staff_screen.screen(text))
    told = "Dr. Quintero learned in March that she has celiac disease, and asked us to share it."
    assert any(f.rule == "staff+own_health" for f in staff_screen.screen(told))


def test_a_hyphenated_staff_surname_is_read_whole() -> None:
    # the finder may hold only part of "Okonkwo-Hale"; the parse reads the whole written word,
    # and one event gives one finding
    screen = PhiScreen(PhiAllowList(names=("Dr. Adaeze Brightwater-Nunes",)), learned=False)
    found = screen.screen("Dr. Brightwater-Nunes was diagnosed with sarcoidosis in the spring.")
    assert [f.rule for f in found if f.severity == "block"] == ["staff+own_health"]
    assert not blocking(screen, "Dr. Brightwater-Nunes performs shoulder replacements on Fridays.")
