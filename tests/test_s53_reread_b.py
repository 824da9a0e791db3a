"""Session 53's re-read (b): a chat card hiding a dismissed word that re matched in another
case than lower() gives (Turkish dotless i, the long s) ended in a KeyError; a settings file
saved with a byte order mark lost its first setting, and a bare NAME line was dropped without
a word; "I never want to be dead" was flagged crisis."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.mark.parametrize("text", ["Note: YILDIZ asked to keep it", "Note: Yıldız asked"])
def test_a_dismissed_word_in_another_case_is_hidden_not_a_keyerror(text: str) -> None:
    from social_bot.chat.guard import _hide_words

    shown = _hide_words(text, [{"text": "Yıldız", "category": "name"}])
    assert "YILDIZ" not in shown and "Yıldız" not in shown and "[" in shown


def test_a_reply_hides_a_health_word_in_another_case_with_its_own_mark() -> None:
    from social_bot.chat.guard import _hide_answered

    shown = _hide_answered("Get well soon, KIZIM!", [("kızım", "[health detail]", False)])
    assert shown == "Get well soon, [health detail]!"


def test_a_settings_file_with_a_byte_order_mark_keeps_its_first_setting() -> None:
    from social_bot.settings import _parsed

    data = b"\xef\xbb\xbfSOCIALBOT_AUDIT_KEY=abc\nSOCIALBOT_USER=Pat\n"
    assert _parsed(Path("my.env"), data) == {"SOCIALBOT_AUDIT_KEY": "abc",
                                             "SOCIALBOT_USER": "Pat"}


def test_a_bare_name_line_is_refused_not_dropped() -> None:
    from social_bot.errors import UserError
    from social_bot.settings import _parsed

    with pytest.raises(UserError, match=r"my.env, line 2: not a NAME=value line"):
        _parsed(Path("my.env"), b"SOCIALBOT_USER=Pat\nSOCIALBOT_AUDIT_KEY\n")


@pytest.mark.parametrize("text", ["I never want to be dead, I love my life",
                                  "i dont want to be dead, so I'm getting the scan",
                                  "She doesnt want to be dead like her dad, she quit smoking"])
def test_a_negated_wish_to_be_dead_is_not_crisis(text: str) -> None:
    from policies.moderation.crisis import crisis

    assert crisis(text)[0] == 0.0, text


@pytest.mark.parametrize("text", ["Most days I want to be dead", "he really wants to be dead"])
def test_the_wish_itself_still_is(text: str) -> None:
    from policies.moderation.crisis import crisis

    assert crisis(text)[0] >= 0.5, text
