"""Session 46, an outside attack on the day's policy-file and audit-trail change: loosenings
the `[loosened]` check did not see, a reason that covered more than its setting, pointers in
`policy.changed` records that a verifier never followed, a refused policy nobody was told of
again. SQLite and PostgreSQL where the trail is touched (the `db` fixture runs both)."""

from __future__ import annotations

import pytest


def _policy(tail: str = "") -> str:
    from conftest import POLICY_TOML

    return POLICY_TOML + tail


def _loads(text: str):  # noqa: ANN202
    import tomllib

    from policies.config import parse_policy

    return parse_policy(tomllib.loads(text), "policy.toml")


# -- 1. [polling] schedule: reading comments once a week needed no reason --------------------

@pytest.mark.parametrize(("schedule", "said"), [
    ("[[0, 10080]]", "polling.schedule = every 7 days from 0 min (shipped every 1 min)"),
    ("[[6, 10], [24, 30], [72, 1440]]", "every 1 days from 3 days (shipped every 2 h)"),
])
def test_a_slower_polling_schedule_needs_a_reason(schedule, said):
    """A schedule polling a post less often than the shipped one at some age leaves a comment
    with PHI visible for longer: refused unless [loosened] says why; one that polls as often
    or more loads as before."""
    from policies.config import PolicyError

    slower = _policy(f"\n[polling]\nschedule = {schedule}\n")
    with pytest.raises(PolicyError) as refused:
        _loads(slower)
    assert said in str(refused.value) and "[loosened]" in str(refused.value)
    reason = "The LinkedIn tier we pay for allows few calls a day."
    kept = _loads(slower + f'\n[loosened]\n"polling.schedule" = "{reason}"\n')
    assert kept.loosened == {"polling.schedule": reason}
    faster = _loads(_policy("\n[polling]\nschedule = [[1, 1], [24, 5], [400, 360]]\n"))
    assert faster.loosened == {}


# -- 2. retention: a reason for long-kept drafts stopped every comment's purge ---------------

@pytest.mark.parametrize("key", ["blocked_days", "comments_days"])
def test_retention_beyond_a_century_is_refused_even_with_a_reason(key):
    """`blocked_days = 1000000` (with its reason) made the hourly purge's cutoff fall before
    year 1: OverflowError each pass, so the comments' purge and the media sweep after it never
    ran and a reason for one setting kept every comment's text too."""
    from policies.config import PolicyError

    text = _policy(f'\n[retention]\n{key} = 1000000\n\n[loosened]\n'
                   f'"retention.{key}" = "Our lawyers want these kept a long time."\n')
    with pytest.raises(PolicyError) as refused:
        _loads(text)
    assert f"[retention] {key} must be a whole number of days up to 36500" in str(refused.value)
    assert "\n" not in str(refused.value)


# -- 3. policy_in: a pointer to a planted record, and a verifier that never followed one -------

@pytest.fixture
def live(db, policy_file, tmp_path, monkeypatch):
    from test_session45_policy import app_reading

    from social_bot import policy_watch

    monkeypatch.setattr(policy_watch, "CHECK_EVERY", 0.0)
    return app_reading(db, tmp_path, policy_file)


EVE = ('  { name = "Eve Marlow", slack_id = "U09EVE", mattermost_id = "eve", '
       'os_user = "eve" },\n')
EVE_NAMED = "Eve Marlow (slack:U09EVE, mattermost:eve, os:eve)"


def _with_eve(policy_file) -> tuple[str, str]:  # noqa: ANN001
    import hashlib

    text = policy_file.read_text(encoding="utf-8").replace("approvers = [\n",
                                                            "approvers = [\n" + EVE, 1)
    assert EVE in text
    return text, hashlib.sha256(text.encode()).hexdigest()


def _policy_rows(app):  # noqa: ANN001, ANN202
    from sqlalchemy import select

    from social_bot.db.models import AuditRecord

    with app.db.read() as session:
        return list(session.scalars(select(AuditRecord).where(
            AuditRecord.action == "policy.changed").order_by(AuditRecord.seq)))


def test_a_planted_record_is_not_pointed_to_and_the_policy_is_kept(live, policy_file):
    """Someone who can write to the database but holds no audit key planted a policy.changed
    row, past the chain's head, naming the hash of the file they were about to install; the
    next record pointed to it (`policy_in`) instead of holding the policy, they removed the
    row, and `audit verify` passed on a trail that no longer said who the file let approve."""
    import json
    from datetime import UTC, datetime

    from conftest import TEST_KEYS
    from sqlalchemy import delete, select
    from test_daemon_helpers import approved_post

    from social_bot.audit import verify_database
    from social_bot.db.models import AuditHead, AuditRecord
    from social_bot.policy_audit import policy_of

    approved_post(live, "Open house on Friday at noon", ["x"])
    text, digest = _with_eve(policy_file)
    with live.db.write() as session:
        planted = session.scalar(select(AuditHead.seq).where(AuditHead.id == 1)) + 40
        session.add(AuditRecord(
            seq=planted, at=datetime.now(UTC), actor="socialbot", os_user=None,
            action="policy.changed", post_id=None, revision=None, revision_hash=None,
            detail=json.dumps({"policy": {"approval.approvers": ["Dana only"]},
                               "sha256": digest}, sort_keys=True),
            prev_hash="f" * 64, key_id=TEST_KEYS.current_id, hash="0" * 64))
    policy_file.write_text(text, encoding="utf-8")
    approved_post(live, "Open house on Saturday at noon", ["x"])
    with live.db.write() as session:
        session.execute(delete(AuditRecord).where(AuditRecord.seq == planted))
    assert verify_database(live.db).ok
    last = _policy_rows(live)[-1]
    assert json.loads(last.detail)["sha256"] == digest
    with live.db.read() as session:
        held = policy_of(session, last)
    assert held is not None and EVE_NAMED in held["approval.approvers"]


def test_audit_verify_names_a_policy_pointer_that_leads_nowhere(live, policy_file,
                                                                  monkeypatch):
    """A record whose `policy_in` leads to no earlier record of its file (written so by the
    code before, or by anyone who could) verified: the trail named a policy it did not
    hold. `audit verify` now says which record."""
    import json

    from test_daemon_helpers import approved_post

    from social_bot import policy_audit
    from social_bot.audit import verify_database

    approved_post(live, "Open house on Friday at noon", ["x"])
    first = _policy_rows(live)[0].seq
    text, _ = _with_eve(policy_file)
    monkeypatch.setattr(policy_audit, "_first_holding",
                        lambda session, key, **named: first if key == "policy" else None)
    policy_file.write_text(text, encoding="utf-8")
    approved_post(live, "Open house on Saturday at noon", ["x"])
    last = _policy_rows(live)[-1]
    assert json.loads(last.detail)["policy_in"] == first  # another file's record
    result = verify_database(live.db)
    assert not result.ok
    assert f"names its policy in record #{first}, which is no earlier" in result.problem


# -- 4. the last good policy, kept for a week: nobody was told after the first line --------

def test_a_refused_policy_is_said_again_while_the_last_good_one_is_used(
        live, policy_file, caplog):
    """A file refused on a Monday left one log line; the daemon went on hiding under the last
    good policy, votes and publishing waited, and nothing said so again for a week. Now the
    error is said again each hour while the last good policy stands in, with how long, and
    the `socialbot_policy_refused_since_timestamp_seconds` gauge is set (0 once it loads)."""
    import logging

    from social_bot import metrics

    clock = [1000.0]
    live._policy_watch.clock = lambda: clock[0]
    good = live.policy
    policy_file.write_text(policy_file.read_text().replace("[moderation]", "[moderation"))
    with caplog.at_level(logging.ERROR, logger="socialbot.policy"):
        for minutes in (1, 30, 59, 61, 90, 125):
            clock[0] = 1000.0 + minutes * 60
            assert live.policy_or_last_good is good
    said = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(said) == 3, said  # when refused, then after an hour and after two
    assert "refused for 1 h" in said[1] and "refused for 2 h" in said[2]
    assert "under the last good policy" in said[2] and "not valid TOML" in said[2]
    assert metrics.value("socialbot_policy_refused_since_timestamp_seconds") > 0
    policy_file.write_text(policy_file.read_text().replace("[moderation", "[moderation]"))
    clock[0] += 60
    assert live.policy.digest == good.digest
    assert metrics.value("socialbot_policy_refused_since_timestamp_seconds") == 0


# -- 5. a reason "in words" that has none ------------------------------------------------------

@pytest.mark.parametrize("reason", [
    "..........................",  # punctuation
    "\u200b" * 12,  # twelve zero-width spaces: nothing a reader sees
    "----------  ----------",
    "zzzzzzzzzzzzzzzzzzzz",  # one word
])
def test_a_reason_without_words_is_refused(reason):
    """`[loosened]` asked for the reason "in words (10 characters or more)" and counted any
    ten characters: dots, dashes or invisible zero-width spaces passed, and were recorded as
    the reason for hiding fewer comments. Now it takes two words and ten letters."""
    from policies.config import PolicyError

    text = _policy('\n[retention]\nblocked_days = 0\n\n[loosened]\n'
                   f'"retention.blocked_days" = "{reason}"\n')
    with pytest.raises(PolicyError, match="give the reason in words"):
        _loads(text)
    kept = _loads(text.replace(reason, "We keep drafts while the lawsuit runs."))
    assert kept.retention.blocked_days == 0
