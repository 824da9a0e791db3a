"""X's weighted post length (twitter-text v3), without paying for twitter-text's import when
the text cannot hold a URL or an emoji.

Importing twitter-text-parser costs about a quarter of a second of CPU on every
`socialbot post create --platform x` (bench/phi_throughput.py): pkg_resources, a regular
expression of every emoji and the URL grammar, all compiled at import. For plain ASCII text
without a "." none of them can match: twitter-text looks for URLs only when the text holds a
"." (extract_urls_with_indices returns early), no emoji sequence of its list is made of ASCII
code points alone, and every ASCII character weighs 100 (scale 100) and is a valid character.
tests/test_adapters_x_length.py checks those premises against the installed library and
compares both paths on the conformance cases; any other text goes to the library itself.
"""

from __future__ import annotations

import re
import sys
import types
from pathlib import Path

from adapters.limits import TEXT_LIMITS

MAX_WEIGHTED = TEXT_LIMITS["x"].most
_LINE_ENDING = re.compile(r"\r\n|\r|\n")  # twitter-text's convert_line_ending


def plain_ascii_length(text: str) -> int | None:
    """The weighted length of `text` when it cannot hold a URL or an emoji, else None."""
    if not text.isascii() or "." in text:
        return None
    return len(_LINE_ENDING.sub("\n", text))


def weighted_length(text: str) -> tuple[int, bool]:
    """(weighted length, valid) exactly as twitter-text v3 counts them (twitter-text-parser)."""
    length = plain_ascii_length(text)
    if length is not None:
        return length, 0 < length <= MAX_WEIGHTED
    result = _parse_tweet()(text)
    return result.weightedLength, result.valid


def _parse_tweet():  # noqa: ANN202 - twitter_text.parse_tweet
    """twitter_text.parse_tweet, imported without pkg_resources (a third of the import's
    cost, and deprecated): the library uses it for one call, reading emoji-test.txt beside
    its regexp module. A stand-in answers that call during the import and is removed right
    after, so a later `import pkg_resources` gets the real one."""
    if "twitter_text" in sys.modules or "pkg_resources" in sys.modules:
        from twitter_text import parse_tweet

        return parse_tweet
    stand_in = types.ModuleType("pkg_resources")
    stand_in.resource_string = _resource_string  # type: ignore[attr-defined]
    sys.modules["pkg_resources"] = stand_in
    try:
        from twitter_text import parse_tweet
    finally:
        if sys.modules.get("pkg_resources") is stand_in:
            del sys.modules["pkg_resources"]
    return parse_tweet


def _resource_string(module_name: str, resource: str) -> bytes:
    """pkg_resources.resource_string for a module installed as files: the resource beside it."""
    module_file = sys.modules[module_name].__file__
    if module_file is None:
        raise FileNotFoundError(resource)
    return (Path(module_file).parent / resource).read_bytes()
