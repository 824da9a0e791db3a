"""Times as a person reads them: in the practice's zone, with the zone always marked.

Storage keeps UTC. A time typed as 09:00-08:00 is stored as 17:00Z; shown bare as "17:00"
it reads as the wrong hour, so every human-facing time carries its zone, converted to
SOCIALBOT_TIMEZONE (an IANA name such as America/Los_Angeles) or, when that is unset,
to this machine's local zone. JSON output keeps ISO 8601 with its offset.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from functools import lru_cache
from typing import Any

from policies.review import local_time, zone_label
from social_bot.errors import UserError


def session_zone(session: Any) -> tzinfo | None:
    """The practice's zone for what a database session shows (the Database carries
    SOCIALBOT_TIMEZONE; None: this machine's zone). An unknown name, which `post list`
    refuses, reads as UTC here: the stored instant decides, and UTC is marked as such."""
    name = session.info.get("timezone") if session is not None else None
    try:
        return display_zone(name)
    except UserError:
        return UTC


@lru_cache(maxsize=8)
def display_zone(name: str | None) -> tzinfo | None:
    """The zone for `name` (None: the machine's local zone, resolved per instant so
    daylight saving is right)."""
    if not name:
        return None
    if name.upper() in ("UTC", "Z"):
        return UTC
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise UserError(f"SOCIALBOT_TIMEZONE {name!r} is not a time zone name "
                        "(e.g. America/Chicago, Europe/London or UTC)") from None


def show_time(value: str | datetime | None, zone_name: str | None = None, *,
              empty: str = "") -> str:
    """'2026-12-01 09:00 PST' for an ISO string or datetime; naive values are UTC. A
    schedule time with seconds (stored before session 50) shows them."""
    if value is None or value == "":
        return empty
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = local_time(moment, display_zone(zone_name))
    # A time stored to the second (before session 50 the schedule kept what was typed)
    # says so: what decides publication and is in the approved hash is shown, not rounded.
    fine = ":%S.%f" if local.microsecond else ":%S" if local.second else ""
    return f"{local:%Y-%m-%d %H:%M}{local.strftime(fine)} {zone_label(local)}"
