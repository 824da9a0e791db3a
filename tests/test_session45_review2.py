"""Session 45, an outside review of two merged changes: the `policy.changed` trail record and
the total request deadline. Each test replays one attack and failed on the code before its fix.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

# -- two processes, two policy files: the trail names the policy each vote was counted under ----

EVE = ('  { name = "Eve Marlow", slack_id = "U09EVE", mattermost_id = "eve", '
       'os_user = "eve" },\n')


@pytest.fixture
def process(db, tmp_path, monkeypatch):
    """An App reading its own policy file, as a chat server or a daemon does."""
    from conftest import TEST_AUDIT_KEY, keyword_screener

    from social_bot import policy_watch
    from social_bot.app import App
    from social_bot.settings import load_settings

    monkeypatch.setattr(policy_watch, "CHECK_EVERY", 0.0)

    def build(policy: Path) -> App:
        settings = load_settings({"SOCIALBOT_DATA_DIR": str(tmp_path / "data"),
                                  "DATABASE_URL": db.url, "SOCIALBOT_POLICY": str(policy),
                                  "SOCIALBOT_AUDIT_KEY": TEST_AUDIT_KEY}, dotenv=False)
        return App(settings, db=db, screener=keyword_screener,
                   validator=lambda platform, text, media: [])

    return build


def _policy_in_force_at_each_vote(app) -> list[str | None]:  # noqa: ANN001
    """For each approval.recorded, the sha256 the last policy.changed before it names."""
    from sqlalchemy import select

    from social_bot.db.models import AuditRecord

    named: str | None = None
    out: list[str | None] = []
    with app.db.read() as session:
        for row in session.scalars(select(AuditRecord).order_by(AuditRecord.seq)):
            if row.action == "policy.changed":
                named = json.loads(row.detail)["sha256"]
            elif row.action == "approval.recorded":
                out.append(named)
    return out


def _count(app, action: str) -> int:  # noqa: ANN001
    from sqlalchemy import func, select

    from social_bot.db.models import AuditRecord

    with app.db.read() as session:
        return session.scalar(select(func.count()).where(AuditRecord.action == action))


def test_two_processes_with_different_policies_each_vote_names_its_own(process, tmp_path,
                                                                       caplog):
    """A chat server started with one SOCIALBOT_POLICY and a daemon (or a second server) with
    another: each wrote its record once and then trusted its memory, so after the other's
    record every later vote of the first stood in the trail under the other's policy."""
    from conftest import POLICY_TOML
    from test_daemon_helpers import AUTHOR, DANA, LUIS

    from social_bot.approvals import approve
    from social_bot.posts import create_post, prepare_draft

    first, second = tmp_path / "a.toml", tmp_path / "b.toml"
    first.write_text(POLICY_TOML)
    second.write_text(POLICY_TOML.replace("]\n\n[phi]", EVE + "]\n\n[phi]"))
    digest = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in (first, second)}
    chat, daemon = process(first), process(second)
    posts = [create_post(chat, AUTHOR, prepare_draft(chat, f"Clinic closes at {h} today",
                                                     ["x"], None)) for h in (4, 5, 6)]
    approve(chat, DANA, posts[0])
    approve(daemon, DANA, posts[1])
    with caplog.at_level("WARNING", logger="socialbot.policy"):
        approve(chat, LUIS, posts[2])
    assert "another socialbot process is using a different policy file" in caplog.text
    approve(chat, LUIS, posts[0])
    assert _policy_in_force_at_each_vote(chat) == [
        digest[first], digest[second], digest[first], digest[first]]


def test_a_policy_that_did_not_change_is_not_written_again(process, policy_file):
    """The trail's head is looked at, not searched, at each vote: one record per change."""
    from test_daemon_helpers import AUTHOR, DANA, LUIS

    from social_bot.approvals import approve
    from social_bot.posts import create_post, prepare_draft

    app = process(policy_file)
    for hour in (7, 8, 9):
        post_id = create_post(app, AUTHOR, prepare_draft(app, f"Open at {hour} on Sunday",
                                                         ["x"], None))
        approve(app, DANA, post_id)
        approve(app, LUIS, post_id)
    assert _policy_in_force_at_each_vote(app) == \
        [hashlib.sha256(policy_file.read_bytes()).hexdigest()] * 6
    assert _count(app, "policy.changed") == 1
    from social_bot.audit import verify_database

    assert verify_database(app.db).ok
