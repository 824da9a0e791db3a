"""The parse-based constructions of the PHI screen (policies/phi/subjects.py), both sides.

Every sentence here was written for this file (none comes from the dev sets): a role or a
first name that is also a word, tied to a health event by the syntax, blocks; the same roles
and words in health education, events, partner thanks and de-identified cases pass."""

from __future__ import annotations

import pytest
from conftest import blocking_rules

from policies.phi import PhiScreen
from policies.phi.candidates import NOT_NAME
from policies.phi.subjects import name_gate, role_gate, role_nouns


@pytest.fixture(scope="module")
def phi() -> PhiScreen:
    # the rules alone: these tests pin their constructions (the learned second opinion
    # is tested in test_phi_learned.py and measured by its trainer and bench/phi_eval.py)
    return PhiScreen(learned=False)


# A bare community or occupational role, on its own or tied to a street, a place or a
# business, that is the subject or possessor of a health event
ROLE_EVENTS = [
    # verbs that only look like teaching or running ("rang", "walked", "tested")
    "The night janitor walked into our ER with chest pain on Sunday.",
    "Our longtime school bus driver tested positive for TB, and the district is notifying "
    "families.",
    "The church organist rang the bell after her final chemo session.",
    'Sending love to our favourite lollipop lady, who had a stroke over the weekend.',
    'The mail carrier on our route is home recovering from gallbladder surgery.',
    ('Our beloved school librarian was just diagnosed with breast cancer. We are all '
     'rooting for her!'),
    'The janitor at the middle school broke his hip last week and we set it in our ER.',
    ("Get well soon to the bus driver who fainted on the morning route - she's stable "
     'and resting with us.'),
    'Our neighborhood pharmacist is back at the counter after his bypass surgery!',
    'The night custodian came in with chest pain and is now in cardiac rehab.',
    'The church organist has been battling pneumonia all month.',
    "Our town's fire chief had a pacemaker put in here yesterday.",
    'The high school band director finished his final round of chemo today!',
    'Huge hugs to the garbage truck driver who slipped on the ice and fractured his wrist.',
    'The barber on Main Street had his hip replaced here last month.',
    'The baker at Sunrise Donuts is finally off oxygen after COVID pneumonia.',
    'The crossing guard at Fifth and Oak is back on duty after her knee surgery.',
    'That friendly florist on Cedar Avenue just finished her last dialysis session with us.',
    "The owner of Pete's Hardware is recovering from a heart attack.",
    "The deli guy at Kowalski's Market got his stitches out today.",
    "Coach Albright's daughter had her tonsils out with us this morning.",
    'The shortstop for the Cloquet Lumberjacks is in a sling after dislocating his shoulder.',
    'Happy to see the retired postmaster from Proctor back on his feet after hip surgery.',
    "The pastor's wife is resting comfortably after her mastectomy.",
    ('The school janitor, the lunch lady and the principal all got their flu shots at '
     'our clinic day!'),
]

# A first name that is also an everyday word, opening a sentence as a person's subject
WORD_NAMES = [
    # a first name that undergoes the event needs no pronoun
    "Congrats, champ! Rose beat leukemia and turns six next week.",
    "Dawn started physical therapy on Monday and already climbs the stairs.",
    "Grace is a breast cancer survivor and our walk's honorary captain.",
    'Hope rang the bell today after her last radiation session!',
    'Grace is home after her C-section and both are doing great.',
    'Will crushed his physical therapy goals this week.',
    "Faith just got her cast off and she's already back on the trampoline.",
    'Joy finished chemo yesterday, and her whole family came to cheer.',
    'Congrats! Hunter is walking again after his knee replacement.',
    "Sunny came in for her allergy shots and didn't cry once.",
    'Bill had his gallbladder removed Tuesday and is already cracking jokes.',
    'Summer is recovering nicely from her appendectomy.',
]

# The same roles and words where nobody's health is disclosed
PASSES = [
    # a season or a virtue as the subject
    "Summer started with a heat wave and lots of sunburns.",
    "Summer is peak season for Lyme disease; check for ticks.",
    "Faith helps many patients cope with cancer, our chaplain says.",
    "Patience is key after knee surgery.",
    'Crossing guards: know the signs of a heart attack and call 911 right away.',
    'Bus drivers spend hours sitting. Here are five stretches for lower back pain.',
    'Our pharmacist will host a free talk on blood pressure medicines Thursday at 6pm.',
    'The school nurse at Lincoln Elementary is running a flu shot clinic Friday.',
    'A mail carrier walks up to 12 miles a day; good shoes prevent plantar fasciitis.',
    'Librarians, teachers and coaches: our CPR class is open to you all.',
    'The fire chief joined us to teach hands-only CPR at the community center.',
    'Hope is not a plan: schedule your colonoscopy at 45.',
    'Grace periods for insurance end Dec 31, so book your physical now.',
    'Will your child need a sports physical this fall? Walk-ins welcome.',
    'Faith communities are partnering with us on a diabetes screening day.',
    'Joy is contagious - so is the flu. Wash your hands!',
    'Summer is here: sunscreen prevents skin cancer.',
    'Rose hips are not a cure for arthritis, despite what you read online.',
    'Bill pay is now available in the portal.',
    ('Selena Gomez has spoken openly about her lupus and kidney transplant; learn the '
     'signs of lupus.'),
    ('A barber in his 50s came in with a mole that had changed shape; it was caught '
     'early. Check your skin!'),
    ('A 40-year-old teacher presented with chest pain; it turned out to be reflux. '
     'Know when to go to the ER.'),
    'Thanks to the barbers on Main Street who hung our blood pressure flyers!',
    "The owner of Pete's Hardware donated 200 bike helmets to our safety fair.",
    'Our favourite crossing guard retired today after 30 years of keeping kids safe!',
    'The librarian at Central Library is hosting our healthy-aging book club.',
    "Thank you for the kind words! We can't discuss anyone's care here, but please call us.",
    "Great question - most sprains heal in 2 to 6 weeks. Call us if the swelling doesn't improve.",
    "Our nurse practitioner explains what to expect after a C-section in this week's video.",
    'Firefighters have higher rates of certain cancers; ask your provider about screening.',
    'Teachers: if a student has a seizure, stay calm, time it and call 911.',
    'The mayor will cut the ribbon at our new urgent care wing Monday.',
    'Did you know truck drivers are at higher risk for sleep apnea? Take our quiz.',
    'Our receptionist Kaylee turns 30 today - happy birthday!',
    'Meet Dr. Olsen, our new cardiologist, who starts seeing families in March.',
    'Hunter safety tip: wear blaze orange and tell someone your route.',
    'Sunny days ahead! Remember SPF 30 and reapply every two hours.',
    'Amber alert drills and CPR: our staff practiced both this morning.',
    'Cheers to every lifeguard this summer: you know drowning looks quiet.',
    'When a coach suspects a concussion, the athlete should sit out until cleared.',
    'Patience is a virtue, especially in flu season waiting rooms.',
    'The barber who cuts hair across the street lets us leave flyers about skin checks.',
    'Our medical assistant Jonah ran his first marathon Sunday!',
]


@pytest.mark.parametrize("text", ROLE_EVENTS)
def test_a_role_with_its_own_health_event_blocks(phi, text):
    assert blocking_rules(phi, text), text


@pytest.mark.parametrize("text", WORD_NAMES)
def test_a_word_name_as_a_person_subject_blocks(phi, text):
    assert "name" in {f.category for f in phi.screen(text) if f.severity == "block"}, text


@pytest.mark.parametrize("text", PASSES)
def test_roles_and_word_names_without_a_disclosure_pass(phi, text):
    assert blocking_rules(phi, text) == set(), text


def test_the_subject_rule_names_the_role_and_its_health_term(phi):
    text = "The mail carrier on our route is home recovering from gallbladder surgery."
    found = [f for f in phi.screen(text) if f.rule == "role+subject_health"]
    assert [f.text for f in found] == ["The mail carrier"]
    assert "recovering" in found[0].reason


def test_a_role_introduced_as_a_case_stays_de_identified(phi):
    text = ("A retired machinist came in with chest pain last winter. The machinist had "
            "a heart attack; know the warning signs.")
    assert "role+subject_health" not in [f.rule for f in phi.screen(text)]


def test_role_nouns_come_from_wordnet_without_kin_or_patients():
    nouns = role_nouns()
    assert {"barber", "crossing guard", "mail carrier", "organist", "lifeguard"} <= nouns
    assert not {"mother", "patient", "diabetic", "kid"} & nouns


def test_gates_are_cheap_word_tests():
    assert role_gate("Our favourite crossing guard had a stroke.")
    assert not role_gate("Crossing the street safely matters.")
    assert name_gate("Hope finished her last round.", NOT_NAME)
    assert not name_gate("Hope is not a plan.", NOT_NAME)
    assert not name_gate("She finished her last round.", NOT_NAME)


def test_the_parse_with_the_gil_held_matches_spacys_own(phi):
    """parsed._analyse decodes like model.pipe does for the NER: same tags, heads, labels."""
    from policies.phi.parsed import _analyse, parser_named

    nlp = parser_named(phi.model)
    texts = ROLE_EVENTS + WORD_NAMES + PASSES
    ours, theirs = _analyse(nlp, texts), list(nlp.pipe(texts))
    assert len(ours) == len(texts)
    for a, b in zip(ours, theirs, strict=True):
        assert [(t.tag_, t.dep_, t.head.i) for t in a] == [(t.tag_, t.dep_, t.head.i) for t in b]


def test_the_parser_multiplies_with_numpy_and_parses_as_spacy_ships_it(phi):
    """parsed.parser_named builds the tagger and parser inside model._numpy_matmul (numpy's
    BLAS, one thread; BLIS cost about 1.8x the CPU time here), as the NER is built: the same
    tags, heads and labels as the parser loaded spaCy's default way (BLIS), on every sentence
    of the team's corpus."""
    import json
    from pathlib import Path

    import spacy

    from policies.phi.candidates import sentences
    from policies.phi.parsed import _UNUSED, _analyse, parser_named

    nlp = parser_named(phi.model)
    for name in nlp.pipe_names:
        ops = nlp.get_pipe(name).model.ops
        assert type(ops).__name__ == "NumpyOps" and ops.use_blis is False, name
    shipped = spacy.load(phi.model, exclude=list(_UNUSED))
    assert shipped.get_pipe("parser").model.ops.use_blis is True
    corpus = Path(__file__).parent / "data" / "phi" / "corpus.jsonl"
    texts = [json.loads(line)["text"] for line in
             corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    wanted = list(dict.fromkeys(t[s:e].strip() for t in texts for s, e in sentences(t)))
    wanted = [s for s in wanted if s]
    assert len(wanted) > 500
    ours, theirs = _analyse(nlp, wanted), _analyse(shipped, wanted)
    assert [i for i, (a, b) in enumerate(zip(ours, theirs, strict=True))
            if [(t.tag_, t.dep_, t.head.i) for t in a] != [(t.tag_, t.dep_, t.head.i) for t in b]
            ] == []


def test_a_batch_parses_only_the_sentences_that_may_need_it():
    from policies.phi.subjects import needs_parse

    text = ("Flu shots are in! Our favourite crossing guard had a stroke. "
            "Hope is not a plan. Summer hours start Monday.")
    assert needs_parse(text) == ["Our favourite crossing guard had a stroke."]


def test_an_animal_is_no_role(phi):
    assert "dog" not in role_nouns()
    text = "Meet Pepper, our clinic's therapy dog, who naps in the infusion suite on Fridays."
    assert "role+subject_health" not in [f.rule for f in phi.screen(text)]


def test_a_closed_compound_is_read_by_its_head():
    from policies.phi.subjects import role_word

    assert role_word("zookeeper") and role_word("barber")
    assert not role_word("someone") and not role_word("handsome")


def test_a_compound_role_with_its_own_surgery_blocks(phi):
    text = "The aquarium's head zookeeper had knee surgery with us on Tuesday."
    assert "role+subject_health" in [f.rule for f in phi.screen(text)]


def test_a_care_word_the_model_calls_a_place_is_no_place(phi):
    text = "The night janitor walked into our ER with chest pain on Sunday."
    assert "ER" not in [f.text for f in phi.screen(text) if f.category == "geographic"]
