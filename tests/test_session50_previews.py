"""A link outside allow_domains gets a preview card nobody screened (an outside review,
session 50, finding 6): `post show`, the chat `show` answer and the approval card say so
beside the text. No block: the screen's decisions are unchanged.

The texts are written for these tests."""

from __future__ import annotations

from types import SimpleNamespace

from test_cli_posts import run
from test_daemon_helpers import AUTHOR
from test_session50_invisible import DANA, TAGS

from social_bot import outbox
from social_bot.chat import handle_command
from social_bot.chat.guard import release
from social_bot.notify import render
from social_bot.posts import create_post, prepare_draft, show_post


def _url_screener(texts, context="post"):  # noqa: ANN001, ANN201
    """Stand-in screen: warns on the one link outside allow_domains, as the screen's
    contacts.urls does (rule "url")."""
    out = []
    for body in texts:
        at = body.find("https://example.net/flu")
        out.append([] if at < 0 else [SimpleNamespace(
            category="url", start=at, end=at + 23, text="https://example.net/flu",
            severity="warn", score=0.4, rule="url", reason="check this link",
            redaction="[link]")])
    return out


NOTE = "link preview not screened: example.net"


def test_a_link_outside_allow_domains_says_its_preview_is_unscreened(make_app) -> None:  # noqa: ANN001
    app = make_app(screener=_url_screener)
    post_id = create_post(app, AUTHOR, prepare_draft(
        app, "Flu clinic hours: https://example.net/flu", ["facebook"]))
    assert show_post(app, post_id)["status"] == "pending_approval"  # no block: a warning
    reply = handle_command(app, DANA, f"show {post_id}")
    card = render(app, outbox.PostPendingApproval(post_id=post_id))
    for body in (release(app, reply.as_slack()).body, release(app, reply.as_mattermost()).body,
                 release(app, card).body):
        assert NOTE in str(body)
    plain = create_post(app, AUTHOR, prepare_draft(app, "Flu clinic all week", ["facebook"]))
    assert "link preview" not in str(handle_command(app, DANA, f"show {plain}").as_slack())


def test_post_show_says_a_preview_is_unscreened_and_create_refuses_tags(cli_env) -> None:  # noqa: ANN001
    refused = run(cli_env, "post", "create", "--text", "Walk-ins welcome!" + TAGS,
                  "--platform", "x")
    assert refused.returncode == 2 and len(refused.stderr.strip().splitlines()) == 1
    assert "U+E0052" in refused.stderr
    made = run(cli_env, "post", "create", "--text",
               "Flu clinic hours and directions: https://example.net/flu", "--platform", "x")
    assert made.returncode == 0, made.stderr
    shown = run({**cli_env, "COLUMNS": "200"}, "post", "show", made.stdout.strip())
    assert NOTE in shown.stdout
