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
    # an acquaintance (session 26's heads read it as the commenter's own; session 27's
    # retrained second look no longer adds to that)
    "My roommate has had migraines all week, what should I tell him?",
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


# --- who is the patient when a name is tied to care (our own sentences) ------------------

def _tied(name: str) -> object:
    from types import SimpleNamespace

    return SimpleNamespace(rule="name+health", category="name", severity="block", text=name,
                           score=0.9)


@pytest.fixture
def providers_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    """The clinicians-are-not-patients rule, off by default since the session-5 review (it
    let named third parties' health through whenever the commenter also said "I")."""
    from policies.moderation import disclosure

    monkeypatch.setattr(disclosure, "PROVIDERS_ARE_NOT_PATIENTS", True)


@pytest.mark.parametrize(("text", "name"), [
    ("I just found out Carla Benning from my choir has lupus, heartbreaking", "Carla Benning"),
    ("I drive Otis Farrow from next door to his dialysis every Friday", "Otis Farrow"),
    ("Our babysitter Kenzie Dorr just tested positive for hepatitis", "Kenzie Dorr"),
    ("I'm praying hard, the chemo has been rough on Wallace Pruett", "Wallace Pruett"),
])
def test_by_default_a_named_persons_health_in_a_first_person_comment_is_phi(
        text: str, name: str) -> None:
    from policies.moderation import disclosure

    assert not disclosure.PROVIDERS_ARE_NOT_PATIENTS
    scores = disclosure.score(text.lower(), text, [_tied(name)])
    assert scores["phi"][0] >= 0.8


@pytest.mark.parametrize(("text", "name"), [
    # the commenter's own care, the clinician who gave it named
    ("Dr. Okonkwo set my broken wrist on Sunday and I barely felt a thing", "Okonkwo"),
    # anyone named in the commenter's own story, the health not tied to them
    ("Wendeline at the front desk got my insulin refill sorted in ten minutes", "Wendeline"),
    # a titled clinician, no one's story told
    ("So grateful to Nurse Imelda Sarkis for running the flu shot tent today", "Imelda Sarkis"),
])
def test_a_clinician_or_staff_member_named_beside_care_is_not_a_third_party(
        text: str, name: str, providers_rule: None) -> None:
    from policies.moderation import disclosure

    scores = disclosure.score(text.lower(), text, [_tied(name)])
    assert scores["phi"][0] == 0


@pytest.mark.parametrize(("text", "name"), [
    # the clinician is the patient: their health in the third person
    ("Ran into Dr. Wexley at the pharmacy, she told me she is starting chemo next week",
     "Wexley"),
    # a named relative, even inside the commenter's own story
    ("My aunt Philippa Stroud found out she has lupus and I can't sleep", "Philippa Stroud"),
    # the health tied to the name right after it, the commenter speaking too
    ("I heard Garrick Pellow has leukemia now, so sad", "Garrick Pellow"),
    # the named person's health, addressed to them
    ("@tobin.runs I told you this place would fix your plantar fasciitis", "@tobin.runs"),
])
def test_a_named_persons_own_health_stays_phi(text: str, name: str) -> None:
    from policies.moderation import disclosure

    scores = disclosure.score(text.lower(), text, [_tied(name)])
    assert scores["phi"][0] >= 0.8


def test_a_household_word_written_like_a_name_is_not_a_name(providers_rule: None) -> None:
    from policies.moderation import disclosure

    text = "Hubby got his cast off today, the ortho team was great"
    scores = disclosure.score(text.lower(), text, [_tied("Hubby")])
    assert scores["phi"][0] == 0 and scores["self_disclosure"][0] >= 0.5


def test_a_title_is_not_a_two_letter_condition() -> None:
    assert _disclosure_flags("Happy retirement Ms. Quimby, the front desk won't be the same!") \
        == set()


@pytest.mark.parametrize("text", [
    "My sister in law is pregnant and ate sushi last night, is that going to hurt the baby?",
    "Extra virgin olive oil made the heart healthy cooking class list",
])
def test_a_harm_question_and_an_everyday_word_are_not_abuse(text: str) -> None:
    flags = CommentClassifier(ModerationPolicy()).classify(text)
    assert "abuse" not in {f.flag for f in flags} and not should_auto_hide(flags,
                                                                           ModerationPolicy())


def test_a_threat_is_still_a_threat() -> None:
    flags = CommentClassifier(ModerationPolicy()).classify(
        "I'm going to hurt whoever keeps parking in the handicap spot")
    assert "abuse" in {f.flag for f in flags}


@pytest.mark.parametrize(("text", "advice"), [
    ("Just curious in general, can vitamin D interact with thyroid pills?", False),
    ("Just curious, my thyroid pills and vitamin D, can I take them together?", True),
])
def test_a_question_said_to_be_general_is_not_an_advice_request(text: str, advice: bool) -> None:
    flags = CommentClassifier(ModerationPolicy()).classify(text)
    assert ("medical_advice" in {f.flag for f in flags}) is advice
