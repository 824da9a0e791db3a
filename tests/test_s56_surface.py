"""What the reader sees as one text (session 56, branch s56-surface; the findings S3, S7, S9
and S12 of docs/history/security.md; docs/history/phi.md):

- S3: a post's text, its images' alt texts and the text in its pictures are read as one, at
  create, at edit and at publishing time; each block stays on the source it was found in;
- S7: a hashtag's words ("#ChemoDone", "#DíaDeQuimio", "#kidneytransplant") are read for
  care, with spans inside the tag;
- S9: a line break ends a name, and a name card's field lines under the name are read with
  it;
- S12: a first-last slug filed under a care folder of a link blocks, the practice's own
  domain included; staff pages do not.

Every text is written for these tests; none comes from an evaluation set."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from PIL import Image
from test_daemon_helpers import AUTHOR, DANA, LUIS

from social_bot.approvals import approve
from social_bot.daemon.config import DaemonConfig
from social_bot.daemon.publisher import Publisher
from social_bot.media_screen import read_together, with_read_together
from social_bot.posts import create_post, edit_post, prepare_draft, show_post

sqlite_only = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@pytest.fixture(scope="module")
def screen() -> Any:
    """The whole screen as `socialbot screen` runs it, with a made-up practice's allow-list
    (its clinicians, its nurse, its web domain)."""
    from policies.phi import get_screen
    from policies.phi.allow import PhiAllowList

    return get_screen(PhiAllowList(
        names=("Lakeview Family Clinic", "Dr. Priya Anand", "Priya Anand", "Dr. Anand",
               "Nurse Colette Baptiste", "Colette Baptiste"),
        domains=("lakeviewclinic.example",)))


def blocks(screen: Any, text: str) -> bool:
    return any(f.severity == "block" for f in screen.screen(text))


# --- S7: a hashtag's words ------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Desmond Achebe #RadiationDone",
    "Desmond Achebe #DialysisDay3",
    "Felicidades a Rocío Mendívil #AdiósDiálisis",
    "Rocío Mendívil #MiCirugíaDeRodilla",
    "Desmond Achebe rang out today #LeukemiaSurvivor",
    "Desmond Achebe #dialysisdone",
    "Rocío Mendívil #hipreplacement",
])
def test_care_inside_a_hashtag_is_read_with_the_name(screen: Any, text: str) -> None:
    assert blocks(screen, text)


@pytest.mark.parametrize("text", [
    "Flu clinic this Saturday, 9 to noon! #MarkYourCalendar #FluSeason",
    "October is here. #BreastCancerAwareness #GetScreened",
    "Happy Nurses Week to Colette Baptiste and the whole crew! #NursesWeek #LakeviewStrong",
    "Congrats to Desmond Achebe on 30 years at the hardware store! #HappyRetirement",
    "Desmond Achebe won our chili cook-off again! #ChiliCookOff #CommunityLove",
    "Walk with Dr. Anand on Sunday #HeartHealthMonth #WalkWithADoc",
])
def test_everyday_hashtags_stay_clean(screen: Any, text: str) -> None:
    assert not blocks(screen, text)


def test_a_hashtags_words_keep_their_spans_in_the_tag() -> None:
    from policies.phi.vocabulary import health_mentions

    text = "Desmond Achebe #AfterChemoBrunch and #kidneytransplant"
    found = {(m.start, m.end, m.text) for m in health_mentions(text)}
    chemo = text.index("Chemo")
    kidney = text.index("kidneytransplant")
    assert (chemo, chemo + 5, "Chemo") in found
    assert (kidney + 6, kidney + 16, "transplant") in found


def test_a_one_word_or_capitals_tag_is_read_as_before() -> None:
    from policies.phi.vocabulary import health_mentions

    assert [m.text for m in health_mentions("#Quimioterapia #ICU")] == ["Quimioterapia", "ICU"]
    assert health_mentions("#teamwork #therapydogs #sunflowers") == []


# --- S9: a line break ends a name; a name card is one statement ------------------------------

@pytest.mark.parametrize("text", [
    "Desmond Achebe\nCedar Falls\nStage 3 lymphoma",
    "Graduate of the month: Rocío Mendívil\nWaterloo, IA\nCardiac rehab, 12 weeks",
    "Desmond Achebe\nKnee replacement, March 2025",
])
def test_a_name_card_over_lines_blocks(screen: Any, text: str) -> None:
    assert blocks(screen, text)


@pytest.mark.parametrize("text", [
    "Lakeview Family Clinic\n18 Harbor Rd\nCedar Falls, IA\nOpen Mon-Sat",
    "Thank you to our volunteers:\nGideon Marsh\nLucia Ferreira\nNadia Petrov",
    "Dana Whitlock\nNurse Practitioner\nDiabetes education",
    "Blood pressure checks\nSaturday, May 3\nCedar Falls Library",
    "Guest speaker: Gideon Marsh\nDiabetes talk\nTuesday 6pm, Cedar Falls Library",
    "Employee of the month\nGideon Marsh\nBilling",
    "Congratulations, raffle winners!\nGideon Marsh\nLucia Ferreira\nPick up your prize "
    "at the front desk",
])
def test_cards_and_lists_of_everyday_posts_stay_clean(screen: Any, text: str) -> None:
    assert not blocks(screen, text)


def test_the_name_on_a_card_is_the_blocked_span(screen: Any) -> None:
    text = "Desmond Achebe\nCedar Falls\nStage 3 lymphoma"
    names = [f for f in screen.screen(text) if f.category == "name"]
    assert any(f.text == "Desmond Achebe" and f.severity == "block" for f in names)


@pytest.mark.parametrize("text", [
    "Desmond Achebe\nCedar Falls\nStage 3 lymphoma",
    "Dana Whitlock\nNurse Practitioner\nDiabetes education",
    "Thank you to our volunteers:\nGideon Marsh\nLucia Ferreira\nNadia Petrov",
])
def test_no_name_runs_over_a_line_break(screen: Any, text: str) -> None:
    from policies.phi.candidates import find

    doc = screen.nlp(text)
    assert not any("\n" in text[c.start : c.end] for c in find(doc, text))
    assert not any("\n" in f.text for f in screen.screen(text) if f.category == "name")


# --- S12: a name slug under a care folder -------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Read the story: lakeviewclinic.example/oncology/gideon-marsh",
    "Her journey: https://lakeviewclinic.example/stories/hospice/nadia_petrov",
    "Su historia: https://lakeviewclinic.example/dialisis/lucia-ferreira",
    "Nadia Petrov, see you at https://othersite.example/cardiology/nadia-petrov",
])
def test_a_name_slug_under_care_blocks_on_any_domain(screen: Any, text: str) -> None:
    found = [f for f in screen.screen(text) if f.rule == "url+name_slug"]
    assert found and found[0].severity == "block"


@pytest.mark.parametrize("text", [
    "Meet our providers: lakeviewclinic.example/providers/dr-priya-anand",
    "Meet the heart team: lakeviewclinic.example/cardiology/providers/nadia-petrov",
    "New oncology hours: lakeviewclinic.example/oncology/hours",
    "Our diabetes class starts Monday: lakeviewclinic.example/diabetes/class-schedule",
    "Lodging for families: lakeviewclinic.example/oncology/hope-house",
    "Oncology news: lakeviewclinic.example/oncology/priya-anand",
    "Photos from the walk: lakeviewclinic.example/events/heart-walk-2025",
])
def test_staff_and_service_pages_stay_clean(screen: Any, text: str) -> None:
    assert not blocks(screen, text)


# --- S3: the text, the alt texts and the pictures' text read as one ---------------------------

def _findings(**by_text: list[tuple[str, str]]) -> Any:
    """A stand-in screen: each (words, rule) pair blocks `words` where it appears in a text
    that holds every word of the pair's key (underscores for spaces)."""

    def screen(text: str) -> list[Any]:
        out = []
        for needs, hits in by_text.items():
            if all(w in text for w in needs.split("_")):
                for words, rule in hits:
                    at = text.find(words)
                    if at >= 0:
                        out.append(SimpleNamespace(
                            category="name", start=at, end=at + len(words), text=words,
                            severity="block", score=0.9, rule=rule, reason="a patient",
                            redaction="[name]"))
        return out

    return screen


def test_read_together_puts_each_block_on_its_own_source() -> None:
    screen = _findings(Achebe_chemo=[("Desmond Achebe", "name+health")])
    caption = "So proud of Desmond Achebe!"
    added = read_together(screen, caption, [], [("alt:1", "A cake that says last chemo"),
                                                ("image:1", "")])
    [f] = added
    assert (getattr(f, "source", "text"), f.start, f.end, f.text) == (
        "text", caption.index("Desmond"), caption.index("!"), "Desmond Achebe")
    assert f.rule == "name+health+read_together" and f.severity == "block"
    assert "the alt text of image 1" in f.reason


def test_read_together_maps_a_block_in_the_alt_text_back_onto_it() -> None:
    screen = _findings(Achebe_Hana=[("Hana Okafor", "name+health")])
    alt = "Hana Okafor holding the sign"
    [f] = read_together(screen, "Desmond Achebe's last round!", [], [("alt:1", alt)])
    assert (f.source, f.start, f.end, f.text) == ("alt:1", 0, 11, "Hana Okafor")


def test_read_together_adds_nothing_the_separate_readings_block() -> None:
    screen = _findings(Hana=[("Hana Okafor", "name+health")])
    alt = "Hana Okafor holding the sign"
    already = [SimpleNamespace(category="name", start=0, end=11, severity="block",
                               source="alt:1")]
    assert read_together(screen, "Caption", already, [("alt:1", alt)]) == []
    assert read_together(screen, "Caption", [], [("alt:1", "  ")]) == []


def test_a_block_read_together_replaces_the_warning_on_the_same_span() -> None:
    warning = SimpleNamespace(category="name", start=4, end=18, severity="warn", source=None)
    other = SimpleNamespace(category="url", start=30, end=40, severity="warn", source=None)
    block = SimpleNamespace(category="name", start=4, end=18, severity="block")
    assert with_read_together([warning, other], [block]) == [other, block]


def _plain_image(tmp_path: Path) -> str:
    path = tmp_path / "cake.png"
    Image.new("RGB", (320, 200), (240, 200, 120)).save(path)
    return str(path)


@sqlite_only
def test_the_name_in_the_text_blocks_with_the_care_in_the_alt_text(make_app: Any,
                                                                   tmp_path: Path) -> None:
    app = make_app(screener=None)
    text = "Hooray for Desmond Achebe!"
    draft = prepare_draft(app, text, ["facebook"], media=[_plain_image(tmp_path)],
                          alts=["Balloons and a sign that says no more dialysis"])
    assert draft.blocked
    [name] = [f for f in draft.findings if f.category == "name" and f.severity == "block"]
    assert (getattr(name, "source", None) or "text", name.text) == ("text", "Desmond Achebe")
    assert text[name.start : name.end] == "Desmond Achebe"


@sqlite_only
@pytest.mark.parametrize(("text", "alt"), [
    ("Hooray for Desmond Achebe! \U0001f389", "Balloons and a cake on the break room table"),
    ("Thanks to everyone who came to the health fair!",
     "Dr. Priya Anand taking a blood pressure reading at the library"),
    ("Congrats to Desmond Achebe, winner of our 5K!",
     "A man crossing the finish line of the Heart Walk"),
    ("Thank you Lucia Ferreira for the flowers!", "A vase of tulips on the front counter"),
])
def test_everyday_photo_posts_read_together_stay_clean(make_app: Any, tmp_path: Path,
                                                       text: str, alt: str) -> None:
    app = make_app(screener=None)
    draft = prepare_draft(app, text, ["facebook"], media=[_plain_image(tmp_path)], alts=[alt])
    assert not draft.blocked


@sqlite_only
def test_an_edit_that_puts_the_care_in_the_alt_text_blocks(make_app: Any,
                                                           tmp_path: Path) -> None:
    app = make_app(screener=None)
    post_id = create_post(app, AUTHOR, prepare_draft(
        app, "Hooray for Desmond Achebe!", ["facebook"],
        media=[_plain_image(tmp_path)], alts=["Balloons and a cake"]))
    assert show_post(app, post_id)["status"] != "blocked_phi"
    edit_post(app, AUTHOR, post_id, alts=["Balloons and a sign that says no more dialysis"])
    detail = show_post(app, post_id)
    assert detail["status"] == "blocked_phi"
    assert ("text", "Desmond Achebe") in {(f["source"], f["text"]) for f in detail["findings"]
                                          if f["severity"] == "block"}


@sqlite_only
def test_the_publisher_reads_the_text_with_the_alt_texts(make_app: Any, sandbox: Any,
                                                          tmp_path: Path) -> None:
    """A policy that learns after the votes that the name and the care seen together are a
    patient's: the publisher's check reads them together too, and blocks on the name."""
    from adapters import build_adapter
    from social_bot.sandbox import sandbox_env

    switch = SimpleNamespace(on=False)
    joined = _findings(Achebe_dialysis=[("Desmond Achebe", "test")])

    def screener(texts: list[str], context: str = "post") -> list[list[Any]]:
        return [joined(t) if switch.on else [] for t in texts]

    app = make_app(screener=screener)
    text = "Hooray for Desmond Achebe!"
    post_id = create_post(app, AUTHOR, prepare_draft(
        app, text, ["facebook"], media=[_plain_image(tmp_path)],
        alts=["A sign that says no more dialysis"]))
    approve(app, DANA, post_id)
    approve(app, LUIS, post_id)
    switch.on = True
    adapters = {"facebook": build_adapter("facebook", sandbox_env(sandbox.url))}
    config = DaemonConfig(retry_base=0.0, retry_cap=0.0, max_attempts=3, batch=10)
    Publisher(app, adapters.__getitem__, "w1", config).run_lane("facebook")
    detail = show_post(app, post_id)
    assert detail["status"] == "blocked_phi"
    assert sandbox.state.uploads == {}
    assert [(f["source"], f["text"], f["start"]) for f in detail["findings"]] == [
        ("text", "Desmond Achebe", text.index("Desmond"))]


# --- narrowed after the outside review (docs/history/phi.md) -----------------------

@pytest.mark.parametrize("text", [
    "Please welcome Dr. Gideon Marsh to our heart team: lakeviewclinic.example/cardiology/"
    "gideon-marsh",
    "Gideon Marsh, RN, teaches our new chemo class: lakeviewclinic.example/oncology/gideon-marsh",
    "Say hello to our new wound care nurse, Nadia Petrov! lakeviewclinic.example/wound/"
    "nadia-petrov",
    "Lucia Ferreira, our palliative care social worker, answers your questions: "
    "lakeviewclinic.example/palliative/lucia-ferreira",
    "Conozca a nuestra enfermera de oncología, Lucía Ferreira: lakeviewclinic.example/"
    "oncologia/lucia-ferreira",
    "Ask the expert: lakeviewclinic.example/oncology/nadia-petrov/faq",
    "Read more: lakeviewclinic.example/cardiology/gideon-marsh/bio.html",
    "Thank you to our hospice helpers: lakeviewclinic.example/hospice/volunteers/lucia-ferreira",
    "Meet them: lakeviewclinic.example/hospice/care-team/gideon-marsh",
])
def test_a_staff_members_page_under_a_care_folder_stays_clean(screen: Any, text: str) -> None:
    """The post gives the slug's person a title, credential or staff role, a staff or
    volunteer folder comes before the slug, or a staff page (faq, bio) after it."""
    assert not blocks(screen, text)


@pytest.mark.parametrize("text", [
    "Our nurse cheered as Gideon Marsh finished: lakeviewclinic.example/oncology/gideon-marsh",
    "Coach Gideon Marsh's comeback story: lakeviewclinic.example/oncology/gideon-marsh",
    "His story: lakeviewclinic.example/oncology/gideon-marsh/story",
    "Gideon Marsh, Jr. rang the bell: lakeviewclinic.example/oncology/gideon-marsh",
    "Our 88-year-old resident Nadia Petrov: lakeviewclinic.example/hospice/nadia-petrov",
])
def test_a_patients_slug_still_blocks_beside_staff_words(screen: Any, text: str) -> None:
    """A role said of someone else, a coach, "Jr.", a care home's resident or a story page
    after the slug leave the slug a patient's page."""
    found = [f for f in screen.screen(text) if f.rule == "url+name_slug"]
    assert found and found[0].severity == "block"


@pytest.mark.parametrize("text", [
    "Huge thanks to Desmond Achebe for running our #ChemoBlanketDrive this winter!",
    "Desmond Achebe and friends collected 300 cans for #DialysisDonations",
    "Desmond Achebe is captain of the #LeukemiaWalk team again",
    "Desmond Achebe shares tips today #LupusAwarenessDay",
])
def test_a_campaign_hashtag_beside_its_organiser_stays_clean(screen: Any, text: str) -> None:
    assert not blocks(screen, text)


def test_a_campaign_hashtag_is_read_as_one_word() -> None:
    from policies.phi.vocabulary import health_mentions

    text = "#ChemoCareKits #BeatCancer5K #KidneyGala #ColectaDeQuimio #LupusAwarenessDay"
    assert health_mentions(text) == []
    # the last word "Day", "Semanal" names no campaign: the care word is read as before
    assert [m.text for m in health_mentions("#LastChemoDay #DiálisisSemanal")] == [
        "Chemo", "Diálisis"]


@pytest.mark.parametrize("text", [
    "Desmond Achebe #LastChemoDay",
    "Desmond Achebe #DoneWithDialysis",
    "Rocío Mendívil #MesSinDiálisis",
])
def test_a_care_hashtag_that_is_no_campaign_still_blocks(screen: Any, text: str) -> None:
    assert blocks(screen, text)
