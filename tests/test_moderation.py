"""The comment classifier: each flag, thresholds from the policy, auto-hide rules, config."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass

import pytest

from policies.moderation import (
    DEFAULT_THRESHOLDS,
    FLAGS,
    CommentClassifier,
    Flag,
    ModerationPolicy,
    should_auto_hide,
)


@pytest.fixture(scope="module")
def classifier() -> CommentClassifier:
    return CommentClassifier(ModerationPolicy(), allow_domains=("northsidefm.example",))


def flags_of(classifier: CommentClassifier, text: str) -> set[str]:
    return {f.flag for f in classifier.classify(text)}


# --- each flag ------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Waited two hours past my appointment and nobody said a word.",
    "Your billing office charged me twice and never called back.",
    "Oh great, another 'we care about your time' post. Sure you do.",
])
def test_negative_complaints_and_sarcasm(classifier: CommentClassifier, text: str) -> None:
    assert "negative" in flags_of(classifier, text)


@pytest.mark.parametrize("text", [
    "Thank you all, the nurses were wonderful!",
    "No complaints here, everyone was lovely.",
    "I have breast cancer and this post made me cry.",  # sad, not criticism
])
def test_praise_and_sad_disclosures_are_not_negative(classifier: CommentClassifier,
                                                      text: str) -> None:
    assert "negative" not in flags_of(classifier, text)


@pytest.mark.parametrize("text", [
    "This place is a fucking joke.",
    "Your receptionist is a stupid b*tch.",  # disguised
    "sh!t service",
    "Bunch of incompetent morons.",
    "I know where the office manager parks. Watch your back.",  # threat
])
def test_abuse(classifier: CommentClassifier, text: str) -> None:
    flags = classifier.classify(text)
    assert "abuse" in {f.flag for f in flags}
    reason = next(f.reason for f in flags if f.flag == "abuse")
    assert "fucking" not in reason  # profanity is named, not repeated in full


@pytest.mark.parametrize("text", [
    "Do you offer breast exams and pap smears?",  # anatomy on the profanity list
    "Kill it at the 5k tomorrow, team!",
    "Hell yes, Saturday hours!",  # mild word, praise
    "The parking situation is stupid.",  # harsh, but aimed at no one
])
def test_clinical_and_mild_words_are_not_abuse(classifier: CommentClassifier, text: str) -> None:
    assert "abuse" not in flags_of(classifier, text)


# Judging how staff did their job is criticism the practice must see and answer, not abuse:
# hidden at once, it would look like the practice silencing complaints (issue 7).
@pytest.mark.parametrize("text", [
    "The front desk staff were incompetent and rude, I will not be back.",
    "Dr. Raman is useless, waited two hours and she spent five minutes with me.",
    "Lazy receptionists, nobody answers the phone.",
    "The billing office is clueless about my insurance.",
    "The nurse was careless drawing my blood and left a huge bruise.",
    "Very unprofessional staff.",
    "You are useless.",
    "The receptionist was condescending and disrespectful to my elderly father.",
    "Totally disorganized office, they lost my referral twice.",
    "Pathetic customer service from the front desk.",
    "Your new patient portal is garbage.",  # a thing, not a person, called garbage
])
def test_criticism_of_staff_performance_is_negative_not_hidden(
        classifier: CommentClassifier, text: str) -> None:
    flags = classifier.classify(text)
    names = {f.flag for f in flags}
    assert "negative" in names
    assert "abuse" not in names
    assert not should_auto_hide(flags, ModerationPolicy())


@pytest.mark.parametrize("text", [
    "You people are idiots.",  # name-calling
    "you lazy idiots",  # a performance word does not excuse the insult next to it
    "Bunch of incompetent morons.",
    "Your staff are stupid.",  # insults their minds, aimed at people
    "Your staff are trash.",
    "This place is a fucking joke.",  # profanity
    "Someone should burn this place down.",  # threat
    "That front desk girl needs to be slapped.",
    # incitement to self-harm, wishing death: abuse 0.45-0.53 (below 0.7, not hidden) before
    "just kill urself already",
    "kys lol",
    "hope u all rot",
])
def test_insults_profanity_and_threats_are_still_hidden(
        classifier: CommentClassifier, text: str) -> None:
    flags = classifier.classify(text)
    assert {"negative", "abuse"} <= {f.flag for f in flags}
    assert should_auto_hide(flags, ModerationPolicy())


@pytest.mark.parametrize("text", [
    "I was diagnosed with type 2 diabetes last month.",
    "Been on sertraline for two years now.",
    "My A1c went from 9.2 to 6.8!",
    "my mom's knee replacement went great, she's walking again",  # unnamed household member
])
def test_own_health_is_self_disclosure_not_phi(classifier: CommentClassifier,
                                                text: str) -> None:
    flags = flags_of(classifier, text)
    assert "self_disclosure" in flags and "phi" not in flags


@pytest.mark.parametrize("text", [
    "My daughter Lily has had asthma since she was 3.",  # a named relative is identifiable
    "Everybody knows @mike_r just got out of rehab for his drinking",  # a tagged third party
])
def test_someone_elses_health_is_phi(classifier: CommentClassifier, text: str) -> None:
    flags = flags_of(classifier, text)
    assert "phi" in flags and "self_disclosure" not in flags


@pytest.mark.parametrize("text", [
    "Does the practice treat diabetes?",
    "Breast cancer awareness month, love the pink!",
    "Tagging my mom so she sees this.",
    "I got a bill for $400 for my visit.",  # being a patient is not a health detail
])
def test_no_phi_without_a_health_detail_about_someone(classifier: CommentClassifier,
                                                       text: str) -> None:
    assert "phi" not in flags_of(classifier, text)


@pytest.mark.parametrize("text", [
    "Should I stop taking my metformin?",
    "Is this rash serious?",
    "What dose of ibuprofen is safe for a 40 pound toddler?",
])
def test_medical_advice(classifier: CommentClassifier, text: str) -> None:
    assert "medical_advice" in flags_of(classifier, text)


@pytest.mark.parametrize("text", [
    "Do you offer flu shots on Saturdays?",
    "Are you taking new patients?",
    "Can I pay my bill online?",
])
def test_service_questions_are_not_advice(classifier: CommentClassifier, text: str) -> None:
    assert flags_of(classifier, text) == set()


@pytest.mark.parametrize("text", [
    "Earn $500 a day from home! http://bit.ly/3xYz9",
    "Use promo code SAVE50 for cheap CBD gummies at greenleafcbd.shop",
    "check my profile check my profile check my profile",
    "nice nice nice nice nice nice",
])
def test_spam(classifier: CommentClassifier, text: str) -> None:
    assert "spam" in flags_of(classifier, text)


def test_practice_links_are_not_spam(classifier: CommentClassifier) -> None:
    assert flags_of(classifier, "Details at https://northsidefm.example/flu") == set()
    assert "spam" in flags_of(classifier, "Details at https://elsewhere.example/flu")


def test_flags_carry_score_and_reason(classifier: CommentClassifier) -> None:
    flags = classifier.classify("You idiots overcharged me. Should I stop my insulin?")
    assert [f.flag for f in flags] == [f for f in FLAGS if f in {f.flag for f in flags}]
    for f in flags:
        assert 0 < f.score <= 1
        assert f.reason.endswith(".") and len(f.reason.split()) >= 3
        assert f.to_dict() == {"flag": f.flag, "score": f.score, "reason": f.reason}


def test_empty_comment_has_no_flags(classifier: CommentClassifier) -> None:
    assert classifier.classify("   ") == []


def test_classify_many_matches_classify(classifier: CommentClassifier) -> None:
    texts = ["Thanks!", "fuck this", "Should I stop my statin?"]
    assert classifier.classify_many(texts) == [classifier.classify(t) for t in texts]


# --- thresholds and the PHI screen ------------------------------------------------------------

def test_thresholds_come_from_the_policy() -> None:
    text = "Three weeks to get a refill approved is ridiculous."
    default = CommentClassifier(ModerationPolicy())
    strict = CommentClassifier(ModerationPolicy.from_toml({"thresholds": {"negative": 0.99}}))
    score = next(f.score for f in default.classify(text) if f.flag == "negative")
    assert score < 0.99
    assert "negative" not in {f.flag for f in strict.classify(text)}


@dataclass(frozen=True)
class FakeFinding:
    category: str
    severity: str
    rule: str
    reason: str
    text: str
    score: float = 0.75


def test_phi_screen_findings_raise_phi_and_are_called_once_per_batch() -> None:
    calls: list[list[str]] = []

    def screen(texts: list[str]) -> list[list[FakeFinding]]:
        calls.append(list(texts))
        return [[FakeFinding("name", "block", "self_disclosure",
                             "The commenter discloses their own health information ('gout')",
                             "gout")] if "gout" in t else [] for t in texts]

    classifier = CommentClassifier(ModerationPolicy(), screen)
    results = classifier.classify_many(["the gout thing again", "lovely staff"])
    assert len(calls) == 1 and calls[0] == ["the gout thing again", "lovely staff"]
    # the screen's health term with no one named: the commenter's own, so self_disclosure
    found = [f for f in results[0] if f.flag == "self_disclosure"]
    assert found and '"gout"' in found[0].reason
    assert results[1] == []


def test_an_identifier_from_the_screen_next_to_health_is_phi() -> None:
    def screen(texts: list[str]) -> list[list[FakeFinding]]:
        return [[FakeFinding("date", "block", "date+birth_context", "a birth date", "3/4/71")]
                for _ in texts]

    flags = CommentClassifier(ModerationPolicy(), screen).classify(
        "my dob is 3/4/71, when is my biopsy result back")
    assert "phi" in {f.flag for f in flags} and "self_disclosure" not in {f.flag for f in flags}
    assert should_auto_hide(flags, ModerationPolicy())


def test_care_words_from_the_screen_do_not_raise_phi() -> None:
    def screen(texts: list[str]) -> list[list[FakeFinding]]:
        return [[FakeFinding("name", "block", "self_disclosure", "care relationship",
                             "appointment")] for _ in texts]

    flags = CommentClassifier(ModerationPolicy(), screen).classify(
        "Cancelled my appointment with no explanation.")
    assert "phi" not in {f.flag for f in flags}


def test_identifier_without_health_detail_is_not_phi() -> None:
    def screen(texts: list[str]) -> list[list[FakeFinding]]:
        return [[FakeFinding("phone", "block", "phonenumbers", "a phone number",
                             "+1 555 201 8841", 0.8)] for _ in texts]

    flags = CommentClassifier(ModerationPolicy(), screen).classify("call me on +1 555 201 8841")
    assert "phi" not in {f.flag for f in flags}


def test_screen_result_count_must_match() -> None:
    classifier = CommentClassifier(ModerationPolicy(), lambda texts: [])
    with pytest.raises(ValueError):
        classifier.classify("hello")


# --- auto-hide ------------------------------------------------------------------------------

def test_auto_hide_defaults_to_phi_and_abuse() -> None:
    policy = ModerationPolicy()
    assert should_auto_hide([Flag("abuse", 0.9, "x.")], policy)
    assert should_auto_hide([Flag("phi", 0.9, "x.")], policy)
    assert not should_auto_hide([Flag("spam", 0.9, "x."), Flag("medical_advice", 0.9, "x.")],
                                policy)
    assert not should_auto_hide([], policy)


def test_negative_is_never_auto_hidden() -> None:
    assert not should_auto_hide([Flag("negative", 0.99, "x.")], ModerationPolicy())
    with pytest.raises(ValueError, match="negative"):
        ModerationPolicy.from_toml({"auto_hide": ["negative", "abuse"]})
    with pytest.raises(ValueError, match="negative"):
        ModerationPolicy(auto_hide=("negative",))


def test_auto_hide_follows_the_policy() -> None:
    policy = ModerationPolicy.from_toml({"auto_hide": ["spam"]})
    assert should_auto_hide([Flag("spam", 0.9, "x.")], policy)
    assert not should_auto_hide([Flag("abuse", 0.9, "x.")], policy)


# --- from_toml ------------------------------------------------------------------------------

def test_from_toml_defaults() -> None:
    policy = ModerationPolicy.from_toml({})
    assert policy.auto_hide == ("phi", "abuse")
    assert policy.monitor_days == 14
    assert set(policy.thresholds) == set(FLAGS)
    assert {"negative", "medical_advice", "phi", "general"} <= set(policy.reply_templates)


def test_from_toml_reads_values() -> None:
    policy = ModerationPolicy.from_toml({
        "auto_hide": ["phi"], "monitor_days": 30, "thresholds": {"spam": 0.8},
        "reply_templates": {"general": "Please call the office."},
    })
    assert policy.auto_hide == ("phi",)
    assert policy.monitor_days == 30
    assert policy.threshold("spam") == 0.8
    assert policy.threshold("abuse") == DEFAULT_THRESHOLDS["abuse"]
    assert policy.reply_templates["general"] == "Please call the office."
    assert "negative" in policy.reply_templates  # defaults kept


@pytest.mark.parametrize("section, fragment", [
    ({"auto_hide": "phi"}, "auto_hide"),
    ({"auto_hide": ["rude"]}, "rude"),
    ({"monitor_days": 0}, "monitor_days"),
    ({"monitor_days": "14"}, "monitor_days"),
    ({"monitor_days": True}, "monitor_days"),
    ({"thresholds": {"negative": 1.5}}, "thresholds.negative"),
    ({"thresholds": {"negative": 0}}, "thresholds.negative"),
    ({"thresholds": {"angry": 0.5}}, "angry"),
    ({"thresholds": 0.5}, "thresholds"),
    ({"reply_templates": {"general": "  "}}, "reply_templates.general"),
    ({"autohide": ["phi"]}, "autohide"),
])
def test_from_toml_rejects_bad_values_in_one_line(section: dict, fragment: str) -> None:
    with pytest.raises(ValueError) as info:
        ModerationPolicy.from_toml(section)
    message = str(info.value)
    assert fragment in message and "\n" not in message and message.startswith("[moderation]")


CONFIRMS_CARE = ("your visit", "your appointment", "your doctor", "your care", "your treatment",
                 "as our patient", "your results", "your condition")


def test_default_reply_templates_never_confirm_a_patient() -> None:
    for name, text in ModerationPolicy().reply_templates.items():
        lowered = text.lower()
        assert not any(p in lowered for p in CONFIRMS_CARE), name
        assert "call" in lowered and "office" in lowered, name


def test_import_is_lazy() -> None:
    code = ("import sys, policies.moderation, policies.moderation.evaluation; "
            "heavy = [m for m in ('vaderSentiment', 'spacy', 'better_profanity') "
            "if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=60)
    assert out.stdout.strip() == "[]"


def test_the_trained_models_load_without_numpy_or_scikit_learn() -> None:
    # the load must stay cheap for `socialbot comments classify --fast`
    code = ("import sys; from policies.moderation.model import models; m = models(); "
            "print(sorted(h.name for h in m.heads), "
            "[x for x in ('numpy', 'sklearn', 'scipy') if x in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=60)
    assert out.stdout.strip() == "['abuse', 'medical_advice', 'negative', 'spam'] []"


# --- fixes from measuring on text the team did not write (issue 13) ---------------------------

def test_text_between_two_contractions_is_not_a_sarcastic_quote() -> None:
    from policies.moderation.classifier import _plain, score_negative

    text = "Who's running the booth? The flyer doesn't say."
    assert "sarcastic" not in score_negative(_plain(text), text)[1]
    quoted = "Love the 'short' wait, forty minutes today."
    assert "sarcastic" in score_negative(_plain(quoted), quoted)[1]


def test_a_comment_with_only_short_slang_known_words_is_unjudged(
        classifier: CommentClassifier) -> None:
    # VADER knows "po" as slang; in Tagalog it is a politeness word in most sentences
    flags = flags_of(classifier, "Maraming salamat po, bukas po ba ang opisina sa Sabado?")
    assert flags == {"unjudged"}


def test_medical_advice_needs_a_health_or_care_word(classifier: CommentClassifier) -> None:
    assert "medical_advice" not in flags_of(
        classifier, "Do I have to pay for the garage or is street parking okay?")
    assert "medical_advice" in flags_of(
        classifier, "My ankle is swollen after a fall, should I ice it or come in?")


def test_an_information_question_leans_less_on_the_model() -> None:
    from policies.moderation.classifier import QUESTION_DAMPING, _only_questions

    assert _only_questions("Is the pharmacy window open at lunch? Which door is it?")
    assert not _only_questions("Is the pharmacy open? I waited an hour for nothing.")
    assert 0 < QUESTION_DAMPING < 0.5


def test_every_default_threshold_says_where_it_was_chosen() -> None:
    from policies.moderation.policy import THRESHOLD_SOURCE

    assert set(THRESHOLD_SOURCE) == set(FLAGS) == set(DEFAULT_THRESHOLDS)
    assert all(0 < DEFAULT_THRESHOLDS[f] <= 1 and THRESHOLD_SOURCE[f] for f in FLAGS)


# --- advice requests: asked, about a health matter of one's own (our own sentences) --------

def _advice(text: str) -> bool:
    flags = CommentClassifier(ModerationPolicy()).classify(text)
    return "medical_advice" in {f.flag for f in flags}


@pytest.mark.parametrize("text", [
    "My knee keeps locking up after my run, do I need an MRI or just rest it",  # no '?'
    "Can I take naproxen while I'm on lisinopril?",  # kept drug vocabulary
    "¿Puedo darle ibuprofeno a mi hijo si tiene fiebre y vómito?",  # Spanish, rules alone
    "What dose of children's Motrin for my 40 lb kid?",
])
def test_a_personal_health_question_is_an_advice_request(text: str) -> None:
    assert _advice(text)


@pytest.mark.parametrize("text", [
    "I waited two hours with my asthma flaring and this is my health we're talking about.",
    pytest.param("Can someone call me back about my lab results? Third time asking",
                 marks=pytest.mark.xfail(strict=True, reason=(
                     "a callback: since session 26 the writers' advice head reads it as a "
                     "request (0.80), a known cost (docs/history/moderation.md, 'Session 26')"))),
    "Mi papá tiene asma y la próxima cita es en marzo?? Qué mal servicio.",  # a complaint
])
def test_statements_complaints_and_callbacks_are_not_advice_requests(text: str) -> None:
    assert not _advice(text)


@pytest.mark.parametrize("text", [
    # a phishing notice in alarming words (negative 0.86 before spam damped it)
    "Your account is suspended for violating our terms, verify now or lose access: "
    "acct-verify.example",
    "Where do we drop the coats off? Is the side door okay if we can't find parking?",
])
def test_ads_and_plain_questions_are_not_criticism(text: str) -> None:
    flags = {f.flag for f in CommentClassifier(ModerationPolicy()).classify(text)}
    assert "negative" not in flags


@pytest.mark.parametrize("text", [
    "The billing guy lives at 42 Birch Ln, go tell him in person what you think",  # doxxing
    "y'all blow up Dana's phone till she answers",  # a crowd sent after someone
    "Somebody should teach that manager a lesson",  # a veiled threat
    "that fat receptionist should skip lunch",  # mocking a body
    "the new PA is a b**** and everyone knows it",  # trailing stars hide the letters
    "Son unos pendejos en la recepción",  # Spanish
])
def test_doxxing_threats_body_mocking_and_disguised_slurs_are_abuse(text: str) -> None:
    flags = {f.flag for f in CommentClassifier(ModerationPolicy()).classify(text)}
    assert "abuse" in flags


@pytest.mark.parametrize("text", [
    "The front desk treated me like a complete idiot and never called back",  # a simile
    "Everyone should visit the new pediatric wing, it's lovely",
    "My PCP referred me here and I'm glad she did",  # primary care, not a drug
])
def test_criticism_praise_and_care_words_are_not_abuse(text: str) -> None:
    flags = {f.flag for f in CommentClassifier(ModerationPolicy()).classify(text)}
    assert "abuse" not in flags


@pytest.mark.parametrize("text", [
    "Who do I ask about a billing question, the front desk or the portal?",  # a weak cue
    "Is the flu shot clinic on Saturday walk-in?",  # VADER's "flu" is a clinical word here
])
def test_questions_with_billing_or_clinical_words_are_not_criticism(text: str) -> None:
    flags = {f.flag for f in CommentClassifier(ModerationPolicy()).classify(text)}
    assert "negative" not in flags


# Mild criticism in neutral words, by construction (lexicon.CRITICISM_RE / CONTRAST_RE):
# demands, wishes, low ratings, prices, complaint questions. Sentences written for this test.
@pytest.mark.parametrize("text", [
    "Great newsletter, but maybe answer the phones before making more videos",
    "Wish you had evening hours for those of us who work days",
    "Two stars for parking, one star for the billing office.",
    "Why does it always take two weeks to get lab results back?",
    "Can't get anyone on the phone after 4pm. Ever.",
    "Bring back the Tuesday walk-in clinic please",
    "Funny how the flu shot ad runs daily while the pharmacy line is an hour long.",
])
def test_mild_criticism_in_neutral_words_is_negative(classifier: CommentClassifier,
                                                     text: str) -> None:
    assert "negative" in flags_of(classifier, text)


@pytest.mark.parametrize("text", [
    "Come on in, the door is open until 6!",
    "Love how the nurses explain everything to my kids",
    "Cool, see you Saturday!",
    "Is it too late to get a flu shot this season?",
])
def test_the_same_words_without_criticism_are_not_negative(classifier: CommentClassifier,
                                                           text: str) -> None:
    assert "negative" not in flags_of(classifier, text)


@pytest.mark.parametrize(("text", "advice"), [
    # a question about people in general asks for information, not individual advice
    ("At what age can children get the HPV vaccine?", False),
    ("Is the shingles shot recommended for seniors over 70?", False),
    ("My daughter is 11, can she get the HPV vaccine yet?", True),
])
def test_a_question_about_people_in_general_is_not_an_advice_request(
        classifier: CommentClassifier, text: str, advice: bool) -> None:
    assert ("medical_advice" in flags_of(classifier, text)) is advice


@pytest.mark.parametrize(("text", "negative"), [
    # plainly positive, no complaint cue: the tweet-trained model alone does not flag it
    ("haha my son came home and taught the whole class the handwashing song 😂", False),
    ("The flyer photo is blurry, can you post a clearer one?", False),  # a symptom word
    ("The nurse lectured me about my weight for ten minutes", True),
    # a top rating is praise; an accident is health news, not criticism
    ("Back on the bike three months after my accident thanks to the PT crew. 10/10", False),
])
def test_positive_or_plain_comments_are_not_read_as_complaints(
        classifier: CommentClassifier, text: str, negative: bool) -> None:
    assert ("negative" in flags_of(classifier, text)) is negative


# Veiled threats, a posted licence plate and mocking a body by comparison are abuse; the same
# words about a lesson or a bake sale are not. Sentences written for this test.
@pytest.mark.parametrize(("text", "abuse"), [
    ("Somebody ought to teach that front desk lady a lesson.", True),
    ("I'll be waiting outside the garage for Dr. Reyes after his shift.", True),
    ("The guy who yelled at me drives a blue Tacoma, plate 7KQM482", True),
    ("the new receptionist is built like a fridge lol", True),
    ("I want to teach the kids a lesson about handwashing", False),
    ("Our plates are 2 for $10 at the bake sale", False),
])
def test_veiled_threats_and_doxxing(classifier: CommentClassifier, text: str,
                                    abuse: bool) -> None:
    assert ("abuse" in flags_of(classifier, text)) is abuse


def test_disbelief_idiom_is_not_hidden_as_profanity(classifier: CommentClassifier) -> None:
    flags = classifier.classify('"Same-day" appointments my a**.')
    assert "negative" in {f.flag for f in flags}
    assert not should_auto_hide(flags, ModerationPolicy())


def test_spanish_is_not_read_through_vaders_english_false_friends(
        classifier: CommentClassifier) -> None:
    # "sin" (without) is an English word to VADER
    assert "negative" not in flags_of(classifier, "¿Hacen pruebas de embarazo sin cita?")
    assert "negative" in flags_of(classifier, "Estoy harta de que cancelen mi cita a última hora")


@pytest.mark.parametrize("text", ["my husband's sleep study", "her stress test came back",
                                  "his bone density scan", "an allergy testing visit"])
def test_common_diagnostic_tests_are_health_terms(text: str) -> None:
    from policies.moderation.lexicon import health_terms

    assert health_terms(text)


@pytest.mark.parametrize(("text", "negative"), [
    # the commenter's own health worry or news is not criticism of the practice
    ("My anxiety after the baby was rough, but therapy here helped so much.", False),
    ("Started a new inhaler last week and my asthma is worse at night. Should I switch back?",
     False),
    # health plus a complaint cue still is
    ("My son's asthma refill has been stuck for a week and nobody calls back", True),
])
def test_health_worry_is_not_a_complaint_unless_it_complains(
        classifier: CommentClassifier, text: str, negative: bool) -> None:
    assert ("negative" in flags_of(classifier, text)) is negative


@pytest.mark.parametrize(("text", "disclosure"), [
    # a household medicine's dose asked about for one's own child: all three independent
    # writers (training/data, lakeshore) label such a question self_disclosure as well, even
    # with no symptom named, and the writers' self_disclosure head follows them (it was
    # "advice only" before it); None: either reading is accepted
    ("How much children's Motrin can I give my 4 year old?", None),
    ("My son has a fever of 102, can I give him Motrin?", True),
])
def test_a_dose_question_about_a_household_medicine_is_advice_not_disclosure(
        classifier: CommentClassifier, text: str, disclosure: bool | None) -> None:
    flags = flags_of(classifier, text)
    assert "medical_advice" in flags
    assert "phi" not in flags
    if disclosure is not None:
        assert ("self_disclosure" in flags) is disclosure
