"""X's length without twitter-text's import (adapters/x_length.py): the shortcut's premises
hold for the installed twitter-text, and both paths agree with the library."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from adapters.x_length import plain_ascii_length, weighted_length

DATA = Path(__file__).parent / "data" / "adapters" / "twitter-text"
ASCII = "".join(map(chr, range(128)))


def _validate_texts() -> list[str]:
    tests = yaml.safe_load((DATA / "validate.yml").read_text(encoding="utf-8"))["tests"]
    return [case["text"] for section in tests.values() for case in section]


def test_no_emoji_of_the_library_is_plain_ascii() -> None:
    from twitter_text.regexp.emoji import emoji, emoji_list

    assert len(emoji_list) > 1000
    assert not [e.emoji for e in emoji_list if e.emoji.isascii()]
    assert emoji.search(ASCII.replace(".", "")) is None


def test_every_ascii_character_weighs_one_and_is_valid() -> None:
    from twitter_text import parse_tweet
    from twitter_text.config import config

    v3 = config["defaults"]
    assert v3["scale"] == 100 and v3["max_weighted_tweet_length"] == 280
    for char in ASCII:
        if char not in ".\r\n":
            result = parse_tweet(char)
            assert (result.weightedLength, result.valid) == (1, True), repr(char)


def test_urls_need_a_dot() -> None:
    from twitter_text import extract_urls_with_indices

    assert extract_urls_with_indices("see https://example/path or localhost:8080/x") == []
    assert extract_urls_with_indices("see example.com") != []


TEXTS = [
    *_validate_texts(),
    "",
    "Flu shots & walk-ins tomorrow! #health *new* 9-5, call 555 0100",
    "line one\r\nline two\rline three\n",
    "x" * 280,
    "x" * 281,
    "#" * 300,
    "3\ufe0f\u20e3 keycap",  # not ASCII: the library decides
    "visit example.com today",  # a "." : the library decides
]


@pytest.mark.parametrize("text", TEXTS)
def test_both_paths_agree_with_the_library(text: str) -> None:
    from twitter_text import parse_tweet

    result = parse_tweet(text)
    assert weighted_length(text) == (result.weightedLength, result.valid)
    shortcut = plain_ascii_length(text)
    assert shortcut is None or shortcut == result.weightedLength


def test_library_path_imports_without_pkg_resources() -> None:
    code = ("import sys\nfrom adapters.x_length import weighted_length\n"
            "print(weighted_length('ok \\U0001F600 example.com'),"
            " 'pkg_resources' in sys.modules, 'twitter_text' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).parent.parent)
    assert out.stdout.split() == ["(29,", "True)", "False", "True"]


def test_plain_text_does_not_import_twitter_text() -> None:
    code = ("import sys\nfrom adapters.x_length import weighted_length\n"
            "print(weighted_length('Open Monday to Friday, 9-5!'), 'twitter_text' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).parent.parent)
    assert out.stdout.split() == ["(27,", "True)", "False"]
