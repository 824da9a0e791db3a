"""Session 56, an outside re-read of the trust fixes (docs/history/security.md, R1..).
Every text here is new wording written for this file; none comes from an evaluation set."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from test_daemon_helpers import DANA, LUIS

from social_bot.errors import Refused

# --- R1: a hold/reject reason that points at a person without he/she ---------------------

# (the reason, its words that must not be recorded); each was taken by s56-trustfix
POINTED_AT = [
    # a singular they
    ("they asked us to keep their miscarriage off the page", "miscarriage"),
    # a Spanish pronoun
    ("su hija sigue con el cáncer, esperar", "cáncer"),
    # initials
    ("A.R. has cancer", "cancer"),
    # a surname alone, opening the reason (the name lists hold it)
    ("Gonzalez: positive for hepatitis C, hold it", "hepatitis"),
]


@pytest.mark.parametrize(("reason", "private"), POINTED_AT)
def test_r1_a_reason_pointing_at_a_person_beside_care_is_refused_echoing_nothing(
        make_app, reason: str, private: str) -> None:  # noqa: ANN001
    from social_bot.chat.guard import screen_typed

    app = make_app(screener=None)
    with pytest.raises(Refused) as refused:
        screen_typed(app, reason, "hold reason")
    assert "not the place for patient details" in str(refused.value)
    assert private not in str(refused.value)


# an approver's ordinary reasons that still pass (a pronoun, a name, care, never together)
STILL_TAKEN = [
    "the vaccine clinic hours are wrong on the flyer",
    "typo in their address line",  # a pronoun without care
    "Whitfield wants the new logo first",  # an approver's own surname (the policy's)
    "the diabetes class moved to the Elm Street office",
]


@pytest.mark.parametrize("reason", STILL_TAKEN)
def test_r1_an_ordinary_reason_is_still_taken(make_app, reason: str) -> None:  # noqa: ANN001
    from social_bot.chat.guard import screen_typed

    app = make_app(screener=None)
    assert screen_typed(app, reason, "hold reason").text == reason


@pytest.mark.xfail(strict=True, reason="R2: a surname the name lists lack, alone, beside care "
                   "(and a care word the vocabulary lacks) is still taken and sent to chat")
@pytest.mark.parametrize("reason", [
    "Oyelaran is on dialysis again",
    "the uncle in the last photo is an addict",
])
def test_r2_a_reason_with_an_unlisted_surname_or_care_word_is_refused(
        make_app, reason: str) -> None:  # noqa: ANN001
    from social_bot.chat.guard import screen_typed

    app = make_app(screener=None)
    with pytest.raises(Refused):
        screen_typed(app, reason, "hold reason")


# --- R3: a link X gives back encoded is the same link ------------------------------------

@pytest.mark.parametrize(("sent", "expanded"), [
    # the path percent-encoded, as X's expanded_url gives a link with letters beyond ASCII
    ("Horarios: https://elmclinic.org/niños/vacunas", "https://elmclinic.org/ni%C3%B1os/vacunas"),
    # the host in punycode
    ("Horarios: https://clínica.org/gripe", "http://xn--clnica-4va.org/gripe"),
    # the default port spelled out
    ("Hours: https://elmclinic.org/hours", "https://elmclinic.org:443/hours"),
])
def test_r3_an_encoded_expansion_of_the_sent_link_is_the_same_post(
        sent: str, expanded: str) -> None:
    from adapters.base import same_post

    seen = sent.split(": ")[0] + ": https://t.co/Rr3aaaaaaa"
    assert same_post(sent, seen, [expanded]) is True
    # and still told apart from another link
    assert same_post(sent, seen, ["https://elmclinic.org/other"]) is False


# --- R4: the release of a late hold keeps the account each delivery was approved for -----

def test_r4_releasing_a_late_hold_keeps_the_recorded_account(make_app) -> None:  # noqa: ANN001
    from datetime import timedelta

    from test_daemon_helpers import Clock, FakePlatforms, approved_post

    from social_bot.daemon.config import DaemonConfig
    from social_bot.daemon.publisher import Publisher
    from social_bot.db.models import Delivery, PostHold
    from social_bot.holds import release
    from social_bot.posts import show_post

    app = make_app()
    platforms = FakePlatforms(("facebook",))
    clock = Clock()
    post_id = approved_post(app, "The Elm Street lab opens at 7 on weekdays.", ["facebook"])
    with app.db.write() as session:  # the Page it was approved for
        [delivery] = session.scalars(select(Delivery).where(Delivery.post_id == post_id)).all()
        delivery.account = "page:4242"
    clock.advance(timedelta(days=20).total_seconds())
    Publisher(app, platforms, "w1", DaemonConfig(retry_base=0.0, retry_cap=0.0, batch=10),
              clock=clock).run_lane("facebook")
    assert show_post(app, post_id)["status"] == "held"
    release(app, DANA, post_id)
    release(app, LUIS, post_id)
    with app.db.read() as session:
        [delivery] = session.scalars(select(Delivery).where(Delivery.post_id == post_id)).all()
        [hold] = session.scalars(select(PostHold).where(PostHold.post_id == post_id)).all()
        assert hold.identity == "socialbot:late"
        assert delivery.account == "page:4242"  # the account check still reads it


# --- R5: the re-read of the answered comment fails ---------------------------------------

@pytest.mark.parametrize("failure", ["rate_limited", "transient"])
def test_r5_a_failed_read_of_the_answered_comment_sends_nothing_and_tries_again(
        make_app, sandbox, failure: str) -> None:  # noqa: ANN001
    import requests
    from test_daemon_helpers import answered_on_sandbox

    from adapters import adapter_class
    from adapters.base import RateLimited, TransientError
    from social_bot.posts import show_post
    from social_bot.sandbox import sandbox_env

    requests.post(sandbox.url + "/_sandbox/reset", timeout=5)
    app = make_app(screener=None)
    env = sandbox_env(sandbox.url, "sandbox")
    fails = [RateLimited("facebook: too many calls", retry_after=0.0) if failure ==
             "rate_limited" else TransientError("facebook: could not connect")]

    class Failing:
        def __init__(self, real) -> None:  # noqa: ANN001
            self.real = real

        def comment_text(self, comment_id: str) -> str | None:
            if fails:
                raise fails.pop()
            return self.real.comment_text(comment_id)

        def __getattr__(self, name: str):  # noqa: ANN204
            return getattr(self.real, name)

    adapters: dict[str, Failing] = {}

    def adapter_for(name: str) -> Failing:
        return adapters.setdefault(name, Failing(adapter_class(name).from_env(env)))

    publisher, _, _, reply_id = answered_on_sandbox(
        app, adapter_for, sandbox.url, "Our Saturday flu clinic runs 9 to noon.",
        "Is parking free on Saturday?", "Yes, the lot behind the clinic is free.", "robin")
    publisher.run_lane("facebook")
    mine = [c for c in requests.get(sandbox.url + "/_sandbox/comments", timeout=5).json()
            if c.get("parent_id") and c["author"] != "robin"]
    assert mine == []
    [delivery] = show_post(app, reply_id)["deliveries"]
    assert delivery["status"] == "retry", delivery  # not lost, not "may have been posted"
    with app.db.write() as session:  # its backoff is over
        from social_bot.db.models import Delivery
        for row in session.scalars(select(Delivery).where(Delivery.post_id == reply_id)):
            row.next_attempt_at = None
    publisher.run_lane("facebook")
    mine = [c for c in requests.get(sandbox.url + "/_sandbox/comments", timeout=5).json()
            if c.get("parent_id") and c["author"] != "robin"]
    assert len(mine) == 1 and show_post(app, reply_id)["status"] == "published"
