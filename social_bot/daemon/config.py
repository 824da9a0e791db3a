"""The daemon's tunables, read from the environment (all optional; see docs/daemon.md)."""

from __future__ import annotations

import math
import socket
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

from social_bot.errors import UserError

# Above this, seconds no longer fit a timedelta or a scheduler interval (an OverflowError
# deep in a job); no tunable here means anything near it (about 31 years).
MAXIMUM = 1e9


def _number(env: Mapping[str, str], name: str, default: float, minimum: float,
            maximum: float = MAXIMUM) -> float:
    raw = env.get(name)
    if raw in (None, ""):
        return default
    try:
        value = float(raw)
    except ValueError:
        raise UserError(f"{name} must be a number, got {raw[:40]!r}") from None
    # NaN compares false with everything, so `nan < minimum` let it through and it then beat
    # the lease check below (an outside review, session 43): refuse it by name.
    if not math.isfinite(value):
        raise UserError(f"{name} must be a finite number, got {raw[:40]!r}")
    if not minimum <= value <= maximum:
        raise UserError(f"{name} must be from {minimum:g} to {maximum:g}, got {raw[:40]!r}")
    return value


def rate_reserve(env: Mapping[str, str], default: float) -> float:
    """SOCIALBOT_RATE_RESERVE: the share of a platform's rate limit polling leaves alone."""
    return _number(env, "SOCIALBOT_RATE_RESERVE", default, 0.0, 1.0)


def poll_interval(env: Mapping[str, str]) -> float:
    """SOCIALBOT_POLL_INTERVAL: seconds between two polls of a post before its policy's
    `[polling] schedule` first row (the shipped schedule: its first 6 hours)."""
    return _number(env, "SOCIALBOT_POLL_INTERVAL", 60.0, 0.1)


def no_chat_channel(env: Mapping[str, str]) -> str | None:
    """The warning when SLACK_WEBHOOK_URL is unset, None when it is set. Without it the
    outbox keeps every "waiting for approval" and "comment flagged" message and sends none,
    and nothing said so: a practice that set up only the slash command waited for approvers
    who were never asked (the newcomer walk-through, session 50). `socialbot check` warns
    and the daemon logs it at start; not refused, as a bench or a test daemon runs without."""
    if (env.get("SLACK_WEBHOOK_URL") or "").strip():
        return None
    return ("SLACK_WEBHOOK_URL is not set: approvers are not told in chat when a post waits "
            "for approval or a comment is flagged (the messages wait and go out once it is "
            "set); docs/chat.md, \"Creating the Slack app\", step 5 (Mattermost: an incoming "
            "webhook)")


def slow_first_poll(seconds: float) -> str | None:
    """The warning for a SOCIALBOT_POLL_INTERVAL above the shipped 60 s, None at or under it.
    Not refused: the environment is the operator's, not the policy file the trail records,
    and a bench or a test daemon may want it; but it starved comment polling in a post's
    first hours, when most comments come, with nothing said (an outside review, session
    46). `socialbot check` warns (exit 1) and the daemon logs it at start."""
    from policies.loosening import SHIPPED_FIRST_POLL, describe_span

    if seconds <= SHIPPED_FIRST_POLL.total_seconds():
        return None
    return (f"SOCIALBOT_POLL_INTERVAL = {seconds:g} s polls a post's comments less often than "
            f"the shipped {SHIPPED_FIRST_POLL.total_seconds():g} s until its policy's "
            "[polling] schedule begins (shipped: its first 6 hours, when most comments "
            f"come): a comment with PHI stays visible up to "
            f"{describe_span(timedelta(seconds=seconds))} before it is read")


@dataclass(frozen=True)
class DaemonConfig:
    publish_interval: float = 2.0        # seconds between publish passes (approvals wake it too)
    poll_interval: float = 60.0          # seconds between two comment polls of one delivery
    poll_tick: float = 5.0               # seconds between comment-poll passes per platform
    housekeeping_interval: float = 10.0  # outbox delivery and gauges
    lease: timedelta = timedelta(seconds=120)  # an attempt older than this, by another worker,
    #                                           is presumed dead and reconciled
    reconcile_slack: timedelta = timedelta(minutes=5)  # clock skew allowed in find_published
    retry_base: float = 5.0              # first retry delay; doubles per attempt, with jitter
    retry_cap: float = 900.0
    max_attempts: int = 10               # transient failures before a delivery fails for good
    batch: int = 50                      # deliveries claimed or polled per pass and platform
    # seconds between two re-reads of a post's comments for edits, where the platform tells
    # no edit time (Facebook; LinkedIn's reply threads); 0 turns the re-read off
    edit_sweep_interval: float = 3600.0
    # seconds between two new tries of deliveries held for spent credits (X's 402): nothing
    # tells socialbot that someone bought more, so each held delivery is tried again after
    # this (one request; still 402, held again), besides at every daemon start
    credits_retry: float = 3600.0

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> DaemonConfig:
        config = cls(
            publish_interval=_number(env, "SOCIALBOT_PUBLISH_INTERVAL", 2.0, 0.1),
            poll_interval=poll_interval(env),
            poll_tick=_number(env, "SOCIALBOT_POLL_TICK", 5.0, 0.1),
            housekeeping_interval=_number(env, "SOCIALBOT_HOUSEKEEPING_INTERVAL", 10.0, 0.1),
            lease=timedelta(seconds=_number(env, "SOCIALBOT_CLAIM_LEASE", 120.0, 1.0)),
            retry_base=_number(env, "SOCIALBOT_RETRY_BASE", 5.0, 0.0),
            retry_cap=_number(env, "SOCIALBOT_RETRY_CAP", 900.0, 0.0),
            max_attempts=int(_number(env, "SOCIALBOT_MAX_ATTEMPTS", 10, 1)),
            batch=int(_number(env, "SOCIALBOT_BATCH", 50, 1)),
            edit_sweep_interval=_number(env, "SOCIALBOT_EDIT_SWEEP_INTERVAL", 3600.0, 0.0),
            credits_retry=_number(env, "SOCIALBOT_CREDITS_RETRY", 3600.0, 60.0),
        )
        config.check_lease(env)
        return config

    def check_lease(self, env: Mapping[str, str]) -> None:
        """Another worker reconciles an attempt once its lease ends; a request still in flight
        then would be published twice. So the lease must outlast the slowest publish call (a
        few requests, each bounded by the adapters' connect + read timeouts)."""
        from adapters.base import DEFAULT_TIMEOUT, MAX_TIMEOUT

        connect = _number(env, "SOCIALBOT_CONNECT_TIMEOUT", DEFAULT_TIMEOUT[0], 0.001,
                          MAX_TIMEOUT)
        read = _number(env, "SOCIALBOT_READ_TIMEOUT", DEFAULT_TIMEOUT[1], 0.001, MAX_TIMEOUT)
        needed = 3 * (connect + read)
        if self.lease.total_seconds() < needed:
            raise UserError(
                f"SOCIALBOT_CLAIM_LEASE ({self.lease.total_seconds():g} s) must be at least "
                f"3 x (connect + read timeout) = {needed:g} s, or a slow request could be "
                "published twice"
            )


def default_worker_id(env: Mapping[str, str]) -> str:
    """Stable across restarts on one host, so a restarted daemon reconciles its own attempts
    without waiting for the lease; give each daemon on one host its own id (--worker-id or
    SOCIALBOT_WORKER_ID)."""
    return env.get("SOCIALBOT_WORKER_ID") or socket.gethostname() or "socialbot"

