"""The chat guard leaves socialbot's own words alone (security review, finding 10): the
approvers' names, "the daemon", the revision code in the copyable approve command, the
authorization's validity date. Text a person wrote is still redacted, even when it holds
the very same words. The stand-in screen over-flags on purpose, as the real one did."""

from __future__ import annotations

import json
import re
from types import SimpleNamespace

from dates_ahead import a_year_ahead
from test_daemon_helpers import AUTHOR
from test_web_support import new_post

from social_bot.approvals import VerifiedIdentity
from social_bot.chat.commands import approve_reply
from social_bot.chat.guard import post_for_chat, release
from social_bot.chat.ownwords import own, unmark
from social_bot.chat.render import SLACK, post_card, post_summary
from social_bot.consents import add_consent
from social_bot.dismissals import dismiss
from social_bot.posts import show_post
from social_bot.revision_code import shown_code

PATTERNS = (("name", r"Dana Whitfield|Luis Ortega|the daemon|Wendell Haskins"),
            ("phone", r"\d[\d ]{6,}\d"), ("identifier", r"\d{4}-\d{2}-\d{2}"))


def flagging(patterns):  # noqa: ANN001, ANN201
    """A stand-in screen that blocks every match of (category, regex) ``patterns``."""
    def screen(texts, context="post"):  # noqa: ANN001, ANN202
        return [[SimpleNamespace(category=category, start=m.start(), end=m.end(),
                                 text=m.group(), severity="block", score=0.9, rule="test",
                                 reason="flagged", redaction=f"[{category}]")
                 for category, pattern in patterns for m in re.finditer(pattern, body)]
                for body in texts]
    return screen


overflagging = flagging(PATTERNS)


def sent(app, text: str, blocks=None) -> str:  # noqa: ANN001
    body = {"text": text, **({"blocks": blocks} if blocks else {})}
    return json.dumps(release(app, body).body)


def test_the_approval_message_keeps_names_and_the_daemon(make_app) -> None:  # noqa: ANN001
    app = make_app(screener=overflagging)
    post_id = new_post(app, "Open house at the clinic on Saturday.")
    approve_reply(app, VerifiedIdentity("slack", "U01DANA"), post_id, None)
    reply = approve_reply(app, VerifiedIdentity("slack", "U02LUIS"), post_id, None)
    out = sent(app, reply.text)
    assert "approved by Dana Whitfield and Luis Ortega" in out
    assert "the daemon publishes it" in out and "\\ue000" not in out


def test_the_copyable_approve_command_and_the_code_survive(make_app) -> None:  # noqa: ANN001
    app = make_app(screener=overflagging)
    for _ in range(12):  # post 12: "approve 12 <code>" reads as a phone number more often
        post_id = new_post(app, "Flu clinic hours change next week.")
    detail = post_for_chat(show_post(app, post_id))
    code = shown_code(detail["revision"], detail["revision_hash"])
    out = sent(app, post_summary(detail, 2, SLACK), post_card(detail, 2))
    assert f"/socialbot approve {post_id} {code}" in out
    assert f"revision 1 (`{code}`)" in out


def test_an_authorization_line_shows_its_date_but_user_text_is_still_redacted(
        make_app) -> None:  # noqa: ANN001
    def screener(texts, context="post"):  # noqa: ANN001, ANN202
        found = overflagging(texts, context)
        for body, spans in zip(texts, found, strict=True):
            start = body.find("Odette Pruitt")
            if start >= 0:
                spans.append(SimpleNamespace(category="name", start=start, end=start + 13,
                                             text="Odette Pruitt", severity="block",
                                             score=0.9, rule="name+patient",
                                             reason="flagged",
                                             redaction="[patient name]"))
        return found

    app = make_app(screener=screener)
    cid = add_consent(app, AUTHOR, "Odette Pruitt", ["name"], a_year_ahead(), form_ref="tray 2")
    post_id = new_post(app, "Odette Pruitt thanks Dana Whitfield and the whole front desk.")
    dismiss(app, AUTHOR, post_id, "F1", "authorization", consent_id=cid,
            note="Dana Whitfield witnessed it 2026-11-20")
    detail = post_for_chat(show_post(app, post_id))
    out = sent(app, post_summary(detail, 2, SLACK), post_card(detail, 2))
    assert f"valid through {a_year_ahead()}" in out and "dismissed by Pat Author" in out
    assert "blocked_phi" in out and "thanks [patient name]" in out  # post redacted
    # The same name and a date typed by a person (the post, the note) are redacted.
    assert "Dana Whitfield" not in out and "2026-11-20" not in out


def test_marks_are_honoured_only_for_the_shapes_socialbot_writes() -> None:
    names = {"Dana Whitfield"}
    text, spans = unmark(f"by {own('Dana Whitfield')} for {own('Odette Pruitt')}", names)
    assert text == "by Dana Whitfield for Odette Pruitt"
    assert [text[a:b] for a, b in spans] == ["Dana Whitfield"]
    typed = "\ue000deadbeef\ue001Dana Whitfield\ue002deadbeef\ue003"  # a forged mark
    # not a mark: its characters show as U+FFFD, nothing next to them is lost (session 48)
    assert unmark(typed, names) == ("\ufffddeadbeef\ufffdDana Whitfield\ufffddeadbeef\ufffd", [])
    assert unmark(own("valid")[:5] + "x", names)[0] == "x"  # a mark cut by a length cap
