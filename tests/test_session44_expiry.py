"""`consent add --expires 2027-06-30` means through June 30 on the practice's clock
(SOCIALBOT_TIMEZONE, else this machine's zone), stored in UTC. Before, the day ended at
midnight UTC whatever the zone: 19:00 on June 30 in Chicago, 10:00 on July 1 in Guam (a
day the patient did not authorize). A time typed with a zone keeps meaning that instant,
and a row recorded before keeps its stored instant (docs/security.md, session 44)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import TEST_AUDIT_KEY
from dates_ahead import a_year_ahead, day_after, next_year
from test_consent_expiry_display import NAME, _screener  # the patient and her screen
from test_daemon_helpers import AUTHOR, DANA, LUIS, FakePlatforms

from policies import review
from policies.config import load_policy_file
from policies.review import ConsentTerms, Scope, consent_problem, validity
from social_bot.app import App
from social_bot.approvals import approve
from social_bot.chat.guard import post_for_chat
from social_bot.chat.ownwords import own, unmark
from social_bot.chat.render import post_card
from social_bot.consents import add_consent, get_consent, list_consents, parse_expiry
from social_bot.daemon.config import DaemonConfig
from social_bot.daemon.publisher import Publisher
from social_bot.dismissals import dismiss, dismissal_line
from social_bot.errors import Refused, UserError
from social_bot.posts import create_post, prepare_draft, show_post
from social_bot.settings import load_settings

CHICAGO, GUAM = ZoneInfo("America/Chicago"), ZoneInfo("Pacific/Guam")
STORY = f"{NAME} walked the harbour path two weeks after her knee surgery."
NOW = datetime(2026, 12, 6, tzinfo=UTC)
# the tests that record an authorization on the real clock: June 30 next year, ahead of it
EXPIRES = a_year_ahead()
JULY_1 = day_after(EXPIRES)
YEAR = next_year()


def _app(db, policy_file: Path, tmp_path: Path, zone: str | None) -> App:  # noqa: ANN001
    env = {"SOCIALBOT_DATA_DIR": str(tmp_path / "data"), "DATABASE_URL": db.url,
           "SOCIALBOT_POLICY": str(policy_file), "SOCIALBOT_AUDIT_KEY": TEST_AUDIT_KEY,
           **({"SOCIALBOT_TIMEZONE": zone} if zone else {})}
    return App(load_settings(env, dotenv=False), db=db, policy=load_policy_file(policy_file),
               screener=_screener, validator=lambda platform, text, media: [])


# --- the day typed, on the practice's clock ----------------------------------------------


def test_a_day_ends_at_midnight_in_chicago_and_in_guam() -> None:
    chicago = parse_expiry("2027-06-30", NOW, CHICAGO)
    assert chicago == datetime(2027, 7, 1, 5, tzinfo=UTC)  # 00:00 CDT on July 1
    guam = parse_expiry("2027-06-30", NOW, GUAM)
    assert guam == datetime(2027, 6, 30, 14, tzinfo=UTC)  # 00:00 ChST on July 1
    assert validity(chicago, CHICAGO) == validity(guam, GUAM) == "through 2027-06-30"
    terms = ConsentTerms(id=4, patient_name=NAME, scopes=(Scope.NAME,), expires_at=guam,
                         zone=GUAM)
    # 09:00 on July 1 in Guam: a day the patient did not authorize (it was in force before)
    assert consent_problem(terms, datetime(2027, 6, 30, 23, tzinfo=UTC)) == \
        "authorization #4 expired (it was valid through 2027-06-30)"
    evening = ConsentTerms(id=5, patient_name=NAME, scopes=(Scope.NAME,), expires_at=chicago,
                           zone=CHICAGO)
    # 20:00 on June 30 in Chicago: still the day typed (it had expired at 19:00)
    assert consent_problem(evening, datetime(2027, 7, 1, 1, tzinfo=UTC)) is None


def test_daylight_saving_midnights_and_a_skipped_one() -> None:
    # the night before the clocks change, and the day they do: both end at local midnight
    assert parse_expiry("2027-03-13", NOW, CHICAGO) == datetime(2027, 3, 14, 6, tzinfo=UTC)
    assert parse_expiry("2027-03-14", NOW, CHICAGO) == datetime(2027, 3, 15, 5, tzinfo=UTC)
    assert parse_expiry("2027-11-07", NOW, CHICAGO) == datetime(2027, 11, 8, 6, tzinfo=UTC)
    # Santiago skips 00:00 on 2027-09-05 (00:00 -04 is 01:00 -03): the 5th begins at 04:00Z
    santiago = ZoneInfo("America/Santiago")
    skipped = parse_expiry("2027-09-04", NOW, santiago)
    assert skipped == datetime(2027, 9, 5, 4, tzinfo=UTC)
    assert validity(skipped, santiago) == "through 2027-09-04"
    # Beirut too (2027-03-28 begins at 01:00 +03, 22:00Z)
    assert review.day_end(date(2027, 3, 27), ZoneInfo("Asia/Beirut")) == \
        datetime(2027, 3, 27, 22, tzinfo=UTC)


def test_a_time_with_a_zone_keeps_its_instant_and_reads_on_the_practice_clock() -> None:
    typed = parse_expiry("2027-06-30T09:30-07:00", NOW, GUAM)
    assert typed == datetime(2027, 6, 30, 16, 30, tzinfo=UTC)
    assert validity(typed, GUAM) == "until 2027-07-01 02:30 ChST"
    assert validity(typed, CHICAGO) == "until 2027-06-30 11:30 CDT"
    assert validity(parse_expiry("2027-07-01T00:00-05:00", NOW, GUAM), CHICAGO) == \
        "through 2027-06-30"


def test_today_counts_on_the_practice_clock_and_yesterday_is_refused() -> None:
    evening_in_chicago = datetime(2027, 7, 1, 1, tzinfo=UTC)  # 20:00 CDT on June 30
    assert parse_expiry("2027-06-30", evening_in_chicago, CHICAGO) == \
        datetime(2027, 7, 1, 5, tzinfo=UTC)
    morning_in_guam = datetime(2027, 6, 30, 22, tzinfo=UTC)  # 08:00 ChST on July 1
    with pytest.raises(UserError, match="not in the future"):
        parse_expiry("2027-06-30", morning_in_guam, GUAM)
    with pytest.raises(UserError, match="out of range"):
        parse_expiry("9999-12-31", NOW, GUAM)
    assert validity(parse_expiry("9999-12-30", NOW, ZoneInfo("Pacific/Kiritimati")),
                    CHICAGO) == "until 9999-12-30 04:00 CST"


# --- every place a person reads it -------------------------------------------------------


def test_list_post_show_card_and_the_publish_refusal_show_the_day(db, policy_file,  # noqa: ANN001
                                                                  tmp_path) -> None:
    app = _app(db, policy_file, tmp_path, "Pacific/Guam")
    cid = add_consent(app, AUTHOR, NAME, ["name", "story"], EXPIRES, form_ref="drawer 4")
    [row] = list_consents(app)
    assert row["valid"] == f"through {EXPIRES}"
    assert row["expires_at"] == f"{EXPIRES}T14:00:00+00:00"
    post_id = create_post(app, AUTHOR, prepare_draft(app, STORY, ["facebook"]))
    dismiss(app, AUTHOR, post_id, "F1", "authorization", consent_id=cid)
    detail = show_post(app, post_id)
    assert f"valid through {EXPIRES}" in dismissal_line(detail["findings"][0])
    card = json.dumps(post_card(post_for_chat(detail), 2))
    assert f"through {EXPIRES}" in card and JULY_1 not in card
    approve(app, DANA, post_id)
    assert approve(app, LUIS, post_id).status == "approved"

    platforms = FakePlatforms(("facebook",))
    config = DaemonConfig(retry_base=0.0, retry_cap=0.0, max_attempts=3, batch=10)
    nine_on_july_1 = datetime(YEAR, 6, 30, 23, tzinfo=UTC)  # in Guam
    Publisher(app, platforms, "w1", config, clock=lambda: nine_on_july_1).run_lane("facebook")
    assert platforms["facebook"].texts() == []
    detail = show_post(app, post_id)
    assert detail["status"] == "blocked_phi"
    assert f"authorization #{cid} expired (it was valid through {EXPIRES})" in \
        detail["status_reason"]


def test_a_post_due_that_evening_in_chicago_is_in_time(db, policy_file, tmp_path) -> None:  # noqa: ANN001
    app = _app(db, policy_file, tmp_path, "America/Chicago")
    cid = add_consent(app, AUTHOR, NAME, ["name", "story"], EXPIRES, form_ref="drawer 4")
    evening = datetime(YEAR, 7, 1, 1, tzinfo=UTC)  # 20:00 CDT on June 30
    post_id = create_post(app, AUTHOR, prepare_draft(app, STORY, ["facebook"], evening))
    dismiss(app, AUTHOR, post_id, "F1", "authorization", consent_id=cid)
    assert show_post(app, post_id)["status"] == "pending_approval"
    late = datetime(YEAR, 7, 1, 6, tzinfo=UTC)  # 01:00 CDT on July 1
    post_id = create_post(app, AUTHOR, prepare_draft(app, STORY, ["facebook"], late))
    with pytest.raises(Refused, match=rf"scheduled for {JULY_1} 01:00 CDT, after "
                                      rf"authorization #{cid} expires \(it is valid through "
                                      rf"{EXPIRES}\)"):
        dismiss(app, AUTHOR, post_id, "F1", "authorization", consent_id=cid)


def test_a_row_recorded_before_keeps_its_instant(db, policy_file, tmp_path) -> None:  # noqa: ANN001
    """Recorded in UTC (as every date was before), read by a practice in Chicago: the same
    instant, shown as its local time, in force until then and not after."""
    cid = add_consent(_app(db, policy_file, tmp_path, "UTC"), AUTHOR, NAME, ["name"],
                      EXPIRES, form_ref="drawer 4")
    app = _app(db, policy_file, tmp_path, "America/Chicago")
    row = get_consent(app, cid)
    assert row["expires_at"] == f"{JULY_1}T00:00:00+00:00"
    assert row["valid"] == f"until {EXPIRES} 19:00 CDT"
    assert row["in_force"] and row["problem"] is None  # its audit record still agrees


def test_chat_leaves_a_local_expiry_time_alone() -> None:
    for words in ("until 2027-06-30 19:00 CDT", "until 2027-09-04 20:00 UTC-04:00",
                  "through 2027-06-30"):
        text, spans = unmark(f"valid {own(words)}", ())
        assert text == f"valid {words}" and spans == [(6, len(text))]


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "social_bot", *args],
                          env={**env, "COLUMNS": "200"}, capture_output=True, text=True,
                          timeout=120)


def test_the_machine_zone_when_no_timezone_is_set(cli_env) -> None:  # noqa: ANN001
    env = {**cli_env, "TZ": "America/Chicago"}
    assert _cli(env, "init").returncode == 0
    added = _cli(env, "consent", "add", "--name", NAME, "--scope", "name", "--expires",
                 EXPIRES, "--form", "drawer 4")
    assert added.returncode == 0, added.stderr
    [row] = json.loads(_cli(env, "consent", "list", "--json").stdout)
    assert row["expires_at"] == f"{JULY_1}T05:00:00+00:00"
    assert f"through {EXPIRES}" in _cli(env, "consent", "list").stdout
    guam = {**env, "SOCIALBOT_TIMEZONE": "Pacific/Guam"}  # the setting wins over the machine
    table = _cli(guam, "consent", "list").stdout
    assert f"until {JULY_1} 15:00 ChST" in table
    unknown = _cli({**env, "SOCIALBOT_TIMEZONE": "Nowhere/Nope"}, "consent", "add", "--name",
                   NAME, "--scope", "name", "--expires", EXPIRES, "--form", "drawer 5")
    assert unknown.returncode == 2 and unknown.stderr.startswith("error: SOCIALBOT_TIMEZONE")
    assert len(json.loads(_cli(env, "consent", "list", "--json").stdout)) == 1  # not recorded
