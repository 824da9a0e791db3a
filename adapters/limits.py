"""How long a post's text may be on each platform, and how the platform counts it: one table,
read by the adapters' checks at `post create` (``Adapter.validate``) and by the sandbox's
stand-ins (social_bot/sandbox/), so a text one lets through the other never refuses for its
length, and the other way round. Before session 53 the stand-ins checked no length: a post X
or LinkedIn refuses was published in the demo and in CI (the attack review, A4).

Sources (docs/adapters.md, "Length rules"): X counts 280 weighted characters by the
twitter-text v3 rules (URLs 23, CJK and emoji 2); LinkedIn's commentary and Facebook's
message count characters (code points here).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TextLimit:
    most: int
    counted: str  # how, in words (docs and refusals)


TEXT_LIMITS: dict[str, TextLimit] = {
    "x": TextLimit(280, "weighted characters (twitter-text v3: URLs 23, CJK and emoji 2)"),
    "linkedin": TextLimit(3000, "characters of commentary"),
    "facebook": TextLimit(63206, "characters"),
}


def text_length(platform: str, text: str) -> int:
    """``text``'s length as ``platform`` counts it."""
    if platform == "x":
        from adapters.x_length import weighted_length

        return weighted_length(text)[0]
    return len(text)


def over_by(platform: str, text: str) -> int:
    """How far ``text`` is over ``platform``'s limit (0: it fits)."""
    return max(0, text_length(platform, text) - TEXT_LIMITS[platform].most)
