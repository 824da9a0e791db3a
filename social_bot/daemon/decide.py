"""The one place that decides what happens to a delivery after a platform call went wrong.

Functional core: `decide` takes plain data (what the adapter reported, how many attempts were
made, the retry policy, a jitter draw) and returns plain data (retry | hold | reconcile | fail,
with delays and the reason). It does no I/O, reads no clock and draws no random number, so
every rule below is tested over plain values (tests/test_decide.py). The publisher and the
reconciler only carry out what it returns.

Adapters report facts (the error class, `ambiguous`, `duplicate`, `retry_after`); they decide
nothing. `outcome_of` turns an adapter exception into an `Outcome`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from adapters.base import (
    AdapterError,
    AuthError,
    NeedsAction,
    PermanentError,
    RateLimited,
    Rejected,
    TransientError,
)


class Action(StrEnum):
    RETRY = "retry"          # try the call again after `delay`
    HOLD = "hold"            # keep it, do not call again until a person acts (setting, reconnect)
    RECONCILE = "reconcile"  # the platform may have applied it: look before anything else
    FAIL = "fail"            # stop for good, tell staff why


class Failure(StrEnum):
    """What went wrong, as a fact (not yet a decision)."""

    AUTH = "auth"                  # token missing, expired or revoked
    RATE_LIMITED = "rate_limited"
    TRANSIENT = "transient"        # not applied (connection refused, 5xx on a read), try again
    AMBIGUOUS = "ambiguous"        # may have been applied (timeout or 5xx after a write)
    DUPLICATE = "duplicate"        # refused as a duplicate: maybe our own earlier try
    REJECTED = "rejected"          # the content itself is refused (policy)
    PERMANENT = "permanent"        # any other refusal that a retry cannot change
    NEEDS_ACTION = "needs_action"  # only a person can fix it (setting, reply by hand)
    NOT_FOUND = "not_found"        # a reconciliation lookup found no trace of the attempt
    UNEXPECTED = "unexpected"      # not an adapter error at all: treat as in doubt


class Stage(StrEnum):
    PUBLISH = "publish"  # the publish (or reply) call itself
    CHECK = "check"      # find_published, looking for an attempt in doubt


@dataclass(frozen=True)
class RetryPolicy:
    base: float = 5.0        # first retry delay; doubles per attempt
    cap: float = 900.0       # longest delay between two tries
    max_attempts: int = 10   # tries before a delivery fails for good
    # how long a delivery may stay in doubt while the platform cannot be asked (its reads
    # fail): then a person must look (session 42: an outside review saw a check every 5 s,
    # for ever, with nobody told)
    max_in_doubt: float = 6 * 3600.0


@dataclass(frozen=True)
class Outcome:
    """One failed call, as plain data."""

    failure: Failure
    reason: str
    attempts: int                      # attempts made so far, this one included
    stage: Stage = Stage.PUBLISH
    retry_after: float | None = None   # the platform's own wait (rate limits)
    is_reply: bool = False
    after_duplicate: bool = False      # this check follows a duplicate refusal
    hold_kind: str | None = None       # NeedsAction's kind ("config", "reply_by_hand", ...)
    in_doubt_for: float = 0.0          # CHECK: seconds since the attempt in doubt began


@dataclass(frozen=True)
class Decision:
    action: Action
    reason: str
    delay: float = 0.0             # seconds before the next try or check
    pause: float | None = None     # pause the platform's whole lane this long (rate limits)
    check_now: bool = False        # RECONCILE: look at once (a duplicate), not after `delay`
    metric: str = ""               # retry counter label
    hold_kind: str | None = None   # HOLD: what releases it (see claims.HoldKind)


def backoff(attempts: int, base: float, cap: float, retry_after: float | None = None,
            jitter: float = 1.0) -> float:
    """Exponential backoff: half to all of the step (jitter in [0, 1] picks where); the
    platform's retry_after, when given, is a floor plus up to 10 % so that many workers do not
    come back at the same instant."""
    jitter = min(1.0, max(0.0, jitter))
    step = min(cap, base * 2 ** max(0, attempts - 1))
    delay = step * (0.5 + 0.5 * jitter)
    if retry_after is not None:
        delay = max(delay, retry_after * (1.0 + 0.1 * jitter))
    return delay


def decide(outcome: Outcome, policy: RetryPolicy, jitter: float = 1.0) -> Decision:
    """What to do with a delivery after `outcome`. Pure: same input, same answer."""
    reason = outcome.reason
    failure = outcome.failure
    first_check = min(policy.cap, max(1.0, policy.base))

    if failure is Failure.NEEDS_ACTION:
        return Decision(Action.HOLD, reason, hold_kind=outcome.hold_kind or "config")

    if outcome.stage is Stage.CHECK:
        return _decide_check(outcome, policy, jitter, first_check)

    if failure is Failure.DUPLICATE and not outcome.is_reply:
        # "Duplicate" may mean our own earlier try went through (an error came back after the
        # platform applied it): look before calling it a failure.
        return Decision(Action.RECONCILE, reason, delay=first_check, check_now=True)
    if failure is Failure.AUTH:
        # The credential is missing, expired or revoked: nothing was published, and only a
        # person can renew it. Held (not failed) until `socialbot connect` releases it.
        return Decision(Action.HOLD, f"{reason}; held: run `socialbot connect` for this "
                        "platform and it goes out by itself", hold_kind="auth")
    if failure in (Failure.REJECTED, Failure.DUPLICATE, Failure.PERMANENT):
        return Decision(Action.FAIL, reason)
    if failure is Failure.RATE_LIMITED:
        delay = backoff(outcome.attempts, policy.base, policy.cap, outcome.retry_after, jitter)
        return _retry(outcome, policy, delay, "rate_limited", pause=delay)
    if failure is Failure.TRANSIENT:
        delay = backoff(outcome.attempts, policy.base, policy.cap, None, jitter)
        return _retry(outcome, policy, delay, "transient")
    # AMBIGUOUS or UNEXPECTED: the platform may have applied it. Never retry blind.
    return Decision(Action.RECONCILE, reason, delay=first_check)


def _decide_check(outcome: Outcome, policy: RetryPolicy, jitter: float,
                  first_check: float) -> Decision:
    failure, reason = outcome.failure, outcome.reason
    if failure is Failure.NOT_FOUND:
        if outcome.after_duplicate:  # refused as a duplicate, yet not ours: a real duplicate
            return Decision(Action.FAIL, reason)
        if outcome.attempts >= policy.max_attempts:
            return Decision(Action.FAIL, f"gave up after {outcome.attempts} attempts; the "
                            "platform has no trace of the last one")
        return Decision(Action.RETRY, reason, delay=0.0, metric="not_found")
    if outcome.after_duplicate:  # cannot tell yet: stay in doubt, check again soon
        return Decision(Action.RECONCILE, reason, delay=first_check)
    if outcome.in_doubt_for >= policy.max_in_doubt and failure in (
            Failure.RATE_LIMITED, Failure.TRANSIENT, Failure.AMBIGUOUS, Failure.UNEXPECTED):
        return Decision(Action.FAIL, "may or may not have been published: in doubt for "
                        f"{outcome.in_doubt_for / 3600:.0f} h, and the platform cannot be "
                        f"checked now ({reason}): check by hand")
    if failure is Failure.RATE_LIMITED:
        pause = backoff(1, policy.base, policy.cap, outcome.retry_after, jitter)
        return Decision(Action.RECONCILE, reason, delay=pause, pause=pause)
    if failure in (Failure.AUTH, Failure.PERMANENT, Failure.REJECTED, Failure.DUPLICATE):
        # The platform cannot be asked (token expired, no read permission): a person must
        # look, rather than the post waiting in doubt for ever or going out twice.
        return Decision(Action.FAIL, "may or may not have been published, and the platform "
                        f"cannot be checked ({reason}): check by hand")
    # the platform's reads keep failing: check again after half the time already spent in
    # doubt (the attempt count does not grow while only checks fail, so a backoff on it
    # stayed at its first step)
    step = min(policy.cap, max(first_check, outcome.in_doubt_for / 2))
    delay = max(1.0, step * (0.5 + 0.5 * min(1.0, max(0.0, jitter))))
    return Decision(Action.RECONCILE, reason, delay=delay)


def _retry(outcome: Outcome, policy: RetryPolicy, delay: float, metric: str,
           pause: float | None = None) -> Decision:
    if outcome.attempts >= policy.max_attempts:
        return Decision(Action.FAIL, f"gave up after {outcome.attempts} attempts; last error: "
                        f"{outcome.reason}")
    return Decision(Action.RETRY, outcome.reason, delay=delay, pause=pause, metric=metric)


def reason_of(exc: BaseException) -> str:
    if isinstance(exc, AdapterError):
        return str(exc) or type(exc).__name__
    return f"unexpected {type(exc).__name__}: {exc}"[:300]


def failure_of(exc: BaseException) -> Failure:
    """The fact an exception reports (ordered: NeedsAction and duplicates before the rest)."""
    if isinstance(exc, NeedsAction):
        return Failure.NEEDS_ACTION
    if isinstance(exc, Rejected):
        return Failure.DUPLICATE if exc.duplicate else Failure.REJECTED
    if isinstance(exc, AuthError):
        return Failure.AUTH
    if isinstance(exc, RateLimited):
        return Failure.RATE_LIMITED
    if isinstance(exc, PermanentError):
        return Failure.PERMANENT
    if isinstance(exc, TransientError):
        return Failure.AMBIGUOUS if exc.ambiguous else Failure.TRANSIENT
    return Failure.UNEXPECTED


def outcome_of(exc: BaseException, attempts: int, *, stage: Stage = Stage.PUBLISH,
               is_reply: bool = False, after_duplicate: bool = False,
               in_doubt_for: float = 0.0) -> Outcome:
    return Outcome(
        failure=failure_of(exc),
        reason=reason_of(exc),
        attempts=attempts,
        stage=stage,
        retry_after=getattr(exc, "retry_after", None),
        is_reply=is_reply,
        after_duplicate=after_duplicate,
        hold_kind=getattr(exc, "kind", None) if isinstance(exc, NeedsAction) else None,
        in_doubt_for=in_doubt_for,
    )
