"""Settings a policy may loosen from socialbot's shipped defaults only with a written reason.

A value inside its allowed range could still switch a safeguard off in silence:
`thresholds.phi = 1.0` flags almost no comment carrying PHI, `auto_hide = []` hides none,
`monitor_days = 1` stops reading comments after a day, `blocked_days = 0` keeps blocked
drafts' PHI for ever. Each was recorded in the audit trail, not refused (session 45). Now a
value looser than the shipped default is refused unless the policy's `[loosened]` table gives
the reason under the setting's name (which the trail then records with the value):

    [moderation]
    thresholds = { negative = 0.6 }

    [loosened]
    "moderation.thresholds.negative" = "Our office manager reads every comment daily."

A reason for a setting that is not loosened is refused too, so a reason written for one
value does not stay behind to cover a later one. Pure functions; `policies.config` calls them.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from policies.moderation.policy import (
    DEFAULT_HIDE_THRESHOLDS,
    DEFAULT_THRESHOLDS,
    FLAGS,
    ModerationPolicy,
)
from policies.polling import PollingPolicy

SECTION = "loosened"
MIN_REASON = 10  # letters, in two words or more: a sentence a reader understands, not "ok"

_SHIPPED = ModerationPolicy()
SHIPPED_BLOCKED_DAYS = 30
SHIPPED_COMMENTS_DAYS = 30
_SHIPPED_POLLING = PollingPolicy()
# SOCIALBOT_POLL_INTERVAL's default (social_bot/daemon/config.py): how often a post is polled
# before the schedule's first row, by the shipped schedule and by a practice's alike
SHIPPED_FIRST_POLL = timedelta(seconds=60)
# The platforms whose [polling] daily_calls can starve comment polling, and the fewest calls a
# day polling gets from the shipped policy where it sets a budget (LinkedIn: 500 x (1 - 0.25)
# = 375). A practice's budget and reserve may leave polling fewer only with a reason: once
# they are spent comments are not read, nor one with PHI hidden, until the next UTC day.
POLLED_PLATFORMS = ("linkedin", "facebook", "x")
SHIPPED_DAILY_CALLS = min(_SHIPPED_POLLING.daily_calls.values())
SHIPPED_POLL_ALLOWANCE = min(_SHIPPED_POLLING.poll_allowance(p)
                             for p in _SHIPPED_POLLING.daily_calls)


def _shipped_hide(flag: str) -> float:
    return max(DEFAULT_THRESHOLDS[flag], DEFAULT_HIDE_THRESHOLDS.get(flag, 0.0))


def _days(value: int) -> str:
    return "for ever" if value == 0 else f"{value} days"


# every setting [loosened] may name, and what loosening it does (for the refusal's line)
SETTINGS: Mapping[str, str] = {
    # a flag's threshold is its hide threshold's floor: raising it also hides fewer, which
    # its one reason covers (said here, so the reason is written knowing it)
    **{f"moderation.thresholds.{flag}": f"fewer comments flagged {flag}" + (
        ", and so fewer hidden" if flag in _SHIPPED.auto_hide else "") for flag in FLAGS},
    **{f"moderation.hide_thresholds.{flag}": f"fewer {flag} comments hidden"
       for flag in _SHIPPED.auto_hide},
    "moderation.auto_hide": "comments the shipped policy hides stay visible",
    "moderation.monitor_days": "comments read for a shorter time after a post",
    "retention.blocked_days": "blocked drafts keep their text (PHI) longer",
    "retention.comments_days": "comments keep their text and authors longer",
    # `schedule = [[0, 10080]]` read a post's comments once a week: a comment with PHI stayed
    # visible up to a week, with no reason asked (an outside review, session 46)
    "polling.schedule": "comments read less often, so a comment with PHI stays visible "
                        "longer before it is hidden",
    # a small budget or a large reserve starved polling with no reason asked (an outside
    # review, session 46)
    **{f"polling.daily_calls.{p}": f"fewer calls a day for polling {p}'s comments: once "
                                   "spent, none is read (nor one with PHI hidden) until the "
                                   "next UTC day" for p in POLLED_PLATFORMS},
    "polling.publish_reserve": "a larger share of each day's calls kept from comment "
                               "polling: once the rest is spent, none is read (nor one with "
                               "PHI hidden) until the next UTC day",
}


def describe_span(value: timedelta) -> str:
    minutes = value.total_seconds() / 60
    if minutes >= 60 * 24:
        return f"{minutes / (60 * 24):g} days"
    return f"{minutes / 60:g} h" if minutes >= 60 else f"{minutes:g} min"


def slower_polling(polling: Any) -> str | None:
    """Where the schedule polls a post less often than the shipped one at the same age, as
    "every <own> from <age> (shipped every <was>)"; None where it never does. Both are
    step functions of the age, so comparing them at every row of either is enough."""
    ages = sorted({timedelta(0), *(max(age, timedelta(0)) for age, _ in polling.schedule),
                   *(age for age, _ in _SHIPPED_POLLING.schedule)})
    for age in ages:
        own = polling.interval(age, SHIPPED_FIRST_POLL)
        was = _SHIPPED_POLLING.interval(age, SHIPPED_FIRST_POLL)
        if own > was:
            return (f"every {describe_span(own)} from {describe_span(age)} "
                    f"(shipped every {describe_span(was)})")
    return None


def starved_polling(polling: Any) -> dict[str, str]:
    """Where polling gets fewer calls a day than the shipped policy's fewest (375), the
    settings that take them: a platform's `daily_calls` under the shipped budget (500; a
    platform the shipped policy sets none for too), `publish_reserve` over the shipped 0.25.
    A budget of a million with a reserve of 0.9 still leaves polling plenty: not a
    loosening."""
    out: dict[str, str] = {}
    short = {p: polling.poll_allowance(p) for p in POLLED_PLATFORMS
             if polling.daily_calls.get(p) is not None
             and polling.poll_allowance(p) < SHIPPED_POLL_ALLOWANCE}
    for platform, allowance in short.items():
        calls = polling.daily_calls[platform]
        if calls < SHIPPED_DAILY_CALLS:
            out[f"polling.daily_calls.{platform}"] = (
                f"{calls} (shipped {_SHIPPED_POLLING.daily_calls.get(platform, 'no budget')}; "
                f"polling gets {allowance} a day, shipped at least {SHIPPED_POLL_ALLOWANCE})")
    if short and polling.publish_reserve > _SHIPPED_POLLING.publish_reserve:
        platform, allowance = min(short.items(), key=lambda item: item[1])
        out["polling.publish_reserve"] = (
            f"{polling.publish_reserve:g} (shipped {_SHIPPED_POLLING.publish_reserve:g}; "
            f"polling gets {allowance} calls a day on {platform}, shipped at least "
            f"{SHIPPED_POLL_ALLOWANCE})")
    return out


def loosenings(policy: Any) -> dict[str, str]:
    """Setting -> "now (shipped was)", for each setting looser than the shipped default."""
    m = policy.moderation
    out: dict[str, str] = {}
    for flag in FLAGS:
        if m.threshold(flag) > DEFAULT_THRESHOLDS[flag]:
            out[f"moderation.thresholds.{flag}"] = (
                f"{m.threshold(flag):g} (shipped {DEFAULT_THRESHOLDS[flag]:g})")
    for flag in _SHIPPED.auto_hide:
        own = float(m.hide_thresholds.get(flag, 0.0))
        if own > _shipped_hide(flag):
            out[f"moderation.hide_thresholds.{flag}"] = f"{own:g} (shipped {_shipped_hide(flag):g})"
    dropped = [flag for flag in _SHIPPED.auto_hide if flag not in m.auto_hide]
    if dropped:
        out["moderation.auto_hide"] = (f"without {', '.join(dropped)} (shipped "
                                       f"{', '.join(_SHIPPED.auto_hide)})")
    if m.monitor_days < _SHIPPED.monitor_days:
        out["moderation.monitor_days"] = f"{m.monitor_days} (shipped {_SHIPPED.monitor_days})"
    for key, shipped in (("blocked_days", SHIPPED_BLOCKED_DAYS),
                         ("comments_days", SHIPPED_COMMENTS_DAYS)):
        days = getattr(policy.retention, key)
        if days == 0 or days > shipped:
            out[f"retention.{key}"] = f"{_days(days)} (shipped {_days(shipped)})"
    if (slower := slower_polling(policy.polling)) is not None:
        out["polling.schedule"] = slower
    out.update(starved_polling(policy.polling))
    return out


def _flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """`moderation.auto_hide = "..."` in TOML is a nested table; `"moderation.auto_hide"`
    a dotted key. Both name the same setting."""
    out: dict[str, Any] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flatten(value, f"{name}."))
        else:
            out[name] = value
    return out


def _in_words(reason: Any) -> bool:
    """Two words and MIN_REASON letters at least: ten dots, dashes or zero-width spaces passed
    as ten characters and were recorded as the reason (an outside review, session 46)."""
    if not isinstance(reason, str):
        return False
    words = [w for w in reason.split() if any(ch.isalpha() for ch in w)]
    return len(words) >= 2 and sum(ch.isalpha() for ch in reason) >= MIN_REASON


def reasons(section: Any) -> dict[str, str]:
    """The [loosened] table, checked: setting -> reason. ValueError with one line."""
    if not isinstance(section, dict):
        raise ValueError(f"[{SECTION}] must be a table of \"setting\" = \"reason\"")
    out: dict[str, str] = {}
    for name, reason in _flatten(section).items():
        if name not in SETTINGS:
            raise ValueError(f"[{SECTION}] {name}: not a setting that can be loosened "
                             f"(known: {', '.join(SETTINGS)})")
        if not _in_words(reason):
            raise ValueError(f"[{SECTION}] {name}: give the reason in words (at least "
                             f"{MIN_REASON} characters)")
        out[name] = " ".join(reason.split())
    return out


def check(policy: Any, given: Mapping[str, str]) -> None:
    """Refuse a loosening without a reason, and a reason for a setting not loosened."""
    found = loosenings(policy)
    missing = [name for name in found if name not in given]
    if missing:
        name = missing[0]
        more = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
        raise ValueError(
            f"{name} = {found[name]} is looser than socialbot's default: {SETTINGS[name]}; "
            f"to keep it, say why under [{SECTION}]: \"{name}\" = \"<the reason>\" (recorded "
            f"in the audit trail){more}")
    stale = [name for name in given if name not in found]
    if stale:
        raise ValueError(f"[{SECTION}] {stale[0]}: the setting is not looser than socialbot's "
                         "default; remove its reason (a reason left behind would cover a "
                         "later loosening nobody explained)")
