"""`socialbot connect` attacked (session 45): the loopback listener, the prompts after it,
the Facebook Page token, the credential file, and replies after an account change. Over real
HTTP against the sandbox; each case failed on the code before."""

from __future__ import annotations

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

from social_bot.accounts import loopback
from social_bot.accounts.loopback import LoopbackReceiver
from social_bot.accounts.store import CredentialStore
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
    pasted = real.replace(query["state"], query["state"][:-1] + "x")
    proc.stdin.write(pasted + "\n")
    proc.stdin.flush()
    code, _out, err = finish(proc)
    assert code == 2
    assert err.strip().splitlines()[-1] == (
        "error: exchanging the authorization code: the answer's state does not match the "
        "request (a stale or forged redirect); run connect again")
    assert query["code"] not in err
    assert not (tmp_path / "data" / "credentials.json").exists()
