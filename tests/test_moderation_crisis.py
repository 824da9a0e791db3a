"""Session 46: comments that must reach a person today. Suicide or self-harm (the
commenter's own, or someone's they speak of) is flagged `crisis`, urgent and never hidden
automatically; Spanish threats against staff or the clinic are `abuse`, hidden as English
ones are; figures of speech raise neither. The comments are the team's own (fit, not
accuracy: docs/history/moderation.md, "Session 46")."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from policies.moderation import ModerationPolicy, should_auto_hide

CRISIS = [
    # English, the commenter's own
    "Lately I keep thinking about ending my life and I don't know who to tell",
    "honestly I don't want to wake up anymore",
    "some nights I feel suicidal and I can't afford therapy",
    # English, someone they speak of
    "My sister told me she wants to kill herself, what do I do??",
    "our teen has been cutting himself, does your office have a counselor?",
    # Spanish, own and someone's
    "Ya no quiero vivir, todo me sale mal desde que perdí el trabajo",
    "tengo ganas de morirme y no sé con quién hablar",
    "he pensado en suicidarme varias veces este mes",
    "mi esposo dice que se quiere quitar la vida, ¿ustedes ven esos casos?",
]

FIGURATIVE = [
    "ugh this waiting line is killing me",
    "me muero de hambre, ¿a qué hora abren el sábado?",
    "I'd kill for an earlier appointment honestly",
    "dying to see the new lobby everyone keeps talking about",
    "Proud to walk for suicide prevention with the whole staff today!",
    "Text or call 988 if you or someone you love is struggling. Sharing for awareness month",
    "Are there grief support groups here? My dad passed in March",
    "me quiero morir de la risa con este video del consultorio jaja",
    "what a killer deal on flu shots this week",
]

SPANISH_THREATS = [
    "Le voy a romper la cara a esa enfermera la próxima vez",
    "si no me atienden hoy les quemo la oficina",
    "doctora, voy a matarla por lo que le hizo a mi mamá",
    "vamos a golpear a ese recepcionista cuando salga",
]

SPANISH_FIGURES = [
    "vamos a matar el tiempo leyendo revistas en la sala",
    "te voy a matar de risa con mis chistes, doctor",
    "este dolor de espalda me mata",
    "vamos a partir el pastel en la fiesta de la clínica",
]


@pytest.fixture(scope="module")
def classifier(screened_classifier: Any) -> Any:
    return screened_classifier


@pytest.mark.parametrize("text", CRISIS)
def test_suicide_or_self_harm_reaches_a_person_first_and_is_not_hidden(
        classifier: Any, text: str) -> None:
    flags = classifier.classify(text)
    assert flags and flags[0].flag == "crisis", [f.flag for f in flags]
    assert "988" in flags[0].reason and "today" in flags[0].reason
    assert not should_auto_hide(flags, ModerationPolicy())


@pytest.mark.parametrize("text", FIGURATIVE)
def test_figures_of_speech_and_awareness_are_no_crisis(classifier: Any, text: str) -> None:
    assert classifier.scores(text)["crisis"] == (0.0, "")


@pytest.mark.parametrize(("threat", "figure"), zip(SPANISH_THREATS, SPANISH_FIGURES,
                                                   strict=True))
def test_spanish_threats_are_abuse_and_hidden_their_figures_not(
        classifier: Any, threat: str, figure: str) -> None:
    flags = classifier.classify(threat)
    assert "abuse" in [f.flag for f in flags]
    assert should_auto_hide(flags, ModerationPolicy())
    flags = classifier.classify(figure)
    assert "abuse" not in [f.flag for f in flags]
    assert not should_auto_hide(flags, ModerationPolicy())


def test_policy_file_has_a_crisis_threshold_and_never_hides_it() -> None:
    policy = ModerationPolicy.from_toml({"thresholds": {"crisis": 0.8}})
    assert policy.threshold("crisis") == 0.8
    assert ModerationPolicy().threshold("crisis") == 0.5
    with pytest.raises(ValueError, match="may not include \"crisis\""):
        ModerationPolicy.from_toml({"auto_hide": ["abuse", "crisis"]})
    assert "988" in ModerationPolicy().reply_templates["crisis"]


def test_classify_cli_exits_1_with_the_crisis_flag(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from social_bot.cli.classify_cmd import classify

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOCIALBOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("SOCIALBOT_POLICY", raising=False)
    result = CliRunner().invoke(classify, ["--fast", "--json", CRISIS[0]])
    assert result.exit_code == 1, result.output
    assert json.loads(result.output)["flags"][0]["flag"] == "crisis"


class _Screen:
    """The app's PHI screen as chat's guard calls it: here it finds nothing."""

    def screen(self, texts: list[str], context: str) -> list[list[Any]]:
        return [[] for _ in texts]


def _comment(flags: list[dict[str, Any]]) -> dict[str, Any]:
    return {"id": 7, "platform": "facebook", "post_id": 3, "state": "flagged",
            "author": "Rosa Mejía", "text": CRISIS[1], "flags": flags, "last_error": None}


def test_chat_card_says_urgent_with_what_to_do_and_keeps_the_words_local() -> None:
    from social_bot.chat.guard import comment_for_chat
    from social_bot.chat.ownwords import unmark
    from social_bot.chat.render import SLACK, comment_summary, comments_text

    flag = {"flag": "crisis", "score": 0.9, "reason": "URGENT ..."}
    view = comment_for_chat(_Screen(), [_comment([flag])])[0]  # type: ignore[arg-type]
    assert view["author"] != "Rosa Mejía" and view["withheld"]
    card, _ = unmark(comment_summary(view, SLACK), ())
    assert "URGENT" in card and "988" in card and CRISIS[1] not in card
    listing, _ = unmark(comments_text([view], SLACK), ())
    assert "URGENT" in listing and "988" in listing
    # an ordinary flagged comment gets no such line
    calm = comment_for_chat(_Screen(),  # type: ignore[arg-type]
                            [_comment([{"flag": "negative", "score": 0.6}])])[0]
    assert "988" not in comment_summary(calm, SLACK)
