"""A flagged comment too long to screen is not shown in chat (security review, session 5):
one over a million characters made the PHI screen fail, so `/socialbot comments` and the
flagged-comment card failed for everyone while it waited; a shorter long one held the
daemon for seconds at every listing. Its length is shown, the CLI has the text."""

from __future__ import annotations

import json

from social_bot.chat.guard import CHAT_COMMENT_CHARS, comment_for_chat, release
from social_bot.chat.render import SLACK, comment_card, comments_text


def test_a_comment_too_long_to_screen_is_not_screened_nor_shown(make_app) -> None:  # noqa: ANN001
    seen: list[int] = []

    def screener(texts, context="post"):  # noqa: ANN001, ANN202
        seen.extend(len(t) for t in texts)
        if any(len(t) > 1_000_000 for t in texts):
            raise ValueError("E088: text too long")
        return [[] for _ in texts]

    app = make_app(screener=screener)
    huge = "Ask Wendell Prasko about his kidney transplant. " * 25_000
    short = "Lovely staff, quick visit."
    rows = [{"id": 1, "platform": "x", "post_id": 3, "text": huge, "author": "wprasko_fan",
             "flags": [{"flag": "too_long", "score": 1.0}], "state": "flagged",
             "last_error": None},
            {"id": 2, "platform": "x", "post_id": 3, "text": short, "author": "kim",
             "flags": [{"flag": "negative", "score": 0.7}], "state": "flagged",
             "last_error": None}]
    views = comment_for_chat(app, rows)
    assert all(n <= CHAT_COMMENT_CHARS for n in seen) and len(short) in seen
    assert "Wendell" not in views[0]["text"] and "wprasko" not in views[0]["author"]
    assert f"{len(huge):,} characters" in views[0]["text"]
    assert views[1]["text"] == short
    sent = json.dumps(release(app, {"blocks": comment_card(views[0])}).body)
    sent += json.dumps(release(app, {"text": comments_text(views, SLACK)}).body)
    assert "Wendell" not in sent and "wprasko" not in sent
