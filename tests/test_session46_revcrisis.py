"""Session 46: the crisis flag and the Spanish threats, attacked by an engineer who wrote
neither (docs/history/security.md, "Session 46: the crisis flag, attacked"). The comments are the
reviewer's own (fit, not accuracy)."""

from __future__ import annotations

from typing import Any

import pytest
from test_web_support import chat_app_fixture, new_post  # noqa: F401 - fixtures

from policies.moderation import Flag, ModerationPolicy, should_auto_hide
from policies.moderation.classifier import score_abuse

URGENT = Flag("crisis", 0.9, "URGENT, possible crisis")


def test_a_crisis_comment_that_swears_is_not_hidden_for_its_swearing() -> None:
    # the profanity of someone in despair hid the cry for help the flag exists to keep
    # visible: abuse beside crisis hides only a threat or an exposure of someone else
    swore = Flag("abuse", *score_abuse("fuck everything, i just want to end my life"))
    assert swore.score >= 0.7
    assert not should_auto_hide([URGENT, swore], ModerationPolicy())
    # (session 48: name-calling aimed at someone else beside crisis hides; the classifier
    # marks it, tests/test_session48_hides.py)
    # a threat to someone else still hides, crisis or not, and so does PHI
    threat = Flag("abuse", *score_abuse("i'm going to end my life and i will kill you too"))
    assert should_auto_hide([URGENT, threat], ModerationPolicy())
    assert should_auto_hide([URGENT, Flag("phi", 0.9, "a name")], ModerationPolicy())
    # without crisis, swearing hides as before
    assert should_auto_hide([swore], ModerationPolicy())


def test_the_classifier_keeps_a_swearing_cry_for_help_visible(screened_classifier: Any) -> None:
    flags = screened_classifier.classify("I'm so f***ing done with all this shit, I want to "
                                         "end my life tonight")
    names = [f.flag for f in flags]
    assert names[0] == "crisis" and "abuse" in names
    assert not should_auto_hide(flags, ModerationPolicy())


class _NameScreen:
    """Chat's PHI screen where it finds the commenter's name at the start of a comment."""

    def screen(self, texts: list[str], context: str) -> list[list[Any]]:
        from types import SimpleNamespace

        return [[SimpleNamespace(category="name", start=0, end=11, severity="block")]
                for _ in texts]


def _comment(cid: int, flags: list[str], text: str) -> dict[str, Any]:
    return {"id": cid, "platform": "facebook", "post_id": 3, "state": "flagged",
            "author": "Dana Whitfield", "text": text, "last_error": None,
            "flags": [{"flag": f, "score": 0.9, "reason": "r"} for f in flags]}


def test_a_crisis_comment_never_reaches_chat_even_with_a_span_redacted() -> None:
    # with a name the screen could point at, the rest of the words went to Slack: "[name]
    # here, I keep thinking about ending my life since the diagnosis"
    from social_bot.chat.guard import comment_for_chat
    from social_bot.chat.ownwords import unmark
    from social_bot.chat.render import SLACK, comment_summary, comments_text

    words = "Dana W here, I keep planning how to end my life since the diagnosis"
    for flags in (["crisis"], ["crisis", "phi"], ["crisis", "abuse"]):
        view = comment_for_chat(_NameScreen(),  # type: ignore[arg-type]
                                [_comment(7, flags, words)])[0]
        assert view["withheld"] and "end my life" not in view["text"], flags
        for shown in (comment_summary(view, SLACK), comments_text([view], SLACK)):
            text, _ = unmark(shown, ())
            assert "end my life" not in text and "diagnosis" not in text
            assert "URGENT" in text and "988" in text
    # a PHI comment keeps its redacted text, as before
    view = comment_for_chat(_NameScreen(), [_comment(8, ["phi"], words)])[0]  # type: ignore[arg-type]
    assert "[" in view["text"] and not view["withheld"]


def _store(app: Any, flags: list[str], text: str) -> int:
    from social_bot.db.models import Comment, Delivery

    post_id = new_post(app)
    with app.db.write() as session:
        delivery = session.query(Delivery).filter_by(post_id=post_id, platform="x").one()
        delivery.remote_id = f"tw-{post_id}"
        row = Comment(delivery_id=delivery.id, post_id=post_id, platform="x",
                      remote_id=f"c-{post_id}", author="someone", text=text, state="flagged",
                      flags=[{"flag": f, "score": 0.9, "reason": "r"} for f in flags])
        session.add(row)
        session.flush()
        return int(row.id)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_waiting_crisis_comment_is_listed_first_past_the_list_bound(chat_app: Any) -> None:
    # `/socialbot comments` shows the 25 newest waiting comments: a spam wave after a
    # crisis comment pushed it off the list, with nothing to say so
    from social_bot.chat.commands import LIST_LIMIT
    from social_bot.chat.guard import comment_for_chat
    from social_bot.chat.render import SLACK, comments_text
    from social_bot.comments import list_comments

    urgent = _store(chat_app, ["crisis", "negative"], "I keep planning how to end my life")
    for n in range(LIST_LIMIT + 2):
        _store(chat_app, ["spam"], f"cheap followers at spam{n}.example")
    rows = list_comments(chat_app, flagged_only=True, limit=LIST_LIMIT)
    assert len(rows) == LIST_LIMIT and rows[0]["id"] == urgent
    from social_bot.chat.ownwords import unmark

    # as sent: each row is a unit the guard screens on its own (session 48), marks removed
    listing = unmark(comments_text(comment_for_chat(chat_app, rows), SLACK), ())[0]
    assert listing.splitlines()[1].startswith(f"• *URGENT* #{urgent}")


@pytest.mark.parametrize("value", [0.95, 1.0, 1])
def test_the_crisis_flag_cannot_be_switched_off_with_a_reason(value: float) -> None:
    # crisis is 0.9 where a construction matches, 0 elsewhere: a threshold above 0.9 is an
    # off switch, which a written [loosened] reason let through
    import tomllib

    from policies.config import PolicyError, parse_policy

    raw = tomllib.loads(
        '[approval]\nrequired = 2\napprovers = [{ name = "Dana", slack = "U01" }, '
        '{ name = "Luis", slack = "U02" }, { name = "Kim", slack = "U03" }]\n'
        f'[moderation]\nthresholds = {{ crisis = {value} }}\n'
        '[loosened]\n"moderation.thresholds.crisis" = "Our manager reads every comment daily."\n')
    with pytest.raises(PolicyError, match="crisis"):
        parse_policy(raw)
    with pytest.raises(ValueError, match="crisis"):
        ModerationPolicy(thresholds={"crisis": float(value)})
    # at or below the constructions' score it changes nothing, and is taken
    raw["moderation"]["thresholds"]["crisis"] = 0.9
    assert parse_policy(raw).moderation.threshold("crisis") == 0.9


SPANISH_HARMLESS = [
    # a thing as the object: the clitic is "for you", not the victim
    "Te voy a golpear la puerta temprano para la cita, ¿está bien, doctora?",
    "Le voy a pegar la etiqueta al frasco como me dijeron en farmacia",
    "Les vamos a reventar el buzón con cartas de agradecimiento al doctor",
    # figures the first rule's list did not know
    "Te voy a matar a preguntas en la próxima cita, doctor jaja",
    "Voy a matar a mi hermano de un susto cuando le cuente que ya me dieron de alta",
    "Ojalá que te mueras de la risa con el video de la posada",
    "Voy a llevar mi arma secreta: galletas de avena para las enfermeras",
]

SPANISH_THREATS_MORE = [
    # spelt as typed: accents dropped, b for v, "vo a"
    "te bamos a matar doctor",
    "vo a matarte cuando salgas de la clinica",
    "te boy a partir la cara",
    # the harm told by a phrase: a shot, fire, a beating
    "Ya verás, le voy a dar un tiro a ese enfermero",
    "te voy a meter un balazo si no me atiendes",
    "les voy a prender fuego al consultorio",
    "vamos a incendiar la clinica esta noche",
    "che, te voy a cagar a trompadas cuando salgas",
]


@pytest.mark.parametrize("text", SPANISH_HARMLESS)
def test_harmless_spanish_is_no_threat(text: str) -> None:
    from policies.moderation.features import fold
    from policies.moderation.lexicon import SPANISH_THREAT_RE

    assert not SPANISH_THREAT_RE.search(fold(text.lower())), text


@pytest.mark.parametrize("text", SPANISH_THREATS_MORE)
def test_spanish_threats_as_typed_are_threats(text: str) -> None:
    score, reason = score_abuse(text.lower())
    assert score >= 0.9 and reason.startswith("Reads as a threat"), (text, reason)
