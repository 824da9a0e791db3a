"""The daemon process: wake-up on approval, JSON logs without secrets, `socialbot daemon`
over real HTTP (--once; and SIGTERM with the chat endpoint's /metrics and /healthz)."""

from __future__ import annotations

import io
import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter

import pytest
import requests
from test_daemon_helpers import ALL, FakePlatforms, approved_post

from social_bot import events, logs
from social_bot.daemon.config import DaemonConfig
from social_bot.daemon.runner import Daemon
from social_bot.posts import show_post
from social_bot.sandbox import sandbox_env, start_sandbox

# Bounds against a hung process, not speed targets (those are benchmarks under bench/).
LIVENESS = 90


@pytest.fixture
def sandbox():  # noqa: ANN201
    server = start_sandbox(0)
    yield server
    server.stop()


@pytest.mark.timeout(180)
def test_an_approval_in_process_wakes_the_publisher(make_app) -> None:  # noqa: ANN001
    """An ordering, not a stopwatch: the scheduled passes are an hour apart, so once the
    passes at start have run (empty), only the approval's wake-up can publish the post
    before the test gives up. How fast the wake-up is: bench/publish_latency.py."""
    app = make_app()
    fakes = FakePlatforms()
    config = DaemonConfig(publish_interval=3600, poll_tick=3600, housekeeping_interval=3600)
    daemon = Daemon(app, worker_id="wake", config=config, serve_http=False,
                    publish_adapters=fakes, poll_adapters=fakes)
    passes: list[tuple[str, int]] = []  # (platform, posts on it after the pass), in order
    done = threading.Condition()
    real_run_lane = daemon.publisher.run_lane

    def counted_run_lane(platform: str) -> object:
        try:
            return real_run_lane(platform)
        finally:
            with done:
                passes.append((platform, len(fakes[platform].texts())))
                done.notify_all()

    def lanes_ran(times: int) -> bool:
        return all(sum(p == n for p, _ in passes) >= times for n in ALL)

    daemon.publisher.run_lane = counted_run_lane  # type: ignore[method-assign]
    woken: list[int] = []

    def on_approved(post_id: int, **_: object) -> None:
        woken.append(post_id)

    events.subscribe("post_approved", on_approved)
    daemon.start()
    try:
        with done:  # a bound against a hung daemon, far below the hour between passes
            assert done.wait_for(lambda: lanes_ran(1), timeout=LIVENESS)
        assert passes == [(p, 0) for p, _ in passes]  # the passes at start found nothing
        post_id = approved_post(app, "Same-day appointments now open")
        with done:
            assert done.wait_for(lambda: lanes_ran(2), timeout=LIVENESS)
    finally:
        daemon.stop()
        events.unsubscribe("post_approved", on_approved)
    assert woken == [post_id]
    assert all(fakes[n].texts() == ["Same-day appointments now open"] for n in ALL)
    for name in ALL:  # each lane: one empty pass at start, then the woken pass published
        assert [count for p, count in passes if p == name][:2] == [0, 1]
    assert show_post(app, post_id)["status"] == "published"


def test_log_lines_are_json_and_mask_secrets() -> None:
    stream = io.StringIO()
    logs.configure("INFO", stream, env={"FACEBOOK_PAGE_TOKEN": "EAAB-very-secret",
                                        "DATABASE_URL": "postgresql://u:pw@db/x"})
    try:
        logger = logging.getLogger("socialbot.test")
        logs.event(logger, "delivery.failed", post_id=7, platform="facebook",
                   reason="token EAAB-very-secret rejected by postgresql://u:pw@db/x")
        try:
            raise ValueError("boom\nsecond line EAAB-very-secret")
        except ValueError:
            logger.exception("job.failed")
    finally:
        logs.configure("WARNING")
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert first["event"] == "delivery.failed" and first["post_id"] == 7
    assert "EAAB-very-secret" not in stream.getvalue() and ":pw@" not in stream.getvalue()
    assert "***" in first["reason"]
    assert second["error"].startswith("ValueError")


def _daemon_env(cli_env: dict[str, str], url: str, **extra: str) -> dict[str, str]:
    return {**cli_env, **sandbox_env(url), "SOCIALBOT_HTTP_PORT": "0",
            "SOCIALBOT_PUBLISH_INTERVAL": "0.5", "SOCIALBOT_POLL_TICK": "0.5",
            "SOCIALBOT_POLL_INTERVAL": "0.5", "SOCIALBOT_READ_TIMEOUT": "5",
            "SOCIALBOT_CONNECT_TIMEOUT": "2", "SOCIALBOT_CLAIM_LEASE": "30", **extra}


@pytest.mark.timeout(120)
def test_daemon_once_publishes_and_ingests_comments(make_app, cli_env, sandbox) -> None:  # noqa: ANN001
    app = make_app()
    post_id = approved_post(app, "Our new clinic hours start Monday")
    env = _daemon_env(cli_env, sandbox.url)
    command = [sys.executable, "-m", "social_bot", "daemon", "--once", "--worker-id", "cron"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr[-2000:]
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert summary["published"] == 3
    detail = show_post(app, post_id)
    assert detail["status"] == "published"
    remote = {d["platform"]: d["remote_id"] for d in detail["deliveries"]}
    for name in ("facebook", "x"):
        requests.post(f"{sandbox.url}/_sandbox/comments", timeout=5, json={
            "platform": name, "post_id": remote[name], "text": "Go to hell you morons",
            "author": "troll"}).raise_for_status()
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr[-2000:]
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert summary["published"] == 0
    assert summary["comments_stored"] == 2 and summary["comments_hidden"] == 2
    hidden = [c for c in requests.get(f"{sandbox.url}/_sandbox/comments", timeout=5).json()
              if c["hidden"]]
    assert len(hidden) == 2
    for line in done.stderr.splitlines():
        json.loads(line)  # every log line is one JSON object
    assert "sandbox" not in done.stderr.replace("sandbox_", "")  # the token never shows


@pytest.mark.timeout(120)
def test_sigterm_stops_cleanly_and_serves_metrics(make_app, cli_env, sandbox) -> None:  # noqa: ANN001
    app = make_app()
    ids = [approved_post(app, f"Open enrolment reminder {n}") for n in range(3)]
    env = _daemon_env(cli_env, sandbox.url)
    proc = subprocess.Popen([sys.executable, "-m", "social_bot", "daemon", "--worker-id", "t"],
                            env=env, stderr=subprocess.PIPE, text=True)
    try:
        url = None
        deadline = time.monotonic() + 60
        while url is None and time.monotonic() < deadline:
            line = proc.stderr.readline()
            if not line:
                break
            record = json.loads(line)
            if record["event"] == "daemon.started":
                url = record["url"]
        assert url, "daemon did not start"
        while time.monotonic() < deadline:
            if all(show_post(app, i)["status"] == "published" for i in ids):
                break
            time.sleep(0.1)
        assert requests.get(f"{url}/healthz", timeout=5).json()["status"] == "ok"
        body = requests.get(f"{url}/metrics", timeout=5).text
        assert 'socialbot_deliveries_published_total{platform="x"} 3.0' in body
        assert "socialbot_publish_queue_depth" in body
        proc.send_signal(signal.SIGTERM)
        _, rest = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0
    logged = Counter(json.loads(line)["event"] for line in rest.splitlines())
    assert logged["daemon.stopped"] == 1
    posts = requests.get(f"{sandbox.url}/_sandbox/posts", timeout=5).json()
    assert all(len(posts[name]) == 3 for name in ALL)


def test_module_entry_point_exists() -> None:
    assert os.path.exists(os.path.join(os.path.dirname(logs.__file__), "__main__.py"))
