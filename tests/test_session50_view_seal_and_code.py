"""Session 50, an outside attack review's findings 4 and 5.

4. A "shown in full" row was keyed with the audit key, which every staff login holds: the
   author planted views of an edit nobody saw and the approvers' plain `approve ID` counted
   for it. A view now counts only with the chat door's seal (its vote key).
5. The typed code is 48 bits of an HMAC under that same key, and the schedule's seconds
   (never shown) gave the author room to grind an edit to the code of the revision the
   approvers read. A code matching two revisions is refused as ambiguous, a coded approve
   needs a view in full as a plain one does, and the schedule is stored to the minute.

"The door" is the App `make_app` builds (it holds the vote key, as the daemon does);
"staff" is an App on the same database and audit key whose login cannot read that key.
"""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from test_session46_policy2 import empty_url  # noqa: F401 - the fixture
from test_vote_seal import staff_app  # noqa: F401 - the fixture
from test_web_support import new_post

from social_bot import audit
from social_bot.approvals import VerifiedIdentity
from social_bot.chat import handle_command
from social_bot.chat.memory import record_view, was_shown
from social_bot.db.models import Approval
from social_bot.errors import Refused
from social_bot.posts import Staff, edit_post, prepare_draft, show_post
from social_bot.revision_code import detail_code
from social_bot.timefmt import show_time

DANA = VerifiedIdentity("slack", "U01DANA")
LUIS = VerifiedIdentity("slack", "U02LUIS")
AUTHOR = Staff("Pat Author", "pat")
FIRST = "Our clinic is closed on Monday for the holiday. See you Tuesday!"
SECOND = "Our clinic is open on Monday as usual. See you then!"


def _votes(app, post_id: int) -> int:  # noqa: ANN001
    with app.db.read() as session:
        return len(list(session.scalars(select(Approval).where(Approval.post_id == post_id))))


def test_a_view_planted_by_a_staff_login_does_not_count(make_app, staff_app) -> None:  # noqa: ANN001, F811
    """Finding 4's repro: both approvers read the first text, the author edits and marks the
    edit as shown to them from a CLI process; their plain approve must not count for it."""
    app = make_app()
    post_id = new_post(app, FIRST, shown_to=(DANA.label, LUIS.label))
    edit_post(app, AUTHOR, post_id, text=SECOND)
    edited = show_post(staff_app, post_id)["revision_hash"]
    for who in (DANA, LUIS):
        with contextlib.suppress(Refused):  # refused since session 50, writing nothing
            record_view(staff_app.db, who.label, post_id, edited)
        assert not was_shown(app.db, who.label, post_id, edited)
        reply = handle_command(app, who, f"approve {post_id}")
        assert not reply.ok and "not been shown" in reply.text
    assert _votes(app, post_id) == 0
    with app.db.read() as session:
        assert audit.verify(session).ok  # no row was written at all
    handle_command(app, DANA, f"show {post_id}")  # the door's own show seals the row
    assert handle_command(app, DANA, f"approve {post_id}").ok and _votes(app, post_id) == 1


def test_a_coded_approve_needs_a_view_in_full_as_a_plain_one_does(make_app) -> None:  # noqa: ANN001
    app = make_app()
    post_id = new_post(app, FIRST, shown_to=())
    code = detail_code(show_post(app, post_id))
    reply = handle_command(app, DANA, f"approve {post_id} {code}")
    assert not reply.ok and "not been shown" in reply.text and _votes(app, post_id) == 0
    handle_command(app, DANA, f"show {post_id}")
    assert handle_command(app, DANA, f"approve {post_id} {code}").ok
    assert _votes(app, post_id) == 1


def test_the_schedule_is_stored_to_the_minute_the_card_shows(make_app) -> None:  # noqa: ANN001
    app = make_app()
    day = (datetime.now(UTC) + timedelta(days=3)).date()
    at = f"{day.isoformat()}T09:00:15.585210+00:00"
    stored = prepare_draft(app, FIRST, ["linkedin"], at=at).content.scheduled_at
    assert stored == datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC)
    assert show_time(stored, "UTC") == f"{day.isoformat()} 09:00 UTC"


def test_a_schedule_stored_with_seconds_before_the_upgrade_shows_them() -> None:
    when = datetime(2026, 12, 9, 9, 0, 15, 585210, tzinfo=UTC)
    assert show_time(when, "UTC") == "2026-12-09 09:00:15.585210 UTC"
    assert show_time(when.replace(microsecond=0), "UTC") == "2026-12-09 09:00:15 UTC"


def test_views_keyed_before_the_upgrade_no_longer_count(empty_url) -> None:  # noqa: ANN001, F811
    """A row the session 47 code keyed with the audit key (as a staff login can key one)
    is not relied on after the upgrade: the approver runs `show` again. Down and up again."""
    import hashlib
    import hmac
    import json

    from conftest import TEST_KEYS
    from sqlalchemy import text
    from test_chat_view_keyed_review47 import down_and_up

    from social_bot.db.engine import Database
    from social_bot.db.migrate import upgrade
    from social_bot.db.models import utcnow

    db = Database(empty_url, audit_keys=TEST_KEYS)
    try:
        upgrade(db, "audit_consent")
        at, content_hash = utcnow(), "ab" * 32
        fields = json.dumps(["slack:U01DANA", 1, content_hash,
                             at.isoformat(timespec="microseconds")], ensure_ascii=False)
        mac = hmac.new(TEST_KEYS.current, b"socialbot chat view\0" + fields.encode(),
                       hashlib.sha256).hexdigest()
        with db.engine.begin() as conn:
            conn.execute(text("INSERT INTO chat_views (identity, post_id, content_hash, "
                              "shown_at, mac, key_id) VALUES ('slack:U01DANA', 1, :h, :t, "
                              ":m, :k)"), {"h": content_hash, "t": at, "m": mac,
                                           "k": TEST_KEYS.current_id})
        upgrade(db)
        assert not was_shown(db, "slack:U01DANA", 1, content_hash)
        down_and_up(db, "audit_consent")
    finally:
        db.dispose()
