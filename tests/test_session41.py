"""Session 41: the comment classifier's own rules read a long blank run as one break, as the
PHI screen does (classifier._blank_runs_read_once). Own sentences, none from any evaluation
set."""

from __future__ import annotations

import pytest
from conftest import flag_names

from policies.moderation.classifier import _blank_runs_read_once
from policies.phi.findings import Finding
from policies.phi.normalize import without_blank_runs


# each comment is written once with one break and once with a long blank run of that kind;
# the run is read as that one break, so the verdicts are the same
@pytest.mark.parametrize(("text", "expected"), [
    ("Our neighbour Walt Brennan{gap}was just told he has pancreatic cancer, please pray",
     {"phi"}),
    ("My ankle has been swollen for a week.{gap}Should I keep walking on it?",
     {"medical_advice", "self_disclosure"}),
    ("You people are useless idiots.{gap}Worst office in town.", {"abuse", "negative"}),
    ("Is it true local honey helps with seasonal allergies?{gap}Thanks!", set()),
])
@pytest.mark.parametrize(("one", "run"), [
    (" ", " " * 3000), ("\n", "\n" * 3000), ("\n\n", " \n" * 1500), (" ", "\u00a0" * 3000),
    (" ", "\t" * 3000),
])
def test_a_long_blank_run_reads_as_one_break(screened_classifier, text, expected, one, run):
    short = flag_names(screened_classifier, text.format(gap=one))
    assert expected <= short
    assert flag_names(screened_classifier, text.format(gap=run)) == short


def test_findings_move_onto_the_shortened_comment():
    text = "Please call" + "\n" * 50 + "Jo Ames" + " " * 20 + "at 555-201-7788 today"
    short, origin = without_blank_runs(text)
    name_at = text.index("Jo Ames")
    phone_at = text.index("555-201-7788")
    found = [Finding("name", name_at, name_at + 7, "Jo Ames", "block", 0.9, "r", "why", "[x]"),
             Finding("phone", phone_at, phone_at + 12, "555-201-7788", "block", 0.9, "r",
                     "why", "[x]"),
             # a span that covers a run: its text is read with the run as one break
             Finding("name", name_at, phone_at + 12, text[name_at : phone_at + 12], "warn",
                     0.5, "r", "why", "[x]")]
    read, moved = _blank_runs_read_once(short, origin, found)
    assert read == "Please call\n\nJo Ames at 555-201-7788 today"
    assert [read[f.start : f.end] for f in moved] == [f.text for f in moved]
    assert [f.text for f in moved] == ["Jo Ames", "555-201-7788", "Jo Ames at 555-201-7788"]


def test_other_findings_are_passed_on_as_they_are():
    class Plain:  # a caller's own finding type, not a dataclass: read by its text only
        category, text, start, end = "name", "Jo", 40, 42

    plain = Plain()
    text = "Hi" + " " * 30 + "there Jo"
    read, moved = _blank_runs_read_once(*without_blank_runs(text), [plain])
    assert read == "Hi there Jo"
    assert moved == [plain]


# the list's words stay severe: releasing those with an everyday or clinical sense ("potty",
# "tampon", "sexual", "slope") was measured and withdrawn (an outside review, session 41:
# harassment of staff and rape threats written with them went unhidden, 61 -> 7 of 62), as was
# "oral exam" (session 19)
@pytest.mark.parametrize("text", [
    "Tell the new hygienist she can give me an oral exam after hours",
    "Your receptionist is a total dummy",
    "that nurse is a stoned idiot",
    "The front desk are a bunch of f*cking clowns",
])
def test_harassment_and_insults_stay_abuse(screened_classifier, text):
    assert "abuse" in flag_names(screened_classifier, text)


# --- an outside review of slow and failing comments (session 41) ---------------------------

@pytest.mark.parametrize("text", [
    "\u200bThanks for the flu clinic reminder!",   # a zero-width space pasted in front
    "\ufeffSee you Tuesday",                        # a byte-order mark
    "Great post\u200d",                             # a joiner at the very end
])
def test_an_invisible_first_or_last_character_is_read_not_failed(screened_classifier, text):
    from policies.phi.normalize import revealed

    assert revealed(text) == text.strip("\u200b\ufeff\u200d")
    assert screened_classifier.classify(text) == screened_classifier.classify(revealed(text))


@pytest.mark.parametrize("text", [
    "Book at clinic.example/flu today", "email jo.ann-smith@mail.example for the form",
    "Win big...bit.ly/abc", "see www.a-b.example and x.y-z.com",
])
def test_links_and_emails_inside_a_run_are_found_once(text):
    from policies.moderation.features import _URL_RE
    from policies.moderation.lexicon import URL_RE
    from policies.moderation.selling import _EMAIL
    from policies.phi.contacts import _URL

    found = [p.findall(text) for p in (_URL_RE, URL_RE, _EMAIL, _URL)]
    assert any(found)
    # a run of separators and letters holds no link: none of them starts a match inside it
    run = "a-." * 200 + "1.-" * 200
    assert [p.findall(run) for p in (_URL_RE, URL_RE, _EMAIL, _URL)] == [[], [], [], []]


def test_merge_keeps_what_comparing_every_hit_kept():
    import random

    from policies.phi.hits import Hit
    from policies.phi.screen import _READ_WHOLE, _merge

    def reference(hits):  # the every-with-every merge it replaced
        def strength(h):
            return (h.severity == "block", h.score, h.end - h.start)
        kept = []
        for h in sorted(hits, key=strength, reverse=True):
            if not any(k.start <= h.start and h.end <= k.end and strength(k) >= strength(h)
                       and (k.category == h.category or h.rule.startswith("long_number")
                            or (k.severity == "block" and k.rule not in _READ_WHOLE))
                       for k in kept):
                kept.append(h)
        return sorted(kept, key=lambda h: (h.start, h.end, h.category))

    rng = random.Random(41)
    fields = Hit.__dataclass_fields__
    for _ in range(300):
        hits = []
        for _ in range(rng.randint(0, 40)):
            start = rng.randint(0, 600)
            end = start + rng.choice([1, 2, 5, 20, 100, 255, 256, 257, 400])
            values = {"start": start, "end": end, "category": rng.choice(["name", "phone"]),
                      "severity": rng.choice(["block", "warn"]),
                      "score": rng.choice([0.5, 0.8, 0.9]),
                      "rule": rng.choice(["name+health", "long_number", "learned", "url"])}
            hits.append(Hit(**{k: v for k, v in values.items() if k in fields},
                            **{k: "" for k in fields if k not in values}))
        assert _merge(hits) == reference(hits)


class _FailsOn:
    """The real classifier, failing on comments that hold a marker (or on every one), on
    every call or only on its first ``times`` calls with one."""

    def __init__(self, real, marker: str | None, times: int | None = None) -> None:
        self.real, self.marker, self.times = real, marker, times

    def classify_many(self, texts):
        hit = self.marker is None or any(self.marker in t for t in texts)
        if hit and (self.times is None or self.times > 0):
            self.times = None if self.times is None else self.times - 1
            raise RuntimeError("classifier failed")
        return self.real.classify_many(texts)


@pytest.fixture(scope="module")
def sandbox():
    from social_bot.sandbox import start_sandbox

    with start_sandbox(0, token="sandbox") as server:
        yield server


def _posted_with_comments(make_app, sandbox, comments):
    import requests
    from test_daemon_helpers import published_on

    app, adapter_for, config, remote = published_on(make_app, sandbox, "facebook")
    for text, author, *attachment in comments:
        answer = requests.post(sandbox.url + "/_sandbox/comments", timeout=30, json={
            "platform": "facebook", "post_id": remote, "text": text, "author": author,
            **({"attachment": attachment[0]} if attachment else {})})
        assert answer.status_code < 400, answer.text
    return app, adapter_for, config


PHI_COMMENT = "Praying for Walt Brennan, the retired mail carrier, who starts chemo here Monday"


def test_a_comment_the_classifier_fails_on_is_flagged_and_the_rest_still_hidden(
        make_app, sandbox):
    from sqlalchemy import select

    from social_bot.daemon.monitor import UNCHECKED, Monitor
    from social_bot.db.models import Comment

    app, adapter_for, config = _posted_with_comments(make_app, sandbox, [
        ("odd one \u2063marker", "odd"), (PHI_COMMENT, "neighbor"), ("See you there!", "kim")])
    real = Monitor(app, adapter_for, "w1", config).classifier
    monitor = Monitor(app, adapter_for, "w1", config, classifier=_FailsOn(real, "\u2063marker"))
    result = monitor.run_platform("facebook")
    assert result.failed == 0 and result.stored == 3
    with app.db.read() as session:
        rows = {c.author: c for c in session.scalars(select(Comment))}
    assert [f["flag"] for f in rows["odd"].flags] == [UNCHECKED]
    assert rows["odd"].state == "flagged" and not rows["odd"].hidden_on_platform
    assert "phi" in [f["flag"] for f in rows["neighbor"].flags]
    assert rows["neighbor"].state == "hidden" and rows["neighbor"].hidden_on_platform
    assert rows["kim"].flags == []


def test_a_broken_classifier_fails_the_poll_and_loses_nothing(make_app, sandbox):
    from sqlalchemy import func, select

    from social_bot.daemon.monitor import Monitor
    from social_bot.db.models import Comment

    app, adapter_for, config = _posted_with_comments(make_app, sandbox, [
        (PHI_COMMENT, "neighbor"), ("See you there!", "kim")])
    broken = Monitor(app, adapter_for, "w1", config, classifier=_FailsOn(None, None))
    assert broken.run_platform("facebook").failed == 1
    with app.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Comment)) == 0
    # the comments wait on the platform: the next poll, with a working classifier, takes them
    result = Monitor(app, adapter_for, "w1", config).run_platform("facebook")
    assert result.failed == 0 and result.stored == 2


def test_a_failure_that_comes_and_goes_is_retried_and_the_phi_comment_hidden(make_app, sandbox):
    from sqlalchemy import select

    from social_bot.daemon.monitor import Monitor
    from social_bot.db.models import Comment

    app, adapter_for, config = _posted_with_comments(make_app, sandbox, [
        (PHI_COMMENT, "neighbor"), ("See you there!", "kim")])
    real = Monitor(app, adapter_for, "w1", config).classifier
    # fails on the batch and on the comment's first try alone: its second try is read
    flaky = _FailsOn(real, "Walt Brennan", times=2)
    result = Monitor(app, adapter_for, "w1", config, classifier=flaky).run_platform("facebook")
    assert result.failed == 0 and result.stored == 2
    with app.db.read() as session:
        rows = {c.author: c for c in session.scalars(select(Comment))}
    assert rows["neighbor"].state == "hidden" and rows["neighbor"].hidden_on_platform


def test_a_classifier_failing_on_most_of_a_batch_fails_the_poll(make_app, sandbox):
    from sqlalchemy import func, select

    from social_bot.daemon.monitor import Monitor
    from social_bot.db.models import Comment

    app, adapter_for, config = _posted_with_comments(make_app, sandbox, [
        ("Caf\u00e9 was lovely \u2615", "a"), ("So proud of the team \U0001f44f", "b"),
        ("Thank you!", "c")])
    real = Monitor(app, adapter_for, "w1", config).classifier

    class NoNonAscii(_FailsOn):  # a bug on every non-ASCII comment, not on plain text
        def classify_many(self, texts):
            if any(not t.isascii() for t in texts):
                raise RuntimeError("classifier failed")
            return self.real.classify_many(texts)

    broken = Monitor(app, adapter_for, "w1", config, classifier=NoNonAscii(real, None))
    assert broken.run_platform("facebook").failed == 1
    with app.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Comment)) == 0


def test_a_comment_with_no_text_is_no_failure(screened_classifier):
    """A photo or a sticker comes with no text: it used to fail its whole batch (the screen
    refuses an empty text), so every later poll of the post failed."""
    found = screened_classifier.classify_many(["", "   ", "\u200b", PHI_COMMENT])
    assert found[:3] == [[], [], []]
    assert "phi" in {f.flag for f in found[3]}


# --- someone else's relative, named or placed, tied to health (disclosure._relatives_health)

@pytest.mark.parametrize("text", [
    "Heard Marisol's husband has pancreatic cancer, so sad",
    "The choir director's daughter is in rehab again",
    "The Okonkwos' little boy was diagnosed with type 1 diabetes",
    "Derek's wife's lupus flared up again this week",
])
def test_a_named_or_placed_persons_relative_with_health_is_phi(screened_classifier, text):
    assert "phi" in flag_names(screened_classifier, text)


@pytest.mark.parametrize("text", [
    "Marisol's husband is a nurse on the cancer floor, great guy",      # gives the care
    "Marisol's husband drove me to chemo every week, bless him",        # ... for the commenter
    "My neighbor's boy has had a fever since Tuesday, should they come in?",  # nobody a
    "Dad's brother has diabetes too so I'm watching my sugar",          # reader can tell
    "Marisol's husband's jokes got me through my radiation",            # not his health
    "Marisol's twins turn 5 on Saturday, party at the park!",           # no health at all
])
def test_a_relative_who_is_not_the_patient_is_not_phi(screened_classifier, text):
    assert "phi" not in flag_names(screened_classifier, text)


def test_a_photo_only_comment_does_not_stop_moderation_of_its_post(make_app, sandbox):
    """Over real HTTP: a comment that is only a sticker carries no text; before session 41 it
    failed every poll of its post, so the PHI comment after it was never hidden."""
    from sqlalchemy import select

    from social_bot.daemon.monitor import Monitor
    from social_bot.db.models import Comment

    app, adapter_for, config = _posted_with_comments(make_app, sandbox, [
        ("", "sticker_fan", "sticker"), (PHI_COMMENT, "neighbor")])
    result = Monitor(app, adapter_for, "w1", config).run_platform("facebook")
    assert result.failed == 0 and result.stored == 2
    with app.db.read() as session:
        rows = {c.author: c for c in session.scalars(select(Comment))}
    # since session 42 it waits for a person, saying that nothing in it was checked
    assert rows["sticker_fan"].text == ""
    assert [f["flag"] for f in rows["sticker_fan"].flags] == ["unchecked"]
    assert rows["sticker_fan"].state == "flagged" and not rows["sticker_fan"].hidden_on_platform
    assert rows["neighbor"].state == "hidden" and rows["neighbor"].hidden_on_platform


def test_the_sandbox_takes_an_attachment_only_where_facebook_does(sandbox):
    import requests

    for body in ({"platform": "x", "post_id": "1", "text": "", "attachment": "photo"},
                 {"platform": "facebook", "post_id": "1", "text": "", "attachment": "video"},
                 {"platform": "facebook", "post_id": "1", "text": ""}):
        answer = requests.post(sandbox.url + "/_sandbox/comments", json=body, timeout=10)
        assert answer.status_code == 400, body
