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
