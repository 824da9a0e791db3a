"""Session 46: the platform facts re-read on 2026-12-06. Graph API v27.0 came out on
2026-11-04 (Meta's developer blog), but the newest Graph version `adapters/versions.py` knew
of was v25.0, so `check` called FACEBOOK_GRAPH_VERSION=v27.0 a PROBLEM ("does not exist"),
the Facebook adapter refused to be built for it and the sandbox refused it."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import requests

from adapters import adapter_class
from adapters.versions import Standing, standing
from social_bot.accounts.inspect import gather
from social_bot.accounts.status import Level, evaluate
from social_bot.sandbox import SandboxServer, sandbox_env, start_sandbox

READ_ON = date(2026, 12, 6)  # the day the sources were read (not the clock)


def test_graph_v27_released_on_2026_11_04_is_live_and_v28_is_not_yet() -> None:
    assert standing("facebook", "v27.0", READ_ON).standing == Standing.LIVE
    assert standing("facebook", "v26.0", READ_ON).standing == Standing.LIVE
    later = standing("facebook", "v28.0", READ_ON)
    assert later.standing == Standing.UNRELEASED
    assert "v27.0" in later.reason and "2026-11-04" in later.reason
    # Graph releases have come 3.2 to 5.3 months apart: v28.0 is believable from February.
    assert standing("facebook", "v28.0", date(2027, 2, 15)).standing == Standing.LIVE
    assert standing("facebook", "v29.0", date(2027, 2, 15)).standing == Standing.UNRELEASED


def test_check_builds_and_the_sandbox_serves_graph_v27(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    machine = [n for n in os.environ if n.startswith(("SOCIALBOT_", "FACEBOOK_"))]
    for name in machine:  # no setting of the machine running the tests leaks in
        monkeypatch.delenv(name)
    monkeypatch.setenv("SOCIALBOT_DATA_DIR", str(tmp_path / "data"))
    with start_sandbox(0, token="sandbox") as box:
        served(box)


def served(box: SandboxServer) -> None:
    env = {**sandbox_env(box.url, "sandbox"), "FACEBOOK_GRAPH_VERSION": "v27.0"}
    status = evaluate(gather("facebook", env, None), datetime.now(UTC))
    assert status.level != Level.PROBLEM, [f.message for f in status.findings]
    [note] = [f for f in status.findings if "v27.0" in f.message]
    assert note.level == Level.NOTE and "sunset date unknown" in note.message
    adapter = adapter_class("facebook").from_env(env, timeout=(1.0, 3.0))
    assert adapter.publish("Flu shots on Saturday mornings").id
    answer = requests.get(box.url + "/facebook/v27.0/me", timeout=5,
                          headers={"Authorization": "Bearer sandbox"})
    assert answer.status_code == 200
