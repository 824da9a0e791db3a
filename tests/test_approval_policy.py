import pytest

from policies.approval import ApprovalPolicy, Approver, check_vote, find_approver

DANA = Approver("Dana Whitfield", slack_id="U01DANA", mattermost_id="dana")
LUIS = Approver("Luis Ortega", slack_id="U02LUIS", mattermost_id="luis", os_user="lortega")
POLICY = ApprovalPolicy(required=2, approvers=(DANA, LUIS))


def test_from_toml_reads_the_policy_table():
    policy = ApprovalPolicy.from_toml({
        "required": 2,
        "approvers": [{"name": "Dana Whitfield", "slack_id": "U01DANA"},
                      {"name": "Luis Ortega", "mattermost_id": "luis"}],
    })
    assert policy.required == 2
    assert [a.name for a in policy.approvers] == ["Dana Whitfield", "Luis Ortega"]


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ({"required": 1, "approvers": [{"name": "A"}, {"name": "B"}]}, "at least 2"),
        ({"required": 0, "approvers": [{"name": "A"}, {"name": "B"}]}, "at least 2"),
        ({"required": 2}, "approvers is missing"),
        ({"required": 2, "approvers": []}, "approvers is missing"),
        ({"required": 3, "approvers": [{"name": "A"}, {"name": "B"}]}, "3 approvals"),
        ({"required": 2, "approvers": [{"name": "A"}, {"name": "a"}]}, "appears twice"),
        ({"required": 2, "approvers": [{"slack_id": "U1"}, {"name": "B"}]}, "has no name"),
        ({"required": "2", "approvers": [{"name": "A"}, {"name": "B"}]}, "whole number"),
    ],
)
def test_bad_policies_are_refused(section, message):
    with pytest.raises(ValueError, match=message):
        ApprovalPolicy.from_toml(section)


def test_identity_comes_from_chat_ids_only():
    assert find_approver(POLICY, slack_id="U02LUIS") is LUIS
    assert find_approver(POLICY, mattermost_id="dana") is DANA
    assert find_approver(POLICY, slack_id="Dana Whitfield") is None


def test_unknown_person_cannot_vote():
    verdict = check_vote(POLICY, None, author="Pat", author_os_user="pat", earlier_votes=[])
    assert not verdict.allowed and "not on the approver list" in verdict.reason


def test_author_cannot_approve_own_post_by_name_or_login():
    by_name = check_vote(POLICY, DANA, author="dana  whitfield", author_os_user="x",
                         earlier_votes=[])
    by_login = check_vote(POLICY, LUIS, author="Someone Else", author_os_user="lortega",
                          earlier_votes=[])
    assert not by_name.allowed and not by_login.allowed
    assert "author" in by_name.reason


def test_one_person_counts_once_and_second_person_completes():
    first = check_vote(POLICY, DANA, author="Pat", author_os_user="pat", earlier_votes=[])
    again = check_vote(POLICY, DANA, author="Pat", author_os_user="pat",
                       earlier_votes=["Dana Whitfield"])
    second = check_vote(POLICY, LUIS, author="Pat", author_os_user="pat",
                        earlier_votes=["Dana Whitfield"])
    assert first.allowed and not first.completes
    assert not again.allowed and "already approved" in again.reason
    assert second.allowed and second.completes


def test_an_approver_not_in_this_policy_is_refused():
    stranger = Approver("Eve", slack_id="U0EVE")
    assert not check_vote(POLICY, stranger, author="Pat", author_os_user=None,
                          earlier_votes=[]).allowed


def test_author_known_by_login_or_chat_id_cannot_approve():
    """The CLI author defaults to the login name ("dana"), which is also her chat id."""
    by_login = check_vote(POLICY, DANA, author="dana", author_os_user="dana", earlier_votes=[])
    by_slack_id = check_vote(POLICY, DANA, author="U01DANA", author_os_user=None,
                             earlier_votes=[])
    hidden_space = check_vote(POLICY, DANA, author="Dana\u200b Whitfield", author_os_user=None,
                              earlier_votes=[])
    assert not by_login.allowed and not by_slack_id.allowed and not hidden_space.allowed
