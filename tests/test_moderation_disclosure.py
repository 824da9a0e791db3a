"""phi vs self_disclosure through the comment decision path: the daemon's monitor polls,
classifies (with the PHI screen), stores, announces and hides. Example texts are our own."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from test_daemon_helpers import Clock, FakePlatforms, approved_post

from policies.moderation import CommentClassifier, Flag, ModerationPolicy, should_auto_hide
from social_bot.daemon.config import DaemonConfig
from social_bot.daemon.monitor import Monitor
from social_bot.daemon.publisher import Publisher
from social_bot.db.models import Comment, OutboxMessage
from social_bot.posts import show_post

CONFIG = DaemonConfig(retry_base=0.0, retry_cap=0.0, poll_interval=30.0, batch=10)
TESTIMONIAL = ("Six months after my hip replacement I walked the whole farmers market "
               "today. Thank you for getting me back on my feet!")
OTHERS_DIAGNOSIS = "My neighbor Gary Olsen was just diagnosed with leukemia here, so sad"


def _monitor_one(make_app, texts: list[str]):  # noqa: ANN001, ANN202
    app = make_app()
    platforms = FakePlatforms()
    post_id = approved_post(app, "Our new physical therapy wing opens Monday", ["facebook"])
    Publisher(app, platforms, "w1", CONFIG).run_lane("facebook")
    remote = {d["platform"]: d["remote_id"] for d in show_post(app, post_id)["deliveries"]}
    for text in texts:
        platforms["facebook"].add_comment(remote["facebook"], text, "someone")
    Monitor(app, platforms, "w1", CONFIG, clock=Clock()).run_platform("facebook")
    with app.db.read() as session:
        rows = {c.text: c for c in session.scalars(select(Comment))}
        outbox = list(session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "comment.flagged")))
    return rows, outbox, platforms


def test_own_recovery_stays_visible_and_anothers_diagnosis_is_hidden(make_app) -> None:  # noqa: ANN001
    try:
        rows, outbox, platforms = _monitor_one(make_app, [TESTIMONIAL, OTHERS_DIAGNOSIS])
    except Exception as exc:  # the spaCy model missing here: say so rather than pass
        if type(exc).__name__ == "ScreenUnavailable":
            pytest.skip(f"PHI screen unusable here: {exc}")
        raise
    testimonial, other = rows[TESTIMONIAL], rows[OTHERS_DIAGNOSIS]
    assert {f["flag"] for f in testimonial.flags} == {"self_disclosure"}
    assert testimonial.state == "flagged" and not testimonial.hidden_on_platform
    assert "phi" in {f["flag"] for f in other.flags}
    assert other.state == "hidden" and other.hidden_on_platform
    assert platforms["facebook"].hidden == {other.remote_id}
    # the review card (built from the stored flags) says why: a reply must not confirm care
    assert any("must not confirm" in f["reason"] for f in testimonial.flags)
    card = next(m for m in outbox if m.comment_id == testimonial.id)
    assert card.payload["auto_hide"] is False


def test_self_disclosure_in_auto_hide_is_refused_with_a_reason() -> None:
    with pytest.raises(ValueError, match="self_disclosure.*testimonials"):
        ModerationPolicy.from_toml({"auto_hide": ["phi", "self_disclosure"]})
    with pytest.raises(ValueError, match="self_disclosure"):
        ModerationPolicy(auto_hide=("self_disclosure",))
    assert ModerationPolicy.from_toml({}).auto_hide == ("phi", "abuse")


def test_self_disclosure_never_hides_even_at_full_score() -> None:
    assert not should_auto_hide([Flag("self_disclosure", 1.0, "x.")], ModerationPolicy())


def test_hiding_needs_the_hide_threshold_not_just_the_flag() -> None:
    policy = ModerationPolicy.from_toml({"thresholds": {"abuse": 0.3},
                                         "hide_thresholds": {"abuse": 0.8}})
    assert policy.hide_threshold("abuse") == 0.8
    assert not should_auto_hide([Flag("abuse", 0.5, "x.")], policy)  # flagged, waits
    assert should_auto_hide([Flag("abuse", 0.85, "x.")], policy)
    with pytest.raises(ValueError, match="hide_thresholds"):
        ModerationPolicy.from_toml({"hide_thresholds": {"abuse": 2}})


@pytest.mark.parametrize("text", [
    "Recovering from my shoulder surgery and the PT team has been amazing",
    "Mi hijo tuvo fiebre toda la semana y aquí lo atendieron súper bien",  # Spanish
])
def test_own_and_household_health_is_self_disclosure(text: str) -> None:
    flags = {f.flag for f in CommentClassifier(ModerationPolicy()).classify(text)}
    assert "self_disclosure" in flags and "phi" not in flags


def test_a_named_person_with_a_diagnosis_is_phi_without_the_screen() -> None:
    flags = CommentClassifier(ModerationPolicy()).classify(
        "Pretty sure my cousin Dana Whitlow got her cancer diagnosis here last spring")
    assert "phi" in {f.flag for f in flags}
    assert should_auto_hide(flags, ModerationPolicy())


def test_flags_name_their_score_and_the_words_that_drove_them() -> None:
    flags = CommentClassifier(ModerationPolicy()).classify(
        "Worst clinic in town, rude staff and they never call back")
    negative = next(f for f in flags if f.flag == "negative")
    assert 0 < negative.score <= 1 and "model" in negative.reason and '"' in negative.reason


@pytest.mark.parametrize("text", [
    "Phòng khám mở cửa mấy giờ vào thứ bảy vậy?",  # Vietnamese
    "Maraming salamat sa inyong lahat, napakabait ng mga nars dito",  # Tagalog
])
def test_a_language_the_models_cannot_read_is_queued_as_not_judged(text: str) -> None:
    flags = CommentClassifier(ModerationPolicy()).classify(text)
    assert {f.flag for f in flags} == {"unjudged"}
    assert "not judged" in flags[0].reason and not should_auto_hide(flags, ModerationPolicy())


@pytest.mark.parametrize("text", [
    "Amazing team, huge thanks",  # Spanish is judged too, with a note: test_moderation_spanish
    # no function word and no word VADER scores, but English words all the same
    "Extended weekday hours starting Tuesday?!",
    "Flu shots Thursday morning, parking lot tent",
])
def test_english_is_judged(text: str) -> None:
    flags = CommentClassifier(ModerationPolicy()).classify(text)
    assert "unjudged" not in {f.flag for f in flags}


# --- whose health it is: read from the words around it (our own sentences) ---------------

def _disclosure_flags(text: str) -> set[str]:
    flags = CommentClassifier(ModerationPolicy()).classify(text)
    return {f.flag for f in flags} & {"phi", "self_disclosure"}


@pytest.mark.parametrize("text", [
    "Finished radiation in October and finally feel like myself",  # subject left out
    "Three years seizure-free thanks to this neurology team",  # a duration and a state
    "As someone living with lupus, thank you for this post",
    "Started tamsulosin in May and the night trips are way down",  # kept drug vocabulary
    "My dad's rotator cuff repair went great, he is back to golfing",  # household member
])
def test_the_commenters_own_or_households_health_is_self_disclosure(text: str) -> None:
    assert _disclosure_flags(text) == {"self_disclosure"}


@pytest.mark.parametrize("text", [
    "My roommate has had migraines all week, what should I tell him?",  # an acquaintance
    "Is it safe to give a 10 year old melatonin every night?",  # nobody in particular
    "Does the new entrance have a wheelchair ramp? My uncle is coming to the fair",
    "Cheap insulin pens shipped overnight, text me",  # the commenter only as a contact
])
def test_unnamed_others_and_non_health_uses_are_neither(text: str) -> None:
    assert _disclosure_flags(text) == set()


def test_a_described_third_party_with_a_diagnosis_is_phi() -> None:
    text = "The man who runs the hardware store has leukemia, I saw him at his chemo"
    assert _disclosure_flags(text) == {"phi"}


def test_a_street_address_the_screen_only_warned_about_is_an_identifier() -> None:
    from types import SimpleNamespace

    from policies.moderation import disclosure

    text = "Waiting on my MRI results, just mail them to 52 Elm Ave if the portal is down"
    warned = SimpleNamespace(rule="usaddress", category="geographic", severity="warn",
                             text="52 Elm Ave", score=0.6)
    scores = disclosure.score(text.lower(), text, [warned])
    assert scores["phi"][0] >= 0.5 and scores["self_disclosure"][0] == 0
    # without a street type the warning stays a warning: the commenter's own results
    vague = SimpleNamespace(rule="usaddress", category="geographic", severity="warn",
                            text="8 weeks of rehab", score=0.6)
    scores = disclosure.score(text.lower(), text, [vague])
    assert scores["phi"][0] == 0 and scores["self_disclosure"][0] >= 0.5
