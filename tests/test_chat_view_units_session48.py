"""What an approver reads in chat is the post as it will go out (a newcomer's walk-through,
session 48). Each post's text is screened as its own unit (a finding in one post never
redacts another post's line), socialbot's labels and refusals are own words by kind, and
what is flagged stays redacted. Through the real render path with the stand-in screens of
the other chat tests (team-written examples: fit, not accuracy), and once with the real
screen."""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from dates_ahead import a_year_ahead
from test_chat_own_words import flagging
from test_daemon_helpers import AUTHOR
from test_web_support import new_post

from social_bot.approvals import VerifiedIdentity
from social_bot.chat.commands import HELP, approve_reply, handle_command
from social_bot.chat.guard import POLICY_UNUSABLE, post_for_chat, release
from social_bot.chat.ownwords import CUT_LABEL, own, unit, units, unmark
from social_bot.chat.render import MATTERMOST, SLACK, pending_text, post_card, post_summary
from social_bot.consents import add_consent
from social_bot.dismissals import dismiss
from social_bot.posts import Staff, create_post, list_posts, prepare_draft, show_post

DANA, LUIS = VerifiedIdentity("slack", "U01DANA"), VerifiedIdentity("slack", "U02LUIS")
HEALTH = "chemotherapy"


def in_health_context(texts, context="post"):  # noqa: ANN001, ANN202
    """A stand-in for the learned look: where the text it reads speaks of someone's health,
    a capitalised first name and a weekday read as a patient's name and a visit date."""
    out = []
    for body in texts:
        found = []
        if HEALTH in body:
            for category, pattern in (("name", r"\b(?:Odile|Pat)\b"),
                                      ("date", r"\bSaturday\b")):
                found += [SimpleNamespace(category=category, start=m.start(), end=m.end(),
                                          text=m.group(), severity="block", score=0.9,
                                          rule="test", reason="flagged",
                                          redaction=f"[{category}]")
                          for m in re.finditer(pattern, body)]
        out.append(found)
    return out


def sent(app, text: str) -> str:  # noqa: ANN001
    return release(app, {"text": text}).body["text"]


def health_post(app) -> int:  # noqa: ANN001
    """A pending post about a patient's health: her name dismissed on her authorization."""
    cid = add_consent(app, AUTHOR, "Odile Brandt", ["name", "story"], a_year_ahead(),
                      form_ref="tray 2")
    post_id = create_post(app, Staff("Pat Manager", "pat"), prepare_draft(
        app, f"Odile Brandt finished her {HEALTH} with us.", ["linkedin"]))
    for finding in show_post(app, post_id)["findings"]:
        dismiss(app, AUTHOR, post_id, finding["ref"], "authorization", consent_id=cid)
    return post_id


def test_pending_screens_each_post_on_its_own(make_app) -> None:  # noqa: ANN001
    """Main screened the whole list at once: the clean post's author and day were redacted
    because the post listed under it is about a patient's health."""
    app = make_app(screener=in_health_context)
    create_post(app, Staff("Pat Manager", "pat"), prepare_draft(
        app, "Our flu shot clinic is open Saturday.", ["linkedin"]))
    health_post(app)
    rows = list_posts(app, status="pending_approval", limit=25)
    out = sent(app, pending_text(rows, 2, SLACK))
    assert "by Pat Manager: Our flu shot clinic is open Saturday." in out
    # the post about a patient's health: its words are still redacted; since session 52
    # they are screened apart from the row's head and author, whose name the patient's
    # health beside it made "[patient name] Manager" (the newcomer walk-through)
    assert f"by Pat Manager: [patient name] Brandt finished her {HEALTH}" in out


def test_a_posts_finding_never_redacts_the_cards_labels(make_app) -> None:  # noqa: ANN001
    """Mattermost shows a card as one text: main turned its labels into "[patient name]
    before you vote:" and "[patient name] as it will be published:"."""
    app = make_app(screener=flagging((("name", r"Odile Brandt|Text|Dismissed by the author "
                                       r"\(1\), check"),)))
    post_id = health_post(app)
    detail = post_for_chat(show_post(app, post_id), app)
    out = sent(app, post_summary(detail, 2, MATTERMOST))
    assert "Dismissed by the author (1), check before you vote:" in out
    # the text is redacted (the dismissed name), so since session 51 its label says so
    assert f"\n{CUT_LABEL}\n" in out
    # the patient's name is not cleared for chat (since session 49 a dismissed span is
    # redacted before the card is escaped, so Mattermost gets its brackets escaped)
    assert "Odile" not in out and "> \\[patient name\\] finished her" in out


def test_a_second_release_vote_is_refused_with_the_approvers_name(make_app) -> None:  # noqa: ANN001
    app = make_app(screener=flagging((("name", r"Dana Whitfield"),)))
    post_id = new_post(app, "Open house at the clinic on Saturday.")
    approve_reply(app, DANA, post_id, None)
    approve_reply(app, LUIS, post_id, None)
    handle_command(app, DANA, f"hold {post_id} wrong photo")
    handle_command(app, DANA, f"release {post_id}")
    reply = handle_command(app, DANA, f"release {post_id}")
    assert sent(app, reply.text) == "Refused: Dana Whitfield has already released this revision"


def test_the_media_line_says_image(make_app) -> None:  # noqa: ANN001
    app = make_app(screener=flagging((("photo", r"image"), ("name", r"Odile Brandt"))))
    post_id = new_post(app, "Flu shots all week at the clinic.")
    detail = post_for_chat(show_post(app, post_id), app)
    detail["media"] = [{"type": "jpeg", "width": 800, "height": 600, "size": 120_000,
                        "alt": "Odile Brandt at the front desk", "removed": ["GPS position"]}]
    out = sent(app, post_summary(detail, 2, SLACK))
    assert "Media: 1 image(s): JPEG 800x600, 120 kB (removed: GPS position)" in out
    # the alt text is a person's words, screened as before
    assert "[patient name] at the front desk" in out and "Odile" not in out


def test_a_policy_file_that_cannot_be_used_is_said_so(make_app, tmp_path, caplog) -> None:  # noqa: ANN001
    from dataclasses import replace

    from test_chat_own_words import overflagging

    app = make_app(screener=overflagging)
    post_id = new_post(app)
    bad = tmp_path / "one-approver.toml"
    bad.write_text('[approval]\nrequired = 2\napprovers = [{ name = "Dana Whitfield", '
                   'slack_id = "U01DANA" }]\n', encoding="utf-8")
    app.settings = replace(app.settings, policy_path=bad)
    app._policy = None  # the file, as the daemon reads it
    with caplog.at_level(logging.ERROR, logger="social_bot.chat.guard"):
        for command in (f"show {post_id}", f"approve {post_id}"):
            reply = handle_command(app, DANA, command)
            assert release(app, reply.as_slack()).body == {
                "response_type": "ephemeral", "text": POLICY_UNUSABLE}
    assert "one-approver.toml" not in POLICY_UNUSABLE
    assert "lists 1 approver(s) but 2 approvals are required" in caplog.text


def test_the_schedule_reads_as_readme_shows_it(make_app) -> None:  # noqa: ANN001
    app = make_app(screener=flagging((("date", r"\d{4}-\d{2}-\d{2}"),)))
    # a day ahead of the clock, so the schedule is never in the past when the test runs
    when = (datetime.now(UTC) + timedelta(days=1)).replace(hour=4, minute=10, second=0,
                                                           microsecond=0)
    post_id = create_post(app, Staff("Pat Author", "pat"), prepare_draft(
        app, "Flu shots all week at the clinic.", ["linkedin"], at=when.isoformat()))
    detail = post_for_chat(show_post(app, post_id), app)
    body = release(app, {"text": post_summary(detail, 2, SLACK),
                         "blocks": post_card(detail, 2)}).body
    out = json.dumps(body, ensure_ascii=False)
    shown = f"Platforms: linkedin · Schedule: {when:%Y-%m-%d} 04:10 UTC"
    assert out.count(shown) == 2
    assert "T04:10" not in out


def test_help_and_the_docs_name_the_approve_argument_alike() -> None:
    from pathlib import Path

    line = next(line for line in HELP.splitlines() if "approve ID" in line)
    syntax = line.split("`")[1]
    assert syntax == "/socialbot approve ID [CODE]"
    assert syntax in Path(__file__).parents[1].joinpath("docs/chat.md").read_text("utf-8")


def test_a_unit_narrows_what_is_read_and_accepts_nothing() -> None:
    names = {"Dana Whitfield"}
    text = "head\n" + unit(f"by {own('Dana Whitfield')}: Odile") + "\ntail"
    assert [unmark(piece, names)[0] for piece in units(text)] == [
        "head\n", "by Dana Whitfield: Odile", "\ntail"]
    # a unit typed by a person (no nonce) is no unit; its characters show as U+FFFD
    forged = "\ue007deadbeef\ue008Odile\ue009deadbeef\ue00a"
    assert units(forged) == [forged]
    assert unmark(forged, names) == ("\ufffddeadbeef\ufffdOdile\ufffddeadbeef\ufffd", [])


@pytest.mark.slow
def test_pending_with_the_real_screen(make_app) -> None:  # noqa: ANN001
    """The walk-through's list, with the real screen: the clean post goes out whole."""
    app = make_app(screener=None)
    create_post(app, Staff("Pat Manager", "pat"), prepare_draft(
        app, "Our flu shot clinic is open Saturday.", ["linkedin"]))
    cid = add_consent(app, AUTHOR, "Maria Gonzalez", ["name", "story"], a_year_ahead(),
                      form_ref="tray 2")
    post_id = create_post(app, Staff("Pat Manager", "pat"), prepare_draft(
        app, "Maria Gonzalez finished her chemotherapy at our clinic and rang the bell!",
        ["linkedin"]))
    for finding in show_post(app, post_id)["findings"]:
        dismiss(app, AUTHOR, post_id, finding["ref"], "authorization", consent_id=cid)
    out = sent(app, handle_command(app, DANA, "pending").text)
    assert "by Pat Manager: Our flu shot clinic is open Saturday." in out
    assert "Maria Gonzalez" not in out  # not cleared in a list: stays redacted
