"""Times are shown with their zone, in SOCIALBOT_TIMEZONE (or the machine's zone): a post
entered for 09:00-08:00 never lists as a bare 17:00."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from social_bot.errors import UserError
from social_bot.timefmt import show_time
from tests.test_cli_hostile import run_main
from tests.test_readonly import officer_env  # noqa: F401 - fixture


@pytest.mark.parametrize(("zone", "shown"), [
    ("America/Los_Angeles", "2027-01-15 09:00 PST"),
    ("UTC", "2027-01-15 17:00 UTC"),
    ("Europe/Berlin", "2027-01-15 18:00 CET"),
    ("America/Sao_Paulo", "2027-01-15 14:00 UTC-03:00"),  # a zone without a letter name
])
def test_one_instant_in_several_zones(zone, shown):
    assert show_time("2027-01-15T17:00:00+00:00", zone) == shown
    assert show_time(datetime(2027, 1, 15, 17, tzinfo=UTC), zone) == shown


def test_daylight_saving_follows_the_date():
    assert show_time("2027-07-15T16:00:00+00:00", "America/Los_Angeles") == "2027-07-15 09:00 PDT"


def test_naive_values_are_utc_and_the_local_zone_is_marked():
    assert show_time("2027-01-15T17:00:00", "UTC") == "2027-01-15 17:00 UTC"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d \S+", show_time("2027-01-15T17:00:00"))
    assert show_time(None, empty="asap") == "asap"


def test_an_unknown_zone_is_a_one_line_error():
    with pytest.raises(UserError, match="not a time zone name"):
        show_time("2027-01-15T17:00:00+00:00", "Mars/Olympus_Mons")


def test_list_and_show_use_the_zone(officer_env, monkeypatch):  # noqa: F811
    from social_bot.app import App
    from social_bot.posts import Staff, create_post, prepare_draft
    from social_bot.settings import load_settings
    from social_bot.storage import init_storage
    from tests.conftest import keyword_screener

    settings = load_settings()
    report = init_storage(settings)
    app = App(settings, db=report.db, screener=keyword_screener,
              validator=lambda platform, text, media: [])
    # stored as it was before `--at` refused a date more than a year ahead (s53 A3): a post
    # already queued for a far date still lists
    draft = prepare_draft(app, "Flu shots Saturday", ["x"],
                          datetime(2099, 1, 15, 17, tzinfo=UTC))
    create_post(app, Staff("Pat Author", "pat"), draft)
    report.db.dispose()

    monkeypatch.setenv("SOCIALBOT_TIMEZONE", "America/Los_Angeles")
    monkeypatch.setenv("COLUMNS", "200")
    code, out, err = run_main(("post", "list"))
    assert code == 0, err
    assert "2099-01-15 09:00 PST" in out
    code, out, err = run_main(("post", "show", "1"))
    assert code == 0 and "At: 2099-01-15 09:00 PST" in out, err

    monkeypatch.setenv("SOCIALBOT_TIMEZONE", "UTC")
    code, out, _ = run_main(("post", "list"))
    assert "2099-01-15 17:00 UTC" in out
    assert not re.search(r"17:00(?! UTC)", out)  # never a bare hour

    monkeypatch.setenv("SOCIALBOT_TIMEZONE", "Nowhere/Nope")
    code, _, err = run_main(("post", "list"))
    assert code == 2 and err.startswith("error: SOCIALBOT_TIMEZONE")
