"""`socialbot connect` attacked (session 45): the loopback listener, the prompts after it,
the Facebook Page token, the credential file, and replies after an account change. Over real
HTTP against the sandbox; each case failed on the code before."""

from __future__ import annotations

import io
import os
import pty
import re
import select
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
import requests
from test_accounts_cycle import Browser, grant, world  # noqa: F401
from test_accounts_cycle import connect as connect_in_process
from test_daemon_helpers import approved_post

from social_bot.accounts import loopback
from social_bot.accounts.connect import connect_linkedin
from social_bot.accounts.loopback import LoopbackReceiver
from social_bot.accounts.store import CredentialStore
from social_bot.approvals import VerifiedIdentity, approve
from social_bot.comments import list_comments, reply_to_comment
from social_bot.daemon.runner import Daemon
from social_bot.db.models import Delivery
from social_bot.posts import Staff, show_post
from social_bot.sandbox.oauth import oauth_env

URL_RE = re.compile(r"(http://127\.0\.0\.1:\d+/\S+)")


@pytest.fixture
def env(sandbox, tmp_path: Path) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items()
            if not k.startswith(("LINKEDIN_", "FACEBOOK_", "X_", "SOCIALBOT_"))}
    return {**base, **oauth_env(sandbox.url), "SOCIALBOT_DATA_DIR": str(tmp_path / "data")}


def start(env: dict[str, str], *args: str, stdin: int | None = subprocess.PIPE,
          ) -> tuple[subprocess.Popen, str]:
    """`socialbot connect ARGS --no-browser` started; the consent address it printed."""
    proc = subprocess.Popen([sys.executable, "-m", "social_bot", "connect", *args,
                             "--no-browser", "--timeout", "20"], env=env, text=True,
                            stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    for line in proc.stderr:
        if match := URL_RE.search(line):
            return proc, match[1]
    proc.kill()
    raise AssertionError(f"no consent address; exit {proc.wait()}")


def redirect_of(consent: str) -> str:
    """The address the platform sends the browser back to (consent approved at once)."""
    answer = requests.get(consent, timeout=10, allow_redirects=False)
    assert answer.status_code == 302
    return answer.headers["Location"]


def finish(proc: subprocess.Popen, seconds: float = 20) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=seconds)
    return proc.returncode, out, err


# -- the loopback listener ------------------------------------------------------------------


def test_requests_that_are_not_this_runs_answer_leave_the_listener_waiting(env, tmp_path):
    """Any web page open in the browser can make it fetch http://127.0.0.1:PORT/callback
    (the port is fixed and documented); before, the first such request ended `connect`
    ("the answer's state does not match") and the real redirect met a closed port."""
    proc, consent = start(env, "linkedin", "--org", "5515715")
    real = redirect_of(consent)
    parts = urlsplit(real)
    base = f"{parts.scheme}://{parts.netloc}"
    refused = [
        requests.get(f"{base}/callback?error=access_denied&state=guessed", timeout=5),
        requests.get(f"{base}/callback?code=attackers-code", timeout=5),  # no state
        requests.get(f"{base}/callback?{parts.query}&state=second", timeout=5),  # two
        requests.get(f"{base}/", timeout=5),
        # a DNS-rebound name carrying the right state (as if read off the screen)
        requests.get(real, headers={"Host": f"rebind.example:{parts.port}"}, timeout=5),
    ]
    assert [r.status_code for r in refused] == [400, 400, 400, 404, 400]
    assert all(b"received the answer" not in r.content for r in refused)
    assert requests.get(real, timeout=5).status_code == 200
    code, out, err = finish(proc)
    assert code == 0, err
    assert "connected linkedin as Sandbox Practice (organization 5515715)" in out
    assert (tmp_path / "data" / "credentials.json").exists()


def test_only_one_answer_is_taken():
    with LoopbackReceiver(0, "the-state") as receiver:
        url = f"{receiver.redirect_uri}?code=c1&state=the-state"
        assert requests.get(url, timeout=5).status_code == 200
        assert requests.get(url.replace("c1", "c2"), timeout=5).status_code == 400
        assert receiver.wait(5).endswith("code=c1&state=the-state")


def test_a_silent_connection_does_not_hold_the_listener():
    """One connection that sends nothing held the single-threaded listener until the
    person's timeout (300 s); now it is dropped after loopback.REQUEST_SECONDS."""
    with LoopbackReceiver(0, "s") as receiver:
        port = int(urlsplit(receiver.redirect_uri).port)
        silent = socket.create_connection(("127.0.0.1", port))
        try:
            started = time.monotonic()
            answer = requests.get(f"{receiver.redirect_uri}?code=c&state=s",
                                  timeout=loopback.REQUEST_SECONDS + 5)
            assert answer.status_code == 200
            assert time.monotonic() - started < loopback.REQUEST_SECONDS + 4
        finally:
            silent.close()


def test_the_organization_prompt_takes_the_first_answer(env, tmp_path):
    """On a terminal, a thread left reading standard input for a pasted address took the
    first answer to "Which organization (1-2)?", so the prompt seemed to ignore it."""
    leader, follower = pty.openpty()
    try:
        proc, consent = start(env, "linkedin", stdin=follower)
        assert requests.get(consent, timeout=10).status_code == 200  # browser and redirect
        deadline = time.monotonic() + 15
        seen = ""
        fd = proc.stderr.fileno()
        while "Which organization" not in seen and time.monotonic() < deadline:
            if select.select([fd], [], [], 0.1)[0]:
                seen += os.read(fd, 4096).decode()
        assert "Which organization (1-2)?" in seen
        os.write(leader, b"2\n")
        try:
            code, out, err = finish(proc, 10)
        except subprocess.TimeoutExpired:
            proc.kill()
            pytest.fail("the first answer to the prompt was not taken")
    finally:
        os.close(leader)
        os.close(follower)
    assert code == 0, err
    assert "Sandbox Second Clinic (organization 5515716)" in out
    stored = CredentialStore(tmp_path / "data").get("linkedin")
    assert stored.values["LINKEDIN_ORG_ID"] == "5515716"


def test_a_pasted_address_with_another_state_is_refused(env, tmp_path):
    proc, consent = start(env, "linkedin", "--org", "5515715")
    real = redirect_of(consent)
    query = dict(parse_qsl(urlsplit(real).query))
    other = "y" if query["state"].endswith("x") else "x"  # a state ending in "x" stayed right
    pasted = real.replace(query["state"], query["state"][:-1] + other)
    proc.stdin.write(pasted + "\n")
    proc.stdin.flush()
    code, _out, err = finish(proc)
    assert code == 2
    assert err.strip().splitlines()[-1] == (
        "error: exchanging the authorization code: the answer's state does not match the "
        "request (a stale or forged redirect); run connect again")
    assert query["code"] not in err
    assert not (tmp_path / "data" / "credentials.json").exists()


# -- a reply after the account changed --------------------------------------------------------


def test_a_reply_is_not_sent_as_another_account_under_the_old_accounts_post(world):  # noqa: F811
    """Open since session 44: a reply went out from the account the daemon posts to now,
    onto a comment under a post made from the old one. Here LinkedIn moved from organization
    5515715 to 5515716 (`connect --org`, or LINKEDIN_ORG_ID changed) and a reply approved
    afterwards went out as Sandbox Second Clinic under Sandbox Practice's post."""
    app, url = world
    grant(url, "linkedin", expires_in=60 * 86400)
    connect_in_process(app, "linkedin")  # organization 5515715
    post_id = approved_post(app, "Saturday walk-in hours start next week.", ["linkedin"])
    Daemon(app, platforms=("linkedin",), serve_http=False).run_once()
    [parent] = show_post(app, post_id)["deliveries"]
    assert parent["status"] == "published" and parent["account"] == "organization 5515715"
    requests.post(f"{url}/_sandbox/comments", timeout=5, json={
        "platform": "linkedin", "post_id": parent["remote_id"], "author": "casey",
        "text": "Are the Saturday hours for new patients too?"}).raise_for_status()
    with app.db.write() as session:  # its next poll is due now, not in a minute
        session.query(Delivery).update({"comments_polled_at": None})
    Daemon(app, platforms=("linkedin",), serve_http=False).run_once()
    [comment] = list_comments(app)

    console = Browser(out=io.StringIO(), stdin=io.StringIO(), open_browser=False, timeout=20)
    CredentialStore(app.settings.data_dir).save(
        connect_linkedin(app.settings.env, console, org="5515716"))
    daemon = Daemon(app, platforms=("linkedin",), serve_http=False)
    daemon.warm_up()  # the chat endpoint's account watch: the approval records 5515716
    daemon.worker_lock.release()
    reply_id, _ = reply_to_comment(app, Staff("Pat Author", "pat"), comment["id"],
                                   text="Yes, new patients are welcome on Saturdays.")
    for approver in ("U01DANA", "U02LUIS"):
        approve(app, VerifiedIdentity("slack", approver), reply_id)
    Daemon(app, platforms=("linkedin",), serve_http=False).run_once()

    [delivery] = show_post(app, reply_id)["deliveries"]
    assert delivery["status"] == "failed"
    assert delivery["last_error"] == (
        f"comment {comment['id']} is under a post made as organization 5515715, and linkedin "
        "now posts as organization 5515716; nothing was sent: answer it from organization "
        "5515715 by hand")
    replies = [c for c in requests.get(f"{url}/_sandbox/comments", timeout=5).json()
               if c.get("parent_id")]
    assert replies == []


# -- which account: the environment's id, and the Page token Graph gave ---------------------


def follow(proc: subprocess.Popen, consent: str) -> tuple[int, str, str]:
    """The browser: consent, and back to the listener; then the command's end."""
    assert requests.get(consent, timeout=10).status_code == 200
    return finish(proc)


def test_the_environments_page_id_is_the_page_connected(env, tmp_path):
    """FACEBOOK_PAGE_ID in the environment wins over the stored one. Before, connect chose
    (here: the only Page with CREATE_CONTENT) and stored another Page's token, so the
    daemon would post with Page ...001's token to Page ...002."""
    code, out, err = follow(*start({**env, "FACEBOOK_PAGE_ID": "100000000000002"},
                                   "facebook"))
    assert code == 2, out
    assert err.strip().splitlines()[-1] == (
        "error: the environment's FACEBOOK_PAGE_ID 100000000000002 is not one of the Pages "
        "you can use: 100000000000001 (Sandbox Practice)")
    assert not (tmp_path / "data" / "credentials.json").exists()


def test_an_option_against_the_environment_is_refused_before_the_consent(env, tmp_path):
    done = subprocess.run([sys.executable, "-m", "social_bot", "connect", "facebook", "--page",
                           "100000000000001", "--no-browser", "--timeout", "5"],
                          env={**env, "FACEBOOK_PAGE_ID": "100000000000002"}, text=True,
                          stdin=subprocess.DEVNULL, capture_output=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr == (
        "error: --page 100000000000001, but FACEBOOK_PAGE_ID=100000000000002 in the "
        "environment wins over what connect stores; unset FACEBOOK_PAGE_ID or choose "
        "100000000000002\n")
    assert not (tmp_path / "data" / "credentials.json").exists()


def test_the_environments_organization_is_chosen_without_asking(env, tmp_path):
    """Two organizations, no terminal: before, "several organizations; choose one with
    --org" although LINKEDIN_ORG_ID already said which one the adapters use."""
    code, out, err = follow(*start({**env, "LINKEDIN_ORG_ID": "5515716"}, "linkedin"))
    assert code == 0, err
    assert "Sandbox Second Clinic (organization 5515716)" in out
    stored = CredentialStore(tmp_path / "data").get("linkedin")
    assert stored.values["LINKEDIN_ORG_ID"] == "5515716"


GOOD_PAGE = {"is_valid": True, "app_id": "4242", "type": "PAGE", "profile_id": "777"}


@pytest.mark.parametrize(("facts", "problem"), [
    (GOOD_PAGE, None),
    ({**GOOD_PAGE, "is_valid": False}, "Graph gave no valid token for Page 777"),
    ({}, "Graph gave no valid token for Page 777"),
    ({**GOOD_PAGE, "app_id": "9999"},
     "the token for Page 777 was issued to another app, not FACEBOOK_APP_ID"),
    ({**GOOD_PAGE, "profile_id": "778"}, "the token Graph gave for Page 777 is not that Page's"),
    ({**GOOD_PAGE, "type": "USER"}, "the token Graph gave for Page 777 is not that Page's"),
])
def test_a_page_token_is_stored_only_if_debug_token_says_it_is_ours(facts, problem):
    from social_bot.accounts import connect as flows

    assert flows.page_token_problem(facts, "4242", "777") == problem


# -- the credentials file -----------------------------------------------------------------


def _stored_elsewhere(tmp_path: Path) -> Path:
    """A valid credentials.json somewhere else (what a link would point to)."""
    from social_bot.accounts.store import Credential

    other = CredentialStore(tmp_path / "elsewhere")
    other.save(Credential(platform="x", values={"X_ACCESS_TOKEN": "t0ken-of-someone",
                                                "X_ACCESS_TOKEN_SECRET": "s3cret-of-someone"},
                          account="@someone_else"))
    return other.path


def test_a_symbolic_link_at_the_credentials_path_is_not_followed(tmp_path):
    from social_bot.accounts.store import CredentialFileError

    store = CredentialStore(tmp_path / "data")
    store.data_dir.mkdir(mode=0o700)
    store.path.symlink_to(_stored_elsewhere(tmp_path))
    with pytest.raises(CredentialFileError) as caught:
        store.load_all()
    assert str(caught.value).endswith("credentials.json is a symbolic link; socialbot reads "
                                      "only the file it wrote there: remove the link and run "
                                      "`socialbot connect` again")
    assert "t0ken" not in str(caught.value) and "/" not in caught.value.reason


def test_a_credentials_file_of_another_user_is_not_used(tmp_path, monkeypatch):
    """Root reads any file: a daemon run as root took another user's file (their tokens,
    their Page) when that user could write to the data directory."""
    from social_bot.accounts.store import CredentialFileError

    path = _stored_elsewhere(tmp_path)
    monkeypatch.setattr(os, "geteuid", lambda: os.stat(path).st_uid + 1)
    with pytest.raises(CredentialFileError) as caught:
        CredentialStore(path.parent).get("x")
    assert f"is owned by another user (uid {os.stat(path).st_uid})" in str(caught.value)
    assert "s3cret" not in str(caught.value)


# -- names from the platform on the terminal ----------------------------------------------


class Typed(io.StringIO):
    """A terminal with one answer typed."""

    def isatty(self) -> bool:
        return True


def test_an_organization_name_cannot_drive_the_terminal():
    """Organization and Page names are whatever their admins typed; they were printed raw
    in the list `connect` asks from, so an escape sequence in one (here: set the window
    title, then erase the line) acted on the operator's terminal."""
    from social_bot.accounts.connect import Console

    out = io.StringIO()
    console = Console(out=out, stdin=Typed("2\n"), open_browser=False)
    chosen = console.choose("organization", [("5515715", "Northside"),
                                             ("666", "Evil\x1b]0;pwned\x07\x1b[2K Clinic")],
                            None, "--org")
    assert chosen[0] == "666"
    assert "\x1b" not in out.getvalue() and "\x07" not in out.getvalue()
    assert "2. Evil" in out.getvalue() and "Clinic (666)" in out.getvalue()


def test_the_code_pasted_alone_says_to_paste_the_whole_address(env):
    """Before: "the answer's state does not match the request (a stale or forged redirect)",
    for a person who had copied only the code."""
    proc, consent = start(env, "linkedin", "--org", "5515715")
    real = redirect_of(consent)
    proc.stdin.write(dict(parse_qsl(urlsplit(real).query))["code"] + "\n")
    proc.stdin.flush()
    code, _out, err = finish(proc)
    assert code == 2
    last = err.strip().splitlines()[-1]
    assert last.startswith("error: paste the whole address the browser was sent to "
                           "(http://127.0.0.1:") and last.endswith(
        "/callback?code=...&state=...); run connect again")


def _trickle(port: int, every: float, stop_after: float) -> tuple[socket.socket, list[float]]:
    """A client sending a request line a byte at a time; `cut` gets the time the listener
    closed the connection (session 50 attack review, finding 5)."""
    import threading

    conn = socket.create_connection(("127.0.0.1", port))
    conn.sendall(b"GET /callback?x")
    cut: list[float] = []
    started = time.monotonic()

    def run() -> None:
        while time.monotonic() - started < stop_after:
            time.sleep(every)
            try:
                conn.sendall(b"x")
            except OSError:
                cut.append(time.monotonic() - started)
                return

    threading.Thread(target=run, daemon=True).start()
    return conn, cut


def test_a_trickling_client_neither_blocks_the_redirect_nor_outlives_the_deadline(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """REQUEST_SECONDS was a per-read timeout on a one-at-a-time listener: a byte every
    0.3 s kept one client's request open and the browser's redirect got no answer."""
    monkeypatch.setattr(loopback, "REQUEST_SECONDS", 1.5)
    with LoopbackReceiver(0, "s") as receiver:
        port = int(urlsplit(receiver.redirect_uri).port)
        conn, cut = _trickle(port, every=0.3, stop_after=8.0)
        try:
            time.sleep(0.5)
            started = time.monotonic()
            answer = requests.get(f"{receiver.redirect_uri}?code=c&state=s", timeout=1.0)
            assert answer.status_code == 200 and time.monotonic() - started < 1.0
            assert receiver.wait(1).endswith("code=c&state=s")
            for _ in range(40):  # the trickle is cut near the 1.5 s deadline, not at 8 s
                if cut:
                    break
                time.sleep(0.1)
            assert cut and cut[0] < 4.0, cut
        finally:
            conn.close()


def test_two_right_answers_at_once_give_one_redirect() -> None:
    from concurrent.futures import ThreadPoolExecutor

    with LoopbackReceiver(0, "s") as receiver:
        url = f"{receiver.redirect_uri}?code=c&state=s"
        with ThreadPoolExecutor(8) as pool:
            codes = sorted(pool.map(lambda _: requests.get(url, timeout=5).status_code,
                                    range(8)))
        assert codes == [200] + [400] * 7
        assert receiver.wait(1).endswith("code=c&state=s")
