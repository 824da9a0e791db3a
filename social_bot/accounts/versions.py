"""The API version each platform is called with, and its sunset date when a source gives it.

The dates live in one typed table, `adapters/versions.py` (engineer "platforms", with the
pages they were read from); this module only says which version is in use.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date


def version_in_use(platform: str, env: Mapping[str, str]) -> str | None:
    if platform == "linkedin":
        from adapters.linkedin import DEFAULT_VERSION, VERSION_SETTING

        return env.get(VERSION_SETTING) or env.get("LINKEDIN_VERSION") or DEFAULT_VERSION
    if platform == "facebook":
        from adapters.facebook import DEFAULT_VERSION as GRAPH_VERSION

        return env.get("FACEBOOK_GRAPH_VERSION") or GRAPH_VERSION
    return None  # X API v2 is not versioned by date


def sunset(platform: str, version: str | None) -> date | None:
    from adapters.versions import sunset_date

    return sunset_date(platform, version) if version else None


def earliest_sunset(platform: str, version: str | None) -> date | None:
    """When no source dates `version`: the earliest it can be retired (LinkedIn only)."""
    from adapters.versions import earliest_sunset as floor

    return floor(platform, version) if version and sunset(platform, version) is None else None


def version_problem(platform: str, version: str | None, today: date) -> str | None:
    """Why the platform will not serve `version` (retired, malformed, not released), or None."""
    from adapters.versions import Standing, standing

    if not version:
        return None
    verdict = standing(platform, version, today)
    return None if verdict.standing == Standing.LIVE else verdict.reason
