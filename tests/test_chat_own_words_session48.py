"""Own words by kind (session 48): the chat guard accepts a refusal's shape only on the
span `refused()` marks, and a card header's only on the span `post_header` makes, its
status one of the post's states. An own-words span of another kind (the author's recorded
name on a card) shaped like either is screened like any text. Before, every marked span
was accepted with any shape, so a name shaped like a header carried a patient's name in
its status slot past the guard (the second review of session 47: latent, no door today).
The stand-in screen flags the words it is told to, as the learned look did."""

from __future__ import annotations

import json

import pytest
from test_chat_own_words import flagging
from test_web_support import new_post

from social_bot.approvals import VerifiedIdentity
from social_bot.chat.commands import approve_reply
from social_bot.chat.guard import post_for_chat, release
from social_bot.chat.ownwords import own, own_refusal, unmark
from social_bot.chat.render import post_card
from social_bot.posts import Staff, create_post, prepare_draft, show_post

screen = flagging((("name", r"odile_brandt|Dana Whitfield"),))
CODE = "0123456789ab"
HEADER = f"*Post 7* · revision 1 (`{CODE}`) · "


def card_sent(app, author: str) -> str:  # noqa: ANN001
    """A pending post's Slack card, through the real render path, as the guard lets it go."""
    post_id = create_post(app, Staff(author, "pat"), prepare_draft(
        app, "Flu shots all week at the clinic.", ["linkedin"]))
    detail = post_for_chat(show_post(app, post_id))
    body = release(app, {"text": "", "blocks": post_card(detail, 2)}).body
    return json.dumps(body, ensure_ascii=False)


def test_an_authors_name_shaped_like_a_header_is_screened(make_app) -> None:  # noqa: ANN001
    """The header's status slot took any lowercase word: a patient's name fit in it."""
    app = make_app(screener=screen)
    out = card_sent(app, HEADER + "odile_brandt")
    assert "odile_brandt" not in out and "· [patient name]" in out
    # the card's own header, made by post_header, still goes out whole
    assert " · pending_approval" in out


def test_an_authors_name_shaped_like_a_refusal_is_screened(make_app) -> None:  # noqa: ANN001
    """The refusal's name slot takes a policy name; outside a refusal socialbot made, the
    name is screened as in any text a person chose (here an approver who shares a
    patient's name)."""
    app = make_app(screener=screen)
    out = card_sent(app, "Refused: Dana Whitfield has already approved this revision.")
    assert "Dana Whitfield" not in out and "Author: Refused: [patient name] has already" in out


def test_a_refusal_socialbot_made_keeps_the_approvers_name(make_app) -> None:  # noqa: ANN001
    app = make_app(screener=screen)
    dana = VerifiedIdentity("slack", "U01DANA")
    post_id = new_post(app, "Open house at the clinic on Saturday.")
    approve_reply(app, dana, post_id, None)
    out = release(app, {"text": approve_reply(app, dana, post_id, None).text}).body["text"]
    assert out == "Refused: Dana Whitfield has already approved this revision"


def test_each_mark_accepts_only_its_own_shapes() -> None:
    from social_bot.chat.ownwords import own_header
    from social_bot.domain import Status

    names = {"Dana Whitfield"}
    refusal = "Refused: Dana Whitfield has already approved this revision."
    header = HEADER + "pending_approval"
    assert unmark(own_refusal(refusal), names) == (refusal, [(0, len(refusal))])
    assert unmark(own_header(HEADER, Status.PENDING_APPROVAL), names) == (
        header, [(0, len(header))])
    for marked in (own(refusal), own(header), own_refusal(header)):
        assert unmark(marked, names)[1] == []
    # a header mark checks its shape too: the status must be one of the post's states
    assert unmark(own_header(HEADER, Status.HELD), names)[1] != []
    assert unmark(own_header("*Post 7* · revision 1 (`odile`) · ", Status.HELD), names)[1] == []


def test_a_header_takes_its_status_from_the_enum_only() -> None:
    from social_bot.chat.ownwords import own_header

    with pytest.raises(TypeError):
        own_header(HEADER, "odile_brandt")  # type: ignore[arg-type]
