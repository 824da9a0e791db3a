"""The one retry decision, over plain data: no database, no network, no clock."""

from __future__ import annotations

import pytest

from adapters.base import (
    AuthError,
    NeedsAction,
    PermanentError,
    RateLimited,
    Rejected,
    TransientError,
)
from social_bot.daemon.decide import (
    Action,
    Decision,
    Failure,
    Outcome,
    RetryPolicy,
    Stage,
    backoff,
    decide,
    failure_of,
    outcome_of,
)

POLICY = RetryPolicy(base=5.0, cap=900.0, max_attempts=4)


def out(failure: Failure, attempts: int = 1, **kw) -> Outcome:  # noqa: ANN003
    return Outcome(failure, f"{failure} happened", attempts, **kw)


@pytest.mark.parametrize(("exc", "failure"), [
    (AuthError("x: expired"), Failure.AUTH),
    (RateLimited("x: slow down", retry_after=3), Failure.RATE_LIMITED),
    (TransientError("x: refused", ambiguous=False), Failure.TRANSIENT),
    (TransientError("x: timeout after write", ambiguous=True), Failure.AMBIGUOUS),
    (Rejected("x: duplicate content", duplicate=True), Failure.DUPLICATE),
    # The word alone decides nothing: only the adapter's marker does.
    (Rejected("x: policy says duplicate-ish wording"), Failure.REJECTED),
    (PermanentError("x: 400"), Failure.PERMANENT),
    (NeedsAction("linkedin: set LINKEDIN_API_VERSION"), Failure.NEEDS_ACTION),
    (ValueError("boom"), Failure.UNEXPECTED),
])
def test_each_adapter_error_is_one_fact(exc: Exception, failure: Failure) -> None:
    assert failure_of(exc) is failure


def test_a_duplicate_is_looked_up_at_once_and_a_reply_duplicate_fails() -> None:
    decision = decide(out(Failure.DUPLICATE), POLICY)
    assert decision.action is Action.RECONCILE and decision.check_now
    assert decide(out(Failure.DUPLICATE, is_reply=True), POLICY).action is Action.FAIL


@pytest.mark.parametrize("failure", [Failure.REJECTED, Failure.PERMANENT])
def test_refusals_fail_without_retry(failure: Failure) -> None:
    decision = decide(out(failure), POLICY)
    assert decision.action is Action.FAIL and decision.reason == f"{failure} happened"


def test_an_auth_refusal_holds_until_reconnected() -> None:
    decision = decide(out(Failure.AUTH, 9), POLICY)  # also at the last attempt: never failed
    assert (decision.action, decision.hold_kind) == (Action.HOLD, "auth")
    assert decision.reason.startswith("auth happened")


def test_needs_action_holds_with_its_kind() -> None:
    exc = NeedsAction("x: reply in the X app", kind="by_hand")
    decision = decide(outcome_of(exc, 1), POLICY)
    assert (decision.action, decision.hold_kind) == (Action.HOLD, "by_hand")
    assert decision.reason == "x: reply in the X app"


def test_transient_retries_with_doubling_backoff_then_gives_up() -> None:
    delays = [decide(out(Failure.TRANSIENT, n), POLICY, jitter=1.0).delay for n in (1, 2, 3)]
    assert delays == [5.0, 10.0, 20.0]
    assert decide(out(Failure.TRANSIENT, 1), POLICY, jitter=0.0).delay == 2.5
    last = decide(out(Failure.TRANSIENT, 4), POLICY)
    assert last.action is Action.FAIL and last.reason.startswith("gave up after 4 attempts")


def test_rate_limit_pauses_the_lane_for_at_least_retry_after() -> None:
    decision = decide(out(Failure.RATE_LIMITED, retry_after=120.0), POLICY, jitter=0.0)
    assert decision.action is Action.RETRY and decision.metric == "rate_limited"
    assert decision.delay == decision.pause == 120.0


@pytest.mark.parametrize("failure", [Failure.AMBIGUOUS, Failure.UNEXPECTED])
def test_maybe_applied_is_never_retried_blind(failure: Failure) -> None:
    decision = decide(out(failure, 9), POLICY)
    assert decision.action is Action.RECONCILE and not decision.check_now
    assert decision.delay == 5.0


def test_not_found_after_a_check_publishes_again_until_the_limit() -> None:
    again = decide(out(Failure.NOT_FOUND, 2, stage=Stage.CHECK), POLICY)
    assert (again.action, again.delay, again.metric) == (Action.RETRY, 0.0, "not_found")
    limit = decide(out(Failure.NOT_FOUND, 4, stage=Stage.CHECK), POLICY)
    assert limit.action is Action.FAIL and "no trace" in limit.reason


def test_a_duplicate_that_is_not_ours_fails_and_an_unanswered_check_waits() -> None:
    assert decide(out(Failure.NOT_FOUND, stage=Stage.CHECK, after_duplicate=True),
                  POLICY).action is Action.FAIL
    waiting = decide(out(Failure.TRANSIENT, stage=Stage.CHECK, after_duplicate=True), POLICY)
    assert waiting.action is Action.RECONCILE and waiting.delay == 5.0


def test_a_check_that_cannot_run_fails_loudly() -> None:
    decision = decide(out(Failure.AUTH, stage=Stage.CHECK), POLICY)
    assert decision.action is Action.FAIL and "check by hand" in decision.reason


def test_a_rate_limited_check_pauses_and_stays_in_doubt() -> None:
    decision = decide(out(Failure.RATE_LIMITED, stage=Stage.CHECK, retry_after=60.0), POLICY,
                      jitter=0.0)
    assert decision.action is Action.RECONCILE and decision.pause == 60.0


def test_backoff_is_capped_and_retry_after_is_a_floor() -> None:
    assert backoff(30, 5.0, 900.0, jitter=1.0) == 900.0
    assert backoff(1, 5.0, 900.0, retry_after=50.0, jitter=1.0) == pytest.approx(55.0)


def test_checks_that_cannot_run_back_off_with_the_time_in_doubt_then_fail() -> None:
    """Session 42, an outside review: while the platform's reads failed, a delivery in doubt
    was checked every ~5 s for ever (the backoff counted publish attempts, which do not grow
    while only checks fail), and nobody was told."""
    policy = RetryPolicy(base=5.0, cap=900.0, max_attempts=10)

    def after(seconds: float) -> Decision:
        return decide(Outcome(Failure.TRANSIENT, "linkedin: server error 500", 1,
                              stage=Stage.CHECK, in_doubt_for=seconds), policy)

    delays = [after(s).delay for s in (0, 60, 600, 3600)]
    assert all(d.action is Action.RECONCILE for d in map(after, (0, 60, 600, 3600)))
    assert delays == sorted(delays) and delays[0] == 5.0 and delays[-1] == 900.0
    late = after(policy.max_in_doubt)
    assert late.action is Action.FAIL and "check by hand" in late.reason
    limited = decide(Outcome(Failure.RATE_LIMITED, "x: rate limited", 1, stage=Stage.CHECK,
                             retry_after=900.0, in_doubt_for=policy.max_in_doubt), policy)
    assert limited.action is Action.FAIL  # a read quota that never frees up ends too
