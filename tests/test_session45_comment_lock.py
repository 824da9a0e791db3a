"""Session 45: the per-comment decision lock (social_bot/comment_lock.py), attacked.

1. Two people deciding one comment at once: the second waited for the first's platform call,
   then applied its own over it (a keep undid a hide a second after it landed) and both
   were told they had won; after a delete the second was told "now deleted (by <them>)".
2. An old chat card's button (the comment decided by someone else, or edited on the
   platform since the card was posted) applied to what its clicker never saw: a keep
   clicked on the harmless words unhid the PHI they were edited to.
3. An edit stored while a person's keep was on its way to the platform: the keep was
   recorded over the edit's judgement (kept, visible, out of every queue).
4. `<db>.locks` planted by someone else (a symlink, another account's folder): every lock
   lived where they could hold it; the policy's hide then stood aside, silently, for ever.

Real HTTP to the sandbox, both databases; every wait is bounded. Each test but the last
two fails on the code before this session; those two pin what the lock already did (a
wait is bounded; a killed holder lets go).
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import requests
from test_session44_comments import (
    CONFIG,
    _comment,
    _on_platform,
    _pending_hide,
    _row,
    _world,
)

from social_bot import audit, comments
from social_bot.approvals import VerifiedIdentity
from social_bot.chat.actions import handle_action
from social_bot.chat.commands import handle_command
from social_bot.chat.guard import comment_for_chat
from social_bot.chat.render import COMMENT_ACTION, comment_card
from social_bot.comment_lock import Busy, decision_lock
from social_bot.comments import list_comments, resolve_comment
from social_bot.daemon.monitor import Monitor, PollResult
from social_bot.db.models import AuditRecord
from social_bot.errors import Refused, UserError
from social_bot.sandbox import sandbox_env

DANA, LUIS = "Dana Whitfield", "Luis Ortega"
ASKING = "Does the east entrance have a ramp for strollers these days?"
EDITED_TO = "Renata Vukovic from the third floor said her biopsy came back malignant, so sad"
EVERY_POLL = 1e-6  # seconds: every poll re-reads Facebook's comments for edits
SECONDS = 20  # the most any step of these tests waits


class Held:
    """An adapter whose hide, unhide and delete wait, mid-call, until the test lets go."""

    def __init__(self, real: Any) -> None:
        self.real, self.in_call, self.go_on = real, threading.Event(), threading.Event()

    def __getattr__(self, name: str) -> Any:
        call = getattr(self.real, name)
        if name not in ("hide_comment", "unhide_comment", "delete_comment"):
            return call

        def held(*args: Any, **kwargs: Any) -> Any:
            self.in_call.set()
            assert self.go_on.wait(SECONDS)
            return call(*args, **kwargs)

        return held


def _in_thread(fn: Any) -> tuple[threading.Thread, list[Any]]:
    """``fn()`` started in a thread; its result or exception lands in the list."""
    out: list[Any] = []

    def run() -> None:
        try:
            out.append(fn())
        except Exception as exc:  # noqa: BLE001 - the test reads it
            out.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, out


def _trail(app: Any, comment_id: int) -> list[tuple[str, str]]:
    """(action, actor) of the comment's records after it was flagged."""
    with app.db.read() as session:
        rows = session.query(AuditRecord).order_by(AuditRecord.id).all()
        found = []
        for r in rows:
            detail = json.loads(r.detail) if isinstance(r.detail, str) else (r.detail or {})
            if detail.get("comment_id") == comment_id and r.action != "comment.flagged":
                found.append((r.action, r.actor))
        assert audit.verify(session).ok
    return found


# --- 1. two people at once ------------------------------------------------------------------


@pytest.mark.parametrize(("first", "second"),
                         [("hide", "keep"), ("hide", "delete"), ("delete", "keep")])
def test_the_second_of_two_decisions_at_once_is_told_and_undoes_nothing(
        make_app, sandbox, monkeypatch, first, second):
    """Dana's decision is on its way to Facebook when Luis decides otherwise. Before: Luis
    waited, then applied his over hers (or, after her delete, was told "now deleted (by
    Luis Ortega)"), and both were told theirs stood. Now Luis is told in one line that
    Dana decided first and his was not applied; platform, row and audit trail agree."""
    app, adapter_for, row = _pending_hide(make_app, sandbox, monkeypatch)
    held = Held(adapter_for("facebook"))
    dana, _ = _in_thread(lambda: resolve_comment(app, DANA, row.id, first,
                                                 adapters=lambda _name: held))
    assert held.in_call.wait(SECONDS)
    luis, said = _in_thread(lambda: resolve_comment(app, LUIS, row.id, second,
                                                    adapters=adapter_for,
                                                    keep_reason="not_phi"))
    luis.join(0.5)
    assert luis.is_alive()  # waiting for Dana's call, under the lock
    held.go_on.set()
    dana.join(SECONDS)
    luis.join(SECONDS)
    assert not dana.is_alive() and not luis.is_alive()
    assert len(said) == 1 and isinstance(said[0], Refused), said
    line = str(said[0])
    assert "\n" not in line and DANA in line and f"your {second} was not applied" in line
    now, remote = _row(app, row.id), _on_platform(sandbox, row.remote_id)
    assert now.resolved_by == DANA and now.state == {"hide": "hidden",
                                                     "delete": "deleted"}[first]
    assert now.hidden_on_platform == bool(remote["hidden"]) == (first == "hide")
    assert bool(remote["deleted"]) == (first == "delete")
    assert _trail(app, row.id)[-2:] == [(f"comment.{now.state}", DANA),
                                        ("comment.action_superseded", LUIS)]


# --- 2. an old card's button ----------------------------------------------------------------


def _click(app: Any, user: str, action: str, value: str) -> str:
    """A comment button clicked in Slack by ``user``; the answer that follows."""
    first = handle_action(app, VerifiedIdentity("slack", user), COMMENT_ACTION + action,
                          value)
    assert first.later is not None, first.text
    return first.later().text


def _card_value(app: Any, comment_id: int) -> str:
    view = next(c for c in list_comments(app) if c["id"] == comment_id)
    actions = [b for b in comment_card(comment_for_chat(app, [view])[0])
               if b["type"] == "actions"]
    return actions[0]["elements"][0]["value"]


def test_an_old_cards_button_after_another_persons_decision(make_app, sandbox, monkeypatch):
    """Dana hid the comment from the card; Luis clicks on the same card as it was posted.
    Before: his Hide said "now hidden (by Luis Ortega)" and took the decision over; his
    Keep unhid it. Now Hide says Dana hid it, and Keep is refused, saying so."""
    app, adapter_for, row = _pending_hide(make_app, sandbox, monkeypatch)
    monkeypatch.setattr(comments, "_default_adapters", lambda _app: adapter_for)
    posted = _card_value(app, row.id)
    assert "hidden" in _click(app, "U01DANA", "hide", posted)
    assert _click(app, "U02LUIS", "hide", posted) == \
        f"Comment {row.id} is now hidden (by {DANA})."
    said = _click(app, "U02LUIS", "keep", posted)
    assert f"{DANA} decided it (hidden) since you looked; your keep was not applied" in said
    assert _row(app, row.id).resolved_by == DANA
    assert _on_platform(sandbox, row.remote_id)["hidden"]
    fresh = _card_value(app, row.id)  # the card as it stands now still works: flagged
    # phi, its Keep asks for the command with a reason (session 48), which keeps it
    assert f"/socialbot resolve {row.id} keep WHY" in _click(app, "U02LUIS", "keep", fresh)
    assert _on_platform(sandbox, row.remote_id)["hidden"]
    typed = handle_command(app, VerifiedIdentity("slack", "U02LUIS"),
                           f"resolve {row.id} keep not_phi")
    assert "is now kept" in typed.later().text
    assert not _on_platform(sandbox, row.remote_id)["hidden"]


def test_an_old_cards_keep_after_the_comment_was_edited_to_phi(make_app, sandbox, monkeypatch):
    """A card shows a harmless question; its writer edits it to name a patient and her
    diagnosis; the daemon re-reads it and hides it. Before: Keep on the old card unhid the
    new words and recorded them kept. Now it is refused; the comment stays hidden."""
    app, adapter_for, remote_post = _world(make_app, sandbox)
    remote = _comment(sandbox, "facebook", remote_post, ASKING)
    monitor = Monitor(app, adapter_for, "w1", replace(CONFIG, edit_sweep_interval=EVERY_POLL))
    monitor.run_platform("facebook")
    comment_id = next(c["id"] for c in list_comments(app) if c["text"] == ASKING)
    posted = _card_value(app, comment_id)
    monkeypatch.setattr(comments, "_default_adapters", lambda _app: adapter_for)
    answer = requests.patch(f"{sandbox.url}/_sandbox/comments/{remote}", timeout=5,
                            json={"text": EDITED_TO})
    assert answer.status_code < 400, answer.text
    monitor.run_platform("facebook")
    assert _row(app, comment_id).state == "hidden" and _on_platform(sandbox, remote)["hidden"]
    said = _click(app, "U01DANA", "keep", posted)
    assert "it was edited on facebook since you looked; your keep was not applied" in said
    now = _row(app, comment_id)
    assert now.state == "hidden" and now.resolved_by is None
    assert _on_platform(sandbox, remote)["hidden"]


def test_a_forged_mark_is_refused_as_any_malformed_button(make_app):
    app = make_app()
    for seen in ("x" * 16, "0" * 15, 7, ["0" * 16]):
        answer = handle_action(app, VerifiedIdentity("slack", "U01DANA"),
                               COMMENT_ACTION + "keep", json.dumps({"comment": 1, "seen": seen}))
        assert not answer.ok and answer.text.endswith("the button's value is not understood")


# --- 3. an edit while a person's keep is on its way ------------------------------------------


def test_an_edit_stored_while_a_keep_is_applied_is_not_recorded_kept(
        make_app, sandbox, monkeypatch):
    """The policy hid a comment; Dana's keep (an unhide) is on its way when its writer edits
    it to other PHI and the daemon stores the edit. Before: the keep was recorded over the
    edit (kept, by Dana, visible) and nothing would hide it again. Now it waits for the
    policy's hide as the edit judged it, Dana is told, and the next pass hides it."""
    app, adapter_for, row = _pending_hide(make_app, sandbox, monkeypatch)
    monitor = Monitor(app, adapter_for, "w1", replace(CONFIG, edit_sweep_interval=EVERY_POLL))
    assert monitor.hide("facebook", row.id, row.remote_id)
    held = Held(adapter_for("facebook"))
    dana, said = _in_thread(lambda: resolve_comment(app, DANA, row.id, "keep",
                                                    adapters=lambda _name: held,
                                                    keep_reason="not_phi"))
    assert held.in_call.wait(SECONDS)
    answer = requests.patch(f"{sandbox.url}/_sandbox/comments/{row.remote_id}", timeout=5,
                            json={"text": EDITED_TO})
    assert answer.status_code < 400, answer.text
    monitor.run_platform("facebook")
    assert _row(app, row.id).text == EDITED_TO
    held.go_on.set()
    dana.join(SECONDS)
    assert len(said) == 1 and isinstance(said[0], Refused), said
    assert "was edited on facebook while your keep was being applied" in str(said[0])
    now = _row(app, row.id)
    assert (now.state, now.resolved_by, now.hidden_on_platform) == ("hide_pending", None, False)
    assert not _on_platform(sandbox, row.remote_id)["hidden"]  # what the keep left
    monitor.retry_hides("facebook", PollResult("facebook"))
    assert _row(app, row.id).state == "hidden" and _on_platform(sandbox, row.remote_id)["hidden"]
    with app.db.read() as session:
        assert audit.verify(session).ok


# --- 4. the lock folder ---------------------------------------------------------------------


@pytest.mark.parametrize("planted", ["symlink", "another account's folder", "open to all"])
def test_a_lock_folder_planted_beside_the_database_is_one_clear_error(
        db, make_app, sandbox, monkeypatch, tmp_path, caplog, cli_env, planted):
    """Before: decisions took their flocks in whatever `<db>.locks` was there, so whoever
    planted it could hold them all: a person waited two minutes, and the policy's hide
    stood aside on every pass without a word. Now a person gets one line and nothing is
    applied; the daemon logs the same line each pass and the hide stays pending."""
    if not db.is_sqlite:
        pytest.skip("the lock folder is SQLite's; PostgreSQL uses advisory locks")
    app, adapter_for, row = _pending_hide(make_app, sandbox, monkeypatch)
    folder = Path(f"{app.db.engine.url.database}.locks")
    if folder.exists():
        for lock in folder.iterdir():
            lock.unlink()
        folder.rmdir()
    theirs = tmp_path / "theirs"
    theirs.mkdir(mode=0o777)
    if planted == "symlink":
        folder.symlink_to(theirs)
    else:
        folder.mkdir()
        if planted == "open to all":
            folder.chmod(0o777)
        elif os.geteuid() == 0:
            os.chown(folder, 4242, -1)
        else:
            pytest.skip("only root can make a folder another account owns")
    with pytest.raises(UserError) as refused:
        resolve_comment(app, DANA, row.id, "keep", adapters=adapter_for,
                        keep_reason="not_phi")
    line = str(refused.value)
    assert "\n" not in line and f"the lock folder {folder}" in line
    assert not list(theirs.iterdir())  # no lock file made where someone else can hold it
    cli = subprocess.run(  # the same line from `socialbot comments resolve`, exit 2
        [sys.executable, "-m", "social_bot", "comments", "resolve", str(row.id), "--action",
         "hide"], capture_output=True, text=True, timeout=120,
        env={**cli_env, **sandbox_env(sandbox.url, "sandbox"),
             "PYTHONPATH": str(Path(__file__).parents[1])})
    assert (cli.returncode, cli.stdout) == (2, "")
    assert cli.stderr.splitlines() == [f"error: {line}"]
    caplog.set_level(logging.WARNING)
    assert not Monitor(app, adapter_for, "w1", CONFIG).hide("facebook", row.id, row.remote_id)
    assert any(r.getMessage() == "comment.hide_failed" and "lock folder" in r.error
               for r in caplog.records)
    assert _row(app, row.id).state == "hide_pending"
    assert not _on_platform(sandbox, row.remote_id)["hidden"]


# --- what the lock already did: bounded waits, a killed holder lets go -----------------------


def test_a_wait_for_a_held_lock_ends_within_its_bound(db):
    """A decision stuck on the platform holds the lock: the next one waits at most its bound
    and is told Busy; the policy's (no wait) is told at once. A bound of 0 seconds on
    PostgreSQL waited for ever before (lock_timeout 0 is no limit)."""
    holding, done = threading.Event(), threading.Event()

    def hold() -> None:
        with decision_lock(db, 11):
            holding.set()
            done.wait(SECONDS)

    holder = threading.Thread(target=hold, daemon=True)
    holder.start()
    try:
        assert holding.wait(SECONDS)
        # (True, 0.0): PostgreSQL's lock_timeout of 0 meant "no limit", so it never ended
        for wait, bound in ((False, 0.0), (True, 0.3), (True, 0.0)):
            started = time.monotonic()
            with pytest.raises(Busy, match="comment 11: another decision"), \
                    decision_lock(db, 11, wait=wait, seconds=bound):
                pass
            assert time.monotonic() - started < bound + 5
        with decision_lock(db, 12, wait=False):  # another comment is not held up
            pass
    finally:
        done.set()
        holder.join(SECONDS)


HOLDER = """
import sys, time
from social_bot.comment_lock import decision_lock
from social_bot.db.engine import Database
with decision_lock(Database(sys.argv[1]), 21):
    print("held", flush=True)
    time.sleep(60)
"""


def test_a_holder_killed_mid_decision_lets_go(db):
    """`kill -9` of a process inside its decision: the flock (SQLite) or the session's
    advisory lock (PostgreSQL) goes with it, and the next decision proceeds."""
    here = str(Path(__file__).parents[1])
    process = subprocess.Popen([sys.executable, "-c", HOLDER, db.url], stdout=subprocess.PIPE,
                               text=True, env={**os.environ, "PYTHONPATH": here})
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == "held"
        with pytest.raises(Busy), decision_lock(db, 21, wait=False):
            pass
    finally:
        process.kill()
        process.wait(SECONDS)
    with decision_lock(db, 21, seconds=10):
        pass


# --- 5. a decision cut short between its platform call and its record ------------------------


class Killed(BaseException):
    """What a `kill -9` leaves: the call made, nothing after it run (no except clause)."""


def test_a_hide_after_a_keep_cut_short_hides_what_the_platform_shows(
        make_app, sandbox, monkeypatch):
    """The policy hid a comment; Dana's keep unhid it on Facebook and the process died
    before recording it, so the row still says hidden. Before: Luis's hide, seeing
    "hidden", made no call and recorded his decision while Facebook showed the comment.
    Now a hide is always sent, and both sides say hidden."""
    app, adapter_for, row = _pending_hide(make_app, sandbox, monkeypatch)
    assert Monitor(app, adapter_for, "w1", CONFIG).hide("facebook", row.id, row.remote_id)
    real = adapter_for("facebook")

    class DiesAfterCall:
        def __getattr__(self, name: str) -> Any:
            return getattr(real, name)

        def unhide_comment(self, remote_id: str) -> None:
            real.unhide_comment(remote_id)
            raise Killed

    with pytest.raises(Killed):
        resolve_comment(app, DANA, row.id, "keep", adapters=lambda _name: DiesAfterCall(),
                        keep_reason="not_phi")
    assert _row(app, row.id).hidden_on_platform
    assert not _on_platform(sandbox, row.remote_id)["hidden"]  # the record is stale now
    assert resolve_comment(app, LUIS, row.id, "hide", adapters=adapter_for)["state"] == "hidden"
    now = _row(app, row.id)
    assert now.hidden_on_platform and now.resolved_by == LUIS
    assert _on_platform(sandbox, row.remote_id)["hidden"]


def test_a_button_from_someone_off_the_approver_list_changes_nothing(
        make_app, sandbox, monkeypatch):
    """Held: a click from a Slack user the policy does not list is refused before anything
    is read or called, audited, and the comment stays as it was on both sides."""
    app, adapter_for, row = _pending_hide(make_app, sandbox, monkeypatch)
    monkeypatch.setattr(comments, "_default_adapters", lambda _app: adapter_for)
    answer = handle_action(app, VerifiedIdentity("slack", "U09EVE"), COMMENT_ACTION + "delete",
                           _card_value(app, row.id))
    assert not answer.ok and answer.later is None
    assert "not on this practice's approver list" in answer.text
    assert _trail(app, row.id) == []
    with app.db.read() as session:
        refusal = session.query(AuditRecord).order_by(AuditRecord.id.desc()).first()
    assert (refusal.action, refusal.actor) == ("chat.refused", "slack:U09EVE")
    assert _row(app, row.id).state == "hide_pending"
    remote = _on_platform(sandbox, row.remote_id)
    assert not remote["deleted"] and not remote["hidden"]
