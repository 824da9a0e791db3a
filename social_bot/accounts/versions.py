"""The API version each platform is called with, and its sunset date when known.

A small interface over the adapters' version settings: engineer "platforms" owns the typed
table of versions and sunset dates in `adapters/`; until it lands, the dates LinkedIn's
versioning page gives (quoted in issue 15) are kept here.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

# LinkedIn Marketing versions: sunset dates from LinkedIn's "Versioning" page (issue 15).
_LINKEDIN_SUNSETS: dict[str, date] = {
    "202510": date(2026, 10, 15),
    "202511": date(2026, 11, 16),
}


def version_in_use(platform: str, env: Mapping[str, str]) -> str | None:
    if platform == "linkedin":
        from adapters.linkedin import DEFAULT_VERSION

        return env.get("LINKEDIN_API_VERSION") or env.get("LINKEDIN_VERSION") or DEFAULT_VERSION
    if platform == "facebook":
        from adapters.facebook import DEFAULT_VERSION as GRAPH_VERSION

        return env.get("FACEBOOK_GRAPH_VERSION") or GRAPH_VERSION
    return None  # X API v2 is not versioned by date


def sunset(platform: str, version: str | None) -> date | None:
    if version is None:
        return None
    try:  # the adapters' table, once engineer "platforms" lands it
        from adapters.versions import sunset_date  # type: ignore[import-not-found]
    except ImportError:
        sunset_date = None
    if sunset_date is not None:
        found = sunset_date(platform, version)
        if found is not None:
            return found
    if platform == "linkedin":
        return _LINKEDIN_SUNSETS.get(version.split(".")[0])
    return None
