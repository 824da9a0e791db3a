"""How long a post's text may be on each platform, and how the platform counts it: one table,
read by the adapters' checks at `post create` (``Adapter.validate``) and by the sandbox's
stand-ins (social_bot/sandbox/), so a text one lets through the other never refuses for its
length, and the other way round. Before session 53 the stand-ins checked no length: a post X
or LinkedIn refuses was published in the demo and in CI (the attack review, A4).

Sources (docs/adapters.md, "Length rules"): X counts 280 weighted characters by the
twitter-text v3 rules (URLs 23, CJK and emoji 2); LinkedIn's commentary and Facebook's
message count characters (code points here).

A reply to a comment is a comment on LinkedIn and Facebook, with its own, shorter limit
(REPLY_LIMITS, session 54's attack review C2: a 1,300-character LinkedIn reply passed the
post limit, was approved twice and would have been refused by LinkedIn). Where no platform
reference gave the number, ``source`` says so and names the weak sources it came from.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TextLimit:
    most: int
    counted: str  # how, in words (docs and refusals)
    source: str = ""  # where the number comes from, and how strong that is


TEXT_LIMITS: dict[str, TextLimit] = {
    "x": TextLimit(280, "weighted characters (twitter-text v3: URLs 23, CJK and emoji 2)"),
    "linkedin": TextLimit(3000, "characters of commentary"),
    "facebook": TextLimit(63206, "characters"),
}


# What a reply (socialbot comments reply) may hold on each platform.
REPLY_LIMITS: dict[str, TextLimit] = {
    # a reply is a post: POST /2/tweets with reply.in_reply_to_tweet_id, the same 280 rule
    "x": TextLimit(280, TEXT_LIMITS["x"].counted,
                   "a reply is a post (docs.x.com, manage-tweets): the post rule"),
    "linkedin": TextLimit(1250, "characters of a comment's message",
                          "weak: not in LinkedIn's Comments API reference as read here "
                          "(learn.microsoft.com/linkedin/marketing/community-management/"
                          "shares/comments-api; re-searched 2026-12-07); 1,250 is what API "
                          "clients that post LinkedIn comments enforce: Buffer's developer "
                          "guide (developers.buffer.com/guides/character-limits, LinkedIn "
                          "first comment 1,250), Publora's linkedin_create_comment ('max 1250 "
                          "characters'), Taplio's create_comment_draft ('1 to 1250 "
                          "characters'), all read 2026-12-07; character-limit guides agree "
                          "(linkedinpreview.com, count-words.com, 2026); others say 1,500 or "
                          "less: the lowest figure an API client enforces is kept"),
    "facebook": TextLimit(8000, "characters of a comment's message",
                          "weak: not in Graph's Comment reference as read here (re-searched "
                          "2026-12-07); 8,000 in one API client's comment endpoint "
                          "(marketplace.gohighlevel.com/docs/ghl/social-planner/comments: "
                          "'Facebook 8000', read 2026-12-07) and in character-limit guides "
                          "(typecount.com, postonce.to, bulkpublish.com, 2026); Buffer caps a "
                          "first comment at 5,000, as it caps Facebook posts (its own limit, "
                          "far below Graph's 63,206)"),
}


def text_length(platform: str, text: str) -> int:
    """``text``'s length as ``platform`` counts it."""
    if platform == "x":
        from adapters.x_length import weighted_length

        return weighted_length(text)[0]
    return len(text)


def over_by(platform: str, text: str, *, reply: bool = False) -> int:
    """How far ``text`` is over ``platform``'s limit for a post, or for a reply to a comment
    (0: it fits)."""
    table = REPLY_LIMITS if reply else TEXT_LIMITS
    return max(0, text_length(platform, text) - table[platform].most)
