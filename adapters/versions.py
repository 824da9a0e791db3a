"""The API versions the adapters can be pointed at, with their sunset dates: one typed table
that `socialbot check` (social_bot/accounts/versions.py), the adapters and the sandbox read.

Sources (checked 2026-12-02, re-read 2026-12-06 and 2026-12-07, with the search tool; see
docs/adapters.md and docs/history/security.md):
- LinkedIn: "API Migration Status" table of the Marketing API migrations page,
  https://learn.microsoft.com/linkedin/marketing/integrations/migrations (versions
  202510-202603 with their sunset dates), and the versioning page
  https://learn.microsoft.com/linkedin/marketing/versioning ("supported and stable for a
  minimum of one year before sunset"). Later versions (202604-202607) exist, but no page we
  could read dates their sunset, so they are not listed: `check` says "sunset unknown".
- Facebook Graph API: https://developers.facebook.com/docs/graph-api/changelog/versions
  (release and expiry dates per version; v26.0's expiry "TBD"), and Meta's post of
  2026-11-04, "Introducing Graph API v27.0 and Marketing API v27.0" (re-read 2026-12-06).
- X API v2 is not versioned by date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum


@dataclass(frozen=True)
class ApiVersion:
    platform: str
    version: str            # exactly as sent (LinkedIn-Version header, Graph path prefix)
    sunset: date            # the first day calls with it are refused
    source: str             # the page the date was read from


_LINKEDIN_MIGRATIONS = "https://learn.microsoft.com/linkedin/marketing/integrations/migrations"
_GRAPH_VERSIONS = "https://developers.facebook.com/docs/graph-api/changelog/versions"
_GRAPH_V27 = ("https://developers.facebook.com/blog/post/2026/11/04/"
              "introducing-graph-api-v27-and-marketing-api-v27/")

VERSIONS: tuple[ApiVersion, ...] = (
    ApiVersion("linkedin", "202510", date(2026, 10, 15), _LINKEDIN_MIGRATIONS),
    ApiVersion("linkedin", "202511", date(2026, 11, 16), _LINKEDIN_MIGRATIONS),
    ApiVersion("linkedin", "202601", date(2027, 1, 15), _LINKEDIN_MIGRATIONS),
    ApiVersion("linkedin", "202602", date(2027, 2, 15), _LINKEDIN_MIGRATIONS),
    ApiVersion("linkedin", "202603", date(2027, 3, 16), _LINKEDIN_MIGRATIONS),
    ApiVersion("facebook", "v21.0", date(2027, 1, 21), _GRAPH_VERSIONS),
    ApiVersion("facebook", "v22.0", date(2027, 5, 20), _GRAPH_VERSIONS),
    ApiVersion("facebook", "v23.0", date(2027, 10, 8), _GRAPH_VERSIONS),
    ApiVersion("facebook", "v24.0", date(2028, 2, 18), _GRAPH_VERSIONS),
    ApiVersion("facebook", "v25.0", date(2028, 7, 29), _GRAPH_VERSIONS),
)

# The newest LinkedIn version whose sunset date a page we read gives (adapters/linkedin.py
# sends it unless LINKEDIN_API_VERSION says otherwise).
LINKEDIN_DEFAULT = "202603"


def known(platform: str, version: str) -> ApiVersion | None:
    base = version.split(".")[0] if platform == "linkedin" else version  # 202511.01 -> 202511
    return next((v for v in VERSIONS if v.platform == platform and v.version == base), None)


def sunset_date(platform: str, version: str) -> date | None:
    """The sunset date of `version` on `platform`, or None when no source we read gives one."""
    found = known(platform, version)
    return found.sunset if found else None


# The day the table's sources were last read (2026-12-02, re-read 2026-12-06 and 2026-12-07:
# no LinkedIn version after 202603 is dated where we read, the Graph dates are unchanged and
# v26.0 / v27.0 still have no expiry).
TABLE_READ = date(2026, 12, 7)


@dataclass(frozen=True)
class Release:
    """A version a source shows released, whatever its expiry (Graph leaves it "TBD")."""

    platform: str
    version: str
    released: date
    source: str


# The newest Graph version a source we read shows released. v26.0 (2026-07-29) and v27.0
# have no expiry date yet, so they are not in VERSIONS; until session 46 the newest Graph
# version known here was v25.0, and v27.0, out since 2026-11-04, was called nonexistent.
GRAPH_NEWEST = Release("facebook", "v27.0", date(2026, 11, 4), _GRAPH_V27)
# The shortest gap between two Graph releases on the changelog (v21.0 2024-10-02 to v27.0:
# 3.6, 4.2, 4.3, 4.3, 5.3, 3.2 months): a version past GRAPH_NEWEST is believable only as
# far as releases can have come since.
GRAPH_RELEASE_MONTHS = 3


class Standing(StrEnum):
    LIVE = "live"              # served (dated, or newer than the table and believable)
    RETIRED = "retired"        # past its sunset, or older than the oldest version we read of
    MALFORMED = "malformed"    # not a version name the platform uses
    UNRELEASED = "unreleased"  # named after a month still to come, or too far past the newest


@dataclass(frozen=True)
class Verdict:
    standing: Standing
    reason: str = ""  # for a person, when not LIVE


def _linkedin_month(version: str) -> tuple[int, int] | None:
    match = re.fullmatch(r"(\d{4})(\d{2})(?:\.\d{2})?", version)
    if match is None or not 1 <= int(match[2]) <= 12:
        return None
    return int(match[1]), int(match[2])


def _graph_number(version: str) -> tuple[int, int] | None:
    match = re.fullmatch(r"v(\d{1,3})\.(\d{1,2})", version)
    return (int(match[1]), int(match[2])) if match else None


def standing(platform: str, version: str, today: date) -> Verdict:
    """Whether `platform` serves `version` today. Unknown used to read as "not retired", so
    202401 (retired two years ago), 202413 (no month 13), 209912 and Graph v99.0 all passed
    `check` and the sandbox (an outside review, session 43). Versions retire in release order,
    so one older than the oldest in the table is retired too; LinkedIn names a version after
    its release month, so a later month does not exist yet."""
    parse = _linkedin_month if platform == "linkedin" else _graph_number
    number = parse(version)
    if number is None:
        shape = "YYYYMM with a month 01-12" if platform == "linkedin" else "v<major>.<minor>"
        return Verdict(Standing.MALFORMED, f"not a {platform} API version ({shape})")
    sunset = sunset_date(platform, version)
    if sunset is not None:
        return Verdict(Standing.RETIRED, f"retired on {sunset}") if today >= sunset \
            else Verdict(Standing.LIVE)
    table = sorted((n, v.version) for v in VERSIONS
                   if v.platform == platform and (n := parse(v.version)) is not None)
    oldest, newest = table[0], table[-1]
    if number < oldest[0]:
        return Verdict(Standing.RETIRED, f"retired: older than {oldest[1]}, the oldest "
                       f"version served when its sources were read ({TABLE_READ})")
    if platform == "linkedin" and number > (today.year, today.month):
        return Verdict(Standing.UNRELEASED, "does not exist: LinkedIn names each version "
                       "after its release month, and that month is still to come")
    if platform == "facebook":
        released = GRAPH_NEWEST.released
        months = (today.year - released.year) * 12 + today.month - released.month
        known = max(newest[0], _graph_number(GRAPH_NEWEST.version) or newest[0])
        believable = known[0] + max(0, months) // GRAPH_RELEASE_MONTHS
        if number[0] > believable:
            return Verdict(Standing.UNRELEASED, f"does not exist: the newest Graph version is "
                           f"{GRAPH_NEWEST.version} (released {released}), and Graph releases "
                           f"come at least {GRAPH_RELEASE_MONTHS} months apart")
    return Verdict(Standing.LIVE)


def is_retired(platform: str, version: str, today: date) -> bool:
    """True when `platform` would not serve `version` today (retired, or never existed)."""
    return standing(platform, version, today).standing != Standing.LIVE


def earliest_sunset(platform: str, version: str) -> date | None:
    """For a LinkedIn version the table does not date (a newer one than we could read about):
    the earliest day it can be retired. LinkedIn's versioning page promises each version "a
    minimum of one year" (published sunsets fall mid-month a year on: 202510 -> 2026-10-15),
    so the first of its month a year later is a safe floor. None for other platforms."""
    match = re.fullmatch(r"(\d{4})(\d{2})(?:\.\d{2})?", version)
    if platform != "linkedin" or match is None or not 1 <= int(match[2]) <= 12:
        return None
    return date(int(match[1]) + 1, int(match[2]), 1)


def refuse_unknown_version(platform: str, setting: str, version: str) -> None:
    """An adapter is not built for a version that cannot exist (month 13, a month to come, a
    Graph version far past the newest): a setting to fix, so deliveries are held, not
    failed. A retired one is left to the platform (LinkedIn's 426, Graph's upgrade)."""
    from adapters.base import NeedsAction

    verdict = standing(platform, version, datetime.now(UTC).date())
    if verdict.standing in (Standing.MALFORMED, Standing.UNRELEASED):
        raise NeedsAction(f"{platform}: {setting} {version}: {verdict.reason}; set a "
                          "supported version (docs/adapters.md) and restart the daemon",
                          kind="config")
