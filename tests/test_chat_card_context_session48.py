"""A card is screened with all of its post's context; a person's private-use characters are
shown, never read as marks (an outside review of the session-48 units, with the real screen).

The first units screened a card's post text apart from its alt texts and status reason, so
"Welcome back, <name>!" lost the health context its image's alt text gave it and the name
went to chat; a post with a stray mark character before a hex/digit run lost the run (and,
with it, what made the screen flag the line). Stand-in screens as in the other chat tests
(team-written examples: fit, not accuracy), and once with the real screen."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from test_chat_view_units_session48 import HEALTH, in_health_context, sent

import social_bot.posts as posts
from social_bot.chat.guard import post_for_chat
from social_bot.chat.render import MATTERMOST, SLACK, post_card, post_summary
from social_bot.errors import UserError
from social_bot.posts import Staff, create_post, prepare_draft, show_post

AUTHOR = Staff("Pat Manager", "pat")
STRAY = "\ue009"  # the unit marks' closing character


def card(app, text: str, **extra) -> dict:  # noqa: ANN001
    post_id = create_post(app, AUTHOR, prepare_draft(app, text, ["linkedin"]))
    return {**post_for_chat(show_post(app, post_id), app), **extra}


def alt(text: str) -> list[dict]:
    return [{"type": "jpeg", "width": 800, "height": 600, "size": 120_000, "alt": text,
             "removed": ["GPS position"]}]


def whole_lines(pattern: str, category: str = "other_id"):  # noqa: ANN201
    """A stand-in for the learned look that reads a whole line as an identifier."""
    def screen(texts, context="post"):  # noqa: ANN001, ANN202
        return [[SimpleNamespace(category=category, start=m.start(), end=m.end(),
                                 text=m.group(), severity="block", score=0.9, rule="test",
                                 reason="flagged", redaction="[identifier]")
                 for m in re.finditer(rf"[^\n]*{pattern}[^\n]*", body)] for body in texts]
    return screen


@pytest.mark.parametrize("context", [
    {"media": alt(f"our patient after her {HEALTH} infusion")},
    {"status_reason": f"she asked us to wait until her {HEALTH} ends"},
])
def test_a_cards_text_is_screened_with_its_context(make_app, context) -> None:  # noqa: ANN001
    """The health words are only in the alt text or the reason: the name in the post's text
    is still read in their context, on Mattermost and in Slack's fallback text."""
    app = make_app(screener=in_health_context)
    detail = card(app, "Welcome back, Odile!", **context)
    for style in (MATTERMOST, SLACK):
        out = sent(app, post_summary(detail, 2, style))
        assert "Odile" not in out and "> Welcome back, [patient name]" in out
    assert "Text as it will be published:" in out  # the label is still not redacted


def test_a_persons_private_use_character_is_shown_and_never_takes_its_neighbours(
        make_app, monkeypatch) -> None:  # noqa: ANN001
    """The approver sees the run after a stray mark character (it is published), and the
    screen reads it: a line read as an identifier is redacted, name and all. Since session
    50 the input check refuses a private-use character (it hid an MRN from the screen); the
    card must still hold for a revision stored before."""
    text = f"Odile Brandt {STRAY}cafe4827193 thanks for visiting"
    app = make_app(screener=lambda texts, context="post": [[] for _ in texts])
    with pytest.raises(UserError, match="private-use or unassigned"):
        card(app, text)
    monkeypatch.setattr(posts, "require_text", lambda *a, **k: None)  # stored before
    detail = card(app, text)
    shown = "Odile Brandt \ufffdcafe4827193 thanks for visiting"
    assert shown in sent(app, post_summary(detail, 2, SLACK))
    assert shown in str(post_card(detail, 2))  # the renderer neutralises it already
    app = make_app(screener=whole_lines(r"\d{7}"))
    for style in (MATTERMOST, SLACK):
        out = sent(app, post_summary(detail, 2, style))
        assert "Odile" not in out and "Brandt" not in out


def test_the_redaction_note_is_socialbots_own_words(make_app) -> None:  # noqa: ANN001
    """Counts of kinds only: the learned look blanked the note, so approvers were not told
    what had been redacted."""
    def screen(texts, context="post"):  # noqa: ANN001, ANN202
        return [a + b for a, b in zip(in_health_context(texts),
                                      whole_lines("Redacted for chat")(texts), strict=True)]

    app = make_app(screener=screen)
    detail = card(app, f"Odile finished her {HEALTH} with us.")
    assert detail["redacted"]
    out = sent(app, post_summary(detail, 2, MATTERMOST))
    assert "Redacted for chat: 1 patient name. The full text stays on the practice's " \
           "computer: `socialbot post show" in out
    assert "Odile" not in out


@pytest.mark.slow
def test_alt_text_context_with_the_real_screen(make_app) -> None:  # noqa: ANN001
    app = make_app(screener=None)
    detail = card(app, "Welcome back, Odile Brandt!",
                  media=alt("our patient after her chemotherapy infusion"))
    for style in (MATTERMOST, SLACK):
        out = sent(app, post_summary(detail, 2, style))
        assert "Brandt" not in out.replace("\\", "")
