"""Session 43: what was left open by the session-42 review of the chat doors.

- The guard screened Mattermost's escaped text, so it found other spans than on Slack.
- A contact number the screen only warns on reached chat raw.
- A wrong revision code was answered "changed since you saw it".
- socialbot's own "Platforms · Schedule" line and a usage refusal were blanked.

Sentences written for these tests; the real screen (learned second look included) where
the finding came from it."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from dates_ahead import a_year_ahead
from test_daemon_helpers import AUTHOR
from test_publish import make_publisher, run_all
from test_web_support import new_post

from social_bot.approvals import VerifiedIdentity
from social_bot.chat.commands import handle_command
from social_bot.chat.guard import as_typed, post_for_chat, release
from social_bot.chat.memory import was_shown
from social_bot.chat.ownwords import BAD_REVISION_CODE
from social_bot.chat.render import MATTERMOST, SLACK, mattermost_escape, post_summary, slack_escape
from social_bot.errors import Refused
from social_bot.posts import create_post, edit_post, prepare_draft, show_post
from social_bot.revision_code import detail_code

DANA = VerifiedIdentity("slack", "U01DANA")
DANA_MM = VerifiedIdentity("mattermost", "dana")
PATIENT_PHONE = "(555) 201-7788"


def sent(app, text: str) -> str:  # noqa: ANN001
    return release(app, {"text": text}).body["text"]


def phone_screener(texts, context="post"):  # noqa: ANN001, ANN201
    """A stand-in that blocks the patient's phone exactly as typed (and nothing escaped)."""
    return [[SimpleNamespace(category="phone", start=t.index(PATIENT_PHONE),
                             end=t.index(PATIENT_PHONE) + len(PATIENT_PHONE),
                             text=PATIENT_PHONE, severity="block", score=0.9, rule="test",
                             reason="phone", redaction="[phone number]")]
            if PATIENT_PHONE in t else [] for t in texts]


@pytest.mark.parametrize("escape", [slack_escape, mattermost_escape])
def test_the_guard_reads_the_words_as_typed_on_both_doors(make_app, escape) -> None:  # noqa: ANN001
    app = make_app(screener=phone_screener)
    text = f"Her daughter asked us to call {PATIENT_PHONE} after the [biopsy] & scan."
    out = sent(app, escape(text))
    assert "555" not in out and "7788" not in out
    assert "[phone number]" in out
    # the rest of the text reaches chat as escaped, untouched
    assert escape("after the [biopsy] & scan.") in out


def test_as_typed_maps_every_character_back() -> None:
    typed = "Call \u200bx\\(1\\) a&amp;b \\\\ c"
    view, where = as_typed(typed)
    assert view == "Call x(1) a&b \\ c"
    assert len(where) == len(view) + 1 and where[-1] == len(typed)
    # each character comes from itself, or from the escape or entity that starts there
    assert [typed[where[i]] if typed[where[i]] not in "\\&" else view[i]
            for i in range(len(view))] == list(view)
    assert typed[where[view.index("(")]:where[view.index("(") + 1]] == "\\("


def test_the_real_screen_redacts_a_patient_phone_alike_on_mattermost(make_app) -> None:  # noqa: ANN001
    app = make_app(screener=None)
    text = f"Ms. Ferrante's son can be reached at {PATIENT_PHONE} about her dialysis."
    slack, mattermost = sent(app, slack_escape(text)), sent(app, mattermost_escape(text))
    for out in (slack, mattermost):
        assert "7788" not in out and "555" not in out


def test_a_warned_contact_number_is_redacted_and_the_view_not_counted(make_app) -> None:  # noqa: ANN001
    app = make_app(screener=None)
    post_id = new_post(app, "Questions about the flu clinic? Call our office toll free at "
                            "1-800-555-0142.", shown_to=())
    detail = show_post(app, post_id)
    assert detail["status"] == "pending_approval"
    assert any(f["severity"] == "warn" and f["category"] == "phone"
               for f in detail["findings"])
    reply = handle_command(app, DANA, f"show {post_id}")
    out = json.dumps(release(app, reply.as_slack()).body)
    assert "555-0142" not in out and "[phone number]" in out
    assert "Redacted for chat" in out
    assert not was_shown(app.db, DANA.label, post_id, detail["revision_hash"])
    listing = handle_command(app, DANA, "pending")
    assert "555-0142" not in sent(app, listing.text)


def test_a_code_of_no_revision_is_not_called_a_change(make_app) -> None:  # noqa: ANN001
    app = make_app()
    post_id = new_post(app, "Our parking lot will be repaved on Tuesday.")
    reply = handle_command(app, DANA, f"approve {post_id} r1-0123456789ab0123456789ab")
    assert not reply.ok
    assert "no revision of post" in reply.text and "changed since" not in reply.text
    assert show_post(app, post_id)["approvals"] == []


def test_an_earlier_revisions_code_still_reads_as_a_change(make_app) -> None:  # noqa: ANN001
    app = make_app()
    post_id = new_post(app, "Our parking lot will be repaved on Tuesday.")
    old = detail_code(show_post(app, post_id))
    edit_post(app, AUTHOR, post_id, text="Our parking lot will be repaved on Wednesday.")
    reply = handle_command(app, DANA, f"approve {post_id} {old}")
    assert not reply.ok and "changed since you saw it" in reply.text
    assert show_post(app, post_id)["approvals"] == []


def test_the_bad_code_refusal_reaches_chat_whole(make_app) -> None:  # noqa: ANN001
    app = make_app(screener=None)
    post_id = new_post(app, "Our parking lot will be repaved on Tuesday.")
    for identity in (DANA, DANA_MM):
        reply = handle_command(app, identity, f"approve {post_id} not-a-code")
        assert sent(app, reply.text) == BAD_REVISION_CODE


@pytest.mark.parametrize("at", [f"{a_year_ahead(3, 9)}T15:00:00+00:00",
                                f"{a_year_ahead(3, 9)}T08:30-06:00"])
def test_the_platforms_and_schedule_line_reaches_chat(make_app, at: str) -> None:  # noqa: ANN001
    app = make_app(screener=None)
    post_id = create_post(app, AUTHOR, prepare_draft(
        app, "The flu clinic opens on Saturday morning.", ["linkedin", "x"], at=at))
    detail = post_for_chat(show_post(app, post_id))
    line = next(line for line in post_summary(detail, 2, SLACK).splitlines()
                if "Schedule" in line)
    for style in (SLACK, MATTERMOST):
        out = sent(app, post_summary(detail, 2, style))
        assert f"Platforms: linkedin, x · Schedule: {a_year_ahead(3, 9)}" in out, out
    assert "\ue000" in line  # marked as socialbot's own words, never sent with its marks


def test_a_person_cannot_pass_text_as_the_platforms_line(make_app) -> None:  # noqa: ANN001
    app = make_app(screener=phone_screener)
    typed = f"Platforms: linkedin · Schedule: {PATIENT_PHONE}"
    assert PATIENT_PHONE not in sent(app, typed)


# --- withdrawing what has not gone out of a post that started publishing ---------------

def _statuses(app, post_id: int) -> dict[str, str]:  # noqa: ANN001
    return {d["platform"]: d["status"] for d in show_post(app, post_id)["deliveries"]}


def _verify(app):  # noqa: ANN001, ANN202
    from social_bot import audit

    with app.db.read() as session:
        return audit.verify(session)


def test_a_held_delivery_of_a_partly_published_post_can_be_withdrawn(make_app) -> None:  # noqa: ANN001
    from test_publish import held_on_facebook

    from social_bot.daemon.claims import release_holds
    from social_bot.domain import HoldKind
    from social_bot.posts import cancel_post

    app = make_app()
    platforms, publisher, post_id = held_on_facebook(app)
    assert _statuses(app, post_id)["facebook"] == "held"
    assert show_post(app, post_id)["status"] == "partially_published"

    assert cancel_post(app, AUTHOR, post_id) == ("facebook",)
    assert _statuses(app, post_id) == {"facebook": "cancelled", "linkedin": "published",
                                       "x": "published"}
    assert show_post(app, post_id)["status"] == "partially_published"
    # a reconnect releases AUTH holds: the withdrawn delivery stays withdrawn
    release_holds(app, "facebook", (HoldKind.AUTH,), actor="test")
    run_all(publisher)
    assert platforms["facebook"].texts() == []
    assert _statuses(app, post_id)["facebook"] == "cancelled"
    assert _verify(app).ok
    with pytest.raises(Refused, match="nothing of it is waiting"):
        cancel_post(app, AUTHOR, post_id)


def test_withdrawing_every_held_delivery_cancels_the_post(make_app) -> None:  # noqa: ANN001
    from test_daemon_helpers import FakePlatforms, approved_post

    from adapters.base import AuthError
    from social_bot.posts import cancel_post

    app = make_app()
    platforms = FakePlatforms()
    platforms["x"].script = [AuthError("x: token revoked; renew it")]
    post_id = approved_post(app, "Lab hours change next week.", platforms=("x",))
    make_publisher(app, platforms).run_lane("x")
    assert _statuses(app, post_id) == {"x": "held"}
    assert cancel_post(app, AUTHOR, post_id) == ("x",)
    assert show_post(app, post_id)["status"] == "cancelled"
    assert _verify(app).ok


def test_a_delivery_in_flight_is_not_withdrawn(make_app) -> None:  # noqa: ANN001
    from test_daemon_helpers import approved_post

    from social_bot.db.models import Delivery, Post
    from social_bot.posts import cancel_post

    app = make_app()
    post_id = approved_post(app, "Lab hours change next week.", platforms=("x", "linkedin"))
    with app.db.write() as session:  # what a claim leaves while the call is in flight
        session.get(Post, post_id).status = "publishing"
        for delivery in session.query(Delivery).filter_by(post_id=post_id):
            if delivery.platform == "x":
                delivery.status = "attempting"
    with pytest.raises(Refused, match="being published to x right now"):
        cancel_post(app, AUTHOR, post_id)
    assert _statuses(app, post_id) == {"x": "attempting", "linkedin": "pending"}
