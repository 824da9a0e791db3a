"""Session 45, an outside review of two merged changes: the `policy.changed` trail record and
the total request deadline. Each test replays one attack and failed on the code before its fix.
"""

from __future__ import annotations

import hashlib
import json

import pytest

# -- two processes, two policy files: the trail names the policy each vote was counted under ----

EVE = ('  { name = "Eve Marlow", slack_id = "U09EVE", mattermost_id = "eve", '
       'os_user = "eve" },\n')


@pytest.fixture
def process(db, tmp_path, monkeypatch):
    """An App reading its own policy file, as a chat server or a daemon does."""
    from test_session45_policy import app_reading

    from social_bot import policy_watch

    monkeypatch.setattr(policy_watch, "CHECK_EVERY", 0.0)
    return lambda policy: app_reading(db, tmp_path, policy)


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


def test_a_hold_by_an_approver_added_for_it_names_the_policy(process, policy_file):
    """Approve, reject and a hold's release vote recorded the policy they were counted under;
    placing a hold did not: an approver added to the file to stop one post, and removed after,
    left a hold by someone no policy.changed record ever listed."""
    from conftest import POLICY_TOML
    from test_daemon_helpers import approved_post

    from social_bot.approvals import VerifiedIdentity
    from social_bot.holds import hold

    app = process(policy_file)
    post_id = approved_post(app, "Saturday walk-in hours", ["x"])
    policy_file.write_text(POLICY_TOML.replace("]\n\n[phi]", EVE + "]\n\n[phi]"))
    hold(app, VerifiedIdentity("slack", "U09EVE"), post_id, "check the hours")
    from sqlalchemy import select

    from social_bot.db.models import AuditRecord

    with app.db.read() as session:
        rows = [(r.action, json.loads(r.detail or "{}")) for r in
                session.scalars(select(AuditRecord).order_by(AuditRecord.seq))]
    actions = [a for a, _ in rows]
    named = [d["sha256"] for a, d in rows[:actions.index("post.held")] if a == "policy.changed"]
    assert named[-1] == hashlib.sha256(policy_file.read_bytes()).hexdigest()


def test_the_record_describes_the_file_the_policy_was_read_from(process, policy_file):
    """The record's owner, mode and time were read when it was written, from whatever file
    then stood at the path: a file swapped in after the read lent its facts to the hash of
    the one the vote was counted under."""
    import os

    from conftest import POLICY_TOML

    from social_bot.policy_audit import note_policy

    app = process(policy_file)
    in_force = app.policy
    mode = f"{policy_file.stat().st_mode & 0o777:04o}"
    swapped = policy_file.with_name("swapped.toml")
    swapped.write_text(POLICY_TOML.replace("]\n\n[phi]", EVE + "]\n\n[phi]"))
    os.chmod(swapped, 0o600 if mode != "0600" else 0o640)
    os.utime(swapped, (1_000_000_000, 1_000_000_000))
    os.replace(swapped, policy_file)
    with app.db.write() as session:
        note_policy(app, session, in_force, "Dana Whitfield")
    from sqlalchemy import select

    from social_bot.db.models import AuditRecord

    with app.db.read() as session:
        detail = json.loads(session.scalars(select(AuditRecord.detail).where(
            AuditRecord.action == "policy.changed")).one())
    assert detail["sha256"] == in_force.digest
    assert detail["mode"] == mode and not detail["modified"].startswith("2001-09-09")


# -- the request deadline: it cuts its own request and nothing else --------------------------

class _KeepAlive:
    """A 127.0.0.1 HTTP/1.1 server that keeps connections open. ``/hold`` answers only once
    the test says so, and records which client port asked."""

    def __init__(self) -> None:
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        self.ports: dict[str, int] = {}
        self.held = threading.Event()
        self.go = threading.Event()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                outer.ports[self.path] = self.client_address[1]
                if self.path == "/hold":
                    outer.held.set()
                    outer.go.wait(5)
                body = b'{"ok": true}'
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, args=(0.1,), daemon=True).start()

    def close(self) -> None:
        self.go.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def keepalive():
    server = _KeepAlive()
    yield server
    server.close()


def test_a_deadline_firing_after_its_answer_does_not_cut_the_next_request(keepalive) -> None:
    """The timer can fire between the moment the answer is read (its connection back in the
    pool) and the moment `within` stops watching. It shut that socket down, and another
    thread's request, sent on the same pooled connection meanwhile, was cut: for a write,
    an ambiguous failure to reconcile; for a publish, a delivery in doubt."""
    import threading

    import requests

    from adapters import _deadline
    from adapters._deadline import DeadlineAdapter, DeadlineExceeded, within

    session = requests.Session()
    session.mount("http://", DeadlineAdapter())
    other: dict[str, object] = {}

    def other_thread() -> None:
        try:
            other["status"] = session.get(keepalive.url + "/hold", timeout=(2, 5)).status_code
        except requests.RequestException as exc:
            other["status"] = type(exc).__name__

    def send() -> requests.Response:
        answer = session.get(keepalive.url + "/first", timeout=(2, 5))
        thread = threading.Thread(target=other_thread)
        thread.start()  # takes the connection `answer` just gave back to the pool
        assert keepalive.held.wait(5)
        _deadline._local.watch.fire()  # this request's timer, firing now
        keepalive.go.set()
        thread.join(5)
        return answer

    with pytest.raises(DeadlineExceeded):  # this request's deadline did pass
        within(30, send)
    assert keepalive.ports["/hold"] == keepalive.ports["/first"]  # one pooled connection
    assert other["status"] == 200


def test_a_proxy_that_trickles_its_connect_answer_ends_at_the_deadline() -> None:
    """The deadline watched a connection's socket only once connect() returned, and for an
    https request through a proxy (HTTPS_PROXY) connect() includes reading the proxy's answer
    to CONNECT, each read bounded by the connect timeout alone: a proxy that sent it a byte
    at a time held the call as long as it kept sending (here, until it stopped, 8 s)."""
    import socket
    import threading
    import time

    import requests

    from adapters._deadline import DeadlineAdapter, DeadlineExceeded, within

    stop = threading.Event()
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(5)

    def trickle() -> None:
        with server, server.accept()[0] as conn:
            conn.recv(4096)  # the CONNECT request
            conn.sendall(b"HTTP/1.1 200 Connection established\r\nVia: ")
            ends = time.monotonic() + 8
            while not stop.is_set() and time.monotonic() < ends:
                try:
                    conn.sendall(b"p")
                except OSError:
                    return
                stop.wait(0.25)

    thread = threading.Thread(target=trickle, daemon=True)
    thread.start()
    session = requests.Session()
    session.trust_env = False
    session.mount("https://", DeadlineAdapter())
    proxy = f"http://127.0.0.1:{server.getsockname()[1]}"
    started = time.monotonic()
    try:
        with pytest.raises(DeadlineExceeded):
            within(1.5, lambda: session.get("https://api.linkedin.com/v2/me", timeout=(1, 1),
                                            proxies={"https": proxy}))
        assert time.monotonic() - started < 1.5 + 1.5  # the deadline, and a loaded machine's
    finally:
        stop.set()
        thread.join(10)


# -- the policy watch and SIGHUP --------------------------------------------------------------

class _Hung(Exception):
    pass


def test_sighup_while_the_daemon_reads_its_policy_does_not_hang_it(process, policy_file,
                                                                   monkeypatch):
    """SIGHUP's handler runs on the main thread; it reloaded the policy there, under the
    watch's lock. A SIGHUP arriving while the main thread was itself reading the policy (the
    daemon reads it at start) waited on a lock its own thread held: the daemon hung for good.
    An alarm bounds this test at 3 s."""
    import os
    import signal
    import threading
    import time

    from social_bot import policy_watch
    from social_bot.daemon.runner import Daemon
    from social_bot.settings import load_policy

    app = process(policy_file)
    reads: list[float] = []

    def read_with_a_hangup(settings, required=True, **kw):  # noqa: ANN001, ANN003, ANN202
        reads.append(time.monotonic())
        if len(reads) == 1:
            os.kill(os.getpid(), signal.SIGHUP)
            time.sleep(0.05)  # the handler runs here, on this thread, inside the lock
        return load_policy(settings, required, **kw)

    monkeypatch.setattr(policy_watch, "load_policy", read_with_a_hangup)
    daemon = Daemon(app, worker_id="hup-review", serve_http=False, platforms=())
    monkeypatch.setattr(daemon, "start", lambda: app.policy)
    monkeypatch.setattr(daemon, "stop", lambda timeout=60.0: None)

    def hung(signum, frame):  # noqa: ANN001, ANN202
        raise _Hung

    previous = signal.signal(signal.SIGALRM, hung)
    threading.Timer(0.5, daemon.stopping.set).start()
    signal.setitimer(signal.ITIMER_REAL, 3.0)
    try:
        daemon.run_forever()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    deadline = time.monotonic() + 3
    while len(reads) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert len(reads) == 2  # the SIGHUP's reload did happen, after the start's read
