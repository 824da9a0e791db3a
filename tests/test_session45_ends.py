"""Session 45, two loose ends.

1. `audit export -o FILE --force` over an earlier export renames two files. Before, a crash
   between the renames left the new FILE beside the old FILE.manifest, which verify-export
   read as a changed file. Now the old manifest goes first: a crash leaves no manifest.
2. The chat webhooks (outbox, response_url replies) and `connect`'s requests had only a
   per-read timeout, so a peer trickling its answer held them (a chat follow-up thread, the
   daemon's housekeeping) for as long as it chose. Now they share the adapters' total
   deadline (adapters._deadline). Each test trickles from a real 127.0.0.1 server: a short
   answer, one byte per 0.25 s (about 10 s on the old code), against a 2 s deadline.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator

import pytest
from test_session45_deadline import DEADLINE, SLACK, Trickler
from test_session45_export import add_records, export, lines, problems

from social_bot.audit_export import manifest_path
from social_bot.chat.guard import notice

# A whole, valid answer: the old code waited for every byte of it, then went on.
ANSWER = (b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n"
          b"{}")


# ---- 1. the export and its manifest, replaced together ----

def test_a_crash_between_the_two_renames_leaves_no_manifest_to_mislead(db, tmp_path,
                                                                         monkeypatch):
    add_records(db, 3)
    target = tmp_path / "trail.jsonl"
    export(db, target)
    assert problems(target) == []
    add_records(db, 2, start=3)
    real_replace, calls = os.replace, []

    def crash_after_the_first(src, dst) -> None:  # noqa: ANN001 - os.replace's arguments
        calls.append(dst)
        if len(calls) > 1:
            raise OSError("power cut between the two renames")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", crash_after_the_first)
    with pytest.raises(OSError, match="power cut"):
        export(db, target)
    monkeypatch.undo()
    assert len(lines(target)) == 5  # the new export is in place...
    # ...with no manifest (verify-export: "no manifest"), not the old one, which would name
    # the new file as changed
    assert not manifest_path(target).exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary left
    export(db, target)  # exported again, the pair verifies
    assert problems(target) == []


# ---- 2. a total deadline on the chat webhooks and connect's requests ----

@pytest.fixture
def trickler() -> Iterator[Trickler]:
    server = Trickler(ANSWER).start()
    yield server
    server.stop.set()


def _timed(call: Callable[[], object]) -> tuple[object, float]:
    began = time.monotonic()
    try:
        outcome: object = call()
    except Exception as exc:  # noqa: BLE001 - the test looks at what was raised
        outcome = exc
    return outcome, time.monotonic() - began


def test_a_chat_reply_to_a_trickling_response_url_ends_at_the_deadline(trickler, monkeypatch):
    from social_bot.web import asgi

    monkeypatch.setattr(asgi, "REPLY_DEADLINE", DEADLINE, raising=False)
    outcome, took = _timed(lambda: asgi.post_json(f"{trickler.url}/hooks/x",
                                                  notice("a reply"), timeout=1.0))
    assert outcome is False  # logged as failed, the follow-up thread free again
    assert took < DEADLINE + SLACK
    assert len(trickler.requests) == 1


def test_an_outbox_webhook_that_trickles_ends_at_the_deadline(trickler, monkeypatch):
    from social_bot import notify

    monkeypatch.setattr(notify, "WEBHOOK_DEADLINE", DEADLINE, raising=False)
    outcome, took = _timed(lambda: notify._post(f"{trickler.url}/services/T/B/secret",
                                                notice("a message"), 1.0))
    assert isinstance(outcome, notify.WebhookError)
    assert "ReadTimeout" in str(outcome) or "Deadline" in str(outcome)
    assert "secret" not in str(outcome)  # the webhook's path stays out of the message
    assert took < DEADLINE + SLACK


def test_connects_token_refresh_against_a_trickling_server_ends_at_the_deadline(
        trickler, monkeypatch):
    from social_bot.accounts import connect
    from social_bot.accounts.store import Credential
    from social_bot.errors import UserError

    monkeypatch.setattr(connect, "DEADLINE", DEADLINE, raising=False)
    env = {"LINKEDIN_CLIENT_ID": "client-id", "LINKEDIN_CLIENT_SECRET": "client-secret-4711",
           "LINKEDIN_AUTH_BASE": trickler.url, "SOCIALBOT_SANDBOX": "1"}
    credential = Credential(platform="linkedin", values={"LINKEDIN_ACCESS_TOKEN": "t"},
                            refresh_token="refresh-token-0815")
    outcome, took = _timed(lambda: connect.refresh_linkedin(env, credential))
    assert isinstance(outcome, UserError)  # one line, no traceback
    assert "client-secret-4711" not in str(outcome) and "refresh-token-0815" not in str(outcome)
    assert took < DEADLINE + SLACK


def test_connects_plain_requests_against_a_trickling_server_end_at_the_deadline(
        trickler, monkeypatch):
    from social_bot.accounts import connect
    from social_bot.errors import UserError

    monkeypatch.setattr(connect, "DEADLINE", DEADLINE, raising=False)
    outcome, took = _timed(lambda: connect.x_whoami(trickler.url, "key", "secret-1234",
                                                    "token-5678", "token-secret"))
    assert isinstance(outcome, UserError)  # one line, exit 2
    assert str(outcome) == "x: who am I: DeadlineExceeded"
    assert took < DEADLINE + SLACK
    # an organization's name is only decoration: it falls back, within the deadline too
    name, took = _timed(lambda: connect._li_org_name(trickler.url, {}, "42"))
    assert name == "organization 42"
    assert took < DEADLINE + SLACK
