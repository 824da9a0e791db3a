"""socialbot's own words in chat, second look (an outside review, session 47): the header of
a scheduled post's card, a refusal naming an approver, the refusal of a typed reason and the
note on a post that changed were redacted by the learned look. The stand-in screen flags
them the way it did (whole lines and sentences); typed text is still redacted."""

from __future__ import annotations

import json

from dates_ahead import a_year_ahead
from test_chat_own_words import flagging
from test_web_support import new_post

from social_bot.approvals import VerifiedIdentity
from social_bot.chat.commands import approve_reply, handle_command, refused, reject_reply
from social_bot.chat.guard import post_for_chat, release
from social_bot.chat.render import post_card
from social_bot.posts import show_post
from social_bot.revision_code import shown_code

LINES = (("other_id", r"\*Post \d+\* · [^\n]*"),            # a card's header, whole
         ("name", r"Dana Whitfield|Odile Brandt"),
         ("name", r"the place for patient"),
         ("other_id", r"before voting\. Post \d+ changed"),   # runs over two sentences
         ("ssn", r"SSN-LIKE"))


learned_like = flagging(LINES)


def sent(app, text: str = "", blocks=None) -> str:  # noqa: ANN001
    body = {"text": text, **({"blocks": blocks} if blocks else {})}
    return json.dumps(release(app, body).body, ensure_ascii=False)


DANA = VerifiedIdentity("slack", "U01DANA")


def test_a_scheduled_posts_card_header_survives(make_app) -> None:  # noqa: ANN001
    from social_bot.posts import Staff, create_post, prepare_draft

    app = make_app(screener=learned_like)
    post_id = create_post(app, Staff("Pat Author", "pat"), prepare_draft(
        app, "Parking lot closed Saturday morning.", ["linkedin"],
        at=f"{a_year_ahead(1, 9)}T15:00Z"))
    detail = post_for_chat(show_post(app, post_id))
    out = sent(app, blocks=post_card(detail, 2))
    code = shown_code(detail["revision"], detail["revision_hash"])
    assert f"*Post {post_id}* · revision 1 (`{code}`) · pending_approval" in out
    assert "[other_id]" not in out


def test_a_refusal_keeps_the_approvers_name(make_app) -> None:  # noqa: ANN001
    app = make_app(screener=learned_like)
    post_id = new_post(app, "Open house at the clinic on Saturday.")
    approve_reply(app, DANA, post_id, None)
    out = sent(app, approve_reply(app, DANA, post_id, None).text)
    assert "Refused: Dana Whitfield has already approved this revision" in out


def test_a_refusal_shape_with_a_name_not_on_the_policy_is_redacted(make_app) -> None:  # noqa: ANN001
    app = make_app(screener=learned_like)
    out = sent(app, refused("Odile Brandt has already approved this revision").text)
    assert "Odile Brandt" not in out and "[patient name]" in out


def test_the_typed_reason_refusal_keeps_its_words_but_not_the_typed_text(
        make_app) -> None:  # noqa: ANN001
    app = make_app(screener=learned_like)
    post_id = new_post(app, "Open house at the clinic on Saturday.")
    reply = reject_reply(app, DANA, post_id, "Dana Whitfield asked, SSN-LIKE", None)
    out = sent(app, reply.text)
    assert "Chat is not the place for patient details" in out
    # the typed part is still screened: the name and the identifier in it are redacted
    assert "e.g.: [patient name] asked, [" in out and "SSN-LIKE" not in out


def test_the_changed_post_note_survives(make_app) -> None:  # noqa: ANN001
    from social_bot.posts import Staff, edit_post

    app = make_app(screener=learned_like)
    post_id = new_post(app, "Open house at the clinic on Saturday.")
    old = show_post(app, post_id)["revision_hash"]
    edit_post(app, Staff("Pat Author", "pat"), post_id, "Open house at the clinic on Sunday.")
    out = sent(app, approve_reply(app, DANA, post_id, old).text)
    assert f"before voting. Post {post_id} changed since you saw it; this is the new" in out
    assert "[other_id]" not in out


def test_a_typed_command_cannot_pass_as_a_refusal(make_app) -> None:  # noqa: ANN001
    app = make_app(screener=learned_like)
    reply = handle_command(app, DANA, "Refused: Dana Whitfield has already approved this")
    assert "Dana Whitfield" not in sent(app, reply.text)


def test_a_refusal_shaped_own_span_carries_only_counts(make_app) -> None:  # noqa: ANN001
    """The typed-reason refusal's summary slot holds counts of redaction kinds only: an
    own-words span shaped like that refusal, with a name and a record number where the
    counts go, is screened like any text (the second review's latent widening)."""
    from social_bot.chat.ownwords import own

    app = make_app(screener=flagging((("name", r"Odile Brandt"), ("other_id", r"MRN \d+"))))
    shaped = ("Refused: the author looks like it names a patient or other identifier "
              "({}), so it was not recorded. Chat is not the place for patient details; "
              "reword it without them, e.g.: ")
    leaked = sent(app, "Author: " + own(shaped.format("Odile Brandt MRN 4471823, diabetes")))
    assert "Odile Brandt" not in leaked and "4471823" not in leaked
    counts = sent(app, own(shaped.format("1 patient name, 2 record number")))
    assert "(1 patient name, 2 record number)" in counts
