"""Session 56's outside attack review of the PHI screen for posts (report only, branch
s56-attack-screen; docs/history/security.md). Each test replays one finding (S1..S12:
a disclosure that passes or is only warned; F1..F7: an everyday post that is blocked) and is
marked xfail(strict=True) until the product is fixed, so a fix turns it into a failure that
asks for the marker to go. Every text is the reviewer's own wording, written for this review;
none comes from an evaluation set. What held is listed in the report, not here."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pytest
from dates_ahead import a_year_ahead
from test_daemon_helpers import AUTHOR

from social_bot.consents import add_consent
from social_bot.dismissals import dismiss
from social_bot.errors import Refused
from social_bot.posts import create_post, edit_post, prepare_draft, show_post

sqlite_only = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@pytest.fixture(scope="module")
def screen() -> Any:
    """The whole PHI screen as `socialbot screen` runs it, with an empty allow-list."""
    from policies.phi import get_screen

    return get_screen()


@pytest.fixture(scope="module")
def practice_screen() -> Any:
    """The same screen with a made-up practice's allow-list (its clinicians, its nurse, its
    phone and its web domain), as bench/data/attack_s56_screen/policy.toml lists them."""
    from policies.phi import get_screen
    from policies.phi.allow import PhiAllowList

    return get_screen(PhiAllowList(
        names=("Riverbend Family Medicine", "Dr. Alana Brooks", "Alana Brooks", "Dr. Brooks",
               "NP Marcus Hale", "Marcus Hale", "Jenna Ortiz"),
        phones=("(555) 201-4480", "555-201-4480"),
        domains=("riverbendfm.example",)))


def blocks(screen: Any, text: str, context: str = "post") -> bool:
    return any(f.severity == "block" for f in screen.screen(text, context=context))


def _blocking_refs(app: Any, post_id: int) -> list[str]:
    return [f["ref"] for f in show_post(app, post_id)["findings"] if f["severity"] == "block"]


def _finding(finding: str, reason: str, texts: list[str], context: str = "post",
             allow: bool = False, fixed: bool = False) -> list[Any]:
    """One finding's replays: each text must block, strict xfail until the finding is fixed
    (``fixed``: the mark is gone, the replay must pass)."""
    marks = () if fixed else pytest.mark.xfail(strict=True, reason=f"{finding}: {reason}")
    return [pytest.param(text, context, allow, marks=marks, id=f"{finding}-{n}")
            for n, text in enumerate(texts, start=1)]


def _fixed(finding: str, texts: list[str], context: str = "post",
           allow: bool = False) -> list[Any]:
    """A fixed finding's replays: each text must block (its xfail mark is gone)."""
    return [pytest.param(text, context, allow, id=f"{finding}-{n}")
            for n, text in enumerate(texts, start=1)]


DISCLOSURES = [
    # S1: "Meet <name>." made the name staff, and the next sentence's care was not read
    # (fixed in s56-discourse: an introduction is staff only with a staff cue)
    *_fixed("S1", [
                  "Meet Ingrid Solberg. She just finished chemotherapy with us.",
                  "Join us in welcoming Ingrid Solberg home. She spent 3 weeks in the ICU "
                  "with pneumonia.",
                  "Say hi to Tobias Wendt. He just finished chemotherapy with us.",
                  "Meet Tobias Wendt. He is a dialysis patient here.",
              ]),
    # S2: care told by a pronoun two sentences after the name (fixed in s56-discourse:
    # discourse.pronoun_sentences)
    *_fixed("S2", [
                  "Tobias Wendt loves fishing. He loves his grandkids. Last spring he finished "
                  "chemotherapy with us.",
                  "This is Tobias Wendt. He coaches Little League. He also just finished "
                  "chemotherapy with us.",
              ]),
    # S5: Spanish relatives and one-person roles (fixed, s56-esattack: spanish_people.py)
    *_fixed("S5", [
                  "El esposo de Marisol Quintero ya terminó su quimioterapia.",
                  "La maestra de la escuela Washington ya terminó su quimioterapia.",
                  "El único dentista de Siler City tuvo un infarto la semana pasada y ya está "
                  "en casa.",
                  "Shoutout to the maestra de kínder at Washington Elementary, who just beat "
                  "breast cancer.",
              ]),
    # S6: a Spanish reply confirming the commenter's care in everyday words (fixed,
    # s56-esattack: spanish_replies.py)
    *_fixed("S6", [
                  "¡Qué bueno que las pastillas nuevas te están funcionando!",
                  "Nos alegra que ya no le duela la rodilla, señora.",
                  "Que bueno que ya le bajó la presión \U0001f64c",
              ], context="reply"),
    # S7: a health word inside a CamelCase hashtag
    *_finding("S7", "a CamelCase hashtag is not split into words for the health vocabulary "
              "('#Quimioterapia' alone is read); English ones block only when the learned "
              "layer happens to fire, Spanish ones never did", [
                  f"Tobias Wendt {tag}" for tag in ("#ChemoDone", "#ChemoDay", "#DíaDeQuimio",
                                                    "#TrasplanteDeRiñón", "#VencíAlCáncer")
              ], fixed=True),
    # S8: pregnancy and birth told around session 55's euphemism list
    *_fixed("S8", [
                  "Ingrid Solberg is \U0001f930! Congrats from all of us.",
                  "Ingrid Solberg: \U0001f930 due in October!",
                  "Ingrid Solberg is eight months along and glowing!",
                  "Ingrid Solberg and her husband have a little one arriving in October.",
                  "Ingrid Solberg is gonna be a mom! \U0001f37c",
                  "Ingrid Solberg is with child, praise be!",
                  "Lupita Arreola está en estado, ¡felicidades mamá!",
                  "Ingrid Solberg espera gemelos para octubre.",
                  "Ingrid Solberg tuvo a su bebé ayer, ¡felicidades!",
              ]),
    # S9: a name card over lines
    *_finding("S9", "the PERSON span runs over line breaks ('Tobias Wendt\\nStorm "
              "Lake\\nKidney'), a health word inside the span is not counted, and care on a "
              "later line is outside the name's sentence", [
                  "Tobias Wendt\nStorm Lake\nKidney transplant",
                  "Patient of the month: Tobias Wendt\nStorm Lake, IA\nKidney transplant, 2025",
              ], fixed=True),
    # S10: attending a care service, told by a pronoun in the next sentence (fixed in
    # s56-discourse)
    *_fixed("S10", [
                  "Tobias Wendt came by with donuts. He has been in our infusion center every "
                  "Tuesday since May.",
                  "Ingrid Solberg dropped off cookies. She has been coming to our wound care "
                  "clinic twice a week since June.",
              ]),
    # S11: care in slang
    *_fixed("S11", [
                  "Tobias Wendt got snipped with Dr. Brooks on Monday \U0001f602",
                  "Tobias Wendt had his ticker fixed in June.",
                  "Ingrid Solberg has the sugar but she's managing it like a pro.",
                  "Ingrid Solberg is finally off the bottle: 1 year dry! \U0001f389",
                  "Marisol Quintero ya tiene su cadera nueva.",
              ]),
    # S12: a patient's name in a slug under the practice's own care section
    *_finding("S12", "on the allow-listed domain, a path that files a person's name under a "
              "care service ('/oncology/tobias-wendt') is not read as telling their care", [
                  "Tobias Wendt, see you at riverbendfm.example/oncology/tobias-wendt",
              ], allow=True, fixed=True),
]


@pytest.mark.parametrize(("text", "context", "allow"), DISCLOSURES)
def test_a_disclosure_blocks(request: pytest.FixtureRequest, text: str, context: str,
                             allow: bool) -> None:
    screener = request.getfixturevalue("practice_screen" if allow else "screen")
    assert blocks(screener, text, context=context)


# --- S3: the name in the caption, the care in the image's alt text --------------------------


@sqlite_only
def test_s3_a_caption_name_with_care_in_the_alt_text_blocks(make_app: Any,
                                                            tmp_path: Path) -> None:
    from PIL import Image

    image = tmp_path / "cake.png"
    Image.new("RGB", (320, 200), (240, 200, 120)).save(image)
    app = make_app(screener=None)
    draft = prepare_draft(app, "Congrats to Tobias Wendt! \U0001f389", ["facebook"],
                          media=[str(image)],
                          alts=["A handmade sign that says last chemo, next to a cake"])
    post_id = create_post(app, AUTHOR, draft)
    assert show_post(app, post_id)["status"] == "blocked_phi"


# --- S4: one patient's authorization clears her relative's care ----------------------------

WIFE = "Ingrid Solberg finished chemo with us this spring. We are so proud of her. "
HUSBAND = "Her husband starts dialysis with us next week."


@sqlite_only
@pytest.mark.parametrize("how", ["create", "edit"])
def test_s4_an_authorization_does_not_clear_a_relatives_care(make_app: Any, how: str) -> None:
    app = make_app(screener=None)
    first = WIFE + (HUSBAND if how == "create" else "Thank you for trusting us!")
    post_id = create_post(app, AUTHOR, prepare_draft(app, first, ["facebook"]))
    consent = add_consent(app, AUTHOR, "Ingrid Solberg", ["name", "story"], a_year_ahead(),
                          form_ref="signed at the front desk")
    for ref in _blocking_refs(app, post_id):
        # a finding her authorization does not cover stays blocking: the wanted end
        with contextlib.suppress(Refused):
            dismiss(app, AUTHOR, post_id, ref, "authorization", consent_id=consent)
    if how == "edit":
        edit_post(app, AUTHOR, post_id, text=WIFE + HUSBAND)
    assert show_post(app, post_id)["status"] == "blocked_phi"


# --- F1..F7: everyday posts that are blocked ------------------------------------------------

def _no_longer_blocked(finding: str, text: str) -> Any:
    """A fixed false block: the everyday post must not block."""
    return pytest.param(text, id=finding)


def _false_block(finding: str, reason: str, text: str) -> Any:
    """An everyday post of a practice that must not block, strict xfail until fixed."""
    return pytest.param(text, marks=pytest.mark.xfail(strict=True, reason=f"{finding}: {reason}"),
                        id=finding)


FALSE_BLOCKS = [
    # F1: fixed (s56-esattack)
    _no_longer_blocked("F1",
                       "Hoy la Dra. Brooks habló sobre la diabetes en la feria de salud. "
                       "¡Gracias a todos!"),
    # F2: fixed (s56-esattack)
    _no_longer_blocked("F2",
                       "Gracias a Elena Vargas, de la biblioteca pública, por invitarnos a "
                       "hablar de la presión alta."),
    # F3: fixed (s56-esattack)
    _no_longer_blocked("F3",
                       "Nuestra promotora de salud, Lucía Gómez, da pláticas sobre la diabetes "
                       "cada martes en la biblioteca."),
    # F4: fixed (s56-esattack)
    _no_longer_blocked("F4",
                       "Marcus Hale contesta sus preguntas sobre la vacuna en el Facebook Live "
                       "de hoy a las 7."),
    # F5: fixed (s56-esattack)
    _no_longer_blocked("F5",
                       "Llame al cinco cinco cinco, dos cero uno, cuatro cuatro ocho cero para "
                       "hacer su cita."),
    # F6, F7: fixed (s56-pregslang)
    _no_longer_blocked("F6", "Our midwife Jenna Ortiz delivered her 1,000th baby this month. "
                       "Congrats, Jenna!"),
    _no_longer_blocked("F7", "Thank you, Riverbend! 500 of you got your flu shot with us this "
                       "fall."),
]


@pytest.mark.parametrize("text", FALSE_BLOCKS)
def test_an_everyday_practice_post_is_not_blocked(practice_screen: Any, text: str) -> None:
    assert not blocks(practice_screen, text)
