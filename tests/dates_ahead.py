"""Dates ahead of the real clock, for tests that run against it (session 48).

A consent expiring on a fixed "2027-06-30" or a post scheduled for a fixed day makes a test
fail once the wall clock passes that day (the product refuses an expiry or a schedule in the
past). These give the same month and day in the next calendar year instead: always ahead of
now (at least a day, at most two years), and in the same season, so a test that depends on
daylight saving time (June 30 in Chicago is CDT) keeps its meaning. Tests that pass the
product an injected clock (``now=``, ``clock=``) keep their fixed dates.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta


def next_year() -> int:
    return datetime.now(UTC).year + 1


def a_year_ahead(month: int = 6, day: int = 30) -> str:
    """That day of next year as an ISO date; the default, June 30, is 6 to 18 months ahead."""
    return date(next_year(), month, day).isoformat()


def day_after(iso_day: str) -> str:
    """The ISO date after ``iso_day`` (a day typed as an expiry is stored as the next
    midnight)."""
    return (date.fromisoformat(iso_day) + timedelta(days=1)).isoformat()


def a_live_linkedin_version() -> str:
    """The LinkedIn version of adapters/versions.py with the latest sunset still ahead of the
    real clock: what a test that talks to the strict sandbox sends when it sets the version
    itself (a fixed "202601" is refused from its sunset, 2027-01-15, on). When none is left,
    the product's default is retired too: the table needs LinkedIn's newer versions."""
    from adapters.versions import VERSIONS

    today = datetime.now(UTC).date()
    live = [v for v in VERSIONS if v.platform == "linkedin" and v.sunset > today]
    if not live:
        raise AssertionError("no LinkedIn version in adapters/versions.py is live any more: "
                             "re-read LinkedIn's migrations page and add the newer ones")
    return max(live, key=lambda v: v.sunset).version
