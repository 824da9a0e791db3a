"""Platform adapters behind one small interface (adapters.base.Adapter), and the one
registry of platforms: the CLI, the daemon, the demo and the sandbox all read the list here.

Adding a platform: write one module with an Adapter subclass (and its sandbox stand-in,
social_bot/sandbox/<name>.py) and add one entry to _ENTRIES.
Importing this package, or validating a draft, loads neither requests nor tweepy.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass

from adapters.base import Adapter, Draft


@dataclass(frozen=True)
class PlatformEntry:
    name: str         # the platform's id everywhere (--platform, deliveries, sandbox prefix)
    adapter: str      # "module:Class", imported on first use
    short: str        # column label in `post list`
    aliases: tuple[str, ...] = ()  # other names accepted on the command line
    # How many days after publishing the platform's API still serves a post's comments
    # (None: as long as the policy's monitor_days), and what the review queue says about it.
    monitor_days_cap: int | None = None
    monitor_note: str = ""


_ENTRIES: tuple[PlatformEntry, ...] = (
    PlatformEntry("linkedin", "adapters.linkedin:LinkedInAdapter", "li"),
    PlatformEntry("facebook", "adapters.facebook:FacebookAdapter", "fb"),
    PlatformEntry("x", "adapters.x:XAdapter", "x", aliases=("twitter",), monitor_days_cap=7,
                  monitor_note="X serves replies through recent search for 7 days only: X "
                  "posts are watched for 7 days after publishing, whatever monitor_days says; "
                  "check older X posts in the X app"),
)
REGISTRY: dict[str, PlatformEntry] = {entry.name: entry for entry in _ENTRIES}
_REGISTRY: dict[str, str] = {entry.name: entry.adapter for entry in _ENTRIES}

PLATFORMS: tuple[str, ...] = tuple(REGISTRY)


def platform_named(value: str) -> str | None:
    """The registered platform a user means by `value` (case, aliases), or None."""
    wanted = value.strip().lower()
    for entry in _ENTRIES:
        if wanted == entry.name or wanted in entry.aliases:
            return entry.name
    return None


def platform_choices(last: str = "or") -> str:
    """"linkedin, facebook or x": the registered names for a message."""
    return ", ".join(PLATFORMS[:-1]) + f" {last} {PLATFORMS[-1]}" if len(PLATFORMS) > 1 \
        else PLATFORMS[0]


def adapter_class(name: str) -> type[Adapter]:
    try:
        module_name, class_name = _REGISTRY[name].split(":")
    except KeyError:
        raise ValueError(
            f"unknown platform {name!r} (expected one of {', '.join(PLATFORMS)})"
        ) from None
    return getattr(importlib.import_module(module_name), class_name)


def can_hide(name: str) -> bool:
    """Whether the platform can hide a comment (LinkedIn cannot: only delete). What chat and
    the CLI promise about hiding must follow this, not the policy's wish alone."""
    return bool(adapter_class(name).can_hide)


def can_delete_others(name: str) -> bool:
    """Whether the platform lets the account delete someone else's comment on its post (X
    does not: an account deletes only its own posts, and a reply answers 403)."""
    return bool(adapter_class(name).can_delete_others)


def validate_draft(name: str, draft: Draft) -> list[str]:
    """Length and media problems of a draft on one platform, one line each."""
    return adapter_class(name).validate(draft)


def validate_reply(name: str, text: str) -> list[str]:
    """A reply's length problem on one platform, beyond the post checks (validate_draft): a
    reply to a comment is held to the platform's comment limit (adapters/limits.py,
    REPLY_LIMITS); none where that limit is the post's own (X), which validate_draft says."""
    from adapters.base import length_problem
    from adapters.limits import REPLY_LIMITS, TEXT_LIMITS, text_length

    limit = REPLY_LIMITS[name]
    if limit.most >= TEXT_LIMITS[name].most:
        return []
    return length_problem(f"{name} (a reply is a comment)", text_length(name, text),
                          limit.most)


def build_adapter(name: str, env: Mapping[str, str]) -> Adapter:
    return adapter_class(name).from_env(env)
