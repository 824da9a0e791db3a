"""Session 52's newcomer walk-through (a fresh clone, the README followed as written): what it
found, each pinned here. The posts, comments and names are written for these tests.

0. An image post's coded approve, refused because the approver's login never read it with
   `post show`, reached the approver as "[identifier]" and nothing else: the refusal was
   not one of the guard's own (ownwords.REFUSALS) and the screen's learned look read it.
1. The CLI showed ":smile:" in a post as an emoji (rich's emoji codes), piped too, and an
   X error's "DELETE /2/tweets/:id:" as "/2/tweets/🆔": staff proof-read another text.
2. X lets an account delete only its own posts: the card of a flagged X reply offered
   Delete and `comments resolve --action delete` called the API, which answered 403.
3. Chat's `pending` list called the author, a policy name, "[patient name]", and showed
   a short post's whole line as "[identifier]".
"""

from __future__ import annotations

import json

import pytest
from test_chat_own_words import flagging
from test_cli_session48 import invoke  # noqa: F401 - the fixture
from test_comments_review import published_facebook_post
from test_daemon_helpers import AUTHOR
from test_session50_newcomer import PHI_FLAG, _comment_message, _flagged_comment
from test_session51_read_in_cli import _code, _post
from test_web_support import capture_fixture, chat_app_fixture  # noqa: F401 - fixtures

from social_bot.approvals import VerifiedIdentity
from social_bot.chat import handle_command
from social_bot.chat.guard import release
from social_bot.chat.ownwords import own, own_refusal, unmark
from social_bot.errors import UserError
from social_bot.posts import Staff, create_post, prepare_draft

DANA = VerifiedIdentity("mattermost", "dana")


# --- 0. the refusal of a coded approve reaches the approver ---------------------------------


def test_a_coded_approve_refusal_reaches_the_approver_whole(make_app) -> None:  # noqa: ANN001
    """The learned look read the refusal as an identifier: "[identifier]" was all it said."""
    app = make_app(screener=flagging((("other_id", r"revision \d+ was not read[^\n]*"),)))
    post_id = _post(app)  # too long for chat: approved with the code `post show` prints
    reply = handle_command(app, DANA, f"approve {post_id} {_code(app, post_id)}")
    assert not reply.ok
    sent = release(app, {"response_type": "ephemeral", "text": reply.text}, "mattermost")
    assert sent.body["text"] == (
        f"Refused: chat cannot show post {post_id} in full, and revision 1 was not read "
        f"under your login (dana): run `socialbot post show {post_id}` as yourself, then "
        "approve with the code it prints")


def test_only_a_login_the_policy_lists_passes_in_that_refusal() -> None:
    from social_bot.chat.ownwords import UNREAD_IN_CLI, login_entry  # new in session 52

    names = {"Dana Whitfield", login_entry("dana")}
    ours = "Refused: " + UNREAD_IN_CLI.format(post_id=3, revision=1, login="dana")
    assert unmark(own_refusal(ours), names) == (ours, [(0, len(ours))])
    other = "Refused: " + UNREAD_IN_CLI.format(post_id=3, revision=1, login="odile.brandt")
    assert unmark(own_refusal(other), names) == (other, [])
    # a login is taken in that slot only, never as a name of its own
    assert unmark(own("dana"), names) == ("dana", [])


# --- 1. rich's emoji codes ------------------------------------------------------------------


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_cli_shows_emoji_codes_as_written(make_app, invoke) -> None:  # noqa: ANN001, F811
    app = make_app()
    text = "New hours posted :smile: ask the desk for an :id: card"
    post_id = create_post(app, AUTHOR, prepare_draft(app, text, ["facebook"]))
    for args in (("post", "list"), ("post", "show", str(post_id))):
        result = invoke(app, *args)
        assert result.exit_code == 0
        assert text in result.stdout, args
        assert "😄" not in result.stdout and "🆔" not in result.stdout


# --- 2. X deletes only the account's own posts ----------------------------------------------


def test_an_x_flag_card_offers_no_delete(chat_app, capture):  # noqa: ANN001
    from social_bot.notify import deliver_outbox

    _flagged_comment(chat_app, "x")
    assert deliver_outbox(chat_app, capture.url, limit=10) == 2
    actions = next(b for b in _comment_message(capture)["blocks"]
                   if b["type"] == "actions")["elements"]
    assert [a["text"]["text"] for a in actions] == ["Keep", "Hide"]


class _Calls:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, platform: str) -> _Calls:
        self.calls.append(platform)
        return self

    def delete_comment(self, comment_id: str, **_: object) -> None:
        self.calls.append(f"delete {comment_id}")


def test_delete_on_x_is_refused_before_any_call_with_the_way_on(make_app, db):  # noqa: ANN001
    from social_bot.comments import resolve_comment
    from social_bot.db.models import Comment

    with db.write() as session:
        post = published_facebook_post(session)
        rows = [Comment(delivery_id=post.deliveries[0].id, post_id=post.id, platform=platform,
                        remote_id=f"{platform}-c9", author="Ari", text="my A1C is 9.2",
                        flags=PHI_FLAG, state="flagged") for platform in ("x", "facebook")]
        session.add_all(rows)
        session.flush()
        on_x, on_facebook = (row.id for row in rows)
    adapters = _Calls()
    with pytest.raises(UserError, match="x lets an account delete only its own posts, not "
                                        "someone's reply: hide it instead, or keep it"):
        resolve_comment(make_app(), "Dana Whitfield", on_x, "delete", adapters)
    assert adapters.calls == []
    resolve_comment(make_app(), "Dana Whitfield", on_facebook, "delete", adapters)
    assert adapters.calls == ["facebook", "delete facebook-c9"]


# --- 3. the pending list's author -----------------------------------------------------------


def _pending_sent(app) -> str:  # noqa: ANN001
    reply = handle_command(app, DANA, "pending")
    return json.dumps(release(app, {"text": reply.text}, "mattermost").body, ensure_ascii=False)


def test_the_pending_list_keeps_the_authors_policy_name(make_app) -> None:  # noqa: ANN001
    """The screen read "Mina Okafor: ... flu shots" as a patient with her care."""
    app = make_app(screener=flagging((("name", r"Mina Okafor|Odile Brandt"),)))
    create_post(app, Staff("Mina Okafor", "mina"),
                prepare_draft(app, "Flu shots all week at the clinic.", ["linkedin"]))
    assert "· 0/2 approvals · by Mina Okafor: Flu shots all week" in _pending_sent(app)
    # a recorded name the policy does not list is screened as before
    create_post(app, Staff("Odile Brandt", "odile"),
                prepare_draft(app, "Flu shots all week at the clinic.", ["linkedin"]))
    assert "Odile Brandt" not in _pending_sent(app)


def test_the_pending_list_screens_a_posts_words_apart_from_its_head(make_app) -> None:  # noqa: ANN001
    """The learned look read a short post's whole line, head and author with it, as an
    identifier: the approver got "[identifier]" in place of the post."""
    queued = make_app()  # the posts pass the screen when queued; chat's screen reads below
    first = create_post(queued, Staff("Mina Okafor", "mina"),
                        prepare_draft(queued, "See you Saturday", ["facebook", "x"]))
    create_post(queued, Staff("Mina Okafor", "mina"),
                prepare_draft(queued, "See you Saturday, Odile Brandt", ["facebook"]))
    sent = _pending_sent(make_app(screener=flagging((
        ("other_id", r"• #\d+ rev [^\n]*See you Saturday$"), ("name", r"Odile Brandt")))))
    assert (f"• #{first} rev 1 · facebook, x · 0/2 approvals · by Mina Okafor: "
            "See you Saturday\\n") in sent
    # a finding in a post's words is redacted there, as before
    assert "Odile Brandt" not in sent and "See you Saturday, \\\\[" in sent
