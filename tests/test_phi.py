"""PHI screen: recognizers, context rules, allow-lists, fail-closed, CLI, corpus targets."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from policies.phi import (
    CATEGORIES,
    PhiAllowList,
    PhiScreen,
    ScreenUnavailable,
    get_screen,
    is_blocking,
)
from policies.phi.checksums import luhn_ok, ssn_ok, vin_ok

DATA = Path(__file__).parent / "data" / "phi"
ALLOW = PhiAllowList.from_toml(tomllib.loads((DATA / "policy.toml").read_text())["phi"])


def blocks(screen: PhiScreen, text: str, context: str = "post") -> bool:
    return any(f.severity == "block" for f in screen.screen(text, context=context))


def blocked(screen: PhiScreen, text: str, context: str = "post") -> set[str]:
    return {f.category for f in screen.screen(text, context=context) if f.severity == "block"}


def test_import_does_not_load_spacy():
    code = "import sys, policies.phi; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_eighteen_categories():
    # the 18 identifiers, with "ages over 89" (part of the dates identifier) as its own slug
    assert len(CATEGORIES) == 19
    assert {"name", "ssn", "mrn", "photo", "other_id", "age_over_89"} <= set(CATEGORIES)


@pytest.mark.parametrize(
    "text",
    [
        "Jane Doe, 54, recovering from her knee replacement",
        "congrats to our patient Mark on finishing chemo",
        "@jdoe thanks for coming in for your colonoscopy yesterday",
        "congrats to jane on ringing the bell after her last chemo!",
        "Our patient Grace is back home after her stroke.",
    ],
)
def test_issue_examples_block_as_names(phi, text):
    assert "name" in blocked(phi, text)


@pytest.mark.parametrize(
    "text,category",
    [
        ("Her SSN is 123-45-6789.", "ssn"),
        ("MRN: 00-4471-23 needs a follow-up", "mrn"),
        ("mrn#A1234567 was merged", "mrn"),
        ("member ID: XJ55512 was denied", "health_plan"),
        ("Medicare 1EG4-TE5-MK73 on file", "health_plan"),
        ("acct no. 88213-001 is past due", "account"),
        ("card 4111 1111 1111 1111 declined", "account"),
        ("DL# D1234567 found in the lobby", "license"),
        ("VIN 1M8GDM9AXKP042788 parked in the bay", "vehicle"),
        ("pacemaker serial no. SN7664042 checked", "device"),
        ("email jane.doe@gmail.com about her labs", "email"),
        ("Jane's cell is 206-867-5309", "phone"),
        ("fax her records to 206-867-5309", "fax"),
        ("see facebook.com/jane.doe for updates", "url"),
        ("login from 203.0.113.7 this morning", "ip"),
        ("Jane lives at 42 Oak Street, Springfield, IL 62704", "geographic"),
        ("Happy 100th birthday to Rose!", "age_over_89"),
        ("our 92-year-old patient walked in", "age_over_89"),
        ("Patient Mark, DOB 03/14/1951, called", "date"),
        ("Hope is recovering after her hip surgery on March 3.", "date"),
        ("Pictured: our patient Sam after his first steps post stroke.", "photo"),
    ],
)
def test_identifiers_block(phi, text, category):
    assert category in blocked(phi, text)


@pytest.mark.parametrize(
    "text",
    [
        "Join Dr. Priya Raman on March 3rd for a free talk on diabetes at 1200 Harbor Blvd. "
        "Call (253) 555-0100.",
        "Please welcome Maria Gonzalez, our new front desk coordinator! She loves helping patients.",  # noqa: E501
        "Flu shots are here! Walk in Mon-Fri 8-5, or book at northsidefm.example/flu.",
        "Our practice turns 100 this year! Thanks to everyone.",
        "Dr. Lee explains why colon cancer screening should start at 45.",
        "Kim Lee, RN, will give flu shots on Saturday, October 12th.",
        "Closed July 4th. Call (253) 555-0144 for urgent needs.",
        "Get your flu shot on Oct 12 at our Harbor clinic!",
    ],
)
def test_marketing_passes(phi, text):
    findings = phi.screen(text)
    assert not is_blocking(findings), [f.to_dict() for f in findings]


def test_address_ownership_without_allow_list():
    screen = PhiScreen()
    event = screen.screen("Diabetes support group meets Tuesdays at 77 Main St, Kent, WA 98032.")
    assert event and not is_blocking(event)  # a venue: a person checks it, nothing blocks
    home = screen.screen("Jane lives at 42 Oak Street, Springfield, IL 62704.")
    assert any(f.category == "geographic" and f.severity == "block" for f in home)


def test_contact_detail_next_to_a_patient_name_blocks():
    findings = PhiScreen().screen("Our patient Mark Li, 12 Elm St, finished chemo today!")
    blocked_cats = {f.category for f in findings if f.severity == "block"}
    assert {"name", "geographic"} <= blocked_cats


@pytest.mark.parametrize(
    "text,name",
    [
        ("Welcome baby Olivia, born April 3rd at 7 lbs 2 oz!", "Olivia"),
        ("Our ninety-seven-year-old friend Walter still drives to every appointment.", "Walter"),
        ("Prayers for Coach Mike, admitted last night after a heart attack.", "Mike"),
    ],
)
def test_name_linked_by_birth_date_age_or_care(phi, text, name):
    names = {f.text for f in phi.screen(text) if f.category == "name" and f.severity == "block"}
    assert name in names


def test_place_named_with_a_patient(phi):
    findings = phi.screen("Hank Morrison of Gig Harbor finished cardiac rehab on Friday.")
    assert any(f.category == "geographic" and f.text == "Gig Harbor" for f in findings)


def test_staff_with_health_words_pass(phi):
    for text in (
        "Congrats to Dr. Whitlock on completing his sports medicine fellowship!",
        "New video: physical therapist Ryan Ortiz demonstrates five stretches for back pain.",
        "Our diabetes classes with dietitian Aaron Cole start January 14.",
    ):
        assert not is_blocking(phi.screen(text)), text


def test_allow_lists_are_honoured():
    text = (
        "Dr. Priya Raman is at 1200 Harbor Blvd, Suite 4, Tacoma, WA 98402, (253) 555-0100, "
        "info@northsidefm.example."
    )
    bare = PhiScreen().screen(text)
    allowed = PhiScreen(ALLOW).screen(text)
    assert {f.category for f in bare} >= {"phone", "geographic"}
    assert not allowed, [f.to_dict() for f in allowed]


def test_allow_list_from_toml_rejects_bad_types():
    with pytest.raises(ValueError, match="allow_names"):
        PhiAllowList.from_toml({"allow_names": "Dr. Raman"})
    with pytest.raises(ValueError, match="unknown"):
        PhiAllowList.from_toml({"allow_nmes": []})
    assert PhiAllowList.from_toml({}) == PhiAllowList()


def test_reply_that_confirms_care_blocks(phi):
    for text in (
        "We're sorry your visit last Tuesday was frustrating.",
        "Thanks for being our patient!",
    ):
        assert is_blocking(phi.screen(text, context="reply")), text
    assert not phi.screen("Thank you for the kind words!", context="reply")


def test_comment_self_disclosure(phi):
    for text in ("my colonoscopy results came back clean!", "I was diagnosed with diabetes here"):
        findings = phi.screen(text, context="comment")
        assert any(f.rule == "self_disclosure" and f.category == "name" for f in findings)
    assert not phi.screen("Great office, friendly staff.", context="comment")


def test_finding_shape(phi):
    f = phi.screen("Her SSN is 123-45-6789.")[0]
    d = f.to_dict()
    assert set(d) == {
        "category",
        "start",
        "end",
        "text",
        "severity",
        "score",
        "rule",
        "reason",
        "redaction",
    }
    assert d["text"] == "Her SSN is 123-45-6789."[d["start"] : d["end"]] == "123-45-6789"
    assert "Social Security" in d["reason"] and d["redaction"] == "[SSN]"


def test_screen_many_matches_screen(phi):
    texts = ["congrats to our patient Mark on finishing chemo", "Flu shots are here!"]
    assert phi.screen_many(texts) == [phi.screen(t) for t in texts]
    with pytest.raises(ValueError):
        phi.screen("x", context="tweet")


def test_model_loads_once_per_process():
    a, b = get_screen(ALLOW), get_screen(PhiAllowList())
    a.screen("hello")
    b.screen("hello")
    assert a.nlp is b.nlp


def test_missing_model_fails_closed():
    from social_bot.settings import load_settings

    settings = load_settings({"SOCIALBOT_SPACY_MODEL": "no_such_model_xyz"}, dotenv=False)
    screen = PhiScreen(model=settings.spacy_model)
    with pytest.raises(ScreenUnavailable) as exc:
        screen.screen("Jane Doe had chemo")
    message = str(exc.value)
    assert "no_such_model_xyz" in message and "SOCIALBOT_SPACY_MODEL" in message
    assert "\n" not in message


def test_checksums():
    assert luhn_ok("4111111111111111") and not luhn_ok("4111111111111112")
    assert vin_ok("1M8GDM9AXKP042788") and not vin_ok("1M8GDM9A1KP042788")
    assert ssn_ok("123", "45", "6789") and not ssn_ok("666", "45", "6789")


# --- CLI ---------------------------------------------------------------------------------


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    import os

    code = "from social_bot.cli.screen_cmd import screen; screen()"
    full_env = {**os.environ, "SOCIALBOT_POLICY": str(DATA / "policy.toml"), **(env or {})}
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=120,
    )


def test_cli_exit_codes_and_json(tmp_path):
    out = run_cli("--json", "congrats to our patient Mark on finishing chemo")
    assert out.returncode == 1
    result = json.loads(out.stdout)
    assert result["blocked"] is True
    assert {"category", "start", "end", "text", "severity", "reason"} <= set(result["findings"][0])
    clean = run_cli("--json", "Join Dr. Priya Raman for a flu clinic, call (253) 555-0100")
    assert clean.returncode == 0 and json.loads(clean.stdout) == {"blocked": False, "findings": []}
    assert run_cli("--file", str(tmp_path / "missing.txt")).returncode == 2
    bad_model = run_cli("hello", env={"SOCIALBOT_SPACY_MODEL": "no_such_model_xyz"})
    assert bad_model.returncode == 2 and "SOCIALBOT_SPACY_MODEL" in bad_model.stderr


def test_cli_batch(tmp_path):
    batch = tmp_path / "drafts.jsonl"
    batch.write_text('{"text": "Her SSN is 123-45-6789."}\nFlu shots are here!\n')
    out = run_cli("--batch", str(batch))
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert out.returncode == 1 and [r["blocked"] for r in lines] == [True, False]


def test_cli_batch_screens_each_line_in_its_own_context(tmp_path, phi):
    """A JSONL line's "context" wins over --context: an exported calendar mixing posts and
    replies gets the verdicts `post create` and `comments reply` would give each line."""
    # (sessions 12 and 13: "... paying off for you!" and then "So happy the therapy sessions
    # are paying off!" came to block as posts too, by the retrained second look; a post
    # thanking readers for kind words about "your visit" names no one's care, a reply does)
    reply = "Thanks for the kind words about your visit!"
    assert not blocked(phi, reply) and blocked(phi, reply, "reply")  # the case that matters
    batch = tmp_path / "calendar.jsonl"
    batch.write_text("\n".join(json.dumps(r) for r in (
        {"text": reply, "context": "reply"},
        {"text": reply},
        {"text": "Flu shots are here!", "context": "post"},
    )) + "\n")
    out = run_cli("--batch", str(batch))
    assert out.returncode == 1
    assert [json.loads(line)["blocked"] for line in out.stdout.splitlines()] == [True, False, False]
    assert [json.loads(line)["blocked"] for line in
            run_cli("--batch", str(batch), "--context", "reply").stdout.splitlines()] == [
        True, True, False]
    batch.write_text(json.dumps({"text": reply, "context": "tweet"}) + "\n")
    bad = run_cli("--batch", str(batch))
    assert bad.returncode == 2 and bad.stderr.startswith("error:") and not bad.stdout


# --- corpus targets (correctness, not timing) ----------------------------------------------


def test_corpus_meets_targets():
    sys.path.insert(0, str(Path(__file__).parent.parent / "bench"))
    from phi_eval import load_corpus, ours, score

    rows = load_corpus(DATA / "corpus.jsonl")
    assert len(rows) >= 400
    assert abs(sum(r["kind"] == "clean" for r in rows) - len(rows) / 2) < len(rows) * 0.1
    blocks = ours(rows, ALLOW)
    result = score(rows, blocks)
    assert result["direct"] >= 0.99, result["per_category"]
    assert result["names_dates"] >= 0.95, result["per_category"]
    assert result["false_block"] <= 0.03
    # no split may fall far behind: the templated held-out and the hand-written blind set
    for split in ("dev", "heldout", "handwritten", "blind"):
        idx = [i for i, r in enumerate(rows) if r["split"] == split]
        part = score([rows[i] for i in idx], [blocks[i] for i in idx])
        assert part["false_block"] <= 0.03, split
        assert part["text_recall"] >= 0.85, split


# --- mechanisms (texts written for these tests; none comes from the dev set) ---------------


def test_normalisation_keeps_spans_on_the_original(phi):
    # a zero-width space inside the name and a Cyrillic "а" (U+0430) in it
    text = "Get well soon, Ros\u200bal\u0430nd! Your gallbladder surgery went perfectly."
    findings = [f for f in phi.screen(text) if f.severity == "block"]
    assert findings, "invisible and look-alike characters must not hide a name"
    for f in findings:
        assert text[f.start : f.end] == f.text  # the span is on what the author wrote
    assert any("\u200b" in f.text for f in findings)


def test_bidi_controls_and_fullwidth_digits_are_read_as_seen(phi):
    text = "Her SSN is \u202e\uff11\uff12\uff13-45-6789\u202c."
    found = [f for f in phi.screen(text) if f.category == "ssn"]
    assert found and text[found[0].start : found[0].end] == found[0].text


@pytest.mark.parametrize("text", [
    # shown as "Dorian Vasko had chemo today." by any bidi-aware client
    "\u202eoksaV nairoD\u202c had chemo today.",
    "Our patient \u202eoksaV nairoD\u202c finished radiation on Friday.",
])
def test_a_right_to_left_override_is_read_as_displayed(phi, text):
    blocks = [f for f in phi.screen(text) if f.severity == "block" and f.category == "name"]
    assert blocks, "a reversed run must not hide a name"
    assert len({(f.start, f.end) for f in blocks}) == len(blocks)  # one finding per span
    assert all(text[f.start : f.end] == f.text for f in blocks)  # spans on what was written
    assert any("oksaV nairoD" in f.text for f in blocks)


# Session 21's review: 370 ways through normalisation, by kind (texts written for these tests)
@pytest.mark.parametrize("text", [
    # characters that render as nothing though they are marks or letters
    "So proud of Gr\ufe0fet\ufe0fa Holm\u034fberg for finishing chemo!",
    "Patient SSN 4\u180b1\u180b2-7\u17b43-0\u17b4981 on file.",
    # a combining mark on every letter (dotted, struck through), or an accent typed apart
    "Gre\u0307ta\u0307 Ho\u0307lmberg\u0307 finished her last round of chemo\u0336.",
    "Get well soon, Ire\u0301ne Valde\u0301z, after your hip replacement!",
    # digits of other scripts, dingbat digits and a dash from a word processor
    "Patient SSN \u0664\u0661\u0662-\u0667\u0663-\u0660\u0669\u0668\u0661 on file.",
    "Patient SSN \u2783\u2780\u2781\u2013\u2786\u2782\u2013\U0001F10B\u2788\u2787\u2780",
    "Patient SSN 412\u201373\u20130981 on file.",
    "Greta Holmberg, DOB 07\u221504\u22151958, is home after her stroke.",
    # letter-spacing with hair spaces, and a Hangul filler as the space between words
    "Greta Holmberg has d\u200ai\u200aa\u200ab\u200ae\u200at\u200ae\u200as.",
    "Greta\u3164Holmberg\u3164finished\u3164chemo\u3164today!",
    # a right-to-left override with a stray isolate end inside it
    "\u202e.omehc dehsinif\u2069 grebmloH aterG\u202c",
    # dotted, labelled: what any reader takes for an SSN or a date of birth
    "Patient SSN: 412.73.0981 on file.",
    "Greta Holmberg, DOB 07.04.1958, is home after her stroke.",
])
def test_what_a_reader_sees_through_is_screened(phi, text):
    found = [f for f in phi.screen(text) if f.severity == "block"]
    assert found, text
    assert all(text[f.start : f.end] == f.text for f in found)  # spans on what was written


@pytest.mark.parametrize("text", [
    "Closed for the holidays \u2014 back on Jan 2 with extended hours.",
    "Our app's version 1.4.2024 adds online check-in.",
    "Stats for 2022\u20132024 are in our annual report.",
])
def test_typographic_dashes_and_versions_stay_clean(phi, text):
    assert not [f for f in phi.screen(text) if f.severity == "block"]


def test_an_em_dash_between_words_is_punctuation_and_one_between_digits_a_separator():
    from policies.phi.normalize import normalize

    assert normalize("See you then \u2014 Friday").text == "See you then \u2014 Friday"
    assert normalize("SSN 412\u201373\u20130981").text == "SSN 412-73-0981"


def test_letters_in_boxes_and_parentheses_read_as_letters():
    from policies.phi.normalize import normalize

    boxed = "\U0001F176\U0001F181\U0001F174\U0001F183\U0001F170 \u249c\u24a9\u249c"
    assert normalize(boxed).text == "GRETA ana"


def test_cli_batch_lines_end_at_newlines_only(tmp_path):
    # U+2028 inside a line used to cut it in two and shift every later result
    batch = tmp_path / "drafts.txt"
    batch.write_text("Greta Holmberg\u2028finished chemo today!\nFlu shots are here!\n",
                     encoding="utf-8")
    out = run_cli("--batch", str(batch), "--json")
    results = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["blocked"] for r in results] == [True, False]
    # a blank-looking line is refused with its number (session 47; a clean verdict for it
    # read as a text that passed), and nothing is printed before
    batch.write_text("Flu shots are here!\n\u180b\u180c\n", encoding="utf-8")
    out = run_cli("--batch", str(batch), "--json")
    assert out.returncode == 2 and out.stdout == "" and ":2: the text is empty" in out.stderr


def test_cli_refuses_text_of_marks_that_render_as_nothing():
    out = run_cli("\u180b\u180c\u034f")
    assert out.returncode == 2 and out.stderr.startswith("error:")


@pytest.mark.parametrize("text", ["\u200b\u200c", "\u202a \u2066\u2069", "   \n"])
def test_text_empty_once_normalised_is_refused(phi, text):
    from policies.phi import EmptyText

    with pytest.raises(EmptyText):
        phi.screen(text)


def test_cli_refuses_invisible_only_text():
    out = run_cli("\u200b\u200d")
    assert out.returncode == 2 and out.stderr.startswith("error:")


def test_every_recognizer_is_in_the_registry(phi):
    from policies.phi.registry import REGISTRY

    texts = [
        "Call Bo at 206-867-5309 about his MRN 88-1102-7 and member ID ZX99011.",
        "Our 4:30 patient today left her reading glasses in room 2.",
        "Congrats to @trailrunner_di on her first race since the stroke!",
        "Bring a photo ID to 77 Elm Street, Kent, WA 98032 on 3/4.",
    ]
    for text in texts:
        for f in phi.screen(text):
            assert f.rule.split("+")[0] in REGISTRY, f.rule


def test_one_number_changes_how_sure_a_recognizer_must_be(monkeypatch):
    from dataclasses import replace

    from policies.phi import registry

    text = "Her cell is 206-867-5309."
    screen = PhiScreen()
    assert any(f.category == "phone" and f.severity == "block" for f in screen.screen(text))
    row = registry.REGISTRY["phonenumbers"]
    monkeypatch.setitem(registry.REGISTRY, "phonenumbers", replace(row, block_at=0.99))
    assert any(f.category == "phone" and f.severity == "warn" for f in screen.screen(text))


@pytest.mark.parametrize(
    "text",
    [
        "So proud of @lakeside_lou for walking again after the hip replacement!",  # handle
        "Flu shots for the whole crew today (tagged: Omar Haddad, Rina Haddad)",  # tagged
        "Principal Okafor's son came in with a broken wrist; he was so brave.",  # relative
        "Our 3:15 this afternoon: your asthma plan is in the portal!",  # appointment slot
        "The owner of the bike shop on Elm Street is recovering from shoulder surgery.",  # role
        "A 6-year-old from Dunsmuir came in last week with Kawasaki disease.",  # details
        "Thank you, Priscilla, for trusting us with your dialysis all these years.",  # name
    ],
)
def test_every_kind_of_reference_to_a_person_is_a_candidate(phi, text):
    assert is_blocking(phi.screen(text)), text


@pytest.mark.parametrize(
    "text",
    [
        # de-identified teaching cases: a person, a condition, nothing that singles them out
        "A teenager came in recently with wrist pain after a skateboard fall; it was a sprain.",
        "We often see toddlers with ear infections after a cold. Keep an eye on fevers.",
        # staff and community partners in their official capacity
        "Coach Renata Ellis hosted our free sports physicals at the high school this week.",
        "Happy birthday to Delphine, our front desk lead, who turns 52 on Friday!",
        "Say hi to Anselm, our new medical assistant, joining the allergy clinic.",
        # a public figure on their own, publicly disclosed condition
        "Lewis Hamilton has talked openly about his dyslexia. Learning differences are common.",
        # "Mark" as a verb, a town, an emoji, a clinic's name
        "Mark your calendar: diabetes class on May 2 at the Cancer Center.",
    ],
)
def test_marketing_and_deidentified_cases_pass(phi, text):
    findings = phi.screen(text)
    assert not is_blocking(findings), [(f.text, f.rule) for f in findings]


def test_a_name_without_health_warns(phi):
    findings = phi.screen("Congrats to Sharon Liu on a great first marathon!")
    assert findings and not is_blocking(findings)
    assert any(f.category == "name" and f.severity == "warn" for f in findings)
    assert "name" in blocked(phi, "Congrats to Sharon Liu on her new hip!")


def test_official_capacity_versus_own_health(phi):
    assert not is_blocking(phi.screen("Thanks to Pastor Abel Ruiz for hosting our flu clinic."))
    assert "name" in blocked(phi, "Prayers for Pastor Abel Ruiz, recovering after his stroke.")


def test_allow_listed_name_does_not_make_a_post_safe():
    allow = PhiAllowList(names=("Dr. Ines Varga",))
    screen = PhiScreen(allow)
    assert not is_blocking(screen.screen("Dr. Varga will lead the asthma class on Monday."))
    assert is_blocking(screen.screen("Dr. Varga's niece came in for her asthma follow-up."))


def test_reply_context_decides(phi):
    text = "Glad the new eczema cream is working, keep it up!"
    assert is_blocking(phi.screen(text, context="reply"))
    assert not is_blocking(phi.screen(text, context="post"))
    general = "We can't discuss anyone's care here, but our nurse line can help with eczema."
    assert not is_blocking(phi.screen(general, context="reply"))


def test_photo_needs_a_written_authorization(phi):
    text = "Our patient Tobias showing off his new leg brace! 📸"
    assert "photo" in blocked(phi, text)
    authorized = text + " Signed HIPAA authorization on file."
    assert "photo" not in blocked(phi, authorized)


def test_identifier_called_an_ssn_is_one_whatever_its_checksum(phi):
    # 000 and 9xx areas are never issued, but a reader takes this for an SSN
    assert "ssn" in blocked(phi, "Patient SSN: 912-33-4410, please shred after use.")
    assert "license" in blocked(phi, "Found a CDL # Q5512093 in the lobby after her exam.")


@pytest.mark.parametrize(
    "text",
    [
        # first names beyond the US list (Faker's other locales), with an age after the name
        "Look who is walking again: little Aiden Park (age 7) after his leg cast came off.",
        "Mateo Ruiz is home and healing after his appendectomy.",
        # a birth weight is a newborn's health detail
        "Baby Ines arrived at 6 lb 11 oz this morning, congrats to the Okafor family!",
        # caring for one person, spoken to by name
        "Rest in peace, Walter Greaves. Caring for you these last years was an honor.",
    ],
)
def test_general_classes_beyond_the_first_lists(phi, text):
    assert "name" in blocked(phi, text), [(f.text, f.rule) for f in phi.screen(text)]


def test_cited_authors_and_a_staff_first_name_are_not_patients(phi):
    cited = ("A review by Haddad, Lindqvist & Oyelaran (2023) on concussion: most teens do best "
             "with a short rest, then a gradual return.")
    assert not is_blocking(phi.screen(cited)), [(f.text, f.rule) for f in phi.screen(cited)]
    staff = ("Birthday wishes to Odile Brandt, our scheduler, born on Valentine's Day. "
             "Thank you for all you do, Odile.")
    assert not is_blocking(phi.screen(staff)), [(f.text, f.rule) for f in phi.screen(staff)]


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("So proud of the Kowalskis: all four got their flu shots this morning!", "post"),
        ("ms. d from the post office is home after her hip surgery, hooray!", "post"),
        ("Guess who finally got her cast off today? You know who you are!", "post"),
        ("When your 4pm brings cookies: thank you, and hope the new inhaler helps!", "post"),
        ("Yes Dolores, your daughter's referral went to the dermatologist on Monday.", "reply"),
        ("Welcome home, Uncle Ferris! Ten days post-op and already fishing.", "post"),
    ],
)
def test_more_references_to_one_person(phi, text, context):
    findings = phi.screen(text, context=context)
    assert is_blocking(findings), [(f.text, f.rule) for f in findings]


def test_an_animal_named_in_apposition_is_no_patient(phi):
    text = "Say hi to Pickles, our clinic's therapy dog, at the pediatric flu clinic!"
    assert not is_blocking(phi.screen(text)), [(f.text, f.rule) for f in phi.screen(text)]


def test_zip_code_in_a_patient_context_blocks(phi):
    text = "Left in the lobby: a refill for the patient in unit 9, zip 73112. Please call us."
    assert "geographic" in blocked(phi, text), [(f.text, f.rule) for f in phi.screen(text)]
    assert "geographic" not in blocked(phi, "Free flu shots this week for every zip code!")


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("Could someone bring Mr. Oduya's cane to unit 4? He had his hip done Monday.", "post"),
        ("Thanks for letting us know, Ramona. Glad the steroids are working.", "reply"),
        ("Yesterday's 9:15 was so brave about her allergy shot!", "post"),
    ],
)
def test_care_in_everyday_words(phi, text, context):
    findings = phi.screen(text, context=context)
    assert is_blocking(findings), [(f.text, f.rule) for f in findings]


def test_general_advice_to_a_named_commenter_passes(phi):
    text = "Good question, Lionel. Most ankle sprains heal with rest; see a doctor if it swells."
    findings = phi.screen(text, context="reply")
    assert not is_blocking(findings), [(f.text, f.rule) for f in findings]


@pytest.mark.parametrize(
    ("text", "context"),
    [
        # a labelled date of birth is a direct identifier whoever it belongs to
        ("Happy birthday to our clinic grad Oskar (DOB 03/14/2023)!", "post"),
        # spoken to by name, then "your <care>" in the next sentence
        ("Tamsin Moyo, please ring us. We have news about your pap smear.", "post"),
        # a kin word with "own"; lay names of conditions (shingles, hives) ICD spells otherwise
        ("Wendell's own brother finally came in for his shingles shot. Proud of you!", "post"),
        # a role at a kind of place
        ("The night cashier at the hardware store on 9th is glowing now that her nausea is gone.",
         "post"),
        # a position on a named team; her own protocol is not a service
        ("Congrats to the Eastview boys' hockey goalie, cleared after his concussion protocol!",
         "post"),
        # a bed number
        ("Whoever is in bed 4 of our infusion suite: your playlist is the best!", "post"),
        # a reply about the commenter's child ("him") and a clinician's advice
        ("Loved meeting your son! Tell him Dr. Abara says the splint comes off Friday.", "reply"),
        ("Glad you're sleeping better! Keep up the routine Dr. Ilves suggested.", "reply"),
        # "PT" in capitals is physical therapy
        ("Yusuf, you crushed your last PT session today. Go get that marathon!", "post"),
    ],
)
def test_classes_found_by_error_analysis_on_the_fresh_set(phi, text, context):
    findings = phi.screen(text, context=context)
    assert is_blocking(findings), [(f.text, f.rule) for f in findings]


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("Hayley Atwell keeps posting about her endometriosis surgery. Talk to us about pain.",
         "post"),
        ("Our team ran for the Great Plains Lupus Alliance. Team 'Butterfly Effect' raised $900!",
         "post"),
        ("Eight years ago Anselm set up our very first gait lab. Happy work anniversary to the "
         "man who makes rehab fun.", "post"),
        ("Imagine a 40-year-old cyclist who gets dizzy every time she stands. That's common and "
         "treatable.", "post"),
        ("Cluster Headache Botox isn't something our clinic does, but a neurologist can help you.",
         "reply"),
    ],
)
def test_false_block_classes_found_on_the_fresh_set(phi, text, context):
    findings = phi.screen(text, context=context)
    assert not is_blocking(findings), [(f.text, f.rule) for f in findings]


def test_spanish_care_words_and_accents(phi):
    text = "¡Felicidades, Xiomara! Terminaste tu fisioterapia después de la cirugía de cadera."
    assert "name" in blocked(phi, text), [(f.text, f.rule) for f in phi.screen(text)]
    general = "¡Claro! Tenemos intérpretes sin costo. Llame al (253) 555-0100 para una cita."
    assert not is_blocking(phi.screen(general, context="reply"))


@pytest.mark.parametrize(
    "text",
    [
        "News from exam 5: the dad-to-be who has been coming in every Monday passed his physical!",
        "Our beloved piano teacher from the school on Birch Road finished her laser treatments!",
    ],
)
def test_an_exam_room_and_a_hyphenated_description_are_one_person(phi, text):
    findings = phi.screen(text)
    assert is_blocking(findings), [(f.text, f.rule) for f in findings]


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("November is Diabetes Awareness Month. Book your A1c check today!", "post"),
        ("Our nurse Odette finished her wound care certification this spring. So proud!", "post"),
        ("Thanks, Rolf! Hip injections are offered by our ortho team; call to ask if they're "
         "right for you.", "reply"),
    ],
)
def test_calls_to_every_reader_and_staff_training_pass(phi, text, context):
    findings = phi.screen(text, context=context)
    assert not is_blocking(findings), [(f.text, f.rule) for f in findings]


@pytest.mark.parametrize(
    "text",
    [
        # a kind-of-case or hypothetical cue does not clear a sentence that names the person
        "Most days Marisol Quintero comes in for dialysis at 9am.",
        "Imagine being Marisol Quintero: diagnosed with leukemia in March, cancer-free by fall.",
        "Picture a patient like Dorian Vasko with diabetes who came to us last Tuesday.",
        # patients also 'joined us' and have 'years with us': no work anniversary
        "Welcome back Dorian Vasko, who joined us after a stroke in March.",
        "Thanks Marisol Quintero for 10 years with us, and for beating breast cancer in 2023!",
        # an audience or hobby word after "our" is no occupation of the practice
        "Marisol Quintero, one of our followers, was diagnosed with lupus here on Monday.",
        "Dorian Vasko, one of our donors, finished chemo here on Friday.",
        # a person who goes with an animal is no animal
        "Dorian Vasko (our therapy dog's owner) had his gallbladder out here on Monday.",
        # a first name and a surname that is also a place word, with a person's pronoun
        "Aiden Park had his tonsils out here on Monday.",
    ],
)
def test_general_cues_do_not_clear_a_named_patient(phi, text):
    findings = phi.screen(text, context="post")
    assert is_blocking(findings), [(f.text, f.rule) for f in findings]


@pytest.mark.parametrize(
    "text",
    [
        # a patient who posted about their care has not authorised the practice to confirm it
        "Dorian Vasko posted about his colonoscopy here last Friday.",
        "Marisol Quintero tweeted that her chemo at our clinic starts Monday.",
    ],
)
def test_a_public_post_about_care_given_here_still_blocks(phi, text):
    findings = phi.screen(text)
    assert is_blocking(findings), [(f.text, f.rule) for f in findings]


def test_a_public_figure_awareness_post_still_passes(phi):
    text = ("Selena Gomez opened up about her lupus and kidney transplant. If you have lupus, "
            "we are here for you.")
    assert not is_blocking(phi.screen(text))


def test_a_general_statement_after_a_greeting_is_not_the_commenters_care(phi):
    general = "Good question, Lionel! Sunscreen should be SPF 30 or higher for daily use."
    assert not is_blocking(phi.screen(general, context="reply"))
    named = "Ines should be back at school Monday after her appendectomy."
    assert "name" in blocked(phi, named)


def test_a_public_figure_in_an_invitation_to_a_practice_event_warns(phi):
    text = ("Venus Williams has spoken openly about her Sjogren's syndrome; learn about it at our "
            "free talk on Thursday.")
    assert not is_blocking(phi.screen(text)), [(f.text, f.rule) for f in phi.screen(text)]
    assert "name" in blocked(phi, "Venus Williams posted about her Sjogren's care at our clinic.")


def test_a_place_named_like_a_person_is_still_a_place(phi):
    text = "Jackson Park opens its new playground Monday; the flu clinic is there too."
    assert not is_blocking(phi.screen(text))


@pytest.mark.parametrize(
    "text",
    [
        # a full birth date after "born" is a date of birth, with or without a named person
        "Patient born 2/9/1958 came back today for a wound check.",
        "Our visitor this morning, born on October 30, 1971, needed three stitches.",
        # a small-capital label reads as the letter it shows
        "ᴅᴏʙ 11/02/1949 - bring the inhaler log to the next visit",
    ],
)
def test_a_full_birth_date_blocks_however_it_is_written(phi, text):
    assert "date" in blocked(phi, text)


def test_a_birth_year_alone_is_not_a_date_of_birth(phi):
    assert "date" not in blocked(phi, "Our founder was born in 1931 and opened this clinic.")


def test_a_staff_members_birth_date_is_no_patients(phi):
    text = "Happy birthday to Rosalind, our receptionist (born April 3, 1980)!"
    assert "date" not in blocked(phi, text)


def test_a_commenters_own_care_is_redacted_as_a_health_detail(phi):
    from policies.phi.redact import redact

    text = "Thanks for the reminder, I had my flu jab here on the way to work!"
    findings = [f for f in phi.screen(text, context="comment") if f.rule == "self_disclosure"]
    assert findings, "the commenter's own care is reported"
    shown = redact(text, findings)
    assert "[health detail]" in shown.text and "[patient name]" not in shown.text
    assert all(text[f.start:f.end] not in shown.text for f in findings)
