"""Session 45: the policy file attacked by an insider who can edit it, or race its reload.

Each test replays one attack; each failed on the code before its fix.
"""

from __future__ import annotations

import logging
import os
import re
import tomllib

import pytest
from dates_ahead import a_year_ahead

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


@pytest.mark.parametrize(("text", "named"), [
    (TWO + "[moderaton]\nauto_hide = ['phi', 'abuse', 'spam']\n", "unknown section(s) moderaton"),
    (TWO.replace("[approval]\n", "[approval]\nreqiured = 3\n"),
     "[approval] unknown key(s): reqiured"),
])
def test_a_misspelt_setting_is_refused_not_left_at_its_default(text, named):
    with pytest.raises(PolicyError, match=re.escape(named)):
        parse_policy(tomllib.loads(text))


def test_the_cli_says_a_broken_policy_in_one_line(cli_env, tmp_path):
    import subprocess
    import sys

    policy = tmp_path / "broken.toml"
    policy.write_text("polling = 5\n" + TWO)
    done = subprocess.run([sys.executable, "-m", "social_bot", "post", "create", "--text",
                           "Flu shots on Saturday", "--platform", "x"],
                          env={**cli_env, "SOCIALBOT_POLICY": str(policy)},
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [f"error: policy {policy}: [polling] must be a table"]


# -- the reload: what the watch sees is what the file holds ---------------------------------------

@pytest.fixture
def watch(policy_file, tmp_path, monkeypatch):
    from social_bot import policy_watch
    from social_bot.settings import load_settings

    monkeypatch.setattr(policy_watch, "CHECK_EVERY", 0.0)
    settings = load_settings({"SOCIALBOT_DATA_DIR": str(tmp_path / "data"),
                              "SOCIALBOT_POLICY": str(policy_file)}, dotenv=False)
    return policy_watch.PolicyWatch(settings)


def test_an_edit_that_keeps_size_and_time_is_noticed_without_sighup(watch, policy_file):
    from conftest import POLICY_TOML

    assert watch.current().approval.required == 2
    before = os.stat(policy_file)
    changed = POLICY_TOML.replace("required = 2", "required = 3")
    assert len(changed) == len(POLICY_TOML)
    policy_file.write_text(changed, encoding="utf-8")
    os.utime(policy_file, ns=(before.st_atime_ns, before.st_mtime_ns))  # `touch -r`
    assert os.stat(policy_file).st_size == before.st_size
    assert watch.current().approval.required == 3


def test_a_policy_made_writable_by_others_after_start_is_reported(watch, policy_file, caplog):
    watch.current()
    policy_file.chmod(0o664)  # changes neither content, size nor modification time
    with caplog.at_level(logging.WARNING, logger="socialbot.files"):
        watch.current()
    assert any("writable by other users" in r.getMessage() for r in caplog.records)


def test_a_policy_in_a_folder_others_can_write_is_reported(tmp_path, caplog):
    """They cannot edit the file, but `mv theirs.toml policy.toml` replaces it."""
    from conftest import POLICY_TOML

    from social_bot.filesafety import warn_if_writable_by_others

    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "policy.toml").write_text(POLICY_TOML)
    (shared / "policy.toml").chmod(0o644)
    assert warn_if_writable_by_others(shared / "policy.toml", "policy file") is None
    shared.chmod(0o775)
    with caplog.at_level(logging.WARNING, logger="socialbot.files"):
        said = warn_if_writable_by_others(shared / "policy.toml", "policy file")
    assert said == (f"warning: policy file {shared / 'policy.toml'} is in {shared}, where "
                    f"other users may put another file in its place; run `chmod go-w "
                    f"{shared}`")
    shared.chmod(0o1777)  # sticky, as /tmp: only the file's owner may rename over it
    assert warn_if_writable_by_others(shared / "policy.toml", "policy file") is None


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file away needs root")
def test_a_policy_owned_by_someone_else_is_reported(tmp_path):
    from conftest import POLICY_TOML

    from social_bot.filesafety import warn_if_writable_by_others

    path = tmp_path / "policy.toml"
    path.write_text(POLICY_TOML)
    path.chmod(0o644)
    os.chown(path, 65534, -1)
    said = warn_if_writable_by_others(path, "policy file")
    assert said is not None and "who can rewrite it" in said


def test_a_file_rewritten_while_it_is_read_is_not_used_half_written(watch, policy_file,
                                                                     monkeypatch):
    """An in-place rewrite read midway: its first half (no [moderation]) parses, and its
    defaults hide less than the practice chose. It is never the policy in force."""
    from conftest import POLICY_TOML

    from social_bot import policy_watch

    strict = POLICY_TOML.replace('auto_hide = ["phi", "abuse"]',
                                 'auto_hide = ["phi", "abuse", "spam"]')
    policy_file.write_text(strict, encoding="utf-8")
    assert watch.current().moderation.auto_hide == ("phi", "abuse", "spam")
    new = strict.replace("required = 2", "required = 3")
    real_load = policy_watch.load_policy
    seen = []

    def read_midway(settings, required=True, **kw):  # noqa: ANN001, ANN003, ANN202
        policy = real_load(settings, required, **kw)
        if not seen:  # the writer finishes right after this read
            policy_file.write_text(new, encoding="utf-8")
        seen.append(policy)
        return policy

    policy_file.write_text(new[: new.index("[moderation]")], encoding="utf-8")
    monkeypatch.setattr(policy_watch, "load_policy", read_midway)
    first = watch.current()
    assert first.moderation.auto_hide == ("phi", "abuse", "spam")  # the old one, whole
    second = watch.current()
    assert (second.approval.required, second.moderation.auto_hide) == (3, ("phi", "abuse",
                                                                           "spam"))


# -- who changed the approvers: the policy a decision is taken under is in the trail ------------

EVE = ('  { name = "Eve Marlow", slack_id = "U09EVE", mattermost_id = "eve", '
       'os_user = "eve" },\n')


def app_reading(db, tmp_path, policy):  # noqa: ANN001, ANN201
    """An App reading ``policy`` as the daemon does (make_app injects a parsed policy)."""
    from conftest import TEST_AUDIT_KEY, keyword_screener

    from social_bot.app import App
    from social_bot.settings import load_settings

    settings = load_settings({"SOCIALBOT_DATA_DIR": str(tmp_path / "data"),
                              "DATABASE_URL": db.url, "SOCIALBOT_POLICY": str(policy),
                              "SOCIALBOT_AUDIT_KEY": TEST_AUDIT_KEY}, dotenv=False)
    return App(settings, db=db, screener=keyword_screener,
               validator=lambda platform, text, media: [])


@pytest.fixture
def live(db, policy_file, tmp_path, monkeypatch):
    """Apps reading the policy file; each call is a process started again."""
    from social_bot import policy_watch

    monkeypatch.setattr(policy_watch, "CHECK_EVERY", 0.0)
    return lambda: app_reading(db, tmp_path, policy_file)


def trail(app) -> list[tuple[str, dict]]:  # noqa: ANN001
    import json

    from sqlalchemy import select

    from social_bot.db.models import AuditRecord

    with app.db.read() as session:
        rows = session.scalars(select(AuditRecord).order_by(AuditRecord.seq))
        return [(r.action, json.loads(r.detail or "{}")) for r in rows]


def policy_records(app) -> list[dict]:  # noqa: ANN001
    return [detail for action, detail in trail(app) if action == "policy.changed"]


def test_a_vote_names_the_policy_it_was_counted_under(live, policy_file):
    import hashlib
    import pwd

    from sqlalchemy import select
    from test_daemon_helpers import AUTHOR, DANA, LUIS

    from social_bot.approvals import approve
    from social_bot.db.models import AuditRecord
    from social_bot.posts import create_post, prepare_draft

    app = live()
    post_id = create_post(app, AUTHOR, prepare_draft(app, "Flu clinic Saturday", ["x"], None))
    approve(app, DANA, post_id)
    approve(app, LUIS, post_id)
    (first,) = policy_records(app)  # one record for both votes: the policy did not change
    assert first["sha256"] == hashlib.sha256(policy_file.read_bytes()).hexdigest()
    assert first["owner"] == pwd.getpwuid(os.getuid()).pw_name
    assert first["mode"] == f"{policy_file.stat().st_mode & 0o777:04o}"
    assert first["previous_sha256"] is None and first["noticed_by"] == "Dana Whitfield"
    assert "approval.staff" not in first["changes"]  # none before, none now
    assert "Dana Whitfield (slack:U01DANA, mattermost:dana, os:dana)" in \
        first["changes"]["approval.approvers"]["added"]
    actions = [a for a, _ in trail(app)]
    assert actions.index("policy.changed") < actions.index("approval.recorded")
    with app.db.read() as session:  # socialbot noticed it; Dana's vote did not edit it
        assert session.scalar(select(AuditRecord.actor).where(
            AuditRecord.action == "policy.changed")) == "socialbot"


def test_an_approver_added_for_one_vote_and_removed_after_is_on_record(live, policy_file):
    from conftest import POLICY_TOML
    from test_daemon_helpers import AUTHOR, DANA

    from social_bot.approvals import VerifiedIdentity, approve
    from social_bot.posts import create_post, prepare_draft

    app = live()
    post_id = create_post(app, AUTHOR, prepare_draft(app, "Walk-in hours", ["x"], None))
    approve(app, DANA, post_id)
    policy_file.write_text(POLICY_TOML.replace("]\n\n[phi]", EVE + "]\n\n[phi]"))
    approve(app, VerifiedIdentity("slack", "U09EVE"), post_id)
    policy_file.write_text(POLICY_TOML)  # Eve is gone again
    assert policy_records(app)[-1]["changes"] == {"approval.approvers": {
        "added": ["Eve Marlow (slack:U09EVE, mattermost:eve, os:eve)"], "removed": []}}
    create_post(app, AUTHOR, prepare_draft(app, "Closed Monday", ["x"], None))
    approve(app, DANA, post_id + 1)
    removed = policy_records(app)[-1]
    assert removed["changes"]["approval.approvers"]["removed"] == [
        "Eve Marlow (slack:U09EVE, mattermost:eve, os:eve)"]
    assert len(policy_records(app)) == 3
    from social_bot.audit import verify_database

    assert verify_database(app.db).ok  # the records are part of the keyed chain


def test_approver_removed_while_the_daemon_was_down_is_refused_and_recorded(live, policy_file):
    from conftest import POLICY_TOML
    from test_daemon_helpers import approved_post

    from social_bot.posts import show_post

    post_id = approved_post(live(), "Holiday hours posted", ["x"])
    policy_file.write_text(POLICY_TOML.replace(
        '  { name = "Dana Whitfield", slack_id = "U01DANA", mattermost_id = "dana", '
        'os_user = "dana" },\n', ""))
    restarted = live()
    assert publish_all(restarted)["x"].texts() == []
    assert "slack:U01DANA is not on the current approver list" in \
        show_post(restarted, post_id)["status_reason"]
    actions = [a for a, _ in trail(restarted)]
    last_change = len(actions) - 1 - actions[::-1].index("policy.changed")
    assert last_change < actions.index("publish.refused")
    assert policy_records(restarted)[-1]["changes"]["approval.approvers"]["removed"] == [
        "Dana Whitfield (slack:U01DANA, mattermost:dana, os:dana)"]


def publish_all(app):  # noqa: ANN001, ANN201
    from test_daemon_helpers import FakePlatforms
    from test_publish import FAST

    from social_bot.daemon.publisher import Publisher

    platforms = FakePlatforms()
    Publisher(app, platforms, "w1", FAST).run_lane("x")
    return platforms


def test_a_patient_whose_name_the_allow_list_holds_is_pointed_out(make_app, caplog):
    """Dr. Priya Raman is on the test policy's allow_names: recorded as a patient too, the
    screen would still read her as staff, so nobody would be asked for the authorization."""
    from test_daemon_helpers import AUTHOR

    from social_bot.consents import add_consent

    app = make_app()
    with caplog.at_level(logging.WARNING, logger="socialbot.consents"):
        add_consent(app, AUTHOR, "Wendell Okonkwo", ["name"], a_year_ahead(), form_ref="tray 4")
        assert not caplog.records
        add_consent(app, AUTHOR, "Priya Raman", ["name"], a_year_ahead(), form_ref="tray 4")
    (said,) = [r.getMessage() for r in caplog.records]
    assert "allow_names lists this patient's name" in said and "Raman" not in said


def test_a_release_vote_names_the_policy_it_was_counted_under(live, policy_file):
    from conftest import POLICY_TOML
    from test_daemon_helpers import DANA, approved_post

    from social_bot.approvals import VerifiedIdentity
    from social_bot.holds import hold, release

    app = live()
    post_id = approved_post(app, "Holiday hours posted", ["x"])
    hold(app, DANA, post_id, "check the hours")
    policy_file.write_text(POLICY_TOML.replace("]\n\n[phi]", EVE + "]\n\n[phi]"))
    release(app, VerifiedIdentity("slack", "U03MINA"), post_id)
    actions = [a for a, _ in trail(app)]
    assert actions.count("policy.changed") == 2
    assert len(actions) - 1 - actions[::-1].index("policy.changed") \
        < actions.index("hold.release_vote")
    assert policy_records(app)[-1]["noticed_by"] == "Mina Okafor"
