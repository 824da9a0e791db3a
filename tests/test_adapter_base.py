"""The platform-independent parts of adapters: registry, markers, cursors, light imports."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from adapters import PLATFORMS, adapter_class, build_adapter
from adapters._cursor import ReadState, fresh, newest, read_state
from adapters.base import (
    Adapter,
    AuthError,
    Draft,
    RateLimited,
    TransientError,
    content_marker,
    published_text,
    redact,
)


def test_registry_knows_the_three_platforms() -> None:
    assert PLATFORMS == ("linkedin", "facebook", "x")
    for name in PLATFORMS:
        cls = adapter_class(name)
        assert issubclass(cls, Adapter) and cls.name == name
    assert adapter_class("linkedin").can_hide is False
    assert adapter_class("facebook").can_hide and adapter_class("x").can_hide


def test_unknown_platform_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="mastodon"):
        adapter_class("mastodon")


def test_build_adapter_reports_missing_settings_per_platform() -> None:
    for name in PLATFORMS:
        with pytest.raises(AuthError, match=f"^{name}: missing setting"):
            build_adapter(name, {})


def test_validate_draft_does_not_load_http_libraries() -> None:
    code = (
        "import sys, json\n"
        "from adapters import validate_draft, PLATFORMS\n"
        "from adapters.base import Draft\n"
        "out = {p: validate_draft(p, Draft('x' * 300)) for p in PLATFORMS}\n"
        "print(json.dumps([out, 'requests' in sys.modules, 'tweepy' in sys.modules]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    problems, has_requests, has_tweepy = json.loads(result.stdout)
    assert problems["x"] == ["x: 300 of 280 characters (20 over)"]
    assert problems["linkedin"] == [] and problems["facebook"] == []
    assert not has_requests and not has_tweepy


def test_content_marker_survives_platform_rewrites() -> None:
    original = "Flu shots & walk-ins at northsidefm.com/flu  today!\n"
    as_on_x = "Flu shots &amp; walk-ins at https://t.co/Ab12 today! https://t.co/media9"
    assert content_marker(original) == content_marker(as_on_x)
    assert content_marker(original) != content_marker("Flu shots & walk-ins tomorrow!")
    assert content_marker("e\u0301") == content_marker("\u00e9")  # NFC
    assert len(content_marker(original)) == 32


def test_published_text_appends_the_link_once() -> None:
    assert published_text(Draft("Read", link="https://a.com")) == "Read https://a.com"
    assert published_text(Draft("Read https://a.com", link="https://a.com")) == "Read https://a.com"


def test_redact_masks_every_secret() -> None:
    assert redact("token abcd1234 and xyz98765", ["abcd1234", "xyz98765"]) == "token *** and ***"


def test_error_attributes() -> None:
    assert RateLimited("x", retry_after=3.5).retry_after == 3.5
    assert TransientError("x").ambiguous is False
    assert TransientError("x", ambiguous=True).ambiguous is True


def test_cursor_returns_only_newer_items_including_same_time_ones() -> None:
    items = [(1.0, "a", "A"), (2.0, "b", "B"), (2.0, "c", "C")]
    start = read_state(None)
    assert fresh(items, start.since, start.seen) == ["A", "B", "C"]
    floor = ReadState(*newest(items))
    cursor = read_state(floor.encode())
    assert (cursor.since, cursor.seen) == (2.0, frozenset({"b", "c"}))
    assert fresh(items, cursor.since, cursor.seen) == []
    more = [*items, (2.0, "d", "D"), (3.0, "e", "E")]
    assert fresh(more, cursor.since, cursor.seen) == ["D", "E"]
    assert read_state("garbage") == ReadState()
