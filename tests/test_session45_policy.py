"""Session 45: the policy file attacked by an insider who can edit it, or race its reload.

Each test replays one attack; each failed on the code before its fix.
"""

from __future__ import annotations

import tomllib

import pytest

from policies.approval import ApprovalPolicy, check_vote, find_approver
from policies.config import PolicyError, parse_policy
from policies.phi import PhiAllowList

TWO = ('[approval]\napprovers = [{name = "Ada Quill", slack_id = "UADA", os_user = "ada"}, '
       '{name = "Bo Fenwick", slack_id = "UBO", os_user = "bo"}]\n')


def parsed(extra: str) -> object:
    return parse_policy(tomllib.loads(TWO + extra))


# -- allow-lists release what they name, nothing more ---------------------------------------

PRACTICE = PhiAllowList(addresses=("3410 Larkspur Way, Suite 9, Odessa, TX 79762",))


@pytest.mark.parametrize("address", ["410 Larkspur Way", "10 Larkspur Way, Suite 9",
                                     "0 Larkspur Way"])
def test_a_house_number_ending_the_practices_is_not_the_practice(address):
    # "410 larkspur way" is a run of characters of "3410 larkspur way ...", not of its words
    assert not PRACTICE.allows_address(address)


@pytest.mark.parametrize("address", ["3410 Larkspur Way", "3410 Larkspur Way, Suite 9",
                                     "3410 Larkspur Way Unit 2",
                                     "3410 Larkspur Way, Suite 9, Odessa, TX 79762"])
def test_the_practices_own_address_is_still_allowed(address):
    assert PRACTICE.allows_address(address)


def test_an_address_entry_without_a_number_releases_only_itself():
    allow = PhiAllowList(addresses=("West Wing",))
    assert allow.allows_address("West Wing")
    assert not allow.allows_address("27 Quarry Lane, West Wing")


@pytest.mark.parametrize("entry", ["com", "https://clinic.example", "*.clinic.example",
                                   "desk@clinic.example", "clinic example"])
def test_a_domain_entry_that_is_no_domain_is_refused(entry):
    with pytest.raises(PolicyError, match="allow_domains"):
        parsed(f'[phi]\nallow_domains = ["{entry}"]\n')


def test_a_real_domain_entry_still_loads():
    policy = parsed('[phi]\nallow_domains = ["larkspurclinic.example", "mail.bücher.example"]\n')
    assert policy.phi.allows_domain("portal.larkspurclinic.example")
    assert not policy.phi.allows_domain("gmail.com")


# -- one person, one entry --------------------------------------------------------------------

@pytest.mark.parametrize("twin", ["Ada  Quill", "Ada\u200b Quill", "Ａｄａ Quill"])
def test_one_name_listed_twice_with_two_chat_accounts_is_refused(twin):
    text = TWO.replace("}]\n", f'}}, {{name = "{twin}", slack_id = "UADA2", os_user = "ada2"}}]\n')
    with pytest.raises(PolicyError, match="appears twice"):
        parse_policy(tomllib.loads(text))


def test_an_approver_listed_again_as_staff_under_a_second_login_is_refused():
    # Before: Ada writes as "ada2" (staff) and approves her own post as Ada.
    section = {"approvers": [{"name": "Ada Quill", "slack_id": "UADA", "os_user": "ada"},
                             {"name": "Bo Fenwick", "slack_id": "UBO", "os_user": "bo"}],
               "staff": [{"name": "Ada Quill", "os_user": "ada2"}]}
    with pytest.raises(ValueError, match="one person may have one login"):
        ApprovalPolicy.from_toml(section)


def test_an_approver_listed_as_staff_with_the_same_login_still_loads():
    section = {"approvers": [{"name": "Ada Quill", "slack_id": "UADA", "os_user": "ada"},
                             {"name": "Bo Fenwick", "slack_id": "UBO", "os_user": "bo"}],
               "staff": [{"name": "ada quill", "os_user": "ada"}]}
    policy = ApprovalPolicy.from_toml(section)
    ada = find_approver(policy, slack_id="UADA")
    assert not check_vote(policy, ada, earlier_votes=[], writers=["os:ada"]).allowed


# -- a value of the wrong type or out of range: one line, never a crash -------------------------

@pytest.mark.parametrize("text", [
    "polling = 5\n" + TWO,
    TWO + "[polling]\nschedule = [[inf, 10]]\n",
    TWO + "[polling]\nschedule = [[1, 1e300]]\n",
    TWO.replace("[approval]\n", "[approval]\nstaff = 5\n"),
])
def test_a_policy_value_of_the_wrong_shape_is_one_policy_error(text):
    with pytest.raises(PolicyError, match=r"^policy <text>: \[(polling|approval)\]"):
        parse_policy(tomllib.loads(text))
