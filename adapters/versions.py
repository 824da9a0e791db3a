"""The API versions the adapters can be pointed at, with their sunset dates: one typed table
that `socialbot check` (social_bot/accounts/versions.py), the adapters and the sandbox read.

Sources (checked 2026-12-02 with the search tool; see docs/adapters.md):
- LinkedIn: "API Migration Status" table of the Marketing API migrations page,
  https://learn.microsoft.com/linkedin/marketing/integrations/migrations (versions
  202510-202603 with their sunset dates), and the versioning page
  https://learn.microsoft.com/linkedin/marketing/versioning ("supported and stable for a
  minimum of one year before sunset"). Later versions (202604-202607) exist, but no page we
  could read dates their sunset, so they are not listed: `check` says "sunset unknown".
- Facebook Graph API: https://developers.facebook.com/docs/graph-api/changelog/versions
  (release and expiry dates per version).
- X API v2 is not versioned by date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class ApiVersion:
    platform: str
    version: str            # exactly as sent (LinkedIn-Version header, Graph path prefix)
    sunset: date            # the first day calls with it are refused
    source: str             # the page the date was read from


_LINKEDIN_MIGRATIONS = "https://learn.microsoft.com/linkedin/marketing/integrations/migrations"
_GRAPH_VERSIONS = "https://developers.facebook.com/docs/graph-api/changelog/versions"

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


def is_retired(platform: str, version: str, today: date) -> bool:
    sunset = sunset_date(platform, version)
    return sunset is not None and today >= sunset


def earliest_sunset(platform: str, version: str) -> date | None:
    """For a LinkedIn version the table does not date (a newer one than we could read about):
    the earliest day it can be retired. LinkedIn's versioning page promises each version "a
    minimum of one year" (published sunsets fall mid-month a year on: 202510 -> 2026-10-15),
    so the first of its month a year later is a safe floor. None for other platforms."""
    match = re.fullmatch(r"(\d{4})(\d{2})(?:\.\d{2})?", version)
    if platform != "linkedin" or match is None or not 1 <= int(match[2]) <= 12:
        return None
    return date(int(match[1]) + 1, int(match[2]), 1)
