"""Issue 12: PHI that a careless or evasive writer disguises: names in all caps or lower
case, initials, digits and symbols for letters, a name set off with an age, a titled role
tied to a place, look-alike letters from other scripts. Sentences written for this issue
(no devset or evaluation-set text); each class has clean look-alikes that must still pass."""

from __future__ import annotations

import pytest

# `phi` (the rules alone, tests/data/phi's allow-list) is tests/conftest.py's fixture
from test_phi import blocks


# 1. A first name and a surname from the census lists, in one case throughout.
@pytest.mark.parametrize("text", [
    "BRENDA OKAFOR is recovering nicely after her hip replacement",
    "huge hugs to tomas reyes, who just finished his last round of radiation",
    "DANIEL PARK had his appendix removed on tuesday",
    "so glad carla mendez is home after her stroke",
    "THRILLED FOR JOANNA KOWALSKI, FINALLY IN REMISSION!",
])
def test_name_in_one_case_blocks(phi, text):
    assert blocks(phi, text)


@pytest.mark.parametrize("text", [
    "FLU SHOTS TODAY 9-5, NO APPOINTMENT NEEDED",
    "BREAST CANCER AWARENESS MONTH: BOOK YOUR MAMMOGRAM",
    "WALK-IN COVID BOOSTERS THIS SATURDAY AT THE MAIN STREET OFFICE",
    "JANUARY IS CERVICAL HEALTH MONTH. GET SCREENED.",
    "join us for diabetes awareness day, free a1c checks at the front desk",
    "HEART HEALTH TALK WITH THE ROSE HILL SENIOR CENTER ON FRIDAY",
    "reminder: allergy season is here, refill your inhaler before the pollen peaks",
])
def test_headlines_and_lowercase_notices_pass(phi, text):
    assert not blocks(phi, text)


# 1b. A whole post in one case is recased for the screen (recase.py).
@pytest.mark.parametrize("text", [
    "CONGRATS TO COACH RAMIREZ'S SON ON GETTING HIS CAST OFF TODAY!",
    "so proud of tamara jenkins, who rang the bell after her last chemo today",
    "welcome back mr. delgado! the whole team is glad your hip replacement went well",
])
def test_post_in_one_case_blocks(phi, text):
    assert blocks(phi, text)


@pytest.mark.parametrize("text", [
    "FREE FLU SHOTS AT LINCOLN ELEMENTARY THIS SATURDAY, 9AM TO NOON",
    "meet priya desai, np, our new provider who loves treating asthma and allergies",
    "diabetes support group meets at oakwood community center, 412 elm st, every tuesday",
    "THANK YOU TO DR. OKAFOR AND THE ICU TEAM FOR ANOTHER GREAT FLU SEASON",
    "our pt team will host a free fall prevention class for seniors on friday",
    "GRACE PERIOD FOR PAYMENT PLANS ENDS MARCH 1. CALL BILLING WITH QUESTIONS",
])
def test_notice_in_one_case_passes(phi, text):
    assert not blocks(phi, text)


def test_recased_span_is_on_the_original(phi):
    text = "so proud of tamara jenkins, who rang the bell after her last chemo today"
    hit = next(f for f in phi.screen(text) if f.severity == "block")
    assert hit.text == text[hit.start : hit.end] == "tamara jenkins"


# 2. Initials standing for a person.
@pytest.mark.parametrize("text", [
    "R.T. wrapped up radiation this week!",
    "big congrats to A.P. on beating leukemia",
    "So proud of D.K., who finished dialysis training today",
    "Shout-out to M.B. for crushing her first week of cardiac rehab",
    "J.R. Whitcombe had knee surgery with Dr. Lee on Friday",
    "huge shout out to T.W. for crushing OT this week",
    "W.H. finished his last round of chemo today",
])
def test_initials_for_a_person_block(phi, text):
    assert blocks(phi, text)


@pytest.mark.parametrize("text", [
    "P.S. flu shots are still available at both offices",
    "R.S.V.P. by Friday for our free blood pressure screening",
    "U.S. adults should get a colonoscopy starting at 45",
    "Clinic hours for flu shots: 8 A.M. to 6 P.M. on weekdays",
    "Welcome Dana Ruiz, M.D., our new oncologist!",
    "Washington, D.C. hosts the national diabetes summit this fall",
    "The U.S. is seeing an early flu season, so get your shot",
    "Our team is headed to L.A. for a conference on cancer care",
    "Meet Sam Ortiz, P.A., who specializes in diabetes care",
    "E.R. wait times are shorter this week",
    "Big thanks to the Y.M.C.A. for hosting our diabetes class",
    "D.C. has seen a jump in measles cases this spring",
    "N.B. flu shots are first come, first served",
])
def test_abbreviations_pass(phi, text):
    assert not blocks(phi, text)


# 3. Digits and symbols standing for letters inside a health word; the span stays on the
# text as written.
@pytest.mark.parametrize("text", [
    "Congrats Sandra on finishing chem0!",
    "Rob finally got his d1abetes under control",
    "so proud of Nina, c@ncer free one year!",
    "Marcus is 2 weeks out from surg3ry and walking",
    "Jenny starts ch3m0 on monday, send her love",
])
def test_leetspeak_health_word_blocks(phi, text):
    assert blocks(phi, text)


def test_leetspeak_span_is_on_the_original(phi):
    text = "Congrats Sandra on finishing chem0!"
    hit = next(f for f in phi.screen(text) if f.severity == "block")
    assert text[hit.start : hit.end] == hit.text == "Sandra"


@pytest.mark.parametrize("text", [
    "Top 10 tips to prevent c@ncer this year",
    "Our A1c class meets at 2pm in room B12",
    "COVID-19 boosters and the new RSV shot are in for adults 60+",
    "Email info@clinic4u.com with questions about your bill",
])
def test_leetspeak_lookalikes_pass(phi, text):
    assert not blocks(phi, text)


# 4. A name set off by commas with an age.
@pytest.mark.parametrize("text", [
    "Last week, Leo, 9, got his stitches out",
    "Yesterday afternoon, Noor, 6, had her tonsils out",
    "On Monday, Bastian, 11, finished his asthma treatment",
    "Little Juniper (4) got her cast off today",
])
def test_name_with_age_blocks(phi, text):
    assert blocks(phi, text)


@pytest.mark.parametrize("text", [
    "On Saturday, May 4, we host free sports physicals for kids 6 to 12",
    "Kids ages 4, 5, and 6 can get the flu mist at any office",
    "Our nurse Carla, 29, ran her first marathon to raise money for cancer research",
    "Route 9, 10, and 11 buses stop right outside our urgent care",
])
def test_dates_and_age_ranges_pass(phi, text):
    assert not blocks(phi, text)


# 5. A titled office holder or role tied to a place, with their own health event.
@pytest.mark.parametrize("text", [
    "The Fire Chief of Brookfield stopped by for his colonoscopy",
    "The Postmaster of Harlan came in Tuesday for her knee replacement consult",
    "The Principal of Westfield Middle School is recovering from gallbladder surgery with us",
    "the Sheriff of Ostrander County had his kidney stone removed here",
    "The Clerk of Harwood Township came in for her cataract surgery",
])
def test_titled_role_of_a_place_with_health_blocks(phi, text):
    assert blocks(phi, text)


@pytest.mark.parametrize("text", [
    "The Mayor of Elkton will cut the ribbon at our new clinic on Friday",
    "The President of the Rotary Club spoke about diabetes prevention",
    "The Fire Chief of Brookfield will teach a CPR class on Saturday",
    "The Governor of Ohio signed a bill expanding cancer screening",
    "The Chief of Police in Dunmore spoke at our opioid overdose training",
    "The Commissioner of Health for Baker County urged residents to get a measles shot",
])
def test_titled_role_of_a_place_without_own_health_passes(phi, text):
    assert not blocks(phi, text)


# 6. Look-alike letters from other scripts inside a health word or lab name.
@pytest.mark.parametrize("text", [
    "Kim's A1\u0421 is finally under 7!",  # Cyrillic Es
    "Tony's d\u0456abetes numbers look great",  # Cyrillic i
    "Sara finished ch\u0435mo today",  # Cyrillic ie
    "Congrats Oscar on beating c\u03b1ncer",  # Greek alpha
    "Ezra's \u0430sthma is under control at last",  # Cyrillic a
])
def test_confusable_letters_block(phi, text):
    assert blocks(phi, text)


def test_confusable_reply_lab_value_blocks(phi):
    assert blocks(phi, "Your \u04101c came back right where we wanted it!", context="reply")


# 8. A long run of symbols with no space (")))...", "#####", emoji) costs spaCy's tokenizer
# time that grows with the square of the run; spaCy reads it broken up (same length, so
# spans stay), the recognizers read the text itself, and what follows the run is screened.
@pytest.mark.parametrize("run", [")" * 3000, "!?" * 1500, "#" * 2000, "\U0001f600" * 800])
def test_symbol_run_is_broken_up_for_spacy_and_spans_stay(phi, run):
    from policies.phi.normalize import for_tokenizer

    read = for_tokenizer(run)
    assert len(read) == len(run)
    assert max(len(piece) for piece in read.split()) <= 32
    text = run + " Maria Gonzalez finished chemo on Friday"
    found = [f for f in phi.screen(text) if f.severity == "block"]
    assert found and all(text[f.start:f.end] in ("Maria Gonzalez", "Maria", "Gonzalez")
                         for f in found if f.category == "name")


def test_symbols_inside_identifiers_are_untouched():
    from policies.phi.normalize import for_tokenizer

    text = "call 555-0142 or see https://x.example/a--b?c=d&e=f :-) !!! ~~~~~~~~~~"
    assert for_tokenizer(text) == text


def test_link_glued_to_a_symbol_run_keeps_its_whole_span(phi):
    link = "https://www.caringpages.example/walter-okafor-recovery?ref=" + "=" * 60
    text = f"Walter Okafor's chemo updates are here: {link}"
    urls = [f for f in phi.screen(text) if f.category == "url"]
    assert urls and max(f.end - f.start for f in urls) >= len(link) - 1


# 7. A name spelled out letter by letter, or with a dot-like character drawn inside it, is the
# name a reader sees (session 27: an outside review found the learned parts caught these only
# by chance, and a retrain let them go).
@pytest.mark.parametrize("text", [
    "Way to go T.o.m.m.y, your last radiation session is done!",
    "so proud of r.o.s.a for getting through her knee rehab",
    "Big cheers for D-e-v-o-n, who finished his chemo this week",
    "Welcome home, Gra\u00b7ce Ha\u00b7yes, after your bypass surgery!",
    "Thinking of Ni\u2022na Ol\u2022sen as she starts dialysis",
    # the dot with a mark or an invisible character beside it, or dots NFKC reads as "."
    "Welcome home, Gra\u0301\u00b7ce Ha\u00b7yes, after your bypass surgery!",
    "Welcome home, Gra\u200b\u00b7ce Ha\u200b\u00b7yes, after your bypass surgery!",
    "Welcome home, Gra\u2024ce Ha\u2024yes, after your bypass surgery!",
    "Welcome home, Gra\uff0ece Ha\uff0eyes, after your bypass surgery!",
])
def test_spelled_out_names_block(phi, text):
    assert blocks(phi, text)


def test_a_spelled_name_is_found_where_it_was_written(phi):
    text = "Way to go T.o.m.m.y, your last radiation session is done!"
    spans = [text[f.start:f.end] for f in phi.screen(text) if f.severity == "block"]
    assert any(span.startswith("T.o.m.m.y") for span in spans), spans


@pytest.mark.parametrize("text", [
    "Our C.O.P.D. support group meets Tuesdays at 6 in the community room.",
    "Please R.S.V.P. for the diabetes cooking class by Friday.",
    "Dr. A.B. Lee joins our practice in March. Walk-ins 8 a.m. to noon.",
    "Find the class schedule at riverbend.example/a.b.c and call us with questions.",
    "Saturday 9\u00b730 to 12: free blood pressure checks in the lobby.",
    # capitals are an acronym as written, never a spelled name
    "Ask your doctor whether B.R.C.A. gene testing fits your family history.",
])
def test_acronyms_initials_and_links_with_dots_pass(phi, text):
    assert not blocks(phi, text)
