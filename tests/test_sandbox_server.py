"""The sandbox server itself: control endpoints, the platforms' error shapes on the wire,
thread safety, clean start and stop, and the `socialbot sandbox` command."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator

import pytest
import requests

from adapters import adapter_class
from adapters.base import TransientError
from social_bot.sandbox import SandboxServer, sandbox_env, start_sandbox


@pytest.fixture()
def sandbox() -> Iterator[SandboxServer]:
    with start_sandbox(0, token="sandbox", fault_delay=0.5) as server:
        yield server


def test_listens_on_loopback_only(sandbox: SandboxServer) -> None:
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+", sandbox.url)
    assert sandbox.port > 0


def test_stop_releases_the_port() -> None:
    server = start_sandbox(0)
    port = server.port
    server.stop()
    with socket.socket() as probe:
        probe.settimeout(1)
        assert probe.connect_ex(("127.0.0.1", port)) != 0


def test_stop_wakes_a_request_held_by_a_timeout_fault() -> None:
    server = start_sandbox(0, fault_delay=20)
    env = sandbox_env(server.url, server.token)
    requests.post(
        server.url + "/_sandbox/faults",
        json={"platform": "x", "mode": "timeout", "every": 1},
        timeout=5,
    )
    woken = _RecordingEvent()  # the flag the held handler sleeps on
    server._httpd.stopping = woken
    adapter = adapter_class("x").from_env(env, timeout=(1, 0.3))
    with pytest.raises(TransientError):
        adapter.publish("held")
    server.stop()
    # An event, not a stopwatch: the held handler's wait returned because stop() set the
    # flag (True), not because its 20 s ran out (False).
    assert woken.returned.wait(60), "the held request never woke"
    assert woken.results == [True]


class _RecordingEvent(threading.Event):
    """An Event that records what each wait() returned (True: set, False: timed out)."""

    def __init__(self) -> None:
        super().__init__()
        self.results: list[bool] = []
        self.returned = threading.Event()

    def wait(self, timeout: float | None = None) -> bool:
        result = super().wait(timeout)
        self.results.append(result)
        self.returned.set()
        return result


def test_linkedin_wire_errors(sandbox: SandboxServer) -> None:
    url = sandbox.url + "/linkedin/rest/posts"
    bad = requests.post(url, json={}, headers={"Authorization": "Bearer nope"}, timeout=5)
    assert bad.status_code == 401 and bad.json()["code"] == "INVALID_ACCESS_TOKEN"
    no_version = requests.post(url, json={}, headers={"Authorization": "Bearer sandbox"}, timeout=5)
    assert no_version.status_code == 400 and no_version.json()["code"] == "VERSION_MISSING"


def test_facebook_wire_errors(sandbox: SandboxServer) -> None:
    url = sandbox.url + "/facebook/v25.0/100000000000001/feed"
    bad = requests.post(url, data={"message": "hi", "access_token": "nope"}, timeout=5)
    error = bad.json()["error"]
    assert bad.status_code == 400 and error["code"] == 190 and error["type"] == "OAuthException"
    ok = requests.post(url, data={"message": "hi", "access_token": "sandbox"}, timeout=5)
    assert ok.status_code == 200 and ok.json()["id"].startswith("100000000000001_")


def test_x_requires_an_oauth1_shaped_header(sandbox: SandboxServer) -> None:
    url = sandbox.url + "/x/2/users/me"
    bearer = requests.get(url, headers={"Authorization": "Bearer sandbox"}, timeout=5)
    assert bearer.status_code == 401 and bearer.json()["title"] == "Unauthorized"
    half = 'OAuth oauth_consumer_key="sandbox", oauth_token="sandbox"'
    assert requests.get(url, headers={"Authorization": half}, timeout=5).status_code == 401


def test_control_endpoints_validate_input(sandbox: SandboxServer) -> None:
    faults = sandbox.url + "/_sandbox/faults"
    assert (
        requests.post(faults, json={"platform": "x", "mode": "boom"}, timeout=5).status_code == 400
    )
    assert (
        requests.post(faults, json={"platform": "myspace", "mode": "500"}, timeout=5).status_code
        == 400
    )
    missing = requests.post(
        sandbox.url + "/_sandbox/comments",
        json={"platform": "x", "post_id": "1", "text": "hi"},
        timeout=5,
    )
    assert missing.status_code == 404
    assert requests.get(sandbox.url + "/_sandbox/nothing", timeout=5).status_code == 404


def test_reset_forgets_posts_comments_and_faults(sandbox: SandboxServer) -> None:
    adapter = adapter_class("facebook").from_env(sandbox_env(sandbox.url, "sandbox"))
    post = adapter.publish("before reset")
    requests.post(
        sandbox.url + "/_sandbox/comments",
        timeout=5,
        json={"platform": "facebook", "post_id": post.id, "text": "c", "author": "a"},
    )
    requests.post(
        sandbox.url + "/_sandbox/faults",
        timeout=5,
        json={"platform": "facebook", "mode": "500", "every": 3},
    )
    requests.post(sandbox.url + "/_sandbox/reset", timeout=5)
    assert requests.get(sandbox.url + "/_sandbox/posts", timeout=5).json()["facebook"] == []
    assert requests.get(sandbox.url + "/_sandbox/comments", timeout=5).json() == []
    for i in range(4):
        adapter.publish(f"after reset {i}")  # no fault left to hit the third


def test_concurrent_publishing_keeps_every_post(sandbox: SandboxServer) -> None:
    env = sandbox_env(sandbox.url, "sandbox")
    errors: list[BaseException] = []
    ids: list[str] = []
    lock = threading.Lock()

    def worker(n: int) -> None:
        adapter = adapter_class("linkedin").from_env(env, timeout=(2, 5))
        try:
            for i in range(5):
                post = adapter.publish(f"thread {n} post {i}")
                with lock:
                    ids.append(post.id)
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert len(ids) == 40 and len(set(ids)) == 40
    assert len(requests.get(sandbox.url + "/_sandbox/posts", timeout=5).json()["linkedin"]) == 40


def test_cli_serves_until_sigterm() -> None:
    code = "from social_bot.cli.sandbox_cmd import sandbox; sandbox()"
    proc = subprocess.Popen(
        [sys.executable, "-c", code, "--port", "0"],
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "SOCIALBOT_SANDBOX_TOKEN": "cli-token"},
    )
    try:
        first = proc.stderr.readline()
        match = re.search(r"http://127\.0\.0\.1:\d+", first)
        assert match, first
        lines: list[str] = []  # the settings are on stdout since session 49
        while len(lines) < 40 and lines[-1:] != [""]:
            lines.append(proc.stdout.readline())
            if lines[-1].startswith("# FACEBOOK_APP_SECRET="):
                break
        assert "X_CONSUMER_KEY=cli-token\n" in lines
        assert f"X_API_BASE={match.group(0)}/x\n" in lines
        # what `socialbot connect` needs against this sandbox is printed too, commented out
        assert f"# LINKEDIN_AUTH_BASE={match.group(0)}/linkedin\n" in lines
        assert "# FACEBOOK_APP_SECRET=cli-token\n" in lines
        posts = requests.get(match.group(0) + "/_sandbox/posts", timeout=5).json()
        assert posts == {"linkedin": [], "facebook": [], "x": []}
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
        assert "sandbox stopped" in proc.stderr.read()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=5)
