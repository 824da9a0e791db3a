"""The X length rules against the official twitter-text conformance cases (copied under
tests/data/adapters/twitter-text; see PROVENANCE.md there)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from adapters.base import Draft
from adapters.x import XAdapter, weighted_length

DATA = Path(__file__).parent / "data" / "adapters" / "twitter-text"


def _cases(file: str, section: str) -> list[dict]:
    return yaml.safe_load((DATA / file).read_text(encoding="utf-8"))["tests"][section]


def _ids(cases: list[dict]) -> list[str]:
    return [case["description"][:60] for case in cases]


V3_SECTIONS = (
    "WeightedTweetsWithDiscountedEmojiCounterTest",
    "UnicodeDirectionalMarkerCounterTest",
)
V3_CASES = [case for section in V3_SECTIONS for case in _cases("validate.yml", section)]
V2_CASES = _cases("validate.yml", "WeightedTweetsCounterTest")


def test_the_copied_sections_are_not_empty() -> None:
    assert len(V3_CASES) >= 20 and len(V2_CASES) >= 20


@pytest.mark.parametrize("case", V3_CASES, ids=_ids(V3_CASES))
def test_weighted_length_matches_twitter_text_v3(case: dict) -> None:
    length, valid = weighted_length(case["text"])
    assert length == case["expected"]["weightedLength"]
    assert valid == case["expected"]["valid"]


@pytest.mark.parametrize("case", V2_CASES, ids=_ids(V2_CASES))
def test_v2_config_cases_agree_without_emoji_parsing(case: dict) -> None:
    """The v2 section counts emoji by code point; the same engine with emoji parsing off must
    give its numbers (guards the weights and ranges the v3 config builds on)."""
    from twitter_text import parse_tweet
    from twitter_text.config import config

    result = parse_tweet(case["text"], dict(config["version2"], emoji_parsing_enabled=False))
    assert result.weightedLength == case["expected"]["weightedLength"]
    assert result.valid == case["expected"]["valid"]


URL_CASES = _cases("extract.yml", "urls")


@pytest.mark.parametrize("case", URL_CASES, ids=_ids(URL_CASES))
def test_url_extraction_matches_twitter_text(case: dict) -> None:
    from twitter_text import extract_urls

    assert extract_urls(case["text"]) == case["expected"]


@pytest.mark.parametrize("case", V3_CASES, ids=_ids(V3_CASES))
def test_validate_reports_the_overrun_in_one_line(case: dict) -> None:
    problems = XAdapter.validate(Draft(case["text"]))
    expected = case["expected"]["weightedLength"]
    if expected > 280:
        assert f"x: {expected} of 280 characters ({expected - 280} over)" in problems
    elif case["expected"]["valid"]:
        assert problems == []
    else:
        assert problems and all(p.startswith("x: ") for p in problems)
