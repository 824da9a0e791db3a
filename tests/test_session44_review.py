"""Session 44, an outside review of the merged change (reply posts, the consent registry,
the HTTP server, several daemons on PostgreSQL, the lead's trail-gap and credits changes).
Each test failed on the merged code before its fix."""

from __future__ import annotations

import pytest
from sqlalchemy import event
from test_session43_accounts_checks import _clean_environment, box  # noqa: F401

from social_bot import audit


def _append(db, action: str) -> None:  # noqa: ANN001
    with db.write() as session:
        audit.append(session, actor="test", action=action)


def test_a_record_written_while_the_trail_is_counted_is_not_a_gap(db) -> None:  # noqa: ANN001
    """`missing_after` read the head, the last seq and the count in three statements: on
    PostgreSQL (read committed) a record committed by another writer between them made the
    count one larger than the head it had read, -1 "missing", which is true in Python: the
    claim then sent an approved post back to waiting for votes ("-1 audit record(s) ...
    missing"), and an authorization read as "cannot be trusted"."""
    _append(db, "test.first")
    _append(db, "test.second")
    fired: list[bool] = []

    def another_writer(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001, ANN202, ARG001
        if not fired and "count(" in statement.lower():
            fired.append(True)
            _append(db, "test.concurrent")  # another connection, committed at once

    event.listen(db.engine, "before_cursor_execute", another_writer)
    try:
        with db.read() as session:
            missing = audit.missing_after(session, 1)
    finally:
        event.remove(db.engine, "before_cursor_execute", another_writer)
    assert fired
    assert missing == 0


# --- the HTTP server's protocol -------------------------------------------------------------


async def _echo(request):  # noqa: ANN001, ANN202 - a Starlette endpoint that reads the body
    from starlette.responses import PlainTextResponse

    return PlainTextResponse(f"got {len(await request.body())}")


def test_a_pipelined_request_whose_body_is_still_arriving_is_answered() -> None:
    """HTTP/1.1 pipelining: the second request's head and half its body arrive with the
    first request. uvicorn holds the second back (reading paused) until the first is
    answered; the guard's "no keep-alive after an unread body" then looked at the second
    request's cycle, found its body unfinished, and closed the connection: the second
    request was never answered (stock uvicorn answers both)."""
    import socket
    import time

    from starlette.applications import Starlette
    from starlette.routing import Route

    from social_bot.web import server as web_server

    handle = web_server.serve_in_thread(Starlette(routes=[Route("/echo", _echo,
                                                                methods=["POST"])]))
    try:
        with socket.create_connection((handle.host, handle.port), timeout=5) as conn:
            conn.sendall(b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
                         b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n12345")
            answer = b""
            while b"got 5" not in answer:  # the first answer, then the rest of the body
                answer += conn.recv(65536)
            time.sleep(0.2)  # (a bound on the test, not a measure: the close came at once)
            conn.sendall(b"67890")
            while b"got 10" not in answer and (chunk := conn.recv(65536)):
                answer += chunk
    finally:
        handle.stop()
    assert answer.count(b"HTTP/1.1 200") == 2 and b"got 10" in answer


# --- the claim's checks -------------------------------------------------------------------


def test_a_post_sent_back_by_one_claim_check_is_not_failed_by_the_next(
        make_app, monkeypatch) -> None:  # noqa: ANN001
    """The claim's checks ran on after one had sent the post back: the approvals check put
    an approved post back to waiting for votes (here, records deleted from the trail
    between the screen's verdict and the claim, which the authorization check refuses
    too), the consent check then failed the delivery of a post no longer approved, and
    settling it raised "a post that is pending_approval cannot become failed": the lane
    crashed with a traceback and the rest of its batch waited."""
    from sqlalchemy import delete, select
    from test_daemon_helpers import FakePlatforms
    from test_session44_consent import CONFIG, _authorized, screener

    from social_bot import publish_gate
    from social_bot.daemon.publisher import Publisher
    from social_bot.db.models import AuditRecord
    from social_bot.posts import show_post

    app = make_app(screener=screener)
    platforms = FakePlatforms(("facebook",))
    _, post_id = _authorized(app, ("facebook",))
    verdict = publish_gate.screen_verdict

    def tampered_meanwhile(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        result = verdict(*args, **kwargs)
        with app.db.write() as session:
            last_vote = session.scalar(select(AuditRecord.seq).where(
                AuditRecord.action == "approval.recorded").order_by(AuditRecord.seq.desc()))
            session.execute(delete(AuditRecord).where(AuditRecord.seq == last_vote))
        return result

    monkeypatch.setattr(publish_gate, "screen_verdict", tampered_meanwhile)
    result = Publisher(app, platforms, "w1", CONFIG).run_lane("facebook")
    assert platforms["facebook"].texts() == []
    detail = show_post(app, post_id)
    assert detail["status"] == "pending_approval"
    assert "missing from the trail" in (detail["status_reason"] or "")
    assert not result.errors


# --- X credits, tried again every hour ----------------------------------------------------


def test_a_credits_hold_tried_again_is_not_told_in_chat_again(
        box, make_app, monkeypatch) -> None:  # noqa: ANN001, F811
    """Each new try of a delivery held for spent X credits (hourly, session 44) that met
    402 again put another ":double_vertical_bar: Post N is held for x (not failed, not
    retried)" in the channel: one per held post per hour until someone bought credits.
    The hold is told once; its new tries are audited."""
    from datetime import timedelta

    from sqlalchemy import func, select
    from test_session44_lead import held_for_credits

    from social_bot import outbox
    from social_bot.db.models import AuditRecord, OutboxMessage
    from social_bot.notify import render
    from social_bot.posts import show_post

    held = held_for_credits(box, make_app)
    app, clock, publisher, daemon, post_id = (held.app, held.clock, held.publisher,
                                              held.daemon, held.post_id)
    for hour in (1, 2):  # no credits bought: two new tries, each 402 again
        clock.now += timedelta(seconds=600 * hour)
        monkeypatch.setattr("social_bot.db.models.utcnow", lambda now=clock.now: now)
        daemon._retry_credit_holds()
        publisher.run_lane("x")
        assert show_post(app, post_id)["deliveries"][0]["status"] == "held"
    with app.db.read() as session:
        told = session.scalar(select(func.count()).select_from(OutboxMessage).where(
            OutboxMessage.kind == "delivery.held"))
        audited = session.scalar(select(func.count()).select_from(AuditRecord).where(
            AuditRecord.action == "delivery.held"))
        row = session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "delivery.held")).first()
        message = outbox.from_row(row.kind, row.post_id, row.comment_id, row.payload)
    assert audited == 3
    assert told == 1
    # and it no longer says "not retried" before a reason saying it is tried again
    assert "(not failed, tried again by itself)" in render(app, message)["text"]


# --- what a reply's card shows ------------------------------------------------------------


def test_a_reply_card_hides_a_commenter_name_with_a_number(make_app, db) -> None:  # noqa: ANN001
    """A reply's card now shows the comment it answers, flagged or not. The rule that a
    display name with a number in it is not shown ("Maria Lopez 4471823": session 42,
    nothing screens the author field) sat in the flagged branch only, as only flagged
    comments reached chat before: the card named her with the number."""
    import json

    from test_comments_review import published_facebook_post

    from social_bot.chat.guard import post_for_chat
    from social_bot.chat.render import SLACK, post_card, post_summary
    from social_bot.comments import reply_to_comment
    from social_bot.db.models import Comment
    from social_bot.posts import Staff, show_post

    with db.write() as session:
        post = published_facebook_post(session)
        comment = Comment(delivery_id=post.deliveries[0].id, post_id=post.id,
                          platform="facebook", remote_id="200_1", author="Maria Lopez 4471823",
                          text="Are you open on Saturday?", flags=[], state="new")
        session.add(comment)
        session.flush()
        comment_id = comment.id
    app = make_app()
    reply_id, _ = reply_to_comment(app, Staff("Pat Author", "pat"), comment_id,
                                   text="Yes, from nine to noon.")
    detail = post_for_chat(show_post(app, reply_id), app)
    shown = post_summary(detail, 2, SLACK) + json.dumps(post_card(detail, 2))
    assert "Are you open on Saturday?" in shown
    assert "4471823" not in shown and "Maria Lopez" not in shown


# --- two processes with one worker id -----------------------------------------------------


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_a_second_process_with_the_worker_id_leaves_live_claims_alone(make_app) -> None:  # noqa: ANN001
    """A database restart cut the daemon's worker-lock session while its request was in
    flight; a cron `--once` on the same host (the same default worker id) took the lock
    and checked the daemon's claim as its own at once, no lease: nothing found yet, it
    published, and the daemon's request landed too. The lock's re-take (session 44) only
    stops the daemon at its next pass. A claim whose heartbeat is live is now left to its
    process; a previous run's quiet one is still checked without waiting for the lease."""
    from test_daemon_helpers import Clock, FakePlatforms, approved_post
    from test_session44_pgfault import LEASE, _claimed, _cut

    from social_bot.daemon.publisher import Publisher
    from social_bot.daemon.worker_lock import WorkerLock

    app = make_app()
    platforms = FakePlatforms(["facebook"])
    clock = Clock()
    approved_post(app, "Walk-in flu shots on Saturday", ["facebook"])
    running = WorkerLock(app.db, "clinic-a")
    running.acquire()
    second = WorkerLock(app.db, "clinic-a")
    try:
        attempt = _claimed(Publisher(app, platforms, "clinic-a", LEASE, clock=clock),
                           "facebook")  # its request is on its way
        _cut(app.db, running)
        second.acquire()  # got in before the daemon's next pass
        cron = Publisher(app, platforms, "clinic-a", LEASE, clock=clock)
        assert cron.run_lane("facebook").published == 0
        platforms["facebook"].publish(attempt.text)  # the daemon's request lands
        assert platforms["facebook"].texts() == ["Walk-in flu shots on Saturday"]
        # a previous run that died: quiet for half a lease, checked as its own, no lease
        clock.advance(LEASE.lease.total_seconds() * 0.6)
        assert Publisher(app, platforms, "clinic-a", LEASE, clock=clock).in_doubt("facebook")
    finally:
        second.release()
        running.release()


def _first_line(conn) -> bytes:  # noqa: ANN001
    answer = b""
    while b"\r\n" not in answer and (chunk := conn.recv(65536)):
        answer += chunk
    return answer.split(b"\r\n")[0]


def test_a_request_head_over_the_cap_is_refused_however_it_arrives() -> None:
    """The 32 KiB cap on a request's head counted only chunks after which the head was
    still incomplete: 120 KB of headers arriving in one read were served (200), and so
    were 60 KB in two reads on a kept-alive connection (its first chunk was not
    counted). Both are 431 now, and the application never sees them."""
    import socket
    import time

    from starlette.applications import Starlette
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    from social_bot.web import server as web_server

    seen: list[str] = []

    async def ping(request):  # noqa: ANN001, ANN202
        seen.append(request.headers.get("x-pad", "")[:1])
        return PlainTextResponse("ok")

    handle = web_server.serve_in_thread(Starlette(routes=[Route("/ping", ping)]))
    pad = b"GET /ping HTTP/1.1\r\nHost: x\r\nX-Pad: "
    try:
        with socket.create_connection((handle.host, handle.port), timeout=5) as conn:
            conn.sendall(pad + b"a" * 120_000 + b"\r\n\r\n")
            assert _first_line(conn) == b"HTTP/1.1 431 Request Header Fields Too Large"
        with socket.create_connection((handle.host, handle.port), timeout=5) as conn:
            conn.sendall(b"GET /ping HTTP/1.1\r\nHost: x\r\n\r\n")
            answer = b""
            while not answer.endswith(b"ok"):
                answer += conn.recv(65536)
            assert answer.startswith(b"HTTP/1.1 200 OK")
            conn.sendall(pad + b"a" * 30_000)
            time.sleep(0.2)  # two reads (a bound on the test, not a measure)
            conn.sendall(b"a" * 30_000 + b"\r\n\r\n")
            assert _first_line(conn) == b"HTTP/1.1 431 Request Header Fields Too Large"
    finally:
        handle.stop()
    assert seen == [""]  # only the plain request reached the application


# --- writers racing a claim (PostgreSQL locks) -----------------------------------------


def _beside_a_claim(monkeypatch, post_id: int, lane, other) -> dict[str, object]:  # noqa: ANN001
    """Run ``lane`` (a publish lane) until its claim of ``post_id`` holds the post's lock,
    run ``other`` beside it until it waits on that lock, then let the claim go on. Returns
    each one's result or exception. The pause is a bound, not a measure: PostgreSQL looks
    for a deadlock after deadlock_timeout (1 s)."""
    import threading
    import time

    from social_bot.daemon import preflight

    in_claim, go = threading.Event(), threading.Event()

    def paused_in_the_claim(ctx):  # noqa: ANN001, ANN202
        if ctx.post.id == post_id:
            in_claim.set()
            go.wait(10)

    monkeypatch.setattr(preflight, "CHECKS", [*preflight.CHECKS, paused_in_the_claim])
    out: dict[str, object] = {}

    def run(name: str, job) -> None:  # noqa: ANN001
        try:
            out[name] = job()
        except Exception as exc:  # noqa: BLE001 - the test reports it
            out[name] = exc

    first = threading.Thread(target=run, args=("lane", lane))
    first.start()
    assert in_claim.wait(10)
    second = threading.Thread(target=run, args=("other", other))
    second.start()
    time.sleep(1.5)
    go.set()
    first.join(20)
    second.join(20)
    return out


# --- an edited comment while its reply is being claimed -----------------------------------


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_an_edit_recorded_while_its_reply_is_claimed_does_not_deadlock(
        make_app, sandbox, monkeypatch) -> None:  # noqa: ANN001
    """The monitor recorded a comment's edit (an audit record: the head's lock), then
    locked the comment's replies to withdraw them; a claim of one of those replies held
    its post and then wanted the audit head. PostgreSQL: "deadlock detected", and the
    poll's whole batch (the edit, new comments, their flags) rolled back with a traceback.
    Now the poll waits for the claim; the reply being published is left to it (as
    documented), and the edit is recorded."""
    import requests
    from test_session44_replies import EDITED, QUESTION, _approved_reply, _comment, _world

    from social_bot.comments import list_comments

    app, publisher, monitor, remote = _world(make_app, sandbox, "facebook")
    remote_comment = _comment(sandbox, "facebook", remote, QUESTION)
    monitor.run_platform("facebook")
    comment_id = list_comments(app)[0]["id"]
    reply_id = _approved_reply(app, comment_id)
    requests.patch(f"{sandbox.url}/_sandbox/comments/{remote_comment}", timeout=5,
                   json={"text": EDITED})
    out = _beside_a_claim(monkeypatch, reply_id, lambda: publisher.run_lane("facebook"),
                          lambda: monitor.run_platform("facebook"))
    assert not isinstance(out["other"], Exception), out["other"]
    assert out["other"].edited == 1
    assert out["lane"].published == 1


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_the_hourly_credits_retry_does_not_deadlock_with_a_claim(make_app, monkeypatch) -> None:  # noqa: ANN001
    """The credits retry (the running daemon's housekeeping since session 44) released
    held X deliveries one post after another in one transaction: the first one's audit
    record took the audit head, then it waited for the next post, whose LinkedIn delivery
    a lane was claiming (its post locked, the audit head next): "deadlock detected"."""
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import update
    from test_daemon_helpers import FakePlatforms, approved_post
    from test_publish import FAST

    from social_bot.daemon.claims import release_holds
    from social_bot.daemon.publisher import Publisher
    from social_bot.db.models import Delivery
    from social_bot.domain import HoldKind

    app = make_app()
    first = approved_post(app, "Flu shots on Saturday", ["x"])
    second = approved_post(app, "Pharmacy hours change next week", ["x", "linkedin"])
    with app.db.write() as session:
        session.execute(update(Delivery).where(Delivery.platform == "x").values(
            status="held", hold_kind="credits",
            next_attempt_at=datetime.now(UTC) - timedelta(minutes=1)))
    platforms = FakePlatforms(["linkedin"])
    out = _beside_a_claim(
        monkeypatch, second, lambda: Publisher(app, platforms, "w1", FAST).run_lane("linkedin"),
        lambda: release_holds(app, "x", (HoldKind.CREDITS,), actor="daemon:w1",
                              due_by=datetime.now(UTC)))
    assert out["other"] == 2, out["other"]
    assert not out["lane"].errors and out["lane"].published == 1
    assert first < second


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_a_revocation_during_a_claim_does_not_deadlock(make_app, monkeypatch) -> None:  # noqa: ANN001
    """`consent revoke` wrote consent.revoked (the audit head's lock), then locked each
    post resting on the authorization; a publisher claiming one of them (its post locked,
    the audit head next) deadlocked with it on PostgreSQL, and either side could be the
    one aborted: the revocation failed with a database error, or the lane with a
    traceback. The revocation now waits for the claim."""
    from test_daemon_helpers import AUTHOR, FakePlatforms
    from test_session44_consent import CONFIG, _authorized, screener

    from social_bot.consents import revoke_consent
    from social_bot.daemon.publisher import Publisher

    app = make_app(screener=screener)
    cid, post_id = _authorized(app, ("facebook",))
    platforms = FakePlatforms(("facebook",))
    out = _beside_a_claim(
        monkeypatch, post_id, lambda: Publisher(app, platforms, "w1", CONFIG).run_lane("facebook"),
        lambda: revoke_consent(app, AUTHOR, cid, "the patient withdrew it in writing"))
    assert not isinstance(out["other"], Exception), out["other"]
    assert not isinstance(out["lane"], Exception), out["lane"]
    assert not out["lane"].errors
